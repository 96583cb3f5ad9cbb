#include "quorum/state_machine.hpp"

#include <charconv>

namespace quorum {

namespace {

// Parses the decimal amount of an `add`; a malformed amount adds nothing and
// fails (the scenario parser rejects those before they get here).
std::optional<std::int64_t> parse_amount(const std::string& text) {
    std::int64_t amount = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), amount);
    if (error != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return amount;
}

}  // namespace

CommandResult StateMachine::apply(const Command& command) {
    if (command.is_noop()) {
        return {};
    }
    if (command.client != 0) {
        auto& session = sessions_[command.client];
        if (command.sequence <= session.last_sequence) {
            return session.last_result;  // a retry: already applied
        }
        session.last_sequence = command.sequence;
        session.last_result = execute(command);
        return session.last_result;
    }
    return execute(command);
}

CommandResult StateMachine::execute(const Command& command) {
    switch (command.kind) {
        case OperationKind::Put:
            values_[command.key] = command.value;
            return {};
        case OperationKind::Get:
            return {true, value(command.key)};
        case OperationKind::Append:
            values_[command.key] += command.value;
            return {};
        case OperationKind::Add: {
            const auto amount = parse_amount(command.value);
            if (!amount) {
                return {false, std::nullopt};
            }
            counter_ += *amount;
            return {true, std::to_string(counter_)};
        }
        case OperationKind::Propose:
            break;  // single-decree Paxos chooses one value; there is nothing to apply
    }
    return {false, std::nullopt};
}

std::optional<std::string> StateMachine::value(const std::string& key) const {
    const auto found = values_.find(key);
    if (found == values_.end()) {
        return std::nullopt;
    }
    return found->second;
}

}  // namespace quorum
