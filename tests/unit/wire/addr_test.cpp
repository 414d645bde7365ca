#include <doctest/doctest.h>

#include "sim/wire/addr.hpp"

using lvs::Ipv4Addr;
using lvs::Ipv4Prefix;
using lvs::MacAddr;

TEST_CASE("Ipv4Addr parses dotted quads and formats them back") {
  const auto a = Ipv4Addr::parse("192.168.10.100");
  REQUIRE(a);
  CHECK(a->value == 0xc0a80a64u);
  CHECK(a->str() == "192.168.10.100");
  CHECK(Ipv4Addr::parse("0.0.0.0")->is_unspecified());
  CHECK(Ipv4Addr::parse("255.255.255.255")->is_broadcast());
  CHECK(Ipv4Addr::parse("127.0.0.1")->is_loopback());
  CHECK(Ipv4Addr::parse("224.0.0.251")->is_multicast());
}

TEST_CASE("Ipv4Addr rejects bad text") {
  for (const char* bad : {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4 ", " 1.2.3.4", "1..2.3", "a.b.c.d",
                          "1.2.3.4/24", "1.2.3.", "0001.2.3.4"})
    CHECK_MESSAGE(!Ipv4Addr::parse(bad), bad);
}

TEST_CASE("Ipv4Prefix parses /len, /netmask and bare addresses") {
  auto p = Ipv4Prefix::parse("192.168.10.1/24");
  REQUIRE(p);
  CHECK(p->len == 24);
  CHECK(p->network() == Ipv4Addr(192, 168, 10, 0));
  CHECK(p->broadcast() == Ipv4Addr(192, 168, 10, 255));
  CHECK(p->contains(Ipv4Addr(192, 168, 10, 77)));
  CHECK_FALSE(p->contains(Ipv4Addr(192, 168, 11, 1)));
  CHECK(p->str() == "192.168.10.1/24");

  auto m = Ipv4Prefix::parse("10.1.2.3/255.255.255.0");
  REQUIRE(m);
  CHECK(m->len == 24);
  CHECK(m->addr == Ipv4Addr(10, 1, 2, 3));
  CHECK(Ipv4Prefix::parse("10.0.0.0/255.255.240.0")->len == 20);
  CHECK(Ipv4Prefix::parse("10.0.0.0/0.0.0.0")->len == 0);

  auto bare = Ipv4Prefix::parse("10.0.0.5");
  REQUIRE(bare);
  CHECK(bare->len == 32);
  CHECK(Ipv4Prefix::parse("0.0.0.0/0")->contains(Ipv4Addr(8, 8, 8, 8)));
}

TEST_CASE("Ipv4Prefix rejects bad input") {
  for (const char* bad : {"10.0.0.0/33", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/255.0.255.0", "10.0.0.0/2x", "10.0.0/8",
                          "10.0.0.0/255.255.255", "10.0.0.0/123"})
    CHECK_MESSAGE(!Ipv4Prefix::parse(bad), bad);
  CHECK(!lvs::netmask_to_prefix(Ipv4Addr(255, 255, 0, 255)));
  CHECK(lvs::netmask_to_prefix(Ipv4Addr(255, 255, 255, 255)) == 32);
}

TEST_CASE("MacAddr parses and formats") {
  auto m = MacAddr::parse("02:00:00:00:02:1A");
  REQUIRE(m);
  CHECK(m->str() == "02:00:00:00:02:1a");
  CHECK(m->as_u64() == 0x02000000021aull);
  CHECK_FALSE(m->is_multicast());
  CHECK(MacAddr::broadcast().is_broadcast());
  CHECK(MacAddr::broadcast().is_multicast());
  for (const char* bad : {"", "02:00:00:00:02", "02:00:00:00:02:1g", "02-00-00-00-02-11", "02:00:00:00:02:111"})
    CHECK_MESSAGE(!MacAddr::parse(bad), bad);
}
