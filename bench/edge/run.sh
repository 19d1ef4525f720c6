#!/usr/bin/env bash
# The edge's overhead, side by side in one run on one machine: GET /customer/{id} against the same Retail
# instance
#   direct          the Retail service itself, with a bearer token of the edge
#   nginx           through nginx (Debian's) as a plain reverse proxy, keep-alive to Retail, same token
#   edge_key        through the edge with an API key (exchanged for a token, rate limit on, usage metered)
#   edge_token      through the edge with a client's OAuth2 token
#   peer            the FastAPI peer (../shared/bench) called directly, on the same PostgreSQL
# and the token endpoint's rate (POST /oauth2/token, client_credentials: one RS256 signature each).
#
#   bench/edge/run.sh [ROUNDS] [SECONDS]      (defaults: 3 rounds of 15 s per target; wrk 2 threads, 64 connections;
#                                             WARMUP_SECONDS of load per target first, default 30)
#
# It starts ../shared/bench/peer-up.sh (PostgreSQL 15 on PEER_PG_PORT, default 5433, uvicorn on PEER_PORT,
# default 8500) unless the peer answers there,
# imports the Online Retail CSV into database weir_bench there (WEIR_BENCH_DB), starts `./weir up` on it (ports from
# WEIR_*_PORT, default 8080/8081/...; data in a temporary directory), makes a key and a client, starts
# nginx on NGINX_PORT (default 8090), waits until weir up's start work is done (the pipeline's first export of
# the import), warms every target up, runs interleaved rounds and prints medians and
# the ratios issue 16 asks for, then the p50 the edge adds at one connection (nothing queued). It stops `weir up`
# and nginx; the peer (and its PostgreSQL, which holds weir_bench) stays up for the next run, as bench/retail
# leaves it: stop it with `kill <its uvicorn pid>` and `pg_ctl -D <its data directory> stop` as postgres.
# Needs wrk, nginx, psql.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
shared=${WEIR_SHARED:-$root/../shared}
rounds=${1:-3}; seconds=${2:-15}; warmup=${WARMUP_SECONDS:-30}
pg_port=${PEER_PG_PORT:-5433}; peer_port=${PEER_PORT:-8500}; peer=http://127.0.0.1:$peer_port
edge_port=${WEIR_EDGE_PORT:-8080}; retail_port=${WEIR_RETAIL_PORT:-8081}; nginx_port=${NGINX_PORT:-8090}
edge=http://127.0.0.1:$edge_port; retail=http://127.0.0.1:$retail_port; nginx=http://127.0.0.1:$nginx_port
csv=$root/data/online-retail/online_retail.csv.gz
work=$(mktemp -d /tmp/weir-edge-bench.XXXXXX)
started_weir=; started_nginx=
cleanup() {
  local status=$?
  if [ -n "$started_nginx" ]; then kill -TERM "$started_nginx" 2>/dev/null || true; fi
  if [ -n "$started_weir" ]; then
    if kill -TERM "$started_weir" 2>/dev/null; then wait "$started_weir" 2>/dev/null || true; fi
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
psql_() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }

# 1. the peer and its PostgreSQL; Weir's data on the same server
if ! curl -sf -o /dev/null "$peer/customer/17850"; then bash "$shared/bench/peer-up.sh" "$pg_port" "$peer_port"; sleep 3; fi
db=${WEIR_BENCH_DB:-weir_bench}
if [ "$(psql_ -d postgres -c "select count(*) from pg_database where datname='$db'")" = 0 ]; then
  psql_ -d postgres -c "create database $db"
fi
export WEIR_DB_URL=jdbc:postgresql://127.0.0.1:$pg_port/$db WEIR_DB_USER=postgres WEIR_DB_PASSWORD=
"$root/weir" import retail "$csv" | tail -n 2

# 2. Weir, with the edge
# an admin key of this run: the database outlives the data directory, and an admin key already in force
# there is not written out again
WEIR_ADMIN_KEY=bench-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
export WEIR_DATA_DIR=$work/data WEIR_URL=$edge WEIR_INGEST_SCHEDULES=false WEIR_ADMIN_KEY
"$root/weir" up > "$work/weir.log" 2>&1 &
started_weir=$!
# "Weir is up." once every service has started (the edge answers /health a moment before it has written
# the admin key the CLI uses)
for _ in $(seq 1 180); do grep -q 'Weir is up' "$work/weir.log" && break; sleep 1; done
grep -q 'Weir is up' "$work/weir.log" || { tail -30 "$work/weir.log"; exit 1; }
# shellcheck source=SCRIPTDIR/../lib/auth.sh
. "$root/bench/lib/auth.sh"
key=$(weir_key "$edge" retail.read)
client=$(weir_client "$edge" retail.read)   # id:secret
basic=$(printf '%s' "$client" | base64 | tr -d '\n')
token=$(weir_token "$edge" "$client")

# 3. nginx as a plain reverse proxy in front of the same Retail instance
mkdir -p "$work/nginx/logs"
cat > "$work/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  upstream retail { server 127.0.0.1:$retail_port; keepalive 128; }
  server {
    listen 127.0.0.1:$nginx_port;
    location / {
      proxy_pass http://retail;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    }
  }
}
CONF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' &
started_nginx=$!
sleep 1

