// CentOS 7 initscripts at boot: ifcfg-* (+ aliases), /etc/sysconfig/network and route-*
// read into the commands ifup-eth, ifup-aliases and ifup-routes run (initscripts 9.49).
#include <doctest/doctest.h>

#include "sim/config/files/boot_plan.hpp"
#include "tests/unit/config/boot_plan_util.hpp"

using namespace lvs::config;
using lvs::config::test::commands;
using lvs::config::test::has_problem;

namespace {

const std::string kDir = "/etc/sysconfig/network-scripts/";

// The steps after lo's own ("ip link set dev lo up").
std::vector<std::string> after_lo(const BootPlan& plan) {
  auto all = commands(plan);
  REQUIRE(!all.empty());
  CHECK(all[0] == "ip link set dev lo up");
  return {all.begin() + 1, all.end()};
}

BootPlan boot(const std::map<std::string, std::string>& files,
              std::vector<std::string> devices = {"lo", "eth0", "eth1"}) {
  return plan_boot(files, devices, {});
}

}  // namespace

TEST_CASE("ifcfg: a static interface: link up, address with label, default route, zeroconf route") {
  const auto plan = boot({{kDir + "ifcfg-eth0",
                           "TYPE=Ethernet\nBOOTPROTO=static\nDEVICE=eth0\nONBOOT=yes\nIPADDR=192.168.10.11\n"
                           "NETMASK=255.255.255.0\nGATEWAY=192.168.10.1\n"}});
  CHECK(after_lo(plan) == std::vector<std::string>{
                              "ip link set dev eth0 up",
                              "ip addr add 192.168.10.11/24 brd 192.168.10.255 dev eth0 label eth0",
                              "ip route replace default via 192.168.10.1",
                              "ip route add 169.254.0.0/16 dev eth0 metric 1002 scope link",
                          });
  CHECK(plan.problems.empty());
  REQUIRE(plan.steps.size() == 5);
  CHECK(plan.steps[2].origin.file == kDir + "ifcfg-eth0");
  CHECK(plan.steps[2].origin.line == 5);  // IPADDR=
  CHECK(plan.steps[3].origin.line == 7);  // GATEWAY=
  CHECK(plan.steps[2].by == "ifup-eth");
  // lo came from the ifcfg-lo CentOS ships; the address it has from the kernel is not re-added.
  CHECK(plan.files_read == std::vector<std::string>{kDir + "ifcfg-lo", kDir + "ifcfg-eth0"});
}

TEST_CASE("ifcfg: PREFIX wins over NETMASK (network-functions expand_config), and the mismatch is reported") {
  const auto plan =
      boot({{kDir + "ifcfg-eth0", "DEVICE=eth0\nIPADDR=10.1.2.3\nPREFIX=16\nNETMASK=255.255.255.0\nNOZEROCONF=yes\n"}});
  CHECK(after_lo(plan) == std::vector<std::string>{"ip link set dev eth0 up",
                                                   "ip addr add 10.1.2.3/16 brd 10.1.255.255 dev eth0 label eth0"});
  CHECK(has_problem(plan, "ifcfg-eth0:4: NETMASK=255.255.255.0 is not used: PREFIX=16 wins"));
}

TEST_CASE("ifcfg: neither PREFIX nor NETMASK: ipcalc's classful netmask") {
  const auto prefix_of = [](const std::string& ip) {
    const auto plan = boot({{kDir + "ifcfg-eth0", "DEVICE=eth0\nIPADDR=" + ip + "\nNOZEROCONF=yes\n"}});
    return after_lo(plan).at(1);
  };
  CHECK(prefix_of("10.0.0.5") == "ip addr add 10.0.0.5/8 brd 10.255.255.255 dev eth0 label eth0");
  CHECK(prefix_of("172.16.0.5") == "ip addr add 172.16.0.5/16 brd 172.16.255.255 dev eth0 label eth0");
  CHECK(prefix_of("192.168.1.7") == "ip addr add 192.168.1.7/24 brd 192.168.1.255 dev eth0 label eth0");
  // Classes D and E get 255.255.255.0 from initscripts' ipcalc (ifupdown gives /32).
  CHECK(prefix_of("240.1.2.3") == "ip addr add 240.1.2.3/24 brd 240.1.2.255 dev eth0 label eth0");
}

