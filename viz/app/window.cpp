#include "viz/app/window.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <stb_image_write.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <vector>

#include "viz/app/panels.hpp"
#include "viz/app/style.hpp"

namespace lvs::viz {
namespace {

void glfw_error(int code, const char* text) { std::cerr << "lvslab view: GLFW error " << code << ": " << text << "\n"; }

// Builds the frame's UI (panels -> ImGui draw lists); returns its CPU time in ms.
double build_ui(App& app) {
  const auto t0 = std::chrono::steady_clock::now();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  draw_frame(app);
  ImGui::Render();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

void render_one(App& app, GLFWwindow* window, double* ui_ms = nullptr) {
  const double ui = build_ui(app);
  if (ui_ms) *ui_ms = ui;
  int w = 0, h = 0;
  glfwGetFramebufferSize(window, &w, &h);
  glViewport(0, 0, w, h);
  glClearColor(0.93f, 0.94f, 0.95f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

// Writes the back buffer as PNG into `out` and renames it into place; throws OutputError.
void save_png(GLFWwindow* window, OutputFile& out) {
  int w = 0, h = 0;
  glfwGetFramebufferSize(window, &w, &h);
  std::vector<unsigned char> pixels(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 3);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, w, h, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  stbi_flip_vertically_on_write(1);  // GL rows run bottom-up
  const auto sink = [](void* context, void* data, int size) {
    static_cast<OutputFile*>(context)->write(
        std::string_view(static_cast<const char*>(data), static_cast<std::size_t>(size)));
  };
  if (stbi_write_png_to_func(sink, &out, w, h, 3, pixels.data(), w * 3) == 0)
    throw OutputError(out.path() + ": the PNG encoder failed");
  out.commit();
}

void interactive_loop(App& app, GLFWwindow* window) {
  while (!glfwWindowShouldClose(window)) {
    // Sleep while nothing moves; poll at the display rate while playing or animating.
    const bool busy = app.playback.playing || app.playback.since_step < 1.0;
    if (busy) glfwPollEvents();
    else glfwWaitEventsTimeout(0.25);
    advance_playback(app, ImGui::GetIO().DeltaTime);
    render_one(app, window);
    glfwSwapBuffers(window);
  }
}

// Frame times while the cursor jumps across the whole trace every frame (the worst case
// of scrubbing), printed as a summary line.
void bench_loop(App& app, GLFWwindow* window, int frames) {
  std::vector<double> ms, ui;
  const std::size_t n = std::max<std::size_t>(app.events.size(), 1);
  for (int f = 0; f < frames; ++f) {
    const auto t0 = std::chrono::steady_clock::now();
    glfwPollEvents();
    app.seek((static_cast<std::size_t>(f) * 7919u * 104729u) % n);
    double ui_ms = 0;
    render_one(app, window, &ui_ms);
    glFinish();
    glfwSwapBuffers(window);
    ui.push_back(ui_ms);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  const auto report = [&](const char* what, std::vector<double> v) {
    std::sort(v.begin(), v.end());
    double sum = 0;
    for (double x : v) sum += x;
    std::printf("%s: mean %.2f ms, median %.2f ms, p95 %.2f ms, max %.2f ms\n", what,
                sum / static_cast<double>(v.size()), v[v.size() / 2], v[v.size() * 95 / 100], v.back());
  };
  std::printf("%d frames, cursor jumping across %zu events every frame\n", frames, app.events.size());
  report("  whole frame (UI + OpenGL + swap)", ms);
  report("  UI only (panels, seek, ImGui)  ", ui);
}

}  // namespace

WindowResult run_window(App& app, const WindowOptions& options) {
  glfwSetErrorCallback(glfw_error);
  if (!glfwInit()) {
    std::cerr << "lvslab view: cannot open a window (no display? run it under xvfb-run for --screenshot)\n";
    return WindowResult::kNoWindow;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  const bool offscreen = options.screenshot != nullptr;
  if (offscreen) glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
  GLFWwindow* window = glfwCreateWindow(options.width, options.height, app.title.c_str(), nullptr, nullptr);
  if (!window) {
    glfwTerminate();
    std::cerr << "lvslab view: cannot create an OpenGL 3.3 window\n";
    return WindowResult::kNoWindow;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(offscreen || options.bench_frames > 0 ? 0 : 1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // the layout is computed, nothing to remember
  app.fonts = setup_style_and_fonts();
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");

  WindowResult status = WindowResult::kOk;
  if (offscreen) {
    app.fixed_animation = true;
    // ImGui sizes windows, tables and scroll positions over the first frames.
    for (int i = 0; i < 4; ++i) {
      app.cursor_moved = true;  // keep the event list scrolled to the current event
      render_one(app, window);
    }
    try {
      save_png(window, *options.screenshot);
    } catch (const OutputError& e) {
      std::cerr << "lvslab view: --screenshot: " << e.what() << "\n";
      status = WindowResult::kScreenshotNotWritten;
    }
  } else if (options.bench_frames > 0) {
    bench_loop(app, window, options.bench_frames);
  } else {
    interactive_loop(app, window);
  }

  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return status;
}

}  // namespace lvs::viz
