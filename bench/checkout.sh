#!/usr/bin/env bash
# Checkout page under load, page weight and Pay → thank-you time, on the simulated processor.
#   bench/checkout.sh [seconds] [payments] [own]   (defaults 15, 640 and 8000); needs wrk and python3 with requests (for bench/webhooks.sh).
# Builds Release, starts Numi with demo data on a fresh SQLite folder, opens one checkout session of the demo
# offer (the first post to its link), then:
#   1. wrk, 32 connections, one after the other in the same run: GET of the offer's shareable link
#      (/c/demo/coffee-club: the offer's page, no session), GET of that session's page, and GET /bench/bare (the
#      session page's bytes from memory, same process and pipeline); prints requests/s, p99, each one's ratio to
#      bare (goal ≥ 0.5; for the link also p99 < 50 ms) and the checkout sessions the link's run wrote (goal 0);
#   1b. cold own page: [own] shoppers (default 8000, plus 2000 for a warm-up) each open their own session with a first
#      post to the link (bench/own_pages.lua), then wrk (32 connections) GETs each session's page once, with its cookie,
#      so no request is a page-cache hit; prints requests/s, p99 and the ratio to the bare run above (goal ≥ 0.3, p99 < 50 ms);
#   2. the page's first-party weight: HTML + checkout.css + theme.css, gzip -9 (goal < 30 KB), and the link page's HTML;
#   3. Pay → thank-you (bench/pay_concurrent.py): [payments] sessions opened first, then paid with 4242 through the
#      page's form by 32 shoppers at once, each paying sessions of its own: p50/p99 of the POST that pays (it answers
#      once the order is saved) and of the cold GET of the thank-you page it redirects to, orders made against
#      payments answered, Numi's CPU per payment, and the same client's floor on /bench/bare at the same concurrency.
#      It runs twice: first on the server as it comes up (PAY_WARM payments, default 1,000, the JIT still compiling and
#      re-tiering the path), then warm ([payments]): a server that has been up a while is the second;
#   4. Stripe webhooks: bench/webhooks.sh [seconds] on a Numi of its own (distinct signed events, 50 connections, against
#      a bare POST; every acknowledged event counted in the database, also after a SIGKILL).
# BENCH_PORT (default 5093) is the port Numi listens on, so the bench can run beside a Numi on 5080.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
payments=${2:-640}
own=${3:-8000}
dotnet build -c Release Numi.Web -nologo -v q >/dev/null
data=$(mktemp -d)
port=${BENCH_PORT:-5093}
url="http://127.0.0.1:$port"
# The checkout's per-address limits (Checkout:Limits) would stop this one client's payments: raised for the bench.
start_numi() {
  Checkout__Limits__SessionsPerAddress=1000000 Checkout__Limits__PaymentsPerAddress=1000000 ASPNETCORE_ENVIRONMENT=Production Numi__PublicUrl="$url" Numi__Demo__Enabled=true Numi__Demo__Password='Bench-pass-123!' Numi__DataDirectory="$data" \
    Numi__Bench__BareFile="${1:-}" dotnet Numi.Web/bin/Release/net10.0/Numi.Web.dll --contentRoot "$PWD/Numi.Web" --urls "$url" >"$data/numi.log" 2>&1 &
  pid=$!
  until curl -fs "$url/health" >/dev/null 2>&1; do kill -0 "$pid" 2>/dev/null || { cat "$data/numi.log" >&2; exit 1; }; sleep 0.1; done
}
trap '{ kill $pid && wait $pid; } 2>/dev/null || true; rm -rf "$data"' EXIT

link="$url/c/demo/coffee-club"
# The shopper's first change on the offer's page opens the session; its address comes back in Content-Location.
open_session() {
  curl -s -o /dev/null -D - -X POST --data '_handler=checkout&Input.Action=update' "$link" | tr -d '\r' | awk -v u="$url" 'tolower($1)=="content-location:" {print u $2}'
}
sessions() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from checkout_sessions").fetchone()[0])' "$data/numi.db"; }

