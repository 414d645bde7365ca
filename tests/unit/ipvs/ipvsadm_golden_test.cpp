// Golden tests: Snapshots holding the values visible in the real captures of
// tests/data/kernel-6.1-ipvsadm.txt (Linux 6.1, ipvsadm v1.31) must print those captures
// byte for byte.
#include <doctest/doctest.h>

#include "ipvsadm_reference.hpp"
#include "sim/ipvs/ipvsadm/command.hpp"
#include "sim/ipvs/ipvsadm/format.hpp"
#include "sim/ipvs/ipvsadm/usage.hpp"

using namespace lvs;
using namespace lvs::ipvs;
using namespace lvs::ipvs::ipvsadm;
using lvs::ipvs::test::captured_output;
using lvs::ipvs::test::reference_block;

namespace {

Ipv4Addr ip(const char* s) { return *Ipv4Addr::parse(s); }

Stats counters(std::uint64_t conns, std::uint64_t inpkts, std::uint64_t outpkts, std::uint64_t inbytes,
               std::uint64_t outbytes) {
  Stats s;
  s.conns = conns, s.inpkts = inpkts, s.outpkts = outpkts, s.inbytes = inbytes, s.outbytes = outbytes;
  return s;
}

Stats rates(std::uint64_t cps, std::uint64_t inpps, std::uint64_t outpps, std::uint64_t inbps, std::uint64_t outbps) {
  Stats s;
  s.cps = cps, s.inpps = inpps, s.outpps = outpps, s.inbps = inbps, s.outbps = outbps;
  return s;
}

DestEntry dest(const char* addr, FwdMethod m, int weight, unsigned active, unsigned inactive) {
  DestEntry d;
  d.addr = ip(addr);
  d.port = 80;
  d.method = m;
  d.weight = weight;
  d.active_conns = active;
  d.inactive_conns = inactive;
  return d;
}

ServiceEntry service(const char* vip, const char* sched, std::vector<DestEntry> dests) {
  ServiceEntry se;
  se.spec.key = ServiceKey{Protocol::kTcp, ip(vip), 80, 0};
  se.spec.scheduler = sched;
  se.dests = std::move(dests);
  return se;
}

Snapshot one_service(ServiceEntry se) {
  Snapshot s;
  s.services.push_back(std::move(se));
  return s;
}

ListOptions numeric() {
  ListOptions o;
  o.numeric = true;
  return o;
}

ConnEntry conn(const char* state, std::uint16_t cport, const char* vip, const char* rip, std::uint32_t expires_ms) {
  ConnEntry c;
  c.client_addr = ip("203.0.113.10");
  c.client_port = cport;
  c.virtual_addr = ip(vip);
  c.virtual_port = 80;
  c.dest_addr = ip(rip);
  c.dest_port = 80;
  c.state = state;
  c.expires_ms = expires_ms;
  return c;
}

// The three two-server sections differ in VIP, method and counters only.
struct Section {
  const char* name;
  const char* vip;
  FwdMethod method;
  const char* conn_state;
  std::uint16_t ports[6];
  const char* rips[6];
  Stats svc_stats, d1_stats, d2_stats;
  Stats svc_rate, d1_rate, d2_rate;
};

const char* const R1 = "192.0.2.11";
const char* const R2 = "192.0.2.12";

const Section kSections[] = {
    {"LVS-NAT",
     "203.0.113.100",
     FwdMethod::kMasq,
     "TIME_WAIT",
     {47736, 47706, 47728, 47712, 47710, 47730},
     {R1, R2, R1, R2, R1, R2},
     counters(6, 37, 35, 2428, 3290),
     counters(3, 18, 18, 1188, 1671),
     counters(3, 19, 17, 1240, 1619),
     rates(1, 5, 4, 303, 411),
     rates(0, 2, 2, 148, 209),
     rates(0, 2, 2, 155, 202)},
    {"LVS-DR",
     "192.0.2.100",
     FwdMethod::kRoute,
     "FIN_WAIT",
     {56984, 56990, 56962, 57002, 56968, 56958},
     {R1, R2, R1, R1, R2, R2},
     counters(6, 38, 0, 2468, 0),
     counters(3, 19, 0, 1234, 0),
     counters(3, 19, 0, 1234, 0),
     rates(1, 5, 0, 308, 0),
     rates(0, 2, 0, 154, 0),
     rates(0, 2, 0, 154, 0)},
    {"LVS-TUN",
     "192.0.2.100",
     FwdMethod::kTunnel,
     "FIN_WAIT",
     {57020, 57016, 57046, 57052, 57024, 57036},
     {R1, R2, R2, R1, R2, R1},
     counters(6, 37, 0, 2416, 0),
     counters(3, 19, 0, 1234, 0),
     counters(3, 18, 0, 1182, 0),
     rates(1, 5, 0, 302, 0),
     rates(0, 2, 0, 154, 0),
     rates(0, 2, 0, 148, 0)},
};

}  // namespace

