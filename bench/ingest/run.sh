#!/usr/bin/env bash
# Pull-connector benchmark: a full FHRS backfill (39,779 establishments) against a local upstream that enforces
# R requests/s (429 + Retry-After above it) and adds a fixed latency to every answer.
#
#   bench/ingest/run.sh [RATE] [LATENCY_MS] [PAGE_SIZE]     (defaults 20 req/s, 50 ms, 100 per page)
#   bench/ingest/run.sh --upstream-only [RATE] [LATENCY_MS] [PAGE_SIZE]
#
# Targets (the issue's):
#   rate    the backfill reaches >= 95 % of R at the upstream, with zero 429s;
#   resume  `kill -9` of the service running the run (`weir up`) half-way, then a restart of it and a run again:
#           <= 1 page fetched again, and the distinct FHRSIDs on weir.raw.fhrs equal the source's exactly (39,717).
#
# What it does:
#   0. builds the upstream (testing/upstreams, the -exec jar) if needed and starts it:
#      java -jar ... fhrs --port $BENCH_UPSTREAM_PORT --rate R --latency L --page-size P
#   1. checks the upstream on its own: GETs paced at exactly R for 6 s (expect no 429), then wrk far above R for
#      5 s (expect 429s with Retry-After). With --upstream-only it stops here.
#   2. checks that `./weir connector run` exists (services/ingest); fails clearly when it does not yet.
#   3. scenario rate: a fresh `./weir up` (its own data directory), then
#      WEIR_CONNECTOR_FHRS_BASE_URL=<upstream> WEIR_CONNECTOR_FHRS_BUDGET_REQUESTS_PER_SECOND=R
#      ./weir connector run fhrs --once; the upstream's counters give the achieved rate and the 429s.
#   4. scenario resume: another fresh `./weir up`; the same run (`weir connector run` asks the service to run it and
#      follows it), `kill -9` of `weir up`, where the run lives, once the upstream has served half of the pages
#      scenario 3 needed; a check that the upstream then hears nothing more (else something else still runs it and
#      the scenario cannot say anything); `weir up` started again on the same data (it adopts its PostgreSQL, the
#      broker's log survives); the run again; pages served more than once from the per-URL counters; weir.raw.fhrs
#      read from the start (fhrs_topic.py) against the source.
#   5. prints the figures and PASS/FAIL per target; exits 0 only if every target passed.
# It stops what it started (the upstream, each `weir up`, the CLI) and removes its temporary directory; the logs
# of a failed run are kept and their directory printed.
#
# Environment: BENCH_CONNECTOR_CMD (another command than `./weir connector run fhrs --once`, to try the script
# with another client; it gets the same environment), BENCH_UPSTREAM_PORT (9000),
# BENCH_SCENARIOS ("rate resume"), BENCH_DATA (the repository's data/);
# each `weir up` it starts gets its own data directory and ports away from the defaults (BENCH_KAFKA_PORT 19092,
# BENCH_KAFKA_CONTROLLER_PORT 19093, BENCH_POSTGRES_PORT 15532, BENCH_RETAIL_PORT 18181, BENCH_RETAIL_GRPC_PORT
# 19181, BENCH_INGEST_PORT 18182, BENCH_PIPELINE_PORT 18183, BENCH_ANALYTICS_PORT 18184, BENCH_EDGE_PORT 18180 (the CLI
# goes through it with the admin key `weir up` writes in its data directory), passed as the WEIR_* variables to
# `weir up` and to `weir connector run`), so a
# Weir already running here is neither disturbed nor used. Needs wrk, curl, jq and Debian's python3-confluent-kafka
# (/usr/bin/python3).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)

