#!/usr/bin/env bash
# Runs every test of the solution on this machine. Installs what the tests need first
# (PostgreSQL; later sipp, Chromium and npm packages), starts it, then runs `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/lib/postgres.sh

pp_ensure_postgres
# Tests create their own databases from this superuser connection (one per test class or fixture).
# All test projects run at once on a small machine: a connection may wait far longer than Npgsql's 15 s default.
export PHONEPLATFORM_TEST_POSTGRES="$PHONEPLATFORM_POSTGRES_ADMIN;Timeout=90;Command Timeout=120"

# What each part's tests need besides PostgreSQL (sipp, Chromium, npm peers): one script per part.
for deps in deploy/test-deps/*.sh; do
  [ -e "$deps" ] || continue
  # shellcheck source=/dev/null
  source "$deps"
done

started=$(date +%s)
log=$(mktemp)
set +e
dotnet test PhonePlatform.sln -c Release --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line a reader (or CI) can trust: the sums of every test project's own counts.
awk '
  /(Passed|Failed)! +- +Failed: / {
    gsub(",", "");
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:")  failed  += $(i + 1);
      if ($i == "Passed:")  passed  += $(i + 1);
      if ($i == "Skipped:") skipped += $(i + 1);
    }
  }
  END { printf "tests: %d passed, %d failed, %d skipped\n", passed, failed, skipped }
' "$log"
echo "test suite took $(( $(date +%s) - started )) s"
rm -f "$log"
exit "$status"
