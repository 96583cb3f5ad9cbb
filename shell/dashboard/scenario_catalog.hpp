// The scenarios bundled with the dashboard: every assets/scenarios/*/*.qs,
// compiled in at build time (cmake/EmbedScenarios.cmake), so the page and the
// desktop offer the same lessons with no file system and no fetch.
#pragma once

#include <span>
#include <string_view>

namespace quorum::dashboard {

struct BundledScenario {
    std::string_view name;  // "<protocol>/<lesson>.qs": the path under assets/scenarios/
    std::string_view text;
};

// Sorted by name, so by algorithm first.
std::span<const BundledScenario> bundled_scenarios();

// The bundled scenario of that name, or null.
const BundledScenario* find_bundled_scenario(std::string_view name);

// A scenario's first comment line, without its "# ": what the lesson is
// about, for the list. Empty if the file starts with no comment.
std::string_view scenario_description(std::string_view text);

}  // namespace quorum::dashboard
