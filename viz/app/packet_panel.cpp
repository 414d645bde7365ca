// The current frame decoded layer by layer with every field, and its bytes as hex: each
// layer tints its bytes, and the field under the mouse lights up its own bytes.
#include <cstdio>

#include "sim/trace/jsonl.hpp"
#include "viz/app/panels.hpp"
#include "viz/app/style.hpp"
#include "viz/model/decode.hpp"

namespace lvs::viz {
namespace {

const FieldChange* change_of(const std::vector<FieldChange>& changes, std::size_t layer, std::size_t field) {
  for (const FieldChange& c : changes)
    if (c.layer == layer && c.field == field) return &c;
  return nullptr;
}

// The field list; changed fields (against the previous hop) in the accent colour with
// their old value, and the list scrolled to the first interesting change when the
// cursor moves.
void fields(App& app, const std::vector<Layer>& layers, const std::vector<FieldChange>& changes, float height) {
  ImGui::BeginChild("fields", ImVec2(0, height), false);
  // Scroll to the change that matters: a rewritten address or port, not the checksums,
  // TTL or MACs every routed hop changes; the MACs when nothing else changed (DR).
  const FieldChange* focus = changes.empty() ? nullptr : &changes.front();
  for (const FieldChange& c : changes) {
    const std::string& name = layers[c.layer].fields[c.field].name;
    if (c.layer > 0 && name.find("hecksum") == std::string::npos && name != "Time to live") {
      focus = &c;
      break;
    }
  }
  bool hovered_any = false;
  for (std::size_t li = 0; li < layers.size(); ++li) {
    const Layer& l = layers[li];
    ImGui::PushID(static_cast<int>(li));
    ImGui::SetNextItemOpen(true, ImGuiCond_Once);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + 6, p.y + ImGui::GetTextLineHeight()),
                                              layer_color(li, 1.0f));
    ImGui::Indent(10);
    const bool open = ImGui::TreeNodeEx("layer", ImGuiTreeNodeFlags_SpanAvailWidth, "%s  (%u bytes at %u)",
                                        l.name.c_str(), l.length, l.offset);
    ImGui::Unindent(10);
    if (open) {
      if (ImGui::BeginTable("f", 2, ImGuiTableFlags_SizingFixedFit)) {
        ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthFixed, 150);
        ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
        for (const Field& f : l.fields) {
          ImGui::TableNextRow();
          ImGui::TableNextColumn();
          const bool lit = app.selection.field_length != 0 && f.offset == app.selection.field_offset &&
                           f.length == app.selection.field_length;
          const FieldChange* ch = change_of(changes, li, static_cast<std::size_t>(&f - l.fields.data()));
          if (ch) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(kAccent));
          ImGui::Selectable(f.name.c_str(), lit, ImGuiSelectableFlags_SpanAllColumns);
          // Nothing changed (a first hop): an ARP frame's point is who claims which address.
          if (app.cursor_moved && (ch ? ch == focus : !focus && f.name == "Sender MAC")) ImGui::SetScrollHereY(0.3f);
          if (ImGui::IsItemHovered()) {
            app.selection.field_offset = f.offset;
            app.selection.field_length = f.length;
            hovered_any = true;
          }
          ImGui::TableNextColumn();
          ImGui::PushFont(app.fonts.mono);
          if (ch) ImGui::Text("%s  (was %s)", f.value.c_str(), ch->before.c_str());
          else ImGui::TextUnformatted(f.value.c_str());
          ImGui::PopFont();
          if (ch) ImGui::PopStyleColor();
        }
        ImGui::EndTable();
      }
      if (!l.error.empty()) ImGui::TextColored(ImVec4(0.8f, 0.1f, 0.1f, 1), "%s", l.error.c_str());
      ImGui::TreePop();
    }
    ImGui::PopID();
  }
  if (!hovered_any && ImGui::IsWindowHovered()) app.selection.field_length = 0;
  ImGui::EndChild();
}