psql_ -d peer -c "select customer_id from customer" > "$work/customers"

# 4. wait for the start's own work to end: on a database that holds the import, a fresh `weir up` first
# exports it to the pipeline and loads the warehouse (about a minute of both cores); measured during that,
# every target would share the CPU with it
java_pid=$(pgrep -P "$started_weir" java || echo "$started_weir")
hz=$(getconf CLK_TCK); waited=0; quiet=0
while [ "$waited" -lt 300 ] && [ "$quiet" -lt 3 ]; do
  a=$(awk '{print $14 + $15}' "/proc/$java_pid/stat"); sleep 5; waited=$((waited + 5))
  b=$(awk '{print $14 + $15}' "/proc/$java_pid/stat")
  if [ $(( (b - a) * 100 / hz / 5 )) -lt 20 ]; then quiet=$((quiet + 1)); else quiet=0; fi
done
echo "weir up's start work done after ${waited} s (its CPU below 20% for 15 s)"
lua=$here/credentials.lua
target() { # name -> "base env..." for wrk
  case $1 in
    direct) echo "$retail AUTH=Bearer $token" ;;
    nginx) echo "$nginx AUTH=Bearer $token" ;;
    edge_key) echo "$edge KEY=$key" ;;
    edge_token) echo "$edge AUTH=Bearer $token" ;;
    peer) echo "$peer" ;;
  esac
}
wrk_run() { # name seconds [connections, default 64] -> "req/s p50ms p99ms"
  local base env out connections=${3:-64} threads=2; read -r base env <<<"$(target "$1")"
  [ "$connections" -gt 1 ] || threads=1
  out=$(env IDS="$work/customers" PREFIX=/customer/ ${env:+"${env%%=*}=${env#*=}"} \
        wrk -t"$threads" -c"$connections" -d"$2"s --latency -s "$lua" "$base")
  local errors; errors=$(awk '/Non-2xx/ {print $5} /Socket errors/ {print "socket"}' <<<"$out")
  [ -z "$errors" ] || echo "$1: errors: $errors" >&2
  awk '/Requests\/sec/ {rps=$2}
       function ms(v) { if (v ~ /us$/) {sub(/us/,"",v); return v/1000} if (v ~ /ms$/) {sub(/ms/,"",v); return v} sub(/s/,"",v); return v*1000 }
       $1=="50%" {p50=ms($2)} $1=="99%" {p99=ms($2)}
       END {print rps, p50, p99}' <<<"$out"
}
names="direct nginx edge_key edge_token peer"
# warm-up: JIT, pools, caches (the edge's path reaches its rate after some 30-60 s of load)
for n in $names; do wrk_run "$n" "$warmup" > /dev/null; done
results=$work/results
for r in $(seq 1 "$rounds"); do
  for n in $names; do echo "$n $(wrk_run "$n" "$seconds")" >> "$results"; done
  out=$(BASIC=$basic wrk -t2 -c16 -d"$seconds"s -s "$here/token.lua" "$edge")
  echo "token_endpoint $(awk '/Requests\/sec/ {print $2}' <<<"$out") 0 0" >> "$results"
  echo "round $r:"; tail -n 6 "$results" | sed 's/^/  /'
done
# the latency the edge adds when nothing queues: one connection at a time
for r in $(seq 1 "$rounds"); do
  for n in direct edge_key; do echo "${n}_c1 $(wrk_run "$n" 5 1)" >> "$results"; done
done

python3 - "$results" <<'PY'
import sys, statistics, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    name, rps, p50, p99 = line.split()
    rows[name].append((float(rps), float(p50), float(p99)))
med = {k: tuple(statistics.median(x[i] for x in v) for i in range(3)) for k, v in rows.items()}
print(f"\nmedians of {len(rows['direct'])} rounds (GET /customer/{{id}}, random ids, wrk -t2 -c64)")
print(f"{'':16}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}")
for k in ['direct', 'nginx', 'edge_key', 'edge_token', 'peer']:
    print(f"{k:16}{med[k][0]:10.0f}{med[k][1]:10.2f}{med[k][2]:10.2f}")
print(f"{'token_endpoint':16}{med['token_endpoint'][0]:10.0f}   (POST /oauth2/token, wrk -t2 -c16)")
e, n, d, p = med['edge_key'], med['nginx'], med['direct'], med['peer']
print("\ntargets (issue 16)")
print(f"  edge (API key) req/s vs nginx      {e[0]/n[0]:5.2f}x     (target >= 0.8x)")
print(f"  edge (API key) p50 over direct     {e[1]-d[1]:5.2f} ms  (target <= 1 ms)")
print(f"  edge (API key) req/s vs the peer   {e[0]/p[0]:5.2f}x     (target >= 3x)")
d1, e1 = med['direct_c1'], med['edge_key_c1']
print(f"\none connection at a time (wrk -t1 -c1): direct p50 {d1[1]:.2f} ms, edge (API key) p50 {e1[1]:.2f} ms")
print(f"  edge (API key) p50 over direct     {e1[1]-d1[1]:5.2f} ms  (nothing queued: the edge's own latency)")
PY
