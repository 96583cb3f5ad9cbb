#include "quorum/check/violation.hpp"

#include <algorithm>

namespace quorum {

std::string Violation::to_string() const {
    return rule + " violated at t=" + format_time(time_us) + ": " + details;
}

Violation make_violation(const Rule& rule, std::string details, TimeUs time_us,
                         std::vector<NodeId> nodes, std::uint64_t index) {
    return Violation{std::string(rule.name), std::move(details), time_us, std::move(nodes), index};
}

std::string node_list(const std::vector<NodeId>& nodes) {
    std::string text;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        text += (i == 0 ? "" : (i + 1 == nodes.size() ? " and " : ", ")) + std::to_string(nodes[i]);
    }
    return text;
}

const Rule* find_rule(std::span<const Rule> rules, std::string_view name) {
    const auto found = std::find_if(rules.begin(), rules.end(),
                                    [&](const Rule& rule) { return rule.name == name; });
    return found == rules.end() ? nullptr : &*found;
}

}  // namespace quorum
