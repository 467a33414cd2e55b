#!/usr/bin/env bash
# A local Spark Connect server for the live tests, CI and benchmarks.
#
#   scripts/spark-server.sh start  [--spark 4|3.5] [--cluster] [--name NAME] [--token TOKEN] [--conf key=value]...
#   scripts/spark-server.sh status [--name NAME]     prints SPARK_REMOTE=sc://127.0.0.1:<port> when it runs
#   scripts/spark-server.sh stop   [--name NAME]
#
# Spark 4 (default) comes from the pinned pyspark of scripts/python-requirements.txt (.venv, made by
# scripts/python-env.sh), whose jars include the Connect server. Spark 3.5 comes from a pinned
# pyspark 3.5 in .venv-spark35 plus the spark-connect jar of the same version from Maven Central.
# --cluster also starts a standalone master and two one-core workers on 127.0.0.1 and points the
# server at them. Everything a server leaves (pids, port, logs) is under .spark/<name>/.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
SPARK35_VERSION=3.5.7
START_TIMEOUT_SECONDS="${SPARK_SERVER_START_TIMEOUT:-180}"

fail() {
  echo "spark-server: $*" >&2
  exit 3
}

command="${1:-}"
[ -n "$command" ] || fail "usage: spark-server.sh start|stop|status [--spark 4|3.5] [--cluster] [--name NAME] [--token TOKEN] [--conf key=value]..."
shift
spark=4
cluster=false
name=""
token=""
confs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --spark) spark="${2:?--spark needs 4 or 3.5}"; shift 2 ;;
    --cluster) cluster=true; shift ;;
    --name) name="${2:?--name needs a value}"; shift 2 ;;
    --token) token="${2:?--token needs a value}"; shift 2 ;;
    --conf) confs+=(--conf "${2:?--conf needs key=value}"); shift 2 ;;
    *) fail "unknown option '$1' (known: --spark 4|3.5, --cluster, --name NAME, --token TOKEN, --conf key=value)" ;;
  esac
done
case "$spark" in 4 | 3.5) ;; *) fail "--spark must be 4 or 3.5, got '$spark'" ;; esac
if [ -z "$name" ]; then
  name="spark$spark"
  [ "$cluster" = true ] && name="$name-cluster"
fi
[[ "$name" =~ ^[A-Za-z0-9._-]+$ ]] || fail "--name may hold letters, digits, '.', '_' and '-' only, got '$name'"
state="$root/.spark/$name"

