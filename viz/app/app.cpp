#include "viz/app/app.hpp"

namespace lvs::viz {

App::App(const Trace& t, std::string window_title)
    : trace(t),
      title(std::move(window_title)),
      events(t),
      states(t),
      cursor(states),
      paths(request_paths(t)),
      nodes(topology_layout(t.meta())) {}

void App::seek(std::size_t step) {
  const std::size_t before = cursor.step();
  cursor.seek(step);
  if (cursor.step() != before) {
    cursor_moved = true;
    playback.since_step = 0;
  }
}

void App::next_flow_frame(int direction) {
  if (selection.flow == 0 || events.size() == 0) return;
  std::size_t i = cursor.step();
  while (direction > 0 ? i + 1 < events.size() : i > 0) {
    i = direction > 0 ? i + 1 : i - 1;
    const EventInfo& e = events[i];
    if (e.frame && e.flow == selection.flow) {
      seek(i);
      return;
    }
  }
}

const Cause* App::selected_cause() const {
  const auto it = causes.find(selection.flow);
  return selection.flow == 0 || it == causes.end() ? nullptr : &it->second;
}

bool App::jump_to_cause() {
  const Cause* cause = selected_cause();
  if (!cause) return false;
  seek(cause->event);
  return true;
}

const std::vector<std::uint32_t>& App::visible_events() {
  if (!filter_valid || !(filtered_for == filter)) {
    filtered = filter_events(events, filter);
    filtered_for = filter;
    filter_valid = true;
  }
  return filtered;
}

HostId App::panel_host() {
  if (selection.follow_event_host && events.size() > 0) {
    const HostId h = events[cursor.step()].host;
    if (h != kNoId) selection.host = h;
  }
  if (selection.host == kNoId && !trace.meta().hosts.empty()) selection.host = 0;
  return selection.host;
}

}  // namespace lvs::viz
