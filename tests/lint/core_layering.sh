#!/usr/bin/env bash
# The core depends on the C++ standard library only (DESIGN.md): every
# #include in core/ is either a standard header (<vector>, <cstdint>: no
# extension) or one of the core's own ("quorum/..."). Anything else (SDL,
# ImGui, emscripten, nlohmann, a POSIX header) breaks the layering.
set -euo pipefail
cd "$(dirname "$0")/../.."
bad=$(grep -rnE '^\s*#\s*include' core/ | grep -vE '#\s*include\s+(<[a-z_0-9]+>|"quorum/[A-Za-z0-9_/]+\.hpp")' || true)
if [ -n "$bad" ]; then
  echo "core/ includes something other than the standard library or itself:" >&2
  echo "$bad" >&2
  exit 1
fi
echo "core/ includes only the standard library and itself ($(grep -rhE '^\s*#\s*include' core/ | wc -l) includes checked)"
