#!/usr/bin/env bash
# The funnel canvas's drop to "saved" (e2e FunnelCanvasTests.Drop_to_saved) against a published Release build of
# Numi.Web, which is what merchants get (the e2e's own Numi is a Debug build, and Debug WebAssembly is slower):
# publishes to a temporary folder, points the e2e fixture at it (NUMI_WEB_PUBLISHED) and prints the page's figures, the
# API's own time for the same drops (the request log's "answered 200 in … ms") and the load average around the run.
#   bench/funnel-canvas-release.sh [runs]   (default 1); needs chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-1}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet publish Numi.Web -c Release -o "$out" -nologo -v q >/dev/null
dotnet build e2e/Numi.E2E -nologo -v q >/dev/null
results=e2e/Numi.E2E/bin/Debug/net10.0/TestResults
for run in $(seq "$runs"); do
  before=$(uptime | sed 's/.*average: //')
  NUMI_WEB_PUBLISHED="$out" NUMI_CHROMIUM=${NUMI_CHROMIUM:-/usr/bin/chromium} dotnet test e2e/Numi.E2E --no-build \
    --filter "FullyQualifiedName~FunnelCanvasTests.Drop_to_saved" --logger "console;verbosity=detailed" | grep "drop to saved"
  echo "run $run, load average $before -> $(uptime | sed 's/.*average: //')"
  grep -E "POST /api/v1/funnels/fnl_[a-z0-9]+/steps answered" "$results/numi-server.log" | sed -E 's/.* in ([0-9.]+) ms.*/\1/' | sort -n \
    | awk '{ t[NR] = $1 } END { if (NR) printf "API time (WebAssembly drops): n=%d median=%s ms\n", NR, t[int((NR + 1) / 2)] }'
done
