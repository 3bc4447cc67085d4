#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster on 127.0.0.1 for the tests (ctest fixture
# wk_postgres) and benchmarks:
#   tests/store/pg_cluster.sh start STATE_DIR   initdb + pg_ctl start in a new temporary
#                                               folder; writes STATE_DIR/pg-url (the admin
#                                               URL) and STATE_DIR/pg-dir (the folder)
#   tests/store/pg_cluster.sh stop STATE_DIR    stops it and deletes the folder
# initdb refuses to run as root: as root the cluster runs as the postgres user.
# When the server cannot be started, start prints why, writes STATE_DIR/pg-error
# and exits 0: each test needing PostgreSQL then fails under WK_REQUIRE_DATA=1
# and skips otherwise.
set -uo pipefail
action=${1:?start or stop}
state=${2:?state folder}
bin=${WK_PG_BIN:-/usr/lib/postgresql/15/bin}
mkdir -p "$state"

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop() {
  [ -f "$state/pg-dir" ] || return 0
  local dir
  dir=$(cat "$state/pg-dir")
  as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$dir" "$state/pg-dir" "$state/pg-url"
}

fail() {
  echo "pg_cluster: $*" >&2
  echo "$*" >"$state/pg-error"
  stop
  exit 0
}

case "$action" in
  start)
    stop
    rm -f "$state/pg-error"
    [ -x "$bin/initdb" ] || fail "no $bin/initdb (install postgresql: scripts/install-deps)"
    dir=$(mktemp -d /tmp/wk-pg.XXXXXX)
    echo "$dir" >"$state/pg-dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir" || fail "cannot chown $dir to postgres"; fi
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 \
      >"$dir/initdb.log" 2>&1 || fail "initdb failed: $(tail -3 "$dir/initdb.log")"
    for attempt in 1 2 3 4 5; do
      port=$((20000 + (RANDOM % 20000)))
      if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
           -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off -c max_connections=200" \
           start >/dev/null 2>&1; then
        echo "postgresql://postgres@127.0.0.1:$port/postgres" >"$state/pg-url"
        echo "pg_cluster: $(cat "$state/pg-url") in $dir"
        exit 0
      fi
    done
    fail "pg_ctl start failed: $(tail -3 "$dir/server.log" 2>/dev/null)"
    ;;
  stop)
    stop
    ;;
  *)
    echo "usage: $0 start|stop STATE_DIR" >&2
    exit 2
    ;;
esac
