// The neighbour cache as driven by a host: queueing while INCOMPLETE, ageing,
// re-confirmation through DELAY/PROBE, failure.
#include <doctest/doctest.h>

#include "sim/wire/arp.hpp"
#include "sim/wire/ethernet.hpp"
#include "sim/wire/icmp.hpp"
#include "tests/unit/net/net_fixture.hpp"

namespace lvs::test {
namespace {

struct Pair : NetFixture {
  Host& a = host("a", "client");
  Host& b = host("b", "server");
  Segment& lan = segment("lan");
  Pair() {
    eth(a, "eth0", lan);
    eth(b, "eth0", lan);
    addr(a, "eth0", "10.0.0.1/24");
    addr(b, "eth0", "10.0.0.2/24");
  }
  // States the entry of `h` for `ip_text` went through, in order.
  std::vector<NeighState> history(const Host& h, const char* ip_text) {
    std::vector<NeighState> out;
    for (const auto& [t, n] : records<NeighChange>())
      if (n.host == h.id() && n.ip == ip(ip_text)) out.push_back(n.to);
    return out;
  }
  // ARP requests `h` put on the wire, with their Ethernet destination.
  std::vector<MacAddr> arp_requests_from(const Host& h) {
    std::vector<MacAddr> out;
    for (const auto& [t, tx] : records<FrameTx>()) {
      if (tx.host != h.id()) continue;
      const wire::Bytes frame = world.trace().frame(tx.frame);
      const auto eth = wire::parse_ethernet(frame);
      if (!eth || eth->ethertype != wire::kEtherTypeArp) continue;
      const auto arp = wire::parse_arp(wire::ethernet_payload(frame));
      if (arp && arp->op == wire::kArpRequest) out.push_back(eth->dst);
    }
    return out;
  }
};

}  // namespace

TEST_CASE("INCOMPLETE queues packets and flushes them all when the reply comes") {
  Pair w;
  PingRecorder ping(w.a);
  for (std::uint16_t seq = 1; seq <= 3; ++seq) REQUIRE(w.a.send_echo_request(ip("10.0.0.2"), 9, seq));
  const NeighEntry* e = NetFixture::neigh(w.a, "eth0", "10.0.0.2");
  REQUIRE(e != nullptr);
  CHECK(e->state == NeighState::kIncomplete);
  CHECK(e->queue.size() == 3);
  w.run_for(10 * kMillisecond);
  CHECK(w.arp_requests_from(w.a).size() == 1);
  REQUIRE(ping.replies.size() == 3);
  for (std::uint16_t i = 0; i < 3; ++i) {
    CHECK(ping.replies[i].seq == i + 1);
    CHECK(ping.replies[i].from == ip("10.0.0.2"));
  }
  CHECK(e->queue.empty());
  CHECK(w.history(w.a, "10.0.0.2") == std::vector<NeighState>{NeighState::kIncomplete, NeighState::kReachable});
}

TEST_CASE("unanswered resolution: 3 broadcast probes a second apart, then FAILED; queued packets dropped") {
  Pair w;
  PingRecorder ping(w.a);
  REQUIRE(w.a.send_echo_request(ip("10.0.0.99"), 9, 1));
  REQUIRE(w.a.send_echo_request(ip("10.0.0.99"), 9, 2));
  w.run_for(2900 * kMillisecond);
  CHECK(w.neigh_state(w.a, "eth0", "10.0.0.99") == NeighState::kIncomplete);
  w.run_for(200 * kMillisecond);
  CHECK(w.neigh_state(w.a, "eth0", "10.0.0.99") == NeighState::kFailed);
  const auto probes = w.arp_requests_from(w.a);
  CHECK(probes.size() == 3);
  for (const auto& dst : probes) CHECK(dst.is_broadcast());
  CHECK(w.drops(w.a, DropReason::kNeighbourFailed) == 2);
  // Each dropped packet is reported to its sender - ourselves - as host unreachable,
  // which is what ping prints as "Destination Host Unreachable".
  w.run_for(kMillisecond);
  REQUIRE(ping.errors.size() == 2);
  CHECK(ping.errors[0].type == wire::kIcmpDestUnreachable);
  CHECK(ping.errors[0].code == wire::kIcmpHostUnreachable);
  CHECK(ping.errors[0].orig_dst == ip("10.0.0.99"));
}

TEST_CASE("REACHABLE ages to STALE after reachable_time (base 30 s, randomised 0.5..1.5)") {
  Pair w;
  REQUIRE(w.a.send_echo_request(ip("10.0.0.2"), 1, 1));
  w.run_for(10 * kMillisecond);
  REQUIRE(w.neigh_state(w.a, "eth0", "10.0.0.2") == NeighState::kReachable);
  const SimTime reachable = w.a.neighbours().reachable_time(NetFixture::dev(w.a, "eth0"));
  CHECK(reachable >= 15 * kSecond);
  CHECK(reachable < 45 * kSecond);
  w.run_until(reachable - kSecond);
  CHECK(w.neigh_state(w.a, "eth0", "10.0.0.2") == NeighState::kReachable);
  w.run_until(reachable + 2 * kSecond);
  CHECK(w.neigh_state(w.a, "eth0", "10.0.0.2") == NeighState::kStale);
  // No probe was needed for that: ageing is silent.
  CHECK(w.arp_requests_from(w.a).size() == 1);
}

TEST_CASE("STALE -> DELAY -> PROBE (unicast) -> REACHABLE when used again") {
  Pair w;
  REQUIRE(w.a.send_echo_request(ip("10.0.0.2"), 1, 1));
  w.run_until(60 * kSecond);
  REQUIRE(w.neigh_state(w.a, "eth0", "10.0.0.2") == NeighState::kStale);
  REQUIRE(w.a.send_echo_request(ip("10.0.0.2"), 1, 2));  // goes out at once, entry -> DELAY
  CHECK(w.neigh_state(w.a, "eth0", "10.0.0.2") == NeighState::kDelay);
  w.run_for(4 * kSecond);
  CHECK(w.neigh_state(w.a, "eth0", "10.0.0.2") == NeighState::kDelay);
  w.run_for(2 * kSecond);  // delay_first_probe_time (5 s) passed without confirmation
  CHECK(w.neigh_state(w.a, "eth0", "10.0.0.2") == NeighState::kReachable);
  const auto h = w.history(w.a, "10.0.0.2");
  const std::vector<NeighState> expected = {NeighState::kIncomplete, NeighState::kReachable, NeighState::kStale,
                                            NeighState::kDelay,      NeighState::kProbe,     NeighState::kReachable};
  CHECK(h == expected);
  const auto requests = w.arp_requests_from(w.a);
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].is_broadcast());
  CHECK(requests[1] == NetFixture::mac(w.b, "eth0"));  // the re-confirmation is unicast
}

