// Multi-Paxos's part of the scenario language (scenario/language.hpp;
// docs/scenarios.md):
//
//   reconfigure leaders=1,2 acceptors=2,3,4 [via <id>]
//   expect acceptors == 2,3,4 on all
//
// `reconfigure` has a replica propose PMMC's configuration command; decided
// in slot s, it governs slot s + window on. A list left out is the one the
// cluster line (or the latest `reconfigure` line) gave; without `via`, the
// lowest-numbered live replica takes it, and the run fails if none is up.
// `leaders|acceptors ==|!= <ids> on ...` compares the configuration in
// effect at a replica: the one governing its slot_out. A node that is no
// replica has none, so it never satisfies `==`.
//
// Per-node conditions range over the replicas (the nodes with a log and a
// state machine): `on all` is every replica, `on majority` a majority of
// them. `committed` and `applied` are both a replica's decided slots, which
// it applies in order; `agree`: every live replica has applied the same
// decrees in the same slots.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include "quorum/check/linearizability.hpp"
#include "quorum/multipaxos/protocol.hpp"
#include "quorum/multipaxos/scenario.hpp"
#include "quorum/scenario/language.hpp"
#include "quorum/sim/nodes.hpp"

namespace quorum::multipaxos {

namespace {

using scenario::Comparison;
using scenario::Condition;
using scenario::Interpreter;
using scenario::NodeRef;
using scenario::NodeScope;
using scenario::Outcome;
using scenario::ProtocolCondition;
using scenario::ProtocolStatement;
using scenario::internal::fail;
using scenario::internal::ParseContext;
using scenario::internal::ParserState;
using scenario::internal::quoted;
using scenario::internal::Token;
using scenario::internal::TokenCursor;

// What a `reconfigure` that leaves a list out keeps: the cluster line's, or
// the latest `reconfigure` line's.
struct LatestConfiguration {
    std::vector<NodeId> leaders;
    std::vector<NodeId> acceptors;
    friend bool operator==(const LatestConfiguration&, const LatestConfiguration&) = default;
};

// The line's config of its nodes, with every role list resolved.
Config line_config(const scenario::ClusterLine& line) {
    return Protocol::node_config(config_of<Protocol>(line.config.protocol), line.config.nodes);
}

LatestConfiguration& latest(ParserState& state) {
    if (state.language_state.get<LatestConfiguration>() == nullptr) {
        const Config config = line_config(state.context.cluster);
        state.language_state = Erased<scenario::internal::LanguageStateKind>::of(
            Protocol::kName, LatestConfiguration{config.leaders, config.acceptors});
    }
    return *state.language_state.get<LatestConfiguration>();
}

std::string id_list(const std::vector<NodeId>& ids) {
    std::string list;
    for (NodeId id : ids) {
        list += (list.empty() ? "" : ",") + std::to_string(id);
    }
    return list;
}

// `via <id>` of a reconfiguration: a replica, since only replicas propose.
NodeRef parse_via(TokenCursor& cursor, const ParserState& state) {
    cursor.take("via");
    const Token word = cursor.take("a replica's node id after 'via'");
    const NodeRef via = scenario::internal::parse_node_ref(word, state.context);
    const std::vector<NodeId> replicas = line_config(state.context.cluster).replicas;
    if (!via.is_variable() &&
        std::find(replicas.begin(), replicas.end(), via.id) == replicas.end()) {
        fail(word, "node " + std::to_string(via.id) +
                       " is no replica, and only a replica proposes a reconfiguration (replicas=" +
                       id_list(replicas) + ")");
    }
    cursor.expect_end("the node of 'via'");
    return via;
}

Reconfigure parse_reconfigure(TokenCursor& cursor, ParserState& state) {
    using scenario::internal::did_you_mean;
    using scenario::internal::parse_node_list;
    using scenario::internal::sub_token;
    constexpr std::string_view kUsage = "(reconfigure leaders=1,2 acceptors=2,3,4 [via <id>])";
    LatestConfiguration& configuration = latest(state);
    Reconfigure reconfigure{configuration.leaders, configuration.acceptors, {}};
    std::vector<Token> given;
    while (!cursor.at_end() && !cursor.next_is("via")) {
        const Token word = cursor.take("leaders= or acceptors=");
        const std::size_t equals = word.text.find('=');
        const Token name = sub_token(word, 0, equals);
        if (equals == std::string_view::npos || equals == 0) {
            fail(word, "expected leaders=<ids> or acceptors=<ids> (no spaces around '=') " +
                           std::string(kUsage) + ", got " + quoted(word.text));
        }
        if (name.text == "replicas") {
            fail(name, "replicas are fixed (PMMC): 'reconfigure' changes leaders and acceptors");
        }
        if (name.text != "leaders" && name.text != "acceptors") {
            constexpr std::string_view kParts[] = {"leaders", "acceptors"};
            fail(name, "unknown part " + quoted(name.text) + did_you_mean(name.text, kParts) +
                           " of a configuration: 'reconfigure' takes leaders= and acceptors=");
        }
        for (const Token& earlier : given) {
            if (earlier.text == name.text) {
                fail(name, quoted(name.text) + " is given twice (first at column " +
                               std::to_string(earlier.column) + ")");
            }
        }
        given.push_back(name);
        std::vector<NodeId> nodes =
            parse_node_list(sub_token(word, equals + 1), state.context.cluster.nodes(), name.text);
        (name.text == "leaders" ? reconfigure.leaders : reconfigure.acceptors) = std::move(nodes);
    }
    if (given.empty()) {
        fail(cursor.peek(),
             "expected leaders= or acceptors= after 'reconfigure' " + std::string(kUsage));
    }
    if (cursor.next_is("via")) {
        reconfigure.via = parse_via(cursor, state);
    }
    configuration = {reconfigure.leaders, reconfigure.acceptors};
    return reconfigure;
}

ConfigurationIs parse_configuration(const Token& word, TokenCursor& cursor,
                                    const ParseContext& context) {
    using scenario::internal::parse_comparison;
    ConfigurationIs result;
    result.part = word.text == "leaders" ? Part::Leaders : Part::Acceptors;
    const Token operator_word = cursor.take("== or !=");
    result.comparison = parse_comparison(operator_word);
    if (result.comparison != Comparison::Equal && result.comparison != Comparison::NotEqual) {
        fail(operator_word, quoted(word.text) + " can only be compared with == or !=, got " +
                                quoted(operator_word.text));
    }
    const Token list = cursor.take("a node list like 2,3,4 after " + quoted(operator_word.text));
    result.nodes = scenario::internal::parse_node_list(list, context.cluster.nodes(), word.text);
    result.on = scenario::internal::parse_scope(cursor, context, true);
    return result;
}

std::string text_of(const ConfigurationIs& test) {
    return std::string(test.part == Part::Leaders ? "leaders " : "acceptors ") +
           std::string(scenario::to_string(test.comparison)) + " " + id_list(test.nodes) + " on " +
           scenario::to_string(test.on);
}

// The leaders or acceptors of the configuration in effect at a replica: the
// one governing the next slot it applies. None at a node that is no replica.
std::vector<NodeId> configuration_part(const Node& node, Part part) {
    if (!node.replica()) {
        return {};
    }
    const Configuration& in_effect = node.replica()->configuration_for(node.replica()->slot_out());
    return part == Part::Leaders ? in_effect.leaders : in_effect.acceptors;
}

class Language final : public scenario::ProtocolLanguage {
  public:
    std::string_view title() const override { return "Multi-Paxos"; }
    bool has(scenario::CommonWord word) const override {
        return word != scenario::CommonWord::Propose;
    }
    std::string why_not(scenario::CommonWord, std::string_view text) const override {
        return quoted(text) + " has no meaning in Multi-Paxos";
    }

