#!/usr/bin/env bash
# Pipeline benchmark: an embedded PostgreSQL 17 and an embedded Kafka 4.2.1 broker and the Pipeline service,
# all started by PipelineBench.java in one JVM, then, side by side in one run:
#   1. the loader's rows/s loading N cleaned rides, against PostgreSQL's own COPY of the same rows into the
#      same table (the target: loader >= 0.5x COPY)
#   2. the clean stage's records/s on N raw rides and on the 39,779 recorded FHRS establishments
#   3. pushed event -> queryable: rides produced to weir.raw.rides at RATE/s for SECONDS (as the push endpoint
#      does after Kafka's ack), then p50/p95/p99 of loaded_at - received_at in the warehouse (target at
#      5,000/s for 5 minutes: p95 <= 2 s)
#
#   bench/pipeline/run.sh [ROWS] [RATE] [SECONDS]     (defaults: 200000 rows, 5000 /s, 60 s; the target is 300 s)
#
# WEIR_BENCH_PARTS picks the parts (default 123; part 3 runs part 2 first), WEIR_BENCH_PORT the ports (PostgreSQL
# on it, the broker on the next two; default 25432), WEIR_BENCH_JAVA_OPTS more JVM options (e.g. a JFR recording).
#
# It builds the pipeline module (no install) and deletes its work directory when done. Nothing is left running.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
rows=${1:-200000}; rate=${2:-5000}; seconds=${3:-60}
parts=${WEIR_BENCH_PARTS:-123}; port=${WEIR_BENCH_PORT:-25432}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
work=$(mktemp -d /tmp/weir-pipeline-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

cd "$root"
echo "building services/pipeline/service (package, no tests) ..." >&2
./mvnw -q -B package dependency:build-classpath -DskipTests -Dspring-javaformat.skip=true \
  -pl services/pipeline/service -am -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt" > "$work/build.log" 2>&1 \
  || { tail -30 "$work/build.log"; exit 1; }

# shellcheck disable=SC2086 # the options are words
"$JAVA_HOME/bin/java" -Xmx3g --enable-native-access=ALL-UNNAMED ${WEIR_BENCH_JAVA_OPTS:-} \
  -Dlogback.configurationFile="$root/bench/outbox/logback-bench.xml" \
  -Dweir.data="$root/data" \
  -cp "$root/services/pipeline/service/target/classes:$(cat "$work/cp.txt")" \
  "$here/PipelineBench.java" "$work" "$rows" "$rate" "$seconds" "$parts" "$port"
