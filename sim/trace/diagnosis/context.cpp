#include "sim/trace/diagnosis/context.hpp"

#include <cstdio>

namespace lvs {

const char* forwarding_flag(Forwarding f) {
  switch (f) {
    case Forwarding::kNat: return "-m";
    case Forwarding::kLocal: return "";
    case Forwarding::kTunnel: return "-i";
    case Forwarding::kRoute: return "-g";
  }
  return "?";
}

const char* forwarding_name(Forwarding f) {
  switch (f) {
    case Forwarding::kNat: return "NAT (-m)";
    case Forwarding::kLocal: return "local delivery";
    case Forwarding::kTunnel: return "tunnelling (-i)";
    case Forwarding::kRoute: return "direct routing (-g)";
  }
  return "?";
}

std::string sends_straight_to(const std::string& holder, const RequestFacts& q, const std::string& rs) {
  return holder + (holder == q.client ? " sends its packets for the VIP" : " sends the client's packets") +
         " straight to " + rs;
}

std::string cause_time(SimTime t) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%lld.%06lld s", static_cast<long long>(t / 1000000000),
                static_cast<long long>(t % 1000000000 / 1000));
  return buf;
}

Cause make_cause(const char* kind, std::string text, std::uint64_t event, const std::string& host) {
  return Cause{kind, std::move(text), event, host};
}

DiagnosisContext::DiagnosisContext(const Trace& trace, const DiagnosisEvidence& evidence)
    : meta_(trace.meta()), evidence_(evidence), vip_arp_(vip_arp_history(trace)) {
  // The lab model: each director's last rules (a later IpvsRules replaces its earlier ones).
  std::vector<std::uint32_t> last(meta_.hosts.size(), UINT32_MAX);
  for (const RulesFacts& r : evidence.rules())
    if (r.host < last.size()) last[r.host] = r.tables;
  for (HostId h = 0; h < last.size(); ++h) {
    if (last[h] == UINT32_MAX) continue;
    for (const TraceIpvsService& s : trace.ipvs_tables(last[h]).services) {
      if (s.fwmark != 0) continue;
      LabService svc{h, s.addr, s.port, {}};
      for (const TraceIpvsDest& d : s.dests)
        svc.dests.push_back(LabDest{d.addr, d.port, static_cast<Forwarding>(d.method), owner(d.addr)});
      services_.push_back(std::move(svc));
    }
  }
}

std::optional<std::pair<Ipv4Addr, std::uint16_t>> DiagnosisContext::target_of(const std::string& url) {
  std::string_view u = url;
  std::uint16_t port = 80;
  if (u.starts_with("http://")) u.remove_prefix(7);
  u = u.substr(0, u.find('/'));
  if (const auto colon = u.find(':'); colon != std::string_view::npos) {
    port = static_cast<std::uint16_t>(std::atoi(std::string(u.substr(colon + 1)).c_str()));
    u = u.substr(0, colon);
  }
  const auto a = Ipv4Addr::parse(u);
  if (!a) return std::nullopt;
  return std::make_pair(*a, port);
}

const LabService* DiagnosisContext::service_for(Ipv4Addr vip, std::uint16_t port) const {
  for (const auto& s : services_)
    if (s.vip == vip && (s.port == port || s.port == 0)) return &s;
  return nullptr;
}

const LabService* DiagnosisContext::service_for(const RequestFacts& q) const {
  if (q.url == last_url_) return last_service_;
  const auto t = target_of(q.url);
  last_url_ = q.url;
  last_service_ = t ? service_for(t->first, t->second) : nullptr;
  return last_service_;
}

const LabDest* DiagnosisContext::dest_on(HostId host) const {
  for (const auto& s : services_)
    for (const auto& d : s.dests)
      if (d.host == host && host != kNoId) return &d;
  return nullptr;
}

const LabDest* DiagnosisContext::dest_with(Ipv4Addr addr) const {
  for (const auto& s : services_)
    for (const auto& d : s.dests)
      if (d.addr == addr) return &d;
  return nullptr;
}

bool DiagnosisContext::is_director(HostId host) const {
  for (const auto& s : services_)
    if (s.director == host) return true;
  return false;
}

bool DiagnosisContext::bypasses_director(const RequestFacts& q) const {
  const LabService* svc = service_for(q);
  if (!svc || !q.path || q.path->hops.empty()) return false;
  const std::string director = host(svc->director);
  bool reached_server = false;
  for (const PathHop& hop : q.path->hops) {
    if (hop.host == director) return false;
    for (const LabDest& d : svc->dests)
      reached_server = reached_server || (d.host != kNoId && host(d.host) == hop.host);
  }
  return reached_server;
}

