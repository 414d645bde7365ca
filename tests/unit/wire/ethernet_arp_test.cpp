#include <doctest/doctest.h>

#include <vector>

#include "sim/wire/arp.hpp"
#include "sim/wire/ethernet.hpp"
#include "vectors.hpp"

using namespace lvs::wire;
using lvs::Ipv4Addr;
using lvs::MacAddr;
using wiretest::bytes;
using wiretest::from_hex;
using wiretest::mut;

TEST_CASE("Ethernet parse of a known frame") {
  const auto frame = from_hex(wiretest::kArpRequestFrame);
  const auto eth = parse_ethernet(bytes(frame));
  REQUIRE(eth);
  CHECK(eth->dst == MacAddr::broadcast());
  CHECK(eth->src == *MacAddr::parse("02:00:00:00:01:01"));
  CHECK(eth->ethertype == kEtherTypeArp);
  CHECK(ethernet_payload(bytes(frame)).size() == kArpLen);
}

TEST_CASE("Ethernet emit/parse round trip and truncation") {
  EthernetRepr repr{*MacAddr::parse("02:00:00:00:02:11"), *MacAddr::parse("02:00:00:00:01:01"), kEtherTypeIpv4};
  std::vector<std::uint8_t> buf(kEthHeaderLen, 0xee);
  emit_ethernet(repr, mut(buf));
  CHECK(buf == from_hex("020000000211020000000101"
                        "0800"));
  const auto back = parse_ethernet(bytes(buf));
  REQUIRE(back);
  CHECK(*back == repr);
  for (std::size_t n = 0; n < kEthHeaderLen; ++n) CHECK(!parse_ethernet(bytes(buf).first(n)));
}

TEST_CASE("ARP request: known bytes parse, emit reproduces them") {
  const auto frame = from_hex(wiretest::kArpRequestFrame);
  const auto arp = parse_arp(ethernet_payload(bytes(frame)));
  REQUIRE(arp);
  CHECK(arp->op == kArpRequest);
  CHECK(arp->sender_mac == *MacAddr::parse("02:00:00:00:01:01"));
  CHECK(arp->sender_ip == Ipv4Addr(192, 168, 10, 1));
  CHECK(arp->target_mac == MacAddr::zero());
  CHECK(arp->target_ip == Ipv4Addr(192, 168, 10, 10));

  std::vector<std::uint8_t> out(kArpLen);
  emit_arp(*arp, mut(out));
  CHECK(std::vector<std::uint8_t>(frame.begin() + 14, frame.end()) == out);
}

TEST_CASE("ARP reply round trip, trailing padding ignored") {
  ArpRepr repr{kArpReply, *MacAddr::parse("02:00:00:00:02:11"), Ipv4Addr(192, 168, 10, 10),
               *MacAddr::parse("02:00:00:00:01:01"), Ipv4Addr(192, 168, 10, 1)};
  std::vector<std::uint8_t> buf(46, 0);  // padded to the Ethernet minimum payload
  emit_arp(repr, mut(buf));
  const auto back = parse_arp(bytes(buf));
  REQUIRE(back);
  CHECK(*back == repr);
}

TEST_CASE("ARP rejects truncation and foreign hardware/protocol types") {
  const auto frame = from_hex(wiretest::kArpRequestFrame);
  const auto payload = ethernet_payload(bytes(frame));
  for (std::size_t n = 0; n < kArpLen; ++n) CHECK(!parse_arp(payload.first(n)));
  auto bad = std::vector<std::uint8_t>(payload.begin(), payload.end());
  struct Patch {
    std::size_t off;
    std::uint8_t value;
  };
  for (Patch p : {Patch{1, 6}, Patch{2, 0x86}, Patch{4, 8}, Patch{5, 16}, Patch{7, 3}, Patch{7, 0}}) {
    auto b = bad;
    b[p.off] = p.value;
    CHECK_MESSAGE(!parse_arp(bytes(b)), "offset " << p.off);
  }
}
