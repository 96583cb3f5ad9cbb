#!/usr/bin/env bash
# quorum-sim's contract on the command line (docs/scenarios.md): exit 0 when every
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
expect_exit 0 "fuzz paxos: 2 of 2 seeds passed" fuzz --algo paxos --nodes 3 --seeds 1..2 --steps 200 --quiet
expect_exit 0 "fuzz multipaxos: 2 of 2 seeds passed" fuzz --algo multipaxos --nodes 3 --seeds 1..2 --steps 200 --quiet
expect_exit 2 "" fuzz --algo zab --seeds 1..2
# The bug zoo (docs/scenarios.md, 1.9): --bug names a bug of the algorithm, or none.
expect_exit 2 "quorum-sim run: --bug: unknown bug 'lightning' for raft \(bugs of raft: vote-without-log-check, .*; or none\)" run "$work/good.qs" --bug lightning
expect_exit 2 "bug 'commander-minority' is for multipaxos, not raft" run "$work/good.qs" --bug commander-minority
expect_exit 0 "ok .*good.qs seed 1" run "$work/good.qs" --bug none
expect_exit 0 "ok .*good.qs seed 1" run "$work/good.qs" --bug forget-vote
expect_exit 2 "quorum-sim fuzz: --bug: bug 'forget-vote' is for raft, not paxos" fuzz --algo paxos --seeds 1..2 --bug forget-vote
expect_exit 1 "reproduce: quorum-sim fuzz --algo paxos .* --bug ignore-accepted" fuzz --algo paxos --nodes 3 --seeds 1..30 --steps 500 --quiet --bug ignore-accepted
printf 'cluster raft nodes=3 bug=forget-votes\n' >"$work/bad-bug.qs"
expect_exit 2 "bad-bug.qs:1:26: unknown bug 'forget-votes' for raft; did you mean 'forget-vote'\?" run "$work/bad-bug.qs"

# Paxos and Multi-Paxos cluster lines that make no sense, and reconfigure
# lines that cannot be: file:line:col, exit 2, nothing run.
bad_script() {  # bad_script NAME EXPECTED-MESSAGE LINES...
  local name=$1 pattern=$2
  shift 2
  printf '%s\n' "$@" >"$work/$name.qs"
  expect_exit 2 "$name.qs:$pattern" run "$work/$name.qs"
}
bad_script paxos-no-acceptors "1:25: the acceptors list is empty" "cluster paxos acceptors=" "run 1s"
bad_script paxos-learner-not-a-node "1:34: node 4 does not exist" "cluster paxos nodes=3 learners=1,4" "run 1s"
bad_script paxos-proposer-zero "1:25: node 0 does not exist" "cluster paxos proposers=0" "run 1s"
bad_script multipaxos-no-acceptors "1:30: the acceptors list is empty" "cluster multipaxos acceptors=" "run 1s"
bad_script multipaxos-leader-zero "1:28: node 0 does not exist" "cluster multipaxos leaders=0,1" "run 1s"
bad_script multipaxos-replica-not-a-node "1:31: node 6 does not exist" "cluster multipaxos replicas=1,6" "run 1s"
bad_script reconfigure-unknown-node "2:27: node 6 does not exist" "cluster multipaxos" "reconfigure acceptors=2,3,6"
bad_script reconfigure-no-acceptors "2:23: the acceptors list is empty" "cluster multipaxos" "reconfigure acceptors="
bad_script reconfigure-on-raft "2:1: 'reconfigure' changes a Multi-Paxos configuration" "cluster raft" "reconfigure acceptors=1,2"
bad_script reconfigure-on-paxos "2:1: .*this cluster runs paxos" "cluster paxos" "reconfigure acceptors=1,2"
bad_script expect-violation-typo "2:18: .*did you mean 'promise kept'" "cluster paxos" "expect violation promise kep"
# A lesson that expects a violation fails when none comes (exit 1, at its line).
printf '%s\n' "cluster paxos nodes=3" "client propose a" "expect violation promise kept" "run until chosen within 1s" \
  >"$work/no-violation.qs"
expect_exit 1 "no-violation.qs:3:1: expect violation promise kept: the checkers caught no violation" run "$work/no-violation.qs"

expect_exit 0 '"algo":"multipaxos","nodes":5,.*"commits":[1-9]' bench --algo multipaxos --nodes 5 --seconds 1
expect_exit 0 '"algo":"raft","nodes":3,' bench --algo raft --nodes 3 --seconds 0.5 --no-check
expect_exit 2 "" bench --algo paxos --seconds 1
expect_exit 0 '"virtual_s":0.5,"warmup_s":0.2,.*"commits":[1-9]' bench --nodes 3 --seconds 0.5 --warmup 0.2
expect_exit 2 "" bench --seconds 1 --warmup -1

# --trace and --history write JSON lines in the docs/scenarios.md formats.
total=$((total + 1))
"${sim[@]}" run "$work/good.qs" --quiet --trace "$work/t.jsonl" --history "$work/h.jsonl" >/dev/null
if head -n 1 "$work/t.jsonl" | grep -q '^{"t":0,"ev":"cluster","algo":"raft","nodes":3,"seed":1}$'; then
  echo "ok: trace starts with the cluster line"
else
  echo "FAIL: trace's first line is $(head -n 1 "$work/t.jsonl")"
  failures=$((failures + 1))
fi

