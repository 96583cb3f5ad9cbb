# quorum_gtest_suites(TARGET PREFIX prefix): one CTest per GoogleTest suite of
# TARGET, named <prefix><Suite>, running TARGET --gtest_filter=<Suite>.*.
#
# Why not gtest_discover_tests: it registers a process per test case. Our test
# binaries are sanitized, and starting one (ASan's shadow memory, the core's
# static tables) costs about as much as most of its cases, so ~950 processes
# spent more time starting than testing. A process per suite keeps the report
# per area (a failing case is named in the suite's output) and leaves CTest
# enough entries to spread over the cores.
#
# The suites are listed when CTest starts (as gtest_discover_tests does with
# DISCOVERY_MODE PRE_TEST), so a rebuilt binary with new suites needs no
# reconfigure, and a build does not run every test binary after linking it.
function(quorum_gtest_suites target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "PREFIX" "")
  set(script "${CMAKE_CURRENT_BINARY_DIR}/${target}_suites.cmake")
  file(GENERATE OUTPUT "${script}" CONTENT
"set(binary \"$<TARGET_FILE:${target}>\")
set(prefix \"${arg_PREFIX}\")
set(workdir \"${CMAKE_CURRENT_BINARY_DIR}\")
include(\"${CMAKE_CURRENT_FUNCTION_LIST_DIR}/QuorumGTestSuitesAdd.cmake\")
")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${script}")
endfunction()