TEST_CASE("ifcfg: IPADDRn/PREFIXn pairs; the list ends at the first missing one from IPADDR2 on") {
  const auto plan = boot({{kDir + "ifcfg-eth0",
                           "DEVICE=eth0\nIPADDR1=10.0.0.1\nPREFIX1=24\nIPADDR0=10.0.1.1\nPREFIX0=24\n"
                           "IPADDR3=10.0.3.1\nNOZEROCONF=yes\n"}});
  CHECK(after_lo(plan) == std::vector<std::string>{"ip link set dev eth0 up",
                                                   "ip addr add 10.0.1.1/24 brd 10.0.1.255 dev eth0 label eth0",
                                                   "ip addr add 10.0.0.1/24 brd 10.0.0.255 dev eth0 label eth0"});
  CHECK(has_problem(plan, "ifcfg-eth0:6: IPADDR3 is not read: initscripts stop at the first missing IPADDRn"));
}

TEST_CASE("ifcfg: bad addresses, prefixes and netmasks are problems and not added") {
  const auto plan = boot({{kDir + "ifcfg-eth0",
                           "DEVICE=eth0\nIPADDR=10.0.0.300\nIPADDR1=10.0.0.1\nNETMASK1=255.0.255.0\n"
                           "IPADDR2=10.0.0.2\nPREFIX2=33\nNOZEROCONF=yes\n"}});
  CHECK(after_lo(plan) == std::vector<std::string>{"ip link set dev eth0 up"});
  CHECK(has_problem(plan, "ifcfg-eth0:2: IPADDR=10.0.0.300: ipcalc: bad IPv4 address: 10.0.0.300"));
  CHECK(has_problem(plan, "ifcfg-eth0:4: NETMASK1=255.0.255.0: ipcalc: bad netmask: 255.0.255.0"));
  const auto length = boot({{kDir + "ifcfg-eth0", "DEVICE=eth0\nIPADDR=10.0.0.1\nNETMASK=24\n"}});
  CHECK(has_problem(length,
                    "ifcfg-eth0:3: NETMASK=24: ipcalc: bad netmask: 24; IPADDR is not added (a length goes in "
                    "PREFIX=, NETMASK= wants 255.255.255.0)"));
  CHECK(has_problem(plan, "ifcfg-eth0:6: PREFIX2=33: ipcalc: bad prefix: 33"));
}

TEST_CASE("ifcfg: quoting and comments as bash sources the file") {
  const auto plan = boot({{kDir + "ifcfg-eth0",
                           "# eth0 of the director\nDEVICE=\"eth0\"\nIPADDR='192.168.10.100' # the DIP\n"
                           "PREFIX=2\\\n4\nexport NOZEROCONF=yes\nNAME=\"System eth0\"\n"}});
  CHECK(after_lo(plan) ==
        std::vector<std::string>{"ip link set dev eth0 up",
                                 "ip addr add 192.168.10.100/24 brd 192.168.10.255 dev eth0 label eth0"});
  CHECK(plan.problems.empty());
}

TEST_CASE("ifcfg: lines bash would run as commands, and an unterminated quote, are problems") {
  // The open quote swallows the rest of the file (NOZEROCONF is never set).
  const auto plan = boot({{kDir + "ifcfg-eth0", "DEVICE=eth0\nIPADDR = 10.0.0.1\nNAME=\"eth0\nNOZEROCONF=yes\n"}});
  CHECK(after_lo(plan) == std::vector<std::string>{"ip link set dev eth0 up",
                                                   "ip route add 169.254.0.0/16 dev eth0 metric 1002 scope link"});
  CHECK(has_problem(plan,
                    "ifcfg-eth0:2: not an assignment: \"IPADDR = 10.0.0.1\" (bash would run \"IPADDR\" as a command"));
  CHECK(has_problem(plan, "ifcfg-eth0:3: unexpected EOF while looking for matching `\"'"));
}

