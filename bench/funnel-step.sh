#!/usr/bin/env bash
# Each visitor's view of a funnel's checkout step, against the bare endpoint in the same run, with the server's CPU per
# request for both (as bench/own-page.sh measures a shopper's own page).
#   bench/funnel-step.sh [visitors] [seconds]   (defaults 3000 visitors and 10 s of bare); BENCH_PORT (default 5095).
#   BENCH_SKIP_BUILD=1 skips the Release build; BENCH_BIN=DIR runs the Numi.Web.dll in DIR (a build kept aside).
# Starts Numi (Release, Production settings, fresh SQLite, demo data), publishes a funnel (landing → checkout of the
# demo's coffee-club offer → thank-you) through the REST API, walks [visitors] + 500 new visitors to its checkout step
# (the entry page, then the landing's Continue: each has its own funnel session and cookies), saves the step's page as
# one of them sees it and restarts Numi serving those bytes on /bench/bare. Then 500 visitors view the step as a
# warm-up, and in one run: wrk (32 connections) on /bench/bare for [seconds], and wrk (32 connections) GETting the
# checkout step once per other visitor with that visitor's cookies (each view recorded as a step_viewed event).
set -euo pipefail
cd "$(dirname "$0")/.."
visitors=${1:-3000}
seconds=${2:-10}
[ -n "${BENCH_SKIP_BUILD:-}" ] || dotnet build -c Release Numi.Web -nologo -v q >/dev/null
data=$(mktemp -d)
port=${BENCH_PORT:-5095}
url="http://127.0.0.1:$port"
export Numi__Demo__ApiKey="sk_test_bench$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
trap 'kill $pid 2>/dev/null || true; rm -rf "$data"' EXIT

. bench/numi-start.sh
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
count() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from " + sys.argv[2]).fetchone()[0])' "$data/numi.db" "$1"; }

start_numi ""
python3 - "$url" "$Numi__Demo__ApiKey" $((visitors + 500)) "$data/visitors.txt" "$data/page.html" <<'PY'
import concurrent.futures, sys, urllib.error, urllib.parse, urllib.request
sys.path.insert(0, "bench")
from bench_funnel import publish
url, key, wanted, out, page = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
landing, checkout = publish(url, key, [{"type": "headline", "text": "Wake up to better coffee"}, {"type": "call_to_action", "label": "Get my coffee"}])
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args): return None
opener = urllib.request.build_opener(NoRedirect)
def walk(_):
    # Cookies by hand: outside Development every cookie is Secure, which a cookie jar would not send over http.
    jar = {}
    def keep(headers):
        for cookie in headers.get_all("Set-Cookie") or []:
            name, value = cookie.split(";", 1)[0].split("=", 1)
            jar[name] = value
    with opener.open(url + "/f/demo/bench") as entry:
        keep(entry.headers)
    form = urllib.parse.urlencode({"_handler": "funnel", "Input.Step": landing, "Input.Action": "next"}).encode()
    request = urllib.request.Request(url + f"/f/demo/bench/{landing}", data=form, headers={"Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())})
    try:
        opener.open(request)
        raise SystemExit("the landing's Continue did not redirect")
    except urllib.error.HTTPError as answer:
        assert answer.code == 302 and answer.headers["Location"].endswith(checkout), (answer.code, answer.headers["Location"])
        keep(answer.headers)
    return "; ".join(f"{k}={v}" for k, v in jar.items())
with concurrent.futures.ThreadPoolExecutor(8) as pool:
    cookies = list(pool.map(walk, range(wanted)))
path = f"/f/demo/bench/{checkout}"
with open(out, "w") as f:
    for cookie in cookies: f.write(f"{path}\t{cookie}\n")
with urllib.request.urlopen(urllib.request.Request(url + path, headers={"Cookie": cookies[0]})) as response, open(page, "wb") as f:
    f.write(response.read())
PY
kill "$pid"; wait "$pid" 2>/dev/null || true
start_numi "$data/page.html"
head -500 "$data/visitors.txt" >"$data/warm.txt"
tail -n +501 "$data/visitors.txt" >"$data/cold.txt"
wrk -t1 -c32 -d60s -s bench/own_pages.lua "$url" -- view "$data/warm.txt" >/dev/null
wrk -t2 -c32 -d3s "$url/bench/bare" >/dev/null
sleep 2
events=$(count funnel_events)

echo "== $(date -u '+%F %H:%M') UTC, ${BENCH_BIN:-Numi.Web/bin/Release/net10.0}, $(git rev-parse --short HEAD 2>/dev/null || echo 'not a git checkout')"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(ticks)
wrk -t2 -c32 -d"${seconds}s" --latency "$url/bench/bare" >"$data/bare.txt"
bare_cpu=$(( $(ticks) - start ))
bare_rps=$(awk '/Requests\/sec/ {print $2}' "$data/bare.txt")
bare_n=$(awk '/requests in/ {print $1}' "$data/bare.txt")
echo "bare: $bare_rps requests/s, p99 $(awk '$1=="99%" {print $2}' "$data/bare.txt"), $(awk -v t="$bare_cpu" -v n="$bare_n" -v hz="$hz" 'BEGIN {printf "%.3f", t / hz * 1000 / n}') ms CPU per request ($bare_n requests)"
start=$(ticks)
wrk -t1 -c32 -d300s --latency -s bench/own_pages.lua "$url" -- view "$data/cold.txt" >"$data/step.txt"
sleep 2   # the event writer's window (1 s): its batches are part of each view's cost
step_cpu=$(( $(ticks) - start ))
step_rps=$(awk '/Requests\/sec/ {print $2}' "$data/step.txt")
step_n=$(awk '/requests in/ {print $1}' "$data/step.txt")
echo "checkout step: $step_rps requests/s, p99 $(awk '$1=="99%" {print $2}' "$data/step.txt"), $(awk -v t="$step_cpu" -v n="$step_n" -v hz="$hz" 'BEGIN {printf "%.3f", t / hz * 1000 / n}') ms CPU per view incl. the event writer ($step_n views, $(grep -o 'repeated [0-9]*, not 200 [0-9]*' "$data/step.txt"))"
# Under load the writer may lag: wait until the count stops growing (3 s without change, 60 s at most).
stored=-1; for _ in $(seq 20); do now=$(count funnel_events); [ "$now" = "$stored" ] && break; stored=$now; sleep 3; done
echo "step_viewed events stored for them: $(( stored - events ))"
echo "ratio checkout step/bare: $(awk -v o="$step_rps" -v b="$bare_rps" 'BEGIN {printf "%.2f", o / b}')"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
