// The IPVS tables of both sides, field by field (compare_rows.hpp).
#include <algorithm>

#include "sim/hw/compare_rows.hpp"
#include "sim/ipvs/ipvsadm/format.hpp"

namespace lvs::hw {
namespace {

std::string service_name(const ipvs::ServiceKey& k) {
  if (k.fwmark) return "FWM " + std::to_string(k.fwmark);
  return std::string(ipvs::protocol_name(k.protocol)) + " " + endpoint(k.addr, k.port);
}

const ipvs::ServiceEntry* find_service(const ipvs::Snapshot& s, const ipvs::ServiceKey& k) {
  for (const auto& e : s.services)
    if (e.spec.key == k) return &e;
  return nullptr;
}

const ipvs::DestEntry* find_dest(const ipvs::ServiceEntry* s, Ipv4Addr a, std::uint16_t port) {
  if (!s) return nullptr;
  for (const auto& d : s->dests)
    if (d.addr == a && d.port == port) return &d;
  return nullptr;
}

std::string packets(const ipvs::Stats& st) {
  return std::to_string(st.inpkts) + "/" + std::to_string(st.outpkts) + " pkts " + std::to_string(st.inbytes) + "/" +
         std::to_string(st.outbytes) + " B";
}

// The service line of `ipvsadm -Ln` past the address, field by field.
std::string scheduler_text(const ipvs::ServiceSpec& s) {
  return s.scheduler + (s.sched_flags.empty() ? "" : " (" + s.sched_flags + ")");
}
std::string persistence_text(const ipvs::ServiceSpec& s) {
  if (!s.persistent_timeout) return "not persistent";
  return "persistent " + std::to_string(*s.persistent_timeout) + " mask " + s.netmask.str();
}
std::string options_text(const ipvs::ServiceSpec& s) {
  std::string out = s.one_packet ? "ops" : "";
  if (!s.pe_name.empty()) out += (out.empty() ? "pe " : " pe ") + s.pe_name;
  return out.empty() ? "none" : out;
}

std::string dest_order(const ipvs::ServiceEntry* s) {
  if (!s) return "-";
  std::string out;
  for (const auto& d : s->dests) out += (out.empty() ? "" : ", ") + endpoint(d.addr, d.port);
  return out.empty() ? "none" : out;
}

template <class Get>
std::string field(const ipvs::DestEntry* e, Get get) {
  return e ? get(*e) : std::string("-");
}

void compare_dest(const std::string& svc, const ipvs::ServiceEntry* ss, const ipvs::ServiceEntry* hs, Ipv4Addr a,
                  std::uint16_t p, Rows& rows) {
  const auto* sd = find_dest(ss, a, p);
  const auto* hd = find_dest(hs, a, p);
  const std::string d = svc + " -> " + endpoint(a, p);
  auto row = [&](const std::string& what, auto get) {
    rows.same_or_differs(d + " " + what, field(sd, get), field(hd, get));
  };
  auto num = [](auto member) { return [member](const ipvs::DestEntry& e) { return std::to_string(e.*member); }; };
  row("forward", [](const ipvs::DestEntry& e) { return std::string(ipvs::fwd_method_name(e.method)); });
  row("weight", num(&ipvs::DestEntry::weight));
  row("thresholds -x/-y",
      [](const ipvs::DestEntry& e) { return std::to_string(e.u_threshold) + "/" + std::to_string(e.l_threshold); });
  row("ActiveConn", num(&ipvs::DestEntry::active_conns));
  row("InActConn", num(&ipvs::DestEntry::inactive_conns));
  row("PersistConn", num(&ipvs::DestEntry::persist_conns));
  row("Conns", [](const ipvs::DestEntry& e) { return std::to_string(e.stats.conns); });
  // Packet and byte counters are compared: the simulator's TCP sends what Linux 6.1
  // sends (quick ACK of the request, timestamps on every segment, the SYN options), so
  // both count the same segments of the same sizes. In DR/TUN OutPkts is 0 on both:
  // replies do not pass the director.
  row("in/out", [](const ipvs::DestEntry& e) { return packets(e.stats); });
}

void compare_service(const ipvs::ServiceKey& k, const Observables& sim, const Observables& hw, Rows& rows) {
  const auto* ss = find_service(sim.ipvs, k);
  const auto* hs = find_service(hw.ipvs, k);
  const std::string svc = service_name(k);
  auto row = [&](const std::string& what, auto text) {
    rows.same_or_differs(svc + " " + what, ss ? text(ss->spec) : "-", hs ? text(hs->spec) : "-");
  };
  row("scheduler", scheduler_text);
  row("persistence", persistence_text);
  row("options", options_text);
  rows.same_or_differs(svc + " Conns", ss ? std::to_string(ss->stats.conns) : "-",
                       hs ? std::to_string(hs->stats.conns) : "-");
  rows.same_or_differs(svc + " in/out", ss ? packets(ss->stats) : "-", hs ? packets(hs->stats) : "-");
  // The order `ipvsadm -Ln` lists the destinations in (the service's list: new ones are
  // appended, ip_vs_ctl.c __ip_vs_update_dest list_add_rcu on the tail).
  rows.same_or_differs(svc + " destination order", dest_order(ss), dest_order(hs));
  std::vector<std::pair<Ipv4Addr, std::uint16_t>> dests;
  for (const auto* s : {ss, hs})
    if (s)
      for (const auto& d : s->dests)
        if (std::find(dests.begin(), dests.end(), std::make_pair(d.addr, d.port)) == dests.end())
          dests.emplace_back(d.addr, d.port);
  std::sort(dests.begin(), dests.end());
  for (const auto& [a, p] : dests) compare_dest(svc, ss, hs, a, p, rows);
}

std::string timeouts_text(const ipvs::Timeouts& t) {
  return std::to_string(t.tcp) + " " + std::to_string(t.tcp_fin) + " " + std::to_string(t.udp);
}

}  // namespace

void compare_ipvs_tables(const Observables& sim, const Observables& hw, Rows& rows) {
  if (!sim.has_ipvs && !hw.has_ipvs) return;
  rows.same_or_differs("IPVS services", std::to_string(sim.ipvs.services.size()),
                       std::to_string(hw.ipvs.services.size()));
  std::vector<ipvs::ServiceKey> keys;
  for (const auto* o : {&sim, &hw})
    for (const auto& s : o->ipvs.services)
      if (std::find(keys.begin(), keys.end(), s.spec.key) == keys.end()) keys.push_back(s.spec.key);
  for (const auto& k : keys) compare_service(k, sim, hw, rows);
  rows.same_or_differs("Timeout (tcp tcpfin udp)", timeouts_text(sim.ipvs.timeouts), timeouts_text(hw.ipvs.timeouts));
}

}  // namespace lvs::hw
