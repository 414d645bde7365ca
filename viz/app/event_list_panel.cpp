// The event list, like a packet list: number, time, host, interface, kind and a
// one-line summary, filterable by host, kind and request. Only the visible rows are
// built (ImGuiListClipper), so a trace of 100,000 events scrolls as fast as a small one.
#include <algorithm>
#include <variant>

#include "sim/trace/jsonl.hpp"
#include "sim/wire/summary.hpp"
#include "viz/app/panels.hpp"
#include "viz/app/style.hpp"

namespace lvs::viz {
namespace {

struct KindGroup {
  const char* name;
  std::uint32_t bits;
};

constexpr std::uint32_t bit(EventKind k) { return 1u << static_cast<unsigned>(k); }

const KindGroup kGroups[] = {
    {"ARP", bit(EventKind::kArp) | bit(EventKind::kArpDecision)},
    {"neigh", bit(EventKind::kNeighbour)},
    {"TCP", bit(EventKind::kTcp) | bit(EventKind::kTcpState)},
    {"UDP/ICMP", bit(EventKind::kUdp) | bit(EventKind::kIcmp)},
    {"IPIP", bit(EventKind::kIpip)},
    {"IPVS", bit(EventKind::kIpvs)},
    {"other", bit(EventKind::kOtherFrame) | bit(EventKind::kRoute) | bit(EventKind::kApp) | bit(EventKind::kNote) |
                  bit(EventKind::kConfig)},
};

// The record's line without the host and interface (they have their own columns).
std::string row_text(const App& app, std::size_t i) {
  const TraceRecord& rec = app.trace.records()[i];
  const EventInfo& e = app.events[i];
  if (e.frame) {
    const char* verb = std::holds_alternative<FrameTx>(rec.body)     ? "tx  "
                       : std::holds_alternative<FrameRx>(rec.body)   ? "rx  "
                       : std::holds_alternative<FrameWire>(rec.body) ? "wire "
                                                                     : "DROP ";
    std::string s = verb;
    if (const auto* d = std::get_if<FrameDrop>(&rec.body)) s += std::string(drop_reason_name(d->reason)) + ": ";
    return s + wire::summarize_frame(app.trace.frame(e.frame_index));
  }
  std::string s = describe_record(app.trace, rec);
  const auto& meta = app.trace.meta();
  if (e.host != kNoId && e.host < meta.hosts.size()) {
    std::string prefix = meta.hosts[e.host].name + " ";
    if (s.rfind(prefix, 0) == 0) s.erase(0, prefix.size());
    if (e.iface != kNoId && e.iface < meta.hosts[e.host].interfaces.size()) {
      prefix = meta.hosts[e.host].interfaces[e.iface].name + " ";
      if (s.rfind(prefix, 0) == 0) s.erase(0, prefix.size());
    }
  }
  return s;
}

void filters(App& app) {
  const auto& meta = app.trace.meta();
  ImGui::SetNextItemWidth(110);
  const char* host_name = app.filter.host == kNoId ? "all hosts" : meta.hosts[app.filter.host].name.c_str();
  if (ImGui::BeginCombo("##host", host_name)) {
    if (ImGui::Selectable("all hosts", app.filter.host == kNoId)) app.filter.host = kNoId;
    for (std::size_t h = 0; h < meta.hosts.size(); ++h)
      if (ImGui::Selectable(meta.hosts[h].name.c_str(), app.filter.host == h)) app.filter.host = static_cast<HostId>(h);
    ImGui::EndCombo();
  }
  for (const KindGroup& g : kGroups) {
    ImGui::SameLine();
    bool on = (app.filter.kinds & g.bits) != 0;
    if (ImGui::Checkbox(g.name, &on))
      app.filter.kinds = on ? (app.filter.kinds | g.bits) : (app.filter.kinds & ~g.bits);
  }
  ImGui::SameLine();
  bool only_request = app.filter.flow != 0;
  ImGui::BeginDisabled(app.selection.flow == 0 && !only_request);
  if (ImGui::Checkbox("this request", &only_request)) app.filter.flow = only_request ? app.selection.flow : 0;
  ImGui::EndDisabled();
  if (app.filter.flow != 0 && app.filter.flow != app.selection.flow) app.filter.flow = app.selection.flow;
}

}  // namespace

void event_list_panel(App& app, ImVec2 pos, ImVec2 size) {
  begin_panel("Events", pos, size);
  filters(app);
  const std::vector<std::uint32_t>& rows = app.visible_events();
  const auto& meta = app.trace.meta();
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingFixedFit;
  if (ImGui::BeginTable("events", 6, flags, ImGui::GetContentRegionAvail())) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, 40);
    ImGui::TableSetupColumn("time (s)", ImGuiTableColumnFlags_WidthFixed, 84);
    ImGui::TableSetupColumn("host", ImGuiTableColumnFlags_WidthFixed, 58);
    ImGui::TableSetupColumn("if", ImGuiTableColumnFlags_WidthFixed, 34);
    ImGui::TableSetupColumn("kind", ImGuiTableColumnFlags_WidthFixed, 70);
    ImGui::TableSetupColumn("event", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();

    const float row_h = ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().CellPadding.y;
    if (app.cursor_moved) {
      const auto it = std::lower_bound(rows.begin(), rows.end(), static_cast<std::uint32_t>(app.cursor.step()));
      const float y = static_cast<float>(it - rows.begin()) * row_h;
      const float view = ImGui::GetWindowHeight() - row_h;
      if (y < ImGui::GetScrollY() || y > ImGui::GetScrollY() + view - 2 * row_h) ImGui::SetScrollY(y - view / 2);
    }

    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()), row_h);
    while (clipper.Step()) {
      for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
        const std::size_t i = rows[static_cast<std::size_t>(r)];
        const EventInfo& e = app.events[i];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        char id[24];
        std::snprintf(id, sizeof id, "%zu", i);
        if (ImGui::Selectable(id, i == app.cursor.step(), ImGuiSelectableFlags_SpanAllColumns)) {
          app.seek(i);
          if (e.flow != 0) app.selection.flow = e.flow;
        }
        ImGui::TableNextColumn();
        const std::string t = time_text(app.trace.records()[i].time);
        ImGui::TextUnformatted(t.c_str(), t.c_str() + t.size() - 2);
        ImGui::TableNextColumn();
        if (e.host != kNoId && e.host < meta.hosts.size()) ImGui::TextUnformatted(meta.hosts[e.host].name.c_str());
        else if (e.segment != kNoId && e.segment < meta.segments.size())
          ImGui::TextDisabled("%s", meta.segments[e.segment].name.c_str());
        ImGui::TableNextColumn();
        if (e.host != kNoId && e.iface != kNoId && e.iface < meta.hosts[e.host].interfaces.size())
          ImGui::TextUnformatted(meta.hosts[e.host].interfaces[e.iface].name.c_str());
        ImGui::TableNextColumn();
        ImGui::TextColored(kind_color_v(e.kind), "%s", event_kind_name(e.kind));
        ImGui::TableNextColumn();
        const std::string text = row_text(app, i);
        ImGui::TextUnformatted(text.c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text.c_str());
      }
    }
    ImGui::EndTable();
  }
  ImGui::End();
}

}  // namespace lvs::viz
