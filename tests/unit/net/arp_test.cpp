// ARP behaviour of a host (net/ipv4/arp.c): arp_ignore, arp_announce, arp_filter,
// learning, locktime, gratuitous ARP.
#include <doctest/doctest.h>

#include "sim/net/udp.hpp"
#include "tests/unit/net/net_fixture.hpp"

namespace lvs::test {
namespace {

enum class Target { kIncoming, kOtherIface, kLoGlobal, kLoHost };

const char* target_name(Target t) {
  switch (t) {
    case Target::kIncoming: return "on incoming iface";
    case Target::kOtherIface: return "on another iface";
    case Target::kLoGlobal: return "on lo scope global";
    case Target::kLoHost: return "on lo scope host";
  }
  return "?";
}

// asker (eth0 10.0.0.1/24 or 192.168.5.1/24) --- lan --- responder eth0 10.0.0.2/24
//                                                         eth1 10.1.0.2/24 (lan2)
//                                                         lo   10.0.0.100/32 global, 10.0.0.101/32 host
struct ArpWorld : NetFixture {
  Host& asker = host("asker", "client");
  Host& responder = host("responder", "realserver");
  Segment& lan = segment("lan");
  Segment& lan2 = segment("lan2");

  explicit ArpWorld(bool sender_in_subnet) {
    eth(asker, "eth0", lan);
    eth(responder, "eth0", lan);
    eth(responder, "eth1", lan2);
    if (sender_in_subnet) {
      addr(asker, "eth0", "10.0.0.1/24");
    } else {
      addr(asker, "eth0", "192.168.5.1/24");
      route(asker, "10.0.0.0/8 dev eth0");
    }
    route(asker, "10.1.0.2/32 dev eth0");  // ask for the other interface's address on lan
    addr(responder, "eth0", "10.0.0.2/24");
    addr(responder, "eth1", "10.1.0.2/24");
    addr(responder, "lo", "10.0.0.100/32");
    addr(responder, "lo", "10.0.0.101/32", Scope::kHost);
  }

  static const char* target_ip(Target t) {
    switch (t) {
      case Target::kIncoming: return "10.0.0.2";
      case Target::kOtherIface: return "10.1.0.2";
      case Target::kLoGlobal: return "10.0.0.100";
      case Target::kLoHost: return "10.0.0.101";
    }
    return "";
  }

