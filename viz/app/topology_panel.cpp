// The network as a graph: hosts (boxes coloured by role) joined to the segments (pills)
// their interfaces are on, each link labelled with the interface and its addresses and
// their roles (CIP, DGW, VIP, DIP, RIP). The current frame moves along its link; the
// links the selected request used are drawn underneath in the accent colour. Nodes can
// be dragged; clicking a host shows it in the state panel.
#include <algorithm>
#include <cmath>
#include <set>
#include <variant>

#include "sim/trace/jsonl.hpp"
#include "sim/wire/summary.hpp"
#include "viz/app/panels.hpp"
#include "viz/app/style.hpp"
#include "viz/model/explain.hpp"

namespace lvs::viz {
namespace {

constexpr float kHostW = 92, kHostH = 38, kSegH = 20;

float segment_width(const std::string& name) { return ImGui::CalcTextSize(name.c_str()).x + 18; }

struct Geometry {
  ImVec2 origin, span;
  ImVec2 at(const NodePos& p) const { return ImVec2(origin.x + p.x * span.x, origin.y + p.y * span.y); }
};

ImVec2 lerp(ImVec2 a, ImVec2 b, float t) { return ImVec2(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t); }

// Text with a soft background so that it stays readable over lines.
void label(ImDrawList* dl, ImVec2 pos, const std::string& text, ImU32 color, ImU32 bg = IM_COL32(255, 255, 255, 225)) {
  const ImVec2 sz = ImGui::CalcTextSize(text.c_str());
  dl->AddRectFilled(ImVec2(pos.x - 3, pos.y - 1), ImVec2(pos.x + sz.x + 3, pos.y + sz.y + 1), bg, 3);
  dl->AddText(pos, color, text.c_str());
}

// Host index -> segment index links used by the selected request.
std::set<std::pair<HostId, SegmentId>> request_links(const App& app) {
  std::set<std::pair<HostId, SegmentId>> links;
  if (app.selection.flow == 0) return links;
  const auto& meta = app.trace.meta();
  for (std::size_t i = 0; i < app.events.size(); ++i) {
    const EventInfo& e = app.events[i];
    if (!e.frame || e.flow != app.selection.flow || e.host == kNoId || e.iface == kNoId) continue;
    const auto& ifs = meta.hosts[e.host].interfaces;
    if (e.iface < ifs.size() && ifs[e.iface].segment != kNoId) links.insert({e.host, ifs[e.iface].segment});
  }
  return links;
}

void draw_links(App& app, ImDrawList* dl, const Geometry& g) {
  static std::uint32_t cached_flow = 0xffffffffu;
  static std::set<std::pair<HostId, SegmentId>> used;
  if (cached_flow != app.selection.flow) {
    used = request_links(app);
    cached_flow = app.selection.flow;
  }
  const auto& meta = app.trace.meta();
  const std::size_t hosts = meta.hosts.size();
  for (std::size_t h = 0; h < hosts; ++h)
    for (const auto& ifc : meta.hosts[h].interfaces) {
      if (ifc.segment == kNoId || ifc.segment >= meta.segments.size()) continue;
      const ImVec2 a = g.at(app.nodes[h]), b = g.at(app.nodes[hosts + ifc.segment]);
      if (used.count({static_cast<HostId>(h), ifc.segment})) dl->AddLine(a, b, kAccent & 0xa0ffffff, 9.0f);
      dl->AddLine(a, b, IM_COL32(150, 156, 166, 255), 2.0f);
    }
}

struct Rect {
  ImVec2 a, b;
  bool overlaps(const Rect& o) const { return a.x < o.b.x && o.a.x < b.x && a.y < o.b.y && o.a.y < b.y; }
  bool inside(const Rect& o) const { return a.x >= o.a.x && a.y >= o.a.y && b.x <= o.b.x && b.y <= o.b.y; }
};

using Lines = std::vector<std::pair<std::string, ImU32>>;

ImVec2 block_size(const Lines& lines) {
  float w = 0;
  for (const auto& [t, c] : lines) w = std::max(w, ImGui::CalcTextSize(t.c_str()).x);
  return ImVec2(w + 6, ImGui::GetTextLineHeight() * static_cast<float>(lines.size()) + 2);
}

void draw_block(ImDrawList* dl, const Rect& r, const Lines& lines, ImU32 bg) {
  dl->AddRectFilled(r.a, r.b, bg, 3);
  const float lh = ImGui::GetTextLineHeight();
  for (std::size_t i = 0; i < lines.size(); ++i)
    dl->AddText(ImVec2(r.a.x + 3, r.a.y + 1 + lh * static_cast<float>(i)), lines[i].second, lines[i].first.c_str());
}

float overlap_area(const Rect& r, const Rect& o) {
  const float w = std::min(r.b.x, o.b.x) - std::max(r.a.x, o.a.x);
  const float h = std::min(r.b.y, o.b.y) - std::max(r.a.y, o.a.y);
  return w > 0 && h > 0 ? w * h : 0;
}

// The first spot that is free and inside the panel, else the one that covers least.
Rect best_spot(const std::vector<Rect>& options, const std::vector<Rect>& taken, const Rect& panel) {
  const Rect* best = &options.front();
  float best_cost = 1e30f;
  for (const Rect& r : options) {
    float cost = 0;
    for (const Rect& o : taken) cost += overlap_area(r, o);
    const float outside = (r.b.x - r.a.x) * (r.b.y - r.a.y) - overlap_area(r, panel);
    cost += 4 * outside;
    if (cost == 0) return r;
    if (cost < best_cost) best_cost = cost, best = &r;
  }
  return *best;
}

// Greedy placement: the first candidate spot (beside the middle of the link, then nearer
// either end) that stays in the panel and clear of nodes and earlier labels.
Rect place(ImVec2 a, ImVec2 b, ImVec2 size, const std::vector<Rect>& taken, const Rect& panel) {
  const bool horizontal = std::fabs(b.x - a.x) >= std::fabs(b.y - a.y);
  const float clear = kHostH / 2 + 3;
  std::vector<Rect> options;
  for (float t : {0.5f, 0.3f, 0.7f}) {
    const ImVec2 m = lerp(a, b, t);
    const Rect above{ImVec2(m.x - size.x / 2, m.y - clear - size.y), ImVec2(m.x + size.x / 2, m.y - clear)};
    const Rect below{ImVec2(m.x - size.x / 2, m.y + clear), ImVec2(m.x + size.x / 2, m.y + clear + size.y)};
    const Rect right{ImVec2(m.x + 8, m.y - size.y / 2), ImVec2(m.x + 8 + size.x, m.y + size.y / 2)};
    const Rect left{ImVec2(m.x - 8 - size.x, m.y - size.y / 2), ImVec2(m.x - 8, m.y + size.y / 2)};
    // Horizontal links: above when the segment is right of the host, else below, so
    // that neighbouring labels alternate sides.
    if (horizontal) {
      const bool up = b.x > a.x;
      for (const Rect& r : {up ? above : below, up ? below : above, right, left}) options.push_back(r);
    } else {
      for (const Rect& r : {right, left, above, below}) options.push_back(r);
    }
  }
  return best_spot(options, taken, panel);
}

std::string address_text(const TraceMeta& meta, HostId h, const TraceInterfaceInfo& ifc, std::size_t i) {
  const std::string& cidr = ifc.addresses[i];
  const auto prefix = Ipv4Prefix::parse(cidr);
  if (!prefix) return cidr;
  // A DR/TUN real server's copy of the VIP (on lo or tunl0) is the VIP too.
  const std::string role = is_vip(meta, prefix->addr) ? "VIP" : address_role(meta, h, prefix->addr);
  return prefix->addr.str() + "  " + role;
}

void draw_iface_labels(App& app, ImDrawList* dl, const Geometry& g, const Rect& panel) {
  const auto& meta = app.trace.meta();
  const std::size_t hosts = meta.hosts.size();
  ImGui::PushFont(app.fonts.mono);
  std::vector<Rect> taken;
  for (std::size_t i = 0; i < app.nodes.size(); ++i) {
    const ImVec2 c = g.at(app.nodes[i]);
    const float hw = i < hosts ? kHostW / 2 : segment_width(meta.segments[i - hosts].name) / 2;
    const float hh = i < hosts ? kHostH / 2 : kSegH / 2;
    taken.push_back(Rect{ImVec2(c.x - hw, c.y - hh), ImVec2(c.x + hw, c.y + hh)});
  }
  // Addresses on devices without a link (lo, tunl0: a DR/TUN VIP) go next to their host.
  for (std::size_t h = 0; h < hosts; ++h) {
    Lines lines;
    for (const auto& ifc : meta.hosts[h].interfaces) {
      if (ifc.segment != kNoId && ifc.segment < meta.segments.size()) continue;
      for (std::size_t i = 0; i < ifc.addresses.size(); ++i)
        if (ifc.addresses[i].rfind("127.", 0) != 0)
          lines.emplace_back(ifc.name + " " + address_text(meta, static_cast<HostId>(h), ifc, i), kInk);
    }
    if (lines.empty()) continue;
    const ImVec2 c = g.at(app.nodes[h]);
    const ImVec2 sz = block_size(lines);
    const float dy = kHostH / 2 + 1, dx = kHostW / 2 + 3;
    const std::vector<Rect> spots{{ImVec2(c.x - sz.x / 2, c.y + dy), ImVec2(c.x + sz.x / 2, c.y + dy + sz.y)},
                                  {ImVec2(c.x - sz.x / 2, c.y - dy - sz.y), ImVec2(c.x + sz.x / 2, c.y - dy)},
                                  {ImVec2(c.x - dx - sz.x, c.y - sz.y / 2), ImVec2(c.x - dx, c.y + sz.y / 2)},
                                  {ImVec2(c.x + dx, c.y - sz.y / 2), ImVec2(c.x + dx + sz.x, c.y + sz.y / 2)}};
    const Rect r = best_spot(spots, taken, panel);
    draw_block(dl, r, lines, IM_COL32(255, 236, 200, 245));
    taken.push_back(r);
  }
  for (std::size_t h = 0; h < hosts; ++h) {
    const ImVec2 a = g.at(app.nodes[h]);
    for (const auto& ifc : meta.hosts[h].interfaces) {
      if (ifc.segment == kNoId || ifc.segment >= meta.segments.size()) continue;
      Lines lines{{ifc.name, kMuted}};
      for (std::size_t i = 0; i < ifc.addresses.size(); ++i)
        if (ifc.addresses[i].rfind("127.", 0) != 0)
          lines.emplace_back(address_text(meta, static_cast<HostId>(h), ifc, i), kInk);
      const Rect r = place(a, g.at(app.nodes[hosts + ifc.segment]), block_size(lines), taken, panel);
      draw_block(dl, r, lines, IM_COL32(255, 255, 255, 235));
      taken.push_back(r);
    }
  }
  ImGui::PopFont();
}

void draw_nodes(App& app, ImDrawList* dl, const Geometry& g) {
  const auto& meta = app.trace.meta();
  const std::size_t hosts = meta.hosts.size();
  const HostId shown = app.panel_host();
  for (std::size_t i = 0; i < app.nodes.size(); ++i) {
    const bool is_host = i < hosts;
    const ImVec2 c = g.at(app.nodes[i]);
    const ImVec2 half =
        is_host ? ImVec2(kHostW / 2, kHostH / 2) : ImVec2(segment_width(meta.segments[i - hosts].name) / 2, kSegH / 2);
    ImGui::SetCursorScreenPos(ImVec2(c.x - half.x, c.y - half.y));
    ImGui::PushID(static_cast<int>(i));
    ImGui::InvisibleButton("node", ImVec2(half.x * 2, half.y * 2));
    if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
      const ImVec2 d = ImGui::GetIO().MouseDelta;
      app.nodes[i].x = std::clamp(app.nodes[i].x + d.x / g.span.x, -0.05f, 1.05f);
      app.nodes[i].y = std::clamp(app.nodes[i].y + d.y / g.span.y, -0.1f, 1.1f);
    } else if (is_host && ImGui::IsItemClicked()) {
      app.selection.host = static_cast<HostId>(i);
      app.selection.follow_event_host = false;
    }
    ImGui::PopID();
    const ImVec2 p0(c.x - half.x, c.y - half.y), p1(c.x + half.x, c.y + half.y);
    if (is_host) {
      const auto& h = meta.hosts[i];
      if (static_cast<HostId>(i) == shown)
        dl->AddRect(ImVec2(p0.x - 4, p0.y - 4), ImVec2(p1.x + 4, p1.y + 4), kInk, 7, 0, 2.0f);
      dl->AddRectFilled(p0, p1, role_color(h.role), 6);
      ImGui::PushFont(app.fonts.title);
      const ImVec2 ns = ImGui::CalcTextSize(h.name.c_str());
      dl->AddText(ImVec2(c.x - ns.x / 2, p0.y + 4), IM_COL32_WHITE, h.name.c_str());
      ImGui::PopFont();
      const char* role = role_label(h.role);
      const ImVec2 rs = ImGui::CalcTextSize(role);
      dl->AddText(ImVec2(c.x - rs.x / 2, p1.y - rs.y - 4), IM_COL32(255, 255, 255, 215), role);
    } else {
      const auto& s = meta.segments[i - hosts];
      dl->AddRectFilled(p0, p1, IM_COL32(222, 226, 232, 255), half.y);
      dl->AddRect(p0, p1, IM_COL32(150, 156, 166, 255), half.y, 0, 1.5f);
      const ImVec2 ts = ImGui::CalcTextSize(s.name.c_str());
      dl->AddText(ImVec2(c.x - ts.x / 2, c.y - ts.y / 2), kInk, s.name.c_str());
    }
  }
}

// A short name for a frame on the picture: "TCP [S]", "ARP who-has", "ARP reply".
std::string frame_tag(const std::string& summary) {
  const std::size_t sp = summary.find(' ');
  std::string tag = summary.substr(0, sp);
  if (tag == "ARP" && sp != std::string::npos)
    return tag + " " + summary.substr(sp + 1, summary.find(' ', sp + 1) - sp - 1);
  const std::size_t lb = summary.find('['), rb = summary.find(']');
  if (lb != std::string::npos && rb != std::string::npos && rb > lb) tag += " " + summary.substr(lb, rb - lb + 1);
  return tag;
}

// Where the current event happens: a frame moving along its link, a drop, or a
// state change on a host.
void draw_current(App& app, ImDrawList* dl, const Geometry& g) {
  if (app.events.size() == 0) return;
  const auto& meta = app.trace.meta();
  const std::size_t hosts = meta.hosts.size();
  const std::size_t i = app.cursor.step();
  const EventInfo& e = app.events[i];
  const TraceBody& body = app.trace.records()[i].body;
  const float speed = std::max(2.5f, app.playback.playing ? app.playback.events_per_second : 0.0f);
  const float t = app.fixed_animation ? 0.55f : std::min(1.0f, static_cast<float>(app.playback.since_step) * speed);
  const ImU32 color = kind_color(e.kind);

  const auto segment_of = [&](HostId h, IfIndex f) -> SegmentId {
    if (h >= hosts || f >= meta.hosts[h].interfaces.size()) return kNoId;
    return meta.hosts[h].interfaces[f].segment;
  };
  ImVec2 dot;
  bool moving = false;
  if (std::holds_alternative<FrameTx>(body) || std::holds_alternative<FrameRx>(body)) {
    const SegmentId s = segment_of(e.host, e.iface);
    if (s != kNoId) {
      const ImVec2 a = g.at(app.nodes[e.host]), b = g.at(app.nodes[hosts + s]);
      dot = std::holds_alternative<FrameTx>(body) ? lerp(a, b, 0.15f + 0.7f * t) : lerp(b, a, 0.15f + 0.7f * t);
      moving = true;
    }
  } else if (const auto* w = std::get_if<FrameWire>(&body)) {
    if (w->segment < meta.segments.size()) {
      dot = g.at(app.nodes[hosts + w->segment]);
      dl->AddCircle(dot, 16 + 10 * t, color, 24, 2.5f);
      moving = true;
    }
  } else if (const auto* d = std::get_if<FrameDrop>(&body)) {
    const ImVec2 c = d->host != kNoId && d->host < hosts ? g.at(app.nodes[d->host])
                     : d->segment < meta.segments.size() ? g.at(app.nodes[hosts + d->segment])
                                                         : ImVec2(0, 0);
    const ImU32 red = IM_COL32(210, 30, 30, 255);
    dl->AddLine(ImVec2(c.x - 14, c.y - 14), ImVec2(c.x + 14, c.y + 14), red, 4);
    dl->AddLine(ImVec2(c.x - 14, c.y + 14), ImVec2(c.x + 14, c.y - 14), red, 4);
  } else if (e.host != kNoId && e.host < hosts) {
    const ImVec2 c = g.at(app.nodes[e.host]);
    dl->AddRect(ImVec2(c.x - kHostW / 2 - 7, c.y - kHostH / 2 - 7), ImVec2(c.x + kHostW / 2 + 7, c.y + kHostH / 2 + 7),
                color, 9, 0, 3.0f);
  }
  if (moving && e.frame) {
    dl->AddCircleFilled(dot, 8, color);
    dl->AddCircle(dot, 8, IM_COL32_WHITE, 16, 2);
    ImGui::PushFont(app.fonts.title);
    label(dl, ImVec2(dot.x + 10, dot.y + 6), frame_tag(wire::summarize_frame(app.trace.frame(e.frame_index))), color,
          IM_COL32(255, 255, 255, 240));
    ImGui::PopFont();
  }
}

// When a gateway's neighbour entry for a VIP holds a real server's MAC (the DR ARP
// problem: the director is bypassed), a red curved arrow from the gateway to that real
// server. The normal case (the director's MAC) needs no arrow: the links show it.
void draw_vip_bindings(App& app, ImDrawList* dl, const Geometry& g) {
  const auto& meta = app.trace.meta();
  const StepState& st = app.cursor.state();
  for (std::size_t h = 0; h < meta.hosts.size() && h < st.hosts.size(); ++h) {
    if (meta.hosts[h].role != "gateway" && meta.hosts[h].role != "router") continue;
    for (const NeighRow& r : st.hosts[h].neighbours) {
      if (r.state == NeighState::kNone || r.state == NeighState::kIncomplete || r.state == NeighState::kFailed)
        continue;
      if (!is_vip(meta, r.ip)) continue;
      std::size_t owner = meta.hosts.size();
      for (std::size_t o = 0; o < meta.hosts.size(); ++o)
        for (const auto& ifc : meta.hosts[o].interfaces)
          if (ifc.mac == r.mac) owner = o;
      if (owner == meta.hosts.size() || owner == h) continue;
      if (meta.hosts[owner].role != "realserver") continue;
      const ImU32 col = IM_COL32(205, 35, 35, 230);
      const ImVec2 a = g.at(app.nodes[h]), b = g.at(app.nodes[owner]);
      const ImVec2 d(b.x - a.x, b.y - a.y);
      ImVec2 n(-d.y * 0.3f, d.x * 0.3f);  // bend outwards, away from the picture's centre
      const ImVec2 centre = g.at(NodePos{0.5f, 0.5f});
      const ImVec2 m((a.x + b.x) / 2, (a.y + b.y) / 2);
      if (n.x * (m.x - centre.x) + n.y * (m.y - centre.y) < 0) n = ImVec2(-n.x, -n.y);
      const ImVec2 c1(a.x + d.x * 0.25f + n.x, a.y + d.y * 0.25f + n.y);
      const ImVec2 c2(a.x + d.x * 0.75f + n.x, a.y + d.y * 0.75f + n.y);
      const auto towards = [](ImVec2 from, ImVec2 to, float by) {
        const float len = std::sqrt((to.x - from.x) * (to.x - from.x) + (to.y - from.y) * (to.y - from.y)) + 1e-3f;
        return ImVec2(to.x - (to.x - from.x) / len * by, to.y - (to.y - from.y) / len * by);
      };
      const ImVec2 start = towards(c1, a, kHostH / 2 + 2), tip = towards(c2, b, kHostH / 2 + 3);
      dl->AddBezierCubic(start, c1, c2, tip, col, 3.0f);
      const float len = std::sqrt((tip.x - c2.x) * (tip.x - c2.x) + (tip.y - c2.y) * (tip.y - c2.y)) + 1e-3f;
      const ImVec2 u((tip.x - c2.x) / len, (tip.y - c2.y) / len);
      dl->AddTriangleFilled(ImVec2(tip.x + u.x * 4, tip.y + u.y * 4),
                            ImVec2(tip.x - u.x * 10 - u.y * 6, tip.y - u.y * 10 + u.x * 6),
                            ImVec2(tip.x - u.x * 10 + u.y * 6, tip.y - u.y * 10 - u.x * 6), col);
      const ImVec2 mid(0.125f * start.x + 0.375f * c1.x + 0.375f * c2.x + 0.125f * tip.x,
                       0.125f * start.y + 0.375f * c1.y + 0.375f * c2.y + 0.125f * tip.y);
      ImGui::PushFont(app.fonts.title);
      label(dl, ImVec2(mid.x - 20, mid.y - 8), meta.hosts[h].name + ": VIP -> " + meta.hosts[owner].name, col,
            IM_COL32(255, 255, 255, 235));
      ImGui::PopFont();
    }
  }
}

void draw_legend(App& app, ImDrawList* dl, ImVec2 at) {
  static const char* roles[] = {"client", "gateway", "director", "realserver"};
  for (const char* r : roles) {
    dl->AddRectFilled(at, ImVec2(at.x + 12, at.y + 12), role_color(r), 3);
    dl->AddText(ImVec2(at.x + 16, at.y - 2), kMuted, role_label(r));
    at.x += 30 + ImGui::CalcTextSize(role_label(r)).x;
  }
  (void)app;
}

}  // namespace

