#!/usr/bin/env bash
# A throwaway PostgreSQL for the store tests (CI and local runs).
#
#   eval "$(scripts/pg-test-server.sh start)"   # prints: export DATABASE_URL=postgres://...
#   scripts/pg-test-server.sh stop
#
# Listens on 127.0.0.1 only, on a free port, with trust authentication (loopback only) and
# fsync off (test data). As root, initdb and pg_ctl run as the `postgres` user: initdb refuses
# root. The data folder is $PG_TEST_DIR (default ${TMPDIR:-/tmp}/chokepoint-test-pg).
set -euo pipefail

dir="${PG_TEST_DIR:-${TMPDIR:-/tmp}/chokepoint-test-pg}"
bin="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
[ -x "$bin/initdb" ] || { echo "pg-test-server: no PostgreSQL in ${bin:-/usr/lib/postgresql/*/bin} (apt-get install postgresql)" >&2; exit 1; }

as_pg() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; else "$@"; fi
}

case "${1:-}" in
  start)
    if [ -f "$dir/port" ] && as_pg "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$(cat "$dir/port")/postgres"
      exit 0
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
    as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off" start >/dev/null ||
      { cat "$dir/server.log" >&2; exit 1; }
    echo "$port" >"$dir/port"
    echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    if [ -d "$dir/data" ]; then as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
