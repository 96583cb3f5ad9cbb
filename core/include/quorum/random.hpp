// Deterministic pseudo-random numbers for the core.
//
// Every random choice a node or the simulator makes (election timeouts,
// backoff, message latency, loss) comes from a Random that the host seeds and
// hands in. The generator and its range reduction are written here by hand
// because the standard distributions (std::uniform_int_distribution and
// friends) give different numbers under libstdc++ (native) and libc++
// (Emscripten): the same seed must give the same run on both.
//
// Engine: xoshiro256** (Blackman and Vigna, 2018), seeded through SplitMix64
// as its authors recommend. Only 64-bit integer arithmetic is used, so wasm32
// and x86-64 agree bit for bit. The state is a plain value: copying a Random
// copies its future, which is how a cluster snapshot rewinds exactly.
#pragma once

#include <array>
#include <cstdint>

namespace quorum {

class StateHasher;  // quorum/state_hash.hpp

// One step of SplitMix64: advances `state` and returns the next output.
std::uint64_t splitmix64_next(std::uint64_t& state);

class Random {
  public:
    explicit Random(std::uint64_t seed);

    // The next raw 64-bit output.
    std::uint64_t next_u64();

    // Uniform in [0, bound). bound must be > 0. Unbiased: rejection sampling
    // removes the modulo bias.
    std::uint64_t below(std::uint64_t bound);

    // Uniform in [low, high], both inclusive. low must be <= high.
    std::int64_t between(std::int64_t low, std::int64_t high);

    // Uniform in [0, 1), with 53 random bits (exactly representable doubles).
    double unit();

    // True with probability p (p <= 0: never, p >= 1: always).
    bool chance(double probability);

    // A new, independent generator derived from this one's seed and a stream
    // number, without advancing this one: node i of a cluster gets fork(i), so
    // adding a node does not change the numbers the others draw.
    Random fork(std::uint64_t stream) const;

    // Its state (quorum/state_hash.hpp): the numbers it will draw.
    void hash_state(StateHasher& hasher) const;

    friend bool operator==(const Random&, const Random&) = default;

  private:
    std::uint64_t seed_;
    std::array<std::uint64_t, 4> state_;
};

}  // namespace quorum
