#!/usr/bin/env bash
# Push benchmark: `weir up` (its embedded Kafka broker, the Ingest service with its lake writer, everything it
# runs) in a work directory of its own, then, side by side in each round:
#   1. Kafka's own ProducerPerformance on the same broker: 300-byte records, acks=all (the reference)
#   2. POST /events/rides, batches of 500 events of ~300 bytes, closed loop (CONNECTIONS clients): events/s
#   3. the same, open loop at 70% of (1)'s records/s: request latency p50/p99, counted from when each was due;
#      and again at 70% of what (2) reached (the issue's "70% of that load" read as push's own rate)
#   2b, 3b. before 2 and 3: the same to `bench-rides`, a stream declared with the rides schema that the pipeline
#      does not clean (ProducerPerformance's topic has no consumer; weir.raw.rides has the lake writer and the
#      pipeline, whose cleaning and warehouse loads share the two cores): the push path and the lake writer
#   4. single-event POSTs, closed loop: requests/s and p99
#   5. the lake writer: Parquet rows/s while it writes, its lag after the round and how long it takes to drain
#
#   bench/push/run.sh [ROUNDS] [SECONDS] [PERF_RECORDS] [CONNECTIONS]     (defaults: 3, 20 s, 1000000, 16)
#
# Ports: WEIR_BENCH_PORT_BASE (default 24100): edge +80, ingest +82, retail +81, gRPC +91, pipeline +83,
# analytics +84, PostgreSQL +32, Kafka +92/+93. The pushes carry a client's token from the edge (every service
# checks it), asked for again each round (bench/lib/auth.sh). WEIR_JAVA_OPTS is passed to `weir up`'s JVM, as
# ./weir does (e.g. -Xlog:gc:file=/tmp/gc.log to see its collector's pauses). It builds the launcher's weir.jar (no install), resolves kafka-tools with bench/push/pom.xml, stops what it started and deletes
# its work directory.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
rounds=${1:-3}; seconds=${2:-20}; perf_records=${3:-1000000}; connections=${4:-16}
base=${WEIR_BENCH_PORT_BASE:-24100}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
java=$JAVA_HOME/bin/java
work=$(mktemp -d /tmp/weir-push-bench.XXXXXX)
weir_pid=
cleanup() {
  local status=$?
  if [ -n "$weir_pid" ]; then kill "$weir_pid" 2>/dev/null || true; wait "$weir_pid" 2>/dev/null || true; fi
  if [ "$status" != 0 ] && [ -f "$work/weir.log" ]; then
    cp "$work/weir.log" "/tmp/weir-push-bench-failed-$$.log"
    echo "failed: weir up's log kept in /tmp/weir-push-bench-failed-$$.log; disk: $(df -h "$work" | tail -1)" >&2
  fi
  rm -rf "$work"
}
trap cleanup EXIT

cd "$root"
echo "building weir.jar (package, no tests) ..." >&2
./mvnw -q -B package -DskipTests -Dspring-javaformat.skip=true -Dweir.shellcheck.skip=true -pl launcher -am \
  > "$work/build.log" 2>&1 \
  || { tail -30 "$work/build.log"; exit 1; }
./mvnw -q -B -f bench/push/pom.xml dependency:build-classpath -Dmdep.outputFile="$work/tools-cp.txt" \
  > "$work/tools.log" 2>&1 || { tail -30 "$work/tools.log"; exit 1; }
tools=$(cat "$work/tools-cp.txt")
url=http://localhost:$((base + 82)); kafka=127.0.0.1:$((base + 92)); edge=http://127.0.0.1:$((base + 80))

# WEIR_JAVA_OPTS is a list of JVM options, split on spaces on purpose (as in ./weir)
# shellcheck disable=SC2086
WEIR_DATA_DIR=$work/data WEIR_EDGE_PORT=$((base + 80)) WEIR_INGEST_PORT=$((base + 82)) WEIR_RETAIL_PORT=$((base + 81)) \
WEIR_RETAIL_GRPC_PORT=$((base + 91)) WEIR_PIPELINE_PORT=$((base + 83)) WEIR_ANALYTICS_PORT=$((base + 84)) \
WEIR_POSTGRES_PORT=$((base + 32)) WEIR_KAFKA_PORT=$((base + 92)) \
WEIR_KAFKA_CONTROLLER_PORT=$((base + 93)) WEIR_INGEST_SCHEDULES=false WEIR_INGEST_LAKE_ROLL_AGE=10s \
  "$java" --enable-native-access=ALL-UNNAMED ${WEIR_JAVA_OPTS:-} -jar launcher/target/weir.jar up > "$work/weir.log" 2>&1 &
