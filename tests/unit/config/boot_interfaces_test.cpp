// Debian 12's /etc/network/interfaces at boot (ifupdown 0.8.41, `ifup -a`): the commands
// of inet static/manual/loopback and the stanzas' own lines, and the file's errors.
#include <doctest/doctest.h>

#include "sim/config/files/boot_plan.hpp"
#include "tests/unit/config/boot_plan_util.hpp"

using namespace lvs::config;
using lvs::config::test::commands;
using lvs::config::test::has_problem;

namespace {

const std::string kFile = "/etc/network/interfaces";

BootPlan boot(const std::map<std::string, std::string>& files) { return plan_boot(files, {"lo", "eth0", "eth1"}, {}); }

}  // namespace

TEST_CASE("interfaces: auto lo + a static interface with netmask and gateway, then post-up lines") {
  const auto plan =
      boot({{kFile,
             "# The loopback network interface\nauto lo\niface lo inet loopback\n\n"
             "auto eth0\niface eth0 inet static\n    address 192.168.10.11\n    netmask 255.255.255.0\n"
             "    gateway 192.168.10.100\n    post-up echo 1 > /proc/sys/net/ipv4/conf/lo/arp_ignore\n"}});
  CHECK(commands(plan) ==
        std::vector<std::string>{"ip addr add 192.168.10.11/255.255.255.0 broadcast 192.168.10.255 dev eth0 label eth0",
                                 "ip link set dev eth0 up", "ip route add default via 192.168.10.100 dev eth0 onlink",
                                 "echo 1 > /proc/sys/net/ipv4/conf/lo/arp_ignore"});
  CHECK(plan.steps[0].origin.line == 7);
  CHECK(plan.steps[1].origin.line == 6);
  CHECK(plan.steps[2].origin.line == 9);
  CHECK(plan.steps[3].origin.line == 10);
  CHECK(plan.steps[0].by == "ifup");
  CHECK(plan.problems.empty());
}

TEST_CASE("interfaces: address/N gives the netmask; a given netmask wins; neither: ifupdown's classful one") {
  const auto first = [](const std::string& stanza) {
    return commands(boot({{kFile, "auto eth0\niface eth0 inet static\n" + stanza}})).at(0);
  };
  CHECK(first("address 10.0.0.1/24\n") ==
        "ip addr add 10.0.0.1/255.255.255.0 broadcast 10.0.0.255 dev eth0 label eth0");
  CHECK(first("address 10.0.0.1/24\nnetmask 255.255.0.0\n") ==
        "ip addr add 10.0.0.1/255.255.0.0 broadcast 10.0.255.255 dev eth0 label eth0");
  CHECK(first("address 172.16.1.1\n") ==
        "ip addr add 172.16.1.1/255.255.0.0 broadcast 172.16.255.255 dev eth0 label eth0");
  CHECK(first("address 10.0.0.1\nnetmask 24\n") == "ip addr add 10.0.0.1/24 broadcast + dev eth0 label eth0");
  CHECK(first("address 240.0.0.1\n") ==
        "ip addr add 240.0.0.1/255.255.255.255 broadcast 240.0.0.1 dev eth0 label eth0");
  CHECK(first("address 10.0.0.1/31\n") ==
        "ip addr add 10.0.0.1/255.255.255.254 broadcast 255.255.255.255 dev eth0 label eth0");
  CHECK(first("address 10.0.0.1/24\nbroadcast -\n") ==
        "ip addr add 10.0.0.1/255.255.255.0 broadcast 10.0.0.0 dev eth0 label eth0");
}

TEST_CASE("interfaces: an alias stanza (DR VIP on lo:0) and manual") {
  const auto plan = boot({{kFile,
                           "auto lo lo:0 eth1\niface lo inet loopback\niface lo:0 inet static\n address 192.168.10.10\n"
                           " netmask 255.255.255.255\niface eth1 inet manual\n"}});
  CHECK(commands(plan) == std::vector<std::string>{
                              "ip addr add 192.168.10.10/255.255.255.255 broadcast 192.168.10.10 dev lo:0 label lo:0",
                              "ip link set dev lo:0 up", "ip link set dev eth1 up"});
  CHECK(plan.steps[2].ignore_failure);
}

