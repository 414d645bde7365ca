// The comparison's self-test: the simulator's own observations of a scenario compared
// with themselves agree; one change each (a request's server, a persistence template
// removed, a destination's weight in -Ln) must come out as exactly that difference.
#include <doctest/doctest.h>

#include <algorithm>

#include "sim/hw/compare.hpp"
#include "sim/scenario/scenario.hpp"

using namespace lvs;
using namespace lvs::hw;

namespace {

const std::string kPersistence = std::string(LVSLAB_SOURCE_DIR) + "/scenarios/lvs-persistence.json";

std::vector<std::string> differing(const Comparison& c) {
  std::vector<std::string> out;
  for (const auto& r : c.rows)
    if (r.verdict == Verdict::kDiffers) out.push_back(r.what);
  return out;
}

}  // namespace

TEST_CASE("self-test: each planted change in a simulator result is a difference") {
  const ScenarioSpec spec = load_scenario_file(kPersistence);
  const Observables sim = simulated_observables(spec, 8 * kSecond);
  REQUIRE(sim.requests.size() == 10);
  REQUIRE(sim.has_ipvs);
  const auto templates = std::count_if(sim.ipvs.conns.begin(), sim.ipvs.conns.end(),
                                       [](const ipvs::ConnEntry& c) { return c.is_template; });
  REQUIRE(templates == 2);  // one per client (-p 60)

  const Comparison same = compare(spec, sim, sim);
  CHECK(same.differences() == 0);
  CHECK(same.ok());

  SUBCASE("one request's server changed") {
    Observables k = sim;
    k.requests[3].server = k.requests[3].server == "rs1" ? "rs2" : "rs1";
    CHECK(differing(compare(spec, sim, k)) == std::vector<std::string>{"request 4 server"});
  }
  SUBCASE("one template removed") {
    Observables k = sim;
    const auto t = std::find_if(k.ipvs.conns.begin(), k.ipvs.conns.end(), [](const auto& c) { return c.is_template; });
    const std::string client = t->client_addr.str();
    k.ipvs.conns.erase(t);
    const auto d = differing(compare(spec, sim, k));
    REQUIRE(d.size() == 1);
    CHECK(d[0] == "template TCP " + client + " 192.168.0.100:80");
  }
  SUBCASE("a template's expiry beyond the tolerance, or its state") {
    Observables k = sim;
    auto t = std::find_if(k.ipvs.conns.begin(), k.ipvs.conns.end(), [](const auto& c) { return c.is_template; });
    t->expires_ms += kExpiryToleranceMs;  // within: the same
    CHECK(compare(spec, sim, k).differences() == 0);
    t->expires_ms += 1000;
    CHECK(compare(spec, sim, k).differences() == 1);
    CompareOptions faster;  // --speed other than 1: expiry shown, not compared
    faster.expiry = false;
    CHECK(compare(spec, sim, k, faster).differences() == 0);
    t->expires_ms = std::find_if(sim.ipvs.conns.begin(), sim.ipvs.conns.end(), [](const auto& c) {
                      return c.is_template;
                    })->expires_ms;
    t->state = t->state == "ASSURED" ? "NONE" : "ASSURED";
    CHECK(compare(spec, sim, k).differences() == 1);
  }
  SUBCASE("one -Ln weight changed") {
    Observables k = sim;
    k.ipvs.services[0].dests[1].weight = 3;
    CHECK(differing(compare(spec, sim, k)) ==
          std::vector<std::string>{"TCP 192.168.0.100:80 -> " + k.ipvs.services[0].dests[1].addr.str() + ":80 weight"});
  }
  SUBCASE("service fields: scheduler flags, persistence timeout and netmask, destination order") {
    Observables k = sim;
    k.ipvs.services[0].spec.netmask = Ipv4Addr(255, 255, 255, 0);
    CHECK(differing(compare(spec, sim, k)) == std::vector<std::string>{"TCP 192.168.0.100:80 persistence"});
    k = sim;
    k.ipvs.services[0].spec.sched_flags = "flag-1";
    CHECK(differing(compare(spec, sim, k)) == std::vector<std::string>{"TCP 192.168.0.100:80 scheduler"});
    k = sim;
    std::swap(k.ipvs.services[0].dests[0], k.ipvs.services[0].dests[1]);
    CHECK(differing(compare(spec, sim, k)) == std::vector<std::string>{"TCP 192.168.0.100:80 destination order"});
    k = sim;
    k.ipvs.services[0].dests[0].u_threshold = 10;
    CHECK(differing(compare(spec, sim, k)).size() == 1);
  }
  SUBCASE("the scenario's expect: shown on both sides, and not met means exit 1") {
    Observables k = sim;
    k.requests[0].expect = "not met: expected an answer from rs2, got rs1";
    const Comparison c = compare(spec, sim, k);
    CHECK(differing(c) == std::vector<std::string>{"request 1 expect"});
    CHECK(c.expect_failed_hw == 1);
    CHECK_FALSE(c.ok());
    // Both sides failing the same way agree, but the run is not ok.
    const Comparison both = compare(spec, k, k);
    CHECK(both.differences() == 0);
    CHECK_FALSE(both.ok());
    CHECK(comparison_text(both, "t", "kernel").find("the scenario's expect is not met") != std::string::npos);
  }
}
