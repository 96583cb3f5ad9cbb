#include "desktop_screenshot.hpp"

#include <SDL_opengl.h>
#include <stb/stb_image_write.h>

#include <cstddef>
#include <cstdio>
#include <vector>

namespace quorum::dashboard {

bool write_screenshot_png(const std::string& path, int width, int height) {
    const auto row_bytes = static_cast<std::size_t>(width) * 4;
    std::vector<unsigned char> pixels(row_bytes * static_cast<std::size_t>(height));
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL's rows run bottom to top; PNG's top to bottom.
    stbi_flip_vertically_on_write(1);
    if (stbi_write_png(path.c_str(), width, height, 4, pixels.data(),
                       static_cast<int>(row_bytes)) == 0) {
        std::fprintf(stderr, "quorum: cannot write screenshot %s\n", path.c_str());
        return false;
    }
    return true;
}

}  // namespace quorum::dashboard