TEST_CASE("ifcfg: the network service's order: lo, then by name and number; ONBOOT=no skipped") {
  const auto plan = boot({{kDir + "ifcfg-eth10", "DEVICE=eth10\nNOZEROCONF=yes\n"},
                          {kDir + "ifcfg-eth2", "DEVICE=eth2\nNOZEROCONF=yes\n"},
                          {kDir + "ifcfg-eth1", "DEVICE=eth1\nONBOOT=no\n"},
                          {kDir + "ifcfg-eth0.bak", "DEVICE=eth0\n"}},
                         {"lo", "eth0", "eth1", "eth2", "eth10"});
  CHECK(after_lo(plan) == std::vector<std::string>{"ip link set dev eth2 up", "ip link set dev eth10 up"});
  CHECK(has_problem(plan, "ifcfg-eth1: ONBOOT=no: the network service does not bring eth1 up at boot"));
  CHECK(plan.files_read ==
        std::vector<std::string>{kDir + "ifcfg-lo", kDir + "ifcfg-eth1", kDir + "ifcfg-eth2", kDir + "ifcfg-eth10"});
}

TEST_CASE("ifcfg: a device the host lacks, a missing DEVICE=, DHCP: problems with ifup's words") {
  const auto plan = boot({{kDir + "ifcfg-eth5", "DEVICE=eth5\n"},
                          {kDir + "ifcfg-eth1", "IPADDR=10.0.0.1\n"},
                          {kDir + "ifcfg-eth0", "DEVICE=eth0\nBOOTPROTO=dhcp\n"}});
  CHECK(after_lo(plan).empty());
  CHECK(has_problem(plan, "ifcfg-eth5:1: Device eth5 does not seem to be present, delaying initialization."));
  CHECK(has_problem(plan, "ifcfg-eth1: no DEVICE=: ifup-eth says \"Device name does not seem to be present.\""));
  CHECK(has_problem(plan, "ifcfg-eth0:2: BOOTPROTO=dhcp: lvslab does not model DHCP"));
}

TEST_CASE("ifcfg: GATEWAY from /etc/sysconfig/network, GATEWAYDEV, and a gateway off the network") {
  SUBCASE("network's GATEWAY applies to the interface whose network holds it") {
    const auto plan = boot({{"/etc/sysconfig/network", "NETWORKING=yes\nGATEWAY=10.0.1.254\nNOZEROCONF=yes\n"},
                            {kDir + "ifcfg-eth0", "DEVICE=eth0\nIPADDR=10.0.0.1\nPREFIX=24\n"},
                            {kDir + "ifcfg-eth1", "DEVICE=eth1\nIPADDR=10.0.1.1\nPREFIX=24\n"}});
    CHECK(after_lo(plan) == std::vector<std::string>{
                                "ip link set dev eth0 up", "ip addr add 10.0.0.1/24 brd 10.0.0.255 dev eth0 label eth0",
                                "ip link set dev eth1 up", "ip addr add 10.0.1.1/24 brd 10.0.1.255 dev eth1 label eth1",
                                "ip route replace default via 10.0.1.254"});
    CHECK(plan.steps.back().origin.file == "/etc/sysconfig/network");
    CHECK(plan.steps.back().origin.line == 2);
    CHECK(has_problem(plan, "GATEWAY=10.0.1.254 is not in eth0's network 10.0.0.0/24"));
  }
  SUBCASE("GATEWAYDEV names the device") {
    const auto plan = boot({{"/etc/sysconfig/network", "GATEWAY=10.0.1.254\nGATEWAYDEV=eth1\nNOZEROCONF=yes\n"},
                            {kDir + "ifcfg-eth1", "DEVICE=eth1\nIPADDR=10.0.1.1\nPREFIX=24\n"}});
    CHECK(after_lo(plan).back() == "ip route replace default via 10.0.1.254 dev eth1");
  }
}

TEST_CASE("ifcfg: NETWORKING=no brings nothing up, and says so") {
  const auto plan = boot({{"/etc/sysconfig/network", "NETWORKING=no\n"}, {kDir + "ifcfg-eth0", "DEVICE=eth0\n"}});
  CHECK(plan.steps.empty());
  CHECK(has_problem(plan, "/etc/sysconfig/network:1: NETWORKING=no"));
}

