#!/usr/bin/env bash
# The merchant app's first and repeat visit in Chromium, on a published Release build (Production settings, SQLite,
# demo data): the WebAssembly download (bytes on the wire, Brotli as served) and the time from the dashboard's HTML
# to its first interactive render, on the server (first visit) and in WebAssembly (repeat visit, files cached).
#   bench/interactive.sh [runs]   (default 5); needs chromium and node (playwright-core is installed under bench/).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
out=$(mktemp -d)
data=$(mktemp -d)
port=5190
url="http://127.0.0.1:$port"
[ -d bench/node_modules/playwright-core ] || (cd bench && npm install --no-save --no-audit --no-fund playwright-core@1 >/dev/null)
dotnet publish Numi.Web -c Release -o "$out" -nologo -v q >/dev/null
ASPNETCORE_ENVIRONMENT=Production Numi__PublicUrl="$url" Numi__Demo__Enabled=true Numi__Demo__Password='Bench-pass-123!' \
  Numi__DataDirectory="$data" dotnet "$out/Numi.Web.dll" --contentRoot "$out" --urls "$url" >"$data/numi.log" 2>&1 &
pid=$!
trap '{ kill $pid && wait $pid; } 2>/dev/null || true; rm -rf "$out" "$data"' EXIT
until curl -fs "$url/health" >/dev/null 2>&1; do kill -0 "$pid" 2>/dev/null || { cat "$data/numi.log" >&2; exit 1; }; sleep 0.1; done
echo "WebAssembly files as published (Brotli): $(du -cb "$out"/wwwroot/_framework/*.br | tail -1 | cut -f1) B in $(ls "$out"/wwwroot/_framework/*.br | wc -l) files"
NUMI_URL="$url" NUMI_RUNS="$runs" node bench/interactive.js
