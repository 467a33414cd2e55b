#!/usr/bin/env bash
# Prepares what the Delta reader tests need on a clean Debian machine: Python with venv (for
# delta-rs and pyspark in .venv), a Java runtime and Maven (for a local Spark with the delta-spark
# jars). Installs missing Debian packages when run as root, then builds .venv and fetches the jars.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
missing=()
command -v python3 >/dev/null 2>&1 && python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || missing+=(python3 python3-venv)
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "delta-readers-setup: missing ${missing[*]}; install them (Debian: apt-get install ${missing[*]})" >&2
    exit 3
  fi
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
"$root/scripts/python-env.sh" >/dev/null
"$root/scripts/delta-spark-jars.sh" >/dev/null
echo "delta-readers-setup: .venv and .delta-jars ready" >&2
