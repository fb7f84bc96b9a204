#!/usr/bin/env bash
# Start-up to healthy: launches the built Numi.Web on a fresh database (migrations + demo seed included) and times
# the first 200 from /health. Run `dotnet build -c Release Numi.Web` first.
#   bench/startup.sh [runs] [sqlite|postgres]   (default 5 sqlite)
# BENCH_BIN=DIR runs the Numi.Web.dll in DIR instead (a build kept aside, or a published one: `dotnet publish Numi.Web
# -c Release -o DIR`, ReadyToRun); BENCH_PORT=P runs every start on port P (default 5101, 5102, … one per run).
# postgres makes a new database per run in the cluster of NUMI_TEST_POSTGRES (an admin connection string, as the
# tests use; `scripts/postgres-cluster.sh start DIR PORT` prints one); the runs' databases are left in it.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
provider=${2:-sqlite}
dll=${BENCH_BIN:-Numi.Web/bin/Release/net10.0}/Numi.Web.dll
[ -f "$dll" ] || { echo "no $dll: run dotnet build -c Release Numi.Web first" >&2; exit 1; }
for i in $(seq "$runs"); do
  data=$(mktemp -d)
  port=${BENCH_PORT:-$((5100 + i))}
  database=()
  if [ "$provider" = postgres ]; then
    admin=${NUMI_TEST_POSTGRES:?set NUMI_TEST_POSTGRES to an admin connection string}
    # EF creates the database when it migrates.
    database=(Database__Provider=Postgres "ConnectionStrings__Numi=${admin/Database=postgres/Database=numi_bench_$(date +%s%N)}")
  fi
  start=$(date +%s%N)
  env "${database[@]}" ASPNETCORE_ENVIRONMENT=Production Numi__PublicUrl="http://127.0.0.1:$port" Numi__Demo__Enabled=true \
    Numi__DataDirectory="$data" dotnet "$dll" --contentRoot "$PWD/Numi.Web" --urls "http://127.0.0.1:$port" >"$data.log" 2>&1 &
  pid=$!
  until curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "Numi exited before it was healthy:" >&2; tail -n 20 "$data.log" >&2; exit 1; }
    sleep 0.05
  done
  end=$(date +%s%N)
  echo "run $i ($provider): $(( (end - start) / 1000000 )) ms"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$data" "$data.log"
done
