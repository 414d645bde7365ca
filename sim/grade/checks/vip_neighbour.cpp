// vip_neighbour: for the whole run, the neighbour entry `host` (the client's gateway, or
// the client on the VIP's own segment) holds for the VIP has the director's MAC: every
// change of that entry in the trace (NeighChange with a MAC) names a MAC of the director.
// A real server's MAC there is the LVS-DR ARP problem (arp_ignore/arp_announce not set).
//   {"kind": "vip_neighbour", "host": "client", "vip": "192.168.10.10", "director": "director"}
#include "sim/grade/check.hpp"
#include "sim/net/host.hpp"
#include "sim/net/world.hpp"
#include "sim/trace/vip_arp.hpp"

namespace lvs::grade {
namespace {

struct Params {
  std::string host, director;
  std::optional<Ipv4Addr> vip;  // default: every VIP of the scenario
};

Params read(const JsonNode& check, const nlohmann::json& scenario) {
  expect_check_keys(check, {"host", "vip", "director"});
  Params p;
  p.host = host_param(check, scenario);
  p.director = director_param(check, scenario);
  if (auto v = check.get("vip")) {
    const std::string text = v->nonempty_string();
    p.vip = Ipv4Addr::parse(text);
    if (!p.vip) v->fail("'" + text + "' is not an IPv4 address");
  }
  return p;
}

void validate(const JsonNode& check, const nlohmann::json& scenario) { (void)read(check, scenario); }

std::string host_name(const TraceMeta& meta, std::optional<MacOwner> owner) {
  return owner ? meta.hosts[owner->host].name : "a host outside the scenario";
}

Finding evaluate(const JsonNode& check, GradeWorld& w) {
  const Params p = read(check, w.lab.scenario);
  const Trace& trace = w.run.world->trace();
  const TraceMeta& meta = trace.meta();
  const std::vector<Ipv4Addr> vips = p.vip ? std::vector<Ipv4Addr>{*p.vip} : virtual_ips(meta);
  Finding f;
  for (const auto& e : w.report->vip_arp)
    if (e.host == p.host) f.evidence += format_time(e.time) + "  " + e.text() + "\n";
  if (f.evidence.empty()) f.evidence = "no ARP event about the VIP on " + p.host + "\n";
  const HostId host = w.run.world->find_host(p.host)->id();
  std::size_t entries = 0;
  const auto& recs = trace.records();
  for (std::size_t i = 0; i < recs.size(); ++i) {
    const auto* n = std::get_if<NeighChange>(&recs[i].body);
    if (!n || n->host != host || n->mac.is_zero() || std::find(vips.begin(), vips.end(), n->ip) == vips.end()) continue;
    ++entries;
    const auto owner = meta.mac_owner(n->mac);
    if (owner && meta.hosts[owner->host].name == p.director) continue;
    f.cause = "at " + format_time(recs[i].time) + " " + p.host + "'s neighbour entry for the VIP " + n->ip.str() +
              " took " + n->mac.str() + ", the MAC of " + host_name(meta, owner) + ", not of " + p.director +
              ": the requests to the VIP go to " + host_name(meta, owner);
    f.event = i;
    return f;
  }
  if (entries == 0) {
    f.cause = p.host + " never had a neighbour entry for the VIP (it never sent to it directly)";
    return f;
  }
  f.passed = true;
  return f;
}

}  // namespace

extern const CheckKind kVipNeighbourCheck{"vip_neighbour", Stage::kRun, validate, evaluate};

}  // namespace lvs::grade
