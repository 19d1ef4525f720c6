#!/usr/bin/env bash
# Analytics API benchmark on the full data sets, side by side in one run on one machine:
#   each endpoint with wrk (2 threads, 32 connections): answers kept per dataset version (the default),
#   and computed on every request (weir.analytics.cache.enabled=false: the queries' own cost + HTTP);
#   the same question as plain SQL through pgbench -f (32 clients) on the same PostgreSQL, as the same role.
#
#   bench/analytics/run.sh [ROUNDS] [SECONDS] [LOAD_RUNS]     (defaults: 3 rounds of 5 s per target, 3 load runs; 0: none)
#
# AnalyticsBench.java (one JVM) starts an embedded PostgreSQL 17 on 27432, loads the full Online Retail file
# (536,641 lines), every FHRS establishment, the Open-Meteo responses, the Citi Bike day and vehicle reports made from its stations (all from data/)
# the pipeline loader's way (COPY to staging + upsert per table, 5,000 lines a transaction, triggers on),
# measures the aggregates' cost to that loader against plain COPY (LOAD_RUNS alternating runs), then serves
# the API twice: 27084 (answers kept) and 27085 (answers computed). It stops what it started.
# Needs: wrk, pgbench, psql.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
rounds=${1:-3}; seconds=${2:-5}; load_runs=${3:-3}
pg_port=${WEIR_BENCH_PG_PORT:-27432}; cached=${WEIR_BENCH_CACHED_PORT:-27084}; uncached=${WEIR_BENCH_UNCACHED_PORT:-27085}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
lua=$here/random_path.lua
work=$(mktemp -d /tmp/weir-analytics-bench.XXXXXX)
server=
cleanup() {
  local status=$?
  if [ -n "$server" ]; then
    kill -TERM "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT

cd "$root"
echo "building services/analytics/service (test classes, no tests) ..." >&2
./mvnw -q -B test-compile dependency:build-classpath -Dspring-javaformat.skip=true -pl services/analytics/service -am \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt" > "$work/build.log" 2>&1 || { tail -30 "$work/build.log"; exit 1; }
module=$root/services/analytics/service
"$JAVA_HOME/bin/java" -Xmx2g --enable-native-access=ALL-UNNAMED \
  -cp "$module/target/test-classes:$module/target/classes:$(cat "$work/cp.txt")" \
  "$here/AnalyticsBench.java" "$work" "$pg_port" "$cached" "$uncached" "$load_runs" > "$work/server.log" 2>&1 &
server=$!
until [ -f "$work/ready" ]; do
  kill -0 "$server" 2>/dev/null || { tail -40 "$work/server.log"; exit 1; }
  sleep 2
done
grep '^\[bench\]' "$work/server.log"
AUTH=$(cat "$work/auth"); export AUTH   # a token with analytics.read (random_path.lua sends it too)

export PGPASSWORD=bench
psql -h 127.0.0.1 -p "$pg_port" -U weir_analytics -d weir -qtA -c "select customer_id from warehouse.agg_retail_customer" > "$work/customers"

wrk_run() { # url [ids prefix] -> "req/s p99ms"
  local out
  if [ $# -gt 1 ]; then out=$(IDS=$2 PREFIX=$3 wrk -t2 -c32 -d"${seconds}"s --latency -s "$lua" "$1")
  else out=$(wrk -t2 -c32 -d"${seconds}"s --latency -H "Authorization: $AUTH" "$1"); fi
  local rps p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $5} /Socket errors/ {print "socket"}' <<<"$out")
  [ -z "$errors" ] || echo "  $1: errors: $errors" >&2
  echo "$rps $p99"
}
pgbench_run() { # sql file -> "tps p99ms"
  rm -f "$work"/pgbench_log.*
  local out
  out=$(cd "$work" && pgbench -h 127.0.0.1 -p "$pg_port" -U weir_analytics -n -c 32 -j 2 -T "$seconds" -l --log-prefix=pgbench_log \
        -f "$here/sql/$1.sql" weir 2>/dev/null)
  local tps p99
  tps=$(awk '/^tps/ {print $3}' <<<"$out")
  p99=$(cat "$work"/pgbench_log.* | awk '{print $3}' | sort -n | awk '{v[NR]=$1} END {i=int(NR*0.99); if (i<1) i=1; printf "%.2f", v[i]/1000}')
  echo "$tps $p99"
}

mapfile -t endpoints < <(grep -v '^#' "$here/endpoints.txt" | sed 's/ *| */|/g')
# warm-up: JIT, pools, PostgreSQL's caches; every target alike
for e in "${endpoints[@]}"; do
  name=${e%%|*}; path=${e#*|}
  for port in $cached $uncached; do
    if [ "$name" = customer ]; then IDS=$work/customers PREFIX=$path wrk -t2 -c32 -d3s -s "$lua" "http://127.0.0.1:$port" > /dev/null
    else wrk -t2 -c32 -d3s -H "Authorization: $AUTH" "http://127.0.0.1:$port$path" > /dev/null; fi
  done
done
results=$work/results
for r in $(seq 1 "$rounds"); do
  for e in "${endpoints[@]}"; do
    name=${e%%|*}; path=${e#*|}
    if [ "$name" = customer ]; then
      a=$(wrk_run "http://127.0.0.1:$cached" "$work/customers" "$path"); b=$(wrk_run "http://127.0.0.1:$uncached" "$work/customers" "$path")
    else
      a=$(wrk_run "http://127.0.0.1:$cached$path"); b=$(wrk_run "http://127.0.0.1:$uncached$path")
    fi
    c=$(pgbench_run "$name")
    echo "$name $a $b $c" >> "$results"
    echo "round $r  $name  kept: $a  computed: $b  pgbench: $c" >&2
  done
done

echo
echo "medians of $rounds rounds of ${seconds}s; wrk -t2 -c32 against the API, pgbench -c32 -j2 with the same SQL"
printf '%-24s %10s %8s   %10s %8s   %10s %8s\n' endpoint "kept r/s" "p99 ms" "comp. r/s" "p99 ms" "SQL tps" "p99 ms"
for e in "${endpoints[@]}"; do
  name=${e%%|*}
  awk -v n="$name" '$1==n' "$results" | awk '
    function median(a, k,   i, j, t) { for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
                                      return (k % 2) ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2 }
    { for (c = 2; c <= 7; c++) v[c, NR] = $c; name = $1 }
    END { for (c = 2; c <= 7; c++) { for (i = 1; i <= NR; i++) x[i] = v[c, i]; m[c] = median(x, NR) }
          printf "%-24s %10.0f %8.2f   %10.0f %8.2f   %10.0f %8.2f\n", name, m[2], m[3], m[4], m[5], m[6], m[7] }'
done
