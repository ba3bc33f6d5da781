#!/usr/bin/env bash
# Call load on the media gateway with sipp (issue 6: >= 300 call setups/s, >= 1,000 concurrent calls with audio).
#
#   deploy/load/calls.sh            # about 2.5 minutes after the build; prints a table, writes CSVs and two PNGs
#
# The gateway is tools/PhonePlatform.CallLoad: the real B2BUA, SIP/UDP, RTP legs and voicemail into the encrypted
# blob store, directories in memory (PostgreSQL is not in the loop). Three phases:
#   1. setup rate into voicemail: a sipp carrier calls a workspace number at each rate of PP_LOAD_RATES for
#      PP_LOAD_STEP_SECONDS, 2 s calls (answer, 0.8 s greeting, record 1.2 s of the caller's audio, BYE, store);
#   2. setup rate through to a carrier: sipp devices dial out through the gateway to a sipp UAS carrier;
#   3. concurrency: PP_LOAD_CONCURRENT calls through to the carrier opened at PP_LOAD_RAMP calls/s and held 30 s,
#      each sending 7 s of A-law audio that the carrier echoes back.
# Figures: calls completed/failed (sipp), achieved setups/s, mean INVITE->200 time (sipp rtd), gateway CPU (% of
# one core, from its own process CPU time), peak concurrent calls and calls that ended with audio on both legs; the
# gateway's CSV (gateway.csv) also samples the thread pool (threads, queued work items), live SIP transactions and
# requests the SIP stack dropped (per-source rate limit, other), once a second.
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/load/lib.sh

RATES=${PP_LOAD_RATES:-"50 100 200 300 400"}
THROUGH_RATES=${PP_LOAD_THROUGH_RATES:-"100 300"}
STEP=${PP_LOAD_STEP_SECONDS:-10}
CONCURRENT=${PP_LOAD_CONCURRENT:-1000}
RAMP=${PP_LOAD_RAMP:-200}
HOLD_MS=${PP_LOAD_HOLD_MS:-30000}
OUT=${PP_LOAD_OUT:-$(mktemp -d /tmp/pp-load-calls.XXXXXX)}
SCENARIOS=deploy/load/scenarios
mkdir -p "$OUT"

dotnet build -c Release tools/PhonePlatform.CallLoad -v q --nologo >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; exit 1; }

