#!/usr/bin/env bash
# Renewing due subscriptions, end to end (bench/Numi.Bench.Renewals): on SQLite with one node, and on PostgreSQL with
# one node and with two nodes (two processes sweeping the same database at once). Figures: bench/billing.md.
#   bench/renewals.sh [COUNT]      COUNT due subscriptions (default 10000)
#   NUMI_BENCH_PG_PORT=55474       the port of the bench's own PostgreSQL cluster (default 55490)
#   NUMI_BENCH_ONE_BY_ONE=1        the sweep without the batch path (one subscription per scope), for comparison
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10000}
work=$(mktemp -d /tmp/numi-renewals.XXXX); chmod 755 "$work"
dotnet build bench/Numi.Bench.Renewals -c Release -v q -nologo >/dev/null
bench=(dotnet bench/Numi.Bench.Renewals/bin/Release/net10.0/Numi.Bench.Renewals.dll)
seconds() { date +%s.%N; }

echo "== SQLite, one node, $count due"
sqlite="Data Source=$work/numi.db"
"${bench[@]}" seed Sqlite "$sqlite" "$count"
t0=$(seconds); "${bench[@]}" sweep Sqlite "$sqlite"; t1=$(seconds)
echo "wall: $(echo "$t1 - $t0" | bc) s; load average: $(cut -d' ' -f1-3 /proc/loadavg)"

admin=$(scripts/postgres-cluster.sh start "$work/pg" "${NUMI_BENCH_PG_PORT:-55490}")
trap 'scripts/postgres-cluster.sh stop "$work/pg" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
database() { # a fresh database on the cluster; prints its connection string
  psql "$(echo "$admin" | sed 's/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Username=/user=/; s/Password=/password=/; s/Database=/dbname=/')" -qc "CREATE DATABASE $1" >/dev/null
  echo "${admin/Database=postgres/Database=$1}"
}
pg_cpu() { # seconds of CPU the cluster has used: the postmaster, its live processes and those it has reaped
  local main ticks=0 pid
  main=$(head -n 1 "$work/pg/data/postmaster.pid")
  for pid in "$main" $(pgrep -P "$main"); do
    [ "$pid" = "$main" ] && ticks=$((ticks + $(awk '{print $14 + $15 + $16 + $17}' "/proc/$pid/stat"))) \
      || ticks=$((ticks + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "scale=2; $ticks / $(getconf CLK_TCK)" | bc
}
for nodes in 1 2; do
  echo "== PostgreSQL, $nodes node(s), $count due"
  pg=$(database "renewals_$nodes")
  "${bench[@]}" seed Postgres "$pg" "$count"
  c0=$(pg_cpu); t0=$(seconds)
  for n in $(seq 1 "$nodes"); do "${bench[@]}" sweep Postgres "$pg" & done
  wait
  t1=$(seconds); sleep 1; c1=$(pg_cpu)
  echo "wall: $(echo "$t1 - $t0" | bc) s; PostgreSQL CPU: $(echo "$c1 - $c0" | bc) s; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
done