TEST_CASE("ifcfg aliases: the DR VIP on lo:0, scope global, /32 broadcast is the VIP") {
  const auto plan = boot({{kDir + "ifcfg-lo:0",
                           "DEVICE=lo:0\nIPADDR=192.168.10.10\nNETMASK=255.255.255.255\nONBOOT=yes\nNAME=loopback\n"}});
  CHECK(commands(plan) == std::vector<std::string>{"ip link set dev lo up",
                                                   "ip addr add 192.168.10.10/32 brd 192.168.10.10 dev lo label lo:0"});
  CHECK(plan.steps[1].by == "ifup-aliases");
  CHECK(plan.steps[1].origin.file == kDir + "ifcfg-lo:0");
  CHECK(plan.steps[1].origin.line == 2);
  CHECK(plan.problems.empty());
}

TEST_CASE("ifcfg aliases: inherit the parent's netmask, and its PREFIX beats their NETMASK") {
  const auto plan = boot({{kDir + "ifcfg-eth0", "DEVICE=eth0\nIPADDR=10.0.0.1\nPREFIX=24\nNOZEROCONF=yes\n"},
                          {kDir + "ifcfg-eth0:0", "DEVICE=eth0:0\nIPADDR=10.0.0.2\n"},
                          {kDir + "ifcfg-eth0:1", "IPADDR=10.0.0.3\nNETMASK=255.255.255.255\n"}});
  CHECK(after_lo(plan) == std::vector<std::string>{"ip link set dev eth0 up",
                                                   "ip addr add 10.0.0.1/24 brd 10.0.0.255 dev eth0 label eth0",
                                                   "ip addr add 10.0.0.2/24 brd 10.0.0.255 dev eth0 label eth0:0",
                                                   "ip addr add 10.0.0.3/24 brd 10.0.0.255 dev eth0 label eth0:1"});
  CHECK(has_problem(plan, "ifcfg-eth0:1:2: NETMASK=255.255.255.255 is not used: PREFIX=24"));
}

TEST_CASE("ifcfg aliases: the same address or number twice is ifup-aliases' error") {
  const auto plan = boot({{kDir + "ifcfg-lo:0", "IPADDR=10.0.0.9\nNETMASK=255.255.255.255\n"},
                          {kDir + "ifcfg-lo:1", "IPADDR=10.0.0.9\nNETMASK=255.255.255.255\n"},
                          {kDir + "ifcfg-lo:2", "DEVICE=lo:x-y\nIPADDR=10.0.0.8\n"}});
  CHECK(commands(plan).size() == 2);
  CHECK(has_problem(plan,
                    "ifcfg-lo:1:1: error in /etc/sysconfig/network-scripts/ifcfg-lo:1: already seen ipaddr 10.0.0.9"));
  CHECK(has_problem(plan, "invalid alias number"));
}

TEST_CASE("route-eth0: the ADDRESSn= format") {
  const auto plan = boot({{kDir + "ifcfg-eth0", "DEVICE=eth0\nIPADDR=10.0.0.1\nPREFIX=24\nNOZEROCONF=yes\n"},
                          {kDir + "route-eth0",
                           "ADDRESS0=10.10.0.0\nNETMASK0=255.255.0.0\nGATEWAY0=10.0.0.254\n"
                           "ADDRESS1=10.20.0.0\nNETMASK1=255.255.0.0\nADDRESS3=10.30.0.0\n"}});
  const auto cmds = after_lo(plan);
  REQUIRE(cmds.size() == 4);
  CHECK(cmds[2] == "ip route add 10.10.0.0/16 via 10.0.0.254 dev eth0");
  CHECK(cmds[3] == "ip route add 10.20.0.0/16 dev eth0");
  CHECK(plan.steps.back().by == "ifup-routes");
  CHECK(plan.steps.back().origin.line == 4);
  CHECK(has_problem(plan, "route-eth0:6: ADDRESS3 is not read"));
}

