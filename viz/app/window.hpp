#pragma once
// The window: GLFW + OpenGL 3.3 core + Dear ImGui's GLFW and OpenGL3 backends, in the
// shape of ImGui's example_glfw_opengl3 loop. Also renders a single frame into a hidden
// window and saves it as PNG (stb_image_write) for screenshots and tests.
#include "sim/trace/output_file.hpp"
#include "viz/app/app.hpp"

namespace lvs::viz {

struct WindowOptions {
  int width = 1280, height = 800;
  OutputFile* screenshot = nullptr;  // set: render hidden, write the PNG into it, commit it, return
  int bench_frames = 0;              // > 0: render this many frames scrubbing through the trace, print timings
};

// How the window ended; the reason for a failure goes to stderr. `lvslab view` turns it
// into its exit status (sim/cli/cmd_view.cpp), so the viewer needs nothing of the CLI.
enum class WindowResult { kOk, kNoWindow /* no display, no OpenGL 3.3 */, kScreenshotNotWritten };
WindowResult run_window(App& app, const WindowOptions& options);

}  // namespace lvs::viz
