// Single-decree Paxos's part of the scenario language
// (scenario/language.hpp; docs/scenarios.md):
//
//   client propose v1
//   run until chosen within 2s
//   expect chosen == v1
//
// One decree has no replicated log, no state machine, and no leader or term
// (proposers, not a leader): the common words for those are refused with what
// to use instead, and clients propose values. `chosen` is the paper's: a
// majority of acceptors accepted one ballot (the checker's record, whether
// or not any node knows it yet).
#include <optional>
#include <string>
#include <string_view>

#include "quorum/paxos/protocol.hpp"
#include "quorum/paxos/scenario.hpp"
#include "quorum/scenario/language.hpp"
#include "quorum/sim/nodes.hpp"

namespace quorum::paxos {

namespace {

using scenario::CommonWord;
using scenario::Condition;
using scenario::Interpreter;
using scenario::ProtocolCondition;
using scenario::internal::fail;
using scenario::internal::ParseContext;
using scenario::internal::quoted;
using scenario::internal::Token;
using scenario::internal::TokenCursor;

ChosenIs parse_chosen(TokenCursor& cursor) {
    if (!scenario::internal::looks_like_comparison(cursor.peek())) {
        return ChosenIs{};
    }
    const Token operator_word = cursor.take("a comparison");
    if (operator_word.text != "==") {
        fail(operator_word, "'chosen' can only be compared with ==, got " +
                                quoted(operator_word.text) + " (use 'not chosen == <value>')");
    }
    return ChosenIs{scenario::internal::take_literal_text(cursor, "a value after 'chosen =='")};
}

std::optional<Value> chosen(const sim::Cluster& cluster) {
    if (const auto& chosen = cluster.nodes<Protocol>().checker().chosen()) {
        return chosen->value;
    }
    return std::nullopt;
}

class Language final : public scenario::ProtocolLanguage {
  public:
    std::string_view title() const override { return "single-decree paxos"; }
    bool has(CommonWord word) const override { return word == CommonWord::Propose; }
    std::string why_not(CommonWord word, std::string_view text) const override {
        switch (word) {
            case CommonWord::Leader:
                return quoted(text) +
                       " has no meaning in single-decree paxos, which has proposers but no "
                       "leader or term; use 'chosen', 'chosen == <value>' or 'safe'";
            case CommonWord::Log:
                return quoted(text) +
                       " needs a replicated log, which single-decree paxos does not have; use "
                       "'chosen' or 'chosen == <value>'";
            case CommonWord::KeyValue:
            case CommonWord::Propose:
                break;
        }
        return quoted(text) +
               " needs a replicated state machine, which single-decree paxos does not have: use "
               "'client propose <value>'";
    }

    std::span<const std::string_view> condition_words() const override { return kConditions; }
    std::string foreign(std::string_view word, std::string_view running) const override {
        return quoted(word) + " is a single-decree paxos condition; this cluster runs " +
               std::string(running);
    }
    ProtocolCondition parse_condition(const Token&, TokenCursor& cursor,
                                      const ParseContext&) const override {
        const ChosenIs test = parse_chosen(cursor);
        return ProtocolCondition{
            test.value ? "chosen == " + *test.value : "chosen",
            Erased<scenario::ProtocolConditionKind>::of(Protocol::kName, test)};
    }

    std::optional<bool> evaluate(const ProtocolCondition& condition,
                                 Interpreter& interpreter) const override {
        const ChosenIs& test = *condition.test.get<ChosenIs>();
        const std::optional<Value> value = chosen(interpreter.cluster());
        return test.value ? value == test.value : value.has_value();
    }
    // `agree` is refused at parse time (no log).
    bool agree(const sim::Cluster&, const std::vector<NodeId>&) const override { return true; }
    std::string explain(const Condition& condition, Interpreter& interpreter) const override;

  private:
    static constexpr std::string_view kConditions[] = {"chosen"};
};

// "chosen: v1; node 1 preparing 2.1, node 2 idle; ..." for a failure message.
std::string Language::explain(const Condition&, Interpreter& interpreter) const {
    const sim::Cluster& cluster = interpreter.cluster();
    const auto value = chosen(cluster);
    std::string text = "chosen: " + (value ? "'" + *value + "'" : std::string("nothing"));
    for (NodeId id = 1; id <= cluster.size(); ++id) {
        text += id == 1 ? "; node " : ", node ";
        text += std::to_string(id) + " ";
        if (!cluster.is_up(id)) {
            text += "crashed";
            continue;
        }
        const Node& node = cluster.nodes<Protocol>().node(id);
        text += std::string(phase_name(node.phase()));
        if (!node.ballot().is_none()) {
            text += " " + node.ballot().to_string();
        }
    }
    return text;
}

}  // namespace

const scenario::ProtocolLanguage& Protocol::language() {
    static const Language language;  // stateless: one for every scenario
    return language;
}

}  // namespace quorum::paxos
