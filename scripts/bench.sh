#!/usr/bin/env bash
# The benchmark, in parts (default: all of them, about 6 minutes on 2 cores with the build):
#  - holds: holds/s through the HTTP API (POST /api/v1/reservations, 32 concurrent clients) against the raw ceiling (the
#    same conditional UPDATE + ledger INSERT in one transaction straight through Npgsql, same concurrency);
#  - orders: delivery orders/s through the API (POST /api/v1/orders, 1-5 lines, 32 clients) over a network of 200
#    locations and 5,000 SKUs that it first sets up through the API (stock through POST /stock/sync); afterwards the API's
#    resident memory, and the deadlocks and transaction retries during holds and orders;
#  - sync: bulk stock sync, lines/s through POST /api/v1/stock/sync (batches of 5,000, 4 clients, half the lines changing);
#  - atp: listing-page availability, SKU answers/s through POST /api/v1/availability/query (50 SKUs and a point, 32 clients
#    in closed loops: the most it does), then the same queries offered at 400 requests/s (latency from when each was due);
#  - forecast: GET /forecast/{sku} latency, one SKU at one location and over 200 locations, from a year of daily history
#    imported through POST /stock/sales-history (RESULT forecast single_ms=… network_ms=… with the load averages);
#  - routing: latency of the routing decision alone (Router.Route in process) at 200 and at 1,000 locations;
#  - start: the published API on SQLite with the demo seed already applied, from start to /health/ready (3 starts).
# Holds, orders, sync and atp run on a throwaway PostgreSQL with durable commits (fsync on). Prints throughput, p50/p99
# latency and the CPU/commit/WAL cost per operation; the last lines are "RESULT <part> key=value ...".
#
#   scripts/bench.sh                       # everything
#   scripts/bench.sh --only orders,routing # some parts (holds, orders, sync, atp, forecast, routing, start); routing and start need no database
#   scripts/bench.sh --seconds 30 --no-hot # options go to the benchmark (see bench/HybridOrders.Benchmarks/BenchOptions.cs)
#   scripts/bench.sh --citus               # holds and orders on single PostgreSQL and on a Citus cluster (RESULT citus ...)
#   BENCH_STATEMENTS=1 scripts/bench.sh    # also load pg_stat_statements and list the SQL statements per hold or order
#   scripts/bench.sh --webhook             # then the hold and order loads again with one local receiver subscribed to *:
#                                          # both figures side by side (RESULT webhook_*) and the delivery lag (RESULT webhook)
#   scripts/bench.sh --webhook-batch 100   # the same with a batched subscription (up to 100 events per request)
#
# The API's log is kept in $BENCH_API_LOG (default /tmp/hybridorders-bench-api.log) after the run.
# Only loopback traffic: PostgreSQL and the API listen on 127.0.0.1 on free ports. Exit code non-zero when any hold,
# order, sync or query failed.
set -euo pipefail
cd "$(dirname "$0")/.."
# --citus: the same hold and order figures on single PostgreSQL and on a Citus cluster, side by side (scripts/bench-citus.sh).
for arg in "$@"; do
  if [ "$arg" = "--citus" ]; then
    rest=(); for a in "$@"; do [ "$a" = "--citus" ] || rest+=("$a"); done
    exec bash scripts/bench-citus.sh "${rest[@]}"
  fi
done
BENCH_DLL=bench/HybridOrders.Benchmarks/bin/Release/net10.0/HybridOrders.Benchmarks.dll
build_bench() { dotnet build bench/HybridOrders.Benchmarks/HybridOrders.Benchmarks.csproj -c Release -nologo -v q -clp:ErrorsOnly; }

# Which parts run decides whether PostgreSQL and the API are needed. "start" is measured here, the rest by the program.
PARTS="holds,orders,sync,atp,forecast,routing,start"
args=("$@")
WEBHOOK_PRIVATE=false
for i in "${!args[@]}"; do
  if [ "${args[$i]}" = "--only" ]; then PARTS="${args[$((i + 1))]:-}"; fi
  if [ "${args[$i]}" = "--webhook" ] || [ "${args[$i]}" = "--webhook-batch" ]; then WEBHOOK_PRIVATE=true; fi # the receiver is on loopback
done
PROGRAM_PARTS=$(echo ",$PARTS," | sed 's/,start,/,/g; s/^,//; s/,$//')
for i in "${!args[@]}"; do
  if [ "${args[$i]}" = "--only" ]; then args[$((i + 1))]="$PROGRAM_PARTS"; fi
done

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

