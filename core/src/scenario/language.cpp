// The scenario language's way to the protocols: each one's part, through the
// registry (scenario/language.hpp).
#include "quorum/scenario/language.hpp"

#include <stdexcept>

#include "quorum/protocols.hpp"

namespace quorum::scenario {

const ProtocolLanguage& language_of(std::string_view protocol) {
    const auto algorithm = parse_algorithm(protocol);
    if (!algorithm) {
        throw std::logic_error("no protocol is called " + std::string(protocol));
    }
    return with_protocol(*algorithm,
                         []<Protocol P>() -> const ProtocolLanguage& { return P::language(); });
}

std::vector<const ProtocolLanguage*> every_language() {
    std::vector<const ProtocolLanguage*> languages;
    for (Algorithm algorithm : all_algorithms()) {
        languages.push_back(&language_of(algorithm_name(algorithm)));
    }
    return languages;
}

// The defaults of a protocol that adds nothing of a kind: a protocol that
// claims a word overrides what parses and runs it.
ProtocolStatement ProtocolLanguage::parse_statement(const internal::Token& verb,
                                                    internal::TokenCursor&,
                                                    internal::ParserState&) const {
    internal::fail(verb,
                   "no statement " + internal::quoted(verb.text) + " in " + std::string(title()));
}

ProtocolCondition ProtocolLanguage::parse_condition(const internal::Token& word,
                                                    internal::TokenCursor&,
                                                    const internal::ParseContext&) const {
    internal::fail(word,
                   "no condition " + internal::quoted(word.text) + " in " + std::string(title()));
}

void ProtocolLanguage::run(const ProtocolStatement&, Interpreter&) const {}

std::optional<bool> ProtocolLanguage::evaluate(const ProtocolCondition&, Interpreter&) const {
    return std::nullopt;
}

std::vector<NodeId> ProtocolLanguage::scope_members(const sim::Cluster& cluster) const {
    std::vector<NodeId> members;
    for (NodeId node = 1; node <= cluster.size(); ++node) {
        members.push_back(node);
    }
    return members;
}

}  // namespace quorum::scenario
