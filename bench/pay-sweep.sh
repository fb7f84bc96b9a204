#!/usr/bin/env bash
# Pay → thank-you at several numbers of shoppers paying at once, against one warm server: where the latency goal
# (issue 12: p50 under 20 ms, p99 under 100 ms) holds on this machine and where the queue starts.
#   bench/pay-sweep.sh [warm]   (default 3000 payments at 32 shoppers first); SWEEP="1 2 4 8 16 32" the levels;
#   BENCH_PORT (default 5093), BENCH_SKIP_BUILD, BENCH_BIN as bench/pay.sh.
# Each level pays 150 sessions per shopper (300 at least, 2,000 at most), each as a new customer, the same way as
# bench/pay.sh (bench/pay_concurrent.py), and prints its pay and thank-you latencies and Numi's CPU per payment.
set -euo pipefail
cd "$(dirname "$0")/.."
warm=${1:-3000}
. bench/numi-start.sh
bench_setup

start_numi ""

echo "== $(date -u '+%F %H:%M') UTC, ${BENCH_BIN:-$(git rev-parse --short HEAD 2>/dev/null || echo 'not a git checkout')}, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
SERVER_PID=$pid python3 bench/pay_concurrent.py "$url" 32 "$warm" "$data/numi.db" | grep -E "^(paid|orders)"
first=$warm
for shoppers in ${SWEEP:-1 2 4 8 16 32}; do
  count=$(( shoppers * 150 )); count=$(( count < 300 ? 300 : count > 2000 ? 2000 : count ))
  echo "-- $shoppers at once"
  FIRST=$first SERVER_PID=$pid python3 bench/pay_concurrent.py "$url" "$shoppers" "$count" "$data/numi.db" | grep -vE "^client floor"
  first=$(( first + count ))
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
