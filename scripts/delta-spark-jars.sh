#!/usr/bin/env bash
# Fetches the Delta Lake jars that a local pyspark session needs to read Delta tables
# (delta-spark and delta-storage, matching the pinned pyspark 4.0.1) into .delta-jars/, and prints
# them comma-separated, ready for `spark.jars`. Spark's own --packages resolver is not used: it
# needs Ivy's network access, while Maven's ordinary client works behind the same mirrors.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/.delta-jars"
artifacts=(io.delta:delta-spark_2.13:4.0.0 io.delta:delta-storage:4.0.0)
mkdir -p "$dir"
for artifact in "${artifacts[@]}"; do
  IFS=: read -r group name version <<<"$artifact"
  if [ ! -s "$dir/$name-$version.jar" ]; then
    if ! command -v mvn >/dev/null 2>&1; then
      echo "delta-spark-jars: mvn not found; install Maven to fetch $artifact" >&2
      exit 3
    fi
    mvn -q -B dependency:copy -Dartifact="$artifact" -DoutputDirectory="$dir" >&2 || {
      echo "delta-spark-jars: could not fetch $artifact from Maven Central" >&2
      exit 3
    }
  fi
done
ls "$dir"/*.jar | paste -sd, -