weir_pid=$!
for _ in $(seq 1 600); do grep -q "Weir is up" "$work/weir.log" && break; sleep 0.5; done
grep -q "Weir is up" "$work/weir.log" || { tail -30 "$work/weir.log"; exit 1; }
# shellcheck source=SCRIPTDIR/../lib/auth.sh
. "$root/bench/lib/auth.sh"
# events.write to push, connectors.admin to declare bench-rides, admin to read the metrics
client=$(WEIR_DATA_DIR=$work/data weir_client "$edge" events.write,connectors.admin,admin)
AUTH="Bearer $(weir_token "$edge" "$client")"; export AUTH
"$java" -cp "$tools" org.apache.kafka.tools.TopicCommand --bootstrap-server "$kafka" --create --topic bench-perf \
  --partitions 3 --replication-factor 1 > /dev/null
sed 's/^name: rides$/name: bench-rides/' services/ingest/service/src/main/resources/streams/rides.yml \
  | curl -sf -X PUT "$url/events/streams/bench-rides" -H "Authorization: $AUTH" -H 'Content-Type: application/yaml' \
    --data-binary @- > /dev/null
bench() { "$java" "$here/PushBench.java" "$@"; }
cpu_ticks() {  # CPU time of weir up's JVM (broker, services, lake writer) in clock ticks; 0 without /proc
  if [ -r "/proc/$weir_pid/stat" ]; then awk '{print $14 + $15}' "/proc/$weir_pid/stat"; else echo 0; fi
}
closed500() {  # closed500 [STREAM]: batches of 500, closed loop; adds the JVM's CPU ms per 1000 accepted events
  local t0 t1 out events
  t0=$(cpu_ticks)
  out=$(bench closed "$url" "$seconds" "$connections" 500 "$@")
  t1=$(cpu_ticks)
  events=$(echo "$out" | awk -v s="$seconds" '/^RAW/ {print $2 * s}')
  echo "$out" | awk -v d="$((t1 - t0))" -v e="$events" -v hz="$(getconf CLK_TCK)" \
    '/^RAW/ {print; next} {printf "%s  cpu %.0f ms/1000 events\n", $0, (e > 0) ? d * 1000 / hz / e * 1000 : 0}'
  echo "CPU $(awk -v d="$((t1 - t0))" -v e="$events" -v hz="$(getconf CLK_TCK)" \
    'BEGIN {printf "%.0f", (e > 0) ? d * 1000 / hz / e * 1000 : 0}')"
}
metric() {  # an actuator statistic: metric NAME STATISTIC
  curl -s -H "Authorization: $AUTH" "$url/metrics/$1" | tr '{' '\n' | grep "\"statistic\":\"$2\"" | sed 's/.*"value":\([0-9.eE+-]*\).*/\1/' | head -1
}

echo "push benchmark, $(date -u +%FT%TZ), $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "warming up (10 s of batches, 10 s of single events) ..."
bench closed "$url" 10 "$connections" 500 > /dev/null
bench closed "$url" 5 "$connections" 500 bench-rides > /dev/null
bench closed "$url" 10 "$connections" 1 > /dev/null