TEST_CASE("route-eth0: the ip-route-arguments format") {
  const auto plan = boot({{kDir + "ifcfg-eth0", "DEVICE=eth0\nIPADDR=10.0.0.1\nPREFIX=24\nNOZEROCONF=yes\n"},
                          {kDir + "route-eth0",
                           "# to the RIPs\n  10.10.0.0/16 via 10.0.0.254   dev eth0\n\n"
                           "default via 10.0.0.1 \\\n dev eth0\n"}});
  const auto cmds = after_lo(plan);
  REQUIRE(cmds.size() == 4);
  CHECK(cmds[2] == "ip -4 route add 10.10.0.0/16 via 10.0.0.254 dev eth0");
  CHECK(cmds[3] == "ip -4 route add default via 10.0.0.1 dev eth0");
  CHECK(plan.steps[3].origin.line == 2);
  CHECK(plan.steps[4].origin.line == 4);
}

TEST_CASE("ifcfg: unknown keys are reported, not dropped silently") {
  const auto plan = boot({{kDir + "ifcfg-eth0", "DEVICE=eth0\nBONDING_OPTS=mode=1\nNOZEROCONF=yes\n"}});
  CHECK(has_problem(plan, "ifcfg-eth0:2: BONDING_OPTS=mode=1 is not modelled by lvslab (ignored)"));
}

TEST_CASE("ifcfg: the network unit disabled runs nothing of it") {
  std::map<std::string, Unit> units{{"network", Unit{false, false}}};
  const auto plan = plan_boot({{kDir + "ifcfg-eth0", "DEVICE=eth0\n"}}, {"lo", "eth0"}, units);
  CHECK(plan.steps.empty());
  CHECK(plan.files_read.empty());
}

TEST_CASE("ifcfg: a step's origin is the file that set the variable (found by fuzz_boot_ifcfg)") {
  // DEVICE= and IPADDR= in /etc/sysconfig/network, which ifup sources before the ifcfg file.
  const auto plan =
      boot({{"/etc/sysconfig/network", "NOZEROCONF=yes\nDEVICE=eth1\nIPADDR=10.0.0.1\n"}, {kDir + "ifcfg-eth0", ""}});
  REQUIRE(plan.steps.size() == 3);
  CHECK(plan.steps[1].command == "ip link set dev eth1 up");
  CHECK(plan.steps[1].origin.file == "/etc/sysconfig/network");
  CHECK(plan.steps[1].origin.line == 2);
  CHECK(plan.steps[2].origin.file == "/etc/sysconfig/network");
  CHECK(plan.steps[2].origin.line == 3);
}

TEST_CASE("static-routes: the \"any\" lines become route add -ARGS after the interfaces") {
  const auto plan =
      boot({{kDir + "ifcfg-lo:0", "DEVICE=lo:0\nIPADDR=192.168.10.10\nNETMASK=255.255.255.255\n"},
            {"/etc/sysconfig/static-routes",
             "any host 192.168.10.10 dev lo:0\n# comment\nany\tnet 10.0.0.0 netmask 255.0.0.0 gw 192.168.10.1\n"
             "host 1.2.3.4 dev lo\n"}});
  CHECK(commands(plan) == std::vector<std::string>{"ip link set dev lo up",
                                                   "ip addr add 192.168.10.10/32 brd 192.168.10.10 dev lo label lo:0",
                                                   "route add -host 192.168.10.10 dev lo:0",
                                                   "route add -net 10.0.0.0 netmask 255.0.0.0 gw 192.168.10.1"});
  CHECK(plan.steps[2].origin.line == 1);
  CHECK(plan.steps[3].origin.line == 3);
  CHECK(has_problem(plan, "/etc/sysconfig/static-routes:4: not read"));
}

TEST_CASE(
    "ifcfg: TYPE= picks the script: Wireless or a misspelling is ifup-eth's static setup, Bridge is not modelled") {
  const auto plan = boot({{kDir + "ifcfg-eth0", "DEVICE=eth0\nTYPE=Ethernt\nNOZEROCONF=yes\n"},
                          {kDir + "ifcfg-eth1", "DEVICE=eth1\nTYPE=Bridge\n"}});
  CHECK(commands(plan) == std::vector<std::string>{"ip link set dev lo up", "ip link set dev eth0 up"});
  CHECK(has_problem(plan, "ifcfg-eth1:2: TYPE=Bridge is not modelled by lvslab; not brought up"));
  CHECK_FALSE(has_problem(plan, "TYPE=Ethernt"));
}
