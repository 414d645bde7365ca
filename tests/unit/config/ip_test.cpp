// `ip addr|link|route|neigh` against the real iproute2 6.1 outputs
// (tests/data/linux-tools-debian12.txt, captured on Debian 12).
#include <doctest/doctest.h>

#include "tests/unit/config/config_fixture.hpp"

namespace lvs::test {
namespace {

// The reference's devices are a veth pair ("veth1@veth0", no queue); lvslab's are
// Ethernet NICs (no peer, Debian 12's default qdisc fq_codel). Everything else is compared as it is.
std::string as_nic(std::string text) {
  for (const char* peer : {"@veth0", "@veth1"})
    for (std::size_t p; (p = text.find(peer)) != std::string::npos;) text.erase(p, 6);
  for (std::size_t p; (p = text.find("qdisc noqueue state UP")) != std::string::npos;)
    text.replace(p, 13, "qdisc fq_codel");
  for (std::size_t p; (p = text.find("qdisc noqueue state DOWN")) != std::string::npos;)
    text.replace(p, 13, "qdisc fq_codel");
  return text;
}

void check_block(ShellFixture& f, const ReferenceBlock& b, const std::string& command) {
  int status = -1;
  const std::string out = f.run(command, &status);
  CHECK_MESSAGE(out == as_nic(b.output), command);
  CHECK_MESSAGE(status == b.status, command);
}

TEST_CASE("ip addr add/show: labels, brd, secondaries and Linux's refusals as iproute2 prints them") {
  const auto ref = read_reference("linux-tools-debian12.txt");
  ShellFixture f;
  // The reference configured these with ifconfig; the ip spellings give the same state.
  for (const char* line : {"ip addr add 192.168.10.11/24 brd + dev veth0",
                           "ip addr add 192.168.10.100/32 brd 192.168.10.100 dev veth0 label veth0:0",
                           "ip addr add 192.168.10.10/32 brd 192.168.10.10 dev lo label lo:0",
                           "ip addr add 10.1.2.3/8 broadcast 10.255.255.255 dev veth1"}) {
    int status = -1;
    CHECK(f.run(line, &status).empty());
    CHECK(status == 0);
  }
  check_block(f, reference(ref, "ip -4 addr show dev veth1"), "ip -4 addr show dev veth1");
  check_block(f, reference(ref, "ip addr add 192.168.10.11/24 dev veth0"), "ip addr add 192.168.10.11/24 dev veth0");
  check_block(f, reference(ref, "ip addr add 192.168.10.12/24 dev veth0 label veth0:1"),
              "ip addr add 192.168.10.12/24 dev veth0 label veth0:1");
  check_block(f, reference(ref, "ip addr add 192.168.10.13/24 dev veth0 label eth9:1"),
              "ip addr add 192.168.10.13/24 dev veth0 label eth9:1");
  // ip addr show lists devices by index: lvslab's veth1 is 2, veth0 is 3, as in the reference.
  check_block(f, reference(ref, "ip addr show"), "ip addr show");
}

TEST_CASE("ip route add: File exists and an unreachable gateway, with iproute2's wording and exit 2") {
  const auto ref = read_reference("linux-tools-debian12.txt");
  ShellFixture f;
  f.run("ip addr add 192.168.10.11/24 dev veth0");
  check_block(f, reference(ref, "ip route add default via 192.168.10.1"), "ip route add default via 192.168.10.1");
  check_block(f, reference(ref, "ip route add default via 192.168.10.1", 1), "ip route add default via 192.168.10.1");
  check_block(f, reference(ref, "ip route add default via 172.16.9.9"), "ip route add default via 172.16.9.9");
  CHECK(f.run("ip route") ==
        "default via 192.168.10.1 dev veth0 \n"
        "192.168.10.0/24 dev veth0 proto kernel scope link src 192.168.10.11 \n");
  int status = -1;
  CHECK(f.run("ip route del default", &status).empty());
  CHECK(status == 0);
  CHECK(f.run("ip route del default", &status) == "RTNETLINK answers: No such process\n");
  CHECK(status == 2);
  CHECK(f.run("ip route add 10.0.0.0/8 dev eth7", &status) == "Cannot find device \"eth7\"\n");
  CHECK(status == 1);
}

TEST_CASE("dev with an alias suffix names the device itself, as if_nametoindex() does (ifupdown's alias stanzas)") {
  ShellFixture f;
  int status = -1;
  CHECK(f.run("ip addr add 192.168.10.10/32 broadcast + dev lo:1 label lo:1", &status).empty());
  CHECK(status == 0);
  CHECK(f.run("ip -4 addr show dev lo") ==
        "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000\n"
        "    inet 127.0.0.1/8 scope host lo\n"
        "       valid_lft forever preferred_lft forever\n"
        "    inet 192.168.10.10/32 scope global lo:1\n"
        "       valid_lft forever preferred_lft forever\n");
  CHECK(f.run("ip link set dev lo:1 up", &status).empty());
  CHECK(status == 0);
  CHECK(f.run("ip route add 192.168.10.10 dev lo:1", &status).empty());
  CHECK(f.run("ip route show dev lo") == "192.168.10.10 scope link \n");
  CHECK(f.run("ip addr add 10.9.9.9/32 dev eth7:1", &status) == "Cannot find device \"eth7:1\"\n");
  CHECK(status == 1);
}

TEST_CASE("ip route add ... onlink: no route to the gateway needed; the flag shown last, as iproute2 prints it") {
  ShellFixture f;
  f.run("ip addr add 192.168.10.11/24 dev veth0");
  int status = -1;
  CHECK(f.run("ip route add default via 192.168.10.1 dev veth0 onlink", &status).empty());
  CHECK(status == 0);
  // fib_check_nh_v4_gw(): with onlink the gateway need not be in a subnet of the device.
  CHECK(f.run("ip route add 172.16.0.0/16 via 10.1.1.1 dev veth0 metric 5 onlink", &status).empty());
  CHECK(f.run("ip route") ==
        "default via 192.168.10.1 dev veth0 onlink \n"
        "172.16.0.0/16 via 10.1.1.1 dev veth0 metric 5 onlink \n"
        "192.168.10.0/24 dev veth0 proto kernel scope link src 192.168.10.11 \n");
  CHECK(f.run("ip route add 172.17.0.0/16 via 10.1.1.1 onlink", &status) ==
        "Error: Nexthop device required for onlink.\n");
  CHECK(status == 2);
  CHECK(f.run("ip route add 172.18.0.0/16 via 192.168.10.11 dev veth0 onlink", &status) ==
        "Error: Nexthop has invalid gateway.\n");
  f.run("ip link set veth1 down");
  CHECK(f.run("ip route add 172.19.0.0/16 via 10.1.1.1 dev veth1 onlink", &status) ==
        "Error: Nexthop device is not up.\n");
}

TEST_CASE("ip link set down/up and ip link show") {
  const auto ref = read_reference("linux-tools-debian12.txt");
  ShellFixture f;
  const ReferenceBlock& b = reference(ref, "ip link set veth0 down; ip link show veth0");
  check_block(f, b, b.command);
  f.run("ip link set veth0 up");
  CHECK(f.run("ip link show veth0")
            .starts_with("3: veth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP mode DEFAULT"));
}

// iproute2 6.1 print_link_flags() order (..., MULTICAST, NOARP, ..., UP, LOWER_UP);
// the kernel's dev_validate_mtu() extack messages; eth_prepare_mac_addr_change().
TEST_CASE("ip link set mtu / address / arp: the kernel's bounds and refusals, NOARP in the flags") {
  ShellFixture f;
  int status = -1;
  CHECK(f.run("ip link set veth0 mtu 1400 arp off", &status).empty());
  CHECK(status == 0);
  CHECK(f.run("ip link show veth0")
            .starts_with("3: veth0: <BROADCAST,MULTICAST,NOARP,UP,LOWER_UP> mtu 1400 qdisc fq_codel state UP"));
  CHECK(f.host.find_iface("veth0")->noarp);
  CHECK(f.run("ifconfig veth0").starts_with("veth0: flags=4291<UP,BROADCAST,RUNNING,NOARP,MULTICAST>  mtu 1400\n"));
  CHECK(f.run("ip link set dev veth0 arp on").empty());
  CHECK_FALSE(f.host.find_iface("veth0")->noarp);
  CHECK(f.run("ip link set veth0 mtu 67", &status) == "Error: mtu less than device minimum.\n");
  CHECK(status == 2);
  CHECK(f.run("ip link set veth0 mtu 65536", &status) == "Error: mtu greater than device maximum.\n");
  CHECK(f.run("ip link set veth0 mtu 9k", &status) == "Error: argument \"9k\" is wrong: Invalid \"mtu\" value\n\n");
  CHECK(status == 255);
  CHECK(f.host.find_iface("veth0")->mtu == 1400);
  CHECK(f.run("ip link set veth0 address 02:00:00:00:00:99", &status).empty());
  CHECK(f.run("ip link show veth0").find("link/ether 02:00:00:00:00:99 brd ff:ff:ff:ff:ff:ff") != std::string::npos);
  CHECK(f.run("ip link set veth0 address 01:00:5e:00:00:01", &status) ==
        "RTNETLINK answers: Cannot assign requested address\n");
  CHECK(status == 2);
  CHECK(f.run("ip link set veth0 address zz", &status) == "\"zz\" is invalid lladdr.\n");
  CHECK(f.run("ip link set lo address 02:00:00:00:00:01", &status) == "RTNETLINK answers: Operation not supported\n");
  CHECK(f.run("ip link set veth0 arp maybe", &status) ==
        "Error: argument of \"arp\" must be \"on\" or \"off\", not \"maybe\"\n");
}

TEST_CASE("ifconfig DEV -arp / arp set and clear IFF_NOARP; on an alias they change nothing; mtu") {
  ShellFixture f;
  f.run("ifconfig veth0 192.168.10.11 netmask 255.255.255.0 up");
  f.run("ifconfig veth0:0 192.168.10.100 netmask 255.255.255.255 up");
  CHECK(f.run("ifconfig veth0:0 -arp").empty());
  CHECK_FALSE(f.host.find_iface("veth0")->noarp);
  int status = -1;
  CHECK(f.run("ifconfig veth0:9 -arp", &status) == "SIOCSIFFLAGS: Cannot assign requested address\n");
  CHECK(status == 255);
  CHECK(f.run("ifconfig veth0 -arp").empty());
  CHECK(f.host.find_iface("veth0")->noarp);
  CHECK(f.run("ifconfig veth0 arp mtu 9000").empty());
  CHECK_FALSE(f.host.find_iface("veth0")->noarp);
  CHECK(f.host.find_iface("veth0")->mtu == 9000);
  CHECK(f.run("ifconfig veth0 mtu 20", &status) == "SIOCSIFMTU: Invalid argument\n");
  CHECK(status == 255);
}

// iproute2 6.1 brief output: print_name_and_link("%-16s "), print_operstate("%-14s "),
// then "ADDR/LEN " per address, or the link-layer address and "<FLAGS> ".
TEST_CASE("ip -br addr / ip -br link: one line per device, padded columns, a blank after each field") {
  ShellFixture f;
  f.run("ip addr add 192.168.10.11/24 dev veth0");
  f.run("ip addr add 192.168.10.100/32 dev lo label lo:0");
  f.run("ip link set veth1 down");
  CHECK(f.run("ip -br addr") ==
        "lo               UNKNOWN        127.0.0.1/8 192.168.10.100/32 ::1/128 \n"
        "veth1            DOWN           \n"
        "veth0            UP             192.168.10.11/24 fe80::3898:43ff:fe72:bad3/64 \n");
  CHECK(f.run("ip -br -4 a") ==
        "lo               UNKNOWN        127.0.0.1/8 192.168.10.100/32 \n"
        "veth0            UP             192.168.10.11/24 \n");
  CHECK(f.run("ip -brief link show veth0") ==
        "veth0            UP             3a:98:43:72:ba:d3 <BROADCAST,MULTICAST,UP,LOWER_UP> \n");
  CHECK(f.run("ip -br link") ==
        "lo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP> \n"
        "veth1            DOWN           86:de:c9:62:80:fa <BROADCAST,MULTICAST> \n"
        "veth0            UP             3a:98:43:72:ba:d3 <BROADCAST,MULTICAST,UP,LOWER_UP> \n");
}

TEST_CASE("ip addr del and flush; a deleted primary takes its secondaries") {
  ShellFixture f;
  f.run("ip addr add 10.0.0.1/24 dev veth0");
  f.run("ip addr add 10.0.0.2/24 dev veth0");
  int status = -1;
  CHECK(f.run("ip addr del 10.0.0.1/24 dev veth0", &status).empty());
  CHECK(status == 0);
  CHECK(f.host.find_iface("veth0")->addresses.empty());
  f.run("ip addr add 10.0.0.1/24 dev veth0 label veth0:5");
  CHECK(f.run("ip addr flush dev veth0", &status).empty());
  CHECK(f.host.find_iface("veth0")->addresses.empty());
  CHECK(f.run("ip addr del 10.0.0.9/24 dev veth0", &status) == "RTNETLINK answers: Cannot assign requested address\n");
  CHECK(status == 2);
  CHECK(f.run("ip addr add 10.0.0.9/24", &status) == "Not enough information: \"dev\" argument is required.\n");
  CHECK(status == 1);
}

TEST_CASE("ip neigh show prints the cache as iproute2 does, a blank after each field") {
  ShellFixture f;
  f.host.neighbours().set_permanent(2, *Ipv4Addr::parse("192.168.10.1"), *MacAddr::parse("52:54:00:12:35:02"));
  CHECK(f.run("ip neigh") == "192.168.10.1 dev veth0 lladdr 52:54:00:12:35:02 PERMANENT \n");
  CHECK(f.run("ip neigh show dev veth0") == "192.168.10.1 lladdr 52:54:00:12:35:02 PERMANENT \n");
}

TEST_CASE("ip route add: iproute2's refusals of bad words; keywords lvslab does not model say so") {
  ShellFixture f;
  f.run("ip addr add 192.168.10.11/24 dev veth0");
  int status = -1;
  CHECK(f.run("ip route add 10.0.0/8x via 192.168.10.1", &status) ==
        "Error: inet prefix is expected rather than \"10.0.0/8x\".\n");
  CHECK(status == 1);
  CHECK(f.run("ip route add 10.1.0.0/8 via 192.168.10.1", &status) ==
        "Error: Invalid prefix for given prefix length.\n");
  CHECK(status == 2);
  CHECK(f.run("ip route add 10.0.0.0/8 gw 192.168.10.1", &status) ==
        "Error: either \"to\" is duplicate, or \"gw\" is a garbage.\n");
  CHECK(status == 1);
  CHECK(f.run("ip route add 10.0.0.0/8 via 192.168.10.1 mtu 1400", &status).find("not understood") !=
        std::string::npos);
}

TEST_CASE("ip route add ... table local is not understood, and says so with file:line") {
  ShellFixture f;
  const auto t = config::run_script(f.machine, "ip route add 10.0.0.0/8 dev veth0 table local\n", "s.sh");
  REQUIRE(t.size() == 1);
  CHECK_FALSE(t[0].understood);
  CHECK(t[0].output.starts_with("lvslab: s.sh:1: not understood: ip route add 10.0.0.0/8 dev veth0 table local"));
}

TEST_CASE("ip: unknown objects and commands") {
  ShellFixture f;
  int status = -1;
  CHECK(f.run("ip foo", &status) == "Object \"foo\" is unknown, try \"ip help\".\n");
  CHECK(status == 1);
  CHECK(f.run("ip addr frob", &status) == "Command \"frob\" is unknown, try \"ip address help\".\n");
  CHECK(status == 255);
}

}  // namespace
}  // namespace lvs::test