upstream_only=
if [ "${1:-}" = --upstream-only ]; then upstream_only=1; shift; fi
rate=${1:-20}; latency_ms=${2:-50}; page_size=${3:-100}
port=${BENCH_UPSTREAM_PORT:-9000}
scenarios=${BENCH_SCENARIOS:-rate resume}
recorded_data=${BENCH_DATA:-$root/data}
source_gz=$recorded_data/fhrs/json/establishments_39779.json.gz
# Weir's own ports for the benchmark, away from the defaults, so that a `weir up` someone runs on this machine
# neither clashes with nor gets used by the benchmark (every scenario needs a fresh Weir).
export WEIR_KAFKA_PORT=${BENCH_KAFKA_PORT:-19092} WEIR_KAFKA_CONTROLLER_PORT=${BENCH_KAFKA_CONTROLLER_PORT:-19093}
export WEIR_POSTGRES_PORT=${BENCH_POSTGRES_PORT:-15532} WEIR_RETAIL_PORT=${BENCH_RETAIL_PORT:-18181}
export WEIR_RETAIL_GRPC_PORT=${BENCH_RETAIL_GRPC_PORT:-19181} WEIR_INGEST_PORT=${BENCH_INGEST_PORT:-18182}
export WEIR_PIPELINE_PORT=${BENCH_PIPELINE_PORT:-18183} WEIR_ANALYTICS_PORT=${BENCH_ANALYTICS_PORT:-18184}
export WEIR_EDGE_PORT=${BENCH_EDGE_PORT:-18180}
export WEIR_URL=http://127.0.0.1:$WEIR_EDGE_PORT   # `weir connector run` goes through the edge, with the admin key
unset WEIR_KAFKA_BOOTSTRAP WEIR_DB_URL
bootstrap=127.0.0.1:$WEIR_KAFKA_PORT
PY=/usr/bin/python3
upstream=http://127.0.0.1:$port
admin=$upstream/__admin/weir