perf_all=(); batch_all=(); ratio_all=(); p99_all=(); own_p99_all=(); alone_all=(); alone_ratio_all=(); alone_p99_all=(); alone_cpu_all=(); batch_cpu_all=(); single_all=(); single_p99_all=(); lake_all=()
for round in $(seq 1 "$rounds"); do
  echo "round $round"
  AUTH="Bearer $(weir_token "$edge" "$client")"   # a fresh token: one lives 15 minutes
  perf=$("$java" -cp "$tools" org.apache.kafka.tools.ProducerPerformance --topic bench-perf \
    --num-records "$perf_records" --record-size 300 --throughput -1 \
    --producer-props acks=all bootstrap.servers="$kafka" 2>&1 | tail -1)
  perf_rate=$(echo "$perf" | sed 's/.* records sent, \([0-9.]*\) records\/sec.*/\1/')
  echo "  ProducerPerformance (300 B, acks=all): $perf"
  rows0=$(metric weir.lake.rows COUNT); cycle0=$(metric weir.lake.cycle.time TOTAL_TIME)
  target=$(awk -v p="$perf_rate" 'BEGIN {printf "%d", p * 0.7}')
  out=$(closed500 bench-rides); echo "  $(echo "$out" | head -1)"
  alone=$(echo "$out" | awk '/^RAW/ {print $2}'); alone_cpu=$(echo "$out" | awk '/^CPU/ {print $2}')
  out=$(bench open "$url" "$seconds" "$target" 500 bench-rides); echo "  $(echo "$out" | head -1)"
  alone_p99=$(echo "$out" | awk '/^RAW/ {print $5}')
  out=$(closed500); echo "  $(echo "$out" | head -1)"
  batch=$(echo "$out" | awk '/^RAW/ {print $2}'); batch_cpu=$(echo "$out" | awk '/^CPU/ {print $2}')
  out=$(bench open "$url" "$seconds" "$target" 500); echo "  $(echo "$out" | head -1)"
  p99=$(echo "$out" | awk '/^RAW/ {print $5}')
  own=$(awk -v b="$batch" 'BEGIN {printf "%d", b * 0.7}')   # 70% of what the closed loop above reached
  out=$(bench open "$url" "$seconds" "$own" 500); echo "  $(echo "$out" | head -1)"
  own_p99=$(echo "$out" | awk '/^RAW/ {print $5}')
  out=$(bench closed "$url" "$seconds" "$connections" 1); echo "  $(echo "$out" | head -1)"
  single=$(echo "$out" | awk '/^RAW/ {print $3}'); single_p99=$(echo "$out" | awk '/^RAW/ {print $5}')
  lag=$(metric weir.lake.lag VALUE); drain_start=$(date +%s.%N)
  for _ in $(seq 1 180); do
    sleep 1
    [ "$(metric weir.lake.lag VALUE)" = "0.0" ] && break
  done
  drained=$(awk -v s="$drain_start" -v e="$(date +%s.%N)" 'BEGIN {printf "%.0f", e - s}')
  rows1=$(metric weir.lake.rows COUNT); cycle1=$(metric weir.lake.cycle.time TOTAL_TIME)
  lake=$(awk -v r0="$rows0" -v r1="$rows1" -v c0="$cycle0" -v c1="$cycle1" \
    'BEGIN {printf "%.0f", (c1 > c0) ? (r1 - r0) / (c1 - c0) : 0}')
  echo "  lake writer: $(awk -v r0="$rows0" -v r1="$rows1" 'BEGIN {printf "%d", r1 - r0}') rows in the round," \
    "$lake rows/s while writing Parquet; lag after the load $lag records, drained within ${drained} s"
  ratio=$(awk -v b="$batch" -v p="$perf_rate" 'BEGIN {printf "%.2f", b / p}')
  perf_all+=("$perf_rate"); batch_all+=("$batch"); ratio_all+=("$ratio"); p99_all+=("$p99"); own_p99_all+=("$own_p99")
  alone_all+=("$alone"); alone_p99_all+=("$alone_p99"); alone_cpu_all+=("$alone_cpu"); batch_cpu_all+=("$batch_cpu")
  alone_ratio_all+=("$(awk -v b="$alone" -v p="$perf_rate" 'BEGIN {printf "%.2f", b / p}')")
  single_all+=("$single"); single_p99_all+=("$single_p99"); lake_all+=("$lake")
done

median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
echo
echo "medians of $rounds rounds"
printf '  %-52s %12s\n' "ProducerPerformance records/s" "$(median "${perf_all[@]}")"
printf '  %-52s %12s\n' "push, batches of 500: events/s" "$(median "${batch_all[@]}")"
printf '  %-52s %12s   (target >= 0.50)\n' "push events/s / ProducerPerformance records/s" "$(median "${ratio_all[@]}")"
printf '  %-52s %12s   (target <= 50 ms)\n' "p99 ms at 70% of ProducerPerformance's rate" "$(median "${p99_all[@]}")"
printf '  %-52s %12s   (target <= 50 ms)\n' "p99 ms at 70% of push's own closed-loop rate" "$(median "${own_p99_all[@]}")"
printf '  %-52s %12s\n' "bench-rides (not cleaned), batches of 500: events/s" "$(median "${alone_all[@]}")"
printf '  %-52s %12s\n' "bench-rides events/s / ProducerPerformance records/s" "$(median "${alone_ratio_all[@]}")"
printf '  %-52s %12s\n' "bench-rides p99 ms at 70% of ProducerPerformance's" "$(median "${alone_p99_all[@]}")"
printf '  %-52s %12s\n' "JVM CPU ms per 1000 events, rides" "$(median "${batch_cpu_all[@]}")"
printf '  %-52s %12s\n' "JVM CPU ms per 1000 events, bench-rides" "$(median "${alone_cpu_all[@]}")"
printf '  %-52s %12s\n' "single-event POST: requests/s" "$(median "${single_all[@]}")"
printf '  %-52s %12s\n' "single-event POST: p99 ms" "$(median "${single_p99_all[@]}")"
printf '  %-52s %12s\n' "lake writer: Parquet rows/s while writing" "$(median "${lake_all[@]}")"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
