#include "scenario_catalog.hpp"

#include <algorithm>

namespace quorum::dashboard {

const BundledScenario* find_bundled_scenario(std::string_view name) {
    const std::span<const BundledScenario> all = bundled_scenarios();
    const auto found = std::find_if(all.begin(), all.end(),
                                    [&](const BundledScenario& one) { return one.name == name; });
    return found == all.end() ? nullptr : &*found;
}

}  // namespace quorum::dashboard