    std::span<const std::string_view> statement_words() const override { return kStatements; }
    std::span<const std::string_view> condition_words() const override { return kConditions; }
    std::string foreign(std::string_view word, std::string_view running) const override {
        if (word == "reconfigure") {
            return "'reconfigure' changes a Multi-Paxos configuration (leaders and acceptors); "
                   "this cluster runs " +
                   std::string(running);
        }
        return quoted(word) +
               " looks at a Multi-Paxos configuration (reconfigure); this cluster runs " +
               std::string(running);
    }

    ProtocolStatement parse_statement(const Token& verb, TokenCursor& cursor,
                                      ParserState& state) const override {
        return ProtocolStatement{std::string(verb.text),
                                 Erased<scenario::ProtocolStatementKind>::of(
                                     Protocol::kName, parse_reconfigure(cursor, state))};
    }
    ProtocolCondition parse_condition(const Token& word, TokenCursor& cursor,
                                      const ParseContext& context) const override {
        const ConfigurationIs test = parse_configuration(word, cursor, context);
        return ProtocolCondition{
            text_of(test), Erased<scenario::ProtocolConditionKind>::of(Protocol::kName, test)};
    }

    void run(const ProtocolStatement& statement, Interpreter& interpreter) const override;
    std::optional<bool> evaluate(const ProtocolCondition& condition,
                                 Interpreter& interpreter) const override;
    std::vector<NodeId> scope_members(const sim::Cluster& cluster) const override {
        return cluster.nodes<Protocol>().config().replicas;
    }
    bool agree(const sim::Cluster& cluster, const std::vector<NodeId>& members) const override;
    std::string explain(const Condition& condition, Interpreter& interpreter) const override;