TEST_CASE("ipvsadm -Ln reproduces the NAT, DR and TUN captures") {
  for (const Section& sec : kSections) {
    CAPTURE(sec.name);
    // The kernel's list order is not sorted; ipvsadm sorts (here .12 is listed first).
    Snapshot s = one_service(service(sec.vip, "rr", {dest(R2, sec.method, 1, 0, 3), dest(R1, sec.method, 1, 0, 3)}));
    CHECK(format_list(s, numeric()) == reference_block(sec.name, "director ipvsadm -Ln"));
  }
}

TEST_CASE("ipvsadm -Lnc reproduces the connection tables") {
  for (const Section& sec : kSections) {
    CAPTURE(sec.name);
    Snapshot s;
    for (int i = 0; i < 6; ++i)  // 119.x s left of a 120 s timer prints 01:59
      s.conns.push_back(conn(sec.conn_state, sec.ports[i], sec.vip, sec.rips[i], 119000 + 137u * i));
    ListOptions o = numeric();
    o.connections = true;
    CHECK(format_connections(s, o) == reference_block(sec.name, "director ipvsadm -Lnc"));
  }
}

TEST_CASE("ipvsadm -Ln --stats and --rate reproduce the captures") {
  for (const Section& sec : kSections) {
    CAPTURE(sec.name);
    ServiceEntry se = service(sec.vip, "rr", {dest(R1, sec.method, 1, 0, 3), dest(R2, sec.method, 1, 0, 3)});
    ListOptions o = numeric();
    o.stats = true;
    se.stats = sec.svc_stats, se.dests[0].stats = sec.d1_stats, se.dests[1].stats = sec.d2_stats;
    CHECK(format_list(one_service(se), o) == reference_block(sec.name, "director ipvsadm -Ln --stats"));
    o.stats = false;
    o.rate = true;
    se.stats = sec.svc_rate, se.dests[0].stats = sec.d1_rate, se.dests[1].stats = sec.d2_rate;
    CHECK(format_list(one_service(se), o) == reference_block(sec.name, "director ipvsadm -Ln --rate"));
  }
}

TEST_CASE("ipvsadm -Ln after -E wrr and -e -w 2 (NAT with wrr)") {
  Snapshot s = one_service(
      service("203.0.113.100", "wrr", {dest(R1, FwdMethod::kMasq, 2, 0, 7), dest(R2, FwdMethod::kMasq, 1, 0, 5)}));
  CHECK(format_list(s, numeric()) == reference_block("NAT with wrr", "director ipvsadm -Ln"));
}

TEST_CASE("ipvsadm -Ln --stats in the DR ARP problem and its fix") {
  ListOptions o = numeric();
  o.stats = true;
  ServiceEntry se =
      service("192.0.2.100", "rr", {dest(R1, FwdMethod::kRoute, 1, 0, 0), dest(R2, FwdMethod::kRoute, 1, 0, 0)});
  CHECK(format_list(one_service(se), o) == reference_block("DR ARP PROBLEM", "director ipvsadm -Ln --stats"));
  se.stats = counters(6, 36, 0, 2364, 0);
  se.dests[0].stats = se.dests[1].stats = counters(3, 18, 0, 1182, 0);
  CHECK(format_list(one_service(se), o) == reference_block("SAME WITH the fix", "director ipvsadm -Ln --stats"));
}

TEST_CASE("the reference blocks really are what the golden tests compare against") {
  const std::string b = reference_block("LVS-NAT", "director ipvsadm -Ln");
  CHECK(b.find("  -> 192.0.2.11:80                Masq    1      0          3         \n") != std::string::npos);
  // A formatter that drops the trailing spaces must not pass.
  Snapshot s = one_service(
      service("203.0.113.100", "rr", {dest(R1, FwdMethod::kMasq, 1, 0, 3), dest(R2, FwdMethod::kMasq, 1, 0, 3)}));
  std::string trimmed;
  for (std::size_t pos = 0; pos < b.size();) {
    std::size_t nl = b.find('\n', pos);
    std::string line = b.substr(pos, nl - pos);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    trimmed += line + "\n";
    pos = nl + 1;
  }
  CHECK(trimmed != b);
  CHECK(format_list(s, numeric()) == b);
}

TEST_CASE("ipvsadm -h and --help print ipvsadm 1.31's usage, as captured on Linux 6.1") {
  const std::string real = captured_output("ipvsadm-1.31-help.txt");
  REQUIRE(real.rfind("ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)\nUsage:\n", 0) == 0);
  CHECK(real.size() > 4000);
  CHECK(format_usage("ipvsadm") == real);
  for (const char* line : {"-h", "--help", "ipvsadm -h"}) {
    const IpvsadmParse p = parse_ipvsadm_line(line);
    REQUIRE_MESSAGE(p.ok(), p.error);
    const IpvsadmOutput out = run_read_only(Snapshot{}, *p.command);
    CHECK(out.out == real);
    CHECK(out.err.empty());
    CHECK(out.exit_status == 0);
  }
  // Only as the first option: after a command it is an unknown option (exit 2).
  const IpvsadmParse late = parse_ipvsadm_line("-L -h");
  CHECK_FALSE(late.ok());
  CHECK(late.error == "invalid option `-h'");
  CHECK(late.exit_status == 2);
}
