#pragma once
// The viewer's whole state: the trace and what is derived from it once (event index,
// state checkpoints, request paths, initial layout), the cursor, and the user's
// selection. Panels (panels.hpp) are plain functions of this value, drawn every frame
// in the shape of Dear ImGui's example loop: poll, new frame, panels, render, swap.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/trace/cause.hpp"
#include "sim/trace/paths.hpp"
#include "viz/app/layout.hpp"
#include "viz/model/event_index.hpp"
#include "viz/model/state_index.hpp"

struct ImFont;

namespace lvs::viz {

struct Fonts {
  ImFont* ui = nullptr;
  ImFont* mono = nullptr;
  ImFont* title = nullptr;
};

struct Selection {
  std::uint32_t flow = 0;                            // selected request (0 = none)
  HostId host = kNoId;                               // host shown in the state panel
  bool follow_event_host = true;                     // the state panel follows the current event's host
  std::uint32_t field_offset = 0, field_length = 0;  // hovered packet field (bytes lit in the hex dump)
};

struct Playback {
  bool playing = false;
  float events_per_second = 20.0f;
  double carry = 0;         // fractional events not yet stepped
  double since_step = 1e9;  // seconds since the cursor last moved (drives the animation)
};

class App {
 public:
  App(const Trace& trace, std::string title);

  const Trace& trace;
  std::string title;
  EventIndex events;
  StateIndex states;
  Cursor cursor;
  std::unordered_map<std::uint32_t, RequestPath> paths;
  // Each unhealthy request's cause (the run report's diagnosis), by request: "jump to the
  // cause" seeks to its record. Filled by whoever made the run (lvslab view).
  std::unordered_map<std::uint32_t, Cause> causes;

  Selection selection;
  Playback playback;
  EventFilter filter;
  std::vector<std::uint32_t> filtered;  // event numbers passing `filter`
  EventFilter filtered_for;             // the filter `filtered` was computed for
  bool filter_valid = false;
  std::vector<NodePos> nodes;  // hosts then segments, in [0, 1]
  Fonts fonts;

  bool cursor_moved = true;      // set by seek(); panels scroll to the new event
  bool fixed_animation = false;  // screenshots: draw the frame half-way along its link

  void seek(std::size_t step);
  // Next / previous frame record of the selected request from the cursor (none: stay).
  void next_flow_frame(int direction);
  // The selected request's cause, if it has one (nullptr: healthy or none selected).
  const Cause* selected_cause() const;
  // Seeks to the record of the selected request's cause; false when it has none.
  bool jump_to_cause();
  const std::vector<std::uint32_t>& visible_events();
  // Host shown by the state panel: the current event's host while following it, else
  // the last one shown or clicked.
  HostId panel_host();
};

}  // namespace lvs::viz
