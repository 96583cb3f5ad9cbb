# Included by CTest (quorum_gtest_suites, QuorumGTestSuites.cmake) with
# `binary`, `prefix` and `workdir` set: lists the binary's suites and adds a
# test per suite. A binary that is missing or cannot list its tests becomes
# one failing test that says so, not a silently smaller run.
if(NOT EXISTS "${binary}")
  add_test("${prefix}NOT_BUILT" "${binary}")
  return()
endif()
execute_process(COMMAND "${binary}" --gtest_list_tests OUTPUT_VARIABLE listing
                ERROR_VARIABLE listing_error RESULT_VARIABLE listing_result
                WORKING_DIRECTORY "${workdir}" TIMEOUT 60)
if(NOT listing_result EQUAL 0)
  add_test("${prefix}LIST_FAILED" "${CMAKE_COMMAND}" -E echo
           "${binary} --gtest_list_tests failed (${listing_result}): ${listing_error}")
  set_tests_properties("${prefix}LIST_FAILED" PROPERTIES WILL_FAIL TRUE)
  return()
endif()
# A suite line starts in column one and ends in '.', maybe followed by
# "  # TypeParam = ..."; case lines are indented.
string(REPLACE ";" "\\;" listing "${listing}")
string(REPLACE "\n" ";" lines "${listing}")
foreach(line IN LISTS lines)
  if(line MATCHES "^([^ #]+)\\.( .*)?$")
    set(suite "${CMAKE_MATCH_1}")
    add_test("${prefix}${suite}" "${binary}" "--gtest_filter=${suite}.*")
    set_tests_properties("${prefix}${suite}" PROPERTIES WORKING_DIRECTORY "${workdir}")
  endif()
endforeach()
