#!/usr/bin/env bash
# Adds an EF Core migration named NAME to both migration sets after a change to the model:
#   Data/Migrations/Sqlite   (SqliteAppDbContext)
#   Data/Migrations/Postgres (PostgresAppDbContext)
# No database is needed: design-time factories in Data/ProviderContexts.cs build each provider's model.
#
#   scripts/add-migration.sh AddMuteRules
set -euo pipefail

if [[ $# -ne 1 || ! "$1" =~ ^[A-Z][A-Za-z0-9]*$ ]]; then
    echo "usage: $0 NAME   (a PascalCase migration name, e.g. AddMuteRules)" >&2
    exit 2
fi
name=$1

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet tool restore >/dev/null
dotnet build src/Dashboard.Web --verbosity quiet

for provider in Sqlite Postgres; do
    echo "== $provider"
    dotnet dotnet-ef migrations add "$name" --no-build \
        --project src/Dashboard.Web \
        --context "${provider}AppDbContext" \
        --output-dir "Data/Migrations/$provider"
done

echo "Added $name to both providers. Check the two new files, then run the pending-model-changes tests:"
echo "  dotnet test tests/Dashboard.Web.Tests --filter FullyQualifiedName~MigrationTests"
