// The record log of a wasm node on a server (shell/worker/record_log.hpp):
// what replays, what is damage and what is a write that never finished.
#include "record_log.hpp"

#include <gtest/gtest.h>

#include <string>
#include <variant>

namespace quorum::worker {
namespace {

const std::string kOwner = file_owner("raft", 2);

store::Op put(std::string key, std::string_view payload) {
    return store::Op{store::Op::Kind::Put, key, store::seal(key, payload)};
}

// A log of three frames: whose, two puts, then one put and a range deletion.
std::string sample_log() {
    return first_frame(kOwner) + frame_batch({put("raft/log/1", "a"), put("raft/log/2", "b")}) +
           frame_batch({put("raft/state", "s"),
                        store::Op{store::Op::Kind::DeleteRange, "raft/log/2", "raft/log/~"}});
}

LoadedLog loads(std::string_view bytes) {
    auto loaded = load_log(bytes, kOwner);
    EXPECT_TRUE(std::holds_alternative<LoadedLog>(loaded)) << std::get<std::string>(loaded);
    return std::holds_alternative<LoadedLog>(loaded) ? std::get<LoadedLog>(loaded) : LoadedLog{};
}

std::string refusal(std::string_view bytes) {
    auto loaded = load_log(bytes, kOwner);
    EXPECT_TRUE(std::holds_alternative<std::string>(loaded)) << "a damaged log loaded";
    return std::holds_alternative<std::string>(loaded) ? std::get<std::string>(loaded) : "";
}

TEST(RecordLog, ReplaysPutsAndRangeDeletionsInOrder) {
    const LoadedLog log = loads(sample_log());
    EXPECT_EQ(log.frames, 3u);
    EXPECT_FALSE(log.torn_at);
    ASSERT_EQ(log.records.size(), 2u);
    EXPECT_TRUE(log.records.contains("raft/log/1"));
    EXPECT_TRUE(log.records.contains("raft/state"));
    EXPECT_FALSE(log.records.contains(std::string(kFileKey)));
}

TEST(RecordLog, AnEmptyFileIsANewLog) {
    const LoadedLog log = loads("");
    EXPECT_EQ(log.frames, 0u);
    EXPECT_TRUE(log.records.empty());
}

TEST(RecordLog, AWriteCutShortAtTheEndIsTornNotDamage) {
    const std::string whole = sample_log();
    const std::string last = frame_batch({put("raft/log/3", "c")});
    for (std::size_t cut = 1; cut < last.size(); ++cut) {
        const LoadedLog log = loads(whole + last.substr(0, cut));
        ASSERT_TRUE(log.torn_at) << "cut at " << cut;
        EXPECT_EQ(*log.torn_at, whole.size());
        EXPECT_FALSE(log.records.contains("raft/log/3"));
    }
}

TEST(RecordLog, AFlippedByteAnywhereIsDamageNamingTheFrame) {
    const std::string whole = sample_log();
    for (std::size_t at = 0; at < whole.size(); ++at) {
        std::string damaged = whole;
        damaged[at] = static_cast<char>(damaged[at] ^ 0x10);
        auto loaded = load_log(damaged, kOwner);
        ASSERT_TRUE(std::holds_alternative<std::string>(loaded)) << "byte " << at;
        EXPECT_NE(std::get<std::string>(loaded).find("frame "), std::string::npos)
            << std::get<std::string>(loaded);
    }
}

TEST(RecordLog, ABodyChecksumMismatchIsNamed) {
    std::string damaged = sample_log();
    damaged.back() = static_cast<char>(damaged.back() ^ 1);
    EXPECT_EQ(refusal(damaged).find("frame 3 at byte "), 0u);
    EXPECT_NE(refusal(damaged).find("body checksum mismatch"), std::string::npos);
}

TEST(RecordLog, TrailingBytesThatStartNoFrameAreDamage) {
    EXPECT_NE(refusal(sample_log() + "xyz").find("not a frame"), std::string::npos);
}

TEST(RecordLog, AnotherNodesLogIsRefused) {
    const std::string theirs = first_frame(file_owner("raft", 1));
    EXPECT_EQ(refusal(theirs), "the file belongs to raft node 1, not raft node 2");
    const std::string no_owner = frame_batch({put("raft/log/1", "a")});
    EXPECT_NE(refusal(no_owner).find("does not say whose file"), std::string::npos);
}

TEST(RecordLog, ALaterFrameMayNotRewriteTheOwner) {
    const std::string log =
        first_frame(kOwner) + frame_batch({put(std::string(kFileKey), "raft node 2")});
    EXPECT_NE(refusal(log).find("rewrites whose file"), std::string::npos);
}

}  // namespace
}  // namespace quorum::worker
