// The explorer's visited set: 64-bit state hashes in one open-addressing
// table (linear probing, kept at most half full), 8 bytes a slot, and for a
// depth-bounded search the shallowest depth each state was reached at (a state
// seen deeper first must be explored again when a shorter path reaches it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace quorum::explore {

class VisitedSet {
  public:
    explicit VisitedSet(bool keep_depths = false) : keep_depths_(keep_depths) { grow(1024); }

    // Adds the state; true if it is new, or (with depths) was only seen
    // deeper than `depth` before (its depth is lowered).
    bool insert(std::uint64_t hash, std::uint32_t depth = 0);
    std::size_t size() const { return size_; }
    std::size_t bytes() const {
        return keys_.capacity() * sizeof(std::uint64_t) +
               depths_.capacity() * sizeof(std::uint32_t);
    }

  private:
    void grow(std::size_t capacity);

    bool keep_depths_;
    std::vector<std::uint64_t> keys_;  // 0: empty (a hash of 0 is stored as 1)
    std::vector<std::uint32_t> depths_;
    std::size_t size_ = 0;
};

}  // namespace quorum::explore
