#!/usr/bin/env bash
# The import benchmark: in one run, on one PostgreSQL, times
#   (a) the reference: psql "\copy flat from FILE csv header" into one flat table of 8 text columns, and
#   (b) ./weir import retail FILE into a fresh database that has the Retail schema,
# RUNS times each (default 3, interleaved), and prints the medians and the ratios (target: (b) <= 2.5 x (a)).
# (b) is reported twice: the importer's own "Time:" line (reading to commit) and the wall time of the
# whole command, JVM start and schema check included.
#
#   bench/import/run.sh [FILE]      FILE defaults to the repository's data/online-retail/online_retail.csv.gz
#
# Both sides read the same plain CSV (a gzip FILE is decompressed once, untimed). The PostgreSQL comes
# from PGHOST, PGPORT, PGUSER (default 127.0.0.1, 5433, postgres; trust or PGPASSWORD). It creates and
# drops its own databases, imp_bench_flat and imp_bench_weir. No server running? ../shared/bench/peer-up.sh
# starts one on 5433 (PostgreSQL 15, the reference peer's).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5433} PGUSER=${PGUSER:-postgres}
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
runs=${RUNS:-3}
file=${1:-$repo/data/online-retail/online_retail.csv.gz}

command -v psql >/dev/null || { echo "run.sh: needs psql (apt-get install postgresql-client)" >&2; exit 1; }
[ -f "$file" ] || { echo "run.sh: no such file: $file" >&2; exit 1; }
if ! pg_isready -q -h "$PGHOST" -p "$PGPORT"; then
  echo "run.sh: no PostgreSQL on $PGHOST:$PGPORT. Start one with ../shared/bench/peer-up.sh (PostgreSQL 15 on" >&2
  echo "port 5433), or point PGHOST/PGPORT/PGUSER at another." >&2
  exit 1
fi

work=$(mktemp -d)
cleanup() {
  psql -q -d postgres -c "DROP DATABASE IF EXISTS imp_bench_flat" -c "DROP DATABASE IF EXISTS imp_bench_weir" \
    >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

csv=$work/$(basename "${file%.gz}")
if [ "$(head -c2 "$file" | od -An -tx1 | tr -d ' ')" = 1f8b ]; then gzip -dc "$file" >"$csv"; else cp "$file" "$csv"; fi
head -1 "$csv" >"$work/header-only.csv"

# Build Weir if needed, before any timing; a second start must not build again.
"$repo/weir" --version >/dev/null
if "$repo/weir" --version 2>&1 | grep -q 'building Weir'; then
  echo "run.sh: ./weir rebuilds on every start (launcher/target/weir.jar stays older than the sources)" >&2
  exit 1
fi

weir_url="jdbc:postgresql://$PGHOST:$PGPORT/imp_bench_weir"
export WEIR_DB_USER=$PGUSER WEIR_DB_PASSWORD=${WEIR_DB_PASSWORD:-${PGPASSWORD:-}}
now() { date +%s%N; }
ms_to_s() { awk -v ms="$1" 'BEGIN { printf "%.3f", ms / 1000 }'; }
fresh() { psql -q -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null; }

flat() {
  fresh imp_bench_flat
  psql -q -d imp_bench_flat -c "CREATE TABLE flat (invoice_no text, stock_code text, description text, quantity text,
      invoice_date text, unit_price text, customer_id text, country text)" >/dev/null
  local start; start=$(now)
  psql -q -d imp_bench_flat -c "\\copy flat from '$csv' csv header" >/dev/null
  echo $(( ($(now) - start) / 1000000 ))
}

weir_import() {
  fresh imp_bench_weir
  # the Retail schema, untimed (as the flat table is created untimed)
  WEIR_DB_URL=$weir_url "$repo/weir" import retail "$work/header-only.csv" >/dev/null
  local start end; start=$(now)
  WEIR_DB_URL=$weir_url "$repo/weir" import retail "$csv" >"$work/weir.out"
  end=$(now)
  local stored; stored=$(psql -tA -d imp_bench_weir -c "SELECT count(*) FROM retail.invoice_line")
  [ "$stored" -gt 0 ] || { echo "run.sh: the import stored no lines" >&2; cat "$work/weir.out" >&2; exit 1; }
  local time; time=$(sed -n 's/^Time: \([0-9.]*\) s.*/\1/p' "$work/weir.out")
  echo "$(awk -v t="$time" 'BEGIN { printf "%d", t * 1000 }') $(( (end - start) / 1000000 ))"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "Import benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "PostgreSQL $(psql -tA -d postgres -c 'SHOW server_version') on $PGHOST:$PGPORT; file $(basename "$file")" \
  "($(wc -l <"$csv") lines)"
printf '%-5s %14s %16s %16s\n' run "psql \\copy" "weir Time:" "weir wall"
: >"$work/flat.ms"; : >"$work/time.ms"; : >"$work/wall.ms"
for run in $(seq 1 "$runs"); do
  f=$(flat); read -r t w < <(weir_import)
  echo "$f" >>"$work/flat.ms"; echo "$t" >>"$work/time.ms"; echo "$w" >>"$work/wall.ms"
  printf '%-5s %12s s %14s s %14s s\n' "$run" "$(ms_to_s "$f")" "$(ms_to_s "$t")" "$(ms_to_s "$w")"
done
f=$(median <"$work/flat.ms"); t=$(median <"$work/time.ms"); w=$(median <"$work/wall.ms")
printf '%-5s %12s s %14s s %14s s\n' median "$(ms_to_s "$f")" "$(ms_to_s "$t")" "$(ms_to_s "$w")"
awk -v f="$f" -v t="$t" -v w="$w" 'BEGIN {
  printf "ratio weir Time: / psql \\copy = %.2f (target <= 2.5: %s)\n", t / f, (t / f <= 2.5) ? "met" : "NOT met"
  printf "ratio weir wall  / psql \\copy = %.2f (JVM start and schema check included)\n", w / f }'
echo "The last import's report:"
sed -n '/^Time:/,$p' "$work/weir.out"
