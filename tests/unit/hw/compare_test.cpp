#include <doctest/doctest.h>

#include "sim/hw/compare.hpp"
#include "sim/scenario/scenario.hpp"

using namespace lvs;
using namespace lvs::hw;

namespace {

const std::string kArpProblem = std::string(LVSLAB_SOURCE_DIR) + "/scenarios/lvs-dr-arp-problem.json";

VipNeighbour neigh(const std::string& owner, NeighState state) {
  VipNeighbour n;
  n.host = "gw";
  n.dev = "eth1";
  n.vip = Ipv4Addr(192, 168, 10, 100);
  n.has_mac = true;
  n.mac_owner = owner;
  n.state = state;
  return n;
}

ArpAnswer answer(int at_ms, const std::string& host) {
  return {at_ms * kMillisecond, Ipv4Addr(192, 168, 10, 100), Ipv4Addr(192, 168, 10, 254), host, "eth0"};
}

// Who answered the gateway's one who-has for the VIP: everybody (arp_ignore=0).
Observables raced(Observables o) {
  for (const char* h : {"rs2", "rs1", "director"}) o.arp_answers.push_back(answer(1000, h));
  return o;
}

Observables bypass_to(const std::string& rs) {
  Observables o;
  for (int i = 0; i < 3; ++i) o.requests.push_back({rs, 200, "CIP-DGW-RIP-DGW-CIP"});
  o.vip_neighbours.push_back(neigh(rs, NeighState::kReachable));
  return o;
}

}  // namespace

TEST_CASE("identical observations agree; any change is named") {
  const ScenarioSpec spec = load_scenario_file(kArpProblem);
  Observables a = bypass_to("rs2");
  Comparison same = compare(spec, a, a);
  CHECK(same.differences() == 0);
  CHECK_FALSE(same.arp_race());  // no answers captured: no race shown

  Observables b = a;
  b.requests[1].status = 503;
  Comparison c = compare(spec, a, b);
  CHECK(c.differences() == 1);
  const std::string text = comparison_text(c, "t", "kernel");
  CHECK(text.find("DIFFERS: request 2 status: simulator 200, kernel 503") != std::string::npos);
}

TEST_CASE("ARP race: a different winner is timing, a missing bypass is a difference") {
  const ScenarioSpec spec = load_scenario_file(kArpProblem);
  // Both sides bypass the director, each to its own ARP winner, and the kernel's
  // captures show the race: they agree.
  Observables kernel = raced(bypass_to("rs1"));
  Comparison c = compare(spec, raced(bypass_to("rs2")), kernel);
  CHECK(c.arp_race());
  CHECK(c.differences() == 0);
  std::size_t timing = 0;
  for (const auto& r : c.rows) timing += r.verdict == Verdict::kTiming;
  CHECK(timing == 4);  // 3 requests' servers + the gateway's entry

  // The kernel answers through the director while the simulator bypasses it: differs.
  Observables director;
  for (int i = 0; i < 3; ++i) director.requests.push_back({i % 2 ? "rs1" : "rs2", 200, "CIP-DGW-VIP-RIP-DGW-CIP"});
  director.vip_neighbours.push_back(neigh("director", NeighState::kReachable));
  Comparison d = compare(spec, bypass_to("rs2"), raced(director));
  CHECK(d.differences() > 0);
  bool neigh_differs = false;
  for (const auto& r : d.rows)
    if (r.what.starts_with("gw neigh")) neigh_differs = r.verdict == Verdict::kDiffers;
  CHECK(neigh_differs);

  // A request not answered by the side's ARP winner differs.
  Observables odd = raced(bypass_to("rs1"));
  odd.requests[2].server = "";
  CHECK(compare(spec, raced(bypass_to("rs2")), odd).differences() == 1);
}

TEST_CASE("ARP race rule: only where the kernel's captures show two answers to one who-has") {
  const ScenarioSpec spec = load_scenario_file(kArpProblem);
  // A bypass without a race (e.g. learned from a real server's own who-has sent with
  // the VIP as sender address): a different server is a difference, not timing.
  Observables sim = bypass_to("rs2"), kernel = bypass_to("rs1");
  kernel.arp_answers.push_back(answer(1000, "rs1"));
  sim.arp_answers = kernel.arp_answers;
  Comparison c = compare(spec, sim, kernel);
  CHECK_FALSE(c.arp_race());
  CHECK(c.differences() == 4);  // 3 servers + the gateway's entry
  // Two answers, but to resolutions more than a second apart: still no race.
  kernel.arp_answers.push_back(answer(2500, "director"));
  sim.arp_answers = kernel.arp_answers;
  CHECK_FALSE(compare(spec, sim, kernel).arp_race());
  // Two hosts answering within one resolution: a race.
  kernel.arp_answers.push_back(answer(2500 + 1, "rs2"));
  sim.arp_answers = kernel.arp_answers;
  const Comparison r = compare(spec, sim, kernel);
  REQUIRE(r.kernel_races.size() == 1);
  CHECK(r.kernel_races[0].hosts == std::vector<std::string>{"director", "rs2"});
  CHECK(r.differences() == 0);

  // A race for another address does not excuse this VIP's gateway entry (STALE on
  // both: a REACHABLE one nobody answered for would be the artifact).
  for (auto* o : {&sim, &kernel}) {
    for (auto& a : o->arp_answers) a.vip = Ipv4Addr(192, 168, 10, 200);
    o->vip_neighbours[0].state = NeighState::kStale;
  }
  bool neigh_differs = false;
  for (const auto& row : compare(spec, sim, kernel).rows)
    if (row.what == "gw neigh 192.168.10.100") neigh_differs = row.verdict == Verdict::kDiffers;
  CHECK(neigh_differs);
}