START_RESULT=""
if [[ ",$PARTS," == *,start,* ]]; then
  # The published API on SQLite: one start applies the migrations and the demo seed,
  # then three timed starts from launching dotnet to the first 200 from /health/ready.
  PUB=$(mktemp -d /tmp/hybridorders-bench-publish.XXXXXX)
  # For this machine's runtime, so that the assemblies are precompiled (ReadyToRun; see the Api project).
  dotnet publish src/HybridOrders.Api/HybridOrders.Api.csproj -c Release -r linux-x64 --self-contained false -o "$PUB" -nologo -v q -clp:ErrorsOnly
  start_api() {
    ASPNETCORE_ENVIRONMENT=Production Database__Provider=sqlite ConnectionStrings__HybridOrders="Data Source=$PUB/start.db" \
    Demo__Seed=true Auth__ApiKeys__0__Key="start-$RANDOM$RANDOM" Auth__ApiKeys__0__Role=admin Logging__LogLevel__Default=Warning \
      dotnet "$PUB/HybridOrders.Api.dll" --urls "http://127.0.0.1:$1" >>"$PUB/start.log" 2>&1 &
    START_PID=$!
  }
  wait_ready() { # port -> seconds until ready
    local t0 t1
    t0=$(date +%s.%N)
    for _ in $(seq 1 3000); do
      if curl -fsS -o /dev/null "http://127.0.0.1:$1/health/ready" 2>/dev/null; then break; fi
      kill -0 "$START_PID" 2>/dev/null || { echo "The published API exited; its log:" >&2; cat "$PUB/start.log" >&2; exit 1; }
      sleep 0.02
    done
    t1=$(date +%s.%N)
    # Wall-clock seconds, and the CPU seconds the process had used by then (utime + stime, 100 ticks a second).
    cpu=$(awk '{ sub(/.*\) /, ""); print ($12 + $13) / 100 }' "/proc/$START_PID/stat")
    python3 -c "print(f'{$t1 - $t0:.2f} {$cpu:.2f}')"
  }
  stop_api() { kill "$START_PID" 2>/dev/null || true; wait "$START_PID" 2>/dev/null || true; }
  port=$(free_port); start_api "$port"; read -r seed_s _ < <(wait_ready "$port"); stop_api
  starts=(); cpus=()
  for _ in 1 2 3; do
    port=$(free_port); start_api "$port"; read -r wall cpu < <(wait_ready "$port"); stop_api
    starts+=("$wall"); cpus+=("$cpu")
  done
  median=$(printf '%s\n' "${starts[@]}" | sort -n | sed -n 2p)
  median_cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n 2p)
  echo "start: first start (migrations and demo seed) ${seed_s} s; then ${starts[*]} s to /health/ready (CPU ${cpus[*]} s); load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  START_RESULT="RESULT start ready_s=$median cpu_s=$median_cpu runs_s=$(IFS=,; echo "${starts[*]}") first_start_with_seed_s=$seed_s load_avg=$(cut -d' ' -f1 /proc/loadavg)"
  rm -rf "$PUB"
fi

if [ -z "$PROGRAM_PARTS" ]; then
  echo; echo "$START_RESULT"; exit 0
fi
if ! [[ ",$PROGRAM_PARTS," =~ ,(holds|orders|sync|atp|forecast), ]]; then
  build_bench
  status=0
  timeout 300 dotnet "$BENCH_DLL" "${args[@]}" || status=$?
  if [ -n "$START_RESULT" ]; then echo "$START_RESULT"; fi
  exit "$status"
fi

source scripts/pg.sh
pg_start

API_PID=""
stop_all() {
  if [ -n "$API_PID" ] && kill -0 "$API_PID" 2>/dev/null; then
    kill "$API_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$API_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$API_PID" 2>/dev/null || true
  fi
  pg_stop
}
trap stop_all EXIT

psql_bench() { "$PGBIN/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"; }

if [ "${BENCH_STATEMENTS:-0}" = 1 ]; then
  # Statement counting costs a little server CPU in both phases alike; fsync and everything else stay as pg.sh set them.
  psql_bench -d postgres -c "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'"
  pg_as_owner "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -w -t 30 restart >/dev/null
  # Planning counts as server time too (a statement re-planned on every call shows it here).
  psql_bench -d postgres -c "ALTER SYSTEM SET pg_stat_statements.track_planning = on" -c "SELECT pg_reload_conf()" >/dev/null
fi
echo "fsync = $(psql_bench -d postgres -At -c 'SHOW fsync'), synchronous_commit = $(psql_bench -d postgres -At -c 'SHOW synchronous_commit')" >&2

dotnet build src/HybridOrders.Api/HybridOrders.Api.csproj -c Release -nologo -v q -clp:ErrorsOnly
build_bench

API_PORT=$(pg_free_port)
API_URL="http://127.0.0.1:$API_PORT"
API_KEY="bench-$(openssl rand -hex 16)"
BENCH_DB_CONNECTION="$PG_CONNECTION;Database=ho_bench"
API_LOG=${BENCH_API_LOG:-/tmp/hybridorders-bench-api.log}
: >"$API_LOG"

ASPNETCORE_ENVIRONMENT=Production \
Database__Provider=postgresql \
ConnectionStrings__HybridOrders="$BENCH_DB_CONNECTION" \
Auth__ApiKeys__0__Key="$API_KEY" \
Auth__ApiKeys__0__Role=admin \
Logging__LogLevel__Default=Warning \
Webhooks__AllowPrivateNetworks="$WEBHOOK_PRIVATE" \
  dotnet "${BENCH_API_DLL:-src/HybridOrders.Api/bin/Release/net10.0/HybridOrders.Api.dll}" --urls "$API_URL" >"$API_LOG" 2>&1 &
API_PID=$!

for i in $(seq 1 120); do
  if curl -fsS -o /dev/null "$API_URL/health/ready" 2>/dev/null; then break; fi
  if ! kill -0 "$API_PID" 2>/dev/null || [ "$i" = 120 ]; then
    echo "The API did not become ready; its log:" >&2; cat "$API_LOG" >&2; exit 1
  fi
  sleep 0.5
done
echo "API ready at $API_URL (pid $API_PID)" >&2

if [ "${BENCH_STATEMENTS:-0}" = 1 ]; then
  psql_bench -d ho_bench -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"
fi

status=0
timeout 900 dotnet "$BENCH_DLL" \
  --api "$API_URL" --api-key "$API_KEY" --pg "$BENCH_DB_CONNECTION" --api-pid "$API_PID" --api-log "$API_LOG" "${args[@]}" || status=$?
if [ "$status" -ne 0 ]; then
  echo "Benchmark failed (exit $status); the API's log (its start-up check of the not yet created database logs one error):" >&2
  tail -40 "$API_LOG" >&2
fi
if [ -n "$START_RESULT" ]; then echo "$START_RESULT"; fi
echo "The API's log: $API_LOG" >&2
exit "$status"
