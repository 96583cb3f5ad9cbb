// Force-included into Dear ImGui's OpenGL3 backend (imgui_impl_opengl3.cpp),
// in the web build only: see webgl_state_queries.cpp for why.
#pragma once

#include <GLES3/gl3.h>

#ifdef __cplusplus
extern "C" {
#endif
void quorum_gl_get_integerv(GLenum name, GLint* values);
#ifdef __cplusplus
}
#endif

#define glGetIntegerv quorum_gl_get_integerv
