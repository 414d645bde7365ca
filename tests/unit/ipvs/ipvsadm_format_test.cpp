// The formatter's other outputs: number suffixes, --exact, --thresholds,
// --persistent-conn, --tun-info, service flags, sorting, -Lnc details, -S, --timeout.
#include <doctest/doctest.h>

#include "sim/ipvs/ipvsadm/command.hpp"
#include "sim/ipvs/ipvsadm/format.hpp"
#include "sim/ipvs/ipvsadm/sort.hpp"

using namespace lvs;
using namespace lvs::ipvs;
using namespace lvs::ipvs::ipvsadm;

namespace {

Ipv4Addr ip(const char* s) { return *Ipv4Addr::parse(s); }

ServiceEntry svc(Protocol p, const char* vip, std::uint16_t port, const char* sched) {
  ServiceEntry se;
  se.spec.key = ServiceKey{p, ip(vip), port, 0};
  se.spec.scheduler = sched;
  return se;
}

DestEntry dst(const char* rip, std::uint16_t port, FwdMethod m, int weight) {
  DestEntry d;
  d.addr = ip(rip);
  d.port = port;
  d.method = m;
  d.weight = weight;
  return d;
}

ListOptions opts(void (*set)(ListOptions&)) {
  ListOptions o;
  o.numeric = true;
  set(o);
  return o;
}

}  // namespace

TEST_CASE("print_largenum: K/M/G/T from 100 million on, exact widths") {
  CHECK(format_largenum(0, false) == "        0");
  CHECK(format_largenum(99999999, false) == " 99999999");
  CHECK(format_largenum(100000000, false) == "  100000K");
  CHECK(format_largenum(999999999, false) == "  999999K");
  CHECK(format_largenum(1000000000, false) == "    1000M");
  CHECK(format_largenum(99999999999ULL, false) == "   99999M");
  CHECK(format_largenum(100000000000ULL, false) == "     100G");
  CHECK(format_largenum(99999999999999ULL, false) == "   99999G");
  CHECK(format_largenum(100000000000000ULL, false) == "     100T");
  CHECK(format_largenum(123, true) == "      123");
  CHECK(format_largenum(99999999, true) == " 99999999");
  CHECK(format_largenum(100000000, true) == " 100000000");
  CHECK(format_largenum(1234567890123ULL, true) == " 1234567890123");
}

TEST_CASE("--stats with large counters, with and without --exact") {
  Snapshot s;
  ServiceEntry se = svc(Protocol::kTcp, "192.168.10.100", 80, "wlc");
  se.stats.conns = 150000000;       // 150M conns -> 150000K
  se.stats.inpkts = 2500000000ULL;  // -> 2500M
  se.stats.outpkts = 12;
  se.stats.inbytes = 345678901234ULL;  // -> 345G
  se.stats.outbytes = 99999999;
  DestEntry d = dst("10.0.0.7", 80, FwdMethod::kMasq, 1);
  d.stats = se.stats;
  se.dests.push_back(d);
  s.services.push_back(se);
  const std::string title =
      "IP Virtual Server version 1.2.1 (size=4096)\n"
      "Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes\n"
      "  -> RemoteAddress:Port\n";
  CHECK(format_list(s, opts([](ListOptions& o) { o.stats = true; })) ==
        title +
            "TCP  192.168.10.100:80             150000K    2500M       12     345G 99999999\n"
            "  -> 10.0.0.7:80                   150000K    2500M       12     345G 99999999\n");
  CHECK(format_list(s, opts([](ListOptions& o) { o.stats = true, o.exact = true; })) ==
        title +
            "TCP  192.168.10.100:80            150000000 2500000000       12 345678901234 99999999\n"
            "  -> 10.0.0.7:80                  150000000 2500000000       12 345678901234 99999999\n");
}

TEST_CASE("--rate: destination CPS/PPS are plain %8llu, BPS use the suffixes") {
  Snapshot s;
  ServiceEntry se = svc(Protocol::kTcp, "10.100.5.98", 6030, "wlc");
  DestEntry d = dst("10.100.5.86", 6030, FwdMethod::kRoute, 1);
  d.stats.cps = 123456789;  // %8llu: no suffix even when large
  d.stats.inbps = 123456789;
  se.dests.push_back(d);
  s.services.push_back(se);
  CHECK(format_list(s, opts([](ListOptions& o) { o.rate = true; })) ==
        "IP Virtual Server version 1.2.1 (size=4096)\n"
        "Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS\n"
        "  -> RemoteAddress:Port\n"
        "TCP  10.100.5.98:6030                    0        0        0        0        0\n"
        "  -> 10.100.5.86:6030             123456789        0        0  123456K        0\n");
}