const VipArpEvent* DiagnosisContext::realserver_mac_for_vip(const RequestFacts& q) const {
  const LabService* svc = service_for(q);
  if (!svc || !q.path) return nullptr;
  const VipArpEvent* found = nullptr;
  for (const VipArpEvent& e : vip_arp_) {
    if (q.end >= 0 && e.time > q.end) break;
    if (!(e.vip == svc->vip) || e.mac.is_zero()) continue;
    if (e.kind != VipArpEvent::Kind::kReplyTaken && e.kind != VipArpEvent::Kind::kCacheChanged) continue;
    bool crossed = false;
    for (const PathHop& hop : q.path->hops) crossed = crossed || hop.host == e.host;
    if (!crossed) continue;
    bool realserver = false;
    for (const LabDest& d : svc->dests) realserver = realserver || (d.host != kNoId && host(d.host) == e.mac_owner);
    found = realserver ? &e : nullptr;  // the latest change decides (a later one may put the director back)
  }
  return found;
}

std::string DiagnosisContext::host(HostId h) const { return h < meta_.hosts.size() ? meta_.hosts[h].name : "?"; }

std::string DiagnosisContext::iface(HostId h, IfIndex i) const {
  if (h >= meta_.hosts.size() || i >= meta_.hosts[h].interfaces.size()) return "?";
  return meta_.hosts[h].interfaces[i].name;
}

HostId DiagnosisContext::owner(Ipv4Addr a) const {
  // An address on a plugged interface first: a VIP on a real server's lo is the director's.
  for (int pass = 0; pass < 2; ++pass)
    for (HostId h = 0; h < meta_.hosts.size(); ++h)
      for (const auto& i : meta_.hosts[h].interfaces) {
        if ((pass == 0) != (i.segment != kNoId)) continue;
        for (const auto& text : i.addresses)
          if (const auto p = Ipv4Prefix::parse(text); p && p->addr == a) return h;
      }
  return kNoId;
}

bool DiagnosisContext::owns(HostId h, Ipv4Addr a) const {
  if (h >= meta_.hosts.size()) return false;
  for (const auto& i : meta_.hosts[h].interfaces)
    for (const auto& text : i.addresses)
      if (const auto p = Ipv4Prefix::parse(text); p && p->addr == a) return true;
  return false;
}

bool DiagnosisContext::on_link(HostId h, Ipv4Addr a) const {
  if (h >= meta_.hosts.size()) return false;
  for (const auto& i : meta_.hosts[h].interfaces) {
    if (i.segment == kNoId) continue;
    for (const auto& text : i.addresses)
      if (const auto p = Ipv4Prefix::parse(text); p && p->contains(a)) return true;
  }
  return false;
}

std::string DiagnosisContext::addr_of(Ipv4Addr a) const {
  const HostId h = owner(a);
  return h == kNoId ? a.str() : a.str() + " (" + host(h) + ")";
}

std::vector<std::string> DiagnosisContext::routes(HostId h) const {
  return h < meta_.hosts.size() ? meta_.hosts[h].config.routes : std::vector<std::string>{};
}

std::optional<Ipv4Addr> DiagnosisContext::default_gateway(HostId h) const {
  for (const auto& r : routes(h)) {
    if (!r.starts_with("default via ")) continue;
    const std::string rest = r.substr(12);
    return Ipv4Addr::parse(rest.substr(0, rest.find(' ')));
  }
  return std::nullopt;
}

int DiagnosisContext::effective(HostId h, const std::string& iface_name, const std::string& key) const {
  if (h >= meta_.hosts.size()) return -1;
  for (const auto& e : meta_.hosts[h].config.effective) {
    if (e.iface != iface_name) continue;
    if (key == "arp_ignore") return e.arp_ignore;
    if (key == "arp_announce") return e.arp_announce;
    if (key == "arp_filter") return e.arp_filter;
    if (key == "rp_filter") return e.rp_filter;
    if (key == "forwarding") return e.forwarding;
  }
  return -1;
}

std::string DiagnosisContext::packet_words(const PacketFacts& p, const FlowFacts& f) const {
  if (!p.known) return "a packet of this request";
  const std::string tunnelled = p.tunnelled ? "tunnelled " : "";
  const bool syn_ack = (p.tcp_flags & 0x12) == 0x12;
  if (!f.client_addr.is_unspecified() && p.conn_dst() == f.client_addr)
    return "the " + tunnelled + "reply" + (syn_ack ? " (SYN-ACK)" : "") + " from " + addr_of(p.conn_src());
  return "the " + tunnelled + "request" + (p.is_syn() ? " (SYN)" : "") + " to " + p.conn_dst().str();
}

}  // namespace lvs
