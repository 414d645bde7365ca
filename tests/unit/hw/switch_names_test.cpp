#include <doctest/doctest.h>

#include <set>

#include "sim/hw/names.hpp"
#include "sim/hw/switch_names.hpp"

using namespace lvs;
using namespace lvs::hw;

namespace {

ScenarioSpec spec_with(std::vector<std::string> segments,
                       std::vector<std::pair<std::string, std::vector<std::string>>> hosts) {
  ScenarioSpec s;
  for (auto& n : segments) s.segments.push_back(SegmentSpec{n, {}, ""});
  for (auto& [name, ifaces] : hosts) {
    HostSpec h;
    h.name = name;
    for (auto& i : ifaces) {
      InterfaceSpec ifc;
      ifc.name = i;
      ifc.segment = segments.front();
      h.interfaces.push_back(ifc);
    }
    s.hosts.push_back(h);
  }
  return s;
}

// Every planned name is one Linux keeps as given, and no two are the same (nor an
// existing device's).
void check_unique(const SwitchNames& n, const std::vector<std::string>& existing) {
  std::set<std::string> seen(existing.begin(), existing.end());
  for (const auto& b : n.bridges) {
    CHECK_MESSAGE(valid_ifname(b), b);
    CHECK_MESSAGE(seen.insert(b).second, b);
  }
  for (const auto& host : n.ports)
    for (const auto& p : host) {
      if (p.empty()) continue;
      CHECK_MESSAGE(valid_ifname(p), p);
      CHECK_MESSAGE(seen.insert(p).second, p);
    }
}

}  // namespace

TEST_CASE("segments keep their own names as bridges, ports are <host>-<interface>") {
  const auto s = spec_with({"client-net", "lan"}, {{"rs1", {"eth0", "eth1"}}});
  const auto n = plan_switch_names(s, {"lo"});
  CHECK(n.bridges == std::vector<std::string>{"client-net", "lan"});
  CHECK(n.ports[0] == std::vector<std::string>{"rs1-eth0", "rs1-eth1"});
}

TEST_CASE("two segments never share a bridge") {
  // The old fallback named a too-long segment "br<index>": here "br1", the first segment's
  // own name, and both segments were one bridge.
  {
    const auto s = spec_with({"br1", "server-network-1"}, {});
    const auto n = plan_switch_names(s, {"lo"});
    CHECK(n.bridges[0] == "br1");
    CHECK(n.bridges[1] == "server-~twork-1");
    check_unique(n, {"lo"});
  }
  // Names alike in their first 15 bytes stay apart: the cut keeps the end.
  {
    const auto s = spec_with({"datacenter-lan-1", "datacenter-lan-2"}, {});
    const auto n = plan_switch_names(s, {"lo"});
    CHECK(n.bridges == std::vector<std::string>{"datacen~r-lan-1", "datacen~r-lan-2"});
  }
  // Alike at both ends too: a number makes the second unique.
  {
    const auto s = spec_with({"segment-one-aaa-ending", "segment-two-bbb-ending"}, {});
    const auto n = plan_switch_names(s, {"lo"});
    CHECK(n.bridges[0] == "segment~-ending");
    CHECK(n.bridges[1] == "segment~-endi~2");
  }
  // A segment named as the other's shortened name keeps its own.
  {
    const auto s = spec_with({"datacenter-lan-1", "datacen~r-lan-1"}, {});
    const auto n = plan_switch_names(s, {"lo"});
    CHECK(n.bridges[1] == "datacen~r-lan-1");
    CHECK(n.bridges[0] == "datacen~r-lan~2");
  }
}

TEST_CASE("ports and bridges share the switch namespace's names, with the devices it has") {
  // "a-b"+"c" and "a"+"b-c" are both "a-b-c"; a segment named like a port; the devices a
  // loaded ipip module puts in every namespace.
  auto s = spec_with({"a-b-c", "tunl0", "lo"}, {{"a-b", {"c"}}, {"a", {"b-c"}}});
  const std::vector<std::string> existing{"lo", "tunl0", "sit0"};
  const auto n = plan_switch_names(s, existing);
  CHECK(n.bridges == std::vector<std::string>{"a-b-c", "tunl0~2", "lo~2"});
  CHECK(n.ports[0][0] == "a-b-c~2");
  CHECK(n.ports[1][0] == "a-b-c~3");
  check_unique(n, existing);
}

TEST_CASE("an interface without a segment has no port") {
  auto s = spec_with({"lan"}, {{"rs1", {"eth0", "tunl0"}}});
  s.hosts[0].interfaces[1].type = InterfaceType::kIpip;
  const auto n = plan_switch_names(s, {"lo"});
  CHECK(n.ports[0] == std::vector<std::string>{"rs1-eth0", ""});
}

TEST_CASE("names Linux would refuse or rewrite are made valid, long ones cut in the middle") {
  CHECK(shorten_ifname("a segment") == "a_segment");
  CHECK(shorten_ifname("vlan:10/a") == "vlan_10_a");
  CHECK(shorten_ifname("lan%d") == "lan_d");
  CHECK(shorten_ifname("..") == "___");
  CHECK(shorten_ifname("") == "_");
  CHECK(shorten_ifname("director-number-one-eth1") == "directo~ne-eth1");
  // Never half a UTF-8 character: byte 7 and the 7th byte from the end are each the
  // second byte of an "\u00e9" (C3 A9).
  const std::string cut = shorten_ifname(
      "abcdef\xC3\xA9"
      "-middle-\xC3\xA9"
      "123456");
  CHECK(valid_ifname(cut));
  CHECK(cut == "abcdef~123456");
}

TEST_CASE("many similar long names: all valid and distinct") {
  std::vector<std::string> segs;
  for (int i = 0; i < 40; ++i) segs.push_back("a-rather-long-segment-name-" + std::string(i % 3 + 1, 'x'));
  std::vector<std::pair<std::string, std::vector<std::string>>> hosts;
  for (int i = 0; i < 30; ++i) hosts.push_back({"a-rather-long-host-name-" + std::to_string(i % 4), {"eth0", "eth1"}});
  // Host names must be unique in a scenario, segment names too; the planner must cope
  // with what remains alike after shortening.
  for (int i = 0; i < 40; ++i) segs[i] += std::to_string(i);
  for (int i = 0; i < 30; ++i) hosts[i].first += "-" + std::to_string(i);
  const auto n = plan_switch_names(spec_with(segs, hosts), {"lo"});
  check_unique(n, {"lo"});
}
