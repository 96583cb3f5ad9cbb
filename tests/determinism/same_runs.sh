#!/usr/bin/env bash
# Two builds of quorum-sim run every scenario and every fuzz seed CI runs the
# same way, byte for byte: the check for a refactor that must change nothing a
# user sees (docs/design.md, "Changing the code without changing a run").
#
#   same_runs.sh record QUORUM_SIM DIR     writes DIR/: every scenario over seeds
#                                          1..20 (trace, history, report, exit
#                                          code) and the fuzz seeds of CI (each
#                                          seed's summary and a hash of its trace)
#   same_runs.sh compare DIR_A DIR_B       the two records are identical
#
# A build older than `fuzz --digest` cannot record the fuzz part; patch the
# flag into it (shell/sim/main.cpp's trace_digest) to compare with it.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)

record() {
  local sim=$1 out=$2
  rm -rf "$out" && mkdir -p "$out/scenarios" "$out/fuzz"
  for scenario in "$root"/assets/scenarios/*/*.qs; do
    local algo name base code=0
    algo=$(basename "$(dirname "$scenario")")
    name=$(basename "$scenario" .qs)
    base="$out/scenarios/$algo-$name"
    "$sim" run "$scenario" --seeds 1..20 --trace "$base.trace.jsonl" --history "$base.history.jsonl" \
      >"$base.report" 2>&1 || code=$?
    echo "$code" >"$base.exit"
  done
  # The fuzz runs of tests/CMakeLists.txt, with --digest.
  fuzz() {
    local label=$1 code=0
    shift
    "$sim" fuzz "$@" --digest >"$out/fuzz/$label.txt" 2>&1 || code=$?
    echo "$code" >"$out/fuzz/$label.exit"
  }
  fuzz raft --algo raft --nodes 5 --seeds 1..1000 --steps 2000 &
  fuzz raft_plain --algo raft --nodes 3 --seeds 1..300 --steps 2000 --prevote off --checkquorum off
  wait
  fuzz paxos --algo paxos --nodes 5 --seeds 1..1000 --steps 2000 &
  fuzz multipaxos --algo multipaxos --nodes 5 --seeds 1..1000 --steps 2000
  wait
  echo "recorded $(ls "$out/scenarios" | wc -l) scenario files and $(ls "$out/fuzz" | wc -l) fuzz files in $out"
}

compare() {
  local a=$1 b=$2
  if diff -r -q "$a" "$b"; then
    echo "identical: $(find "$a" -type f | wc -l) files ($(cat "$a"/scenarios/*.trace.seed*.jsonl | wc -l) trace lines, $(grep -c fnv1a64 "$a"/fuzz/*.txt | awk -F: '{s+=$2} END {print s}') fuzz seeds)"
  else
    echo "the two records differ (diff -r $a $b)" >&2
    exit 1
  fi
}

case ${1:-} in
  record) record "$2" "$3" ;;
  compare) compare "$2" "$3" ;;
  *) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
