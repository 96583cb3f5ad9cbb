#include "quorum/command.hpp"

namespace quorum {

Command Command::make_noop() {
    Command command;
    command.noop = true;
    return command;
}

SharedCommand::SharedCommand(Command command) : block_(new Block{1, std::move(command)}) {}

const Command& SharedCommand::empty() noexcept {
    static const Command kEmpty;
    return kEmpty;
}

void SharedCommand::destroy(Block* block) noexcept {
    delete block;
}

std::string Command::to_string() const {
    if (noop) {
        return "noop";
    }
    switch (kind) {
        case OperationKind::Put:
            return "put " + key + " " + value;
        case OperationKind::Get:
            return "get " + key;
        case OperationKind::Append:
            return "append " + key + " " + value;
        case OperationKind::Add:
            return "add " + value;
        case OperationKind::Propose:
            return "propose " + value;
    }
    return "?";
}

}  // namespace quorum