namespace lvs::test {
namespace {

TEST_CASE("ip route get: the route the kernel picks, as iproute2 6.1 prints it") {
  ShellFixture f;
  f.run("ip addr add 192.168.10.11/24 dev veth0");
  f.run("ip route add default via 192.168.10.1");
  CHECK(f.run("ip route get 8.8.8.8") == "8.8.8.8 via 192.168.10.1 dev veth0 src 192.168.10.11 uid 0 \n    cache \n");
  CHECK(f.run("ip route get 192.168.10.20") == "192.168.10.20 dev veth0 src 192.168.10.11 uid 0 \n    cache \n");
  CHECK(f.run("ip route get 192.168.10.11") ==
        "local 192.168.10.11 dev lo src 192.168.10.11 uid 0 \n    cache <local> \n");
  f.run("ip route del default");
  int status = -1;
  CHECK(f.run("ip route get 8.8.8.8", &status) == "RTNETLINK answers: Network is unreachable\n");
  CHECK(status == 2);
}

TEST_CASE("ip neigh add/replace a permanent entry, flush a device's cache") {
  ShellFixture f;
  int status = -1;
  CHECK(f.run("ip neigh replace 192.168.10.1 lladdr 52:54:00:12:35:02 dev veth0 nud permanent", &status).empty());
  CHECK(status == 0);
  CHECK(f.run("ip neigh show dev veth0") == "192.168.10.1 lladdr 52:54:00:12:35:02 PERMANENT \n");
  CHECK(f.run("ip neigh add 192.168.10.2 dev veth0", &status).find("not understood") != std::string::npos);
  CHECK(f.run("ip neigh flush dev veth9", &status) == "Cannot find device \"veth9\"\n");
  CHECK(status == 1);
}

TEST_CASE("ip neigh del removes an entry, even a permanent one; a missing one is the kernel's ENOENT") {
  ShellFixture f;
  int status = -1;
  f.run("ip neigh add 192.168.10.1 lladdr 52:54:00:12:35:02 dev veth0");
  CHECK(f.run("ip neigh del 192.168.10.1 dev veth0", &status).empty());
  CHECK(status == 0);
  CHECK(f.run("ip neigh").empty());
  CHECK(f.run("ip neigh delete 192.168.10.1 dev veth0", &status) == "RTNETLINK answers: No such file or directory\n");
  CHECK(status == 2);
  CHECK(f.run("ip neigh del 192.168.10.1", &status) == "Device and destination are required arguments.\n");
  CHECK(status == 255);
}

}  // namespace
}  // namespace lvs::test
