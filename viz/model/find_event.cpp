#include "viz/model/find_event.hpp"

#include <charconv>
#include <variant>

#include "viz/model/explain.hpp"

namespace lvs::viz {
namespace {

const std::string& role_of(const Trace& t, HostId h) {
  static const std::string none;
  return h < t.meta().hosts.size() ? t.meta().hosts[h].role : none;
}

std::optional<std::size_t> first_forwarded_syn(const Trace& trace, const EventIndex& index) {
  const auto& recs = trace.records();
  for (std::size_t i = 0; i < recs.size(); ++i) {
    const auto* tx = std::get_if<FrameTx>(&recs[i].body);
    if (!tx || role_of(trace, tx->host) != "director") continue;
    const EventInfo& e = index[i];
    if (e.prev_frame_event == 0xffffffffu) continue;
    const auto* rx = std::get_if<FrameRx>(&recs[e.prev_frame_event].body);
    if (!rx || rx->host != tx->host) continue;
    const FrameFacts f = frame_facts(trace, tx->frame);
    if (f.tcp_syn && !f.tcp_ack) return i;
  }
  return std::nullopt;
}

bool realserver_mac(const TraceMeta& meta, const MacAddr& mac) {
  for (const auto& h : meta.hosts)
    for (const auto& ifc : h.interfaces)
      if (ifc.mac == mac) return h.role == "realserver";
  return false;
}

std::optional<std::size_t> vip_flip(const Trace& trace) {
  const auto& recs = trace.records();
  for (std::size_t i = 0; i < recs.size(); ++i) {
    const auto* n = std::get_if<NeighChange>(&recs[i].body);
    if (!n || n->mac.is_zero()) continue;
    const std::string& role = role_of(trace, n->host);
    if (role != "gateway" && role != "router") continue;
    if (!is_vip(trace.meta(), n->ip)) continue;
    const bool changed = !n->old_mac.is_zero() && n->old_mac != n->mac;
    if (changed || realserver_mac(trace.meta(), n->mac)) return i;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::size_t> find_event(const Trace& trace, const EventIndex& index, std::string_view spec,
                                      std::string* error) {
  const std::size_t n = trace.records().size();
  const auto fail = [&](std::string why) -> std::optional<std::size_t> {
    if (error) *error = std::move(why);
    return std::nullopt;
  };
  if (n == 0) return fail("the trace has no events");
  std::size_t number = 0;
  const auto [end, ec] = std::from_chars(spec.data(), spec.data() + spec.size(), number);
  if (ec == std::errc() && end == spec.data() + spec.size()) {
    if (number >= n)
      return fail("event " + std::string(spec) + " is past the last event (" + std::to_string(n - 1) + ")");
    return number;
  }
  std::optional<std::size_t> found;
  if (spec == "first-forwarded-syn") found = first_forwarded_syn(trace, index);
  else if (spec == "vip-flip") found = vip_flip(trace);
  else if (spec == "last") found = n - 1;
  else
    return fail("expected an event number or one of first-forwarded-syn, vip-flip, last; got '" + std::string(spec) +
                "'");
  if (!found) return fail("no '" + std::string(spec) + "' event in this trace");
  return found;
}

}  // namespace lvs::viz
