// rr and wrr replayed against sequences derived by hand from ip_vs_rr.c / ip_vs_wrr.c.
// Dests are linked at the head of svc->destinations (list_add_rcu in
// __ip_vs_update_dest), so adding .11, .12, .13 gives the list [.13, .12, .11].
#include "ipvs_fixture.hpp"

using namespace lvs;
using namespace lvs::ipvs;
using namespace lvs::ipvs::test;

TEST_CASE("rr: kernel list order is newest first and rr starts at the list head") {
  IpvsTables t;
  REQUIRE(t.add_service(service("rr"), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.11"), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.12"), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.13"), 0) == IpvsError::kOk);
  const Snapshot snap = t.snapshot(0);
  REQUIRE(snap.services.size() == 1);
  REQUIRE(snap.services[0].dests.size() == 3);
  CHECK(snap.services[0].dests[0].addr == ip("192.0.2.13"));
  CHECK(snap.services[0].dests[2].addr == ip("192.0.2.11"));
  // Cursor starts at the head: .13, .12, .11, then around again.
  CHECK(picks(t, 6, 0) == "13,12,11,13,12,11");
}

TEST_CASE("rr: weight 0 is quiesced, deleting the cursor dest moves it back") {
  IpvsTables t;
  REQUIRE(t.add_service(service("rr"), 0) == IpvsError::kOk);
  for (const char* a : {"192.0.2.11", "192.0.2.12", "192.0.2.13"})
    REQUIRE(t.add_dest(vip_key(), dest(a), 0) == IpvsError::kOk);
  REQUIRE(t.edit_dest(vip_key(), dest("192.0.2.12", 0), 0) == IpvsError::kOk);
  CHECK(picks(t, 4, 0, 1000) == "13,11,13,11");

  REQUIRE(t.edit_dest(vip_key(), dest("192.0.2.12", 1), 0) == IpvsError::kOk);
  // cursor is on .11 (last pick): next is .13 (wrap), then .12
  CHECK(picks(t, 2, 0, 2000) == "13,12");
  // delete .12 (the cursor): ip_vs_rr_del_dest() moves the cursor to .13, so .11 is next
  REQUIRE(t.del_dest(vip_key(), ip("192.0.2.12"), 80, 0) == IpvsError::kOk);
  CHECK(picks(t, 3, 0, 3000) == "11,13,11");
}

TEST_CASE("rr: all weights 0 -> no destination available") {
  IpvsTables t;
  REQUIRE(t.add_service(service("rr"), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.11", 0), 0) == IpvsError::kOk);
  const InResult r = t.in_packet(tcp("203.0.113.10", 5000, kSyn), 0);
  CHECK(r.verdict == InVerdict::kNoDest);
}

TEST_CASE("wrr: weights 3,2,1 give the kernel's gcd/max-weight stepping order") {
  // Added A=.11 (w3), B=.12 (w2), C=.13 (w1): list [C, B, A]. ip_vs_wrr_dest_changed() on
  // each add: A alone: di 3, mw 1, cw 0 -> 1. +B: di 1, mw 3, cw stays 1 (<= mw, di 1).
  // +C: unchanged. So the walk starts with cw = 1:
  // 1..3: cw=1: C, B, A.  4: end -> cw 0 -> restart at mw=3: C(1) B(2) no, A -> A.
  // 5: end -> cw=2: C no, B -> B.  6: A.  7: end -> cw=1 (last pass): C, then B, A ...
  IpvsTables t;
  REQUIRE(t.add_service(service("wrr"), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.11", 3), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.12", 2), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.13", 1), 0) == IpvsError::kOk);
  CHECK(picks(t, 12, 0) == "13,12,11,11,12,11,13,12,11,11,12,11");
}

TEST_CASE("wrr: gcd step with weights 4 and 2") {
  // A=.11 (w4), B=.12 (w2): list [B, A]. A alone: di 4, mw 1, cw 1. +B: di 2,
  // mw = 4 - (2 - 1) = 3, cw = (1 / 2) * 2 + 1 = 1.
  // 1: cw=1: B.  2: A.  3: end -> cw -1 -> restart at 3: B(2) no, A -> A.
  // 4: end -> cw 1 (last pass): B.  5: A.  6: restart: A.  So B,A,A,B,A,A.
  IpvsTables t;
  REQUIRE(t.add_service(service("wrr"), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.11", 4), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.12", 2), 0) == IpvsError::kOk);
  CHECK(picks(t, 6, 0) == "12,11,11,12,11,11");
}

TEST_CASE("wrr: -E from rr re-initialises; weight change via -e resets the walk") {
  IpvsTables t;
  REQUIRE(t.add_service(service("rr"), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.11", 1, FwdMethod::kMasq), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.12", 1, FwdMethod::kMasq), 0) == IpvsError::kOk);
  CHECK(picks(t, 2, 0) == "12,11");
  REQUIRE(t.edit_service(service("wrr"), 0) == IpvsError::kOk);
  REQUIRE(t.edit_dest(vip_key(), dest("192.0.2.11", 2, FwdMethod::kMasq), 0) == IpvsError::kOk);
  // wrr was bound with both weights 1 (mw = cw = 1); the weight change keeps cw = 1
  // (cw <= mw, di = 1) and sets mw = 2. list [.12 (w1), .11 (w2)]:
  // cw=1: .12, .11; end -> cw 0 -> restart at 2: .11; end -> cw=1: .12, .11; restart: .11
  CHECK(picks(t, 6, 0, 5000) == "12,11,11,12,11,11");
}

TEST_CASE("wrr: bound after the dests were added starts at the max weight") {
  // rr first, then -E -s wrr: ip_vs_wrr_init_svc() over [C w1, B w2, A w3]: cw = mw = 3.
  // A; cw=2: B, A; cw=1: C, B, A; restart: A ...
  IpvsTables t;
  REQUIRE(t.add_service(service("rr"), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.11", 3), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.12", 2), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.13", 1), 0) == IpvsError::kOk);
  REQUIRE(t.edit_service(service("wrr"), 0) == IpvsError::kOk);
  CHECK(picks(t, 7, 0) == "11,12,11,13,12,11,11");
}

TEST_CASE("wrr: all dests weight 0 -> no destination") {
  IpvsTables t;
  REQUIRE(t.add_service(service("wrr"), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.11", 0), 0) == IpvsError::kOk);
  CHECK(syn_to(t, "203.0.113.10", 1, 0) == 0);
}
