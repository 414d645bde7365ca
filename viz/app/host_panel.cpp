// One host as it was at the current step: neighbour cache with states, the sysctls that
// decide ARP and forwarding, and on a director the IPVS table (-Ln) and connection
// table (-Lnc) at that instant; then addresses and routes. Follows the host of the
// current event unless the user picks one.
#include <variant>

#include "sim/trace/paths.hpp"
#include "viz/app/panels.hpp"
#include "viz/app/style.hpp"
#include "viz/model/explain.hpp"
#include "viz/model/host_view.hpp"

namespace lvs::viz {
namespace {

// host_view() per (step, host): formatting a big connection table every frame is waste.
const HostView& cached_view(App& app, HostId host) {
  static std::size_t step = ~std::size_t{0};
  static HostId for_host = kNoId;
  static const Trace* for_trace = nullptr;
  static HostView view;
  if (step != app.cursor.step() || for_host != host || for_trace != &app.trace) {
    view = host_view(app.trace, app.cursor.state(), host);
    step = app.cursor.step();
    for_host = host;
    for_trace = &app.trace;
  }
  return view;
}

void mono_block(App& app, const std::string& text) {
  ImGui::PushFont(app.fonts.mono);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopFont();
}

void mono_lines(App& app, const std::vector<std::string>& lines) {
  ImGui::PushFont(app.fonts.mono);
  for (const auto& l : lines) ImGui::TextUnformatted(l.c_str());
  ImGui::PopFont();
}

void neighbours(App& app, HostId host, const HostView& v) {
  const TraceBody& body = app.trace.records()[app.cursor.step()].body;
  const auto* change = std::get_if<NeighChange>(&body);
  if (v.neighbour_rows.empty()) {
    ImGui::TextDisabled("(empty)");
    return;
  }
  const auto& meta = app.trace.meta();
  if (!ImGui::BeginTable("neigh", 4,
                         ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_BordersInnerV))
    return;
  ImGui::TableSetupColumn("address");
  ImGui::TableSetupColumn("dev");
  ImGui::TableSetupColumn("lladdr (owner)", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("state");
  ImGui::TableHeadersRow();
  ImGui::PushFont(app.fonts.mono);
  for (const NeighRow& r : v.neighbour_rows) {
    ImGui::TableNextRow();
    if (change && change->host == host && change->ip == r.ip && change->iface == r.iface)
      ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, IM_COL32(255, 226, 160, 255));
    ImGui::TableNextColumn();
    const HostId owner = address_host(meta, r.ip);
    ImGui::Text("%s %s", r.ip.str().c_str(), owner != kNoId ? address_role(meta, owner, r.ip).c_str() : "");
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(meta.hosts[host].interfaces[r.iface].name.c_str());
    ImGui::TableNextColumn();
    if (r.state == NeighState::kIncomplete || r.state == NeighState::kFailed) {
      ImGui::TextDisabled("-");
    } else {
      const std::string who = mac_owner(meta, r.mac);
      ImGui::Text("%s %s", r.mac.str().c_str(), who.empty() ? "" : ("(" + who + ")").c_str());
    }
    ImGui::TableNextColumn();
    ImGui::TextColored(neigh_state_color(r.state), "%s", neigh_state_name(r.state));
  }
  ImGui::PopFont();
  ImGui::EndTable();
}

void sysctls(const HostView& v) {
  if (!ImGui::BeginTable("sysctl", 6,
                         ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_BordersInnerV))
    return;
  for (const char* h : {"iface", "arp_ignore", "arp_announce", "arp_filter", "rp_filter", "forwarding"})
    ImGui::TableSetupColumn(h);
  ImGui::TableHeadersRow();
  for (const auto& e : v.effective) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(e.iface.c_str());
    for (int value : {e.arp_ignore, e.arp_announce, e.arp_filter, e.rp_filter, e.forwarding}) {
      ImGui::TableNextColumn();
      if (value != 0) ImGui::TextColored(ImVec4(0.1f, 0.35f, 0.7f, 1), "%d", value);
      else ImGui::TextDisabled("0");
    }
  }
  ImGui::EndTable();
}

void host_picker(App& app, HostId shown) {
  const auto& meta = app.trace.meta();
  ImGui::SetNextItemWidth(140);
  if (ImGui::BeginCombo("##hostpick", meta.hosts[shown].name.c_str())) {
    for (std::size_t h = 0; h < meta.hosts.size(); ++h)
      if (ImGui::Selectable(meta.hosts[h].name.c_str(), h == shown)) {
        app.selection.host = static_cast<HostId>(h);
        app.selection.follow_event_host = false;
      }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(role_color(meta.hosts[shown].role)), "%s",
                     role_label(meta.hosts[shown].role));
  ImGui::SameLine();
  ImGui::Checkbox("follow current event", &app.selection.follow_event_host);
  ImGui::SameLine();
  ImGui::TextDisabled("at %s", time_text(app.cursor.state().time).c_str());
}

}  // namespace

void host_panel(App& app, ImVec2 pos, ImVec2 size) {
  begin_panel("Host state", pos, size);
  const HostId host = app.panel_host();
  if (host == kNoId || app.events.size() == 0) {
    ImGui::End();
    return;
  }
  host_picker(app, host);
  const HostView& v = cached_view(app, host);
  const ImGuiTreeNodeFlags open = ImGuiTreeNodeFlags_DefaultOpen;
  if (ImGui::CollapsingHeader("Neighbour cache  (ip neigh)", open)) neighbours(app, host, v);
  if (v.director) {
    if (ImGui::CollapsingHeader("IPVS table  (ipvsadm -Ln)", open)) mono_block(app, v.ipvs_list);
    if (ImGui::CollapsingHeader("IPVS connections  (ipvsadm -Lnc)", open)) mono_block(app, v.ipvs_connections);
  }
  if (ImGui::CollapsingHeader("Sysctls that matter (effective per interface)", open)) sysctls(v);
  if (ImGui::CollapsingHeader("Addresses  (ip -4 addr)", open)) mono_lines(app, v.addresses);
  if (ImGui::CollapsingHeader("Routes  (ip route)", open)) mono_lines(app, v.routes);
  if (ImGui::CollapsingHeader("Sysctl values  (sysctl -a | grep ...)")) mono_lines(app, v.sysctls);
  ImGui::End();
}

}  // namespace lvs::viz
