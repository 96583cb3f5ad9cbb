// The core's random generator: the same seed gives the same numbers natively
// (libstdc++, x86-64) and in WebAssembly (libc++, wasm32). These expectations
// are literal, so the native suite and the wasm suite both check against them.
#include "quorum/random.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <set>

namespace quorum {
namespace {

// The first 100 outputs of xoshiro256** seeded by SplitMix64(42), from the
// authors' reference C code (prng.di.unimi.it), compiled separately.
constexpr std::array<std::uint64_t, 100> kReferenceSeed42 = {
    0x15780b2e0c2ec716ULL, 0x6104d9866d113a7eULL, 0xae17533239e499a1ULL, 0xecb8ad4703b360a1ULL,
    0xfde6dc7fe2ec5e64ULL, 0xc50da53101795238ULL, 0xb82154855a65ddb2ULL, 0xd99a2743ebe60087ULL,
    0xc2e96e726e97647eULL, 0x9556615f775fbc3dULL, 0xaeb53b340c103971ULL, 0x4a69db9873af8965ULL,
    0xcd0feda93006c6b6ULL, 0x52480865a4b42742ULL, 0xb60dec3bf2d887cdULL, 0xe0b55a68b96677faULL,
    0x9de4159eda9cef95ULL, 0xd9f4b354ec3844d4ULL, 0xb5215f43ed431a77ULL, 0xb5344cbe421f4f3aULL,
    0x17c5ad539dbb98d9ULL, 0x2dd4705aaba5de2bULL, 0x6faa904a94c529bdULL, 0x9a1da25458817417ULL,
    0x5061938da99c7af0ULL, 0x7d3babc0d1e23440ULL, 0x6624536f5ad584d4ULL, 0xca03e50015c044b8ULL,
    0xa293144f4f3bd3faULL, 0x3b38bd77133b0bdaULL, 0x6a0da881492d3bfdULL, 0x9f6b51d30d502b3aULL,
    0xdcf83ab9a2b09168ULL, 0xf1dbbb3e7caf8512ULL, 0xd06fa2c515268d8aULL, 0xbf3b601241d6460cULL,
    0xc8dac160a4cf65b7ULL, 0x0b79e57de69e68a1ULL, 0x77ffe08aaffca9f2ULL, 0xf8dae1deeb08090bULL,
    0x896c10e1f50e7c45ULL, 0xb35f3c33364236adULL, 0xcdb713a2484aba0dULL, 0xd17557ee842fc622ULL,
    0xe5fa6d9f51a65be7ULL, 0x202a8f768818eb71ULL, 0x90a2b65696578132ULL, 0x8de344cfe2c7f797ULL,
    0xdb73c7b4d941a5a9ULL, 0xd3e1718bf28e10a9ULL, 0x850b3263a0953dbbULL, 0x51466fd43f32a0ecULL,
    0x3130eb9b89d02158ULL, 0xa4d4d91162b2d044ULL, 0x0752374ea697b934ULL, 0x5bb7058b670da327ULL,
    0x91be7d3d72cec5d7ULL, 0xc687f6037de59e9cULL, 0x81dbd737ae287209ULL, 0x9eb080fc911ead60ULL,
    0xf3759893228a56ecULL, 0xf18b1a75d5c9a1abULL, 0x3818ca12dc164711ULL, 0xc990d448a6cc309eULL,
    0x125c1354bb1738f2ULL, 0x2c0162ba54980a8dULL, 0x3007507a09e5a9e8ULL, 0x86cb63bc4dc28e27ULL,
    0x72bd872b6d8c758eULL, 0x27211a80821e12bbULL, 0xbd55d53e3430d717ULL, 0x7654eb76f9f35787ULL,
    0xb7cd97326b1c1d60ULL, 0x960d9179dd9a26ecULL, 0xaedcb86bd40de374ULL, 0x52d6a585752fe880ULL,
    0x3f87a8431bbf0ce0ULL, 0x12a3bc1c89b77769ULL, 0x16bdabc6b717acaaULL, 0xf33828deac2d5480ULL,
    0x65ca25a4ec473f38ULL, 0x74be684381b74b7dULL, 0xa17d2fdfa67ef56cULL, 0x8424fc639bb2eb06ULL,
    0x57473424a58d2f87ULL, 0x924f001e46054938ULL, 0x8a68477326eb6c36ULL, 0xcc2662d38c9f1ea0ULL,
    0x1941236f749bf9d7ULL, 0x8eaf25678092df83ULL, 0x3707209fba6eb65cULL, 0xb9477faba1e4caacULL,
    0x6f78b7f02cfaa758ULL, 0x38f2b3f537242324ULL, 0xfa5ec4db9b08a90bULL, 0xcc1ecb026638beffULL,
    0xd0f1172ceda99ab5ULL, 0x56c0bc947b94ee59ULL, 0xf6424747fb5ed934ULL, 0x0e67446e763165cdULL,
};

TEST(Random, firstHundredOutputsMatchReferenceImplementation) {
    Random random(42);
    for (std::size_t i = 0; i < kReferenceSeed42.size(); ++i) {
        ASSERT_EQ(random.next_u64(), kReferenceSeed42[i]) << "output " << i;
    }
}

TEST(Random, splitmix64MatchesPublishedFirstOutput) {
    std::uint64_t state = 0;
    EXPECT_EQ(splitmix64_next(state), 0xe220a8397b1dcdafULL);
}

TEST(Random, sameSeedSameStreamDifferentSeedDifferentStream) {
    Random a(7), b(7), c(8);
    for (int i = 0; i < 1000; ++i) {
        const auto from_a = a.next_u64();
        EXPECT_EQ(from_a, b.next_u64());
        EXPECT_NE(from_a, c.next_u64());
    }
}

TEST(Random, copyingTheValueCopiesTheFuture) {
    Random original(99);
    original.next_u64();
    Random copy = original;
    EXPECT_EQ(copy, original);
    for (int i = 0; i < 10; ++i) {
        EXPECT_EQ(copy.next_u64(), original.next_u64());
    }
}

TEST(Random, belowStaysInRangeAndHitsEveryValue) {
    Random random(1);
    std::set<std::uint64_t> seen;
    for (int i = 0; i < 10000; ++i) {
        const auto value = random.below(7);
        ASSERT_LT(value, 7u);
        seen.insert(value);
    }
    EXPECT_EQ(seen.size(), 7u);
}

TEST(Random, belowIsRoughlyUniform) {
    // 60,000 draws into 6 buckets: each should hold 10,000 +- 5 standard
    // deviations (about 456). A modulo-biased or broken reduction fails this.
    Random random(2024);
    std::array<int, 6> counts{};
    for (int i = 0; i < 60000; ++i) {
        ++counts[static_cast<std::size_t>(random.below(6))];
    }
    for (int count : counts) {
        EXPECT_NEAR(count, 10000, 456);
    }
}

TEST(Random, betweenIsInclusiveAndHandlesNegativeAndFullRanges) {
    Random random(5);
    bool saw_low = false, saw_high = false;
    for (int i = 0; i < 2000; ++i) {
        const auto value = random.between(-3, 3);
        ASSERT_GE(value, -3);
        ASSERT_LE(value, 3);
        saw_low |= value == -3;
        saw_high |= value == 3;
    }
    EXPECT_TRUE(saw_low);
    EXPECT_TRUE(saw_high);
    EXPECT_EQ(random.between(4, 4), 4);
    random.between(INT64_MIN, INT64_MAX);  // must not trap on the full range
}

TEST(Random, unitIsInHalfOpenInterval) {
    Random random(11);
    for (int i = 0; i < 10000; ++i) {
        const double value = random.unit();
        ASSERT_GE(value, 0.0);
        ASSERT_LT(value, 1.0);
    }
}

TEST(Random, chanceHonoursItsEndsAndItsRate) {
    Random random(3);
    int hits = 0;
    for (int i = 0; i < 10000; ++i) {
        EXPECT_FALSE(random.chance(0.0));
        EXPECT_TRUE(random.chance(1.0));
        hits += random.chance(0.25) ? 1 : 0;
    }
    EXPECT_NEAR(hits, 2500, 250);
}

TEST(Random, forkIsIndependentOfParentProgressAndDistinctPerStream) {
    Random parent(42);
    const Random fork_before = parent.fork(3);
    parent.next_u64();
    EXPECT_EQ(parent.fork(3), fork_before);
    Random stream_three = parent.fork(3), stream_four = parent.fork(4);
    EXPECT_NE(stream_three.next_u64(), stream_four.next_u64());
}

}  // namespace
}  // namespace quorum
