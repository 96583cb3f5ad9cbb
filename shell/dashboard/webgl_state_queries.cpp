// Answers Dear ImGui's per-frame GL state queries without asking WebGL.
//
// ImGui 1.86's OpenGL3 backend saves about a dozen pieces of GL state with
// glGetIntegerv before it draws and restores them after, every frame, so it
// can share a context with other renderers. In a browser each query is a
// synchronous WebGL getParameter that waits for the GPU process to catch up:
// with the workers runner at full speed in headless Chromium (SwiftShader),
// these queries took two thirds of the page's main thread (Chrome's profiler,
// 2026-12-06), time the scheduler could not use.
//
// The dashboard is the only user of its WebGL context and sets the viewport
// itself before every frame (main.cpp), so the state to restore is simply
// WebGL's default: that is what this answers. Queries asked once at start-up
// (the GL version, extensions) still go to WebGL. The desktop build keeps
// ImGui's own queries: a native driver answers them at once.
#include "webgl_state_queries.h"

#undef glGetIntegerv

extern "C" void quorum_gl_get_integerv(GLenum name, GLint* values) {
    switch (name) {
        case GL_ACTIVE_TEXTURE:
            values[0] = GL_TEXTURE0;
            return;
        case GL_CURRENT_PROGRAM:
        case GL_TEXTURE_BINDING_2D:
        case GL_SAMPLER_BINDING:
        case GL_ARRAY_BUFFER_BINDING:
        case GL_ELEMENT_ARRAY_BUFFER_BINDING:
        case GL_VERTEX_ARRAY_BINDING:
            values[0] = 0;
            return;
        case GL_BLEND_SRC_RGB:
        case GL_BLEND_SRC_ALPHA:
            values[0] = GL_ONE;
            return;
        case GL_BLEND_DST_RGB:
        case GL_BLEND_DST_ALPHA:
            values[0] = GL_ZERO;
            return;
        case GL_BLEND_EQUATION_RGB:
        case GL_BLEND_EQUATION_ALPHA:
            values[0] = GL_FUNC_ADD;
            return;
        case GL_VIEWPORT:
        case GL_SCISSOR_BOX:  // main.cpp sets the viewport; scissoring ends disabled
            values[0] = values[1] = values[2] = values[3] = 0;
            return;
        default:
            glGetIntegerv(name, values);
    }
}
