#!/usr/bin/env bash
# Plots the results of deploy/load/calls.sh: plot-calls.sh RESULTS_FOLDER (needs steps.csv and concurrency.csv there).
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/load/lib.sh
OUT=$1
pp_ensure_gnuplot || { echo "gnuplot not available: no plots"; exit 0; }
gnuplot <<GP
set datafile separator ','
set terminal pngcairo size 900,520
set key left top
set grid
set output '$OUT/calls-setup-rate.png'
set title 'Gateway call setup: achieved rate and INVITE->200 time vs offered rate (load average when plotted: $(pp_load1))'
set xlabel 'offered call setups per second'
set ylabel 'achieved setups/s, gateway CPU %'
set y2label 'mean INVITE->200 (ms)'
set y2tics
plot '< grep ^voicemail $OUT/steps.csv' using 2:5 with linespoints title 'into voicemail: setups/s', \
   '< grep ^voicemail $OUT/steps.csv' using 2:7 with linespoints title 'into voicemail: gateway CPU %', \
   '< grep ^voicemail $OUT/steps.csv' using 2:6 axes x1y2 with linespoints title 'into voicemail: INVITE->200 ms', \
   '< grep ^through $OUT/steps.csv' using 2:5 with points pt 7 ps 1.5 title 'through to carrier: setups/s', \
   '< grep ^through $OUT/steps.csv' using 2:6 axes x1y2 with points pt 9 ps 1.5 title 'through to carrier: INVITE->200 ms'
set output '$OUT/calls-concurrency.png'
set title 'Concurrent calls through the gateway to a sipp carrier (audio echoed), gateway CPU'
set xlabel 'seconds'
set ylabel 'concurrent calls'
set y2label 'gateway CPU % of one core'
plot '$OUT/concurrency.csv' using 1:2 every ::1 with lines lw 2 title 'concurrent calls', \
   '$OUT/concurrency.csv' using 1:3 every ::1 axes x1y2 with lines title 'gateway CPU %'
GP
echo "plots: $OUT/calls-setup-rate.png $OUT/calls-concurrency.png"
