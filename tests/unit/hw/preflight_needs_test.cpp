// What hardware mode asks of the kernel follows the scenario's parsed ipvsadm commands
// (a -i destination needs the ipip module), not a second reading of their text.
#include <doctest/doctest.h>

#include "sim/hw/preflight.hpp"
#include "sim/scenario/scenario.hpp"

using namespace lvs;
using namespace lvs::hw;

namespace {

const std::string kNat = std::string(LVSLAB_SOURCE_DIR) + "/scenarios/lvs-nat.json";
const std::string kQuiesce = std::string(LVSLAB_SOURCE_DIR) + "/scenarios/lvs-quiesce.json";

// The director of the shipped NAT scenarios (hosts[2]).
HostSpec& director_of(ScenarioSpec& spec) {
  REQUIRE(spec.hosts.size() > 2);
  REQUIRE(spec.hosts[2].name == "director");
  return spec.hosts[2];
}

}  // namespace

TEST_CASE("a NAT director needs IPVS and no ipip") {
  const Needs n = needs_of(load_scenario_file(kNat));
  CHECK(n.ipvs);
  CHECK_FALSE(n.ipip);
}

TEST_CASE("a -i destination in the rules or in an action needs ipip, from its parsed command") {
  ScenarioSpec spec = load_scenario_file(kNat);
  director_of(spec).ipvsadm[1].command.dest.method = ipvs::FwdMethod::kTunnel;  // text still says -m
  CHECK(needs_of(spec).ipip);

  spec = load_scenario_file(kQuiesce);
  REQUIRE(spec.actions.size() == 1);
  CHECK_FALSE(needs_of(spec).ipip);
  spec.actions[0].ipvsadm.command.dest.method = ipvs::FwdMethod::kTunnel;
  CHECK(needs_of(spec).ipip);
}
