#!/usr/bin/env bash
# `scripts/bench.sh --citus [options]`: the hold and order benchmarks on single PostgreSQL and then on a Citus cluster
# (coordinator + two workers on this machine, scripts/citus.sh), the same API build and the same load, and the figures side
# by side. Ends with "RESULT citus holds ..." and "RESULT citus orders ...". Options go to both runs (e.g. --seconds 10).
# On one machine a cluster cannot be faster (three PostgreSQL servers share the cores the API and load generator use): what
# this measures is the cost of the distributed path (extra hop coordinator -> worker, two-phase commit on multi-shard work).
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_DLL=bench/HybridOrders.Benchmarks/bin/Release/net10.0/HybridOrders.Benchmarks.dll
single=$(mktemp /tmp/hybridorders-bench-single.XXXXXX)
clustered=$(mktemp /tmp/hybridorders-bench-citus.XXXXXX)
API_PID=""; citus_dir=""
stop_all() {
  if [ -n "$API_PID" ] && kill -0 "$API_PID" 2>/dev/null; then
    kill "$API_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$API_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$API_PID" 2>/dev/null || true
  fi
  if [ -n "$citus_dir" ]; then bash scripts/citus.sh down "$citus_dir"; fi
  rm -f "$single" "$clustered"
}
trap stop_all EXIT

echo "== single PostgreSQL" >&2
bash scripts/bench.sh --only holds,orders --no-hot "$@" | tee "$single"

echo "== Citus: coordinator + two workers" >&2
citus_line=$(bash scripts/citus.sh up | tail -1)
citus_dir=$(cat .citus-cluster)
CITUS_CONNECTION="${citus_line#HYBRIDORDERS_CITUS=}"
source scripts/pg.sh
API_PORT=$(pg_free_port)
API_URL="http://127.0.0.1:$API_PORT"
API_KEY="bench-$(openssl rand -hex 16)"
API_LOG=$(mktemp /tmp/hybridorders-bench-api.XXXXXX.log)
ASPNETCORE_ENVIRONMENT=Production Database__Provider=postgresql ConnectionStrings__HybridOrders="$CITUS_CONNECTION" \
Auth__ApiKeys__0__Key="$API_KEY" Auth__ApiKeys__0__Role=admin Logging__LogLevel__Default=Warning \
  dotnet src/HybridOrders.Api/bin/Release/net10.0/HybridOrders.Api.dll --urls "$API_URL" >"$API_LOG" 2>&1 &
API_PID=$!
for i in $(seq 1 120); do
  if curl -fsS -o /dev/null "$API_URL/health/ready" 2>/dev/null; then break; fi
  if ! kill -0 "$API_PID" 2>/dev/null || [ "$i" = 120 ]; then echo "The API did not become ready; its log:" >&2; cat "$API_LOG" >&2; exit 1; fi
  sleep 0.5
done
status=0
timeout 900 dotnet "$BENCH_DLL" --api "$API_URL" --api-key "$API_KEY" --pg "$CITUS_CONNECTION" --api-pid "$API_PID" \
  --only holds,orders --no-hot "$@" | tee "$clustered" || status=$?
if [ "$status" -ne 0 ]; then tail -40 "$API_LOG" >&2; fi
rm -f "$API_LOG"

# RESULT lines of both runs: "RESULT spread api_holds_s=..." and "RESULT orders orders_s=...".
python3 - "$single" "$clustered" <<'PY'
import sys
def results(path):
    out = {}
    for line in open(path):
        if line.startswith("RESULT "):
            parts = line.split()
            out[parts[1]] = dict(p.split("=", 1) for p in parts[2:] if "=" in p)
    return out
single, citus = results(sys.argv[1]), results(sys.argv[2])
def line(name, variant, keys):
    s, c = single.get(variant), citus.get(variant)
    if not s or not c:
        print(f"RESULT citus {name} missing=1"); return
    rate = keys[0]
    fields = [f"{k}_single={s[k]} {k}_citus={c[k]}" for k in keys]
    print(f"RESULT citus {name} " + " ".join(fields) + f" citus_vs_single={float(c[rate]) / float(s[rate]):.2f}")
line("holds", "spread", ["api_holds_s", "api_p50_ms", "api_p99_ms", "raw_tx_s"])
line("orders", "orders", ["orders_s", "p50_ms", "p99_ms"])
PY
exit "$status"
