#include "quorum/command.hpp"

namespace quorum {

Command Command::make_noop() {
    Command command;
    command.noop = true;
    return command;
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
