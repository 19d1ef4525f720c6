#!/usr/bin/env bash
# Retail API read benchmark, side by side in one run on one machine and one PostgreSQL:
#   Weir's GET /customer/{id} and GET /invoice/{no}  vs  the FastAPI peer (../shared/bench)  vs  pgbench PK lookups.
#
#   bench/retail/run.sh [ROUNDS] [SECONDS]      (defaults: 3 rounds of 15 s per target; wrk 2 threads, 64 connections)
#
# What it does (idempotent; reuses what is already up):
#   1. ../shared/bench/peer-up.sh: PostgreSQL 15 on 127.0.0.1:5433 with the peer's data, uvicorn (2 workers) on 8500.
#   2. database `weir_bench` on the same PostgreSQL; `./weir import retail` of the same CSV into it.
#   3. `./weir up` on that database (Retail API on 8081, the edge on 8080), unless one already answers there;
#      a client's token from the edge (Retail checks it on every call), which wrk sends to both sides.
#   4. Interleaved rounds: peer customer, Weir customer, peer invoice, Weir invoice, pgbench PK lookup; random ids.
#   5. Prints each round and the medians, and the ratios the issue asks for.
# It stops what it started. Needs: wrk, psql, pgbench (peer-up.sh installs them with apt-get).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
shared=${WEIR_SHARED:-$root/../shared}
rounds=${1:-3}; seconds=${2:-15}
pg_port=5433; peer=http://127.0.0.1:8500; weir=http://127.0.0.1:${WEIR_RETAIL_PORT:-8081}
csv=$root/data/online-retail/online_retail.csv.gz
lua=$shared/bench/wrk/random_path.lua
work=$(mktemp -d /tmp/weir-bench.XXXXXX)
started_weir=
# Stops the Weir it started (which exits with 143 on SIGTERM: not this script's status) and keeps the
# script's own exit status.
cleanup() {
  local status=$?
  if [ -n "$started_weir" ]; then
    if kill -TERM "$started_weir" 2>/dev/null; then wait "$started_weir" 2>/dev/null || true; fi
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
psql_() { psql -h 127.0.0.1 -p $pg_port -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }

# 1. the peer and its PostgreSQL
if ! curl -sf -o /dev/null $peer/customer/17850; then bash "$shared/bench/peer-up.sh" $pg_port 8500; sleep 3; fi

# 2. Weir's data on the same server
if [ "$(psql_ -d postgres -c "select count(*) from pg_database where datname='weir_bench'")" = 0 ]; then
  psql_ -d postgres -c "create database weir_bench"
fi
export WEIR_DB_URL=jdbc:postgresql://127.0.0.1:$pg_port/weir_bench WEIR_DB_USER=postgres WEIR_DB_PASSWORD=
"$root/weir" import retail "$csv" | tail -n 3

# 3. Weir (Retail checks the edge's token on every call: the bench gets one from the edge, as a client does)
edge=http://127.0.0.1:${WEIR_EDGE_PORT:-8080}
export WEIR_URL=$edge
if ! curl -sf -o /dev/null "$weir/health"; then
  # an admin key of this run: the database outlives the data directory
  WEIR_ADMIN_KEY=bench-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
  export WEIR_DATA_DIR=$work/data WEIR_ADMIN_KEY
  "$root/weir" up > "$work/weir.log" 2>&1 &
  started_weir=$!
  for _ in $(seq 1 180); do grep -q 'Weir is up' "$work/weir.log" && break; sleep 1; done
  grep -q 'Weir is up' "$work/weir.log" || { tail -30 "$work/weir.log"; exit 1; }
fi
# (a Weir already running: its admin key from WEIR_ADMIN_KEY or WEIR_DATA_DIR's admin.key)
# shellcheck source=SCRIPTDIR/../lib/auth.sh
. "$root/bench/lib/auth.sh"
AUTH="Bearer $(weir_token "$edge" "$(weir_client "$edge" retail.read)")"; export AUTH   # random_path.lua sends it (the peer ignores it)

psql_ -d peer -c "select customer_id from customer" > "$work/customers"
psql_ -d peer -c "select invoice_no from invoice" > "$work/invoices"
printf '\\set r random(12346, 18287)\nSELECT customer_id, country FROM customer WHERE customer_id = :r::text;\n' > "$work/pk.sql"

# warm-up: JIT (C2 needs a while on 2 cores), connection pools, PostgreSQL caches; both sides alike
for t in $peer $weir; do
  IDS=$work/customers PREFIX=/customer/ wrk -t2 -c64 -d10s -s "$lua" "$t" > /dev/null
  IDS=$work/invoices PREFIX=/invoice/ wrk -t2 -c64 -d10s -s "$lua" "$t" > /dev/null
done

wrk_run() { # name base ids prefix -> "req/s p99ms"
  local out; out=$(IDS=$3 PREFIX=$4 wrk -t2 -c64 -d"${seconds}s" --latency -s "$lua" "$2")
  local rps p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $5} /Socket errors/ {print "socket"}' <<<"$out")
  [ -z "$errors" ] || { echo "$1: errors: $errors" >&2; }
  echo "$rps $p99"
}
results=$work/results
for r in $(seq 1 "$rounds"); do
  {
    echo "peer_customer $(wrk_run peer_customer "$peer" "$work/customers" /customer/)"
    echo "weir_customer $(wrk_run weir_customer "$weir" "$work/customers" /customer/)"
    echo "peer_invoice $(wrk_run peer_invoice "$peer" "$work/invoices" /invoice/)"
    echo "weir_invoice $(wrk_run weir_invoice "$weir" "$work/invoices" /invoice/)"
  } >> "$results"
  tps=$(pgbench -h 127.0.0.1 -p "$pg_port" -U postgres -n -c 16 -j 2 -T "$seconds" -f "$work/pk.sql" peer 2>/dev/null \
        | awk '/^tps/ {print $3}')
  echo "pgbench_pk $tps 0" >> "$results"
  echo "round $r:"; tail -n 5 "$results" | sed 's/^/  /'
done

python3 - "$results" <<'PY'
import sys, statistics, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    name, rps, p99 = line.split()
    rows[name].append((float(rps), float(p99)))
med = {k: (statistics.median(r for r, _ in v), statistics.median(p for _, p in v)) for k, v in rows.items()}
print(f"\nmedians of {len(rows['weir_customer'])} rounds")
print(f"{'':16}{'req/s':>10}{'p99 ms':>10}")
for k in ['peer_customer', 'weir_customer', 'peer_invoice', 'weir_invoice', 'pgbench_pk']:
    print(f"{k:16}{med[k][0]:10.0f}{med[k][1]:10.1f}")
wc, pc, wi, pi, pg = med['weir_customer'], med['peer_customer'], med['weir_invoice'], med['peer_invoice'], med['pgbench_pk']
print("\ntargets (issue 2)")
print(f"  GET /customer/{{id}}  req/s vs peer   {wc[0]/pc[0]:5.2f}x   (target >= 5x)")
print(f"  GET /customer/{{id}}  p99 vs peer     {wc[1]/pc[1]:5.2f}    (target <= 0.20)")
print(f"  GET /customer/{{id}}  vs pgbench PK   {wc[0]/pg[0]:5.2f}x   (target >= 0.5x)")
print(f"  GET /invoice/{{no}}   req/s vs peer   {wi[0]/pi[0]:5.2f}x   (target >= 8x)")
PY
