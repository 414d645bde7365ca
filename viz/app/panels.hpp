#pragma once
// The viewer's panels. Each is a plain function of the App (trace, cursor, selection),
// drawn into the rectangle it is given; no state lives in widgets.
#include <imgui.h>

#include "viz/app/app.hpp"

namespace lvs::viz {

void timeline_panel(App& app, ImVec2 pos, ImVec2 size);
void topology_panel(App& app, ImVec2 pos, ImVec2 size);
void event_list_panel(App& app, ImVec2 pos, ImVec2 size);
void packet_panel(App& app, ImVec2 pos, ImVec2 size);
void host_panel(App& app, ImVec2 pos, ImVec2 size);

// Keyboard: space play/pause, left/right step, Home/End, shift+left/right previous /
// next frame of the selected request.
void handle_keys(App& app);
// Advances playback by `dt` seconds of wall time.
void advance_playback(App& app, double dt);

// All panels tiled over the display.
void draw_frame(App& app);

// Helpers shared by panels.
std::string time_text(SimTime t);                            // "1.000388551 s"
std::string flow_label(const App& app, std::uint32_t flow);  // "#3 CIP-DGW-VIP-RIP-DIP-DGW-CIP"
void begin_panel(const char* name, ImVec2 pos, ImVec2 size, bool title_bar = true);

}  // namespace lvs::viz
