#!/usr/bin/env bash
# gRPC GetCustomer vs REST GET /customer/{id}, side by side, same data, same machine, same harness.
#   bench/grpc/run.sh [ROUNDS] [SECONDS]       (needs a running Weir with the Online Retail data:
#   e.g. bench/retail/run.sh leaves none running, so: WEIR_DB_URL=... ./weir up, or ./weir up + ./weir import)
# Prints req/s and p50/p99 per protocol per round from one Java load harness (64 calls in flight), and
# wrk's figure for REST as a cross-check (wrk is a lighter client than any JVM one).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
rounds=${1:-3}; seconds=${2:-15}
host=127.0.0.1; rest=${WEIR_RETAIL_PORT:-8081}; grpc=${WEIR_RETAIL_GRPC_PORT:-9081}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
# Retail checks the edge's token on every call: a client's token (retail.read) from the edge of that Weir
# (WEIR_EDGE_PORT, default 8080; its admin key from WEIR_ADMIN_KEY or WEIR_DATA_DIR's admin.key)
# shellcheck source=SCRIPTDIR/../lib/auth.sh
. "$root/bench/lib/auth.sh"
edge=http://$host:${WEIR_EDGE_PORT:-8080}
AUTH="Bearer $(weir_token "$edge" "$(weir_client "$edge" retail.read)")"; export AUTH   # read by both harnesses
curl -sf -o /dev/null -H "Authorization: $AUTH" "http://$host:$rest/customer/17850" || { echo "No Weir with the retail data on :$rest (customer 17850 missing): start ./weir up and ./weir import retail first." >&2; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
# one build, so the sibling modules resolve from the reactor (they are never installed)
"$root/mvnw" -q -B -f "$root/pom.xml" -pl services/retail/client -am package dependency:build-classpath -DskipTests \
  -Dspring-javaformat.skip=true -Dmdep.outputFile=target/classpath.txt > "$work/build.log" 2>&1 \
  || { tail -30 "$work/build.log"; exit 1; }
cp=$(cat "$root/services/retail/client/target/classpath.txt")
# customer ids of the data set (from the API itself, so no database access is needed)
next="/customer?limit=1000"; : > "$work/ids"
while [ -n "$next" ]; do
  page=$(curl -sf -H "Authorization: $AUTH" "http://$host:$rest$next")
  echo "$page" | python3 -c 'import json,sys; [print(i["customer_id"]) for i in json.load(sys.stdin)["items"]]' >> "$work/ids"
  next=$(echo "$page" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("next") or "")')
done
echo "$(wc -l < "$work/ids") customer ids"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" "$here/GrpcVsRest.java" "$host" "$rest" "$grpc" "$work/ids" 64 "$seconds" "$rounds"
echo "wrk (REST, 2 threads, 64 connections, ${seconds} s):"
IDS=$work/ids PREFIX=/customer/ wrk -t2 -c64 -d"${seconds}s" --latency -s "$root/../shared/bench/wrk/random_path.lua" "http://$host:$rest" \
  | grep -E 'Requests/sec|99%'