# quorum-sim check: a real run's trace and history pass; traces edited by hand
# to break each rule are caught (exit 1, naming rule, nodes and line); lines
# that are not well-formed are file:line:col errors (exit 2), nothing checked.
cat >"$work/writes.qs" <<'QS'
cluster raft nodes=5 seed=3
run until leader within 2s
client put x 1
client append x 2
run until applied >= 3 on all within 3s
crash leader
run until leader within 3s
client get x
run 2s
restart all
run 1s
QS
"${sim[@]}" run "$work/writes.qs" --quiet --trace "$work/w.jsonl" --history "$work/wh.jsonl" >/dev/null
lines=$(wc -l <"$work/w.jsonl" | tr -d ' ')
last_t=$(tail -n 1 "$work/w.jsonl" | sed -E 's/^\{"t":([0-9]+),.*/\1/')
expect_exit 0 "^ok .*w.jsonl: $lines lines to t=.*election safety \([1-9][0-9]* terms with a leader\), state machine safety \([1-9][0-9]* applies" check "$work/w.jsonl"
expect_exit 0 "wh.jsonl: linearizable \([0-9]+ operations\)" check "$work/w.jsonl" --history "$work/wh.jsonl"
expect_exit 0 "^$" check "$work/w.jsonl" --quiet

# Election safety: another node claims the first leader's term.
leader_line=$(grep -m 1 '"role":"leader"' "$work/w.jsonl")
leader=$(sed -E 's/.*"node":([0-9]+).*/\1/' <<<"$leader_line")
term=$(sed -E 's/.*"term":([0-9]+).*/\1/' <<<"$leader_line")
other=$((leader % 5 + 1))
cp "$work/w.jsonl" "$work/two-leaders.jsonl"
echo "{\"t\":$last_t,\"ev\":\"role\",\"node\":$other,\"role\":\"leader\",\"term\":$term}" >>"$work/two-leaders.jsonl"
expect_exit 1 "two-leaders.jsonl:$((lines + 1)): election safety violated at t=.*nodes $leader and $other were both leader of term $term" check "$work/two-leaders.jsonl"

# State machine safety: a node applies another command at index 1.
cp "$work/w.jsonl" "$work/forked.jsonl"
echo "{\"t\":$last_t,\"ev\":\"apply\",\"node\":$other,\"index\":1,\"term\":$term,\"cmd\":\"put x 666\"}" >>"$work/forked.jsonl"
expect_exit 1 "forked.jsonl:$((lines + 1)): state machine safety violated .*node $other applied \"put x 666\" \(term $term\) at index 1" check "$work/forked.jsonl"

# One value chosen per instance.
printf '%s\n' '{"t":0,"ev":"cluster","algo":"paxos","nodes":3,"seed":1}' \
  '{"t":10,"ev":"chosen","instance":0,"value":"v1"}' '{"t":20,"ev":"chosen","instance":0,"value":"v2"}' >"$work/chosen.jsonl"
expect_exit 1 "chosen.jsonl:3: at most one value chosen violated .*instance 0 chose \"v2\", but \"v1\" was chosen on line 2" check "$work/chosen.jsonl"

# Linearizability: a get that reads a value never written.
printf '%s\n' '{"client":1,"op":"put","key":"x","value":"1","call":1,"return":2,"ok":true}' \
  '{"client":2,"op":"get","key":"x","call":3,"return":4,"ok":true,"result":"2"}' >"$work/stale.jsonl"
expect_exit 1 "stale.jsonl: linearizability violated" check "$work/w.jsonl" --history "$work/stale.jsonl"

# Malformed traces: exit 2, file:line:col, nothing checked (the broken
# election above is still in these files, and is not reported).
{ cat "$work/two-leaders.jsonl"; echo 'this is not JSON'; } >"$work/not-json.jsonl"
expect_exit 2 "not-json.jsonl:$((lines + 2)):1: not JSON" check "$work/not-json.jsonl"
{ cat "$work/two-leaders.jsonl"; echo "{\"t\":$last_t,\"ev\":\"tim"; } >"$work/truncated.jsonl"
expect_exit 2 "truncated.jsonl:$((lines + 2)):$((${#last_t} + 16)): not JSON: unexpected end of line" check "$work/truncated.jsonl"
{ cat "$work/two-leaders.jsonl"; echo '{"ev":"heal"}'; } >"$work/no-t.jsonl"
expect_exit 2 "no-t.jsonl:$((lines + 2)):1: missing field 't'" check "$work/no-t.jsonl"
{ cat "$work/two-leaders.jsonl"; echo '{"t":0,"ev":"heal"}'; } >"$work/back-in-time.jsonl"
expect_exit 2 "back-in-time.jsonl:$((lines + 2)):6: time goes back: t=0 is before t=$last_t" check "$work/back-in-time.jsonl"
{ cat "$work/w.jsonl"; echo "{\"t\":$last_t,\"ev\":\"crash\",\"node\":6}"; } >"$work/bad-node.jsonl"
expect_exit 2 "bad-node.jsonl:$((lines + 1)):$((${#last_t} + 27)): field 'node': node 6 does not exist" check "$work/bad-node.jsonl"
printf '%s\n' '{"client":1,"op":"put","key":"x","value":"1","call":1,"return":2,"ok":"yes"}' >"$work/bad-history.jsonl"
expect_exit 2 "bad-history.jsonl:1:71: field 'ok' must be true or false" check "$work/two-leaders.jsonl" --history "$work/bad-history.jsonl"
expect_exit 2 "cannot read" check "$work/missing.jsonl"
expect_exit 2 "" check

echo "$((total - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
