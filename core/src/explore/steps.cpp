// The explorer's steps (quorum/explore/explorer.hpp): which scenario commands
// a state allows, taking one, the state's hash, and a step's scenario line.
#include <algorithm>
#include <tuple>

#include "quorum/explore/explorer.hpp"
#include "quorum/message.hpp"
#include "quorum/state_hash.hpp"

namespace quorum::explore {

namespace {

std::string end_name(NodeId address) {
    return is_client_address(address) ? "c" + std::to_string(address - kClientAddressBase)
                                      : std::to_string(address);
}

// What a message command can tell apart: the link, and with reordering the
// type too. Within one group, only the oldest message can be named.
bool same_group(const sim::Cluster& cluster, const sim::InFlight& a, const sim::InFlight& b) {
    return a.from == b.from && a.to == b.to &&
           (!cluster.config().network.reorder ||
            cluster.message_type(a) == cluster.message_type(b));
}

}  // namespace

std::string_view search_name(Search search) {
    switch (search) {
        case Search::BreadthFirst:
            return "bfs";
        case Search::DepthFirst:
            return "dfs";
        case Search::RandomWalk:
            break;
    }
    return "random";
}

std::string to_line(const Step& step) {
    const auto message = [&](const char* verb) {
        return std::string(verb) + " " + end_name(step.from) + " -> " + end_name(step.to) + " " +
               step.type;
    };
    switch (step.kind) {
        case StepKind::Deliver:
            return message("deliver");
        case StepKind::Drop:
            return message("drop");
        case StepKind::Duplicate:
            return message("duplicate");
        case StepKind::Fire:
            return "fire " + std::to_string(step.from);
        case StepKind::Crash:
            return "crash " + std::to_string(step.from);
        case StepKind::Restart:
            break;
    }
    return "restart " + std::to_string(step.from);
}

std::vector<Step> enabled_steps(const sim::Cluster& cluster, const Bounds& bounds,
                                const Spent& spent) {
    // The oldest message of each group, in send order.
    std::vector<const sim::InFlight*> oldest;
    for (const sim::InFlight& flight : cluster.in_flight()) {
        const bool named = std::any_of(oldest.begin(), oldest.end(), [&](const sim::InFlight* o) {
            return same_group(cluster, *o, flight);
        });
        if (!named) {
            oldest.push_back(&flight);
        }
    }
    std::vector<Step> messages;
    for (const sim::InFlight* flight : oldest) {
        messages.push_back(Step{StepKind::Deliver, flight->from, flight->to,
                                std::string(cluster.message_type(*flight))});
    }
    std::sort(messages.begin(), messages.end(), [](const Step& a, const Step& b) {
        return std::tie(a.from, a.to, a.type) < std::tie(b.from, b.to, b.type);
    });
    std::vector<Step> steps = messages;
    for (Step step : messages) {
        step.kind = StepKind::Drop;
        steps.push_back(step);
    }
    if (spent.duplicates < bounds.max_duplicates) {
        for (Step step : messages) {
            step.kind = StepKind::Duplicate;
            steps.push_back(step);
        }
    }
    const auto nodes = static_cast<NodeId>(cluster.size());
    for (NodeId id = 1; id <= nodes; ++id) {
        if (cluster.is_up(id) && cluster.host().deadline(id) != kNoDeadline) {
            steps.push_back(Step{StepKind::Fire, id, kNoNode, {}});
        }
    }
    if (spent.crashes < bounds.max_crashes) {
        for (NodeId id = 1; id <= nodes; ++id) {
            if (cluster.is_up(id)) {
                steps.push_back(Step{StepKind::Crash, id, kNoNode, {}});
            }
        }
    }
    for (NodeId id = 1; id <= nodes; ++id) {
        if (!cluster.is_up(id)) {
            steps.push_back(Step{StepKind::Restart, id, kNoNode, {}});
        }
    }
    return steps;
}

// As the scenario runner's ActOnMessage, Fire, Crash and Restart.
bool take_step(sim::Cluster& cluster, const Step& step, Spent& spent) {
    switch (step.kind) {
        case StepKind::Fire:
            return cluster.fire_timer(step.from);
        case StepKind::Crash:
            if (!cluster.is_up(step.from)) {
                return false;
            }
            cluster.crash(step.from);
            ++spent.crashes;
            return true;
        case StepKind::Restart:
            if (step.from < 1 || step.from > cluster.size() || cluster.is_up(step.from)) {
                return false;
            }
            cluster.restart(step.from);
            return true;
        case StepKind::Deliver:
        case StepKind::Drop:
        case StepKind::Duplicate:
            break;
    }
    for (const sim::InFlight& flight : cluster.in_flight()) {
        if (flight.from == step.from && flight.to == step.to &&
            cluster.message_type(flight) == step.type) {
            const std::uint64_t id = flight.id;
            if (step.kind == StepKind::Deliver) {
                return cluster.deliver(id);
            }
            if (step.kind == StepKind::Drop) {
                return cluster.drop(id);
            }
            ++spent.duplicates;
            return cluster.duplicate(id);
        }
    }
    return false;
}

namespace {

// The whole state's hash with the nodes renamed (`rename` null: as they are).
std::uint64_t hash_as(const sim::Cluster& cluster, const Spent& spent, const NodeRenaming* rename) {
    const auto& host = cluster.host();
    const auto name = [&](NodeId id) { return rename == nullptr ? id : (*rename)(id); };
    StateHasher hasher;
    const auto nodes = static_cast<NodeId>(cluster.size());
    for (NodeId id = 1; id <= nodes; ++id) {
        if (rename == nullptr) {
            host.hash_node(id, hasher);
        } else {
            host.hash_node_renamed(rename->from(id), *rename, hasher);
        }
    }
    hasher.word(cluster.clients().size());
    for (const sim::Client& client : cluster.clients()) {
        hasher.add(client.answered, name(client.target));
    }
    // Messages by group, in send order within a group; ids left out.
    struct Keyed {
        std::uint64_t group;
        std::uint64_t id;
        std::uint64_t hash;
    };
    std::vector<Keyed> keyed;
    keyed.reserve(cluster.in_flight().size());
    const bool by_type = cluster.config().network.reorder;
    for (const sim::InFlight& flight : cluster.in_flight()) {
        StateHasher message;
        if (rename == nullptr) {
            host.hash_message(flight, message);
        } else {
            host.hash_message_renamed(flight, *rename, message);
        }
        message.add(flight.will_be_lost);
        StateHasher group;
        group.add(name(flight.from), name(flight.to));
        if (by_type) {
            group.bytes(cluster.message_type(flight));
        }
        keyed.push_back(Keyed{group.value(), flight.id, message.value()});
    }
    std::sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) {
        return std::tie(a.group, a.id) < std::tie(b.group, b.id);
    });
    hasher.word(keyed.size());
    for (const Keyed& k : keyed) {
        hasher.add(k.group, k.hash);
    }
    hasher.add(spent.crashes, spent.duplicates);
    return hasher.value();
}

