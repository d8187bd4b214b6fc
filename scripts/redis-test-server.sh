#!/usr/bin/env bash
# A throwaway Redis for the distributed tests (CI and local runs).
#
#   eval "$(scripts/redis-test-server.sh start)"   # prints: export REDIS_URL=redis://127.0.0.1:PORT
#   scripts/redis-test-server.sh stop
#
# Listens on 127.0.0.1 only, on a free port, without persistence (--save '' --appendonly no),
# daemonized with a pid file in $REDIS_TEST_DIR (default ${TMPDIR:-/tmp}/chokepoint-test-redis).
set -euo pipefail

dir="${REDIS_TEST_DIR:-${TMPDIR:-/tmp}/chokepoint-test-redis}"
bin="${REDIS_SERVER:-/usr/bin/redis-server}"

case "${1:-}" in
  start)
    [ -x "$bin" ] || { echo "redis-test-server: no $bin (apt-get install redis-server)" >&2; exit 1; }
    if [ -f "$dir/port" ] && [ -f "$dir/redis.pid" ] && kill -0 "$(cat "$dir/redis.pid")" 2>/dev/null; then
      echo "export REDIS_URL=redis://127.0.0.1:$(cat "$dir/port")"
      exit 0
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
    "$bin" --bind 127.0.0.1 --port "$port" --save '' --appendonly no --daemonize yes \
      --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null
    for _ in $(seq 1 50); do
      if node -e 'const s=require("net").connect(+process.argv[1],"127.0.0.1");s.on("connect",()=>{s.write("PING\r\n")});s.on("data",d=>process.exit(String(d).startsWith("+PONG")?0:1));s.on("error",()=>process.exit(1))' "$port" 2>/dev/null; then
        echo "$port" >"$dir/port"
        echo "export REDIS_URL=redis://127.0.0.1:$port"
        exit 0
      fi
      sleep 0.1
    done
    cat "$dir/redis.log" >&2 || true
    exit 1
    ;;
  stop)
    if [ -f "$dir/redis.pid" ]; then
      pid="$(cat "$dir/redis.pid")"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
