#!/usr/bin/env bash
# Two builds make the same runs the same way: each runs run_digests once
# (every scenario file x every seed, or every fuzz seed, in one process), and
# the two outputs (each run's verdicts, clock, counters, and digests of its
# whole trace and client history) must be identical byte for byte.
#
# usage: compare_runs.sh OUT_DIR SEEDS NAME_A NAME_B -- CMD_A... -- CMD_B... -- RUNS...
#   RUNS: FILE.qs...  or  --fuzz ALGO STEPS  (run_digests' arguments after SEEDS)
#   e.g. compare_runs.sh out 1..5 native wasm -- ./run_digests \
#          -- node --no-experimental-fetch run_digests.js -- assets/scenarios/*/*.qs
set -euo pipefail
usage() { sed -n '7,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# -ge 5 ] || usage
out=$1 seeds=$2 name_a=$3 name_b=$4
shift 4
[ "$1" = "--" ] || usage
shift
cmd_a=() cmd_b=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do cmd_a+=("$1"); shift; done
[ $# -gt 0 ] && shift
while [ $# -gt 0 ] && [ "$1" != "--" ]; do cmd_b+=("$1"); shift; done
[ $# -gt 0 ] && shift
runs_args=("$@")
if [ ${#cmd_a[@]} -eq 0 ] || [ ${#cmd_b[@]} -eq 0 ] || [ ${#runs_args[@]} -eq 0 ]; then usage; fi
mkdir -p "$out"
for side in a b; do
  if [ "$side" = a ]; then name=$name_a cmd=("${cmd_a[@]}"); else name=$name_b cmd=("${cmd_b[@]}"); fi
  if ! "${cmd[@]}" "$seeds" "${runs_args[@]}" >"$out/$name.txt" 2>"$out/$name.err"; then
    echo "the $name build could not make the runs: $(head -c 400 "$out/$name.err")" >&2
    exit 1
  fi
done
seed_count=$(( ${seeds#*..} - ${seeds%..*} + 1 ))
if [ "${runs_args[0]}" = "--fuzz" ]; then
  what="fuzz ${runs_args[1]} seeds $seeds (${runs_args[2]} steps)"
  expected=$seed_count
  runs=$(grep -c '^  trace: ' "$out/$name_a.txt" || true)
  passed=$(grep -c '^seed [0-9]*: ok' "$out/$name_a.txt" || true)
else
  what="${#runs_args[@]} scenarios x seeds $seeds"
  expected=$(( ${#runs_args[@]} * seed_count ))
  runs=$(wc -l <"$out/$name_a.txt")
  passed=$(grep -c ': passed,' "$out/$name_a.txt" || true)
fi
if [ "$runs" -ne "$expected" ]; then
  echo "the $name_a build made $runs runs, not $expected ($what): see $out/$name_a.txt" >&2
  exit 1
fi
if ! cmp -s "$out/$name_a.txt" "$out/$name_b.txt"; then
  echo "$what: the $name_a and $name_b builds differ: diff $out/$name_a.txt $out/$name_b.txt" >&2
  diff "$out/$name_a.txt" "$out/$name_b.txt" | head -n 6 >&2 || true
  exit 1
fi
lines=$(grep -o '[0-9]* lines' "$out/$name_a.txt" | awk '{s += $1} END {print s}')
echo "$what: $runs runs ($passed passed), $lines trace lines; verdicts, traces and histories identical in the $name_a and $name_b builds"