TRUNK_PORT=$(pp_free_udp_port)
pids=()
cleanup() {
  exec 3>&- 2>/dev/null || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  sleep 1
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

# The gateway reads stdin until it closes: fd 3 keeps it open, closing it stops the gateway.
mkfifo "$OUT/gateway.stdin"
dotnet tools/PhonePlatform.CallLoad/bin/Release/net10.0/PhonePlatform.CallLoad.dll --trunk-port "$TRUNK_PORT" \
  <"$OUT/gateway.stdin" >"$OUT/gateway.csv" 2>"$OUT/gateway.err" &
pids+=($!)
exec 3>"$OUT/gateway.stdin"
pp_wait_for_line "$OUT/gateway.csv" 60 '^READY'
GATEWAY_PORT=$(awk '/^READY/ {print $2}' "$OUT/gateway.csv")
pp_wait_for_line "$OUT/gateway.csv" 30 '^[0-9]'   # first stats line: CPU figures start from here

sipp -sf "$SCENARIOS/carrier_answers_echo.xml" -i 127.0.0.1 -p "$TRUNK_PORT" -mi 127.0.0.1 -mp "$(pp_free_udp_port)" \
  -rtp_echo -nostdin -timeout 600s >"$OUT/carrier.log" 2>&1 &
pids+=($!)

gateway_cpu() { { grep '^[0-9]' "$OUT/gateway.csv" || echo 0,0; } | tail -n 1 | cut -d, -f2; }

# run_step NAME SCENARIO SERVICE RATE CALLS LIMIT HOLD_MS SOURCE_IP -> appends a row to steps.csv
# (the carrier's calls come from 127.0.0.2, the gateway's trunk source; devices' from 127.0.0.1)
run_step() {
  local name=$1 scenario=$2 service=$3 rate=$4 calls=$5 limit=$6 hold=$7 source=$8
  local cpu_before start end cpu_after
  cpu_before=$(gateway_cpu); start=$(date +%s.%N)
  sipp "127.0.0.1:$GATEWAY_PORT" -sf "$scenario" -s "$service" -i "$source" -p "$(pp_free_udp_port)" \
    -mi "$source" -mp "$(pp_free_udp_port)" -r "$rate" -m "$calls" -l "$limit" -d "$hold" \
    -timeout "$((calls / rate + hold / 1000 + 40))s" -nostdin -trace_stat -stf "$OUT/$name.stat.csv" -fd 60 \
    >"$OUT/$name.log" 2>&1 || true
  end=$(date +%s.%N)
  sleep 1.2   # one more gateway stats line, so its CPU figure covers the whole step
  cpu_after=$(gateway_cpu)
  python3 - "$OUT/$name.stat.csv" "$name" "$rate" "$start" "$end" "$cpu_before" "$cpu_after" "$(pp_load1)" "$hold" >>"$OUT/steps.csv" <<'PY'
import csv, sys
path, name, rate, start, end, cpu0, cpu1, load1, hold = sys.argv[1:]
rows = list(csv.reader(open(path), delimiter=';'))
head, last = rows[0], rows[-1]
col = lambda key: last[head.index(key)]
def ms(text):  # sipp writes HH:MM:SS:uuuuuu for times and HH:MM:SS for ElapsedTime
    h, m, s, *micro = text.split(':')
    return (int(h) * 3600 + int(m) * 60 + int(s)) * 1000 + (int(micro[0]) / 1000 if micro else 0)
ok, failed = int(col('SuccessfulCall(C)')), int(col('FailedCall(C)'))
wall = float(end) - float(start)
# sipp's own elapsed time (whole seconds) runs from its first INVITE to its last call's end; the last hold is not setup.
setup_window = max(ms(col('ElapsedTime(C)')) / 1000 - int(hold) / 1000, 0.001)
print(f"{name},{rate},{ok},{failed},{ok / setup_window:.1f},{ms(col('ResponseTime1(C)')):.1f},{100 * (float(cpu1) - float(cpu0)) / wall:.0f},{load1}")
PY
  tail -n 1 "$OUT/steps.csv"
}

echo "phase,offered_per_s,completed,failed,setups_per_s,invite_to_200_ms,gateway_cpu_pct,load1" | tee "$OUT/steps.csv"
for rate in $RATES; do
  run_step "voicemail-$rate" "$SCENARIOS/trunk_calls_voicemail.xml" +15557654321 "$rate" $((rate * STEP)) $((rate * 4)) 2000 127.0.0.2
done
for rate in $THROUGH_RATES; do
  run_step "through-$rate" "$SCENARIOS/device_calls_carrier.xml" +15551234567 "$rate" $((rate * STEP)) $((rate * 4)) 1000 127.0.0.1
done

concurrency_start=$(grep '^[0-9]' "$OUT/gateway.csv" | tail -n 1 | cut -d, -f1)
run_step "concurrent-$CONCURRENT" "$SCENARIOS/device_calls_carrier.xml" +15551234567 "$RAMP" "$CONCURRENT" "$CONCURRENT" "$HOLD_MS" 127.0.0.1
exec 3>&-
# The gateway prints its last line and drains; calls it still holds (ghosts, see docs/reliability.md) bound the wait.
for _ in $(seq 150); do kill -0 "${pids[0]}" 2>/dev/null || break; sleep 0.1; done

python3 - "$OUT/gateway.csv" "$concurrency_start" "$OUT/concurrency.csv" <<'PY'
import sys
path, since, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
rows = [l.strip().split(',') for l in open(path) if l[0].isdigit()]
window = [r for r in rows if float(r[0]) >= since]
with open(out, 'w') as f:
    f.write('elapsed_s,active_calls,gateway_cpu_pct\n')
    for prev, cur in zip(window, window[1:]):
        dt = float(cur[0]) - float(prev[0])
        if dt <= 0:
            continue
        f.write(f"{float(cur[0]) - since:.1f},{cur[2]},{100 * (float(cur[1]) - float(prev[1])) / dt:.0f}\n")
peak = max(int(r[2]) for r in window)
last = rows[-1]
print(f"peak concurrent calls: {peak}; answered {last[4]}, ended {last[5]}, ended with audio on every leg {last[6]}, failed {last[7]}, voicemails stored {last[8]}")
print(f"thread pool: at most {max(int(r[11]) for r in rows)} threads and {max(int(r[12]) for r in rows)} queued work items; "
      f"SIP transactions at most {max(int(r[14]) for r in rows)}; requests dropped: {last[15]} rate limited, {last[16]} other")
PY

deploy/load/plot-calls.sh "$OUT"
echo "results: $OUT"
