// How long the recent frames took on the CPU: from ImGui's NewFrame to the
// end of RenderDrawData (building the UI, the run's advance included, and
// handing the draw lists to GL), in microseconds. For the frame-cost
// benchmark (scripts/bench_frame.mjs, through window.quorum.frameTimes()).
#pragma once

#include <array>
#include <cstddef>
#include <string>

namespace quorum::dashboard {

class FrameStats {
  public:
    static constexpr std::size_t kKept = 600;  // ten seconds at 60 frames per second

    void record(double frame_us);
    // The kept frames, oldest first, as a JSON array of microseconds.
    std::string to_json() const;

  private:
    std::array<double, kKept> frames_us_{};
    std::size_t next_ = 0;
    std::size_t count_ = 0;
};

}  // namespace quorum::dashboard