TEST_CASE("PROBE ends FAILED when the neighbour has gone (ucast_solicit unicast probes)") {
  Pair w;
  REQUIRE(w.a.send_echo_request(ip("10.0.0.2"), 1, 1));
  w.run_until(60 * kSecond);
  w.b.set_powered(false);
  REQUIRE(w.a.send_echo_request(ip("10.0.0.2"), 1, 2));
  w.run_for(5 * kSecond + 500 * kMillisecond);
  CHECK(w.neigh_state(w.a, "eth0", "10.0.0.2") == NeighState::kProbe);
  w.run_for(3 * kSecond);
  CHECK(w.neigh_state(w.a, "eth0", "10.0.0.2") == NeighState::kFailed);
  const auto requests = w.arp_requests_from(w.a);
  REQUIRE(requests.size() == 4);  // 1 initial broadcast + 3 unicast probes
  for (std::size_t i = 1; i < 4; ++i) CHECK(requests[i] == NetFixture::mac(w.b, "eth0"));
  CHECK(w.drops(w.b, DropReason::kHostDown) >= 3);
}

TEST_CASE("ip neigh show lists entries as iproute2 does") {
  Pair w;
  REQUIRE(w.a.send_echo_request(ip("10.0.0.2"), 1, 1));
  REQUIRE(w.a.send_echo_request(ip("10.0.0.77"), 1, 1));
  w.run_for(10 * kMillisecond);
  const auto lines = w.a.show_neighbours();
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "10.0.0.2 dev eth0 lladdr 02:00:00:00:02:01 REACHABLE");
  CHECK(lines[1] == "10.0.0.77 dev eth0 INCOMPLETE");
}

TEST_CASE("probe counts at the kernel's INT_MAX: the sum wraps as neigh_max_probes()'s int does") {
  // ucast 3 + app INT_MAX + mcast INT_MAX = 2^32 + 1, which an int holds as 1: the
  // INCOMPLETE entry (probes start at ucast_solicit = 3) fails at its first timer.
  Pair w;
  NetFixture::sysctl(w.a, "net.ipv4.neigh.eth0.app_solicit", "2147483647");
  NetFixture::sysctl(w.a, "net.ipv4.neigh.eth0.mcast_solicit", "2147483647");
  REQUIRE(w.a.send_echo_request(ip("10.0.0.99"), 9, 1));
  w.run_for(900 * kMillisecond);
  CHECK(w.neigh_state(w.a, "eth0", "10.0.0.99") == NeighState::kIncomplete);
  w.run_for(200 * kMillisecond);
  CHECK(w.neigh_state(w.a, "eth0", "10.0.0.99") == NeighState::kFailed);
  CHECK(w.arp_requests_from(w.a).size() == 1);
}

TEST_CASE("probe counts at the kernel's INT_MAX: the probe counter wraps as the kernel's atomic_t does") {
  // INCOMPLETE starts the count at ucast_solicit = INT_MAX; the first probe takes it to
  // INT_MIN (it was a signed overflow). The maximum INT_MAX + 0 + 3 wraps to INT_MIN + 2,
  // so two more probes, a second apart, reach it.
  Pair w;
  NetFixture::sysctl(w.a, "net.ipv4.neigh.eth0.ucast_solicit", "2147483647");
  REQUIRE(w.a.send_echo_request(ip("10.0.0.99"), 9, 1));
  const NeighEntry* e = NetFixture::neigh(w.a, "eth0", "10.0.0.99");
  REQUIRE(e != nullptr);
  CHECK(e->probes == INT32_MIN);
  w.run_for(2500 * kMillisecond);
  CHECK(w.neigh_state(w.a, "eth0", "10.0.0.99") == NeighState::kIncomplete);
  CHECK(e->probes == INT32_MIN + 2);
  w.run_for(kSecond);
  CHECK(w.neigh_state(w.a, "eth0", "10.0.0.99") == NeighState::kFailed);
  const auto requests = w.arp_requests_from(w.a);
  CHECK(requests.size() == 3);
  for (const auto& dst : requests) CHECK(dst.is_broadcast());  // arp_solicit: INT_MIN - INT_MAX wraps to 1
}

}  // namespace lvs::test
