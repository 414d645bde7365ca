// Reading a configured host back into a HostSpec: building a world from the spec read
// back gives the same addresses (labels, secondaries), link states, routes, sysctls and
// IPVS rules as the host it was read from.
#include <doctest/doctest.h>

#include "sim/ipvs/director.hpp"
#include "sim/ipvs/ipvsadm/command.hpp"
#include "sim/ipvs/ipvsadm/format.hpp"
#include "sim/net/host.hpp"
#include "sim/scenario/read_back.hpp"
#include "sim/scenario/scenario.hpp"

using namespace lvs;

namespace {

void ipvsadm(ipvs::Director& d, const std::string& line) {
  auto parsed = ipvs::ipvsadm::parse_ipvsadm_line(line);
  REQUIRE(parsed.ok());
  REQUIRE(d.ipvsadm(*parsed.command, line).exit_status == 0);
}

std::string save_of(Host& host) {
  ipvs::Director* d = ipvs::find_director(host);
  return d ? ipvs::ipvsadm::format_save(d->tables().snapshot(0)) : "no ipvs";
}

// A spec with the devices of `host` (one segment "lan"), nothing configured on them.
ScenarioSpec spec_with_devices() {
  ScenarioSpec spec;
  spec.file = "t.json";
  spec.name = "t";
  spec.duration = kSecond;
  spec.segments.push_back({"lan", {}, "/segments/0"});
  HostSpec h;
  h.name = "dir";
  h.role = "director";
  h.pointer = "/hosts/0";
  for (const char* name : {"eth0", "eth1"}) {
    InterfaceSpec ifc;
    ifc.name = name;
    ifc.segment = "lan";
    ifc.mac = *MacAddr::parse(name == std::string("eth0") ? "02:00:00:01:01:00" : "02:00:00:01:02:00");
    ifc.pointer = "/hosts/0/interfaces/" + std::string(name == std::string("eth0") ? "0" : "1");
    h.interfaces.push_back(ifc);
  }
  // What the JSON gave keeps its pointer.
  h.interfaces[0].addresses.push_back(
      {*Ipv4Prefix::parse("10.0.0.1/24"), "", {}, "DIP", "/hosts/0/interfaces/0/addresses/0"});
  spec.hosts.push_back(h);
  return spec;
}

}  // namespace

