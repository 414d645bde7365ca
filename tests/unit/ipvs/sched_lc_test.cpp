// Least-connection family (lc, wlc, sed, nq, fo, ovf) against hand-derived choices. In
// Linux 6.1 SYN_RECV counts as active (tcp_state_active_table), so a SYN makes the
// connection active at once.
#include "ipvs_fixture.hpp"

using namespace lvs;
using namespace lvs::ipvs;
using namespace lvs::ipvs::test;

namespace {

void setup(IpvsTables& t, const char* sched, std::initializer_list<std::pair<const char*, int>> ds) {
  REQUIRE(t.add_service(service(sched), 0) == IpvsError::kOk);
  for (const auto& [a, w] : ds) REQUIRE(t.add_dest(vip_key(), dest(a, w), 0) == IpvsError::kOk);
}

}  // namespace

TEST_CASE("lc: overhead = activeconns*256 + inactconns, first minimum wins") {
  IpvsTables t;
  setup(t, "lc", {{"192.0.2.11", 1}, {"192.0.2.12", 1}, {"192.0.2.13", 1}});  // list .13 .12 .11
  CHECK(picks(t, 4, 0) == "13,12,11,13");  // all 0 -> first; then the untouched ones; tie -> first
  Dest* d12 = t.find_dest(vip_key(), ip("192.0.2.12"), 80);
  REQUIRE(d12 != nullptr);
  CHECK(d12->activeconns == 1);
  // ACK (SYN_RECV -> ESTABLISHED) then RST (-> CLOSE): inactive, overhead 1. (An RST in
  // SYN_RECV keeps SYN_RECV in the INPUT table.)
  t.in_packet(tcp("203.0.113.10", 40001, kAck), 0);
  t.in_packet(tcp("203.0.113.10", 40001, kRst), 0);
  CHECK(d12->activeconns == 0);
  CHECK(d12->inactconns == 1);
  // overheads: .13 = 512, .12 = 1, .11 = 256
  CHECK(syn_to(t, "203.0.113.10", 41000, 0) == 12);
}

TEST_CASE("wlc: (overhead) / weight with h1*w2 > h2*w1 comparisons") {
  // .11 w1, .12 w3 -> list [.12, .11]. All connections stay active (256 each).
  // 1: both 0 -> .12.  2: 256*1 > 0*3 -> .11.  3: 256*1 > 256*3? no -> .12.
  // 4: 512 > 768? no -> .12.  5: 768 > 768? no -> .12.  6: 1024 > 768 -> .11.
  IpvsTables t;
  setup(t, "wlc", {{"192.0.2.11", 1}, {"192.0.2.12", 3}});
  CHECK(picks(t, 6, 0) == "12,11,12,12,12,11");
}

TEST_CASE("wlc: weight 0 and overloaded dests get nothing new") {
  IpvsTables t;
  setup(t, "wlc", {{"192.0.2.11", 1}, {"192.0.2.12", 0}});
  CHECK(picks(t, 3, 0) == "11,11,11");
}

TEST_CASE("sed: (activeconns + 1) / weight") {
  // .11 w1, .12 w3 -> list [.12, .11]: B=.12 loh 1,2,3 vs A 1*3 -> B,B,B; then 4 > 3 -> A;
  // then B 4*1 > A 2*3? no -> B.
  IpvsTables t;
  setup(t, "sed", {{"192.0.2.11", 1}, {"192.0.2.12", 3}});
  CHECK(picks(t, 5, 0) == "12,12,12,11,12");
}

TEST_CASE("nq: an idle server first, otherwise sed") {
  // list [.12 w3, .11 w1]: 1: .12 idle.  2: .11 idle.  3: B loh 2 vs A 2: 2*1 > 2*3 no -> .12
  IpvsTables t;
  setup(t, "nq", {{"192.0.2.11", 1}, {"192.0.2.12", 3}});
  CHECK(picks(t, 3, 0) == "12,11,12");
}

TEST_CASE("fo: highest weight, first in list order; overloaded skipped") {
  IpvsTables t;
  REQUIRE(t.add_service(service("fo"), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.11", 1), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.12", 3), 0) == IpvsError::kOk);
  DestSpec c = dest("192.0.2.13", 3);
  c.u_threshold = 1;  // overloaded as soon as it has one connection
  REQUIRE(t.add_dest(vip_key(), c, 0) == IpvsError::kOk);
  // list [.13 w3, .12 w3, .11 w1]: .13 first (strictly greater needed to replace)
  CHECK(picks(t, 3, 0) == "13,12,12");
}

TEST_CASE("ovf: highest weight until its active connections exceed the weight") {
  // list [.12 w1, .11 w2]: .11 takes connections while activeconns <= 2 (three of them),
  // then .12 while <= 1 (two), then nothing.
  IpvsTables t;
  setup(t, "ovf", {{"192.0.2.11", 2}, {"192.0.2.12", 1}});
  CHECK(picks(t, 6, 0) == "11,11,11,12,12,0");
}

TEST_CASE("overload: u_threshold sets OVERLOAD at bind, 3/4 of it clears at unbind") {
  IpvsTables t;
  REQUIRE(t.add_service(service("rr"), 0) == IpvsError::kOk);
  DestSpec a = dest("192.0.2.11");
  a.u_threshold = 2;
  REQUIRE(t.add_dest(vip_key(), a, 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.12"), 0) == IpvsError::kOk);
  // list [.12, .11]
  CHECK(picks(t, 4, 0) == "12,11,12,11");
  Dest* d11 = t.find_dest(vip_key(), ip("192.0.2.11"), 80);
  REQUIRE(d11 != nullptr);
  CHECK(d11->overload);  // 2 connections >= u_threshold 2
  CHECK(picks(t, 2, 0, 41000) == "12,12");
  // Reset one .11 connection (client port 40001): CLOSE lasts 10 s, then it expires.
  t.in_packet(tcp("203.0.113.10", 40001, kAck), 0);
  t.in_packet(tcp("203.0.113.10", 40001, kRst), 0);
  CHECK(d11->overload);  // still 2 entries
  t.advance(seconds(11));
  CHECK(d11->total_conns() == 1);
  CHECK_FALSE(d11->overload);  // 1*4 < 2*3
}

TEST_CASE("l_threshold: OVERLOAD stays until the total drops below it") {
  IpvsTables t;
  REQUIRE(t.add_service(service("wlc"), 0) == IpvsError::kOk);
  DestSpec a = dest("192.0.2.11");
  a.u_threshold = 2;
  a.l_threshold = 1;
  REQUIRE(t.add_dest(vip_key(), a, 0) == IpvsError::kOk);
  CHECK(picks(t, 3, 0) == "11,11,0");
  Dest* d = t.find_dest(vip_key(), ip("192.0.2.11"), 80);
  t.in_packet(tcp("203.0.113.10", 40000, kAck), 0);
  t.in_packet(tcp("203.0.113.10", 40000, kRst), 0);
  t.advance(seconds(11));
  CHECK(d->total_conns() == 1);
  CHECK(d->overload);  // 1 is not < l_threshold 1
}
