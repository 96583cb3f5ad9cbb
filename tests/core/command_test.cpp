// SharedCommand (copies share one immutable command) and the state machine's
// sessions (a retried command is applied once and answered as the first
// time, results with text included).
#include <gtest/gtest.h>

#include "quorum/command.hpp"
#include "quorum/raft/messages.hpp"
#include "quorum/state_machine.hpp"

namespace quorum {
namespace {

Command command(OperationKind kind, std::string key, std::string value, ClientId client = 0,
                std::uint64_t sequence = 0) {
    Command made;
    made.kind = kind;
    made.key = std::move(key);
    made.value = std::move(value);
    made.client = client;
    made.sequence = sequence;
    return made;
}

TEST(SharedCommand, copiesShareOneCommandThatOutlivesTheOriginal) {
    const Command* where = nullptr;
    SharedCommand copy;
    {
        const SharedCommand original = command(OperationKind::Put, "x", "1");
        where = &*original;
        copy = original;
    }
    EXPECT_EQ(&*copy, where);  // the same block, not a copy of it
    EXPECT_EQ(copy->to_string(), "put x 1");
}

TEST(SharedCommand, equalityComparesCommandsNotBlocks) {
    const SharedCommand a = command(OperationKind::Put, "x", "1");
    const SharedCommand b = command(OperationKind::Put, "x", "1");
    const SharedCommand c = command(OperationKind::Put, "x", "2");
    EXPECT_NE(&*a, &*b);
    EXPECT_EQ(a, b);
    EXPECT_NE(a, c);
    EXPECT_EQ((raft::Entry{3, a}), (raft::Entry{3, b}));
    EXPECT_NE((raft::Entry{3, a}), (raft::Entry{4, a}));
}

TEST(SharedCommand, aDefaultOneIsTheDefaultCommandAndAMovedFromOneToo) {
    const SharedCommand empty;
    EXPECT_EQ(*empty, Command{});
    SharedCommand from = command(OperationKind::Append, "k", "v");
    const SharedCommand to = std::move(from);
    EXPECT_EQ(to->to_string(), "append k v");
    EXPECT_EQ(*from, Command{});  // NOLINT(bugprone-use-after-move): defined as empty
}

TEST(SharedCommand, assignmentReleasesTheOldCommandAndSelfAssignmentKeepsIt) {
    SharedCommand a = command(OperationKind::Put, "a", "1");
    const SharedCommand b = command(OperationKind::Put, "b", "2");
    a = b;
    EXPECT_EQ(&*a, &*b);
    const SharedCommand& same = a;
    a = same;
    EXPECT_EQ(a->to_string(), "put b 2");
}

TEST(StateMachineSessions, aRetryIsAnsweredAsTheFirstTimeWithoutApplyingAgain) {
    StateMachine machine;
    EXPECT_EQ(machine.apply(command(OperationKind::Add, "", "5", 7, 1)),
              (CommandResult{true, "5"}));
    EXPECT_EQ(machine.apply(command(OperationKind::Add, "", "5", 7, 1)),
              (CommandResult{true, "5"}));  // the retry: remembered text, not applied
    EXPECT_EQ(machine.counter(), 5);
    EXPECT_EQ(machine.apply(command(OperationKind::Put, "x", "a", 7, 2)), (CommandResult{}));
    EXPECT_EQ(machine.apply(command(OperationKind::Add, "", "5", 7, 1)),
              (CommandResult{}));  // older than the last: the last result, no text now
    EXPECT_EQ(machine.counter(), 5);
}

TEST(StateMachineSessions, clientsInAnyOrderKeepTheirOwnSessions) {
    StateMachine machine;
    machine.apply(command(OperationKind::Append, "log", "c", 30, 1));
    machine.apply(command(OperationKind::Append, "log", "a", 10, 1));
    machine.apply(command(OperationKind::Append, "log", "b", 20, 1));
    machine.apply(command(OperationKind::Append, "log", "a", 10, 1));  // retries
    machine.apply(command(OperationKind::Append, "log", "c", 30, 1));
    EXPECT_EQ(machine.value("log"), "cab");
    EXPECT_EQ(machine.apply(command(OperationKind::Get, "log", "", 20, 2)),
              (CommandResult{true, "cab"}));
    machine.apply(command(OperationKind::Append, "log", "d", 20, 3));
    EXPECT_EQ(machine.apply(command(OperationKind::Get, "log", "", 20, 2)),
              (CommandResult{}));  // an old retry gets the last result (the append's)
}

TEST(StateMachineSessions, twoMachinesThatAppliedTheSameCommandsAreEqual) {
    StateMachine a;
    StateMachine b;
    for (StateMachine* machine : {&a, &b}) {
        machine->apply(command(OperationKind::Add, "", "2", 1, 1));
        machine->apply(command(OperationKind::Put, "k", "v", 2, 1));
    }
    EXPECT_EQ(a, b);
    b.apply(command(OperationKind::Get, "k", "", 2, 2));
    EXPECT_FALSE(a == b);
}

}  // namespace
}  // namespace quorum
