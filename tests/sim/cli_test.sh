#!/usr/bin/env bash
# quorum-sim's contract on the command line (SCENARIOS.md): exit 0 when every
# expectation holds, 1 when one fails (naming file, line, seed and time), 2
# when the script or the arguments are wrong (file:line:col), with nothing run.
#
# usage: cli_test.sh QUORUM_SIM [node-flags...]   (for wasm: node --no-experimental-fetch quorum-sim.js)
set -uo pipefail
sim=("$@")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
total=0

# expect_exit CODE PATTERN ARGS...: runs quorum-sim, checks its exit code and
# that its output matches PATTERN.
expect_exit() {
  local code=$1 pattern=$2
  shift 2
  local output status
  total=$((total + 1))
  output=$("${sim[@]}" "$@" 2>&1)
  status=$?
  if [ "$status" -ne "$code" ] || ! grep -qE -- "$pattern" <<<"$output"; then
    echo "FAIL: quorum-sim $* exited $status (want $code), output:"
    echo "$output" | head -5
    echo "  (wanted a line matching: $pattern)"
    failures=$((failures + 1))
  else
    echo "ok: quorum-sim $* -> $code"
  fi
}

cat >"$work/good.qs" <<'QS'
cluster raft nodes=3 seed=1
run until leader within 2s
expect safe
QS
cat >"$work/failing.qs" <<'QS'
cluster raft nodes=3 seed=1
run until leader within 2s
expect term > 100
QS
printf 'cluster raft nodes=3\ncrahs 1\n' >"$work/typo.qs"
printf 'cluster raft nodes=3\nrun 250\n' >"$work/no-unit.qs"
printf 'cluster raft nodes=3 speed=2\n' >"$work/unknown-option.qs"
printf 'cluster raft nodes=3\ncrash 7\n' >"$work/bad-node.qs"
printf 'cluster raft nodes=3\ncrash x\n' >"$work/not-a-number.qs"

expect_exit 0 "ok .*good.qs seed 1" run "$work/good.qs"
expect_exit 0 "3 of 3 seeds passed" run "$work/good.qs" --seeds 1..3 --quiet
expect_exit 1 "failing.qs:3:1: expect term > 100: false .*seed 1, t=" run "$work/failing.qs"
expect_exit 1 "0 of 2 seeds passed; failing seeds: 5 6" run "$work/failing.qs" --seeds 5..6 --quiet
expect_exit 2 "typo.qs:2:1: .*crahs" run "$work/typo.qs"
expect_exit 2 "no-unit.qs:2:5: " run "$work/no-unit.qs"
expect_exit 2 "unknown-option.qs:1:.*speed" run "$work/unknown-option.qs"
expect_exit 2 "bad-node.qs:2:7: " run "$work/bad-node.qs"
expect_exit 2 "not-a-number.qs:2:7: " run "$work/not-a-number.qs"
expect_exit 2 "cannot read" run "$work/missing.qs"
expect_exit 2 "--seeds wants A..B" run "$work/good.qs" --seeds 9..3
expect_exit 2 "" run "$work/good.qs" --no-such-flag
expect_exit 2 "" run "$work/good.qs" --seed 1 --seeds 1..2
expect_exit 0 "fuzz raft: 3 of 3 seeds passed" fuzz --algo raft --nodes 3 --seeds 1..3 --steps 200 --quiet
expect_exit 2 "unknown fault 'lightning'" fuzz --algo raft --seeds 1..3 --faults crash,lightning
expect_exit 2 "--seeds wants A..B" fuzz --algo raft --seeds 3
expect_exit 2 "" fuzz --algo raft --nodes 12
expect_exit 0 "prevote off, checkquorum off" fuzz --algo raft --nodes 3 --seeds 1..2 --steps 200 --quiet --prevote off --checkquorum off
expect_exit 2 "" fuzz --algo raft --seeds 1..2 --prevote maybe

# --trace and --history write JSON lines in the SCENARIOS.md formats.
total=$((total + 1))
"${sim[@]}" run "$work/good.qs" --quiet --trace "$work/t.jsonl" --history "$work/h.jsonl" >/dev/null
if head -n 1 "$work/t.jsonl" | grep -q '^{"t":0,"ev":"cluster","algo":"raft","nodes":3,"seed":1}$'; then
  echo "ok: trace starts with the cluster line"
else
  echo "FAIL: trace's first line is $(head -n 1 "$work/t.jsonl")"
  failures=$((failures + 1))
fi

echo "$((total - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
