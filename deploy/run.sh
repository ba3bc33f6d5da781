#!/usr/bin/env bash
# Runs PhonePlatform on this machine with embedded defaults: a local PostgreSQL (installed and started when no
# connection string is configured), a local key file and blob folder under .data/, and a self-signed localhost
# certificate. Applies migrations, optionally creates the first workspace owner, then serves https://localhost.
#
#   ./deploy/run.sh [--owner-email EMAIL --workspace NAME] [--port PORT]
#
# The owner's password is read from PHONEPLATFORM_OWNER_PASSWORD, or prompted for when that is unset.
# Everything else is configurable through appsettings or PHONEPLATFORM__Section__Key environment variables,
# e.g. PHONEPLATFORM__ConnectionStrings__Postgres to use an existing database instead of the local one.
set -euo pipefail
cd "$(dirname "$0")/.."

owner_email=""
workspace=""
port="${PHONEPLATFORM_PORT:-5443}"
while [ $# -gt 0 ]; do
  case "$1" in
    --owner-email) owner_email="${2:?--owner-email needs a value}"; shift 2 ;;
    --workspace) workspace="${2:?--workspace needs a value}"; shift 2 ;;
    --port) port="${2:?--port needs a value}"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [ -n "$owner_email" ] && [ -z "$workspace" ]; then
  echo "--owner-email needs --workspace NAME" >&2
  exit 2
fi

umask 077
mkdir -p .data/keys .data/blobs .data/tls
export PHONEPLATFORM__Storage__KeyFile="${PHONEPLATFORM__Storage__KeyFile:-$PWD/.data/keys/local-master.key}"
export PHONEPLATFORM__Storage__BlobFolder="${PHONEPLATFORM__Storage__BlobFolder:-$PWD/.data/blobs}"
export PHONEPLATFORM__Tls__SelfSignedCertificatePath="${PHONEPLATFORM__Tls__SelfSignedCertificatePath:-$PWD/.data/tls/localhost.pfx}"

if [ -z "${PHONEPLATFORM__ConnectionStrings__Postgres:-}" ]; then
  # shellcheck source=deploy/lib/postgres.sh
  source deploy/lib/postgres.sh
  pp_ensure_postgres
  pg_port=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$PHONEPLATFORM_POSTGRES_ADMIN")
  if ! pp_as_root su postgres -c "psql -p $pg_port -tAc \"SELECT 1 FROM pg_database WHERE datname = 'phoneplatform'\"" | grep -qx 1; then
    pp_as_root su postgres -c "createdb -p $pg_port -O $PP_PG_USER phoneplatform"
    echo "postgresql: created database phoneplatform"
  fi
  export PHONEPLATFORM__ConnectionStrings__Postgres="${PHONEPLATFORM_POSTGRES_ADMIN/Database=postgres/Database=phoneplatform}"
fi
echo "database: $(sed -E 's/(Password|Pwd)=[^;]*/\1=*****/I' <<<"$PHONEPLATFORM__ConnectionStrings__Postgres")"

echo "building the web apps…"
(cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent >/dev/null)

echo "building the API host (Release)…"
dotnet build src/PhonePlatform.Api/PhonePlatform.Api.csproj -c Release --nologo -v quiet >/dev/null
host=(dotnet "src/PhonePlatform.Api/bin/Release/net10.0/PhonePlatform.Api.dll")
export ASPNETCORE_CONTENTROOT="$PWD/src/PhonePlatform.Api"

"${host[@]}" migrate

if [ -n "$owner_email" ]; then
  if [ -z "${PHONEPLATFORM_OWNER_PASSWORD:-}" ]; then
    read -rsp "password for $owner_email: " PHONEPLATFORM_OWNER_PASSWORD; echo
  fi
  export PHONEPLATFORM_OWNER_PASSWORD
  set +e
  "${host[@]}" create-owner --email "$owner_email" --workspace "$workspace"
  status=$?
  set -e
  unset PHONEPLATFORM_OWNER_PASSWORD
  case "$status" in
    0) ;;
    3) echo "an account for $owner_email exists already; sign in with it" ;;
    *) exit "$status" ;;
  esac
fi

echo "serving https://localhost:$port  (web app /app/, API /v1, docs /docs/v1, OpenAPI /openapi/v1.json, health /healthz /readyz, metrics /metrics)"
export ASPNETCORE_URLS="https://localhost:$port"
exec "${host[@]}"