TEST_CASE("--thresholds, --persistent-conn and --tun-info columns") {
  Snapshot s;
  s.conn_tab_size = 1048576;
  ServiceEntry se = svc(Protocol::kTcp, "1.2.3.4", 80, "wrr");
  DestEntry d = dst("172.80.0.2", 80, FwdMethod::kTunnel, 3);
  d.u_threshold = 100, d.l_threshold = 50, d.active_conns = 7, d.inactive_conns = 2;
  d.persist_conns = 4;
  se.dests.push_back(d);
  se.dests.push_back(dst("172.80.0.3", 80, FwdMethod::kMasq, 0));
  s.services.push_back(se);
  CHECK(format_list(s, opts([](ListOptions& o) { o.thresholds = true; })) ==
        "IP Virtual Server version 1.2.1 (size=1048576)\n"
        "Prot LocalAddress:Port            Uthreshold Lthreshold ActiveConn InActConn \n"
        "  -> RemoteAddress:Port\n"
        "TCP  1.2.3.4:80 wrr\n"
        "  -> 172.80.0.2:80                100        50         7          2         \n"
        "  -> 172.80.0.3:80                0          0          0          0         \n");
  CHECK(format_list(s, opts([](ListOptions& o) { o.persistent_conn = true; })) ==
        "IP Virtual Server version 1.2.1 (size=1048576)\n"
        "Prot LocalAddress:Port            Weight    PersistConn ActiveConn InActConn \n"
        "  -> RemoteAddress:Port\n"
        "TCP  1.2.3.4:80 wrr\n"
        "  -> 172.80.0.2:80                3         4           7          2         \n"
        "  -> 172.80.0.3:80                0         0           0          0         \n");
  CHECK(format_list(s, opts([](ListOptions& o) { o.tun_info = true; })) ==
        "IP Virtual Server version 1.2.1 (size=1048576)\n"
        "Prot LocalAddress:Port Scheduler Flags\n"
        "  -> RemoteAddress:Port           Forward TunnelInfo    Weight ActiveConn InActConn\n"
        "TCP  1.2.3.4:80 wrr\n"
        "  -> 172.80.0.2:80                Tunnel  ipip          3      7          2         \n"
        "  -> 172.80.0.3:80                Masq    n/a           0      0          0         \n");
}

TEST_CASE("service flags: persistence, mask, pe, ops, scheduler flags, fwmark, Local") {
  Snapshot s;
  ServiceEntry a = svc(Protocol::kTcp, "192.168.10.100", 0, "wlc");
  a.spec.persistent_timeout = 300;
  a.spec.netmask = ip("255.255.255.0");
  a.spec.pe_name = "sip";
  ServiceEntry b = svc(Protocol::kUdp, "192.168.10.100", 53, "sh");
  b.spec.one_packet = true;
  b.spec.sched_flags = "sh-fallback,sh-port";
  b.spec.persistent_timeout = 60;
  ServiceEntry c;
  c.spec.key.fwmark = 5;
  c.spec.scheduler = "mh";
  c.spec.sched_flags = "mh-port";
  c.dests.push_back(dst("127.0.0.1", 0, FwdMethod::kLocal, 1));
  s.services = {c, b, a};  // kernel order; ipvsadm sorts: TCP, UDP, then fwmark
  CHECK(format_list(s, ListOptions{}) ==
        "IP Virtual Server version 1.2.1 (size=4096)\n"
        "Prot LocalAddress:Port Scheduler Flags\n"
        "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n"
        "TCP  192.168.10.100:0 wlc persistent 300 mask 255.255.255.0 pe sip\n"
        "UDP  192.168.10.100:53 sh (sh-fallback,sh-port) persistent 60 ops\n"
        "FWM  5 mh (mh-port)\n"
        "  -> 127.0.0.1:0                  Local   1      0          0         \n");
  CHECK(format_save(s) ==
        "-A -t 192.168.10.100:0 -s wlc -p 300 -M 255.255.255.0 --pe sip\n"
        "-A -u 192.168.10.100:53 -s sh -p 60 -o -b sh-fallback,sh-port\n"
        "-A -f 5 -s mh -b mh-port\n"
        "-a -f 5 -r 127.0.0.1:0 -g -w 1\n");
  ListOptions nosort;
  nosort.nosort = true;
  const std::string unsorted = format_list(s, nosort);
  CHECK(unsorted.find("FWM  5") < unsorted.find("TCP  192.168.10.100:0"));
}

