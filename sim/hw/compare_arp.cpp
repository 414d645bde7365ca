// The ARP side of a comparison: who answered who-has for a virtual IP, the races the
// kernel's captures show, and the single-kernel dst_pending_confirm artifact.
#include <algorithm>
#include <map>

#include "sim/hw/compare_arp.hpp"
#include "sim/trace/vip_arp.hpp"

namespace lvs::hw {
namespace {

std::string host_name(const TraceMeta& meta, HostId h) { return h < meta.hosts.size() ? meta.hosts[h].name : "?"; }

std::string iface_name(const TraceMeta& meta, HostId h, IfIndex i) {
  if (h >= meta.hosts.size() || i >= meta.hosts[h].interfaces.size()) return "?";
  return meta.hosts[h].interfaces[i].name;
}

bool owns_address(const ScenarioSpec& spec, const std::string& host, Ipv4Addr ip) {
  const HostSpec* h = spec.find_host(host);
  if (!h) return false;
  for (const auto& i : h->interfaces)
    for (const auto& a : i.addresses)
      if (a.prefix.addr == ip) return true;
  return false;
}

// Calls fn(time, body) for each record of type Body whose address `ip` is a virtual IP.
template <class Body, class Fn>
void each_vip_record(const Trace& trace, Ipv4Addr Body::*ip, Fn fn) {
  const std::vector<Ipv4Addr> vips = virtual_ips(trace.meta());
  for (const auto& rec : trace.records())
    if (const auto* b = std::get_if<Body>(&rec.body); b && std::find(vips.begin(), vips.end(), b->*ip) != vips.end())
      fn(rec.time, *b);
}

}  // namespace

std::string ArpRace::text() const {
  std::string who;
  for (const auto& h : hosts) who += (who.empty() ? "" : ", ") + h;
  return "who-has " + vip.str() + " from " + asker.str() + " at " + format_time(time) + " answered by " + who;
}

std::string PendingConfirmArtifact::text() const {
  return "single-kernel artifact (dst_pending_confirm): on the kernel " + gateway + "'s entry for " + vip.str() +
         " holds " + owner + "'s MAC and stays REACHABLE although " + owner +
         " never answered its who-has: the client's TCP socket marks its packets 'confirm the neighbour' "
         "(sk_dst_pending_confirm, set by the ACKs it receives), the mark survives the veth crossing into " +
         gateway + "'s namespace, and " + gateway +
         " confirms its VIP entry when it forwards them (ip_finish_output2 -> sock_confirm_neigh). On separate "
         "machines nothing confirms it: the entry goes DELAY -> PROBE and, unanswered, FAILED, as the simulator "
         "shows. The simulator does not copy this artifact.";
}

std::vector<ArpRace> arp_races(const std::vector<ArpAnswer>& answers) {
  std::vector<ArpRace> out;
  // Open resolutions per (asker, VIP): the first answer's time and who answered since.
  std::map<std::pair<std::uint32_t, std::uint32_t>, ArpRace> open;
  auto close = [&out](const ArpRace& r) {
    if (r.hosts.size() >= 2) out.push_back(r);
  };
  for (const auto& a : answers) {
    auto [it, fresh] = open.try_emplace({a.asker.value, a.vip.value});
    ArpRace& r = it->second;
    if (!fresh && a.time - r.time > kArpResolutionWindow) {
      close(r);
      r = ArpRace{};
      fresh = true;
    }
    if (fresh) {
      r.time = a.time;
      r.vip = a.vip;
      r.asker = a.asker;
    }
    if (std::find(r.hosts.begin(), r.hosts.end(), a.host) == r.hosts.end()) r.hosts.push_back(a.host);
  }
  for (const auto& [k, r] : open) close(r);
  std::sort(out.begin(), out.end(), [](const ArpRace& a, const ArpRace& b) { return a.time < b.time; });
  return out;
}

std::vector<ArpAnswer> arp_answers(const Trace& trace) {
  std::vector<ArpAnswer> out;
  each_vip_record(trace, &ArpDecision::target_ip, [&](SimTime t, const ArpDecision& d) {
    if (d.verdict == ArpVerdict::kReplied)
      out.push_back(
          {t, d.target_ip, d.sender_ip, host_name(trace.meta(), d.host), iface_name(trace.meta(), d.host, d.iface)});
  });
  return out;
}

std::vector<VipProbe> vip_probes(const Trace& trace) {
  std::vector<VipProbe> out;
  each_vip_record(trace, &NeighChange::ip, [&](SimTime t, const NeighChange& c) {
    if (c.to != NeighState::kProbe) return;
    const auto owner = trace.meta().mac_owner(c.mac);
    out.push_back({t, host_name(trace.meta(), c.host), c.ip, owner ? host_name(trace.meta(), owner->host) : "?"});
  });
  return out;
}

std::optional<PendingConfirmArtifact> pending_confirm_artifact(const ScenarioSpec& spec, const Observables& sim,
                                                               const Observables& hw) {
  for (const auto& n : hw.vip_neighbours) {
    if (!n.has_mac || n.state != NeighState::kReachable) continue;
    // REACHABLE is a confirmation: an ARP reply from the owner to this gateway, or
    // (on one kernel) the artifact. Any answer from the owner explains it.
    const bool answered = std::any_of(hw.arp_answers.begin(), hw.arp_answers.end(), [&](const ArpAnswer& a) {
      return a.vip == n.vip && a.host == n.mac_owner && owns_address(spec, n.host, a.asker);
    });
    if (answered) continue;
    // Only an artifact when the simulator, modelling separate machines, shows otherwise.
    const auto s = std::find_if(sim.vip_neighbours.begin(), sim.vip_neighbours.end(),
                                [&](const VipNeighbour& v) { return v.host == n.host && v.vip == n.vip; });
    if (s != sim.vip_neighbours.end() && s->text() == n.text()) continue;
    return PendingConfirmArtifact{n.host, n.mac_owner, n.vip};
  }
  return std::nullopt;
}

std::optional<SimTime> artifact_from(const PendingConfirmArtifact& a, const Observables& sim) {
  for (const auto& p : sim.vip_probes)
    if (p.host == a.gateway && p.vip == a.vip && p.owner == a.owner) return p.time;
  return std::nullopt;
}

void compare_arp_answers(const Observables& sim, const Observables& hw, Rows& rows) {
  // Per VIP, "host iface" of every host that answered (sorted, unique).
  auto answered = [](const Observables& o) {
    std::map<std::string, std::vector<std::string>> m;
    for (const auto& a : o.arp_answers) {
      auto& who = m[a.vip.str()];
      const std::string name = a.host + " " + a.iface;
      if (std::find(who.begin(), who.end(), name) == who.end()) who.push_back(name);
    }
    for (auto& [vip, who] : m) std::sort(who.begin(), who.end());
    return m;
  };
  const auto sa = answered(sim), ha = answered(hw);
  auto join = [](const std::map<std::string, std::vector<std::string>>& m, const std::string& vip) {
    std::string out;
    if (auto it = m.find(vip); it != m.end())
      for (const auto& x : it->second) out += (out.empty() ? "" : ", ") + x;
    return out.empty() ? std::string("nobody") : out;
  };
  std::map<std::string, int> vips;
  for (const auto* m : {&sa, &ha})
    for (const auto& [vip, unused] : *m) vips[vip] = 0;
  for (const auto& [vip, unused] : vips)
    rows.same_or_differs("ARP who-has " + vip + " answered by", join(sa, vip), join(ha, vip));
}

}  // namespace lvs::hw
