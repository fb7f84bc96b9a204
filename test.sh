#!/usr/bin/env bash
# Runs every Numi test: unit, database (SQLite and PostgreSQL), web and browser.
# Installs what the tests need when it is missing (Debian's chromium and postgresql, node/npm), starts a
# throw-away PostgreSQL cluster of its own (own folder and port, stopped on exit), then runs dotnet test.
set -euo pipefail
cd "$(dirname "$0")"
started=$(date +%s)

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} ..."
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# PostgreSQL's package may start its own server; the tests use their own cluster instead.
(pg_lsclusters -h 2>/dev/null | awk '{print $1, $2}' | while read -r v c; do pg_ctlcluster "$v" "$c" stop 2>/dev/null || true; done) || true

port=55433
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
pgdir="/tmp/numi-test-pg-$$"
cleanup() { scripts/postgres-cluster.sh stop "$pgdir"; }
trap cleanup EXIT
NUMI_TEST_POSTGRES=$(scripts/postgres-cluster.sh start "$pgdir" "$port")
export NUMI_TEST_POSTGRES
export NUMI_CHROMIUM=${NUMI_CHROMIUM:-/usr/bin/chromium}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log=$(mktemp)
set +e
dotnet test Numi.sln "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One plain summary line across the four test projects.
awk '/(Passed|Failed)! +- +Failed: +[0-9]+, Passed: +[0-9]+/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
echo "Test command took $(( $(date +%s) - started )) s."
rm -f "$log"
exit "$status"
