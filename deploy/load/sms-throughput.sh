#!/usr/bin/env bash
# SMS throughput, issue 7: POST /v1/messages over HTTP into a real `PhonePlatform.Api --role api,sms` process, through
# the encrypted store and outbox to the SMSC simulator's submit_sm_resp. Prints msg/s accepted (202) and acknowledged
# by the SMSC, the SMSC's own count, and CPU time per message (host, PostgreSQL backends, simulator).
# Usage: deploy/load/sms-throughput.sh [messages=10000] [concurrent callers=32]   (needs node + npm, PostgreSQL)
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/lib/postgres.sh
pp_ensure_postgres
export PHONEPLATFORM_TEST_POSTGRES="$PHONEPLATFORM_POSTGRES_ADMIN"
export PHONEPLATFORM_SMS_BENCH_COUNT="${1:-10000}" PHONEPLATFORM_SMS_BENCH_CALLERS="${2:-32}"
[ -d tests/smsc-simulator/node_modules/smpp ] || (cd tests/smsc-simulator && npm ci --silent)
dotnet build tests/PhonePlatform.Sms.IntegrationTests -c Release -v quiet -nologo >/dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet test tests/PhonePlatform.Sms.IntegrationTests -c Release --no-build \
  --filter FullyQualifiedName~ApiThroughputBenchmark --logger "console;verbosity=detailed" 2>&1 \
  | grep -E '^\s*(messages=|accepted|acknowledged|SMSC count|CPU per message|Failed|Passed|Error Message)' -A0
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