void topology_panel(App& app, ImVec2 pos, ImVec2 size) {
  begin_panel("Topology", pos, size);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float mx = 96, mtop = 70, mbottom = 60;
  Geometry g{ImVec2(p0.x + mx, p0.y + mtop),
             ImVec2(std::max(10.0f, avail.x - 2 * mx), std::max(10.0f, avail.y - mtop - mbottom))};
  if (app.selection.flow != 0) {
    const auto it = app.paths.find(app.selection.flow);
    if (it != app.paths.end()) {
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(kAccent));
      ImGui::Text("request #%u: %s", app.selection.flow, it->second.notation().c_str());
      ImGui::PopStyleColor();
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(kMuted));
      ImGui::TextWrapped("%s", it->second.detailed().c_str());
      ImGui::PopStyleColor();
    }
  }
  draw_links(app, dl, g);
  draw_nodes(app, dl, g);
  const ImVec2 wp = ImGui::GetWindowPos(), ws = ImGui::GetWindowSize();
  draw_iface_labels(app, dl, g, Rect{ImVec2(wp.x + 2, p0.y + 36), ImVec2(wp.x + ws.x - 4, wp.y + ws.y - 22)});
  draw_vip_bindings(app, dl, g);
  draw_current(app, dl, g);
  draw_legend(app, dl, ImVec2(p0.x, p0.y + avail.y - 14));
  ImGui::End();
}

}  // namespace lvs::viz
