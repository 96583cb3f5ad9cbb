#include "quorum/explore/visited.hpp"

#include <utility>

namespace quorum::explore {

bool VisitedSet::insert(std::uint64_t hash, std::uint32_t depth) {
    if (hash == 0) {
        hash = 1;
    }
    if ((size_ + 1) * 2 > keys_.size()) {
        grow(keys_.size() * 2);
    }
    const std::size_t mask = keys_.size() - 1;
    for (auto at = static_cast<std::size_t>(hash & mask);; at = (at + 1) & mask) {
        if (keys_[at] == 0) {
            keys_[at] = hash;
            if (keep_depths_) {
                depths_[at] = depth;
            }
            ++size_;
            return true;
        }
        if (keys_[at] == hash) {
            if (keep_depths_ && depth < depths_[at]) {
                depths_[at] = depth;
                return true;
            }
            return false;
        }
    }
}

void VisitedSet::grow(std::size_t capacity) {
    std::vector<std::uint64_t> keys = std::exchange(keys_, std::vector<std::uint64_t>(capacity, 0));
    std::vector<std::uint32_t> depths =
        std::exchange(depths_, std::vector<std::uint32_t>(keep_depths_ ? capacity : 0, 0));
    size_ = 0;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (keys[i] != 0) {
            insert(keys[i], keep_depths_ ? depths[i] : 0);
        }
    }
}

}  // namespace quorum::explore
