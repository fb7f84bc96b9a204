#!/usr/bin/env bash
# A funnel's first view under load: every request a new visitor without cookies, so each one opens a funnel session
# (queued, then inserted in batches), sets the visitor and session cookies and queues a step_viewed event; against GET /bench/bare (the same
# page's bytes from memory, same process and pipeline) in the same run.
#   bench/funnels.sh [seconds]   (default 15); needs wrk, curl and python3.
# Builds Release, starts Numi with demo data on a fresh SQLite folder, builds a published funnel (landing → checkout of
# the demo's coffee-club offer → thank-you) through the REST API, then runs wrk (2 threads, 32 connections) on
# /f/demo/bench and on /bench/bare, 3 s warm-up each first; prints requests/s, p99, the ratio (goal ≥ 0.3), and the
# funnel sessions and events written (one session per request; events as the writer has stored them).
# BENCH_PORT (default 5094) is the port Numi listens on; BENCH_WARMUP (default 3) the seconds of wrk warm-up per target.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
dotnet build -c Release Numi.Web -nologo -v q >/dev/null
data=$(mktemp -d)
port=${BENCH_PORT:-5094}
url="http://127.0.0.1:$port"
key="sk_test_bench$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
start_numi() {
  ASPNETCORE_ENVIRONMENT=Production Numi__PublicUrl="$url" Numi__Demo__Enabled=true Numi__Demo__Password='Bench-pass-123!' Numi__Demo__ApiKey="$key" \
    Numi__DataDirectory="$data" Numi__Bench__BareFile="${1:-}" dotnet Numi.Web/bin/Release/net10.0/Numi.Web.dll --contentRoot "$PWD/Numi.Web" --urls "$url" >"$data/numi.log" 2>&1 &
  pid=$!
  until curl -fs "$url/health" >/dev/null 2>&1; do kill -0 "$pid" 2>/dev/null || { cat "$data/numi.log" >&2; exit 1; }; sleep 0.1; done
}
trap '{ kill $pid && wait $pid; } 2>/dev/null || true; rm -rf "$data"' EXIT
count() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from " + sys.argv[2]).fetchone()[0])' "$data/numi.db" "$1"; }

start_numi ""
python3 - "$url" "$key" <<'PY'
import sys
sys.path.insert(0, "bench")
from bench_funnel import publish
publish(sys.argv[1], sys.argv[2], [
    {"type": "headline", "text": "Wake up to better coffee"}, {"type": "text", "text": "Roasted this week, at your door."},
    {"type": "bullets", "items": ["Fresh", "Free shipping", "Cancel any time"]}, {"type": "call_to_action", "label": "Get my coffee"}])
PY
page="$url/f/demo/bench"
curl -fs "$page" >"$data/page.html"
kill "$pid"; wait "$pid" 2>/dev/null || true
start_numi "$data/page.html"

for target in "$page" "$url/bench/bare"; do wrk -t2 -c32 -d"${BENCH_WARMUP:-3}s" "$target" >/dev/null; done
echo "== wrk, 32 connections, ${seconds}s each; every funnel request is a new visitor (wrk sends no cookies)"
sessions=$(count funnel_sessions)
for target in "$page" "$url/bench/bare"; do
  wrk -t2 -c32 -d"${seconds}s" --latency "$target" | tee "$data/wrk.txt" | grep -E "requests in|Requests/sec|99%|Non-2xx" | sed "s|^|$(basename "$target"): |"
  awk '/Requests\/sec/ {print $2}' "$data/wrk.txt" >>"$data/rps.txt"
  # New sessions are queued and stored in batches (1 s window): wait for the last ones before counting.
  [ "$target" = "$page" ] && { sleep 3; echo "bench: funnel sessions opened: $(( $(count funnel_sessions) - sessions ))"; }
done
sleep 2   # the event writer's window (1 s) and a batch or two
echo "funnel events stored: $(count funnel_events)"
echo "ratio funnel first view/bare: $(awk 'NR==1{f=$1} NR==2{b=$1} END{printf "%.2f", f/b}' "$data/rps.txt")"
[ -n "${BENCH_PAUSE:-}" ] && { echo "paused: $url"; sleep "$BENCH_PAUSE"; }
echo "page HTML: $(wc -c <"$data/page.html") bytes, gzip -9: $(gzip -9c "$data/page.html" | wc -c) bytes"