work=$(mktemp -d /tmp/weir-bench-ingest.XXXXXX)
started_upstream=; started_weir=; started_cli=; failed=
cleanup() {
  for pid in $started_cli $started_weir $started_upstream; do
    if kill -TERM "$pid" 2>/dev/null; then wait "$pid" 2>/dev/null || true; fi
  done
  if [ -n "$failed" ]; then echo "logs kept in $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
fail() { failed=1; echo "FAIL: $*" >&2; exit 1; }
results=$work/results; : > "$results"
verdict() { # name ok(0/1) text
  local mark=PASS; [ "$2" = 1 ] || { mark=FAIL; failed=1; }
  printf '  %-4s %-9s %s\n' "$mark" "$1" "$3" | tee -a "$results"
}
counters() { curl -sf "$admin/counters"; }
reset_counters() { curl -sf -X POST "$admin/counters/reset" > /dev/null; }
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

command -v wrk > /dev/null || fail "wrk is needed (apt-get install wrk)"
command -v jq > /dev/null || fail "jq is needed (apt-get install jq)"
[ -f "$source_gz" ] || fail "no FHRS data at $source_gz (set BENCH_DATA)"

# 0. the upstream
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
jar=$(find "$root/testing/upstreams/target" -maxdepth 1 -name 'weir-testing-upstreams-*-exec.jar' 2>/dev/null | head -1 || true)
if [ -z "$jar" ] || [ -n "$(find "$root/testing/upstreams/src/main" "$root/testing/upstreams/pom.xml" -newer "$jar" -print -quit)" ]; then
  echo "building the upstream (testing/upstreams) ..."
  "$root/mvnw" -q -B -DskipTests -Dspring-javaformat.skip=true package -pl testing/upstreams -am > "$work/build.log" 2>&1 \
    || { tail -30 "$work/build.log"; fail "building testing/upstreams"; }
  jar=$(find "$root/testing/upstreams/target" -maxdepth 1 -name 'weir-testing-upstreams-*-exec.jar' | head -1)
fi
port_busy "$port" && fail "port $port is in use: set BENCH_UPSTREAM_PORT"
"$JAVA_HOME/bin/java" -jar "$jar" fhrs --port "$port" --rate "$rate" --latency "${latency_ms}ms" \
  --page-size "$page_size" --data "$recorded_data" > "$work/upstream.log" 2>&1 &
started_upstream=$!
for _ in $(seq 1 120); do grep -q ' ready ' "$work/upstream.log" && break; sleep 0.5; done
grep -q ' ready ' "$work/upstream.log" || { tail -20 "$work/upstream.log"; fail "the upstream did not start"; }
echo "upstream: $(grep ' ready ' "$work/upstream.log")"

# 1. the upstream on its own: no 429 at R, 429s above it
echo
echo "upstream check (R = $rate req/s, latency $latency_ms ms)"
probe="$upstream/Establishments?localAuthorityId=112&pageNumber=1&pageSize=$page_size"
sleep 1.5   # a full bucket
reset_counters
paced=$($PY "$here/paced_get.py" "$probe" "$rate" 6 "x-api-version:2")
at=$(counters)
at_429=$(jq .tooManyRequests <<<"$at"); at_rate=$(jq .achievedRate <<<"$at")
printf '  paced at R:      sent %s in %ss, answers %s, achieved %.2f req/s\n' "$(jq .sent <<<"$paced")" \
  "$(jq .seconds <<<"$paced")" "$(jq -c .statuses <<<"$paced")" "$at_rate"
sleep 1.5
reset_counters
over=$($PY "$here/paced_get.py" "$probe" "$(jq -n "1.5 * $rate")" 6 "x-api-version:2")
over_c=$(counters)
over_429=$(jq .tooManyRequests <<<"$over_c"); retry_after=$(jq -r '.retry_after | join(",")' <<<"$over")
printf '  paced at 1.5 R:  sent %s in %ss, answers %s, admitted %.2f req/s, Retry-After: %s\n' "$(jq .sent <<<"$over")" \
  "$(jq .seconds <<<"$over")" "$(jq -c .statuses <<<"$over")" "$(jq .achievedRate <<<"$over_c")" "${retry_after:-none}"
sleep 1.5
reset_counters
wrk -t2 -c8 -d5s -H 'x-api-version: 2' "$probe" > "$work/wrk.log" 2>&1
above=$(counters)
above_429=$(jq .tooManyRequests <<<"$above"); above_req=$(jq .requests <<<"$above")
printf '  wrk -c8, 5 s:    %s requests (%.0f req/s offered), %s answered 429, admitted %.2f req/s\n' \
  "$above_req" "$(jq '.requests / 5' <<<"$above")" "$above_429" "$(jq .achievedRate <<<"$above")"
echo "  (admitted above R includes the bucket's initial burst of R requests: (R + 5 R) / 5 s = 1.2 R over 5 s)"
echo "targets (upstream)" >> "$results"
verdict upstream "$([ "$at_429" = 0 ] && echo 1 || echo 0)" "no 429 at R: $at_429 answered"
verdict upstream "$([ "$over_429" -gt 0 ] && [ -n "$retry_after" ] && echo 1 || echo 0)" \
  "429 + Retry-After at 1.5 R: $over_429 answered, Retry-After $retry_after"
verdict upstream "$([ "$above_429" -gt 0 ] && echo 1 || echo 0)" "429s far above R (wrk): $above_429 answered"
if [ -n "$upstream_only" ]; then
  echo
  echo "targets"
  grep -E 'PASS|FAIL' "$results"
  [ -z "$failed" ]
  exit
fi


# 2. the connector command (services/ingest)
echo
if [ -n "${BENCH_CONNECTOR_CMD:-}" ]; then
  read -ra connector_cmd <<<"$BENCH_CONNECTOR_CMD"
  echo "connector command: ${connector_cmd[*]} (BENCH_CONNECTOR_CMD)"
else
  connector_cmd=("$root/weir" connector run fhrs --once)
  echo "checking for \`./weir connector run\` (./weir builds Weir first when its sources changed) ..."
  "$root/weir" --help > "$work/weir-help.log" 2>&1 || true
fi
if [ -z "${BENCH_CONNECTOR_CMD:-}" ] && ! grep -qE '^ +connector +' "$work/weir-help.log"; then
  fail "\`./weir connector run\` does not exist yet (services/ingest): \`./weir --help\` lists no connector
      command. The upstream half passed above; bench/ingest/run.sh --upstream-only checks it alone."
fi

start_weir() { # data dir [again: the Weir of this data dir, killed, started again]
  if [ -z "${2:-}" ]; then
    for p in "$WEIR_KAFKA_PORT" "$WEIR_POSTGRES_PORT" "$WEIR_RETAIL_PORT"; do
      port_busy "$p" && fail "port $p is in use: each scenario starts a fresh Weir (no checkpoints, no fingerprints,
        an empty weir.raw.fhrs) on the BENCH_*_PORT ports; free it or choose others"
    done
  fi
  WEIR_DATA_DIR=$1 WEIR_CONNECTOR_FHRS_BASE_URL=$upstream WEIR_CONNECTOR_FHRS_BUDGET_REQUESTS_PER_SECOND=$rate \
    "$root/weir" up > "$1.up.log" 2>&1 &
  started_weir=$!
  for _ in $(seq 1 360); do
    grep -q 'Weir is up' "$1.up.log" && return 0
    kill -0 "$started_weir" 2>/dev/null || break
    sleep 0.5
  done
  tail -30 "$1.up.log"; fail "weir up did not start (log above)"
}

