// A scenario's ipvsadm lines are parsed once, when the file loads, into typed commands;
// the world builder and the timed actions run those commands and never read the text
// again (the text stays, as written, for messages, the trace and the report).
#include <doctest/doctest.h>

#include "sim/ipvs/director.hpp"
#include "sim/net/host.hpp"
#include "sim/scenario/scenario.hpp"

using namespace lvs;
using ipvs::ipvsadm::Command;

namespace {

const std::string kQuiesce = std::string(LVSLAB_SOURCE_DIR) + "/scenarios/lvs-quiesce.json";
const Ipv4Addr kRs1(192, 168, 10, 11);

// The director of the shipped NAT scenarios (hosts[2]).
HostSpec& director_of(ScenarioSpec& spec) {
  REQUIRE(spec.hosts.size() > 2);
  REQUIRE(spec.hosts[2].name == "director");
  return spec.hosts[2];
}

}  // namespace

TEST_CASE("the spec carries each ipvsadm line parsed, with its text and pointer") {
  ScenarioSpec spec = load_scenario_file(kQuiesce);
  const HostSpec& d = director_of(spec);
  REQUIRE(d.ipvsadm.size() == 3);
  const IpvsadmLine& add = d.ipvsadm[0];
  CHECK(add.line == "-A -t 192.168.0.100:80 -s rr");
  CHECK(add.pointer == "/hosts/2/ipvsadm/0");
  CHECK(add.command.command == Command::kAddService);
  CHECK(add.command.service.scheduler == "rr");
  CHECK(add.command.service.key.addr == Ipv4Addr(192, 168, 0, 100));
  CHECK(add.command.service.key.port == 80);
  CHECK(d.ipvsadm[1].command.command == Command::kAddDest);
  CHECK(d.ipvsadm[1].command.dest.method == ipvs::FwdMethod::kMasq);

  REQUIRE(spec.actions.size() == 1);
  const ActionSpec& a = spec.actions[0];
  CHECK(a.ipvsadm.line == "-e -t 192.168.0.100:80 -r 192.168.10.11:80 -m -w 0");
  CHECK(a.ipvsadm.pointer == "/actions/0/ipvsadm");
  CHECK(a.ipvsadm.command.command == Command::kEditDest);
  CHECK(a.ipvsadm.command.dest.addr == kRs1);
  CHECK(a.ipvsadm.command.dest.weight == 0);
  CHECK(a.describe() == "ipvsadm -e -t 192.168.0.100:80 -r 192.168.10.11:80 -m -w 0");
}

TEST_CASE("the world builder and the timed actions run the parsed command, not the text") {
  ScenarioSpec spec = load_scenario_file(kQuiesce);
  // Change the commands behind the (unchanged) text: what runs must follow the commands.
  director_of(spec).ipvsadm[0].command.service.scheduler = "wrr";
  spec.actions[0].ipvsadm.command.dest.weight = 7;

  auto run = build_run(spec, std::nullopt, /*tracing=*/false);
  Host* host = run->world->find_host("director");
  REQUIRE(host);
  ipvs::Director* director = ipvs::find_director(*host);
  REQUIRE(director);
  const ipvs::ServiceKey vip = director_of(spec).ipvsadm[0].command.service.key;
  ipvs::Service* svc = director->tables().find_service(vip);
  REQUIRE(svc);
  CHECK(svc->spec.scheduler == "wrr");

  execute(*run, std::nullopt);
  ipvs::Dest* rs1 = director->tables().find_dest(vip, kRs1, 80);
  REQUIRE(rs1);
  CHECK(rs1->weight == 7);
  REQUIRE(run->action_log.size() == 1);
  CHECK(run->action_log[0].what == "ipvsadm -e -t 192.168.0.100:80 -r 192.168.10.11:80 -m -w 0");
  CHECK(run->action_log[0].error.empty());
}
