#include "quorum/types.hpp"

namespace quorum {

std::string format_time(TimeUs time_us) {
    const TimeUs seconds = time_us / kMicrosecondsPerSecond;
    std::string micros = std::to_string(time_us % kMicrosecondsPerSecond);
    micros.insert(0, 6 - micros.size(), '0');
    return std::to_string(seconds) + "." + micros + "s";
}

}  // namespace quorum
