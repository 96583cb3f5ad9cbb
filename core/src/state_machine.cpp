#include "quorum/state_machine.hpp"

#include <algorithm>
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
        Session& session = session_of(command.client);
        if (command.sequence <= session.last_sequence) {
            return last_result(session);  // a retry: already applied
        }
        const CommandResult result = execute(command);
        remember(session, command.sequence, result);
        return result;
    }
    return execute(command);
}

StateMachine::Session& StateMachine::session_of(ClientId client) {
    if (sessions_.empty() || sessions_.back().client < client) {
        return sessions_.emplace_back(Session{client, true, false, 0});
    }
    const auto found =
        std::lower_bound(sessions_.begin(), sessions_.end(), client,
                         [](const Session& session, ClientId id) { return session.client < id; });
    if (found != sessions_.end() && found->client == client) {
        return *found;
    }
    return *sessions_.insert(found, Session{client, true, false, 0});
}

CommandResult StateMachine::last_result(const Session& session) const {
    CommandResult result;
    result.ok = session.last_ok;
    if (session.last_has_text) {
        result.result = session_texts_.at(session.client);
    }
    return result;
}

void StateMachine::remember(Session& session, std::uint64_t sequence, const CommandResult& result) {
    session.last_sequence = sequence;
    session.last_ok = result.ok;
    if (result.result) {
        session_texts_[session.client] = *result.result;
    } else if (session.last_has_text) {
        session_texts_.erase(session.client);
    }
    session.last_has_text = result.result.has_value();
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
            break;  // one decree chooses one value; there is nothing to apply
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

StateMachineImage StateMachine::image() const {
    StateMachineImage image;
    image.values.assign(values_.begin(), values_.end());
    image.counter = static_cast<std::uint64_t>(counter_);
    image.sessions.reserve(sessions_.size());
    for (const Session& session : sessions_) {
        StateMachineImage::Session& out = image.sessions.emplace_back();
        out.client = session.client;
        out.last_sequence = session.last_sequence;
        out.last_ok = session.last_ok;
        if (session.last_has_text) {
            out.last_text = session_texts_.at(session.client);
        }
    }
    return image;
}

// An image from the wire or a record may be unsorted or repeat a client: the
// map and the sorted session vector restore order, the last copy wins.
StateMachine StateMachine::from_image(const StateMachineImage& image) {
    StateMachine machine;
    machine.values_.insert(image.values.begin(), image.values.end());
    machine.counter_ = static_cast<std::int64_t>(image.counter);
    for (const StateMachineImage::Session& in : image.sessions) {
        Session& session = machine.session_of(in.client);
        session.last_sequence = in.last_sequence;
        session.last_ok = in.last_ok;
        session.last_has_text = in.last_text.has_value();
        if (in.last_text) {
            machine.session_texts_[in.client] = *in.last_text;
        } else {
            machine.session_texts_.erase(in.client);
        }
    }
    return machine;
}

}  // namespace quorum
