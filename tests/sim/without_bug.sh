#!/usr/bin/env bash
# A bug-zoo lesson (assets/scenarios/<algorithm>/bug-<name>.qs; docs/scenarios.md,
# "The bug zoo") without its bug: the same file run with `--bug none` must
# fail (the correct protocol does not follow the broken one's path, so a line
# of the lesson is not borne out), and must fail without any checker
# catching a violation. The lesson itself, with its bug, is the
# scenario test of the same name.
#
# Also checks the lesson's form: a first line that is a comment saying what it
# shows, `bug=<name>` on its cluster line for the name of its file, and an
# `expect violation` line for the rule docs/scenarios.md's table of bugs gives
# it (tests/core/scenario/bug_zoo_test.cpp checks that table against the code).
#
# usage: without_bug.sh LESSON.qs QUORUM_SIM [node-flags...]   (wasm: LESSON.qs node --no-experimental-fetch quorum-sim.js)
set -uo pipefail
lesson=$1
shift
sim=("$@")
name=$(basename "$lesson" .qs)
bug=${name#bug-}
algorithm=$(basename "$(dirname "$lesson")")
docs=$(dirname "$0")/../../docs/scenarios.md
fail() {
  echo "FAIL: $lesson: $*"
  exit 1
}

head -n 1 "$lesson" | grep -qE '^# .{20,}' || fail "the first line must be a comment saying what the lesson shows"
grep -qE "^cluster [a-z]+ .*\bbug=$bug( |\$)" "$lesson" || fail "its cluster line must say bug=$bug"
row=$(grep -E "^\| $algorithm \| \`$bug\` \|" "$docs") || fail "docs/scenarios.md's table of bugs has no $algorithm bug $bug"
rule=$(sed -E 's/.*\| ([^|]+) \|$/\1/' <<<"$row")
grep -qx "expect violation $rule" "$lesson" || fail "it must say 'expect violation $rule', the rule of its bug"

output=$("${sim[@]}" run "$lesson" --bug none 2>&1)
status=$?
echo "$output"
[ "$status" -eq 1 ] || fail "with --bug none it exited $status, want 1 (a line not borne out)"
if grep -q "violated" <<<"$output"; then
  fail "with --bug none a checker caught a violation"
fi
echo "ok: $name without its bug stops at a line, with no violation"