TEST_CASE("libipvs ordering: int differences of unsigned addresses wrap") {
  Snapshot s;
  s.services = {svc(Protocol::kTcp, "10.0.0.1", 80, "rr"), svc(Protocol::kTcp, "10.0.0.1", 22, "rr"),
                svc(Protocol::kTcp, "200.0.0.1", 80, "rr"), svc(Protocol::kTcp, "10.0.0.0", 80, "rr")};
  const auto order = sorted_services(s.services);
  REQUIRE(order.size() == 4);
  // 10.0.0.1 - 200.0.0.1 = 0x42000000 > 0: 200.0.0.1 sorts first, as on a real system.
  CHECK(order[0]->spec.key.addr == ip("200.0.0.1"));
  CHECK(order[1]->spec.key.addr == ip("10.0.0.0"));
  CHECK(order[2]->spec.key.port == 22);
  CHECK(order[3]->spec.key.port == 80);
  CHECK(cmp_services(s.services[0], s.services[2]) > 0);
  CHECK(cmp_services(s.services[3], s.services[0]) < 0);
  std::vector<DestEntry> d = {dst("10.0.0.9", 8080, FwdMethod::kMasq, 1), dst("10.0.0.9", 80, FwdMethod::kMasq, 1),
                              dst("10.0.0.2", 9000, FwdMethod::kMasq, 1)};
  const auto dorder = sorted_dests(d);
  CHECK(dorder[0]->addr == ip("10.0.0.2"));
  CHECK(dorder[1]->port == 80);
  CHECK(dorder[2]->port == 8080);
}

TEST_CASE("-Lnc: expiry mm:ss from whole seconds, templates, fwmark templates, --persistent-conn") {
  Snapshot s;
  ConnEntry est;
  est.client_addr = ip("169.60.24.86"), est.client_port = 52470;
  est.virtual_addr = ip("169.46.7.238"), est.virtual_port = 27234;
  est.dest_addr = ip("169.48.180.244"), est.dest_port = 27234;
  est.state = "ESTABLISHED";
  est.expires_ms = 899999;  // 899.999 s -> 899 s -> 14:59
  ConnEntry tpl;
  tpl.client_addr = ip("169.46.57.9");
  tpl.virtual_addr = ip("169.46.7.238");
  tpl.dest_addr = ip("169.48.180.190");
  tpl.state = "NONE";
  tpl.expires_ms = 58500;
  tpl.is_template = true;
  ConnEntry fwm = tpl;
  fwm.fwmark = 5;
  fwm.client_addr = ip("203.0.113.0");
  fwm.expires_ms = 6000000;  // 100 minutes: minutes are not limited to two digits
  s.conns = {est, tpl, fwm};
  const std::string rows =
      "TCP 14:59  ESTABLISHED 169.60.24.86:52470 169.46.7.238:27234 169.48.180.244:27234\n"
      "TCP 00:58  NONE        169.46.57.9:0      169.46.7.238:0     169.48.180.190:0\n"
      "IP  100:00 NONE        203.0.113.0:0      0.0.0.5:0          169.48.180.190:0\n";
  ListOptions o;
  o.connections = true;
  CHECK(format_connections(s, o) ==
        "IPVS connection entries\n"
        "pro expire state       source             virtual            destination\n" +
            rows);
  o.persistent_conn = true;
  CHECK(format_connections(s, o) ==
        "IPVS connection entries\n"
        "pro expire state       source             virtual            destination        pe name          pe_data\n" +
            rows);
}

TEST_CASE("--timeout, -v, and run_read_only dispatch") {
  CHECK(format_timeout(Timeouts{}) == "Timeout (tcp tcpfin udp): 900 120 300\n");
  CHECK(format_version() == "ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)\n");
  Snapshot s;
  s.timeouts = Timeouts{1800, 60, 30};
  s.services.push_back(svc(Protocol::kTcp, "192.168.10.100", 80, "rr"));
  auto run = [&](const char* line) {
    const IpvsadmParse p = parse_ipvsadm_line(line);
    REQUIRE_MESSAGE(p.ok(), p.error);
    return run_read_only(s, *p.command);
  };
  CHECK(run("ipvsadm -L --timeout").out == "Timeout (tcp tcpfin udp): 1800 60 30\n");
  CHECK(run("-L -n --daemon").out.empty());
  CHECK(run("-Ln -t 192.168.10.100:80").out ==
        "Prot LocalAddress:Port Scheduler Flags\n"
        "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n"
        "TCP  192.168.10.100:80 rr\n");
  const IpvsadmOutput missing = run("-L -n -t 192.168.10.100:81");
  CHECK(missing.err == "No such service\n");
  CHECK(missing.exit_status == 1);
  CHECK(run("-Sn").out == "-A -t 192.168.10.100:80 -s rr\n");
  CHECK(run("-Lnc").out ==
        "IPVS connection entries\n"
        "pro expire state       source             virtual            destination\n");
  CHECK(run("").out.rfind("IP Virtual Server version 1.2.1 (size=4096)\n", 0) == 0);
}
