# cmake -DSCENARIO_DIR=assets/scenarios -DOUTPUT=file.cpp -P EmbedScenarios.cmake
# Writes a C++ source that defines the dashboard's catalog of bundled
# scenarios (shell/dashboard/scenario_catalog.hpp): every SCENARIO_DIR/*/*.qs,
# named "<algorithm>/<file>.qs", its text compiled in, so the page and the
# desktop offer the same lessons without a file system or a fetch.
# PATTERN (default */*.qs) and FUNCTION (default bundled_scenarios) let the
# lessons of assets/lessons/*.qs be bundled the same way (bundled_lessons).
if(NOT DEFINED PATTERN)
  set(PATTERN "*/*.qs")
endif()
if(NOT DEFINED FUNCTION)
  set(FUNCTION "bundled_scenarios")
endif()
file(GLOB files RELATIVE "${SCENARIO_DIR}" "${SCENARIO_DIR}/${PATTERN}")
list(SORT files)
set(arrays "")
set(entries "")
set(index 0)
foreach(name IN LISTS files)
  file(READ "${SCENARIO_DIR}/${name}" hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(REGEX REPLACE "((0x..,){24})" "\\1\n" bytes "${bytes}")
  string(APPEND arrays "const unsigned char kScenario${index}[] = {\n${bytes}0};\n")
  string(APPEND entries "    {\"${name}\", text(kScenario${index}, sizeof kScenario${index})},\n")
  math(EXPR index "${index} + 1")
endforeach()
file(WRITE "${OUTPUT}.tmp"
"// Generated from ${SCENARIO_DIR} by cmake/EmbedScenarios.cmake: do not edit.
#include \"scenario_catalog.hpp\"

namespace quorum::dashboard {

namespace {

${arrays}
// Bytes, not chars: a file's UTF-8 would narrow in a char initializer.
std::string_view text(const unsigned char* bytes, std::size_t size_with_nul) {
    return {reinterpret_cast<const char*>(bytes), size_with_nul - 1};
}

const BundledScenario kBundled[] = {
${entries}};

}  // namespace

std::span<const BundledScenario> ${FUNCTION}() {
    return kBundled;
}

}  // namespace quorum::dashboard
")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
