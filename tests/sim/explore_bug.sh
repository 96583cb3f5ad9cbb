#!/usr/bin/env bash
# The explorer against one bug of the zoo (docs/scenarios.md, "The bug zoo"
# and "quorum-sim explore"): from the state the lesson
# assets/scenarios/<algorithm>/bug-<name>.qs reaches before its first
# `expect violation <rule>` line, `quorum-sim explore` finds a violation of
# that rule, writes a counterexample that replays to it (for several seeds),
# and with `--bug none` (the correct protocol, from where it leaves the
# lesson's story) explores the whole bounded space and finds nothing.
#
# usage: explore_bug.sh LESSON.qs DEPTH QUORUM_SIM [node-flags...]
set -uo pipefail
lesson=$1
depth=$2
shift 2
sim=("$@")
bounds=(--depth "$depth" --max-crashes 1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
  echo "FAIL: $lesson: $*"
  exit 1
}

rule=$(sed -nE 's/^expect violation (.+)$/\1/p' "$lesson" | head -n 1)
[ -n "$rule" ] || fail "no 'expect violation' line"
echo "rule: $rule"

output=$("${sim[@]}" explore "$lesson" "${bounds[@]}" --out "$work/ce.qs" 2>&1)
status=$?
echo "$output"
[ "$status" -eq 1 ] || fail "explore exited $status, want 1 (a violation)"
grep -qF "\"violation\":{\"rule\":\"$rule\"" <<<"$output" || fail "explore did not find '$rule'"
[ -s "$work/ce.qs" ] || fail "explore wrote no counterexample"
grep -qx "expect violation $rule" "$work/ce.qs" || fail "the counterexample does not expect '$rule'"
echo "--- counterexample's steps:"
tac "$work/ce.qs" | sed '/^hold on$/q' | tac | tail -n +2

output=$("${sim[@]}" run "$work/ce.qs" --seeds 1..3 --quiet 2>&1)
status=$?
echo "$output"
[ "$status" -eq 0 ] || fail "the counterexample did not replay to '$rule' (exit $status)"
grep -q "3 of 3 seeds passed" <<<"$output" || fail "the counterexample did not pass for seeds 1..3"

output=$("${sim[@]}" explore "$lesson" "${bounds[@]}" --bug none 2>&1)
status=$?
echo "$output"
[ "$status" -eq 0 ] || fail "with --bug none explore exited $status, want 0 (nothing found)"
grep -q '"complete":true' <<<"$output" || fail "with --bug none the bounded space was not explored whole"
grep -q '"violation":null' <<<"$output" || fail "with --bug none explore found a violation"
echo "ok: $(basename "$lesson"): explore finds '$rule', the counterexample replays, none without the bug"
