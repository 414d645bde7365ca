#include <doctest/doctest.h>

#include "sim/hw/names.hpp"
#include "sim/hw/procfs.hpp"

using namespace lvs;
using namespace lvs::hw;

TEST_CASE("lab namespaces are recognised by their prefix, and nothing else is") {
  CHECK(lab_prefix_of("lvslab") == "");
  CHECK(lab_prefix_of("lvslab-") == "");
  CHECK(lab_prefix_of("myns") == "");
  CHECK(run_prefix(77) == "lvslab77-");
  CHECK(belongs_to("lvslab-rs1", kLabPrefix));
  CHECK_FALSE(belongs_to("lvslab77-rs1", kLabPrefix));
  CHECK(host_netns("lvslab-", "rs1") == "lvslab-rs1");
}

TEST_CASE("a lab's prefix is read back from its namespaces' names") {
  CHECK(lab_prefix_of("lvslab-client1") == "lvslab-");
  CHECK(lab_prefix_of("lvslab4242-switch") == "lvslab4242-");
  CHECK(lab_prefix_of("lvslab4242-web-1") == "lvslab4242-");
  CHECK(lab_prefix_of("lvslab4242-") == "");
  CHECK(lab_prefix_of("lvslabx-rs1") == "");
  CHECK(lab_prefix_of("other") == "");
}

TEST_CASE("interface names are the ones Linux keeps as given") {
  CHECK(valid_ifname("eth0"));
  CHECK(valid_ifname("fifteen-chars-x"));
  CHECK_FALSE(valid_ifname("sixteen-chars-xx"));
  CHECK_FALSE(valid_ifname("eth0:0"));
  CHECK_FALSE(valid_ifname("a b"));
  CHECK_FALSE(valid_ifname(".."));
  CHECK_FALSE(valid_ifname("eth%d"));  // the kernel would name it eth0
}

TEST_CASE("sysctl keys map to /proc/sys paths as sysctl(8) does") {
  CHECK(sysctl_path("net.ipv4.conf.all.arp_ignore") == "/proc/sys/net/ipv4/conf/all/arp_ignore");
  CHECK(sysctl_path("net/ipv4/ip_forward") == "/proc/sys/net/ipv4/ip_forward");
}

TEST_CASE("the kernel's /proc/net/ip_vs_conn is read into connection entries") {
  // ip_vs_conn.c ip_vs_conn_seq_show(): hex addresses and ports, state, seconds left.
  const char* text =
      "Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData\n"
      "TCP 0A000005 BA38 C0A80064 0050 C0A80A0B 0050 TIME_WAIT       119\n"
      "TCP 0A000005 0000 C0A80064 0050 C0A80A0C 0050 NONE            299\n"
      "UDP 0A000005 1F90 C0A80064 0035 C0A80A0C 0035 UDP             300\n"
      "garbage line\n";
  const auto conns = parse_ipvs_conns(text);
  REQUIRE(conns.size() == 3);
  CHECK(conns[0].client_addr == Ipv4Addr(10, 0, 0, 5));
  CHECK(conns[0].client_port == 0xBA38);
  CHECK(conns[0].virtual_addr == Ipv4Addr(192, 168, 0, 100));
  CHECK(conns[0].virtual_port == 80);
  CHECK(conns[0].dest_addr == Ipv4Addr(192, 168, 10, 11));
  CHECK(conns[0].state == "TIME_WAIT");
  CHECK(conns[0].expires_ms == 119000);
  CHECK_FALSE(conns[0].is_template);
  CHECK(conns[1].is_template);  // persistence template: client port 0, state NONE
  CHECK(conns[2].protocol == ipvs::Protocol::kUdp);
}

TEST_CASE("an ASSURED persistence template is a template, not a connection") {
  // A template whose controlled connection reached ESTABLISHED is shown ASSURED
  // (ip_vs_state_name on a template, ip_vs_ctpl_state_name_table).
  const char* text =
      "Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData\n"
      "TCP 0A000005 0000 C0A80064 0050 C0A80A0C 0050 ASSURED          58\n"
      "TCP 0A000006 0000 C0A80064 0050 C0A80A0B 0050 NONE             59\n"
      "TCP 0A000005 9C40 C0A80064 0050 C0A80A0C 0050 ESTABLISHED     899\n";
  const auto conns = parse_ipvs_conns(text);
  REQUIRE(conns.size() == 3);
  CHECK(conns[0].is_template);
  CHECK(conns[0].state == "ASSURED");
  CHECK(conns[0].expires_ms == 58000);
  CHECK(conns[1].is_template);
  CHECK_FALSE(conns[2].is_template);
}
