#!/usr/bin/env bash
# The whole test suite: unit, API (SQLite and PostgreSQL), concurrency (PostgreSQL and a Citus cluster), database-script and browser tests.
# Installs Debian's chromium when missing, starts a throwaway PostgreSQL (installing it when missing), runs every test project, and ends with
# one line "N passed, N failed"; exits non-zero when anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."

# The browser tests drive Debian's Chromium through Playwright (never `playwright install`, which downloads): install it when missing.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ ! -x /usr/bin/chromium ]; then
  echo "Chromium not found: installing Debian's chromium" >&2
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "run as root or install chromium first (apt-get install chromium)" >&2; exit 1
  fi
fi

source scripts/pg.sh
pg_start

export HYBRIDORDERS_TEST_POSTGRES="$PG_CONNECTION"

# The concurrency proofs run on a Citus cluster too (coordinator and two workers; Citus is built once when missing).
# An already running cluster can be reused by setting HYBRIDORDERS_TEST_CITUS to its connection string; set to "none", no
# cluster is started and the Citus classes (every one has "Citus" in its name) are left out, e.g. for a quick filtered run:
#   HYBRIDORDERS_TEST_CITUS=none bash scripts/test.sh --no-build --filter "FullyQualifiedName~Holds"
test_args=("$@")
if [ "${HYBRIDORDERS_TEST_CITUS:-}" = none ]; then
  without_citus='FullyQualifiedName!~Citus'
  filtered=0
  for i in "${!test_args[@]}"; do
    if [ "${test_args[$i]}" = "--filter" ] && [ $((i + 1)) -lt ${#test_args[@]} ]; then
      test_args[$((i + 1))]="(${test_args[$((i + 1))]})&$without_citus"; filtered=1
    fi
  done
  if [ "$filtered" = 0 ]; then test_args+=(--filter "$without_citus"); fi
  echo "HYBRIDORDERS_TEST_CITUS=none: no Citus cluster, the Citus classes are left out" >&2
elif [ -z "${HYBRIDORDERS_TEST_CITUS:-}" ]; then
  citus_line=$(bash scripts/citus.sh up | tail -1)
  citus_dir=$(cat .citus-cluster)
  trap 'pg_stop; bash scripts/citus.sh down "$citus_dir"' EXIT
  export HYBRIDORDERS_TEST_CITUS="${citus_line#HYBRIDORDERS_CITUS=}"
fi
results=$(mktemp -d /tmp/hybridorders-results.XXXXXX)
dotnet tool restore >/dev/null
# The generated-client tests (tests/HybridOrders.Clients.Tests) run openapi-typescript, tsc and Spectral from tests/clients,
# pinned by its package-lock.json: `npm ci` unless node_modules was installed from exactly this lock (a stamp records it).
if ! cmp -s tests/clients/package-lock.json tests/clients/node_modules/.installed-from-lock 2>/dev/null; then
  (cd tests/clients && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null && cp package-lock.json node_modules/.installed-from-lock)
fi
status=0
# HYBRIDORDERS_TEST_LOGGER='--logger console;verbosity=detailed' also shows the API's own log (a 500's exception) per test.
# shellcheck disable=SC2086
dotnet test HybridOrders.sln -c Release ${HYBRIDORDERS_TEST_LOGGER:-} --logger "trx" --results-directory "$results" "${test_args[@]}" || status=$?

read -r passed failed total < <(python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = total = 0
for f in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns)
    if c is None: continue
    passed += int(c.get("passed", 0)); total += int(c.get("total", 0))
    failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
print(passed, failed, total)
PY
)
rm -rf "$results"
echo "$passed passed, $failed failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$total" -eq 0 ]; then exit 1; fi