free_port() {
  "$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

port_answers() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

alive() {
  [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

# Starts a JVM in its own process group (so stop takes its children too) and records its pid.
launch() {
  local pid_file="$1" log="$2"
  shift 2
  setsid "$@" >"$log" 2>&1 </dev/null &
  echo $! >"$pid_file"
}

wait_for_port() {
  local port="$1" pid_file="$2" log="$3" what="$4"
  local deadline=$((SECONDS + START_TIMEOUT_SECONDS))
  until port_answers "$port"; do
    if ! alive "$pid_file"; then
      echo "spark-server: $what exited before listening on port $port; the end of $log:" >&2
      tail -n 20 "$log" >&2
      return 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      echo "spark-server: $what did not listen on port $port within ${START_TIMEOUT_SECONDS}s; see $log" >&2
      return 1
    fi
    sleep 1
  done
}

stop_pid_file() {
  local pid_file="$1"
  [ -f "$pid_file" ] || return 0
  local pid
  pid="$(cat "$pid_file")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$pid_file"
}

print_remote() {
  local remote="sc://127.0.0.1:$(cat "$state/port")"
  # PySpark sends a token in plain text only to "localhost": Spark 4's token authentication has no TLS.
  [ -f "$state/token" ] && remote="sc://localhost:$(cat "$state/port")/;token=$(cat "$state/token")"
  echo "SPARK_REMOTE=$remote"
}

# The Python env and the Spark home (pyspark's package folder, with bin/ and jars/) of a version.
prepare_spark() {
  command -v java >/dev/null 2>&1 || fail "java not found: Spark needs a Java 17 runtime (apt-get install openjdk-17-jre-headless)"
  if [ "$spark" = 4 ]; then
    python="$("$root/scripts/python-env.sh")" || fail "the Python env with pyspark could not be made (see the message above)"
  else
    local venv="$root/.venv-spark35"
    if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$SPARK35_VERSION')" 2>/dev/null; then
      command -v python3 >/dev/null 2>&1 || fail "python3 not found: Spark 3.5 is installed from PyPI's pyspark $SPARK35_VERSION"
      python3 -m venv "$venv" >&2
      "$venv/bin/pip" install --quiet --disable-pip-version-check "pyspark==$SPARK35_VERSION" >&2 ||
        fail "could not install pyspark==$SPARK35_VERSION into $venv (is PyPI reachable?)"
    fi
    python="$venv/bin/python"
  fi
  spark_home="$("$python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))' 2>/dev/null)" ||
    fail "pyspark is not installed in $("$python" -c 'import sys; print(sys.prefix)')"
  [ -x "$spark_home/bin/spark-submit" ] || fail "$spark_home/bin/spark-submit is missing: the pyspark package is incomplete"
  connect_jars=()
  if [ "$spark" = 3.5 ]; then
    # Spark 3.5's pyspark carries no Connect server: fetch the (shaded) connect jar of the same version.
    local jar_dir="$root/.spark/jars-$SPARK35_VERSION"
    local jar="$jar_dir/spark-connect_2.12-$SPARK35_VERSION.jar"
    if [ ! -f "$jar" ]; then
      command -v mvn >/dev/null 2>&1 || fail "mvn not found: Spark 3.5's Connect server jar is fetched from Maven Central with Maven"
      mkdir -p "$jar_dir"
      mvn -q -B dependency:copy "-Dartifact=org.apache.spark:spark-connect_2.12:$SPARK35_VERSION" "-DoutputDirectory=$jar_dir" >&2 ||
        fail "could not fetch org.apache.spark:spark-connect_2.12:$SPARK35_VERSION from Maven Central"
    fi
    connect_jars=(--jars "$jar")
  fi
}

start() {
  if alive "$state/server.pid"; then
    print_remote
    return 0
  fi
  prepare_spark
  rm -rf "$state"
  mkdir -p "$state"
  # A client's SPARK_REMOTE makes spark-submit refuse --master ("Remote cannot be specified with master").
  unset SPARK_REMOTE SPARK_CONNECT_MODE_ENABLED SPARK_CONNECT_AUTHENTICATE_TOKEN
  export SPARK_HOME="$spark_home"
  export PYSPARK_PYTHON="$python"
  export SPARK_LOCAL_IP=127.0.0.1
  export SPARK_LOG_DIR="$state" SPARK_PID_DIR="$state" SPARK_WORKER_DIR="$state/work"
  local master="local[2]"
  if [ "$cluster" = true ]; then
    local master_port master_ui
    master_port="$(free_port)"
    master_ui="$(free_port)"
    launch "$state/master.pid" "$state/master.log" "$spark_home/bin/spark-class" org.apache.spark.deploy.master.Master \
      --host 127.0.0.1 --port "$master_port" --webui-port "$master_ui"
    wait_for_port "$master_port" "$state/master.pid" "$state/master.log" "the standalone master" || { stop_all; exit 1; }
    master="spark://127.0.0.1:$master_port"
    for worker in 1 2; do
      launch "$state/worker$worker.pid" "$state/worker$worker.log" "$spark_home/bin/spark-class" org.apache.spark.deploy.worker.Worker \
        --host 127.0.0.1 --cores 1 --memory 1g --webui-port "$(free_port)" --work-dir "$state/work$worker" "$master"
    done
    echo "$master" >"$state/master"
  fi
  local port
  port="$(free_port)"
  echo "$port" >"$state/port"
  local auth=()
  if [ -n "$token" ]; then
    # Through the environment, not the command line, so it is not visible in the process list.
    export SPARK_CONNECT_AUTHENTICATE_TOKEN="$token"
    (umask 077 && echo "$token" >"$state/token")
  fi
  local cluster_confs=()
  # No waiting for data locality: on one machine every executor is as local as another.
  [ "$cluster" = true ] && cluster_confs=(--conf spark.executor.memory=512m --conf spark.cores.max=2 --conf spark.locality.wait=0s)
  launch "$state/server.pid" "$state/server.log" "$spark_home/bin/spark-submit" \
    --class org.apache.spark.sql.connect.service.SparkConnectServer \
    --name "medallion-$name" \
    --master "$master" \
    --driver-memory 1g \
    "${connect_jars[@]}" \
    --conf spark.ui.enabled=false \
    --conf spark.ui.showConsoleProgress=false \
    --conf spark.driver.host=127.0.0.1 \
    --conf spark.driver.bindAddress=127.0.0.1 \
    --conf spark.connect.grpc.binding.address=127.0.0.1 \
    --conf "spark.connect.grpc.binding.port=$port" \
    --conf "spark.local.dir=$state/tmp" \
    --conf "spark.sql.warehouse.dir=file://$state/warehouse" \
    --conf "spark.driver.extraJavaOptions=-Dderby.system.home=$state/derby" \
    "${cluster_confs[@]}" \
    "${auth[@]}" \
    "${confs[@]}"
  wait_for_port "$port" "$state/server.pid" "$state/server.log" "the Spark Connect server" || { stop_all; exit 1; }
  print_remote
}

stop_all() {
  stop_pid_file "$state/server.pid"
  for worker in 1 2; do stop_pid_file "$state/worker$worker.pid"; done
  stop_pid_file "$state/master.pid"
}

case "$command" in
  start) start ;;
  stop) stop_all ;;
  status)
    if alive "$state/server.pid" && port_answers "$(cat "$state/port")"; then
      print_remote
    else
      echo "spark-server: no server named '$name' is running" >&2
      exit 1
    fi
    ;;
  *) fail "unknown command '$command' (start, stop or status)" ;;
esac
