// The dashboard's platform layer, one file for both targets (as in Dear
// ImGui's example apps): the SDL2 window, the OpenGL context, the ImGui
// backends and the main loop.
//
//   browser: SDL2 (built from Debian's source package) + WebGL2 (OpenGL ES 3),
//            the loop driven by emscripten_set_main_loop_arg;
//   desktop: SDL2 + OpenGL 3.2 core, a plain while loop; --frames and
//            --screenshot let tests run it headless under Xvfb.
//
// [SECTION] Options      desktop command line
// [SECTION] Window       SDL window and GL context
// [SECTION] Frame        one frame: events, fonts, draw, render
// [SECTION] Main         set-up and the loop

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl.h>

#include <chrono>
#include <cstdio>
#include <exception>
#include <memory>
#include <string>

#include "dashboard.hpp"
#include "page_bridge.hpp"

#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
#include <emscripten.h>
#else
#include <SDL_opengl.h>

#include <CLI/CLI.hpp>

#include "desktop_screenshot.hpp"
#endif

namespace {

using quorum::dashboard::Dashboard;

// ImGui auto-sizes some windows on their first frames; the page is told it is
// ready only once what it shows is what a person would see.
constexpr int kFramesBeforeReady = 3;

// -----------------------------------------------------------------------------
// [SECTION] Options
// -----------------------------------------------------------------------------

struct Options {
    int width = 1280;
    int height = 720;
    int frames = 0;  // 0: run until the window closes
    std::string screenshot_path;
    float text_size_px = quorum::dashboard::Fonts::kDefaultSizePx;
};

// -----------------------------------------------------------------------------
// [SECTION] Window
// -----------------------------------------------------------------------------

struct Shell {
    SDL_Window* window = nullptr;
    SDL_GLContext gl_context = nullptr;
    Dashboard dashboard;
    Options options;
    int frames_drawn = 0;
    bool quit = false;
};

const char* configure_gl_attributes() {
#ifdef __EMSCRIPTEN__
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
    return "#version 300 es";
#else
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, SDL_GL_CONTEXT_FORWARD_COMPATIBLE_FLAG);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 2);
    return "#version 150";
#endif
}

bool open_window(Shell& shell) {
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
        std::fprintf(stderr, "quorum: SDL_Init failed: %s\n", SDL_GetError());
        return false;
    }
#ifdef __EMSCRIPTEN__
    // Keyboard input belongs to the canvas, not to the whole page.
    SDL_SetHint(SDL_HINT_EMSCRIPTEN_KEYBOARD_ELEMENT, "#canvas");
#endif
    const char* glsl_version = configure_gl_attributes();
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 8);
    // In the page the canvas is sized by CSS; SDL follows it (and the device
    // pixel ratio) when the window is resizable and allows high DPI.
    const auto flags = static_cast<SDL_WindowFlags>(SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE |
                                                    SDL_WINDOW_ALLOW_HIGHDPI);
    shell.window = SDL_CreateWindow("Quorum", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                    shell.options.width, shell.options.height, flags);
    if (shell.window == nullptr) {
        std::fprintf(stderr, "quorum: cannot open a window: %s\n", SDL_GetError());
        return false;
    }
    shell.gl_context = SDL_GL_CreateContext(shell.window);
    if (shell.gl_context == nullptr) {
        std::fprintf(stderr, "quorum: cannot create an OpenGL context: %s\n", SDL_GetError());
        return false;
    }
    SDL_GL_MakeCurrent(shell.window, shell.gl_context);
    SDL_GL_SetSwapInterval(1);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // the layout is computed, nothing to save
    ImGui_ImplSDL2_InitForOpenGL(shell.window, shell.gl_context);
    ImGui_ImplOpenGL3_Init(glsl_version);
    return true;
}

#ifndef __EMSCRIPTEN__
// The page never closes the window: the tab goes away with everything in it.
void close_window(Shell& shell) {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
    SDL_GL_DeleteContext(shell.gl_context);
    SDL_DestroyWindow(shell.window);
    SDL_Quit();
}
#endif

// -----------------------------------------------------------------------------
// [SECTION] Frame
// -----------------------------------------------------------------------------

void poll_events(Shell& shell) {
    SDL_Event event;
    while (SDL_PollEvent(&event)) {
        ImGui_ImplSDL2_ProcessEvent(&event);
        if (event.type == SDL_QUIT) {
            shell.quit = true;
        }
    }
}

