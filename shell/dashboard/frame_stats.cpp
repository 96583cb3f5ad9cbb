#include "frame_stats.hpp"

#include <cstdio>

namespace quorum::dashboard {

void FrameStats::record(double frame_us) {
    frames_us_[next_] = frame_us;
    next_ = (next_ + 1) % kKept;
    count_ = count_ < kKept ? count_ + 1 : kKept;
}

std::string FrameStats::to_json() const {
    std::string out = "[";
    const std::size_t first = (next_ + kKept - count_) % kKept;
    for (std::size_t i = 0; i < count_; ++i) {
        char number[32];
        std::snprintf(number, sizeof number, "%s%.1f", i == 0 ? "" : ",",
                      frames_us_[(first + i) % kKept]);
        out += number;
    }
    return out + "]";
}

}  // namespace quorum::dashboard
