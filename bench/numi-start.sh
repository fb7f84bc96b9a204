# Sourced by bench/pay.sh, bench/pay-sweep.sh, bench/own-page.sh and bench/funnel-step.sh (not run alone): starts Numi for
# a bench, Release, Production settings, a fresh SQLite in $data, demo data, the shopper limits lifted, on $url, and sets
# $pid.
#   bench_setup             builds Numi (Release) unless BENCH_SKIP_BUILD is set, makes $data (removed at exit, once Numi
#                           has stopped) and sets $port (BENCH_PORT, default 5093) and $url.
#   start_numi [BAREFILE]   starts it, serving BAREFILE's bytes on /bench/bare when given; waits for /health.
#   start_with_bare_page    starts it once to save a session page (the link's first post) into $data/page.html, then
#                           again serving those bytes on /bench/bare (the client's floor, as in bench/checkout.sh).
# Environment: BENCH_BIN=DIR runs the Numi.Web.dll in DIR; BENCH_PERF set turns on the perf map; BENCH_TEMPLATES
# (default true) is Checkout:PageTemplates.
bench_setup() {
  [ -n "${BENCH_SKIP_BUILD:-}" ] || dotnet build -c Release Numi.Web -nologo -v q >/dev/null
  data=$(mktemp -d)
  port=${BENCH_PORT:-5093}
  url="http://127.0.0.1:$port"
  trap '{ kill $pid && wait $pid; } 2>/dev/null || true; rm -rf "$data"' EXIT
}

start_numi() {
  DOTNET_PerfMapEnabled=${BENCH_PERF:+1} DOTNET_EnableWriteXorExecute=${BENCH_PERF:+0} \
    Checkout__PageTemplates=${BENCH_TEMPLATES:-true} \
    Checkout__Limits__SessionsPerAddress=1000000 Checkout__Limits__PaymentsPerAddress=1000000 ASPNETCORE_ENVIRONMENT=Production \
    Numi__PublicUrl="$url" Numi__Demo__Enabled=true Numi__Demo__Password='Bench-pass-123!' Numi__DataDirectory="$data" \
    Numi__Bench__BareFile="${1:-}" dotnet "${BENCH_BIN:-Numi.Web/bin/Release/net10.0}/Numi.Web.dll" --contentRoot "$PWD/Numi.Web" --urls "$url" >"$data/numi.log" 2>&1 &
  pid=$!
  until curl -fs "$url/health" >/dev/null 2>&1; do kill -0 "$pid" 2>/dev/null || { cat "$data/numi.log" >&2; exit 1; }; sleep 0.1; done
}

start_with_bare_page() {
  start_numi ""
  local page
  page=$(curl -s -o /dev/null -D - -X POST --data '_handler=checkout&Input.Action=update' "$url/c/demo/coffee-club" | tr -d '\r' | awk 'tolower($1)=="content-location:" {print $2}')
  [ -n "$page" ] || { echo "the link's first post opened no session" >&2; exit 1; }
  curl -s "$url$page" >"$data/page.html"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  start_numi "$data/page.html"
}