// Rebuilds the font atlas when the text size or the pixel ratio changed (a
// browser zoom, a move to another screen) and re-uploads its texture.
void refresh_fonts(Shell& shell, float pixel_ratio) {
    if (shell.dashboard.fonts().rebuild_if_needed(pixel_ratio)) {
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
        shell.dashboard.apply_style();
    }
}

void run_frame(Shell& shell) {
    poll_events(shell);
    int window_width = 0, window_height = 0, drawable_width = 0, drawable_height = 0;
    SDL_GetWindowSize(shell.window, &window_width, &window_height);
    SDL_GL_GetDrawableSize(shell.window, &drawable_width, &drawable_height);
    const float pixel_ratio =
        window_width > 0 ? static_cast<float>(drawable_width) / static_cast<float>(window_width)
                         : 1.0f;
    refresh_fonts(shell, pixel_ratio);

    const auto frame_start = std::chrono::steady_clock::now();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    ImGui::NewFrame();
    shell.dashboard.draw();
    ImGui::Render();
    const auto ui_end = std::chrono::steady_clock::now();

    glViewport(0, 0, drawable_width, drawable_height);
    glClearColor(0.08f, 0.09f, 0.11f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    using Microseconds = std::chrono::duration<double, std::micro>;
    shell.dashboard.frame_stats().record(
        Microseconds(ui_end - frame_start).count(),
        Microseconds(std::chrono::steady_clock::now() - ui_end).count());
    ++shell.frames_drawn;
#ifndef __EMSCRIPTEN__
    if (shell.frames_drawn == shell.options.frames && !shell.options.screenshot_path.empty()) {
        quorum::dashboard::write_screenshot_png(shell.options.screenshot_path, drawable_width,
                                                drawable_height);
    }
#endif
    SDL_GL_SwapWindow(shell.window);
    if (shell.frames_drawn == kFramesBeforeReady) {
        quorum::dashboard::page_mark_ready();
    }
}

// -----------------------------------------------------------------------------
// [SECTION] Main
// -----------------------------------------------------------------------------

bool start(Shell& shell) {
    if (!open_window(shell)) {
        return false;
    }
    quorum::dashboard::page_attach(shell.dashboard);
    shell.dashboard.fonts().request_size(shell.options.text_size_px);
    return true;
}

}  // namespace

#ifdef __EMSCRIPTEN__

// An exception out of a frame leaves ImGui half-way through it: the loop
// stops, and the page shows the exception's own message (web/boot.js) once.
void run_frame_or_stop(void* arg) {
    try {
        run_frame(*static_cast<Shell*>(arg));
    } catch (const std::exception& error) {
        emscripten_cancel_main_loop();
        quorum::dashboard::page_report_stop(error.what());
    }
}

int main() {
    // The browser owns the loop: the shell must outlive main().
    static Shell shell;
    if (!start(shell)) {
        return 1;
    }
    emscripten_set_main_loop_arg(run_frame_or_stop, &shell, 0, true);
    return 0;
}

#else

int main(int argc, char** argv) {
    auto shell = std::make_unique<Shell>();
    CLI::App app{"Quorum dashboard (desktop)"};
    app.add_option("--width", shell->options.width, "window width in pixels")
        ->check(CLI::Range(320, 8192));
    app.add_option("--height", shell->options.height, "window height in pixels")
        ->check(CLI::Range(240, 8192));
    app.add_option("--text-size", shell->options.text_size_px, "text size in pixels")
        ->check(
            CLI::Range(quorum::dashboard::Fonts::kMinSizePx, quorum::dashboard::Fonts::kMaxSizePx));
    app.add_option("--frames", shell->options.frames,
                   "draw this many frames, then exit (0: until closed)")
        ->check(CLI::NonNegativeNumber);
    app.add_option("--screenshot", shell->options.screenshot_path,
                   "write the last frame to this PNG file")
        ->needs(app.get_option("--frames"));
    CLI11_PARSE(app, argc, argv);

    if (!start(*shell)) {
        return 1;
    }
    while (!shell->quit &&
           (shell->options.frames == 0 || shell->frames_drawn < shell->options.frames)) {
        run_frame(*shell);
    }
    close_window(*shell);
    return 0;
}

#endif
