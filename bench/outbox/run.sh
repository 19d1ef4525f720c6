#!/usr/bin/env bash
# Outbox benchmark: the Retail service with its outbox relay, an embedded PostgreSQL 17 and an embedded
# Kafka 4.2.1 broker, all started by OutboxBench.java in one JVM (as `weir up` would run them), then:
#   1. commit -> consumer latency (p50/p99) at a fixed rate of PUT /customer/{id} changes (open loop)
#   2. sustained committed changes/s with N concurrent clients (closed loop), relay backlog each second
#   3. Kafka's own ProducerPerformance (300-byte records, acks=all) on the same broker, as the reference
#
#   bench/outbox/run.sh [RATE] [SECONDS] [CLIENTS] [PERF_RECORDS]     (defaults: 2000 /s, 30 s, 32, 500000)
#
# It builds the Retail module (no install), resolves kafka-tools with bench/outbox/pom.xml, and deletes its
# work directory (PostgreSQL and Kafka data) when done. Nothing is left running.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
rate=${1:-2000}; seconds=${2:-30}; clients=${3:-32}; perf_records=${4:-500000}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
work=$(mktemp -d /tmp/weir-outbox-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

cd "$root"
echo "building services/retail/service (package, no tests) ..." >&2
./mvnw -q -B package dependency:build-classpath -DskipTests -Dspring-javaformat.skip=true \
  -pl services/retail/service -am -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt" > "$work/build.log" 2>&1 \
  || { tail -30 "$work/build.log"; exit 1; }
./mvnw -q -B -f bench/outbox/pom.xml dependency:build-classpath -Dmdep.outputFile="$work/tools-cp.txt" \
  > "$work/tools.log" 2>&1 || { tail -30 "$work/tools.log"; exit 1; }

"$JAVA_HOME/bin/java" -Xmx3g --enable-native-access=ALL-UNNAMED \
  -Dlogback.configurationFile="$here/logback-bench.xml" -Dbench.tools.cp="$(cat "$work/tools-cp.txt")" \
  -cp "$root/services/retail/service/target/classes:$(cat "$work/cp.txt")" \
  "$here/OutboxBench.java" "$work" "$rate" "$seconds" "$clients" "$perf_records"
