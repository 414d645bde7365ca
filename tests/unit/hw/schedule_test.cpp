// Hardware mode plays requests and actions in the simulator's order (schedule.hpp): at
// one instant a traffic entry's first request comes before the actions, its later ones
// after them; flow ids follow the order requests start; every instant with more than
// one item is warned about.
#include <doctest/doctest.h>

#include <algorithm>

#include "sim/hw/run.hpp"
#include "sim/hw/schedule.hpp"
#include "sim/scenario/scenario.hpp"

using namespace lvs;
using namespace lvs::hw;

namespace {

const std::string kQuiesce = std::string(LVSLAB_SOURCE_DIR) + "/scenarios/lvs-quiesce.json";

// lvs-quiesce with ties: entry 0 (1s, every 1s, x4) and entry 1 (5s, every 1s, x4)
// of client1; the action moved to 2s (entry 0's second request) and a copy at 5s
// (entry 1's first request), and a third entry, from the gateway, at 5s.
ScenarioSpec spec_with_ties() {
  ScenarioSpec spec = load_scenario_file(kQuiesce);
  REQUIRE(spec.traffic.size() == 2);
  REQUIRE(spec.actions.size() == 1);
  spec.actions[0].at = 2 * kSecond;
  spec.actions.push_back(spec.actions[0]);
  spec.actions[1].at = 5 * kSecond;
  TrafficSpec gw = spec.traffic[1];
  gw.client = "gw";
  gw.plan.count = 1;
  spec.traffic.push_back(gw);
  return spec;
}

std::string kinds(const PlaySchedule& s) {
  std::string out;
  for (const auto& item : s.order)
    out += item.kind == ScheduleItem::Kind::kAction ? "A" : std::to_string(s.requests[item.index].traffic);
  return out;
}

}  // namespace

TEST_CASE("the schedule keeps the simulator's order at equal instants") {
  const PlaySchedule s = plan_schedule(spec_with_ties(), 1.0);
  // 1s: entry 0; 2s: the action, then entry 0's second request (scheduled at 1s, after
  // the actions); 3s, 4s: entry 0; 5s: client1's entry 1 first request and the
  // gateway's (hosts in file order: client1 before gw), then the action; 6s-8s: entry 1.
  CHECK(kinds(s) == "0A00012A111");
  for (std::size_t k = 0; k < s.requests.size(); ++k) CHECK(s.requests[k].flow == k + 1);
}

TEST_CASE("the schedule's flow ids are the simulator's") {
  const ScenarioSpec spec = spec_with_ties();
  const PlaySchedule s = plan_schedule(spec, 1.0);
  auto run = build_run(spec, std::nullopt, false);
  execute(*run, std::nullopt);
  REQUIRE(run->results.size() == s.requests.size());
  for (std::size_t t = 0; t < spec.traffic.size(); ++t) {
    std::vector<std::uint32_t> sim, hw;
    for (const auto& r : run->traffic_results[t]) sim.push_back(r.flow);
    for (const auto& r : s.requests)
      if (r.traffic == t) hw.push_back(r.flow);
    CHECK(sim == hw);
  }
}

TEST_CASE("each instant with more than one item is warned about, once") {
  const PlaySchedule s = plan_schedule(spec_with_ties(), 1.0);
  REQUIRE(s.warnings.size() == 2);
  CHECK(s.warnings[0].starts_with("at 2.000000000s the action '"));
  CHECK(s.warnings[0].find("and request #2 (client1) are due at the same instant") != std::string::npos);
  CHECK(s.warnings[1].find("request #5 (client1), request #6 (gw) and the action") != std::string::npos);
  CHECK(s.warnings[1].find("race") == std::string::npos);  // an action among them: said otherwise

  ScenarioSpec two_clients = load_scenario_file(kQuiesce);
  two_clients.actions.clear();
  two_clients.traffic[1] = two_clients.traffic[0];
  two_clients.traffic[1].client = "gw";
  const PlaySchedule t = plan_schedule(two_clients, 1.0);
  CHECK(t.warnings.size() == 4);
  CHECK(t.warnings[0].ends_with("(their packets race)"));
  CHECK(plan_schedule(load_scenario_file(std::string(LVSLAB_SOURCE_DIR) + "/scenarios/lvs-nat.json"), 1.0)
            .warnings.empty());
}

TEST_CASE("the speed scales when requests start, not their order") {
  const PlaySchedule s = plan_schedule(spec_with_ties(), 2.0);
  CHECK(kinds(s) == "0A00012A111");
  CHECK(s.requests[0].at_ns == 500'000'000);
  CHECK(s.order[1].at == 2 * kSecond);
}

TEST_CASE("each request of a client gets its own local port, from the host's ip_local_port_range") {
  ScenarioSpec spec = spec_with_ties();
  PlaySchedule s = plan_schedule(spec, 1.0);
  std::vector<std::uint16_t> client1;
  for (const auto& r : s.requests)
    if (r.client == "client1") client1.push_back(r.local_port);
  CHECK(client1 == std::vector<std::uint16_t>{32768, 32769, 32770, 32771, 32772, 32773, 32774, 32775});
  CHECK(s.requests[5].client == "gw");
  CHECK(s.requests[5].local_port == 32768);  // another host, another address

  HostSpec* c = nullptr;
  for (auto& h : spec.hosts)
    if (h.name == "client1") c = &h;
  REQUIRE(c);
  c->sysctls.push_back(SysctlEntry{"net.ipv4.ip_local_port_range", "40000 40003", ""});
  s = plan_schedule(spec, 1.0);
  CHECK(s.requests[0].local_port == 40000);
  CHECK(s.requests.back().local_port == 0);  // beyond the range: refused before a run
  CHECK(unsupported_in_hw(spec).find("client1 makes 8 requests and its ip_local_port_range has 4 ports") !=
        std::string::npos);
}

TEST_CASE("two requests on one client port are left unattributed, with a warning") {
  const ScenarioSpec spec = load_scenario_file(kQuiesce);
  const PlaySchedule s = plan_schedule(spec, 1.0);
  REQUIRE(s.requests.size() >= 3);
  const std::vector<ClientRequest> plan(s.requests.begin(), s.requests.begin() + 3);
  std::vector<ClientOutcome> outcomes(3);
  const std::uint16_t ports[3] = {40000, 40001, 40000};
  for (std::size_t k = 0; k < 3; ++k) {
    outcomes[k].local = Ipv4Addr(10, 0, 0, 5);
    outcomes[k].local_port = ports[k];
  }
  std::vector<std::string> warnings;
  const FlowMap flows = client_flows(spec, plan, outcomes, warnings);
  CHECK(flows.size() == 1);
  CHECK(flows.at({Ipv4Addr(10, 0, 0, 5).value, 40001}) == 2);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0] ==
        "requests #1 and #3 both left from 10.0.0.5 port 40000: their frames cannot be told apart, neither is "
        "attributed");

  warnings.clear();
  outcomes[2].local_port = 40002;
  CHECK(client_flows(spec, plan, outcomes, warnings).size() == 3);
  CHECK(warnings.empty());
}
