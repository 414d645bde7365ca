// One frame of the viewer: the panels tiled over the window, as a desk layout.
//   +---------------- timeline (controls, scrubber, explanation) ---------------+
//   | topology                                   | host state                   |
//   +--------------------------------------------+------------------------------+
//   | events                                     | packet detail                |
#include <algorithm>
#include <cstdio>

#include "viz/app/panels.hpp"

namespace lvs::viz {

std::string time_text(SimTime t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld.%09lld s", static_cast<long long>(t / 1000000000),
                static_cast<long long>(t % 1000000000));
  return buf;
}

std::string flow_label(const App& app, std::uint32_t flow) {
  std::string s = "#" + std::to_string(flow);
  const auto it = app.paths.find(flow);
  if (it != app.paths.end() && !it->second.hops.empty()) s += "  " + it->second.notation();
  return s;
}

void begin_panel(const char* name, ImVec2 pos, ImVec2 size, bool title_bar) {
  ImGui::SetNextWindowPos(pos, ImGuiCond_Always);
  ImGui::SetNextWindowSize(size, ImGuiCond_Always);
  ImGui::Begin(name, nullptr,
               ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                   ImGuiWindowFlags_NoSavedSettings | (title_bar ? 0 : ImGuiWindowFlags_NoTitleBar));
}

void draw_frame(App& app) {
  const ImVec2 d = ImGui::GetIO().DisplaySize;
  const float top = 116.0f;
  const float right_w = std::max(460.0f, std::min(d.x * 0.47f, 640.0f));
  const float left_w = d.x - right_w;
  const float left_top_h = std::max(240.0f, (d.y - top) * 0.5f);
  const float right_top_h = std::max(260.0f, (d.y - top) * 0.56f);

  handle_keys(app);
  timeline_panel(app, ImVec2(0, 0), ImVec2(d.x, top));
  topology_panel(app, ImVec2(0, top), ImVec2(left_w, left_top_h));
  event_list_panel(app, ImVec2(0, top + left_top_h), ImVec2(left_w, d.y - top - left_top_h));
  host_panel(app, ImVec2(left_w, top), ImVec2(right_w, right_top_h));
  packet_panel(app, ImVec2(left_w, top + right_top_h), ImVec2(right_w, d.y - top - right_top_h));
  app.cursor_moved = false;
}

}  // namespace lvs::viz