void hex_dump(App& app, wire::Bytes bytes, const std::vector<Layer>& layers, const std::vector<FieldChange>& changes) {
  std::vector<bool> changed(bytes.size(), false);
  for (const FieldChange& c : changes) {
    const Field& f = layers[c.layer].fields[c.field];
    for (std::uint32_t b = f.offset; b < f.offset + f.length && b < bytes.size(); ++b) changed[b] = true;
  }
  ImGui::BeginChild("hex", ImVec2(0, 0), true);
  ImGui::PushFont(app.fonts.mono);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float cw = ImGui::CalcTextSize("0").x;
  const float lh = ImGui::GetTextLineHeight();
  const std::uint32_t lo = app.selection.field_offset, hi = lo + app.selection.field_length;
  for (std::size_t row = 0; row * 16 < bytes.size(); ++row) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    char off[24];
    std::snprintf(off, sizeof off, "%04zx", row * 16);
    dl->AddText(p, kMuted, off);
    for (std::size_t col = 0; col < 16 && row * 16 + col < bytes.size(); ++col) {
      const std::uint32_t i = static_cast<std::uint32_t>(row * 16 + col);
      std::size_t layer = layers.size();
      for (std::size_t l = 0; l < layers.size(); ++l)
        if (i >= layers[l].offset && i < layers[l].offset + layers[l].length) layer = l;
      const float x = p.x + cw * (6 + 3 * static_cast<float>(col) + (col >= 8 ? 1 : 0));
      const float ax = p.x + cw * (6 + 3 * 16 + 2 + static_cast<float>(col));
      const bool lit = i >= lo && i < hi;
      if (layer < layers.size() || lit) {
        const ImU32 bg = lit ? IM_COL32(235, 110, 20, 255) : layer_color(layer, 0.45f);
        dl->AddRectFilled(ImVec2(x - 1, p.y), ImVec2(x + 2 * cw + 1, p.y + lh), bg);
        dl->AddRectFilled(ImVec2(ax, p.y), ImVec2(ax + cw, p.y + lh), bg);
      }
      if (changed[i] && !lit) dl->AddRect(ImVec2(x - 1, p.y), ImVec2(x + 2 * cw + 1, p.y + lh), kAccent, 0, 0, 1.5f);
      char hx[4];
      std::snprintf(hx, sizeof hx, "%02x", bytes[i]);
      const ImU32 ink = lit ? IM_COL32_WHITE : kInk;
      dl->AddText(ImVec2(x, p.y), ink, hx);
      const char ch[2] = {bytes[i] >= 0x20 && bytes[i] < 0x7f ? static_cast<char>(bytes[i]) : '.', 0};
      dl->AddText(ImVec2(ax, p.y), ink, ch);
    }
    ImGui::Dummy(ImVec2(cw * (6 + 3 * 16 + 2 + 16), lh));
  }
  ImGui::PopFont();
  ImGui::EndChild();
}

}  // namespace

void packet_panel(App& app, ImVec2 pos, ImVec2 size) {
  begin_panel("Packet", pos, size);
  if (app.events.size() == 0) {
    ImGui::End();
    return;
  }
  // The current event's frame; for any other event, the last frame its host handled
  // before it (the ARP reply behind a neighbour change, the SYN behind a scheduling note).
  std::size_t i = app.cursor.step();
  if (!app.events[i].frame) {
    const HostId host = app.events[i].host;
    std::size_t j = i;
    while (j > 0 && i - j < 400) {
      --j;
      if (app.events[j].frame && (host == kNoId || app.events[j].host == host)) break;
    }
    if (!app.events[j].frame || (host != kNoId && app.events[j].host != host)) {
      ImGui::TextDisabled("event %zu is not a frame:", i);
      ImGui::TextWrapped("%s", describe_record(app.trace, app.trace.records()[i]).c_str());
      ImGui::End();
      return;
    }
    ImGui::TextDisabled("event %zu is not a frame; the last frame before it:", i);
    ImGui::TextWrapped("#%zu %s", j, describe_record(app.trace, app.trace.records()[j]).c_str());
    i = j;
  }
  const EventInfo& e = app.events[i];
  const wire::Bytes bytes = app.trace.frame(e.frame_index);
  const std::vector<Layer> layers = decode_frame(bytes);
  std::vector<FieldChange> changes;
  std::string prev_where;
  if (e.prev_frame_event != 0xffffffffu) {
    const EventInfo& p = app.events[e.prev_frame_event];
    changes = changed_fields(decode_frame(app.trace.frame(p.frame_index)), layers);
    const auto& meta = app.trace.meta();
    if (p.host != kNoId && p.host < meta.hosts.size() && p.iface < meta.hosts[p.host].interfaces.size())
      prev_where = meta.hosts[p.host].name + " " + meta.hosts[p.host].interfaces[p.iface].name;
  }
  ImGui::TextDisabled("frame %u, %zu bytes, IP packet %u%s", e.frame_index, bytes.size(), e.packet_id,
                      e.flow ? (", request #" + std::to_string(e.flow)).c_str() : "");
  if (!prev_where.empty()) {
    ImGui::SameLine();
    if (changes.empty()) ImGui::TextDisabled("- unchanged since event %u (%s)", e.prev_frame_event, prev_where.c_str());
    else
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kAccent), "- %zu fields changed since event %u (%s)",
                         changes.size(), e.prev_frame_event, prev_where.c_str());
  }
  ImGui::PushFont(app.fonts.mono);
  const ImGuiStyle& st = ImGui::GetStyle();
  const float hex_h = (ImGui::GetTextLineHeight() + st.ItemSpacing.y) * static_cast<float>((bytes.size() + 15) / 16) +
                      2 * st.WindowPadding.y + 2;
  ImGui::PopFont();
  const float avail = ImGui::GetContentRegionAvail().y;
  fields(app, layers, changes, std::max(avail * 0.5f, avail - hex_h));
  hex_dump(app, bytes, layers, changes);
  ImGui::End();
}

}  // namespace lvs::viz
