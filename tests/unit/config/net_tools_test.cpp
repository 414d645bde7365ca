// ifconfig and route beyond the captured session: the kernel's rules for aliases,
// netmask/broadcast changes, and net-tools' own checks of a route's target and mask.
#include <doctest/doctest.h>

#include "tests/unit/config/config_fixture.hpp"

namespace lvs::test {
namespace {

TEST_CASE("ifconfig: an alias down deletes its address; a new address replaces the labelled one") {
  ShellFixture f;
  f.run("ifconfig veth0 192.168.10.11 netmask 255.255.255.0 up");
  f.run("ifconfig veth0:0 192.168.10.100 netmask 255.255.255.255 broadcast 192.168.10.100 up");
  CHECK(f.host.find_iface("veth0")->addresses.size() == 2);
  int status = -1;
  CHECK(f.run("ifconfig veth0:0 down", &status).empty());
  CHECK(status == 0);
  CHECK(f.host.find_iface("veth0")->addresses.size() == 1);
  CHECK(f.run("ifconfig veth0:0", &status) == "veth0:0: error fetching interface information: Device not found\n");
  CHECK(status == 1);
  // SIOCSIFADDR on veth0 replaces its address, with the class B default for 172.16.x.
  f.run("ifconfig veth0 172.16.1.1");
  REQUIRE(f.host.find_iface("veth0")->addresses.size() == 1);
  CHECK(f.host.find_iface("veth0")->addresses[0].prefix.str() == "172.16.1.1/16");
  CHECK(f.host.find_iface("veth0")->addresses[0].broadcast.str() == "172.16.255.255");
}

TEST_CASE("ifconfig netmask: the broadcast follows only when it was the subnet's") {
  ShellFixture f;
  f.run("ifconfig veth1 10.1.2.3 up");  // class A: /8, broadcast 10.255.255.255
  f.run("ifconfig veth1 netmask 255.255.0.0");
  CHECK(f.host.find_iface("veth1")->addresses[0].prefix.str() == "10.1.2.3/16");
  CHECK(f.host.find_iface("veth1")->addresses[0].broadcast.str() == "10.1.255.255");
  f.run("ifconfig veth1 broadcast 10.1.2.255");
  f.run("ifconfig veth1 netmask 255.255.255.0");
  CHECK(f.host.find_iface("veth1")->addresses[0].broadcast.str() == "10.1.2.255");
  int status = -1;
  CHECK(f.run("ifconfig veth1 netmask 255.0.255.0", &status) == "SIOCSIFNETMASK: Invalid argument\n");
  CHECK(status == 255);
}

TEST_CASE("route: net-tools' checks of target and netmask (exit 3) and the kernel's (exit 7)") {
  ShellFixture f;
  f.run("ifconfig veth0 192.168.10.11 netmask 255.255.255.0 up");
  int status = -1;
  CHECK(f.run("route add 10.60.0.0 netmask 255.255.0.0 dev veth0", &status) ==
        "route: netmask 0000ffff doesn't make sense with host route\n");
  CHECK(status == 3);
  CHECK(f.run("route add -net 10.73.0.0 netmask 255.0.0.0 dev veth0", &status) ==
        "route: netmask doesn't match route address\n");
  CHECK(status == 3);
  CHECK(f.run("route add -net 10.78.0.0 veth0", &status) == "SIOCADDRT: Invalid argument\n");
  CHECK(status == 7);
  CHECK(f.run("route add -net 10.77.0.0 netmask 255.255.0.0 dev nosuch0", &status) == "SIOCADDRT: No such device\n");
  CHECK(status == 7);
  CHECK(f.run("route add -net 10.77.0.0 netmask 255.255.0.0 veth0", &status).empty());
  CHECK(status == 0);
  CHECK(f.run("ip route show dev veth0") ==
        "10.77.0.0/16 scope link \n"
        "192.168.10.0/24 proto kernel scope link src 192.168.10.11 \n");
  CHECK(f.run("route del -net 10.77.0.0 netmask 255.255.0.0", &status).empty());
  CHECK(f.run("route del -net 10.77.0.0 netmask 255.255.0.0", &status) == "SIOCDELRT: No such process\n");
  CHECK(status == 7);
}

TEST_CASE("route add dev lo:0 names lo and takes lo:0's address as the preferred source") {
  ShellFixture f;
  int status = -1;
  CHECK(f.run("route add -host 192.168.10.10 dev lo:0", &status) == "SIOCADDRT: No such device\n");
  CHECK(status == 7);
  f.run("ifconfig lo:0 192.168.10.10 netmask 255.255.255.255 broadcast 192.168.10.10 up");
  CHECK(f.run("route add -host 192.168.10.10 dev lo:0", &status).empty());
  CHECK(f.run("route -n").find("192.168.10.10   0.0.0.0         255.255.255.255 UH    0      0        0 lo\n") !=
        std::string::npos);
}

}  // namespace
}  // namespace lvs::test
