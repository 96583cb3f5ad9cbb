# Third-party code, all of it from Debian packages (binary or source), none of
# it in this repository. ./quorum setup (scripts/setup.sh) puts the source
# packages and the WebAssembly build of SDL2 into the cache directory; this file
# only finds them and fails with a clear message when they are missing.

set(QUORUM_IMGUI_VERSION 1.86)
set(QUORUM_SDL2_VERSION 2.26.5)

if(DEFINED ENV{QUORUM_CACHE})
  set(_quorum_cache_default "$ENV{QUORUM_CACHE}")
elseif(DEFINED ENV{XDG_CACHE_HOME})
  set(_quorum_cache_default "$ENV{XDG_CACHE_HOME}/quorum")
else()
  set(_quorum_cache_default "$ENV{HOME}/.cache/quorum")
endif()
set(QUORUM_CACHE_DIR "${_quorum_cache_default}" CACHE PATH "Where set-up keeps third-party sources and builds")

# A fresh clone (what CI builds) compiles nothing that an earlier clone on
# this machine compiled already: objects are cached in the cache directory's
# ccache/ (QUORUM_CCACHE, CMakeLists.txt), and paths under the checkout are
# hashed relative to it, with the build directory left out, so a clone
# anywhere hits the same objects. The settings travel with the launcher, so
# `cmake --build` run by hand shares the cache with ./quorum. em++ goes
# through it too. Set before any target here is made.
find_program(QUORUM_CCACHE_PROGRAM ccache)
if(QUORUM_CCACHE AND QUORUM_CCACHE_PROGRAM)
  set(quorum_launcher "${CMAKE_COMMAND}" -E env "CCACHE_DIR=${QUORUM_CACHE_DIR}/ccache"
      "CCACHE_BASEDIR=${PROJECT_SOURCE_DIR}" CCACHE_NOHASHDIR=1 CCACHE_MAXSIZE=4G
      "${QUORUM_CCACHE_PROGRAM}")
  set(CMAKE_C_COMPILER_LAUNCHER ${quorum_launcher})
  set(CMAKE_CXX_COMPILER_LAUNCHER ${quorum_launcher})
endif()

# --- GoogleTest / GoogleMock: compiled from Debian's googletest sources, for
# both targets, so the same suites run natively and under node.
set(QUORUM_GOOGLETEST_DIR /usr/src/googletest CACHE PATH "GoogleTest sources (Debian googletest)")
if(NOT EXISTS "${QUORUM_GOOGLETEST_DIR}/CMakeLists.txt")
  message(FATAL_ERROR "GoogleTest sources not found in ${QUORUM_GOOGLETEST_DIR}: run ./quorum setup")
endif()
set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
set(gtest_force_shared_crt ON CACHE BOOL "" FORCE)
if(EMSCRIPTEN)
  set(gtest_disable_pthreads ON CACHE BOOL "" FORCE)
endif()
add_subdirectory(${QUORUM_GOOGLETEST_DIR} ${CMAKE_BINARY_DIR}/third_party/googletest EXCLUDE_FROM_ALL)

# --- Header-only libraries from Debian (nlohmann-json, CLI11). Under Emscripten
# /usr/include cannot go on the include path (glibc's headers would shadow the
# sysroot's), so each library's own folder is linked into a private include dir.
function(quorum_header_only_library target header_dir)
  if(NOT EXISTS "/usr/include/${header_dir}")
    message(FATAL_ERROR "/usr/include/${header_dir} not found: run ./quorum setup")
  endif()
  set(shim "${CMAKE_BINARY_DIR}/third_party/include/${target}")
  file(MAKE_DIRECTORY "${shim}")
  file(CREATE_LINK "/usr/include/${header_dir}" "${shim}/${header_dir}" SYMBOLIC)
  add_library(${target} INTERFACE)
  target_include_directories(${target} SYSTEM INTERFACE "${shim}")
endfunction()
quorum_header_only_library(quorum_nlohmann_json nlohmann)
quorum_header_only_library(quorum_cli11 CLI)

# --- Dear ImGui and SDL2, for the dashboard.
if(QUORUM_BUILD_DASHBOARD)
  set(QUORUM_IMGUI_DIR "${QUORUM_CACHE_DIR}/src/imgui-${QUORUM_IMGUI_VERSION}" CACHE PATH
      "Dear ImGui sources (Debian source package imgui)")
  if(NOT EXISTS "${QUORUM_IMGUI_DIR}/imgui.cpp")
    message(FATAL_ERROR "Dear ImGui ${QUORUM_IMGUI_VERSION} sources not found in ${QUORUM_IMGUI_DIR}: run ./quorum setup")
  endif()

  if(EMSCRIPTEN)
    set(QUORUM_SDL2_WASM_PREFIX
        "${QUORUM_CACHE_DIR}/sdl2-${QUORUM_SDL2_VERSION}-emscripten-${EMSCRIPTEN_VERSION}" CACHE PATH
        "SDL2 built for WebAssembly by ./quorum setup")
    if(NOT EXISTS "${QUORUM_SDL2_WASM_PREFIX}/lib/libSDL2.a")
      message(FATAL_ERROR "SDL2 for WebAssembly not found in ${QUORUM_SDL2_WASM_PREFIX}: run ./quorum setup")
    endif()
    add_library(quorum_sdl2 STATIC IMPORTED)
    set_target_properties(quorum_sdl2 PROPERTIES IMPORTED_LOCATION "${QUORUM_SDL2_WASM_PREFIX}/lib/libSDL2.a")
    # Emscripten's own SDL1 headers sit on the default include path
    # (docs/design.md, "Toolchain"): SDL2's directory must come first.
    target_include_directories(quorum_sdl2 INTERFACE "${QUORUM_SDL2_WASM_PREFIX}/include/SDL2")
  else()
    find_package(SDL2 REQUIRED CONFIG)
    find_package(OpenGL REQUIRED)
    add_library(quorum_sdl2 INTERFACE)
    target_link_libraries(quorum_sdl2 INTERFACE SDL2::SDL2 OpenGL::GL ${CMAKE_DL_LIBS})
  endif()

  add_library(imgui STATIC
    ${QUORUM_IMGUI_DIR}/imgui.cpp
    ${QUORUM_IMGUI_DIR}/imgui_draw.cpp
    ${QUORUM_IMGUI_DIR}/imgui_tables.cpp
    ${QUORUM_IMGUI_DIR}/imgui_widgets.cpp
    ${QUORUM_IMGUI_DIR}/backends/imgui_impl_sdl.cpp
    ${QUORUM_IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)
  # Not our warnings to fix. Not sanitized either: 1.86's GL loader writes one
  # slot past its proc array (inside a union, harmless), which UBSan reports.
  target_compile_options(imgui PRIVATE -w -fno-sanitize=all)
  target_include_directories(imgui SYSTEM PUBLIC ${QUORUM_IMGUI_DIR} ${QUORUM_IMGUI_DIR}/backends)
  # Keep ImGui's old names out so our code uses only the current API.
  target_compile_definitions(imgui PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS)
  target_link_libraries(imgui PUBLIC quorum_sdl2)

  # The dashboard's font, cut down at build time to the glyphs it draws
  # (pyftsubset, Debian fonttools) and compiled in: nothing binary is committed.
  set(QUORUM_FONT_SANS /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf CACHE FILEPATH "Proportional UI font")
  set(QUORUM_FONT_MONO /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf CACHE FILEPATH "Monospace font")
  find_program(QUORUM_PYFTSUBSET pyftsubset REQUIRED)
endif()