  private:
    static constexpr std::string_view kStatements[] = {"reconfigure"};
    static constexpr std::string_view kConditions[] = {"acceptors", "leaders"};
};

void Language::run(const ProtocolStatement& statement, Interpreter& interpreter) const {
    const Reconfigure& reconfigure = *statement.statement.get<Reconfigure>();
    sim::Cluster& cluster = interpreter.cluster();
    std::optional<NodeId> via;
    if (reconfigure.via) {
        via = interpreter.resolve(*reconfigure.via);
        if (!via) {
            return;
        }
    } else {
        for (NodeId replica : cluster.nodes<Protocol>().config().replicas) {
            if (cluster.is_up(replica)) {
                via = replica;
                break;
            }
        }
    }
    const Configuration configuration{reconfigure.leaders, reconfigure.acceptors};
    if (!via || !sim::host_of<Protocol>(cluster).operate(cluster, *via, configuration)) {
        interpreter.fail(
            Outcome::ExpectationFailed,
            via ? "reconfigure via " + std::to_string(*via) + ": that node is no live replica"
                : std::string("reconfigure: no replica is up"));
    }
}

std::optional<bool> Language::evaluate(const ProtocolCondition& condition,
                                       Interpreter& interpreter) const {
    const ConfigurationIs& test = *condition.test.get<ConfigurationIs>();
    const auto& nodes = interpreter.cluster().nodes<Protocol>();
    return interpreter.for_scope(test.on, [&](NodeId node) {
        const bool same = configuration_part(nodes.node(node), test.part) == test.nodes;
        return test.comparison == Comparison::Equal ? same : !same;
    });
}

// Every live replica has applied the same decrees, slot by slot.
bool Language::agree(const sim::Cluster& cluster, const std::vector<NodeId>& members) const {
    const Replica* first = nullptr;
    for (NodeId id : members) {
        const Node* node = cluster.nodes<Protocol>().find(id);
        if (node == nullptr || !node->replica()) {
            continue;
        }
        const Replica& replica = *node->replica();
        if (first == nullptr) {
            first = &replica;
            continue;
        }
        if (replica.slot_out() != first->slot_out()) {
            return false;
        }
        for (Slot slot = 1; slot < replica.slot_out(); ++slot) {
            if (replica.decisions().at(slot) != first->decisions().at(slot)) {
                return false;
            }
        }
    }
    return true;
}

// "leader 2 (ballot 3.2), decided slots 4 4 x (replicas 1 2 3); node 1
// passive 2.1, node 2 active 3.2": for a failure message. The decided slots
// are the replicas', in replica order, x for a crashed one.
std::string Language::explain(const Condition& condition, Interpreter& interpreter) const {
    const sim::Cluster& cluster = interpreter.cluster();
    const auto& nodes = cluster.nodes<Protocol>();
    const std::vector<NodeId> members = scope_members(cluster);
    const auto leader = cluster.leader();
    std::string text = "leader " + (leader ? std::to_string(*leader) : std::string("none"));
    text += ", highest ballot " + ballot_text(Protocol::highest_ballot(nodes.slots())) +
            ", decided slots";
    std::string replicas;
    for (NodeId id : members) {
        text +=
            " " + (cluster.is_up(id) ? std::to_string(cluster.committed(id)) : std::string("x"));
        replicas += (replicas.empty() ? "" : " ") + std::to_string(id);
    }
    text += " (replicas " + replicas + ")";
    std::string leaders;
    for (NodeId id = 1; id <= cluster.size(); ++id) {
        if (!cluster.is_up(id) || !nodes.node(id).leader()) {
            continue;
        }
        const Leader& node = *nodes.node(id).leader();
        leaders += (leaders.empty() ? "; leader " : ", leader ") + std::to_string(id) + " " +
                   (node.active() ? "active " : "passive ") + ballot_text(node.ballot_num());
    }
    text += leaders;
    const auto* own = std::get_if<ProtocolCondition>(&condition.test);
    if (const ConfigurationIs* test = own ? own->test.get<ConfigurationIs>() : nullptr) {
        text += test->part == Part::Leaders ? "; leaders" : "; acceptors";
        for (NodeId id : members) {
            const std::string list =
                cluster.is_up(id) ? id_list(configuration_part(nodes.node(id), test->part)) : "x";
            text += " " + list;
        }
    }
    if (const auto* value = std::get_if<scenario::ValueIs>(&condition.test)) {
        text += "; " + value->key + " =";
        for (NodeId id : members) {
            const auto found = cluster.is_up(id) ? cluster.state_machine(id)->value(value->key)
                                                 : std::optional<std::string>();
            text += " " + (!cluster.is_up(id) ? std::string("x")
                           : found            ? "'" + *found + "'"
                                              : std::string("-"));
        }
    }
    if (std::holds_alternative<scenario::Linearizable>(condition.test)) {
        text += "; " + check_linearizability(cluster.history()).explanation;
    }
    return text;
}

}  // namespace

const scenario::ProtocolLanguage& Protocol::language() {
    static const Language language;  // stateless: one for every scenario
    return language;
}

}  // namespace quorum::multipaxos
