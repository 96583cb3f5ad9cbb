#!/usr/bin/env bash
# quorum-sim explore and shrink on the command line (docs/scenarios.md,
# "Explorer and shrinker"): exit 0 nothing found, 1 a violation (with a
# counterexample that replays for every seed), 2 bad input; shrink gives a
# scenario that still breaks the rule, and exit 1 for a trace that breaks
# nothing. Small bounds: this runs in CI.
#
# usage: explore_cli_test.sh QUORUM_SIM [node-flags...]
set -uo pipefail
sim=("$@")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
total=0

# expect_exit CODE PATTERN ARGS...: as in cli_test.sh.
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

# Paxos with amnesia (persist=off): with one crash allowed, an acceptor
# forgets its promise; without crashes, nothing breaks.
cat >"$work/amnesia.qs" <<'QS'
cluster paxos nodes=3 persist=off backoff=off
hold on
client propose apple via 1
QS
cat >"$work/raft.qs" <<'QS'
cluster raft nodes=3 prevote=off checkquorum=off
hold on
QS
expect_exit 0 '"violation":null' explore "$work/amnesia.qs" --depth 4
expect_exit 0 '"complete":true' explore "$work/raft.qs" --depth 4
expect_exit 0 '"search":"dfs".*"violation":null' explore "$work/raft.qs" --dfs --depth 4
expect_exit 0 '"search":"random"' explore "$work/raft.qs" --random 20 --depth 6
expect_exit 0 '"complete":false' explore "$work/raft.qs" --depth 8 --max-states 100
# Symmetry: three interchangeable Raft nodes, about a sixth of the states;
# Paxos's ids are not interchangeable (its ballots order them).
expect_exit 0 '"states":3564,"unique":1670' explore "$work/raft.qs" --depth 5
expect_exit 0 '"states":668,"unique":293,.*"complete":true' explore "$work/raft.qs" --depth 5 --symmetry
expect_exit 2 "the node ids of paxos are not interchangeable" explore "$work/amnesia.qs" --symmetry
expect_exit 1 '"violation":\{"rule":"promise kept"' explore "$work/amnesia.qs" --depth 5 --max-crashes 1 --out "$work/ce.qs"
expect_exit 0 "ok .*ce.qs seed 1" run "$work/ce.qs"
expect_exit 0 "5 of 5 seeds passed" run "$work/ce.qs" --seeds 1..5 --quiet
expect_exit 1 '"rule":"promise kept"' explore "$work/amnesia.qs" --dfs --depth 5 --max-crashes 1

# A lesson that breaks a rule on purpose (as the bug zoo's): the search
# starts before its first `expect violation` line and finds the violation.
cat >"$work/zoo.qs" <<'QS'
cluster paxos nodes=3 persist=off backoff=off
hold on
client propose apple via 1
expect violation promise kept
deliver c1 -> 1 ClientRequest
crash 1
restart 1
QS
expect_exit 0 "ok .*zoo.qs" run "$work/zoo.qs"
expect_exit 1 '"rule":"promise kept","nodes":\[1\],"steps":3' explore "$work/zoo.qs" --max-crashes 1 --out "$work/zoo-ce.qs"
expect_exit 0 "3 of 3 seeds passed" run "$work/zoo-ce.qs" --seeds 1..3 --quiet
expect_exit 0 '"violation":null' explore "$work/zoo.qs"

# Bad input.
expect_exit 2 "" explore "$work/raft.qs" --depth 0
expect_exit 2 "" explore "$work/raft.qs" --depth -3
expect_exit 2 "" explore "$work/raft.qs" --max-states 0
expect_exit 2 "" explore "$work/raft.qs" --max-crashes x
expect_exit 2 "" explore "$work/raft.qs" --random 0
expect_exit 2 "" explore "$work/raft.qs" --bfs --dfs
expect_exit 2 "" explore "$work/raft.qs" --no-such-flag
expect_exit 2 "unknown bug 'nosuch' for raft.*vote-without-log-check" explore "$work/raft.qs" --bug nosuch
expect_exit 2 "bug 'acceptor-forgets' is for paxos" explore "$work/raft.qs" --bug acceptor-forgets
expect_exit 2 "cannot read" explore "$work/missing.qs"
printf 'cluster raft nodes=3\ncrahs 1\n' >"$work/typo.qs"
expect_exit 2 "typo.qs:2:1: .*crahs" explore "$work/typo.qs"
printf 'cluster raft nodes=3\nhold on\nexpect leader\n' >"$work/fails.qs"
expect_exit 2 "fails.qs:3:1: expect leader: false" explore "$work/fails.qs"

# Shrink: the amnesia lesson's trace, with its own cluster line.
cat >"$work/lesson.qs" <<'QS'
cluster paxos nodes=3 persist=off backoff=off latency=5-5ms
expect violation promise kept
client propose apple via 1
run until chosen == apple within 1s
run 100ms
crash 2
crash 3
restart 2
restart 3
client propose banana via 2
run 1s
QS
"${sim[@]}" run "$work/lesson.qs" --trace "$work/lesson.jsonl" >/dev/null 2>&1
expect_exit 0 '"rule":"promise kept"' shrink "$work/lesson.jsonl" --cluster-from "$work/lesson.qs" --out "$work/min.qs"
expect_exit 0 "3 of 3 seeds passed" run "$work/min.qs" --seeds 1..3 --quiet
# Without the cluster line's persist=off, the replay breaks nothing.
expect_exit 1 "breaks no rule" shrink "$work/lesson.jsonl" --out "$work/min2.qs"
printf 'cluster raft nodes=3 seed=1\nrun until leader within 2s\n' >"$work/good.qs"
"${sim[@]}" run "$work/good.qs" --trace "$work/good.jsonl" >/dev/null 2>&1
expect_exit 1 "breaks no rule" shrink "$work/good.jsonl" --out "$work/min3.qs"
echo 'not json' >"$work/bad.jsonl"
expect_exit 2 "bad.jsonl:1:1: not JSON" shrink "$work/bad.jsonl" --out "$work/min4.qs"
expect_exit 2 "" shrink "$work/good.jsonl"
expect_exit 2 "cannot read" shrink "$work/missing.jsonl" --out "$work/min5.qs"

echo "$((total - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
