#!/usr/bin/env bash
# A throwaway Citus cluster on this machine: a coordinator and two workers on free loopback ports, in a temporary folder.
#
#   scripts/citus.sh up     install Citus when missing, start the cluster, create the database, apply the migrations
#                           (db/postgresql/hybridorders.sql) and distribute the tables (db/citus/distribute.sql); the last line
#                           printed is HYBRIDORDERS_CITUS=<connection string of the coordinator>
#   scripts/citus.sh down   stop the cluster and remove its folder (the one named by HYBRIDORDERS_CITUS_DIR, else the last `up`)
#
# The service runs on it unchanged: Database__Provider=postgresql ConnectionStrings__HybridOrders=<that connection string>.
# Citus is built from ../shared/citus (next to the repository; override with HYBRIDORDERS_CITUS_BUILD=<path to build.sh>), as root.
# Run as root, the servers run as the postgres user (like scripts/pg.sh). fsync stays on.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
source "$repo/scripts/pg.sh"
build_script=${HYBRIDORDERS_CITUS_BUILD:-$repo/../shared/citus/build.sh}
state="$repo/.citus-cluster" # the folder of the last `up` of this checkout
database=${HYBRIDORDERS_CITUS_DATABASE:-hybridorders}

citus_installed() { [ -f "$(pg_find_bin)/../lib/citus.so" ] && [ -f "/usr/share/postgresql/$(basename "$(dirname "$(pg_find_bin)")")/extension/citus.control" ]; }

install_if_missing() {
  pg_install_if_missing
  if citus_installed; then return; fi
  [ -f "$build_script" ] || { echo "Citus is not installed and $build_script is missing (set HYBRIDORDERS_CITUS_BUILD)" >&2; exit 1; }
  [ "$(id -u)" = 0 ] || { echo "Citus is not installed: run as root so that $build_script can install it" >&2; exit 1; }
  echo "Citus not found: building it with $build_script (about 2 minutes)" >&2
  # The build script ends by asking pg_config for the version it installed from inside the folder it has just removed,
  # which fails (pg_config cannot find itself from a deleted working directory) after a good install: what counts is
  # whether Citus is installed afterwards.
  bash "$build_script" >&2 || true
  citus_installed || { echo "Citus is still not installed after $build_script" >&2; exit 1; }
  echo "Citus installed" >&2
}

psql_at() { local port=$1; shift; pg_as_owner "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres "$@"; }

start_node() { # name port extra-settings...
  local name=$1 port=$2; shift 2
  local data="$dir/$name"
  mkdir -p "$data"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$data"; fi
  pg_as_owner "$PGBIN/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  pg_as_owner "$PGBIN/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 -o "-c listen_addresses=127.0.0.1 -p $port -k $data \
    -c shared_preload_libraries=citus -c shared_buffers=128MB -c max_prepared_transactions=400 $*" start >/dev/null
}

up() {
  install_if_missing
  PGBIN=$(pg_find_bin)
  dir=$(mktemp -d /tmp/hybridorders-citus.XXXXXX)
  chmod 755 "$dir"
  echo "$dir" > "$state"
  local coordinator worker1 worker2
  coordinator=$(pg_free_port); worker1=$(pg_free_port); worker2=$(pg_free_port)
  echo "$coordinator $worker1 $worker2" > "$dir/ports"
  # The coordinator takes the clients (300 connections); each of its backends may open a connection per worker it touches.
  start_node coordinator "$coordinator" -c max_connections=300
  start_node worker1 "$worker1" -c max_connections=700
  start_node worker2 "$worker2" -c max_connections=700
  for port in "$coordinator" "$worker1" "$worker2"; do
    psql_at "$port" -d postgres -c "CREATE DATABASE \"$database\"" -c "\\c \"$database\"" -c "CREATE EXTENSION citus" >/dev/null
  done
  psql_at "$coordinator" -d "$database" >/dev/null <<SQL
SELECT citus_set_coordinator_host('127.0.0.1', $coordinator);
SELECT citus_add_node('127.0.0.1', $worker1);
SELECT citus_add_node('127.0.0.1', $worker2);
SQL
  psql_at "$coordinator" -d "$database" -f "$repo/db/postgresql/hybridorders.sql" >/dev/null
  psql_at "$coordinator" -d "$database" -f "$repo/db/citus/distribute.sql" >/dev/null
  echo "Citus $(psql_at "$coordinator" -d "$database" -At -c "SELECT extversion FROM pg_extension WHERE extname = 'citus'") on PostgreSQL \
$("$PGBIN/postgres" --version | awk '{print $3}'): coordinator 127.0.0.1:$coordinator, workers :$worker1 :$worker2, folder $dir" >&2
  echo "HYBRIDORDERS_CITUS=Host=127.0.0.1;Port=$coordinator;Database=$database;Username=postgres;Maximum Pool Size=200"
}

down() {
  PGBIN=$(pg_find_bin)
  dir=${1:-${HYBRIDORDERS_CITUS_DIR:-$(cat "$state" 2>/dev/null || true)}}
  [ -n "$dir" ] && [ -d "$dir" ] || { echo "no cluster to stop" >&2; return 0; }
  for node in worker1 worker2 coordinator; do
    [ -d "$dir/$node" ] && pg_as_owner "$PGBIN/pg_ctl" -D "$dir/$node" -m fast -w stop >/dev/null 2>&1 || true
  done
  rm -rf "$dir"
  if [ "$(cat "$state" 2>/dev/null || true)" = "$dir" ]; then rm -f "$state"; fi
  echo "Citus cluster in $dir stopped and removed" >&2
}

case "${1:-}" in
  up) up ;;
  down) down "${2:-}" ;;
  *) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
