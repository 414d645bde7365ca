// director_outpkts: the director's packet counters at the end of the run, as
// `ipvsadm -Ln --stats` shows them. In LVS-NAT the answers pass the director (OutPkts > 0:
// "at_least": 1); in LVS-DR and LVS-TUN they go from the real servers straight to the
// client (OutPkts = 0: "equals": 0). Either way the service must have had packets in
// (InPkts > 0): a director nothing reached proves nothing.
//   {"kind": "director_outpkts", "host": "director", "service": "192.168.10.100:80", "equals": 0}
#include "sim/grade/check.hpp"
#include "sim/ipvs/director.hpp"
#include "sim/ipvs/ipvsadm/format.hpp"
#include "sim/net/world.hpp"

namespace lvs::grade {
namespace {

struct Params {
  std::string host;
  std::optional<std::pair<Ipv4Addr, std::uint16_t>> service;  // default: every service
  std::optional<std::uint64_t> equals, at_least;
};

Params read(const JsonNode& check, const nlohmann::json& scenario) {
  expect_check_keys(check, {"host", "service", "equals", "at_least"});
  Params p;
  p.host = director_param(check, scenario, "host");
  if (auto s = check.get("service")) {
    const std::string text = s->nonempty_string();
    const auto colon = text.find(':');
    const auto addr = Ipv4Addr::parse(text.substr(0, colon));
    const std::string port = colon == std::string::npos ? "" : text.substr(colon + 1);
    if (!addr || port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
        std::stoul(port) == 0 || std::stoul(port) > 65535)
      s->fail("'" + text + "' is not ADDRESS:PORT (e.g. 192.168.10.100:80)");
    p.service = std::make_pair(*addr, static_cast<std::uint16_t>(std::stoul(port)));
  }
  if (auto e = check.get("equals")) p.equals = e->unsigned_integer(0, UINT64_MAX);
  if (auto a = check.get("at_least")) p.at_least = a->unsigned_integer(0, UINT64_MAX);
  if (p.equals.has_value() == p.at_least.has_value()) check.fail("give one of 'equals' and 'at_least'");
  return p;
}

void validate(const JsonNode& check, const nlohmann::json& scenario) { (void)read(check, scenario); }

Finding evaluate(const JsonNode& check, GradeWorld& w) {
  const Params p = read(check, w.lab.scenario);
  Host& host = world_host(w, p.host);
  Finding f;
  ipvs::Director* director = ipvs::find_director(host);
  if (!director) {
    f.cause = p.host + " runs no IPVS: no virtual service counted anything";
    return f;
  }
  const ipvs::Snapshot snap = director->tables().snapshot(host.now());
  ipvs::ipvsadm::ListOptions list;
  list.numeric = true;
  list.stats = true;
  f.evidence =
      "ipvsadm -Ln --stats on " + p.host + " at the end of the run:\n" + ipvs::ipvsadm::format_list(snap, list);
  std::uint64_t in = 0, out = 0;
  bool found = false;
  for (const auto& s : snap.services) {
    if (p.service &&
        (s.spec.key.fwmark != 0 || s.spec.key.addr != p.service->first || s.spec.key.port != p.service->second))
      continue;
    found = true;
    in += s.stats.inpkts;
    out += s.stats.outpkts;
  }
  const std::string which = p.service ? p.service->first.str() + ":" + std::to_string(p.service->second)
                                      : std::string("the virtual services");
  // A failure is shown at the last event: the viewer's director panel has the counters then.
  if (!w.run.world->trace().records().empty()) f.event = w.run.world->trace().records().size() - 1;
  if (!found) {
    f.cause = p.host + " has no virtual service " + which;
    return f;
  }
  if (in == 0) {
    f.cause = "no packet reached " + which + " on " + p.host + " (InPkts 0)";
    return f;
  }
  f.passed = p.equals ? out == *p.equals : out >= *p.at_least;
  if (!f.passed)
    f.cause = which + " on " + p.host + " sent " + std::to_string(out) + " packets out (OutPkts), expected " +
              (p.equals ? std::to_string(*p.equals) : "at least " + std::to_string(*p.at_least)) +
              (out == 0 ? ": the answers did not come back through the director"
                        : ": the answers came back through the director");
  return f;
}

}  // namespace

extern const CheckKind kDirectorOutpktsCheck{"director_outpkts", Stage::kRun, validate, evaluate};

}  // namespace lvs::grade
