// quorum-node's SQLite storage (shell/node/storage.hpp): a restarted node
// loads exactly what its Readies' records made durable, for each protocol,
// and a damaged, foreign or older file is refused without being changed.
#include "storage.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "quorum/protocols.hpp"
#include "quorum/store/stored_node.hpp"
#include "sqlite.hpp"

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
    std::string db_path() const { return (dir_ / "node.db").string(); }
    std::string read_db() const {
        std::ifstream in(dir_ / "node.db", std::ios::binary);
        return {std::istreambuf_iterator<char>(in), {}};
    }
    // Changes the file behind quorum-node's back, as a disk or a person might.
    void tamper(const std::string& sql) {
        Database db(db_path(), Database::Mode::ReadWrite);
        db.exec(sql);
    }

    // One bit of a record's payload, as a bad disk sector might.
    void flip_last_bit(const std::string& key) {
        Database db(db_path(), Database::Mode::ReadWrite);
        auto read = db.prepare("SELECT value FROM records WHERE key = ?");
        read.bind_text(1, key);
        ASSERT_TRUE(read.step()) << key;
        std::string value = read.column_blob(0);
        value.back() = static_cast<char>(value.back() ^ 1);
        db.prepare("UPDATE records SET value = ? WHERE key = ?")
            .bind_blob(1, value)
            .bind_text(2, key)
            .run();
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

// The records a host writes for `readies`, in order, as the node's driver
// and the browser's workers make them; `state` gets the same writes.
template <Protocol P>
store::Batch records_of_readies(const std::vector<typename P::Node::Ready>& readies,
                                typename P::Node::DurableState& state) {
    store::Batch batch;
    for (const auto& ready : readies) {
        ready.persist_to(state);
        P::append_records(batch, ready, state);
    }
    return batch;
}

template <Protocol P>
const typename P::Node::DurableState& loaded(const Storage& storage) {
    const auto* state = storage.loaded().get<typename P::Node::DurableState>();
    EXPECT_NE(state, nullptr) << "not a " << P::kName << " state";
    static const typename P::Node::DurableState empty;
    return state != nullptr ? *state : empty;
}

TEST_F(StorageTest, raftLoadsExactlyWhatItsReadiesPersisted) {
    using P = raft::Protocol;
    raft::DurableState expected;
    {
        Storage storage(dir(), Algorithm::Raft, 1, SyncMode::Full);
        EXPECT_EQ(loaded<P>(storage), expected);
        raft::Ready first;
        first.hard_state = raft::HardState{3, 2};
        first.log_write_from = 1;
        first.log_write = {{1, Command::make_noop()}, {2, put("x", "1", 1)}, {3, put("y", "2", 2)}};
        // A later Ready in the same batch truncates and rewrites the tail.
        raft::Ready second;
        second.log_write_from = 3;
        second.log_write = {{3, put("y", "3", 3)}, {3, put("z", "4", 4)}};
        storage.persist(records_of_readies<P>({first, second}, expected));
        raft::Ready third;
        third.hard_state = raft::HardState{4, kNoNode};
        third.log_write_from = 2;  // truncate to one entry, append nothing
        storage.persist(records_of_readies<P>({third}, expected));
    }
    Storage reopened(dir(), Algorithm::Raft, 1, SyncMode::Full);
    EXPECT_EQ(loaded<P>(reopened), expected);
    ASSERT_EQ(expected.log.size(), 1U);
}

TEST_F(StorageTest, paxosLoadsExactlyWhatItsReadiesPersisted) {
    using P = paxos::Protocol;
    paxos::DurableState expected;
    {
        Storage storage(dir(), Algorithm::Paxos, 2, SyncMode::Full);
        paxos::Ready promise;
        promise.acceptor_state = paxos::AcceptorState{{3, 1}, std::nullopt};
        paxos::Ready accept;
        accept.acceptor_state = paxos::AcceptorState{{3, 1}, paxos::Proposal{{3, 1}, "v"}};
        accept.proposer_round = 5;
        storage.persist(records_of_readies<P>({promise}, expected));
        storage.persist(records_of_readies<P>({accept}, expected));
    }
    Storage reopened(dir(), Algorithm::Paxos, 2, SyncMode::Full);
    EXPECT_EQ(loaded<P>(reopened), expected);
    EXPECT_EQ(expected.proposer_round, 5U);
}

TEST_F(StorageTest, multiPaxosLoadsExactlyWhatItsReadiesPersisted) {
    using P = multipaxos::Protocol;
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
        storage.persist(records_of_readies<P>({ready, later}, expected));
    }
    Storage reopened(dir(), Algorithm::MultiPaxos, 3, SyncMode::Full);
    EXPECT_EQ(loaded<P>(reopened), expected);
    EXPECT_EQ(expected.accepted.at(2).ballot, (multipaxos::Ballot{3, 2}));
}

// Whatever a protocol's records are, the file holds exactly them: a whole
// state written as records (a snapshot, store::records_of) loads back.
TEST_F(StorageTest, everyProtocolsWholeStateLoadsBack) {
    for (const Algorithm algorithm : all_algorithms()) {
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
        AnyDurableState state;
        {
            Storage storage(dir(), algorithm, 1, SyncMode::Off);
            state = storage.loaded();
            storage.persist(store::records_of(state));
        }
        EXPECT_EQ(Storage::load_existing(dir(), algorithm, 1), state) << algorithm_name(algorithm);
    }
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

// SQLite finds nothing wrong, but a record does not unseal: the load stops
// and names the file and the record.
TEST_F(StorageTest, aDamagedRecordIsRefusedByName) {
    using P = raft::Protocol;
    {
        Storage storage(dir(), Algorithm::Raft, 1, SyncMode::Full);
        raft::DurableState state;
        raft::Ready ready;
        ready.hard_state = raft::HardState{2, 1};
        ready.log_write_from = 1;
        ready.log_write = {{1, put("x", "1", 1)}, {2, put("y", "2", 2)}};
        storage.persist(records_of_readies<P>({ready}, state));
    }
    flip_last_bit("raft/log/00000000000000000002");  // the second entry's record
    const std::string before = read_db();
    try {
        Storage storage(dir(), Algorithm::Raft, 1, SyncMode::Full);
        FAIL() << "opened a file with a damaged record";
    } catch (const StorageError& error) {
        EXPECT_TRUE(error.damaged());
        const std::string what = error.what();
        EXPECT_NE(what.find(db_path()), std::string::npos) << what;
        EXPECT_NE(what.find("damaged (record raft/log/00000000000000000002: checksum mismatch)"),
                  std::string::npos)
            << what;
    }
    EXPECT_EQ(read_db(), before);
}

// A file of the first layout (a table per protocol) is no damage, but this
// quorum-node cannot read it: refused as a mistake, and left as it was.
TEST_F(StorageTest, aFileOfAnotherVersionIsRefusedAsAMistake) {
    { Storage storage(dir(), Algorithm::Raft, 1, SyncMode::Full); }
    tamper("UPDATE meta SET value = 'quorum-node 1' WHERE key = 'schema'");
    const std::string before = read_db();
    try {
        Storage storage(dir(), Algorithm::Raft, 1, SyncMode::Full);
        FAIL() << "opened a file of another version";
    } catch (const StorageError& error) {
        EXPECT_FALSE(error.damaged());
        EXPECT_NE(std::string(error.what())
                      .find("written by another version of quorum-node (schema 'quorum-node 1'"),
                  std::string::npos)
            << error.what();
    }
    EXPECT_EQ(read_db(), before);
}

}  // namespace
}  // namespace quorum::node