TEST_CASE("a host read back into its spec builds the same host") {
  World world(1, false);
  Host& host = world.add_host("dir", "director");
  host.add_ethernet("eth0", *MacAddr::parse("02:00:00:01:01:00"));
  host.add_ethernet("eth1", *MacAddr::parse("02:00:00:01:02:00"));
  REQUIRE_FALSE(host.add_address("eth0", *Ipv4Prefix::parse("10.0.0.1/24"), {}, "DIP"));
  REQUIRE_FALSE(host.add_address("eth0:0", *Ipv4Prefix::parse("10.0.0.100/32")));
  REQUIRE_FALSE(host.add_address("eth0", *Ipv4Prefix::parse("10.0.0.2/24")));  // secondary
  REQUIRE_FALSE(host.add_address("lo:0", *Ipv4Prefix::parse("192.168.10.10/32")));
  REQUIRE_FALSE(host.add_address("eth1", *Ipv4Prefix::parse("172.16.0.1/16"), Scope::kLink));
  std::string err;
  REQUIRE_FALSE(host.add_route(*parse_route("default via 10.0.0.254", &err)));
  REQUIRE_FALSE(host.add_route(*parse_route("192.168.10.10/32 dev lo scope link src 192.168.10.10", &err)));
  REQUIRE_FALSE(host.add_route(*parse_route("172.17.0.0/16 via 172.16.0.2 dev eth1", &err)));
  host.set_link_up(host.find_iface("eth1")->index, false);  // takes its route with it
  ipvs::Director& d = ipvs::Director::install(host);
  ipvsadm(d, "-A -t 10.0.0.100:80 -s wlc");
  ipvsadm(d, "-a -t 10.0.0.100:80 -r 10.0.0.11:80 -m -w 2");
  ipvsadm(d, "--set 60 30 20");

  ScenarioSpec spec = spec_with_devices();
  HostSpec& h = spec.hosts[0];
  h.shell = ShellInput{"", "rs1/setup.sh", "/hosts/0/shell_file", true};
  h.files["/etc/sysctl.conf"] = "";
  h.files_pointer = "/hosts/0/files";
  const std::vector<SysctlEntry> json_sysctls = {{"net.ipv4.conf.all.arp_announce", "2", "/hosts/0/sysctls/x"}};
  for (const auto& e : json_sysctls) REQUIRE_FALSE(host.set_sysctl(e.key, e.value));
  std::vector<config::Machine::SysctlWrite> writes = {
      {"net.ipv4.ip_forward", "1", {"/etc/sysctl.conf", 3}},
      {"net.ipv4.ip_forwar", "1", {"/etc/sysctl.conf", 4}},  // refused: left out
      {"net.ipv4.conf.lo.arp_ignore", "1", {"rs1/setup.sh", 2}},
  };
  for (const auto& w : writes) (void)host.set_sysctl(w.key, w.value);

  read_back_addresses_and_routes(host, h, "/hosts/0/shell_file");
  read_back_sysctls(host, json_sysctls, writes, h);
  read_back_ipvs(&d, h, "/hosts/0/shell_file");

  REQUIRE(h.interfaces[0].addresses.size() == 3);
  CHECK(h.interfaces[0].addresses[0].pointer == "/hosts/0/interfaces/0/addresses/0");
  CHECK(h.interfaces[0].addresses[0].role == "DIP");
  CHECK(h.interfaces[0].addresses[1].label == "eth0:0");
  CHECK(h.interfaces[0].addresses[1].pointer == "/hosts/0/shell_file");
  CHECK(h.interfaces[1].addresses[0].scope == Scope::kLink);
  CHECK_FALSE(h.interfaces[1].up);
  REQUIRE(h.loopback.size() == 1);  // 127.0.0.1/8 is the kernel's own
  CHECK(h.loopback[0].label == "lo:0");
  REQUIRE(h.routes.size() == 2);
  CHECK(h.routes[1].route.src == Ipv4Addr(192, 168, 10, 10));
  REQUIRE(h.sysctls.size() == 3);
  CHECK(h.sysctls[0].pointer == "/hosts/0/sysctls/x");
  CHECK(h.sysctls[1].key == "net.ipv4.ip_forward");
  CHECK(h.sysctls[1].pointer == "/hosts/0/files/~1etc~1sysctl.conf");
  CHECK(h.sysctls[2].pointer == "/hosts/0/shell_file");
  CHECK(h.runs_ipvs);
  REQUIRE(h.ipvsadm.size() == 3);
  CHECK(h.ipvsadm[0].line == "--set 60 30 20");
  CHECK(h.ipvsadm[1].line == "-A -t 10.0.0.100:80 -s wlc");

  const auto run = build_run(spec, std::nullopt, false);
  Host& rebuilt = *run->world->find_host("dir");
  CHECK(rebuilt.show_addresses() == host.show_addresses());
  CHECK(rebuilt.show_routes() == host.show_routes());
  CHECK(rebuilt.show_local_routes() == host.show_local_routes());
  CHECK(save_of(rebuilt) == save_of(host));
  CHECK(ipvs::find_director(rebuilt)->tables().snapshot(0).timeouts.tcp == 60);
  for (const char* key : {"net.ipv4.ip_forward", "net.ipv4.conf.lo.arp_ignore", "net.ipv4.conf.all.arp_announce"})
    CHECK(rebuilt.sysctls().get(key) == host.sysctls().get(key));
  CHECK(*rebuilt.sysctls().get("net.ipv4.ip_forward") == "1");
}

TEST_CASE("a host without ip_vs reads back as one that runs no IPVS") {
  ScenarioSpec spec = spec_with_devices();
  HostSpec& h = spec.hosts[0];
  h.runs_ipvs = true;
  read_back_ipvs(nullptr, h, "/hosts/0");
  CHECK_FALSE(h.runs_ipvs);
  CHECK(h.ipvsadm.empty());
}
