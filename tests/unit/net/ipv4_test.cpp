// IPv4 through hosts and a router: forwarding, ip_forward, TTL, rp_filter, routes,
// loopback delivery, IPIP decapsulation on tunl0.
#include <doctest/doctest.h>

#include <cstring>

#include "sim/wire/icmp.hpp"
#include "sim/wire/ipv4.hpp"
#include "tests/unit/net/net_fixture.hpp"

namespace lvs::test {
namespace {

// client 10.0.1.10 --- lan1 --- (eth0 10.0.1.1) router (eth1 10.0.2.1) --- lan2 --- server 10.0.2.20
struct Routed : NetFixture {
  Host& client = host("client", "client");
  Host& router = host("router", "router");
  Host& server = host("server", "server");
  Segment& lan1 = segment("lan1");
  Segment& lan2 = segment("lan2");
  Routed() {
    eth(client, "eth0", lan1);
    eth(router, "eth0", lan1);
    eth(router, "eth1", lan2);
    eth(server, "eth0", lan2);
    addr(client, "eth0", "10.0.1.10/24");
    addr(router, "eth0", "10.0.1.1/24");
    addr(router, "eth1", "10.0.2.1/24");
    addr(server, "eth0", "10.0.2.20/24");
    route(client, "default via 10.0.1.1");
    route(server, "default via 10.0.2.1");
  }
};

// An ICMP echo request with a chosen TTL and source (what `ping -t` / `ping -I` do).
bool send_echo(Host& h, Ipv4Addr src, Ipv4Addr dst, std::uint8_t ttl, std::uint16_t seq) {
  Packet p = h.world_pool().allocate();
  std::uint8_t* m = p->push_back(static_cast<std::uint16_t>(wire::kIcmpHeaderLen + 16));
  std::memset(m + wire::kIcmpHeaderLen, 0xab, 16);
  wire::emit_icmp(wire::IcmpRepr{wire::kIcmpEchoRequest, 0, 42, seq}, wire::MutBytes(m, wire::kIcmpHeaderLen + 16));
  IpSendOptions opt;
  opt.ttl = ttl;
  return h.ip_send(std::move(p), src, dst, wire::kIpProtoIcmp, opt);
}

}  // namespace

TEST_CASE("ping across a router with ip_forward=1") {
  Routed w;
  NetFixture::sysctl(w.router, "net.ipv4.ip_forward", "1");
  PingRecorder ping(w.client);
  REQUIRE(w.client.send_echo_request(ip("10.0.2.20"), 1, 1));
  w.run_for(50 * kMillisecond);
  REQUIRE(ping.replies.size() == 1);
  CHECK(ping.replies[0].from == ip("10.0.2.20"));
  CHECK(w.count<RouteDecision>(
            [&](const RouteDecision& r) { return r.host == w.router.id() && r.kind == RouteKind::kForward; }) == 2);
  // The request kept its packet id across the hop.
  const auto fwd = w.records<RouteDecision>(
      [&](const RouteDecision& r) { return r.host == w.router.id() && r.dst == ip("10.0.2.20"); });
  const auto out = w.records<RouteDecision>([&](const RouteDecision& r) {
    return r.host == w.client.id() && r.kind == RouteKind::kOutput && r.dst == ip("10.0.2.20");
  });
  REQUIRE(fwd.size() == 1);
  REQUIRE(out.size() == 1);
  CHECK(fwd[0].second.packet_id == out[0].second.packet_id);
  CHECK(fwd[0].second.next_hop == ip("10.0.2.20"));
  CHECK(w.world.frames_transmitted > 0);
}

TEST_CASE("ping across a router fails with ip_forward=0") {
  Routed w;
  PingRecorder ping(w.client);
  REQUIRE(w.client.send_echo_request(ip("10.0.2.20"), 1, 1));
  w.run_for(50 * kMillisecond);
  CHECK(ping.replies.empty());
  CHECK(ping.errors.empty());  // a host that does not forward says nothing
  CHECK(w.drops(w.router, DropReason::kNotForwarding) == 1);
  CHECK(w.count<FrameRx>([&](const FrameRx& r) { return r.host == w.server.id(); }) == 0);
}

TEST_CASE("per-device forwarding: conf/<in-dev>/forwarding decides") {
  Routed w;
  NetFixture::sysctl(w.router, "net.ipv4.conf.eth0.forwarding", "1");  // only client->server
  PingRecorder ping(w.client);
  REQUIRE(w.client.send_echo_request(ip("10.0.2.20"), 1, 1));
  w.run_for(50 * kMillisecond);
  CHECK(ping.replies.empty());
  CHECK(w.count<FrameRx>([&](const FrameRx& r) { return r.host == w.server.id(); }) > 0);
  CHECK(w.drops(w.router, DropReason::kNotForwarding) == 1);  // the reply, in on eth1
}

TEST_CASE("TTL: a packet that would leave with TTL 0 dies with ICMP time exceeded") {
  Routed w;
  NetFixture::sysctl(w.router, "net.ipv4.ip_forward", "1");
  PingRecorder ping(w.client);
  REQUIRE(send_echo(w.client, Ipv4Addr(), ip("10.0.2.20"), 1, 1));
  w.run_for(50 * kMillisecond);
  CHECK(w.drops(w.router, DropReason::kTtlExceeded) == 1);
  REQUIRE(ping.errors.size() == 1);
  CHECK(ping.errors[0].type == wire::kIcmpTimeExceeded);
  CHECK(ping.errors[0].from == ip("10.0.1.1"));  // the router's address towards the client
  CHECK(ping.replies.empty());

  REQUIRE(send_echo(w.client, Ipv4Addr(), ip("10.0.2.20"), 2, 2));  // TTL 2 is enough for one hop
  w.run_for(50 * kMillisecond);
  CHECK(ping.replies.size() == 1);
}

TEST_CASE("no route on a forwarding router: ICMP net unreachable") {
  Routed w;
  NetFixture::sysctl(w.router, "net.ipv4.ip_forward", "1");
  PingRecorder ping(w.client);
  REQUIRE(w.client.send_echo_request(ip("172.16.0.1"), 1, 1));
  w.run_for(50 * kMillisecond);
  REQUIRE(ping.errors.size() == 1);
  CHECK(ping.errors[0].type == wire::kIcmpDestUnreachable);
  CHECK(ping.errors[0].code == wire::kIcmpNetUnreachable);
  CHECK(w.drops(w.router, DropReason::kNoRoute) == 1);
}

TEST_CASE("rp_filter: strict drops a source routed back through another interface, loose accepts it") {
  struct Case {
    const char* all;
    const char* eth0;
    bool dropped;
  };
  const Case cases[] = {{"0", "0", false}, {"1", "0", true}, {"0", "1", true}, {"2", "0", false}, {"1", "2", false}};
  for (const auto& c : cases) {
    CAPTURE(c.all);
    CAPTURE(c.eth0);
    Routed w;
    NetFixture::sysctl(w.router, "net.ipv4.ip_forward", "1");
    NetFixture::sysctl(w.router, "net.ipv4.conf.all.rp_filter", c.all);
    NetFixture::sysctl(w.router, "net.ipv4.conf.eth0.rp_filter", c.eth0);
    // The client uses a second address that the router reaches through eth1. Its ARP
    // requests use 10.0.1.10 (arp_announce=2): see the next test for why.
    NetFixture::addr(w.client, "lo", "10.0.9.9/32");
    NetFixture::sysctl(w.client, "net.ipv4.conf.all.arp_announce", "2");
    NetFixture::route(w.router, "10.0.9.0/24 via 10.0.2.20");
    REQUIRE(send_echo(w.client, ip("10.0.9.9"), ip("10.0.2.20"), 64, 1));
    w.run_for(50 * kMillisecond);
    CHECK((w.drops(w.router, DropReason::kRpFilter) == 1) == c.dropped);
    const bool server_got_it = w.count<RouteDecision>([&](const RouteDecision& r) {
      return r.host == w.server.id() && r.kind == RouteKind::kLocal;
    }) > 0;
    CHECK(server_got_it == !c.dropped);
  }
}

TEST_CASE("rp_filter also judges the sender of an ARP request") {
  Routed w;
  NetFixture::sysctl(w.router, "net.ipv4.conf.all.rp_filter", "1");
  NetFixture::addr(w.client, "lo", "10.0.9.9/32");
  NetFixture::route(w.router, "10.0.9.0/24 via 10.0.2.20");
  // arp_announce=0: the request for the gateway says "tell 10.0.9.9", which the router
  // would route out of eth1: it does not answer.
  REQUIRE(send_echo(w.client, ip("10.0.9.9"), ip("10.0.2.20"), 64, 1));
  w.run_for(10 * kMillisecond);
  CHECK(w.count<ArpDecision>([&](const ArpDecision& d) {
    return d.host == w.router.id() && d.verdict == ArpVerdict::kRouteInputFailed && d.sender_ip == ip("10.0.9.9");
  }) == 1);
  CHECK(w.neigh_state(w.client, "eth0", "10.0.1.1") == NeighState::kIncomplete);
}

TEST_CASE("martians: one of our own addresses as source, from the wire, is dropped") {
  Routed w;
  NetFixture::sysctl(w.router, "net.ipv4.ip_forward", "1");
  // The client sends from 10.0.1.1 - the router's address - held on a lo alias. With
  // arp_announce=2 its ARP request still uses 10.0.1.10, so the router answers it.
  NetFixture::addr(w.client, "lo", "10.0.1.1/32");
  NetFixture::sysctl(w.client, "net.ipv4.conf.all.arp_announce", "2");
  REQUIRE(send_echo(w.client, ip("10.0.1.1"), ip("10.0.2.20"), 64, 1));
  w.run_for(10 * kMillisecond);
  CHECK(w.drops(w.router, DropReason::kMartianSource) == 1);
  CHECK(w.count<FrameRx>([&](const FrameRx& r) { return r.host == w.server.id(); }) == 0);
}

TEST_CASE("an address conflict: a request whose sender is our own address is not answered") {
  Routed w;
  NetFixture::addr(w.client, "lo", "10.0.1.1/32");  // announce 0: the request claims 10.0.1.1
  REQUIRE(send_echo(w.client, ip("10.0.1.1"), ip("10.0.2.20"), 64, 1));
  w.run_for(10 * kMillisecond);
  CHECK(w.neigh_state(w.client, "eth0", "10.0.1.1") == NeighState::kIncomplete);
  CHECK(w.count<ArpDecision>([&](const ArpDecision& d) {
    return d.host == w.router.id() && d.verdict == ArpVerdict::kRouteInputFailed;
  }) == 1);
}

TEST_CASE("longest prefix wins; metrics break ties; `dev lo` routes deliver locally") {
  NetFixture f;
  Segment& lan = f.segment("lan");
  Host& h = f.host("h");
  f.eth(h, "eth0", lan);
  f.addr(h, "eth0", "10.0.0.1/24");
  f.route(h, "default via 10.0.0.254");
  f.route(h, "10.5.0.0/16 via 10.0.0.2");
  f.route(h, "10.5.1.0/24 via 10.0.0.3");
  f.route(h, "10.6.0.0/16 via 10.0.0.4 metric 20");
  f.route(h, "10.6.0.0/16 via 10.0.0.5 metric 10");
  f.route(h, "192.168.10.100/32 dev lo");
  auto hop = [&](const char* dst) {
    const auto r = h.route_output(ip(dst), Ipv4Addr());
    REQUIRE(r.has_value());
    return r->next_hop;
  };
  CHECK(hop("10.5.1.7") == ip("10.0.0.3"));
  CHECK(hop("10.5.2.7") == ip("10.0.0.2"));
  CHECK(hop("10.6.0.1") == ip("10.0.0.5"));
  CHECK(hop("8.8.8.8") == ip("10.0.0.254"));
  CHECK(hop("10.0.0.9") == ip("10.0.0.9"));  // on-link
  const auto lo = h.route_output(ip("192.168.10.100"), Ipv4Addr());
  REQUIRE(lo.has_value());
  CHECK(lo->dev == h.loopback());
  CHECK(lo->src == ip("10.0.0.1"));  // no usable address on lo: the first global one
  const auto local = h.route_output(ip("10.0.0.1"), Ipv4Addr());
  REQUIRE(local.has_value());
  CHECK(local->type == RouteType::kLocal);
  CHECK(local->src == ip("10.0.0.1"));

  // Pinging the lo-routed address: the request loops back and is delivered, but the
  // reply would need 192.168.10.100 as source, which is not ours: no answer.
  PingRecorder ping(h);
  REQUIRE(h.send_echo_request(ip("192.168.10.100"), 1, 1));
  f.run_for(kMillisecond);
  CHECK(f.count<FrameRx>([&](const FrameRx& r) { return r.iface == h.loopback(); }) == 1);
  CHECK(ping.replies.empty());
  // With the address on lo (the LVS-DR real server setup) it answers.
  f.addr(h, "lo:0", "192.168.10.100/32");
  REQUIRE(h.send_echo_request(ip("192.168.10.100"), 1, 2));
  f.run_for(kMillisecond);
  REQUIRE(ping.replies.size() == 1);
  CHECK(ping.replies[0].from == ip("192.168.10.100"));
  // Nothing of this went on the wire.
  CHECK(f.world.frames_transmitted == 0);
}

TEST_CASE("source selection: prefsrc, gateway subnet, addresses on lo") {
  NetFixture f;
  Segment& lan = f.segment("lan");
  Host& h = f.host("h");
  f.eth(h, "eth0", lan);
  f.addr(h, "eth0", "10.0.0.1/24");
  f.addr(h, "eth0", "10.0.1.1/24");
  f.addr(h, "lo", "192.168.10.100/32");
  f.route(h, "default via 10.0.1.254");
  f.route(h, "172.16.0.0/16 via 10.0.0.254 src 192.168.10.100");
  CHECK(h.route_output(ip("8.8.8.8"), Ipv4Addr())->src == ip("10.0.1.1"));  // in the gateway's subnet
  CHECK(h.route_output(ip("172.16.3.3"), Ipv4Addr())->src == ip("192.168.10.100"));
  CHECK(h.route_output(ip("10.0.0.7"), Ipv4Addr())->src == ip("10.0.0.1"));  // connected route's prefsrc
  // A source that is not ours is refused (EINVAL), one on lo is fine.
  RouteError err = RouteError::kNone;
  CHECK_FALSE(h.route_output(ip("8.8.8.8"), ip("10.9.9.9"), &err).has_value());
  CHECK(err == RouteError::kInvalid);
  CHECK(h.route_output(ip("8.8.8.8"), ip("192.168.10.100"))->src == ip("192.168.10.100"));
  // No route at all.
  NetFixture g;
  Host& lonely = g.host("lonely");
  CHECK_FALSE(lonely.route_output(ip("8.8.8.8"), Ipv4Addr(), &err).has_value());
  CHECK(err == RouteError::kNetUnreachable);
  CHECK(std::string(route_error_text(err)) == "Network is unreachable");
}

namespace {

// LVS-TUN: the "director" encapsulates a client's request into IPIP to the real server,
// which has tunl0 with the VIP and answers the client directly.
struct Tunnel : NetFixture {
  Host& client = host("client", "client");
  Host& director = host("director", "director");
  Host& rs = host("rs", "realserver");
  Segment& lan = segment("lan");
  Tunnel() {
    eth(client, "eth0", lan);
    eth(director, "eth0", lan);
    eth(rs, "eth0", lan);
    addr(client, "eth0", "10.0.0.10/24");
    addr(director, "eth0", "10.0.0.1/24");
    addr(rs, "eth0", "10.0.0.11/24");
    const IfIndex tun = rs.add_ipip_tunnel();
    CHECK(rs.iface(tun).mtu == 1480);
    addr(rs, "tunl0", "10.0.0.100/32");
    sysctl(rs, "net.ipv4.conf.all.arp_ignore", "1");
  }
  // An IPIP packet director -> rs carrying client -> VIP echo request.
  void send_encapsulated() {
    Packet p = director.world_pool().allocate();
    const std::uint16_t icmp_len = wire::kIcmpHeaderLen + 8;
    std::uint8_t* m = p->push_back(icmp_len);
    std::memset(m + wire::kIcmpHeaderLen, 0, 8);
    wire::emit_icmp(wire::IcmpRepr{wire::kIcmpEchoRequest, 0, 5, 1}, wire::MutBytes(m, icmp_len));
    wire::Ipv4Repr inner;
    inner.src = ip("10.0.0.10");
    inner.dst = ip("10.0.0.100");
    inner.protocol = wire::kIpProtoIcmp;
    wire::emit_ipv4(inner, icmp_len, wire::MutBytes(p->push_front(20), 20));
    wire::Ipv4Repr outer;
    outer.src = ip("10.0.0.1");
    outer.dst = ip("10.0.0.11");
    outer.protocol = wire::kIpProtoIpip;
    wire::emit_ipv4(outer, static_cast<std::uint16_t>(20 + icmp_len), wire::MutBytes(p->push_front(20), 20));
    REQUIRE(director.ip_route_and_send(std::move(p)));
  }
};

}  // namespace

TEST_CASE("IPIP: tunl0 decapsulates and the real server answers the client from the VIP") {
  Tunnel w;
  PingRecorder ping(w.client);
  w.send_encapsulated();
  w.run_for(10 * kMillisecond);
  REQUIRE(ping.replies.size() == 1);
  CHECK(ping.replies[0].from == ip("10.0.0.100"));
  const IfIndex tun = NetFixture::dev(w.rs, "tunl0");
  CHECK(w.count<FrameRx>([&](const FrameRx& r) { return r.host == w.rs.id() && r.iface == tun; }) == 1);
}

TEST_CASE("IPIP: strict rp_filter on tunl0 drops the inner packet (the route to the client is eth0)") {
  Tunnel w;
  NetFixture::sysctl(w.rs, "net.ipv4.conf.tunl0.rp_filter", "1");
  PingRecorder ping(w.client);
  w.send_encapsulated();
  w.run_for(10 * kMillisecond);
  CHECK(ping.replies.empty());
  const IfIndex tun = NetFixture::dev(w.rs, "tunl0");
  CHECK(w.count<FrameDrop>([&](const FrameDrop& d) {
    return d.host == w.rs.id() && d.iface == tun && d.reason == DropReason::kRpFilter;
  }) == 1);
}

TEST_CASE("IPIP without a tunnel device: ICMP protocol unreachable") {
  Tunnel w;
  // Send to the client, which has no tunl0.
  Packet p = w.director.world_pool().allocate();
  std::uint8_t* m = p->push_back(28);
  std::memset(m, 0, 28);
  wire::Ipv4Repr inner;
  inner.src = ip("10.0.0.1");
  inner.dst = ip("10.0.0.10");
  inner.protocol = wire::kIpProtoUdp;
  wire::emit_ipv4(inner, 8, wire::MutBytes(m, 20));
  REQUIRE(w.director.ip_send(std::move(p), Ipv4Addr(), ip("10.0.0.10"), wire::kIpProtoIpip));
  w.run_for(10 * kMillisecond);
  CHECK(w.drops(w.client, DropReason::kUnsupportedProtocol) == 1);
  CHECK(w.count<FrameTx>([&](const FrameTx& t) { return t.host == w.client.id(); }) >= 1);
}

TEST_CASE("link down: frames are not sent, routes through the device disappear") {
  Routed w;
  NetFixture::sysctl(w.router, "net.ipv4.ip_forward", "1");
  const IfIndex eth0 = NetFixture::dev(w.client, "eth0");
  w.client.set_link_up(eth0, false);
  CHECK_FALSE(w.client.route_output(ip("10.0.2.20"), Ipv4Addr()).has_value());
  CHECK_FALSE(w.client.send_echo_request(ip("10.0.2.20"), 1, 1));
  w.client.set_link_up(eth0, true);
  // The connected route is back, the static default route is not (as in Linux).
  CHECK(w.client.route_output(ip("10.0.1.1"), Ipv4Addr()).has_value());
  CHECK_FALSE(w.client.route_output(ip("10.0.2.20"), Ipv4Addr()).has_value());
}

TEST_CASE("powered-off hosts drop what arrives and forget their neighbours") {
  Routed w;
  PingRecorder ping(w.client);
  REQUIRE(w.client.send_echo_request(ip("10.0.1.1"), 1, 1));
  w.run_for(10 * kMillisecond);
  REQUIRE(ping.replies.size() == 1);
  REQUIRE(w.neigh_state(w.router, "eth0", "10.0.1.10") != NeighState::kNone);
  w.router.set_powered(false);
  CHECK(w.neigh_state(w.router, "eth0", "10.0.1.10") == NeighState::kNone);
  REQUIRE(w.client.send_echo_request(ip("10.0.1.1"), 1, 2));
  w.run_for(10 * kMillisecond);
  CHECK(ping.replies.size() == 1);
  CHECK(w.drops(w.router, DropReason::kHostDown) == 1);
  w.router.set_powered(true);
  REQUIRE(w.client.send_echo_request(ip("10.0.1.1"), 1, 3));
  w.run_for(10 * kMillisecond);
  CHECK(ping.replies.size() == 2);
}

}  // namespace lvs::test
