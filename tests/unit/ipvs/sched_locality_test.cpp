// lblc and lblcr: the per-destination-IP cache and its 60-second garbage collection.
#include "ipvs_fixture.hpp"

using namespace lvs;
using namespace lvs::ipvs;
using namespace lvs::ipvs::test;

TEST_CASE("lblc: cached dest until it is 'overloaded', then wlc picks and replaces") {
  // list [.12, .11], weight 1. 1: no entry -> wlc -> .12 (cached for 192.0.2.100).
  // 2: .12 active 1 > 1? no -> .12.  3: .12 active 2 > 1 and .11 has 0*2 < 1 -> wlc -> .11,
  // entry replaced.  4: .11 (1 > 1 no).  5: .11 active 2 > 1 but .12: 2*2 < 1? no -> .11.
  IpvsTables t;
  REQUIRE(t.add_service(service("lblc"), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.11"), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.12"), 0) == IpvsError::kOk);
  CHECK(picks(t, 5, 0) == "12,12,11,11,11");
  Dest* d11 = t.find_dest(vip_key(), ip("192.0.2.11"), 80);
  Dest* d12 = t.find_dest(vip_key(), ip("192.0.2.12"), 80);
  CHECK(d11->refcnt == 3 + 1);  // three connections + the cache entry
  CHECK(d12->refcnt == 2);      // its cache entry was replaced
}

TEST_CASE("lblc: entries unused for 24 h go at the 30-minute full check") {
  IpvsTables t;
  REQUIRE(t.add_service(service("lblc"), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.11"), 0) == IpvsError::kOk);
  CHECK(syn_to(t, "203.0.113.10", 1, 0) == 11);
  Dest* d = t.find_dest(vip_key(), ip("192.0.2.11"), 80);
  CHECK(d->refcnt == 2);
  t.advance(seconds(120));  // the SYN_RECV connection expired after 60 s
  CHECK(d->refcnt == 1);
  // Full checks run every 30 timer ticks of 60 s (t = 1800, 3600, ...); the one at
  // t = 86400 = lastuse + 24 h removes the entry (time_before(now, lastuse + exp) fails).
  t.advance(seconds(24 * 3600) - 1);
  CHECK(d->refcnt == 1);
  t.advance(seconds(24 * 3600));
  CHECK(d->refcnt == 0);
}

TEST_CASE("lblcr: the set grows with wlc picks and serves its least loaded member") {
  // 1: -> .12 (set {.12}). 2: .12 (active 1). 3: .12 overloaded -> wlc -> .11, set {.11,.12}.
  // 4: set min: .11 (256) vs .12 (512) -> .11.  5: .11 512 vs .12 512 -> first member .11;
  // .11 active 2 > 1, but nobody below half weight -> not overloaded -> .11.
  IpvsTables t;
  REQUIRE(t.add_service(service("lblcr"), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.11"), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.12"), 0) == IpvsError::kOk);
  CHECK(picks(t, 5, 0) == "12,12,11,11,11");
  Dest* d12 = t.find_dest(vip_key(), ip("192.0.2.12"), 80);
  CHECK(d12->refcnt == 2 + 1);  // still a member of the set
}
