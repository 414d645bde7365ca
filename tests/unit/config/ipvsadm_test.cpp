// ipvsadm in a transcript: the first call loads ip_vs; -S > FILE and -R < FILE round-trip;
// ipvsadm-save / ipvsadm-restore; refusals with ipvsadm's words and exit status.
#include <doctest/doctest.h>

#include "sim/ipvs/director.hpp"
#include "tests/unit/config/config_fixture.hpp"

namespace lvs::test {
namespace {

using config::run_script;

constexpr const char* kRules =
    "-A -t 192.168.10.100:80 -s rr\n"
    "-a -t 192.168.10.100:80 -r 10.0.0.7:80 -m -w 1\n"
    "-a -t 192.168.10.100:80 -r 10.0.0.8:80 -m -w 1\n";

TEST_CASE("the first ipvsadm command loads ip_vs; -Sn > FILE writes what ipvsadm-save prints") {
  ShellFixture f(true);
  CHECK(f.machine.director() == nullptr);
  const auto t = run_script(f.machine,
                            "ipvsadm -A -t 192.168.10.100:80 -s rr\n"
                            "ipvsadm -a -t 192.168.10.100:80 -r 10.0.0.7 -m\n"
                            "ipvsadm -a -t 192.168.10.100:80 -r 10.0.0.8:80 -m -w 1\n"
                            "ipvsadm -Sn > /etc/sysconfig/ipvsadm\n",
                            "lvs.sh");
  for (const auto& e : t) CHECK_MESSAGE(e.status == 0, e.command << ": " << e.output);
  REQUIRE(f.machine.director() != nullptr);
  CHECK(f.machine.files().at("/etc/sysconfig/ipvsadm") == kRules);
  CHECK(f.run("ipvsadm-save -n") == kRules);
}

TEST_CASE("ipvsadm -R < FILE and ipvsadm-restore from a here-document restore the rules") {
  ShellFixture f(true);
  f.machine.files()["/etc/sysconfig/ipvsadm"] = kRules;
  int status = -1;
  CHECK(f.run("ipvsadm -R < /etc/sysconfig/ipvsadm", &status).empty());
  CHECK(status == 0);
  CHECK(f.run("ipvsadm -Sn") == kRules);
  f.run("ipvsadm -C");
  CHECK(f.run("ipvsadm -Sn").empty());
  const auto t = run_script(f.machine, std::string("ipvsadm-restore <<EOF\n") + kRules + "EOF\n", "r.sh");
  REQUIRE(t.size() == 1);
  CHECK(t[0].status == 0);
  CHECK(f.run("ipvsadm -Sn") == kRules);
  CHECK(f.run("ipvsadm -Ln") ==
        "IP Virtual Server version 1.2.1 (size=4096)\n"
        "Prot LocalAddress:Port Scheduler Flags\n"
        "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n"
        "TCP  192.168.10.100:80 rr\n"
        "  -> 10.0.0.7:80                  Masq    1      0          0         \n"
        "  -> 10.0.0.8:80                  Masq    1      0          0         \n");
}

TEST_CASE("ipvsadm refusals: the kernel's and ipvsadm's own, with their exit status") {
  ShellFixture f(true);
  int status = -1;
  f.run("ipvsadm -A -t 192.168.10.100:80 -s rr");
  CHECK(f.run("ipvsadm -A -t 192.168.10.100:80 -s rr", &status) == "Service already exists\n");
  CHECK(status == 255);
  CHECK(f.run("ipvsadm -A -t 192.168.10.100:80 -s nosuch", &status).find("not found") != std::string::npos);
  CHECK(status != 0);
  CHECK(f.run("no_ip_vs_here", &status).starts_with("lvslab: test:1: not understood"));
}

TEST_CASE("without the ip_vs module ipvsadm and modprobe fail as on such a kernel") {
  ShellFixture f(false);
  int status = -1;
  CHECK(f.run("modprobe ip_vs", &status).starts_with("modprobe: FATAL: Module ip_vs not found"));
  CHECK(status == 1);
  CHECK(f.machine.director() == nullptr);
}

TEST_CASE("modprobe ip_vs loads IPVS once; modprobe ipip makes tunl0") {
  ShellFixture f(true);
  int status = -1;
  CHECK(f.run("modprobe ip_vs", &status).empty());
  CHECK(status == 0);
  ipvs::Director* d = f.machine.director();
  REQUIRE(d != nullptr);
  f.run("modprobe ip_vs_wrr");
  CHECK(f.machine.director() == d);
  CHECK(f.host.find_iface("tunl0") == nullptr);
  f.run("modprobe ipip");
  REQUIRE(f.host.find_iface("tunl0") != nullptr);
  CHECK_FALSE(f.host.find_iface("tunl0")->up);
  CHECK(f.run("ip link show tunl0") ==
        "4: tunl0@NONE: <NOARP> mtu 1480 qdisc noop state DOWN mode DEFAULT group default qlen 1000\n"
        "    link/ipip 0.0.0.0 brd 0.0.0.0\n");
  f.run("ifconfig tunl0 192.168.10.10 netmask 255.255.255.255 broadcast 192.168.10.10 up");
  CHECK(f.run("ifconfig tunl0") ==
        "tunl0: flags=193<UP,RUNNING,NOARP>  mtu 1480\n"
        "        inet 192.168.10.10  netmask 255.255.255.255\n"
        "        tunnel   txqueuelen 1000  (IPIP Tunnel)\n"
        "        RX packets 0  bytes 0 (0.0 B)\n"
        "        RX errors 0  dropped 0  overruns 0  frame 0\n"
        "        TX packets 0  bytes 0 (0.0 B)\n"
        "        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n\n");
}

}  // namespace
}  // namespace lvs::test
