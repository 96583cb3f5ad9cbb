// The dashboard's fonts: DejaVu Sans for text, DejaVu Sans Mono for logs and
// traces, compiled in at build time (see CMakeLists.txt).
//
// Text is rasterized at size x device pixel ratio and drawn scaled back by
// 1 / ratio, so it is sharp on high-density screens and the same physical size
// everywhere. The size is the teacher's to raise for a projector; a change
// rebuilds the atlas between frames.
#pragma once

struct ImFont;

namespace quorum::dashboard {

class Fonts {
  public:
    static constexpr float kDefaultSizePx = 17.0f;
    static constexpr float kMinSizePx = 12.0f;
    static constexpr float kMaxSizePx = 40.0f;

    // Asks for a new text size (CSS pixels), clamped to [kMinSizePx, kMaxSizePx].
    // Takes effect before the next frame.
    void request_size(float size_px);
    float size_px() const { return requested_size_px_; }

    // Rebuilds the atlas if the size or the device pixel ratio changed since
    // the last build. Returns true when it did: the renderer must then upload
    // the font texture again. Call between frames, never inside one.
    bool rebuild_if_needed(float device_pixel_ratio);

    ImFont* text() const { return text_; }
    ImFont* mono() const { return mono_; }
    // The Cluster panel's labels, which grow with its ring up to this many
    // times the text size: rasterized that large, drawn smaller, always sharp.
    static constexpr float kLabelScaleMax = 1.6f;
    ImFont* label() const { return label_; }

  private:
    float requested_size_px_ = kDefaultSizePx;
    float built_size_px_ = 0.0f;
    float built_pixel_ratio_ = 0.0f;
    ImFont* text_ = nullptr;
    ImFont* mono_ = nullptr;
    ImFont* label_ = nullptr;
};

}  // namespace quorum::dashboard
