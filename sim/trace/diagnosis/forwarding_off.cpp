// forwarding-off: a director or gateway that must route a packet has forwarding off
// (ip_forward=0, or conf.<dev>.forwarding=0 on the interface it came in on): ip_route_input
// finds the packet is not local and not to be forwarded (the kernel drops it, counted as
// not forwarding).
#include "sim/trace/diagnosis/kinds.hpp"

namespace lvs {
namespace {

bool ip_forward_off(const DiagnosisContext& cx, HostId h) {
  if (h >= cx.meta().hosts.size()) return false;
  for (const auto& s : cx.meta().hosts[h].config.sysctls)
    if (s == "net.ipv4.ip_forward = 0") return true;
  return false;
}

std::string why_it_must_route(const DiagnosisContext& cx, HostId h) {
  for (const auto& s : cx.services())
    if (s.director == h) {
      for (const auto& d : s.dests)
        if (d.method == Forwarding::kNat) return "the NAT director must route";
      return "the director must route it";
    }
  const std::string& role = cx.meta().hosts[h].role;
  if (role == "gateway" || role == "router") return "a " + role + " must route";
  return cx.host(h) + " would have to route it";
}

}  // namespace

std::optional<Cause> find_forwarding_off(const DiagnosisContext& cx, const RequestFacts&, const FlowFacts* f) {
  if (!f || !f->first_drop || f->first_drop->reason != DropReason::kNotForwarding) return std::nullopt;
  const DropFacts& d = *f->first_drop;
  if (d.host >= cx.meta().hosts.size()) return std::nullopt;
  const std::string dev = cx.iface(d.host, d.iface);
  const std::string setting =
      ip_forward_off(cx, d.host) ? "net.ipv4.ip_forward=0" : "net.ipv4.conf." + dev + ".forwarding=0";
  return make_cause("forwarding-off",
                    cx.host(d.host) + " dropped " + cx.packet_words(d.packet, *f) + " at " + cause_time(d.time) +
                        " on " + dev + ": forwarding is off (" + setting + ") — " + why_it_must_route(cx, d.host),
                    d.event, cx.host(d.host));
}

}  // namespace lvs
