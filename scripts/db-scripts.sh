#!/usr/bin/env bash
# The SQL in db/ is generated from the EF Core migrations of each provider; never edit it by hand.
#
#   scripts/db-scripts.sh              regenerate db/{sqlserver,postgresql,sqlite}/hybridorders.sql
#   scripts/db-scripts.sh add <Name>   add migration <Name> to all three providers, then regenerate
#
# SQL Server and PostgreSQL get idempotent scripts (safe to run on a database at any earlier migration).
# EF cannot make an idempotent SQLite script, so db/sqlite/ holds the full script from an empty database.
# tests/HybridOrders.Api.Tests/Database fails when a script is stale against the model.
set -euo pipefail
cd "$(dirname "$0")/.."

PROJECT=src/HybridOrders.Infrastructure
STARTUP=src/HybridOrders.Api
# provider folder in db/ | DbContext | migrations folder (under the Infrastructure project) | idempotent?
PROVIDERS=(
  "sqlserver|SqlServerHybridOrdersDbContext|Persistence/Migrations/SqlServer|yes"
  "postgresql|PostgresHybridOrdersDbContext|Persistence/Migrations/Postgres|yes"
  "sqlite|SqliteHybridOrdersDbContext|Persistence/Migrations/Sqlite|no"
)

# Runs a command quietly (restore prints NU1603 noise on every call); shows its output only when it fails.
quiet() { local out; out=$("$@" 2>&1) || { printf '%s\n' "$out" >&2; return 1; }; }

ef() { quiet dotnet ef "$@" --project "$PROJECT" --startup-project "$STARTUP" --no-build; }

usage() { sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

build() {
  quiet dotnet tool restore
  quiet dotnet build "$STARTUP" -c Debug --nologo
}

add_migration() {
  local name=$1 provider context dir idempotent
  for entry in "${PROVIDERS[@]}"; do
    IFS='|' read -r provider context dir idempotent <<<"$entry"
    echo "migration $name -> $context ($dir)" >&2
    ef migrations add "$name" --context "$context" --output-dir "$dir"
  done
}

generate_scripts() {
  local provider context dir idempotent out
  for entry in "${PROVIDERS[@]}"; do
    IFS='|' read -r provider context dir idempotent <<<"$entry"
    out=db/$provider/hybridorders.sql
    mkdir -p "db/$provider"
    ef migrations script --context "$context" --output "$out" $([ "$idempotent" = yes ] && echo --idempotent)
    sed -i '1s/^\xEF\xBB\xBF//' "$out" # dotnet ef writes a UTF-8 BOM; keep the files plain
    echo "wrote $out" >&2
  done
}

case "${1:-}" in
  "")
    build
    generate_scripts
    ;;
  add)
    [ $# -eq 2 ] || usage
    build
    add_migration "$2"
    build # the new migrations must be compiled before they can be scripted
    generate_scripts
    ;;
  *) usage ;;
esac
