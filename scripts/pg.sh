#!/usr/bin/env bash
# Source this file: starts a throwaway PostgreSQL cluster on a free loopback port and stops it on exit.
# Exports PG_PORT and PG_CONNECTION (no database name: each test host creates its own database).
# Installs Debian's postgresql when it is missing. fsync stays on: benchmarks measure a durable database.

pg_find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

pg_install_if_missing() {
  if [ -z "$(pg_find_bin)" ] || [ ! -x "$(pg_find_bin)/initdb" ]; then
    echo "PostgreSQL not found: installing Debian's postgresql" >&2
    if [ "$(id -u)" = 0 ]; then
      DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    else
      echo "run as root or install postgresql first" >&2; return 1
    fi
  fi
}

pg_free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

pg_as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_start() {
  pg_install_if_missing || return 1
  PGBIN=$(pg_find_bin)
  PG_PORT=${PG_PORT:-$(pg_free_port)}
  PGDATA_DIR=$(mktemp -d /tmp/hybridorders-pg.XXXXXX)
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$PGDATA_DIR"; fi
  pg_as_owner "$PGBIN/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  pg_as_owner "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PGDATA_DIR -c max_connections=300 -c shared_buffers=256MB" start >/dev/null
  trap pg_stop EXIT
  export PG_PORT
  export PG_CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Maximum Pool Size=200"
  echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT" >&2
}

pg_stop() {
  if [ -n "${PGDATA_DIR:-}" ] && [ -d "$PGDATA_DIR" ]; then
    pg_as_owner "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PGDATA_DIR"
  fi
}
