#pragma once
// Colours and fonts shared by the panels: one colour per host role (so a director never
// looks like a real server), per event kind (as marks on the timeline, dots on links and
// rows in the list) and per neighbour state.
#include <imgui.h>

#include <string>

#include "viz/app/app.hpp"

namespace lvs::viz {

ImU32 role_color(const std::string& role);
const char* role_label(const std::string& role);  // "real server"
ImU32 kind_color(EventKind k);
ImVec4 kind_color_v(EventKind k);
ImVec4 neigh_state_color(NeighState s);
ImU32 layer_color(std::size_t layer, float alpha);

inline constexpr ImU32 kInk = IM_COL32(30, 34, 40, 255);
inline constexpr ImU32 kMuted = IM_COL32(110, 116, 126, 255);
inline constexpr ImU32 kAccent = IM_COL32(232, 110, 20, 255);  // selected request path
inline const ImVec4 kExplainColor(0.05f, 0.38f, 0.62f, 1.0f);

// A light theme with readable fonts (DejaVu from fonts-dejavu-core when installed,
// ImGui's built-in font otherwise).
Fonts setup_style_and_fonts();

}  // namespace lvs::viz
