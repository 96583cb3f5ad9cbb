# Compiler settings for Quorum's own targets. Third-party code (ImGui, SDL2,
# GoogleTest) is compiled without them: its warnings are not ours to fix.

set(QUORUM_WARNINGS
    -Wall -Wextra -Wpedantic -Werror
    -Wshadow -Wconversion -Wsign-conversion -Wold-style-cast
    -Wnon-virtual-dtor -Woverloaded-virtual -Wnull-dereference
    -Wimplicit-fallthrough -Wdouble-promotion -Wformat=2)

# GCC 12 with optimization reports known false positives inside libstdc++:
# -Wrestrict in std::string concatenation (GCC bug 105329),
# -Wmaybe-uninitialized when copying std::variant alternatives (GCC bug 80635)
# and -Wnull-dereference in inlined std::string code. The sanitized Debug build
# keeps -Wnull-dereference; clang (the wasm build) keeps all three.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12)
  list(APPEND QUORUM_WARNINGS -Wno-restrict -Wno-maybe-uninitialized
       $<$<NOT:$<CONFIG:Debug>>:-Wno-null-dereference>)
endif()

if(QUORUM_SANITIZE)
  set(QUORUM_SANITIZER_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=all
                             -fno-omit-frame-pointer)
  # Sanitize everything we link (GoogleTest included) so ASan sees every allocation.
  add_compile_options(${QUORUM_SANITIZER_FLAGS})
  add_link_options(${QUORUM_SANITIZER_FLAGS})
endif()

if(EMSCRIPTEN)
  # Debian's Emscripten runs its JS optimizer under the machine's node, which
  # does not look in /usr/share/nodejs for acorn (docs/design.md, "Toolchain"). Every
  # link gets NODE_PATH through a launcher, so a bare `ninja` works too.
  set(CMAKE_C_LINKER_LAUNCHER ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs)
  set(CMAKE_CXX_LINKER_LAUNCHER ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs)
  # Emscripten turns exception catching off by default; GoogleTest and CLI11
  # need it. WebAssembly's own exception handling costs nothing on the paths
  # that do not throw (the JS-based emulation would slow the simulator down).
  add_compile_options(-fwasm-exceptions)
  add_link_options(-fwasm-exceptions)
endif()

# quorum_project_target(TARGET): warnings as errors and the project's defaults.
function(quorum_project_target target)
  target_compile_options(${target} PRIVATE ${QUORUM_WARNINGS})
  target_compile_features(${target} PUBLIC cxx_std_20)
endfunction()
