#include "viz/app/style.hpp"

#include <filesystem>

namespace lvs::viz {

ImU32 role_color(const std::string& role) {
  if (role == "client") return IM_COL32(70, 130, 200, 255);
  if (role == "gateway" || role == "router") return IM_COL32(120, 120, 130, 255);
  if (role == "director") return IM_COL32(214, 90, 40, 255);
  if (role == "realserver") return IM_COL32(60, 150, 80, 255);
  if (role == "nfs") return IM_COL32(140, 90, 170, 255);
  return IM_COL32(90, 140, 140, 255);
}

const char* role_label(const std::string& role) {
  if (role == "realserver") return "real server";
  if (role == "nfs") return "NFS";
  return role.c_str();
}

ImVec4 kind_color_v(EventKind k) {
  switch (k) {
    case EventKind::kArp: return ImVec4(0.85f, 0.62f, 0.05f, 1);
    case EventKind::kTcp: return ImVec4(0.18f, 0.45f, 0.80f, 1);
    case EventKind::kUdp: return ImVec4(0.45f, 0.35f, 0.75f, 1);
    case EventKind::kIcmp: return ImVec4(0.80f, 0.25f, 0.55f, 1);
    case EventKind::kIpip: return ImVec4(0.10f, 0.60f, 0.60f, 1);
    case EventKind::kNeighbour: return ImVec4(0.75f, 0.45f, 0.00f, 1);
    case EventKind::kArpDecision: return ImVec4(0.65f, 0.50f, 0.10f, 1);
    case EventKind::kIpvs: return ImVec4(0.84f, 0.33f, 0.15f, 1);
    case EventKind::kTcpState: return ImVec4(0.35f, 0.55f, 0.75f, 1);
    case EventKind::kApp: return ImVec4(0.20f, 0.55f, 0.30f, 1);
    default: return ImVec4(0.45f, 0.47f, 0.50f, 1);
  }
}

ImU32 kind_color(EventKind k) { return ImGui::ColorConvertFloat4ToU32(kind_color_v(k)); }

ImVec4 neigh_state_color(NeighState s) {
  switch (s) {
    case NeighState::kReachable: return ImVec4(0.10f, 0.50f, 0.15f, 1);
    case NeighState::kStale: return ImVec4(0.55f, 0.45f, 0.05f, 1);
    case NeighState::kDelay:
    case NeighState::kProbe: return ImVec4(0.75f, 0.40f, 0.00f, 1);
    case NeighState::kIncomplete: return ImVec4(0.30f, 0.35f, 0.75f, 1);
    case NeighState::kFailed: return ImVec4(0.80f, 0.10f, 0.10f, 1);
    default: return ImVec4(0.3f, 0.3f, 0.3f, 1);
  }
}

ImU32 layer_color(std::size_t layer, float alpha) {
  static const ImVec4 tints[] = {{0.95f, 0.80f, 0.35f, 1}, {0.45f, 0.70f, 0.95f, 1}, {0.55f, 0.85f, 0.55f, 1},
                                 {0.90f, 0.60f, 0.85f, 1}, {0.60f, 0.85f, 0.85f, 1}, {0.85f, 0.70f, 0.55f, 1}};
  ImVec4 c = tints[layer % (sizeof tints / sizeof tints[0])];
  c.w = alpha;
  return ImGui::ColorConvertFloat4ToU32(c);
}

namespace {

ImFont* load_font(const char* path, float size) {
  if (!std::filesystem::exists(path)) return nullptr;
  return ImGui::GetIO().Fonts->AddFontFromFileTTF(path, size);
}

}  // namespace

Fonts setup_style_and_fonts() {
  ImGui::StyleColorsLight();
  ImGuiStyle& st = ImGui::GetStyle();
  st.WindowRounding = 4;
  st.FrameRounding = 3;
  st.GrabRounding = 3;
  st.WindowPadding = ImVec2(8, 6);
  st.ItemSpacing = ImVec2(7, 4);
  st.CellPadding = ImVec2(5, 1);
  st.Colors[ImGuiCol_WindowBg] = ImVec4(0.975f, 0.975f, 0.97f, 1);
  st.Colors[ImGuiCol_TitleBgActive] = ImVec4(0.80f, 0.84f, 0.90f, 1);
  st.Colors[ImGuiCol_TitleBg] = ImVec4(0.86f, 0.88f, 0.92f, 1);

  Fonts f;
  const char* dir = "/usr/share/fonts/truetype/dejavu/";
  f.ui = load_font((std::string(dir) + "DejaVuSans.ttf").c_str(), 14.0f);
  f.mono = load_font((std::string(dir) + "DejaVuSansMono.ttf").c_str(), 12.5f);
  f.title = load_font((std::string(dir) + "DejaVuSans-Bold.ttf").c_str(), 14.0f);
  ImFont* fallback = ImGui::GetIO().Fonts->AddFontDefault();
  if (!f.ui) f.ui = fallback;
  if (!f.mono) f.mono = fallback;
  if (!f.title) f.title = f.ui;
  ImGui::GetIO().FontDefault = f.ui;
  return f;
}

}  // namespace lvs::viz
