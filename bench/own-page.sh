#!/usr/bin/env bash
# Each shopper's first view of their own checkout page, alone: bench/checkout.sh's "cold own page" step with the bare
# endpoint measured in the same run, and the server's CPU per request for both.
#   bench/own-page.sh [own] [seconds]   (defaults 4000 pages and 10 s of bare); BENCH_PORT (default 5093) is Numi's port.
#   BENCH_SKIP_BUILD=1 skips the Release build; BENCH_PERF=FILE records the cold pages with perf into FILE (perf.data).
#   BENCH_DISTINCT=1 (the worst case): each measured session gets an email of its own before it is viewed, so no two
#   pages are alike and none can come from another's template (CheckoutPageTemplates); without it every session is in
#   the state the link's first post leaves (the best case, and a shopper's real first view). BENCH_TEMPLATES=false
#   runs Numi with Checkout:PageTemplates off, so every first view is rendered (the same build without the templates).
# Starts Numi (Release, Production settings, fresh SQLite, demo data), opens [own] + 2000 sessions through the offer's
# link (bench/own_pages.lua), views 2000 of them as a warm-up, then measures in one run: wrk (32 connections) on
# /bench/bare (the session page's bytes from memory) for [seconds], and wrk (32 connections) GETting each of the other
# [own] session pages once with its cookie (every one a page-cache miss). CPU per request is the user + system time of
# Numi's process (/proc/<pid>/stat) over each measured run divided by its requests. Prints the load average beside them.
set -euo pipefail
cd "$(dirname "$0")/.."
own=${1:-4000}
seconds=${2:-10}
. bench/numi-start.sh
bench_setup
link="$url/c/demo/coffee-club"

# Clock ticks of user + system time the server has used so far.
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
start_with_bare_page

wrk -t1 -c32 -d600s -s bench/own_pages.lua "$link" -- open "$data/own.txt" $((own + 2000)) >/dev/null
head -2000 "$data/own.txt" >"$data/own-warm.txt"
tail -n +2001 "$data/own.txt" >"$data/own-cold.txt"
[ -z "${BENCH_DISTINCT:-}" ] || echo "distinct emails posted: $(wrk -t1 -c32 -d600s -s bench/own_pages.lua "$url" -- email "$data/own-cold.txt" | grep -o 'not 200 [0-9]*')"
wrk -t1 -c32 -d60s -s bench/own_pages.lua "$url" -- view "$data/own-warm.txt" >/dev/null
wrk -t2 -c32 -d3s "$url/bench/bare" >/dev/null

echo "== $(date -u '+%F %H:%M') UTC${BENCH_DISTINCT:+, every page distinct (BENCH_DISTINCT)}${BENCH_TEMPLATES:+, Checkout:PageTemplates=$BENCH_TEMPLATES}, $(git rev-parse --short HEAD 2>/dev/null || echo 'not a git checkout')$(git diff --quiet HEAD -- Numi.Web Numi.Core Numi.Infrastructure 2>/dev/null || echo ' (uncommitted changes, or not a git checkout)')"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(ticks)
wrk -t2 -c32 -d"${seconds}s" --latency "$url/bench/bare" >"$data/bare.txt"
bare_cpu=$(( $(ticks) - start ))
bare_rps=$(awk '/Requests\/sec/ {print $2}' "$data/bare.txt")
bare_n=$(awk '/requests in/ {print $1}' "$data/bare.txt")
echo "bare: $bare_rps requests/s, p99 $(awk '$1=="99%" {print $2}' "$data/bare.txt"), $(awk -v t="$bare_cpu" -v n="$bare_n" -v hz="$hz" 'BEGIN {printf "%.3f", t / hz * 1000 / n}') ms CPU per request ($bare_n requests)"
sleep 6   # the warm-up's pages leave the page cache (5 s), so the measured run starts from the same empty cache
[ -z "${BENCH_PERF:-}" ] || { perf record -F 999 -g -p "$pid" -o "$BENCH_PERF" >/dev/null 2>&1 & perf=$!; sleep 1; }
start=$(ticks)
wrk -t1 -c32 -d300s --latency -s bench/own_pages.lua "$url" -- view "$data/own-cold.txt" >"$data/own.txt"
own_cpu=$(( $(ticks) - start ))
[ -z "${BENCH_PERF:-}" ] || { kill -INT "$perf"; wait "$perf" || true; cp "/tmp/perf-$pid.map" "$BENCH_PERF.map" 2>/dev/null || true; }
own_rps=$(awk '/Requests\/sec/ {print $2}' "$data/own.txt")
own_n=$(awk '/requests in/ {print $1}' "$data/own.txt")
echo "own page: $own_rps requests/s, p99 $(awk '$1=="99%" {print $2}' "$data/own.txt"), $(awk -v t="$own_cpu" -v n="$own_n" -v hz="$hz" 'BEGIN {printf "%.3f", t / hz * 1000 / n}') ms CPU per page ($own_n pages, $(grep -o 'repeated [0-9]*, not 200 [0-9]*' "$data/own.txt"), non-2xx: $(grep -o "Non-2xx or 3xx responses: [0-9]*" "$data/own.txt" | grep -o "[0-9]*$" || echo 0))"
echo "ratio own page/bare: $(awk -v o="$own_rps" -v b="$bare_rps" 'BEGIN {printf "%.2f", o / b}')"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "page HTML gzip -9: $(curl -s "$url$(head -1 "$data/own-cold.txt" | cut -f1)" | gzip -9c | wc -c) B"
