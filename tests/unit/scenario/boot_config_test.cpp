// The load-time boot: a host's persistent files and shell lines, run on a scratch copy
// of it when the scenario is loaded, end up in its HostSpec (so the world, `validate` and
// hardware mode see them), with the transcript and the warnings kept for the report.
#include <doctest/doctest.h>

#include "sim/net/host.hpp"
#include "sim/scenario/scenario.hpp"
#include "tests/unit/scenario/small_scenario.hpp"

using namespace lvs;
using nlohmann::json;
using test::base;
using test::error_of;

TEST_CASE("boot: shell lines configure the host; the transcript keeps prompt, command and output") {
  json doc = base();
  doc["hosts"][1]["shell"] = {"[root@s ~]# ip addr add 192.168.10.10/32 dev lo label lo:0",
                              "ip route add 10.9.0.0/16 via 10.0.0.1", "ip route add 10.9.0.0/16 via 10.0.0.1",
                              "frobnicate --now", "ip route show"};
  const ScenarioSpec spec = parse_scenario(doc, "t.json");
  const HostSpec& s = spec.hosts[1];
  REQUIRE(s.loopback.size() == 1);
  CHECK(s.loopback[0].prefix == *Ipv4Prefix::parse("192.168.10.10/32"));
  CHECK(s.loopback[0].label == "lo:0");
  CHECK(s.loopback[0].pointer == "/hosts/1/shell");
  REQUIRE(s.routes.size() == 1);
  CHECK(s.routes[0].route.dst == *Ipv4Prefix::parse("10.9.0.0/16"));
  REQUIRE(s.transcript.size() == 5);
  CHECK(s.transcript[0].prompt == "[root@s ~]# ");
  CHECK(s.transcript[0].command == "ip addr add 192.168.10.10/32 dev lo label lo:0");
  CHECK(s.transcript[0].origin.line == 1);
  CHECK(s.transcript[2].output == "RTNETLINK answers: File exists\n");
  CHECK(s.transcript[2].status == 2);
  CHECK_FALSE(s.transcript[3].understood);
  CHECK(s.transcript[4].output.find("10.9.0.0/16 via 10.0.0.1 dev eth0") != std::string::npos);
  REQUIRE(s.warnings.size() == 2);
  CHECK(s.warnings[0] ==
        "/hosts/1/shell:3: `ip route add 10.9.0.0/16 via 10.0.0.1` failed (exit 2): RTNETLINK "
        "answers: File exists");
  CHECK(s.warnings[1] == "/hosts/1/shell:4: not understood: frobnicate --now");

  const auto run = build_run(spec, std::nullopt, false);
  Host& host = *run->world->find_host("s");
  CHECK(host.find_iface("lo")->has_address(Ipv4Addr(192, 168, 10, 10)));
  CHECK(host.user_routes().size() == 1);
}

TEST_CASE("boot: what the JSON keys get wrong is still an error at their pointer") {
  json doc = base();
  doc["hosts"][1]["shell"] = {"ip addr"};
  doc["hosts"][1]["routes"] = {"default via 172.16.0.1"};
  CHECK(error_of(doc).starts_with("t.json: /hosts/1/routes/0: 'default via 172.16.0.1': "));
}
