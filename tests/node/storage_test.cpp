// quorum-node's SQLite storage (shell/node/storage.hpp): a restarted node
// loads exactly what its Readies made durable, for each algorithm, and a
// damaged or foreign file is refused without being changed.
#include "storage.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

namespace quorum::node {
namespace {

class StorageTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("quorum-storage-test-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    std::string dir() const { return dir_.string(); }
    std::string read_db() const {
        std::ifstream in(dir_ / "node.db", std::ios::binary);
        return {std::istreambuf_iterator<char>(in), {}};
    }

    std::filesystem::path dir_;
};

Command put(const std::string& key, const std::string& value, std::uint64_t sequence) {
    Command command;
    command.client = 7;
    command.sequence = sequence;
    command.key = key;
    command.value = value;
    return command;
}

TEST_F(StorageTest, raftLoadsExactlyWhatItsReadiesPersisted) {
    raft::DurableState expected;
    {
        Storage storage(dir(), Algorithm::Raft, 1, SyncMode::Full);
        EXPECT_EQ(std::get<raft::DurableState>(storage.loaded()), expected);
        raft::Ready first;
        first.hard_state = raft::HardState{3, 2};
        first.log_write_from = 1;
        first.log_write = {{1, Command::make_noop()}, {2, put("x", "1", 1)}, {3, put("y", "2", 2)}};
        // A later Ready in the same batch truncates and rewrites the tail.
        raft::Ready second;
        second.log_write_from = 3;
        second.log_write = {{3, put("y", "3", 3)}, {3, put("z", "4", 4)}};
        storage.begin();
        storage.write(first);
        storage.write(second);
        storage.commit();
        first.persist_to(expected);
        second.persist_to(expected);
        raft::Ready third;
        third.hard_state = raft::HardState{4, kNoNode};
        third.log_write_from = 2;  // truncate to one entry, append nothing
        storage.begin();
        storage.write(third);
        storage.commit();
        third.persist_to(expected);
    }
    Storage reopened(dir(), Algorithm::Raft, 1, SyncMode::Full);
    EXPECT_EQ(std::get<raft::DurableState>(reopened.loaded()), expected);
    ASSERT_EQ(expected.log.size(), 1U);
}

TEST_F(StorageTest, paxosLoadsExactlyWhatItsReadiesPersisted) {
    paxos::DurableState expected;
    {
        Storage storage(dir(), Algorithm::Paxos, 2, SyncMode::Full);
        paxos::Ready promise;
        promise.acceptor_state = paxos::AcceptorState{{3, 1}, std::nullopt};
        paxos::Ready accept;
        accept.acceptor_state = paxos::AcceptorState{{3, 1}, paxos::Proposal{{3, 1}, "v"}};
        accept.proposer_round = 5;
        for (const auto* ready : {&promise, &accept}) {
            storage.begin();
            storage.write(*ready);
            storage.commit();
            ready->persist_to(expected);
        }
    }
    Storage reopened(dir(), Algorithm::Paxos, 2, SyncMode::Full);
    EXPECT_EQ(std::get<paxos::DurableState>(reopened.loaded()), expected);
    EXPECT_EQ(expected.proposer_round, 5U);
}

TEST_F(StorageTest, multiPaxosLoadsExactlyWhatItsReadiesPersisted) {
    multipaxos::DurableState expected;
    {
        Storage storage(dir(), Algorithm::MultiPaxos, 3, SyncMode::Full);
        multipaxos::Ready ready;
        ready.acceptor_ballot = multipaxos::Ballot{2, 1};
        ready.leader_ballot = multipaxos::Ballot{1, 3};
        ready.accepted = {{{2, 1}, 1, {put("x", "1", 1), std::nullopt}},
                          {{2, 1}, 2, {put("y", "2", 2), std::nullopt}}};
        ready.decisions = {{1, {put("x", "1", 1), std::nullopt}}};
        multipaxos::Ready later;  // a higher ballot replaces slot 2's pvalue
        later.accepted = {{{3, 2}, 2, multipaxos::Decree::noop()}};
        later.decisions = {{2, multipaxos::Decree::noop()}};
        storage.begin();
        storage.write(ready);
        storage.write(later);
        storage.commit();
        ready.persist_to(expected);
        later.persist_to(expected);
    }
    Storage reopened(dir(), Algorithm::MultiPaxos, 3, SyncMode::Full);
    EXPECT_EQ(std::get<multipaxos::DurableState>(reopened.loaded()), expected);
    EXPECT_EQ(expected.accepted.at(2).ballot, (multipaxos::Ballot{3, 2}));
}

TEST_F(StorageTest, anotherNodesFileIsRefusedAsAMistakeNotDamage) {
    { Storage storage(dir(), Algorithm::Raft, 1, SyncMode::Full); }
    const std::string before = read_db();
    try {
        Storage storage(dir(), Algorithm::MultiPaxos, 1, SyncMode::Full);
        FAIL() << "opened a Raft file as Multi-Paxos";
    } catch (const StorageError& error) {
        EXPECT_FALSE(error.damaged());
        EXPECT_NE(std::string(error.what()).find("belongs to node 1 running raft"),
                  std::string::npos);
    }
    EXPECT_THROW(Storage(dir(), Algorithm::Raft, 2, SyncMode::Full), StorageError);
    EXPECT_EQ(read_db(), before);
}

TEST_F(StorageTest, aDamagedFileIsRefusedAndLeftAsItWas) {
    { Storage storage(dir(), Algorithm::Raft, 1, SyncMode::Full); }
    {
        std::fstream file(dir_ / "node.db", std::ios::in | std::ios::out | std::ios::binary);
        file.seekp(0);
        file << "this is not an SQLite header...";
    }
    const std::string before = read_db();
    try {
        Storage storage(dir(), Algorithm::Raft, 1, SyncMode::Full);
        FAIL() << "opened a damaged file";
    } catch (const StorageError& error) {
        EXPECT_TRUE(error.damaged());
        EXPECT_NE(std::string(error.what()).find("damaged"), std::string::npos);
    }
    EXPECT_EQ(read_db(), before);
}

}  // namespace
}  // namespace quorum::node