TEST_CASE("interfaces: pre-up before the method, up after; allow-hotplug after auto; comments and continuations") {
  const auto plan = boot({{kFile,
                           "allow-hotplug eth1\niface eth1 inet static\n  address 10.0.1.1/24\n\n"
                           "auto eth0\niface eth0 inet static\n  pre-up modprobe ip_vs\n  address 10.0.0.1/24\n"
                           "  # a comment line\n  up ip route add 10.9.0.0/16 \\\n    via 10.0.0.254\n"}});
  CHECK(commands(plan) ==
        std::vector<std::string>{
            "modprobe ip_vs", "ip addr add 10.0.0.1/255.255.255.0 broadcast 10.0.0.255 dev eth0 label eth0",
            "ip link set dev eth0 up", "ip route add 10.9.0.0/16     via 10.0.0.254",
            "ip addr add 10.0.1.1/255.255.255.0 broadcast 10.0.1.255 dev eth1 label eth1", "ip link set dev eth1 up"});
}

TEST_CASE("interfaces: source includes files relative to the file's directory, sorted") {
  const auto plan =
      boot({{kFile, "source interfaces.d/*\n"},
            {"/etc/network/interfaces.d/eth1", "auto eth1\niface eth1 inet static\n address 10.0.1.1/24\n"},
            {"/etc/network/interfaces.d/eth0", "auto eth0\niface eth0 inet static\n address 10.0.0.1/24\n"}});
  const auto cmds = commands(plan);
  REQUIRE(cmds.size() == 4);
  CHECK(cmds[0].find("dev eth0") != std::string::npos);
  CHECK(cmds[2].find("dev eth1") != std::string::npos);
  CHECK(plan.files_read ==
        std::vector<std::string>{kFile, "/etc/network/interfaces.d/eth0", "/etc/network/interfaces.d/eth1"});
  CHECK(plan.steps[0].origin.file == "/etc/network/interfaces.d/eth0");
}

TEST_CASE("interfaces: errors that refuse the whole file, in ifupdown's words") {
  const auto refused = [](const std::string& text, const std::string& what) {
    const auto plan = boot({{kFile, text}});
    CHECK(plan.steps.empty());
    CHECK(has_problem(plan, what));
    CHECK(has_problem(plan, "ifup: couldn't read interfaces file \"/etc/network/interfaces\""));
  };
  refused("address 10.0.0.1\n", "/etc/network/interfaces:1: misplaced option");
  refused("auto eth0\niface eth0 inet static\n address\n", "/etc/network/interfaces:3: option with empty value");
  refused("iface\n", "/etc/network/interfaces:1: too few parameters for iface line");
  refused("iface eth0 inet4 static\n", "unknown or no address type and no inherits keyword specified");
  refused("iface eth0 inet statik\n", "unknown or no method and no inherits keyword specified");
}

TEST_CASE("interfaces: stanzas not brought up, missing address, unknown options, dhcp: problems") {
  const auto plan = boot({{kFile,
                           "auto eth0 eth5\niface eth0 inet static\n  netmask 255.255.255.0\n  bond-mode 1\n"
                           "iface eth1 inet static\n  address 10.0.1.1/24\nauto eth2\niface eth2 inet dhcp\n"}});
  CHECK(plan.steps.empty());
  CHECK(has_problem(plan, "/etc/network/interfaces:2: ifup: missing required variable: address"));
  CHECK(has_problem(plan, "/etc/network/interfaces:4: option bond-mode is not modelled"));
  CHECK(has_problem(plan,
                    "/etc/network/interfaces:1: no iface stanza for eth5: ifup: ignoring unknown interface eth5=eth5"));
  CHECK(has_problem(plan, "/etc/network/interfaces:5: iface eth1 is not brought up at boot"));
  CHECK(
      has_problem(plan, "/etc/network/interfaces:8: iface eth2 inet dhcp: lvslab models static, manual and loopback"));
}

TEST_CASE("interfaces: a device the host lacks: the first command fails as ip says, the stanza stops there") {
  const auto plan = boot({{kFile,
                           "auto eth7 eth8\niface eth7 inet static\n pre-up echo pre\n address 10.0.7.1/24\n"
                           " gateway 10.0.7.254\n up echo up\niface eth8 inet manual\n up echo manual\n"}});
  CHECK(commands(plan) == std::vector<std::string>{
                              "echo pre", "ip addr add 10.0.7.1/255.255.255.0 broadcast 10.0.7.255 dev eth7 label eth7",
                              "ip link set dev eth8 up", "echo manual"});
  CHECK(has_problem(plan, "/etc/network/interfaces:2: the host has no device eth7: ifup: failed to bring up eth7"));
}

TEST_CASE("interfaces: the networking unit disabled runs nothing of it") {
  const auto plan =
      plan_boot({{kFile, "auto eth0\niface eth0 inet manual\n"}}, {"lo", "eth0"}, {{"networking", Unit{false, false}}});
  CHECK(plan.steps.empty());
}
