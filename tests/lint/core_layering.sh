#!/usr/bin/env bash
# The core's layering (docs/design.md, "Layers"), checked on what each file
# really includes: its whole include closure, as the compiler sees it
# (g++ -MM), not only its own #include lines.
#
#   1. core/ includes only the standard library and itself ("quorum/...").
#   2. A protocol's folder (quorum/<p>/, src/<p>/) includes no other
#      protocol and not the registry: raft/ compiles without Paxos.
#   3. Outside the protocols' folders, only the registry (quorum/protocols.hpp,
#      src/protocols.cpp) includes a protocol's header directly.
#   4. store/ does not include the simulator (sim/); check/ does not either
#      (sim/ may include check/'s vocabulary: one way).
#   5. The browser's node worker links no dashboard code.
#   6. The explorer (explore/) is the core's top layer: nothing else in the
#      core includes it.
set -euo pipefail
cd "$(dirname "$0")/../.."
protocols=$(for entry in core/include/quorum/*/protocol.hpp; do basename "$(dirname "$entry")"; done)
failures=0
complain() {
  echo "$1" >&2
  failures=$((failures + 1))
}

# 1. Only the standard library and the core itself.
bad=$(grep -rnE '^\s*#\s*include' core/ | grep -vE '#\s*include\s+(<[a-z_0-9]+>|"quorum/[A-Za-z0-9_/]+\.hpp")' || true)
[ -z "$bad" ] || complain "core/ includes something other than the standard library or itself:
$bad"

# The quorum headers a file includes, directly or not.
closure() {
  g++ -std=c++20 -MM -Icore/include "$1" | tr ' \\' '\n\n' | (grep -oE 'quorum/[A-Za-z0-9_/]+\.hpp' || true) | sort -u
}

checked=0
for file in $(git ls-files 'core/*.cpp' 'core/*.hpp'); do
  includes=$(closure "$file" || true)
  checked=$((checked + 1))
  # 2. A protocol's folder stands alone.
  for p in $protocols; do
    case $file in
      core/include/quorum/$p/* | core/src/$p/*)
        others=$(echo "$includes" | grep -E "^quorum/($(echo "$protocols" | grep -vx "$p" | paste -sd'|'))/|^quorum/protocols\.hpp$" || true)
        [ -z "$others" ] || complain "$file (protocol $p) includes another protocol or the registry: $(echo $others)"
        ;;
    esac
  done
  # 3. Only the registry names a protocol's header.
  case $file in
    core/include/quorum/protocols.hpp | core/src/protocols.cpp) ;;
    *)
      in_folder=false
      for p in $protocols; do
        case $file in core/include/quorum/$p/* | core/src/$p/*) in_folder=true ;; esac
      done
      if ! $in_folder; then
        direct=$( (grep -oE '#include "quorum/[a-z]+/' "$file" || true) | sed 's|#include "quorum/||; s|/$||' | sort -u)
        for p in $protocols; do
          if echo "$direct" | grep -qx "$p"; then
            complain "$file includes protocol $p directly: reach it through the registry"
          fi
        done
      fi
      ;;
  esac
  # 4. store/ and check/ do not lean on the simulator.
  case $file in
    core/include/quorum/store/* | core/src/store/* | core/include/quorum/check/* | core/src/check/*)
      sim=$(echo "$includes" | grep '^quorum/sim/' || true)
      [ -z "$sim" ] || complain "$file includes the simulator: $(echo $sim)"
      ;;
  esac
  # 6. Nothing below the explorer leans on it.
  case $file in
    core/include/quorum/explore/* | core/src/explore/*) ;;
    *)
      explore=$(echo "$includes" | grep '^quorum/explore/' || true)
      [ -z "$explore" ] || complain "$file includes the explorer: $(echo $explore)"
      ;;
  esac
done

# 5. The worker's target links no dashboard library.
if grep -nE 'target_link_libraries\([^)]*dashboard' shell/worker/CMakeLists.txt; then
  complain "shell/worker links dashboard code"
fi

if [ "$failures" -ne 0 ]; then
  echo "$failures layering rule(s) broken" >&2
  exit 1
fi
echo "layering holds: $checked core files, protocols $(echo $protocols), each alone"
