#!/usr/bin/env bash
# Pay → thank-you alone: bench/checkout.sh's step 3 (bench/pay_concurrent.py) without the other steps.
#   bench/pay.sh [payments] [warm]   (defaults 640 and 1000); BENCH_PORT (default 5093) is Numi's port.
#   BENCH_SKIP_BUILD=1 skips the Release build; BENCH_BIN=DIR runs the Numi.Web.dll in DIR instead (an earlier build kept
#   aside, to alternate builds in one session); BENCH_PERF=FILE records the warm payments with perf into FILE; APART=N then
#   pays N more sessions in two phases (all the POSTs, then all the thank-you GETs) and prints the CPU of each apart.
# Starts Numi (Release, Production settings, fresh SQLite, demo data, the same settings as bench/checkout.sh), serves
# a session page's bytes on /bench/bare (the client's floor), then pays [warm] sessions and [payments] more with 32
# shoppers at once; prints Numi's CPU per payment and the load average before and after.
set -euo pipefail
cd "$(dirname "$0")/.."
payments=${1:-640}
warm=${2:-1000}
. bench/numi-start.sh
bench_setup

start_with_bare_page

echo "== $(date -u '+%F %H:%M') UTC, ${BENCH_BIN:-$(git rev-parse --short HEAD 2>/dev/null || echo 'not a git checkout')$(git diff --quiet HEAD -- Numi.Web Numi.Core Numi.Infrastructure 2>/dev/null || echo ' (uncommitted changes)')}$(env | grep -o '^DOTNET_[A-Za-z]*=[^ ]*' | tr '\n' ' ')"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "${BENCH_PERF:-}" ]; then
  # Records from the warm run's start: the warm-up pays first in a run of its own.
  WARM=0 SERVER_PID=$pid python3 bench/pay_concurrent.py "$url" 32 "$warm" "$data/numi.db" >/dev/null
  perf record -F 499 -g -p "$pid" -o "$BENCH_PERF" >/dev/null 2>&1 & perf=$!
  sleep 1
  SERVER_PID=$pid python3 bench/pay_concurrent.py "$url" 32 "$payments" "$data/numi.db"
  kill -INT "$perf"; wait "$perf" || true
  cp "/tmp/perf-$pid.map" "$BENCH_PERF.map" 2>/dev/null || true
else
  WARM=$warm SERVER_PID=$pid python3 bench/pay_concurrent.py "$url" 32 "$payments" "$data/numi.db"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