TEST_CASE("IPVS destinations: counters compared, packet and byte counts too") {
  const ScenarioSpec spec = load_scenario_file(kArpProblem);
  Observables a, b;
  for (auto* o : {&a, &b}) {
    o->has_ipvs = true;
    ipvs::ServiceEntry s;
    s.spec.key.addr = Ipv4Addr(192, 168, 10, 100);
    s.spec.key.port = 80;
    s.spec.scheduler = "rr";
    ipvs::DestEntry d;
    d.addr = Ipv4Addr(192, 168, 10, 11);
    d.port = 80;
    d.method = ipvs::FwdMethod::kRoute;
    d.stats.conns = 3;
    d.inactive_conns = 3;
    s.dests.push_back(d);
    o->ipvs.services.push_back(s);
  }
  b.ipvs.services[0].dests[0].stats.inpkts = 19;  // the in/out row (TCP as Linux 6.1 sends it)
  CHECK(compare(spec, a, b).differences() == 1);
  b.ipvs.services[0].dests[0].inactive_conns = 2;
  CHECK(compare(spec, a, b).differences() == 2);
  b = a;
  b.ipvs.services[0].dests[0].stats.outpkts = 4;  // DR: nothing may go out (in/out row)
  CHECK(compare(spec, a, b).differences() == 1);
  b = a;
  ipvs::ConnEntry e;
  e.state = "FIN_WAIT";
  e.dest_addr = Ipv4Addr(192, 168, 10, 11);
  e.dest_port = 80;
  b.ipvs.conns.push_back(e);
  CHECK(compare(spec, a, b).differences() == 1);
}

TEST_CASE("who answered ARP for the VIP is compared per VIP") {
  const ScenarioSpec spec = load_scenario_file(kArpProblem);
  Observables a = bypass_to("rs2"), b = bypass_to("rs2");
  a = raced(a);
  b.arp_answers.push_back(answer(1000, "director"));
  const Comparison c = compare(spec, a, b);
  CHECK(c.differences() == 1);
  CHECK(comparison_text(c, "t", "kernel").find("DIFFERS: ARP who-has 192.168.10.100 answered by") != std::string::npos);
  b.arp_answers = a.arp_answers;
  CHECK(compare(spec, a, b).differences() == 0);
}

TEST_CASE("the single-kernel dst_pending_confirm artifact is detected, named and limited to what it explains") {
  const ScenarioSpec spec = load_scenario_file(std::string(LVSLAB_SOURCE_DIR) + "/scenarios/lvs-dr-arp-announce.json");
  // The simulator (separate machines): the gateway learned rs2's MAC from rs2's own
  // who-has (arp_announce=0); nothing confirms it, so it went PROBE at 7 s and the
  // requests from then on went through the director again. The kernel: REACHABLE, and
  // every request went to rs2, although rs2 never answered a who-has for the VIP.
  Observables sim, kernel;
  for (int i = 0; i < 8; ++i) {
    const SimTime start = (i + 1) * kSecond;
    const bool probed = start >= 7 * kSecond;
    sim.requests.push_back(
        {probed ? "rs1" : "rs2", 200, probed ? "CIP-DGW-VIP-RIP-DGW-CIP" : "CIP-DGW-RIP-DGW-CIP", "met", start});
    kernel.requests.push_back({"rs2", 200, "CIP-DGW-RIP-DGW-CIP", "met", start});
  }
  VipNeighbour n = neigh("rs2", NeighState::kProbe);
  n.vip = Ipv4Addr(192, 168, 10, 100);
  sim.vip_neighbours.push_back(n);
  n.state = NeighState::kReachable;
  kernel.vip_neighbours.push_back(n);
  sim.vip_probes.push_back({7 * kSecond, "gw", n.vip, "rs2"});
  const ArpAnswer director{1000 * kMillisecond, n.vip, Ipv4Addr(192, 168, 10, 254), "director", "eth0"};
  sim.arp_answers = kernel.arp_answers = {director};

  const Comparison c = compare(spec, sim, kernel);
  REQUIRE(c.artifact);
  CHECK(c.artifact->gateway == "gw");
  CHECK(c.artifact->owner == "rs2");
  CHECK(c.differences() == 0);
  std::size_t artifact_rows = 0;
  for (const auto& r : c.rows) artifact_rows += r.verdict == Verdict::kArtifact;
  CHECK(artifact_rows == 5);  // the entry, and requests 7 and 8: server and path
  const std::string text = comparison_text(c, "t", "kernel");
  CHECK(text.find("single-kernel artifact (dst_pending_confirm)") != std::string::npos);
  CHECK(text.find("ARTIFACT: gw neigh 192.168.10.100") != std::string::npos);

  // A request that differs before the simulator's entry went PROBE is a difference.
  Observables early = kernel;
  early.requests[0].server = "rs1";
  CHECK(compare(spec, sim, early).differences() == 1);

  // The owner answered the gateway's who-has: REACHABLE is explained, no artifact.
  Observables answered = kernel;
  answered.arp_answers.push_back({1500 * kMillisecond, n.vip, Ipv4Addr(192, 168, 10, 254), "rs2", "eth0"});
  const Comparison d = compare(spec, sim, answered);
  CHECK_FALSE(d.artifact);
  CHECK(d.differences() > 0);
}
