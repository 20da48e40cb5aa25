#!/usr/bin/env bash
# The benchmark, in three parts (default: all three, about 3.5 minutes on 2 cores with the build):
#  - holds: holds/s through the HTTP API (POST /api/v1/reservations, 32 concurrent clients) against the raw ceiling (the
#    same conditional UPDATE + ledger INSERT in one transaction straight through Npgsql, same concurrency);
#  - orders: delivery orders/s through the API (POST /api/v1/orders, 1-5 lines, 32 clients) over a network of 200
#    locations and 5,000 SKUs that it first sets up through the API;
#  - routing: latency of the routing decision alone (Router.Route in process) at 200 and at 1,000 locations.
# Holds and orders run on a throwaway PostgreSQL with durable commits (fsync on). Prints throughput, p50/p99 latency
# and the CPU/commit/WAL cost per hold or order; the last lines are "RESULT <part> key=value ...".
#
#   scripts/bench.sh                       # everything
#   scripts/bench.sh --only orders,routing # some parts (holds, orders, routing); routing alone needs no database or API
#   scripts/bench.sh --seconds 30 --no-hot # options go to the benchmark (see bench/HybridOrders.Benchmarks/BenchOptions.cs)
#   BENCH_STATEMENTS=1 scripts/bench.sh    # also load pg_stat_statements and list the SQL statements per hold or order
#   scripts/bench.sh --webhook             # the same with one local webhook receiver subscribed to *: prints the delivery lag
#
# Only loopback traffic: PostgreSQL and the API listen on 127.0.0.1 on free ports. Exit code non-zero when any hold or
# order failed.
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_DLL=bench/HybridOrders.Benchmarks/bin/Release/net10.0/HybridOrders.Benchmarks.dll
build_bench() { dotnet build bench/HybridOrders.Benchmarks/HybridOrders.Benchmarks.csproj -c Release -nologo -v q -clp:ErrorsOnly; }

# Which parts run decides whether PostgreSQL and the API are needed.
PARTS="holds,orders,routing"
args=("$@")
WEBHOOK_PRIVATE=false
for i in "${!args[@]}"; do
  if [ "${args[$i]}" = "--only" ]; then PARTS="${args[$((i + 1))]:-}"; fi
  if [ "${args[$i]}" = "--webhook" ]; then WEBHOOK_PRIVATE=true; fi # the receiver is on loopback
done
if ! [[ ",$PARTS," =~ ,(holds|orders), ]]; then
  build_bench
  exec timeout 300 dotnet "$BENCH_DLL" "$@"
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
fi
echo "fsync = $(psql_bench -d postgres -At -c 'SHOW fsync'), synchronous_commit = $(psql_bench -d postgres -At -c 'SHOW synchronous_commit')" >&2

dotnet build src/HybridOrders.Api/HybridOrders.Api.csproj -c Release -nologo -v q -clp:ErrorsOnly
build_bench

API_PORT=$(pg_free_port)
API_URL="http://127.0.0.1:$API_PORT"
API_KEY="bench-$(openssl rand -hex 16)"
BENCH_DB_CONNECTION="$PG_CONNECTION;Database=ho_bench"
API_LOG=$(mktemp /tmp/hybridorders-bench-api.XXXXXX.log)

ASPNETCORE_ENVIRONMENT=Production \
Database__Provider=postgresql \
ConnectionStrings__HybridOrders="$BENCH_DB_CONNECTION" \
Auth__ApiKeys__0__Key="$API_KEY" \
Auth__ApiKeys__0__Role=admin \
Logging__LogLevel__Default=Warning \
Webhooks__AllowPrivateNetworks="$WEBHOOK_PRIVATE" \
  dotnet src/HybridOrders.Api/bin/Release/net10.0/HybridOrders.Api.dll --urls "$API_URL" >"$API_LOG" 2>&1 &
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
timeout 600 dotnet "$BENCH_DLL" \
  --api "$API_URL" --api-key "$API_KEY" --pg "$BENCH_DB_CONNECTION" --api-pid "$API_PID" "$@" || status=$?
if [ "$status" -ne 0 ]; then
  echo "Benchmark failed (exit $status); the API's log (its start-up check of the not yet created database logs one error):" >&2
  tail -40 "$API_LOG" >&2
fi
rm -f "$API_LOG"
exit "$status"
