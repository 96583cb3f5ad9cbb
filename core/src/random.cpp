#include "quorum/random.hpp"

#include <cassert>

namespace quorum {

namespace {

constexpr std::uint64_t rotate_left(std::uint64_t value, int shift) {
    return (value << shift) | (value >> (64 - shift));
}

// Golden-ratio increment, as in SplitMix64; also spreads fork() streams apart.
constexpr std::uint64_t kGoldenGamma = 0x9e3779b97f4a7c15ULL;

}  // namespace

std::uint64_t splitmix64_next(std::uint64_t& state) {
    state += kGoldenGamma;
    std::uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

Random::Random(std::uint64_t seed) : seed_(seed), state_{} {
    std::uint64_t mixer = seed;
    for (auto& word : state_) {
        word = splitmix64_next(mixer);
    }
}

std::uint64_t Random::next_u64() {
    const std::uint64_t result = rotate_left(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotate_left(state_[3], 45);
    return result;
}

std::uint64_t Random::below(std::uint64_t bound) {
    assert(bound > 0);
    // Outputs below `threshold` would make the low residues more likely than
    // the high ones; drawing again removes that bias. (2^64 - bound) % bound
    // == 2^64 % bound, computed without 128-bit arithmetic.
    const std::uint64_t threshold = (0 - bound) % bound;
    for (;;) {
        const std::uint64_t value = next_u64();
        if (value >= threshold) {
            return value % bound;
        }
    }
}

std::int64_t Random::between(std::int64_t low, std::int64_t high) {
    assert(low <= high);
    const auto span = static_cast<std::uint64_t>(high) - static_cast<std::uint64_t>(low);
    const std::uint64_t offset = span == UINT64_MAX ? next_u64() : below(span + 1);
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(low) + offset);
}

double Random::unit() {
    return static_cast<double>(next_u64() >> 11) * 0x1.0p-53;
}

bool Random::chance(double probability) {
    if (probability <= 0.0) {
        return false;
    }
    if (probability >= 1.0) {
        return true;
    }
    return unit() < probability;
}

Random Random::fork(std::uint64_t stream) const {
    std::uint64_t mixer = seed_ ^ (stream * kGoldenGamma);
    return Random(splitmix64_next(mixer));
}

}  // namespace quorum
