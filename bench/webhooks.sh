#!/usr/bin/env bash
# Stripe webhook acknowledgement under load, on the demo organization, SQLite, Release, Production settings.
#   bench/webhooks.sh [seconds] [events]   (defaults 15 and 150000); needs wrk and python3. bench/checkout.sh runs it last.
# Environment: BENCH_PORT (default 5093: other people may run Numi on 5080 at the same time), BENCH_SKIP_BUILD=1 when
# the Release build is fresh (checkout.sh sets it).
# Starts its own Numi on a fresh SQLite folder with a known demo signing secret, then:
#   1. writes [events] distinct signed charge.succeeded events (bench/webhook_events.py, about 1.6 KB each);
#   2. wrk, 50 connections, [seconds]: POST /webhooks/stripe/demo, each request the next event (bench/webhooks.lua),
#      and POST /bench/bare (the same bodies read and answered with the same JSON, nothing verified or stored; same
#      process and pipeline), each after a 3 s warm-up on other events; prints events/s, p99 and their ratio (goal ≥ 0.2,
#      p99 < 50 ms);
#   3. counts the run's events in webhook_events: every event acknowledged as new must be there;
#   4. checkout sessions beside webhooks: times 200 session creations through the API (bench/session_timing.py, one at a
#      time) on an idle Numi, then while wrk posts to the bare endpoint (the same CPU load, no database writes), then
#      while wrk posts webhooks (the same load, writing): the last two differ by what sharing the database costs;
#   5. crash check: posts fresh events for 6 s, kills Numi with SIGKILL after 3 s, and counts again in the database
#      file it left: every event acknowledged before the kill must be there.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
events=${2:-150000}
port=${BENCH_PORT:-5093}
url="http://127.0.0.1:$port"
secret="whsec_bench$(date +%s%N)"
apikey="sk_test_bench$(date +%s%N)"
[ "${BENCH_SKIP_BUILD:-0}" = 1 ] || dotnet build -c Release Numi.Web -nologo -v q >/dev/null
data=$(mktemp -d)
pid=
trap 'if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi; rm -rf "$data"' EXIT

ASPNETCORE_ENVIRONMENT=Production Numi__PublicUrl="$url" Numi__Demo__Enabled=true Numi__Demo__Password='Bench-pass-123!' \
  Numi__Demo__WebhookSecret="$secret" Numi__Demo__ApiKey="$apikey" Numi__Api__RequestsPerSecond=100000 Numi__Bench__BareWebhook=true \
  Numi__DataDirectory="$data" \
  dotnet Numi.Web/bin/Release/net10.0/Numi.Web.dll --contentRoot "$PWD/Numi.Web" --urls "$url" >"$data/numi.log" 2>&1 &
pid=$!
until curl -fs "$url/health" >/dev/null 2>&1; do kill -0 "$pid" 2>/dev/null || { cat "$data/numi.log" >&2; exit 1; }; sleep 0.1; done

# Rows of webhook_events whose id starts with evt_<prefix> (GLOB: `_` is no wildcard there).
stored() { python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("select count(*) from webhook_events where EventId glob ?", ("evt_" + sys.argv[2] + "*",)).fetchone()[0])' "$data/numi.db" "$1"; }
post() { # post TARGET FILE SECONDS [wrk options]: wrk's output
  local target=$1 file=$2 duration=$3
  shift 3
  wrk -t2 -c50 -d"${duration}s" "$@" -s bench/webhooks.lua "$url" -- "$target" "$file" 2
}
field() { awk -v k="$1" '/^acknowledged/ { for (i = 1; i < NF; i++) if ($i == k) print $(i + 1) }'; }

# Signatures are good for 300 s, so each set is written just before it is posted.
python3 bench/webhook_events.py "$data/warm.txt" "$secret" warm 4000
python3 bench/webhook_events.py "$data/main.txt" "$secret" main "$events"
post /webhooks/stripe/demo "$data/warm.txt" 3 >/dev/null
post /bench/bare "$data/warm.txt" 3 >/dev/null

echo "== webhooks: wrk, 50 connections, ${seconds}s each, distinct signed events of $(($(wc -c <"$data/main.txt") / events)) B"
post /webhooks/stripe/demo "$data/main.txt" "$seconds" --latency >"$data/webhook.txt"
post /bench/bare "$data/main.txt" "$seconds" --latency >"$data/bare.txt"
for run in webhook bare; do
  echo "$run: $(awk '/Requests\/sec/ {print $2}' "$data/$run.txt") requests/s, p50 $(awk '$1 == "50%" {print $2}' "$data/$run.txt"), p99 $(awk '$1 == "99%" {print $2}' "$data/$run.txt"); $(grep '^acknowledged' "$data/$run.txt")"
  grep -E "Non-2xx|Socket errors" "$data/$run.txt" | sed "s|^|$run: |" || true
done
echo "ratio webhook/bare: $(awk '/Requests\/sec/ {print $2}' "$data/webhook.txt" "$data/bare.txt" | awk 'NR==1{w=$1} NR==2{b=$1} END{printf "%.2f", w/b}')"
acknowledged=$(field new <"$data/webhook.txt")
rows=$(stored main)
echo "stored: $rows rows of the run's events; acknowledged as new: $acknowledged; $([ "$rows" -ge "$acknowledged" ] && echo "every acknowledged event is stored" || echo "MISSING $((acknowledged - rows))")"

echo "== checkout sessions through the API, one at a time, beside 50 connections posting"
python3 bench/webhook_events.py "$data/beside.txt" "$secret" beside 100000
python3 bench/session_timing.py "$url" "$apikey" 200 "on an idle Numi"
for run in bare webhook; do
  target=/bench/bare
  [ "$run" = webhook ] && target=/webhooks/stripe/demo
  post "$target" "$data/beside.txt" 12 --latency >"$data/beside-$run.txt" &
  sleep 2
  python3 bench/session_timing.py "$url" "$apikey" 200 "beside $run posts"
  wait $!
  echo "  ($run posts meanwhile: $(awk '/Requests\/sec/ {print $2}' "$data/beside-$run.txt")/s, p99 $(awk '$1 == "99%" {print $2}' "$data/beside-$run.txt"))"
done

echo "== crash check: SIGKILL while 50 connections post fresh events"
python3 bench/webhook_events.py "$data/crash.txt" "$secret" crash 50000
post /webhooks/stripe/demo "$data/crash.txt" 6 >"$data/crash-wrk.txt" &
wrk_pid=$!
sleep 3
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
pid=
wait "$wrk_pid" || true
acknowledged=$(field new <"$data/crash-wrk.txt")
rows=$(stored crash)
echo "acknowledged as new before the kill: $acknowledged; stored after it: $rows; $([ "$rows" -ge "$acknowledged" ] && echo "every acknowledged event is stored" || echo "LOST $((acknowledged - rows))")"
