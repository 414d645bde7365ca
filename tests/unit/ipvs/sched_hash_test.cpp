// sh, dh, mh: bucket choices worked out by hand from the kernel's hash functions.
// hash_32(v, 8) = (v * 0x61C88647) >> 24; e.g. 203.0.113.10 = 0xCB00710A -> 162,
// 203.0.113.11 -> 3, 192.0.2.100 -> 3, 203.0.113.10 + port 40000 -> 70, + 40001 -> 167.
#include "ipvs_fixture.hpp"
#include "sim/ipvs/hash.hpp"

using namespace lvs;
using namespace lvs::ipvs;
using namespace lvs::ipvs::test;

TEST_CASE("kernel hash functions match independently computed values") {
  CHECK(khash::hash_32(0xCB00710Au, 8) == 162);
  CHECK(khash::hash_32(0xC0000264u, 8) == 3);
  CHECK(khash::jhash_3words(1, 2, 3, 0) == 0xa46158f5u);
  // SipHash-1-3 (hsiphash on 64-bit) of the u32 0xCB00710A with mh's first key.
  CHECK(khash::hsiphash_u32(0xCB00710Au, {2654435761ull, 2654435761ull}) == 0x847ad0c2u);
  CHECK(khash::hsiphash_u32(12345u, {2654446892ull, 2654446892ull}) == 0xe2a4e3fcu);
}

TEST_CASE("sh: the client address picks a bucket; buckets alternate over the list") {
  IpvsTables t;
  REQUIRE(t.add_service(service("sh"), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.11"), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.12"), 0) == IpvsError::kOk);
  // list [.12, .11], weight 1 each: even buckets .12, odd buckets .11.
  for (std::uint16_t port = 1000; port < 1010; ++port) {
    CHECK(syn_to(t, "203.0.113.10", port, 0) == 12);  // bucket 162
    CHECK(syn_to(t, "203.0.113.11", port, 0) == 11);  // bucket 3
  }
}

TEST_CASE("sh: weight 0 dest -> no destination; sh-fallback walks to the next bucket") {
  IpvsTables t;
  REQUIRE(t.add_service(service("sh"), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.11"), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.12"), 0) == IpvsError::kOk);
  REQUIRE(t.edit_dest(vip_key(), dest("192.0.2.12", 0), 0) == IpvsError::kOk);
  CHECK(syn_to(t, "203.0.113.10", 1000, 0) == 0);
  ServiceSpec s = service("sh");
  s.sched_flags = "sh-fallback";
  REQUIRE(t.edit_service(s, 0) == IpvsError::kOk);
  // offset 0: bucket (162 + 162) & 255 = 68 (.12, weight 0); offset 1: 69 -> .11
  CHECK(syn_to(t, "203.0.113.10", 1001, 0) == 11);
}

TEST_CASE("sh: sh-port adds the client port to the hash") {
  IpvsTables t;
  ServiceSpec s = service("sh");
  s.sched_flags = "sh-port";
  REQUIRE(t.add_service(s, 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.11"), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.12"), 0) == IpvsError::kOk);
  CHECK(syn_to(t, "203.0.113.10", 40000, 0) == 12);  // bucket 70
  CHECK(syn_to(t, "203.0.113.10", 40001, 0) == 11);  // bucket 167
}

TEST_CASE("sh: weights give consecutive buckets") {
  IpvsTables t;
  REQUIRE(t.add_service(service("sh"), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.11", 1), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.12", 3), 0) == IpvsError::kOk);
  // list [.12 w3, .11 w1]: buckets 0,1,2 -> .12, 3 -> .11, 4..6 -> .12, 7 -> .11, ...
  // 203.0.113.11 -> bucket 3 -> .11; 203.0.113.10 -> bucket 162 (162 % 4 = 2) -> .12
  CHECK(syn_to(t, "203.0.113.11", 1, 0) == 11);
  CHECK(syn_to(t, "203.0.113.10", 1, 0) == 12);
}

TEST_CASE("dh: the virtual address picks the bucket (bucket 3 for 192.0.2.100)") {
  IpvsTables t;
  REQUIRE(t.add_service(service("dh"), 0) == IpvsError::kOk);
  for (const char* a : {"192.0.2.11", "192.0.2.12", "192.0.2.13"})
    REQUIRE(t.add_dest(vip_key(), dest(a), 0) == IpvsError::kOk);
  // list [.13, .12, .11]: bucket i -> list[i % 3]; bucket 3 -> .13 for every client.
  CHECK(syn_to(t, "203.0.113.10", 1, 0) == 13);
  CHECK(syn_to(t, "198.51.100.7", 2, 0) == 13);
  REQUIRE(t.del_dest(vip_key(), ip("192.0.2.13"), 80, 0) == IpvsError::kOk);
  // list [.12, .11]: bucket 3 -> .11
  CHECK(syn_to(t, "203.0.113.10", 3, 0) == 11);
}

TEST_CASE("mh: consistent per client, slots in proportion to weight, quiesced keeps slots") {
  IpvsTables t;
  REQUIRE(t.add_service(service("mh"), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.11", 1), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.12", 3), 0) == IpvsError::kOk);
  // 4093 slots, rounds of 3 (.12) + 1 (.11): .12 owns 3070 slots, .11 1023.
  int n12 = 0, n = 0;
  std::string first[4];
  for (int c = 1; c < 255; ++c)
    for (int d = 1; d < 9; ++d) {
      const std::string client = "198.51." + std::to_string(d) + "." + std::to_string(c);
      const int got = syn_to(t, client.c_str(), 1000, 0);
      REQUIRE((got == 11 || got == 12));
      CHECK(syn_to(t, client.c_str(), 1001, 0) == got);  // same client, same dest
      n12 += got == 12;
      ++n;
    }
  const double share = static_cast<double>(n12) / n;
  CHECK(share > 0.70);
  CHECK(share < 0.80);

  // Weight 0 keeps last_weight, so .11 keeps its slots and its clients get nothing.
  int client_of_11 = -1;
  for (int c = 1; c < 255 && client_of_11 < 0; ++c) {
    const std::string client = "198.51.100." + std::to_string(c);
    if (syn_to(t, client.c_str(), 2000, 0) == 11) client_of_11 = c;
  }
  REQUIRE(client_of_11 > 0);
  REQUIRE(t.edit_dest(vip_key(), dest("192.0.2.11", 0), 0) == IpvsError::kOk);
  const std::string client = "198.51.100." + std::to_string(client_of_11);
  CHECK(syn_to(t, client.c_str(), 2001, 0) == 0);
  ServiceSpec s = service("mh");
  s.sched_flags = "mh-fallback";
  REQUIRE(t.edit_service(s, 0) == IpvsError::kOk);
  CHECK(syn_to(t, client.c_str(), 2002, 0) == 12);
}
