#include "scenario_catalog.hpp"

#include <algorithm>

namespace quorum::dashboard {

const BundledScenario* find_bundled_scenario(std::string_view name) {
    const std::span<const BundledScenario> all = bundled_scenarios();
    const auto found = std::find_if(all.begin(), all.end(),
                                    [&](const BundledScenario& one) { return one.name == name; });
    return found == all.end() ? nullptr : &*found;
}

std::string_view scenario_description(std::string_view text) {
    const std::size_t start = text.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos || text[start] != '#') {
        return {};
    }
    std::string_view line = text.substr(start + 1);
    line = line.substr(0, line.find('\n'));
    const std::size_t first = line.find_first_not_of(" \t");
    const std::size_t last = line.find_last_not_of(" \t\r");
    return first == std::string_view::npos ? std::string_view()
                                           : line.substr(first, last - first + 1);
}

}  // namespace quorum::dashboard
