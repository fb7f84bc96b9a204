#!/usr/bin/env bash
# Starts (or stops) a throw-away PostgreSQL cluster for the tests: its own data folder and port, owned by the
# postgres user (PostgreSQL refuses to run as root), password authentication over 127.0.0.1.
#   scripts/postgres-cluster.sh start DIR PORT   prints the connection string on stdout
#   scripts/postgres-cluster.sh stop DIR
set -euo pipefail
action=${1:?start or stop}
dir=${2:?data folder}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$action" in
  start)
    port=${3:?port}
    password=numi-tests
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    echo "$password" > "$dir.pw"; [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir.pw"
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 --pwfile="$dir.pw" >/dev/null
    as_postgres "$bin/pg_ctl" -D "$dir/data" -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" -l "$dir/server.log" -w start >/dev/null
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Password=$password;Database=postgres"
    ;;
  stop)
    [ -d "$dir/data" ] && as_postgres "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir" "$dir.pw"
    ;;
  *) echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
