// Colours and line weights shared by the panels.
//
// Node states use the Okabe-Ito palette, which stays distinct under the common forms
// of colour blindness, and every state also has its own shape and letter, so
// colour is never the only cue. Projector mode thickens lines and raises
// contrast for a washed-out projector at the back of a room.
#pragma once

#include <imgui.h>

#include <cstdint>

namespace quorum::dashboard {

struct Theme {
    bool projector = false;

    float line_scale() const { return projector ? 2.0f : 1.0f; }

    // Okabe-Ito. Protocol views give node states these colours in order of
    // progress: at rest, trying, contending, leading (sky blue, yellow,
    // orange, bluish green); reddish purple for a state off that path.
    static constexpr ImU32 kSkyBlue = IM_COL32(86, 180, 233, 255);
    static constexpr ImU32 kYellow = IM_COL32(240, 228, 66, 255);
    static constexpr ImU32 kOrange = IM_COL32(230, 159, 0, 255);
    static constexpr ImU32 kBluishGreen = IM_COL32(0, 158, 115, 255);
    static constexpr ImU32 kReddishPurple = IM_COL32(204, 121, 167, 255);
    static constexpr ImU32 kBlue = IM_COL32(0, 114, 178, 255);
    static constexpr ImU32 kCrashed = IM_COL32(90, 90, 90, 255);
    static constexpr ImU32 kLost = IM_COL32(213, 94, 0, 255);  // Okabe-Ito vermillion
    static constexpr ImU32 kSelected = IM_COL32(255, 255, 255, 255);

    // Log cells: one colour per term, cycling through eight that differ in
    // lightness as well as hue (readable with dark text on every one).
    static ImU32 term_colour(std::uint64_t term) {
        static constexpr ImU32 kColours[] = {
            IM_COL32(86, 180, 233, 255), IM_COL32(230, 159, 0, 255),   IM_COL32(0, 158, 115, 255),
            IM_COL32(240, 228, 66, 255), IM_COL32(204, 121, 167, 255), IM_COL32(150, 200, 255, 255),
            IM_COL32(213, 94, 0, 255),   IM_COL32(180, 180, 180, 255)};
        return term == 0 ? IM_COL32(60, 60, 60, 255) : kColours[(term - 1) % 8];
    }
};

}  // namespace quorum::dashboard
