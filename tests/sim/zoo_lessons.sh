#!/usr/bin/env bash
# The bug zoo (docs/scenarios.md, "The bug zoo"): every bug of the table has
# its lesson, assets/scenarios/<algorithm>/bug-<name>.qs, and every lesson
# named so is a bug of the table. (tests/core/scenario/bug_zoo_test.cpp checks
# the table against the code; tests/sim/without_bug.sh each lesson's form.)
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
failures=0
documented=$(sed -nE 's/^\| ([a-z]+) \| `([a-z-]+)` \| .*/\1\/bug-\2.qs/p' "$root/docs/scenarios.md" | sort)
lessons=$(cd "$root/assets/scenarios" && ls -1 */bug-*.qs | sort)
[ -n "$documented" ] || { echo "FAIL: docs/scenarios.md lists no bug"; exit 1; }
for lesson in $(comm -23 <(echo "$documented") <(echo "$lessons")); do
  echo "FAIL: no lesson assets/scenarios/$lesson for a documented bug"
  failures=$((failures + 1))
done
for lesson in $(comm -13 <(echo "$documented") <(echo "$lessons")); do
  echo "FAIL: assets/scenarios/$lesson is no documented bug"
  failures=$((failures + 1))
done
echo "$(echo "$documented" | wc -l) bugs, $(echo "$lessons" | wc -l) lessons, $failures mismatches"
[ "$failures" -eq 0 ]
