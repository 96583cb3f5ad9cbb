// How long the recent frames took on the CPU, in microseconds, in two parts:
//   ui      ImGui's NewFrame to Render: the run's advance and every panel
//           building its draw lists (what ImGuiListClipper keeps small);
//   render  the OpenGL backend handing those lists to GL (WebGL in the
//           page, whose cost depends on the browser's GL, not on us).
// For the frame-cost benchmark (scripts/bench_frame.mjs, through
// window.quorum.frameTimes()).
#pragma once

#include <array>
#include <cstddef>
#include <string>

namespace quorum::dashboard {

class FrameStats {
  public:
    static constexpr std::size_t kKept = 600;  // ten seconds at 60 frames per second

    void record(double ui_us, double render_us);
    // The kept frames, oldest first: {"ui":[...],"render":[...]}.
    std::string to_json() const;

  private:
    std::array<double, kKept> ui_us_{};
    std::array<double, kKept> render_us_{};
    std::size_t next_ = 0;
    std::size_t count_ = 0;
};

}  // namespace quorum::dashboard
