# shellcheck shell=bash
# Sourced by the benchmarks (bash): credentials from Weir's edge, got the way a client gets them. Every
# service checks the edge's token on every call, so a benchmark that calls a service needs one.
#
#   weir_client EDGE_URL SCOPES         registers a client (`weir clients create`) and prints "id:secret"
#   weir_token EDGE_URL ID:SECRET       a bearer token of that client (client_credentials at /oauth2/token)
#   weir_key EDGE_URL SCOPES            an API key (`weir keys create`), for calls through the edge
#
# `weir clients|keys create` authenticate with the admin key: WEIR_ADMIN_KEY, or the admin.key in
# WEIR_DATA_DIR that `weir up` wrote. The limits are set high enough never to be what a benchmark measures.
# A client's token lives 15 minutes (the edge's weir.edge.tokens.client-ttl): a long benchmark asks again.
# Needs: the repository's ./weir (two levels above this file), curl.

bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

weir_client() {
  local out
  out=$(WEIR_URL=$1 "$bench_root/weir" clients create --name "bench-$$-$RANDOM" --scopes "$2" \
    --limit 999999999/h) || return 1
  printf '%s:%s\n' "$(sed -n 's/^client_id=//p' <<<"$out")" "$(sed -n 's/^client_secret=//p' <<<"$out")"
}

weir_token() {
  curl -sf -H "Authorization: Basic $(printf '%s' "$2" | base64 | tr -d '\n')" -d grant_type=client_credentials \
      "$1/oauth2/token" | sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p' | grep . \
    || { echo "no token from $1/oauth2/token" >&2; return 1; }
}

weir_key() {
  WEIR_URL=$1 "$bench_root/weir" keys create --name "bench-$$-$RANDOM" --scopes "$2" --limit 999999999/h
}