  // The asker pings the target; did the responder answer the ARP request?
  bool replies(Target t) {
    REQUIRE(asker.send_echo_request(ip(target_ip(t)), 1, 1));
    run_for(50 * kMillisecond);
    const NeighState s = neigh_state(asker, "eth0", target_ip(t));
    CHECK((s == NeighState::kReachable || s == NeighState::kIncomplete));
    const bool replied = s == NeighState::kReachable;
    // The responder's own account of it agrees.
    const auto decisions = records<ArpDecision>([&](const ArpDecision& d) { return d.host == responder.id(); });
    REQUIRE(decisions.size() == 1);
    CHECK((decisions[0].second.verdict == ArpVerdict::kReplied) == replied);
    return replied;
  }
};

struct IgnoreCase {
  int arp_ignore;
  Target target;
  bool sender_in_subnet;
  bool reply;
};

// ip-sysctl.rst, arp_ignore.
const IgnoreCase kIgnoreMatrix[] = {
    {0, Target::kIncoming, true, true},  {0, Target::kOtherIface, true, true},  {0, Target::kLoGlobal, true, true},
    {0, Target::kLoHost, true, true},    {0, Target::kIncoming, false, true},   {0, Target::kLoGlobal, false, true},
    {1, Target::kIncoming, true, true},  {1, Target::kOtherIface, true, false}, {1, Target::kLoGlobal, true, false},
    {1, Target::kLoHost, true, false},   {1, Target::kIncoming, false, true},   {1, Target::kLoGlobal, false, false},
    {2, Target::kIncoming, true, true},  {2, Target::kOtherIface, true, false}, {2, Target::kLoGlobal, true, false},
    {2, Target::kLoHost, true, false},   {2, Target::kIncoming, false, false},  {2, Target::kOtherIface, false, false},
    {3, Target::kIncoming, true, true},  {3, Target::kOtherIface, true, true},  {3, Target::kLoGlobal, true, true},
    {3, Target::kLoHost, true, false},   {3, Target::kIncoming, false, true},   {3, Target::kLoHost, false, false},
    {8, Target::kIncoming, true, false}, {8, Target::kOtherIface, true, false}, {8, Target::kLoGlobal, true, false},
    {8, Target::kLoHost, true, false},   {8, Target::kIncoming, false, false},
};

}  // namespace

TEST_CASE("arp_ignore matrix: reply or not, per target location and sender subnet") {
  for (const auto& c : kIgnoreMatrix) {
    CAPTURE(c.arp_ignore);
    CAPTURE(target_name(c.target));
    CAPTURE(c.sender_in_subnet);
    ArpWorld w(c.sender_in_subnet);
    NetFixture::sysctl(w.responder, "net.ipv4.conf.eth0.arp_ignore", std::to_string(c.arp_ignore));
    CHECK(w.replies(c.target) == c.reply);
  }
}

TEST_CASE("arp_ignore: the effective value is max(conf/all, conf/<dev>)") {
  struct Case {
    const char* all;
    const char* dev;
    bool reply_for_lo_vip;
  };
  // 10.0.0.100 lives on lo: any value >= 1 hides it from eth0.
  const Case cases[] = {{"0", "0", true},  {"1", "0", false}, {"0", "1", false},
                        {"2", "1", false}, {"8", "0", false}, {"0", "3", true}};
  for (const auto& c : cases) {
    CAPTURE(c.all);
    CAPTURE(c.dev);
    ArpWorld w(true);
    NetFixture::sysctl(w.responder, "net.ipv4.conf.all.arp_ignore", c.all);
    NetFixture::sysctl(w.responder, "net/ipv4/conf/eth0/arp_ignore", c.dev);
    CHECK(w.replies(Target::kLoGlobal) == c.reply_for_lo_vip);
    const auto d = w.records<ArpDecision>([&](const ArpDecision& x) { return x.host == w.responder.id(); });
    REQUIRE(d.size() == 1);
    CHECK(d[0].second.arp_ignore == std::max(std::stoi(c.all), std::stoi(c.dev)));
  }
}

TEST_CASE("arp_filter: no reply when the route back to the sender uses another interface") {
  ArpWorld w(true);
  // The responder reaches 10.0.0.1 through eth1 (a host route), so eth0 must not answer.
  NetFixture::route(w.responder, "10.0.0.1/32 dev eth1");
  NetFixture::sysctl(w.responder, "net.ipv4.conf.all.arp_filter", "1");
  CHECK_FALSE(w.replies(Target::kIncoming));
  const auto d = w.records<ArpDecision>([&](const ArpDecision& x) { return x.host == w.responder.id(); });
  REQUIRE(d.size() == 1);
  CHECK(d[0].second.verdict == ArpVerdict::kIgnoredArpFilter);
}

TEST_CASE("a request for a local address teaches the responder the sender (STALE); bystanders learn nothing") {
  NetFixture f;
  Segment& lan = f.segment("lan");
  Host& a = f.host("a");
  Host& b = f.host("b");
  Host& c = f.host("c");
  f.eth(a, "eth0", lan);
  f.eth(b, "eth0", lan);
  f.eth(c, "eth0", lan);
  f.addr(a, "eth0", "10.0.0.1/24");
  f.addr(b, "eth0", "10.0.0.2/24");
  f.addr(c, "eth0", "10.0.0.3/24");
  REQUIRE(a.send_echo_request(ip("10.0.0.2"), 7, 1));
  f.run_for(kMillisecond);
  // b learnt a from the request before any IP packet arrived (neigh_event_ns).
  const NeighEntry* learnt = NetFixture::neigh(b, "eth0", "10.0.0.1");
  REQUIRE(learnt != nullptr);
  CHECK(learnt->mac == NetFixture::mac(a, "eth0"));
  CHECK(f.neigh_state(c, "eth0", "10.0.0.1") == NeighState::kNone);
  CHECK(f.neigh_state(a, "eth0", "10.0.0.2") == NeighState::kReachable);
  const auto changes = f.records<NeighChange>([&](const NeighChange& n) { return n.host == b.id(); });
  REQUIRE(!changes.empty());
  CHECK(changes[0].second.to == NeighState::kStale);
  // c's decision: not for it.
  const auto d = f.records<ArpDecision>([&](const ArpDecision& x) { return x.host == c.id(); });
  REQUIRE(d.size() == 1);
  CHECK(d[0].second.verdict == ArpVerdict::kNotLocal);
}

namespace {

// A DR real server: eth0 10.0.0.11/24, the VIP on lo; it sends a UDP datagram from the
// VIP to the gateway (which it has not resolved yet).
struct AnnounceWorld : NetFixture {
  Host& rs = host("rs", "realserver");
  Host& gw = host("gw", "gateway");
  Segment& lan = segment("lan");
  AnnounceWorld(const char* vip, const char* announce) {
    eth(rs, "eth0", lan);
    eth(gw, "eth0", lan);
    addr(rs, "eth0", "10.0.0.11/24");
    addr(rs, "lo:0", std::string(vip) + "/32");
    addr(gw, "eth0", "10.0.0.254/24");
    sysctl(rs, "net.ipv4.conf.eth0.arp_announce", announce);
    // A socket on the gateway, so that it does not answer with port unreachable (which
    // would make it resolve the VIP itself).
    REQUIRE(gw.udp().bind(Ipv4Addr(), 53, nullptr) != nullptr);
    UdpSocket* s = rs.udp().bind(ip(vip), 5000, nullptr);
    REQUIRE(s != nullptr);
    const std::uint8_t payload[4] = {1, 2, 3, 4};
    REQUIRE(rs.udp().send_to(*s, ip("10.0.0.254"), 53, wire::Bytes(payload, 4)));
    run_for(10 * kMillisecond);
  }
  Ipv4Addr request_sender() {
    const auto d = records<ArpDecision>([&](const ArpDecision& x) { return x.host == gw.id(); });
    REQUIRE(d.size() == 1);
    CHECK(d[0].second.target_ip == ip("10.0.0.254"));
    return d[0].second.sender_ip;
  }
};

}  // namespace

TEST_CASE("arp_announce chooses the sender IP of our requests") {
  SUBCASE("0: the packet's source, the VIP on lo - and the gateway learns VIP -> real server") {
    AnnounceWorld w("10.0.0.100", "0");
    CHECK(w.request_sender() == ip("10.0.0.100"));
    const NeighEntry* poisoned = NetFixture::neigh(w.gw, "eth0", "10.0.0.100");
    REQUIRE(poisoned != nullptr);
    CHECK(poisoned->mac == NetFixture::mac(w.rs, "eth0"));
  }
  SUBCASE("1: the VIP is in the target's subnet on eth0, so it is still used") {
    AnnounceWorld w("10.0.0.100", "1");
    CHECK(w.request_sender() == ip("10.0.0.100"));
  }
  SUBCASE("1: a VIP outside every eth0 subnet is avoided") {
    AnnounceWorld w("192.168.100.100", "1");
    CHECK(w.request_sender() == ip("10.0.0.11"));
  }
  SUBCASE("2: always the primary address of eth0 for the target") {
    AnnounceWorld w("10.0.0.100", "2");
    CHECK(w.request_sender() == ip("10.0.0.11"));
    CHECK(w.neigh_state(w.gw, "eth0", "10.0.0.100") == NeighState::kNone);
    CHECK(w.neigh_state(w.gw, "eth0", "10.0.0.11") == NeighState::kStale);
  }
  SUBCASE("max(all, dev): all=2 wins over eth0=0") {
    NetFixture f;
    Host& rs = f.host("rs");
    Host& gw = f.host("gw");
    Segment& lan = f.segment("lan");
    f.eth(rs, "eth0", lan);
    f.eth(gw, "eth0", lan);
    f.addr(rs, "eth0", "10.0.0.11/24");
    f.addr(rs, "lo", "10.0.0.100/32");
    f.addr(gw, "eth0", "10.0.0.254/24");
    f.sysctl(rs, "net.ipv4.conf.all.arp_announce", "2");
    REQUIRE(gw.udp().bind(Ipv4Addr(), 53, nullptr) != nullptr);
    UdpSocket* s = rs.udp().bind(ip("10.0.0.100"), 5000, nullptr);
    REQUIRE(s != nullptr);
    REQUIRE(rs.udp().send_to(*s, ip("10.0.0.254"), 53, wire::Bytes()));
    f.run_for(10 * kMillisecond);
    CHECK(f.neigh_state(gw, "eth0", "10.0.0.100") == NeighState::kNone);
    CHECK(f.neigh_state(gw, "eth0", "10.0.0.11") == NeighState::kStale);
  }
}

namespace {

// Two hosts that both answer for 10.0.0.100 (the DR ARP problem): fast is 5 us away,
// slow 50 us.
struct TwoOwners : NetFixture {
  Host& asker = host("asker", "gateway");
  Host& fast = host("fast", "realserver");
  Host& slow = host("slow", "realserver");
  Segment& lan = segment("lan");
  TwoOwners() {
    eth(asker, "eth0", lan);
    eth(fast, "eth0", lan);
    LinkParams far;
    far.delay = 50 * kMicrosecond;
    eth(slow, "eth0", lan, far);
    addr(asker, "eth0", "10.0.0.1/24");
    addr(fast, "eth0", "10.0.0.11/24");
    addr(slow, "eth0", "10.0.0.12/24");
    addr(fast, "lo", "10.0.0.100/32");
    addr(slow, "lo", "10.0.0.100/32");
  }
};

}  // namespace

TEST_CASE("locktime: of two different replies within locktime, the first wins") {
  TwoOwners w;
  REQUIRE(w.asker.send_echo_request(ip("10.0.0.100"), 1, 1));
  w.run_for(10 * kMillisecond);
  // Both answered...
  CHECK(w.count<ArpDecision>([&](const ArpDecision& d) { return d.verdict == ArpVerdict::kReplied; }) == 2);
  // ...and the asker kept the first.
  const NeighEntry* e = NetFixture::neigh(w.asker, "eth0", "10.0.0.100");
  REQUIRE(e != nullptr);
  CHECK(e->state == NeighState::kReachable);
  CHECK(e->mac == NetFixture::mac(w.fast, "eth0"));
  CHECK(w.count<NeighChange>([&](const NeighChange& n) {
    return n.host == w.asker.id() && n.ip == ip("10.0.0.100") && n.to == NeighState::kReachable;
  }) == 1);
}

TEST_CASE("locktime 0: the later reply overrides") {
  TwoOwners w;
  NetFixture::sysctl(w.asker, "net.ipv4.neigh.eth0.locktime", "0");
  REQUIRE(w.asker.send_echo_request(ip("10.0.0.100"), 1, 1));
  w.run_for(10 * kMillisecond);
  const NeighEntry* e = NetFixture::neigh(w.asker, "eth0", "10.0.0.100");
  REQUIRE(e != nullptr);
  CHECK(e->mac == NetFixture::mac(w.slow, "eth0"));
}

TEST_CASE("gratuitous ARP updates an existing entry at once, creates one only with arp_accept") {
  NetFixture f;
  Segment& lan = f.segment("lan");
  Host& a = f.host("a");
  Host& b = f.host("b");
  Host& newcomer = f.host("newcomer");
  Host& other = f.host("other");
  f.eth(a, "eth0", lan);
  f.eth(b, "eth0", lan);
  f.eth(newcomer, "eth0", lan);
  f.eth(other, "eth0", lan);
  f.addr(a, "eth0", "10.0.0.1/24");
  f.addr(b, "eth0", "10.0.0.2/24");
  f.addr(newcomer, "eth0", "10.0.0.3/24");
  f.addr(other, "eth0", "10.0.0.4/24");
  REQUIRE(a.send_echo_request(ip("10.0.0.2"), 1, 1));
  f.run_for(5 * kMillisecond);
  REQUIRE(f.neigh_state(a, "eth0", "10.0.0.2") == NeighState::kReachable);
  REQUIRE(f.neigh(a, "eth0", "10.0.0.2")->mac == NetFixture::mac(b, "eth0"));

  SUBCASE("default arp_accept=0") {
    // The address moves to newcomer (a failover), announced within locktime.
    newcomer.send_gratuitous_arp(NetFixture::dev(newcomer, "eth0"), ip("10.0.0.2"));
    f.run_for(kMillisecond);
    const NeighEntry* e = f.neigh(a, "eth0", "10.0.0.2");
    CHECK(e->mac == NetFixture::mac(newcomer, "eth0"));
    CHECK(e->state == NeighState::kStale);
    CHECK(f.neigh_state(other, "eth0", "10.0.0.2") == NeighState::kNone);
    const auto d = f.records<ArpDecision>([&](const ArpDecision& x) { return x.host == other.id(); });
    REQUIRE(!d.empty());
    CHECK(d.back().second.verdict == ArpVerdict::kAnnounce);
  }
  SUBCASE("arp_accept=1 creates the entry") {
    NetFixture::sysctl(other, "net.ipv4.conf.all.arp_accept", "1");
    newcomer.send_gratuitous_arp(NetFixture::dev(newcomer, "eth0"), ip("10.0.0.2"));
    f.run_for(kMillisecond);
    CHECK(f.neigh_state(other, "eth0", "10.0.0.2") == NeighState::kStale);
  }
}

TEST_CASE("a request that claims one of our addresses fails source validation") {
  NetFixture f;
  Segment& lan = f.segment("lan");
  Host& a = f.host("a");
  Host& b = f.host("b");
  f.eth(a, "eth0", lan);
  f.eth(b, "eth0", lan);
  f.addr(a, "eth0", "10.0.0.1/24");
  f.addr(b, "eth0", "10.0.0.2/24");
  f.addr(b, "lo", "10.0.0.1/32");  // b also has a's address (misconfiguration)
  REQUIRE(a.send_echo_request(ip("10.0.0.2"), 1, 1));
  f.run_for(5 * kMillisecond);
  const auto d = f.records<ArpDecision>([&](const ArpDecision& x) { return x.host == b.id(); });
  REQUIRE(d.size() == 1);
  CHECK(d[0].second.verdict == ArpVerdict::kRouteInputFailed);
  CHECK(f.neigh_state(a, "eth0", "10.0.0.2") == NeighState::kIncomplete);
}

}  // namespace lvs::test
