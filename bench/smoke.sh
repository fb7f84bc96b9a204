#!/usr/bin/env bash
# CI's check that the benches still run end to end: a few payments through bench/pay.sh and a few renewals through
# bench/renewals.sh, each checked for its outcome (one order per payment; every due subscription renewed exactly once,
# by one node of two). Not a measurement: a CI machine's figures say nothing, and nothing here is timed.
#   bench/smoke.sh      (BENCH_PORT for Numi's port, default 5199; NUMI_BENCH_PG_PORT for the renewals' PostgreSQL)
# A bench that breaks (a service missing from its container, a page that changed under its client) otherwise goes
# unnoticed until the next measurement.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "bench smoke: $*" >&2; exit 1; }

# What the two scripts call beyond what test.sh installs (PostgreSQL, the .NET SDK).
missing=()
command -v python3 >/dev/null 2>&1 || missing+=(python3)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v bc >/dev/null 2>&1 || missing+=(bc)
command -v pgrep >/dev/null 2>&1 || missing+=(procps)
command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

payments=24
echo "== bench/pay.sh $payments 0"
out=$(BENCH_PORT=${BENCH_PORT:-5199} bench/pay.sh "$payments" 0) || { echo "$out"; fail "bench/pay.sh failed"; }
echo "$out"
grep -q "^orders made: $payments for $payments payments answered 302$" <<<"$out" || fail "bench/pay.sh did not make one order per payment"

due=12
echo "== bench/renewals.sh $due"
out=$(NUMI_BENCH_PG_PORT=${NUMI_BENCH_PG_PORT:-55499} bench/renewals.sh "$due") || { echo "$out"; fail "bench/renewals.sh failed"; }
echo "$out"
# One line per sweeping process: SQLite's, PostgreSQL's one node, then the two nodes of PostgreSQL.
renewed=($(grep -o 'renewed [0-9]*, failed [0-9]*' <<<"$out" | awk '{print $2 + 0}'))
failed=$(grep -o 'failed [0-9]*' <<<"$out" | awk '{s += $2} END {print s + 0}')
[ "${#renewed[@]}" = 4 ] || fail "bench/renewals.sh printed ${#renewed[@]} sweeps, not 4"
[ "$failed" = 0 ] || fail "bench/renewals.sh had $failed failed renewals"
[ "${renewed[0]}" = "$due" ] && [ "${renewed[1]}" = "$due" ] || fail "a single node renewed ${renewed[0]} and ${renewed[1]} of $due"
[ $(( renewed[2] + renewed[3] )) = "$due" ] || fail "two nodes renewed $(( renewed[2] + renewed[3] )) of $due between them"
echo "bench smoke: passed"
