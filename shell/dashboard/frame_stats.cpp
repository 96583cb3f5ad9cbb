#include "frame_stats.hpp"

#include <cstdio>

namespace quorum::dashboard {

void FrameStats::record(double ui_us, double render_us) {
    ui_us_[next_] = ui_us;
    render_us_[next_] = render_us;
    next_ = (next_ + 1) % kKept;
    count_ = count_ < kKept ? count_ + 1 : kKept;
}

namespace {

std::string array_json(const std::array<double, FrameStats::kKept>& values, std::size_t first,
                       std::size_t count) {
    std::string out = "[";
    for (std::size_t i = 0; i < count; ++i) {
        char number[32];
        std::snprintf(number, sizeof number, "%s%.1f", i == 0 ? "" : ",",
                      values[(first + i) % FrameStats::kKept]);
        out += number;
    }
    return out + "]";
}

}  // namespace

std::string FrameStats::to_json() const {
    const std::size_t first = (next_ + kKept - count_) % kKept;
    return "{\"ui\":" + array_json(ui_us_, first, count_) +
           ",\"render\":" + array_json(render_us_, first, count_) + "}";
}

}  // namespace quorum::dashboard