// What no renaming changes about a node: its state with every node called 0,
// and how many messages it has in flight each way. Only renamings that list
// the nodes in the order of these keys are tried.
std::vector<std::uint64_t> invariant_keys(const sim::Cluster& cluster) {
    const auto nodes = static_cast<NodeId>(cluster.size());
    const NodeRenaming nobody{};
    std::vector<std::uint64_t> sent(nodes + 1, 0);
    std::vector<std::uint64_t> received(nodes + 1, 0);
    for (const sim::InFlight& flight : cluster.in_flight()) {
        if (flight.from >= 1 && flight.from <= nodes) {
            ++sent[flight.from];
        }
        if (flight.to >= 1 && flight.to <= nodes) {
            ++received[flight.to];
        }
    }
    std::vector<std::uint64_t> keys(nodes + 1, 0);
    for (NodeId id = 1; id <= nodes; ++id) {
        StateHasher hasher;
        cluster.host().hash_node_renamed(id, nobody, hasher);
        hasher.add(sent[id], received[id]);
        keys[id] = hasher.value();
    }
    return keys;
}

// At most this many renamings are hashed for one state (a tie of 7 or more
// nodes): beyond, some renamings of a state may hash apart (fewer states
// merged, none wrongly).
constexpr std::uint64_t kMaxRenamings = 720;

// The smallest hash over the renamings that keep the order of `order`'s
// groups of equal keys, permuting within each group from `group` on.
void smallest(const sim::Cluster& cluster, const Spent& spent,
              std::vector<std::pair<std::uint64_t, NodeId>>& order, std::size_t group,
              std::uint64_t& tried, std::uint64_t& best) {
    std::size_t begin = group;
    if (begin == order.size()) {
        NodeRenaming rename;
        for (std::size_t at = 0; at < order.size(); ++at) {
            rename.to[order[at].second] = static_cast<NodeId>(at + 1);
        }
        best = std::min(best, hash_as(cluster, spent, &rename));
        ++tried;
        return;
    }
    std::size_t end = begin + 1;
    while (end < order.size() && order[end].first == order[begin].first) {
        ++end;
    }
    do {
        smallest(cluster, spent, order, end, tried, best);
    } while (tried < kMaxRenamings &&
             std::next_permutation(order.begin() + static_cast<std::ptrdiff_t>(begin),
                                   order.begin() + static_cast<std::ptrdiff_t>(end)));
}

}  // namespace

std::uint64_t state_hash(const sim::Cluster& cluster, const Spent& spent, bool symmetry) {
    if (!symmetry) {
        return hash_as(cluster, spent, nullptr);
    }
    const std::vector<std::uint64_t> keys = invariant_keys(cluster);
    std::vector<std::pair<std::uint64_t, NodeId>> order;
    for (NodeId id = 1; id < keys.size(); ++id) {
        order.emplace_back(keys[id], id);
    }
    std::sort(order.begin(), order.end());
    std::uint64_t tried = 0;
    std::uint64_t best = ~std::uint64_t{0};
    smallest(cluster, spent, order, 0, tried, best);
    return best;
}

std::string counterexample_scenario(std::string_view prefix, const Counterexample& found) {
    std::string text(prefix);
    if (!text.empty() && text.back() != '\n') {
        text += '\n';
    }
    text += "# Found by quorum-sim explore: " + std::to_string(found.path.size()) +
            " steps from the state above to a violation of " + found.violation.rule + ".\n";
    text += "hold on\nexpect violation " + found.violation.rule + "\n";
    for (const Step& step : found.path) {
        text += to_line(step) + "\n";
    }
    return text;
}

}  // namespace quorum::explore