start_numi ""
session=$(open_session)
[ -n "$session" ] || { echo "the link's first post opened no session" >&2; exit 1; }
curl -s "$session" >"$data/page.html"
kill "$pid"; wait "$pid" 2>/dev/null || true
start_numi "$data/page.html"
session=$(open_session)

# A 3 s warm-up of each target first, so none is measured while the JIT is still compiling its path.
for target in "$link" "$session" "$url/bench/bare"; do wrk -t2 -c32 -d3s "$target" >/dev/null; done
echo "== wrk, 32 connections, ${seconds}s each"
before=$(sessions)
for target in "$link" "$session" "$url/bench/bare"; do
  wrk -t2 -c32 -d"${seconds}s" --latency "$target" | tee "$data/wrk.txt" | grep -E "Requests/sec|99%|Non-2xx" | sed "s|^|$(basename "$target"): |"
  awk '/Requests\/sec/ {print $2}' "$data/wrk.txt" >>"$data/rps.txt"
  [ "$target" = "$link" ] && echo "coffee-club: checkout sessions written: $(( $(sessions) - before ))"
done
echo "ratio link/bare: $(awk 'NR==1{l=$1} NR==3{b=$1} END{printf "%.2f", l/b}' "$data/rps.txt")"
echo "ratio page/bare: $(awk 'NR==2{p=$1} NR==3{b=$1} END{printf "%.2f", p/b}' "$data/rps.txt")"

echo "== cold own page: $own shoppers' sessions, each page viewed once (a cache miss), wrk 32 connections"
wrk -t1 -c32 -d600s -s bench/own_pages.lua "$link" -- open "$data/own.txt" $((own + 2000)) >/dev/null
head -2000 "$data/own.txt" >"$data/own-warm.txt"
tail -n +2001 "$data/own.txt" >"$data/own-cold.txt"
wrk -t1 -c32 -d60s -s bench/own_pages.lua "$url" -- view "$data/own-warm.txt" >/dev/null
sleep 6   # the warm-up's pages leave the page cache (5 s), so the measured run starts from the same empty cache
wrk -t1 -c32 -d300s --latency -s bench/own_pages.lua "$url" -- view "$data/own-cold.txt" | tee "$data/wrk.txt" | grep -E "requests in|Requests/sec|99%|Non-2xx|repeated" | sed "s|^|own page: |"
echo "ratio own page/bare: $(awk -v bare="$(sed -n 3p "$data/rps.txt")" '/Requests\/sec/ {printf "%.2f", $2/bare}' "$data/wrk.txt")"

echo "== first-party page weight (gzip -9)"
theme=$(grep -o 'offers/theme.css[^"]*' "$data/page.html" | head -1 | sed 's/&amp;/\&/g')
html=$(gzip -9c "$data/page.html" | wc -c)
css=$(curl -s "$url/checkout.css" | gzip -9c | wc -c)
themecss=$(curl -s "$url/$theme" | gzip -9c | wc -c)
echo "html $html B + checkout.css $css B + theme.css $themecss B = $((html + css + themecss)) B; render-blocking scripts: $(grep -c '<script[^>]*src=[^>]*>' "$data/page.html" | tr -d ' ') (all deferred: $(grep -c '<script[^>]*defer' "$data/page.html" | tr -d ' '))"
echo "the offer's page at its link: html $(curl -s "$link" | gzip -9c | wc -c | tr -d ' ') B"

echo "== Pay → thank-you, $payments payments with 4242, 32 shoppers at once"
WARM=${PAY_WARM:-1000} SERVER_PID=$pid python3 bench/pay_concurrent.py "$url" 32 "$payments" "$data/numi.db"

kill "$pid"; wait "$pid" 2>/dev/null || true
BENCH_SKIP_BUILD=1 BENCH_PORT="$port" bench/webhooks.sh "$seconds"
