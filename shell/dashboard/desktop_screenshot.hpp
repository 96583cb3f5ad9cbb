// Desktop only: writes the current OpenGL back buffer to a PNG file, so a test
// under Xvfb (and the README's screenshots) can see what the desktop build drew.
#pragma once

#include <string>

namespace quorum::dashboard {

// Reads the back buffer (call after rendering, before swapping). Returns false
// and says why on stderr if the file cannot be written.
bool write_screenshot_png(const std::string& path, int width, int height);

}  // namespace quorum::dashboard