stop_weir() {
  if kill -TERM "$started_weir" 2>/dev/null; then wait "$started_weir" 2>/dev/null || true; fi
  started_weir=
}
run_connector() { # data dir, log; runs in the background, sets started_cli
  WEIR_DATA_DIR=$1 WEIR_CONNECTOR_FHRS_BASE_URL=$upstream WEIR_CONNECTOR_FHRS_BUDGET_REQUESTS_PER_SECOND=$rate \
    "${connector_cmd[@]}" > "$2" 2>&1 &
  started_cli=$!
}
wait_connector() { # log
  local status=0
  wait "$started_cli" || status=$?
  started_cli=
  [ "$status" = 0 ] || { tail -20 "$1"; fail "\`${connector_cmd[*]}\` exited with $status"; }
}
read_topic() { $PY "$here/fhrs_topic.py" "$bootstrap" weir.raw.fhrs "$source_gz" || true; }

total_served=
# 3. throughput against R
if [[ " $scenarios " == *" rate "* ]]; then
  echo "scenario rate: full backfill at R = $rate req/s"
  start_weir "$work/rate"
  sleep 1.5; reset_counters
  t0=$(date +%s.%N)
  run_connector "$work/rate" "$work/rate.run.log"
  wait_connector "$work/rate.run.log"
  t1=$(date +%s.%N)
  c=$(counters); echo "$c" > "$work/rate.counters.json"
  topic=$(read_topic); echo "$topic" > "$work/rate.topic.json"
  stop_weir
  total_served=$(jq '[.perUrl[] | select(.served > 0)] | length' <<<"$c")
  achieved=$(jq .achievedRate <<<"$c"); too_many=$(jq .tooManyRequests <<<"$c")
  printf '  %s requests (%s URLs served), %s answered 429, %.2f req/s achieved at the upstream (peak %s in 1 s),\n' \
    "$(jq .requests <<<"$c")" "$total_served" "$too_many" "$achieved" "$(jq .peakRate <<<"$c")"
  printf '  CLI wall clock %.1f s; weir.raw.fhrs: %s establishment records, %s distinct FHRSIDs (source %s)\n' \
    "$(echo "$t1 - $t0" | bc)" "$(jq .establishment_records <<<"$topic")" "$(jq .distinct_fhrsid <<<"$topic")" \
    "$(jq .source_distinct_fhrsid <<<"$topic")"
  echo "targets (rate)" >> "$results"
  verdict rate "$(jq -n "$achieved >= 0.95 * $rate" | grep -q true && echo 1 || echo 0)" \
    "$(printf '%.2f req/s = %.1f %% of R (target >= 95 %%)' "$achieved" "$(jq -n "100 * $achieved / $rate")")"
  verdict rate "$([ "$too_many" = 0 ] && echo 1 || echo 0)" "429s: $too_many (target 0)"
