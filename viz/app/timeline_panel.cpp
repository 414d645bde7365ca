// Time control: play/pause, speed, one event back/forward, previous/next frame of the
// selected request, a scrubber with every event marked (colour = kind), and the
// current event with its explanation.
#include <algorithm>
#include <cmath>

#include "sim/trace/jsonl.hpp"
#include "viz/app/panels.hpp"
#include "viz/app/style.hpp"
#include "viz/model/explain.hpp"

namespace lvs::viz {
namespace {

// The scrubber's marks: per pixel column the most telling kind among its events.
struct MarkCache {
  int width = -1;
  std::uint32_t flow = 0;
  std::vector<std::int8_t> kind;  // -1 = no event
  std::vector<bool> flow_mark;
};

int priority(EventKind k) {
  switch (k) {
    case EventKind::kNeighbour: return 9;
    case EventKind::kArpDecision: return 8;
    case EventKind::kIpvs: return 7;
    case EventKind::kArp: return 6;
    case EventKind::kIcmp: return 5;
    case EventKind::kIpip: return 4;
    case EventKind::kTcp: return 3;
    case EventKind::kUdp: return 3;
    default: return 1;
  }
}

void rebuild_marks(MarkCache& m, const App& app, int width) {
  m.width = width;
  m.flow = app.selection.flow;
  m.kind.assign(static_cast<std::size_t>(width), -1);
  m.flow_mark.assign(static_cast<std::size_t>(width), false);
  const std::size_t n = app.events.size();
  if (n == 0 || width <= 0) return;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t col = std::min<std::size_t>(i * static_cast<std::size_t>(width) / n, width - 1);
    const EventInfo& e = app.events[i];
    auto& k = m.kind[col];
    if (k < 0 || priority(e.kind) > priority(static_cast<EventKind>(k))) k = static_cast<std::int8_t>(e.kind);
    if (m.flow != 0 && e.flow == m.flow) m.flow_mark[col] = true;
  }
}

void controls(App& app) {
  const std::size_t n = app.events.size();
  if (ImGui::Button("|<")) app.seek(0);
  ImGui::SameLine();
  if (ImGui::Button("<")) app.seek(app.cursor.step() == 0 ? 0 : app.cursor.step() - 1);
  ImGui::SameLine();
  if (ImGui::Button(app.playback.playing ? " Pause " : " Play  ")) app.playback.playing = !app.playback.playing;
  ImGui::SameLine();
  if (ImGui::Button(">")) app.seek(app.cursor.step() + 1);
  ImGui::SameLine();
  if (ImGui::Button(">|")) app.seek(n == 0 ? 0 : n - 1);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(150);
  ImGui::SliderFloat("##speed", &app.playback.events_per_second, 1.0f, 2000.0f, "%.0f events/s",
                     ImGuiSliderFlags_Logarithmic);
  ImGui::SameLine();
  ImGui::Text("event %zu / %zu   t = %s", app.cursor.step(), n == 0 ? 0 : n - 1,
              time_text(app.cursor.state().time).c_str());

  // The selected request and stepping through its frames.
  ImGui::SameLine(ImGui::GetWindowWidth() - 625);
  ImGui::TextUnformatted("request");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(320);
  const std::string current = app.selection.flow ? flow_label(app, app.selection.flow) : std::string("(none)");
  if (ImGui::BeginCombo("##request", current.c_str())) {
    if (ImGui::Selectable("(none)", app.selection.flow == 0)) app.selection.flow = 0;
    for (std::uint32_t f : app.events.flows())
      if (ImGui::Selectable(flow_label(app, f).c_str(), app.selection.flow == f)) app.selection.flow = f;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::BeginDisabled(app.selection.flow == 0);
  if (ImGui::Button("<< frame")) app.next_flow_frame(-1);
  ImGui::SameLine();
  if (ImGui::Button("frame >>")) app.next_flow_frame(+1);
  ImGui::EndDisabled();
  // Jump to the cause: the record the diagnosis names for the selected request.
  ImGui::SameLine();
  const Cause* cause = app.selected_cause();
  ImGui::BeginDisabled(cause == nullptr);
  if (ImGui::Button("cause")) app.jump_to_cause();
  ImGui::EndDisabled();
  if (cause && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("%s [%s, event %llu]", cause->text.c_str(), cause->kind.c_str(),
                      static_cast<unsigned long long>(cause->event));
}

void scrubber(App& app) {
  static MarkCache marks;
  const std::size_t n = app.events.size();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const float w = ImGui::GetContentRegionAvail().x;
  const float h = 22.0f;
  const int width = static_cast<int>(w);
  if (marks.width != width || marks.flow != app.selection.flow) rebuild_marks(marks, app, width);

  ImGui::InvisibleButton("##scrubber", ImVec2(w, h));
  if (ImGui::IsItemActive() && n > 0) {
    const float x = std::clamp(ImGui::GetIO().MousePos.x - p0.x, 0.0f, w - 1);
    app.seek(static_cast<std::size_t>(x / w * static_cast<float>(n)));
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p0, ImVec2(p0.x + w, p0.y + h), IM_COL32(232, 234, 238, 255), 3);
  for (int x = 0; x < width; ++x) {
    if (marks.flow_mark[x]) dl->AddLine(ImVec2(p0.x + x + 0.5f, p0.y), ImVec2(p0.x + x + 0.5f, p0.y + 4), kAccent);
    if (marks.kind[x] < 0) continue;
    dl->AddLine(ImVec2(p0.x + x + 0.5f, p0.y + 6), ImVec2(p0.x + x + 0.5f, p0.y + h - 2),
                kind_color(static_cast<EventKind>(marks.kind[x])));
  }
  if (n > 0) {
    const float cx = p0.x + (static_cast<float>(app.cursor.step()) + 0.5f) / static_cast<float>(n) * w;
    dl->AddTriangleFilled(ImVec2(cx - 6, p0.y - 1), ImVec2(cx + 6, p0.y - 1), ImVec2(cx, p0.y + 7), kInk);
    dl->AddLine(ImVec2(cx, p0.y), ImVec2(cx, p0.y + h), kInk, 2.0f);
  }
  if (ImGui::IsItemHovered() && n > 0) {
    const float x = std::clamp(ImGui::GetIO().MousePos.x - p0.x, 0.0f, w - 1);
    const std::size_t i = std::min(n - 1, static_cast<std::size_t>(x / w * static_cast<float>(n)));
    ImGui::SetTooltip("event %zu  %s\n%s", i, time_text(app.trace.records()[i].time).c_str(),
                      describe_record(app.trace, app.trace.records()[i]).c_str());
  }
}

void current_event(App& app) {
  if (app.events.size() == 0) return;
  const std::size_t i = app.cursor.step();
  const std::string line = describe_record(app.trace, app.trace.records()[i]);
  ImGui::PushStyleColor(ImGuiCol_Text, kind_color_v(app.events[i].kind));
  ImGui::PushFont(app.fonts.title);
  ImGui::Text("#%zu  %s", i, line.c_str());
  ImGui::PopFont();
  ImGui::PopStyleColor();
  const std::string why = explain_event(app.trace, app.events, i);
  if (!why.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, kExplainColor);
    ImGui::TextWrapped("%s", why.c_str());
    ImGui::PopStyleColor();
  }
}

}  // namespace

void timeline_panel(App& app, ImVec2 pos, ImVec2 size) {
  begin_panel("Timeline", pos, size, /*title_bar=*/false);
  controls(app);
  scrubber(app);
  current_event(app);
  ImGui::End();
}

void handle_keys(App& app) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return;
  const bool shift = io.KeyShift;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false)) app.playback.playing = !app.playback.playing;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) {
    if (shift) app.next_flow_frame(+1);
    else app.seek(app.cursor.step() + 1);
  }
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) {
    if (shift) app.next_flow_frame(-1);
    else app.seek(app.cursor.step() == 0 ? 0 : app.cursor.step() - 1);
  }
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Home), false)) app.seek(0);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_End), false))
    app.seek(app.events.size() == 0 ? 0 : app.events.size() - 1);
}

void advance_playback(App& app, double dt) {
  app.playback.since_step += dt;
  if (!app.playback.playing) return;
  app.playback.carry += dt * app.playback.events_per_second;
  const auto steps = static_cast<std::size_t>(std::floor(app.playback.carry));
  if (steps == 0) return;
  app.playback.carry -= static_cast<double>(steps);
  const std::size_t last = app.events.size() == 0 ? 0 : app.events.size() - 1;
  const std::size_t to = std::min(last, app.cursor.step() + steps);
  app.seek(to);
  if (to == last) app.playback.playing = false;
}

}  // namespace lvs::viz
