#!/usr/bin/env bash
# Installs everything Quorum needs on a fresh Debian 12 machine, idempotently.
#
#   - Debian binary packages (apt-get), only those missing;
#   - Debian *source* packages for Dear ImGui and SDL2 (apt-get source), unpacked
#     into the cache: never committed, never downloaded from anywhere else;
#   - SDL2 built for WebAssembly once, into a cache directory keyed by the SDL2
#     and Emscripten versions (about 5 minutes on 2 cores the first time);
#   - npm packages from package-lock.json (npm ci), only when the lockfile changed.
#
# The cache lives outside the source tree: $QUORUM_CACHE, default ~/.cache/quorum.
# Sourced by ./quorum; the functions print one line per step they really do
# and nothing when there is nothing to do.

QUORUM_CACHE=${QUORUM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/quorum}
IMGUI_VERSION=1.86
SDL2_VERSION=2.26.5

# What building needs (./quorum serve installs these)...
APT_BUILD_PACKAGES=(
  cmake ninja-build ccache g++ clang-format pkg-config
  emscripten binaryen
  libsdl2-dev libgl-dev
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  nlohmann-json3-dev libcli11-dev libsqlite3-dev libstb-dev
  fonts-dejavu-core fonttools
  dpkg-dev xz-utils python3
  clang libclang-rt-14-dev
)
# (clang and libclang-rt-14-dev: libFuzzer, for the harnesses of tests/fuzz.)
# ...and what testing needs besides (./quorum test installs both).
APT_TEST_PACKAGES=(xvfb xauth chromium)
# Only for scripts/bench_native.sh's comparison with etcd 3.4 (not CI's path).
APT_BENCH_PACKAGES=(etcd-server etcd-client)

log() { printf '[setup] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing_apt_packages() {
  local status
  for pkg in "$@"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
    [ "$status" = installed ] || printf '%s\n' "$pkg"
  done
}

# ensure_apt_packages PACKAGE...: installs those not installed yet.
ensure_apt_packages() {
  local missing
  missing=$(missing_apt_packages "$@")
  [ -z "$missing" ] && return 0
  log "installing Debian packages: $(echo $missing)"
  as_root apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# apt-get source needs deb-src entries; derive them from the existing sources
# file instead of naming a mirror anywhere.
ensure_deb_src() {
  if grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ || grep -qs '^deb-src' /etc/apt/sources.list; then
    return 0
  fi
  log "adding deb-src entries derived from debian.sources"
  as_root sh -c "sed 's/^Types: deb\$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > /etc/apt/sources.list.d/debian-src.sources"
  as_root apt-get update -qq
}

# fetch_source PACKAGE VERSION TARBALL_GLOB DEST: unpack the upstream tarball of a
# Debian source package into DEST (once).
fetch_source() {
  local package=$1 version=$2 glob=$3 dest=$4
  [ -d "$dest" ] && return 0
  ensure_deb_src
  local downloads="$QUORUM_CACHE/downloads"
  mkdir -p "$downloads"
  if ! compgen -G "$downloads/$glob" >/dev/null; then
    log "apt-get source $package"
    (cd "$downloads" && apt-get source --download-only -qq -o APT::Sandbox::User=root "$package" >/dev/null)
  fi
  local tarball
  tarball=$(compgen -G "$downloads/$glob" | head -n 1) || true
  if [ -z "$tarball" ]; then
    echo "error: Debian source package $package $version not found (expected $glob)" >&2
    exit 1
  fi
  log "unpacking $(basename "$tarball")"
  local tmp="$dest.tmp"
  rm -rf "$tmp" && mkdir -p "$tmp"
  tar -xf "$tarball" -C "$tmp" --strip-components=1
  mv "$tmp" "$dest"
}

imgui_dir() { echo "$QUORUM_CACHE/src/imgui-$IMGUI_VERSION"; }
sdl2_src_dir() { echo "$QUORUM_CACHE/src/SDL2-$SDL2_VERSION"; }

emscripten_version() {
  NODE_PATH=/usr/share/nodejs emcc --version 2>/dev/null | head -n 1 | sed -E 's/.* ([0-9]+\.[0-9]+\.[0-9]+).*/\1/'
}

sdl2_wasm_prefix() { echo "$QUORUM_CACHE/sdl2-$SDL2_VERSION-emscripten-$(emscripten_version)"; }

ensure_sdl2_wasm() {
  local prefix
  prefix=$(sdl2_wasm_prefix)
  [ -f "$prefix/lib/libSDL2.a" ] && return 0
  local src build
  src=$(sdl2_src_dir)
  build="$QUORUM_CACHE/build/sdl2-$SDL2_VERSION-wasm"
  log "building SDL2 $SDL2_VERSION for WebAssembly into $prefix (once, a few minutes)"
  rm -rf "$build" "$prefix.tmp"
  mkdir -p "$build"
  NODE_PATH=/usr/share/nodejs emcmake cmake -S "$src" -B "$build" -G Ninja \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$prefix.tmp" \
    -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF >"$build.log" 2>&1 ||
    { tail -n 30 "$build.log" >&2; exit 1; }
  NODE_PATH=/usr/share/nodejs cmake --build "$build" --target install >>"$build.log" 2>&1 ||
    { tail -n 30 "$build.log" >&2; exit 1; }
  mv "$prefix.tmp" "$prefix"
  rm -rf "$build"
}

ensure_npm_packages() {
  local root=$1 stamp="$1/node_modules/.quorum-lock-stamp"
  if [ -f "$stamp" ] && cmp -s "$root/package-lock.json" "$stamp"; then
    return 0
  fi
  log "npm ci"
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  cp "$root/package-lock.json" "$stamp"
}

# ensure_build_tools: everything the native and web builds need.
ensure_build_tools() {
  ensure_apt_packages "${APT_BUILD_PACKAGES[@]}"
  fetch_source imgui "$IMGUI_VERSION" "imgui_${IMGUI_VERSION}*.orig.tar.*" "$(imgui_dir)"
  fetch_source libsdl2 "$SDL2_VERSION" "libsdl2_${SDL2_VERSION}*.orig.tar.*" "$(sdl2_src_dir)"
  ensure_sdl2_wasm
}

# ensure_test_tools ROOT: and what the tests need besides (browser, Xvfb, npm).
ensure_test_tools() {
  ensure_apt_packages "${APT_TEST_PACKAGES[@]}"
  ensure_npm_packages "$1"
}