fi

# 4. kill -9 half-way, restart
if [[ " $scenarios " == *" resume "* ]]; then
  echo "scenario resume: kill -9 half-way, then run again"
  if [ -z "$total_served" ]; then # no rate scenario: the pages a full run needs, from the data
    total_served=$($PY - "$source_gz" "$recorded_data/fhrs/json/authorities.json" "$page_size" <<'PY'
import gzip, json, sys, collections
counts = collections.Counter(r["LocalAuthorityCode"] for r in json.load(gzip.open(sys.argv[1], "rt")))
authorities = json.load(open(sys.argv[2]))["authorities"]
size = int(sys.argv[3])
print(3 + sum(max(1, -(-counts.get(a["LocalAuthorityIdCode"], 0) // size)) for a in authorities))
PY
)
  fi
  half=$(( total_served / 2 )); served=0
  start_weir "$work/resume"
  sleep 1.5; reset_counters
  run_connector "$work/resume" "$work/resume.run1.log"
  while kill -0 "$started_cli" 2>/dev/null; do
    served=$(counters | jq '[.perUrl[] | select(.served > 0)] | length')
    [ "$served" -ge "$half" ] && break
    sleep 0.1
  done
  kill -0 "$started_cli" 2>/dev/null || fail "the first run ended before half-way ($served of $total_served pages)"
  # the run lives in the service: kill -9 of `weir up` (its java process; ./weir execs it)
  kill -9 "$started_weir"; wait "$started_weir" 2>/dev/null || true; started_weir=
  at_kill=$(counters | jq .requests)
  wait "$started_cli" 2>/dev/null || true; started_cli=   # the command ends with its service
  sleep 3
  after_kill=$(counters | jq .requests)
  [ "$after_kill" = "$at_kill" ] || fail "the upstream still got requests after kill -9 of weir up ($at_kill -> $after_kill):
      something else runs the connector, so this scenario cannot test a killed run"
  echo "  killed weir up after $served of $total_served pages ($at_kill requests)"
  start_weir "$work/resume" again
  run_connector "$work/resume" "$work/resume.run2.log"
  wait_connector "$work/resume.run2.log"
  c=$(counters); echo "$c" > "$work/resume.counters.json"
  topic=$(read_topic); echo "$topic" > "$work/resume.topic.json"
  stop_weir
  twice=$(jq '.servedMoreThanOnce | length' <<<"$c")
  printf '  %s requests in both runs, %s answered 429; pages served more than once: %s %s\n' \
    "$(jq .requests <<<"$c")" "$(jq .tooManyRequests <<<"$c")" "$twice" "$(jq -c .servedMoreThanOnce <<<"$c")"
  printf '  weir.raw.fhrs: %s records, %s establishment records, %s distinct FHRSIDs; source %s distinct (missing %s, extra %s)\n' \
    "$(jq .records <<<"$topic")" "$(jq .establishment_records <<<"$topic")" "$(jq .distinct_fhrsid <<<"$topic")" \
    "$(jq .source_distinct_fhrsid <<<"$topic")" "$(jq .missing <<<"$topic")" "$(jq .extra <<<"$topic")"
  echo "targets (resume)" >> "$results"
  verdict resume "$([ "$twice" -le 1 ] && echo 1 || echo 0)" "pages fetched again: $twice (target <= 1)"
  verdict resume "$(jq -e '.missing == 0 and .extra == 0 and .distinct_fhrsid == .source_distinct_fhrsid' <<<"$topic" > /dev/null && echo 1 || echo 0)" \
    "distinct FHRSIDs on weir.raw.fhrs: $(jq .distinct_fhrsid <<<"$topic") = source $(jq .source_distinct_fhrsid <<<"$topic") (target: equal sets)"
fi

echo
echo "targets"
grep -E 'PASS|FAIL' "$results"
[ -z "$failed" ]
