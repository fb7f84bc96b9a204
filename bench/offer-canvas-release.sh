#!/usr/bin/env bash
# The offer canvas's drop-to-saved figure (bench/funnels-canvas.md) against a published Release build, the trimmed and
# optimized WebAssembly merchants get, instead of the Debug build the e2e run starts by default. The same Playwright test
# (OfferCanvasJourneyTests.Drop_to_saved_…) drives it; NUMI_WEB_PUBLISHED tells the e2e fixture which app to start.
#   bench/offer-canvas-release.sh   (needs chromium; set NUMI_CHROMIUM if it is not /usr/bin/chromium)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet publish Numi.Web -c Release -o "$out" -nologo -v q >/dev/null
dotnet build e2e/Numi.E2E -nologo -v q >/dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
NUMI_WEB_PUBLISHED="$out" NUMI_CHROMIUM=${NUMI_CHROMIUM:-/usr/bin/chromium} dotnet test e2e/Numi.E2E --no-build \
  --filter "FullyQualifiedName~OfferCanvasJourneyTests.Drop_to_saved" --logger "console;verbosity=detailed" | grep -E "drops|steps|Passed|Failed"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
