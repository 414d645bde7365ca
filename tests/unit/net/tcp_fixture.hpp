#pragma once
// A two-hop network for the TCP and HTTP tests:
//   client 10.0.1.10 --lan1-- 10.0.1.1 router 10.0.2.1 --lan2-- 10.0.2.10 server
// and TCP handlers that record what they are told.
#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <vector>

#include "sim/net/host.hpp"
#include "sim/net/segment.hpp"
#include "sim/net/tcp.hpp"
#include "sim/net/world.hpp"
#include "sim/wire/ethernet.hpp"
#include "sim/wire/ipv4.hpp"
#include "sim/wire/tcp.hpp"

namespace lvs::test {

struct TwoHop {
  World world{7, true};
  Segment& lan1 = world.add_segment("lan1", LinkParams{});
  Segment& lan2 = world.add_segment("lan2", LinkParams{});
  Host& client = world.add_host("client", "client");
  Host& router = world.add_host("router", "router");
  Host& server = world.add_host("server", "server");
  std::uint16_t server_port = 0;  // the server's port on lan2's switch

  const Ipv4Addr client_ip{10, 0, 1, 10};
  const Ipv4Addr server_ip{10, 0, 2, 10};

  TwoHop() {
    plug(client, "eth0", lan1, 1, "10.0.1.10/24");
    plug(router, "eth0", lan1, 2, "10.0.1.1/24");
    plug(router, "eth1", lan2, 3, "10.0.2.1/24");
    server_port = plug(server, "eth0", lan2, 4, "10.0.2.10/24");
    add_route(client, "default via 10.0.1.1");
    add_route(server, "default via 10.0.2.1");
    REQUIRE_FALSE(router.set_sysctl("net.ipv4.ip_forward", "1"));
  }

  static std::uint16_t plug(Host& h, const char* dev, Segment& seg, std::uint8_t n, const char* addr) {
    const IfIndex i = h.add_ethernet(dev, MacAddr{{0x02, 0, 0, 0, 0, n}});
    const std::uint16_t port = seg.attach(h, h.iface(i), seg.defaults());
    REQUIRE_FALSE(h.add_address(dev, *Ipv4Prefix::parse(addr)));
    return port;
  }
  static void add_route(Host& h, const char* text) {
    std::string error;
    const auto spec = parse_route(text, &error);
    REQUIRE(spec);
    REQUIRE_FALSE(h.add_route(*spec));
  }

  void run_until(SimTime t) { world.sim().run(RunLimits{t}); }
  SimTime now() const { return const_cast<World&>(world).now(); }

  // TCP segments (header + payload) that `host` transmitted, from the trace.
  struct SentSegment {
    SimTime time;
    wire::TcpRepr tcp;
    std::size_t payload = 0;
    std::uint32_t flow = 0;
  };
  std::vector<SentSegment> sent_by(const Host& h) const {
    std::vector<SentSegment> out;
    auto& w = const_cast<World&>(world);
    for (const auto& rec : w.trace().records()) {
      const auto* tx = std::get_if<FrameTx>(&rec.body);
      if (!tx || tx->host != h.id()) continue;
      const wire::Bytes frame = w.trace().frame(tx->frame);
      const auto eth = wire::parse_ethernet(frame);
      if (!eth || eth->ethertype != wire::kEtherTypeIpv4) continue;
      const wire::Bytes packet = wire::ethernet_payload(frame);
      const auto ip = wire::parse_ipv4(packet);
      if (!ip || ip->protocol != wire::kIpProtoTcp) continue;
      const wire::Bytes seg = wire::ipv4_payload(packet, *ip);
      const auto tcp = wire::parse_tcp(seg, ip->src, ip->dst);
      if (!tcp) continue;
      out.push_back(SentSegment{rec.time, *tcp, seg.size() - tcp->header_len, tx->flow});
    }
    return out;
  }
  template <typename T>
  std::vector<std::pair<SimTime, T>> records_of() const {
    std::vector<std::pair<SimTime, T>> out;
    for (const auto& rec : const_cast<World&>(world).trace().records())
      if (const auto* r = std::get_if<T>(&rec.body)) out.emplace_back(rec.time, *r);
    return out;
  }
};

// Records every callback; optional hooks let a test react.
struct Recorder : TcpHandler {
  TcpConnection* conn = nullptr;
  bool connected = false, peer_closed = false, closed = false;
  SimTime connected_at = -1, closed_at = -1;
  TcpCloseReason reason = TcpCloseReason::kNormal;
  std::string data;
  std::function<void(TcpConnection&)> when_connected, when_peer_closed;
  std::function<void(TcpConnection&, wire::Bytes)> when_data;

  void on_connected(TcpConnection& c) override {
    conn = &c;
    connected = true;
    connected_at = c.host().now();
    if (when_connected) when_connected(c);
  }
  void on_data(TcpConnection& c, wire::Bytes d) override {
    data.append(reinterpret_cast<const char*>(d.data()), d.size());
    if (when_data) when_data(c, d);
  }
  void on_peer_closed(TcpConnection& c) override {
    peer_closed = true;
    if (when_peer_closed) when_peer_closed(c);
  }
  void on_closed(TcpConnection& c, TcpCloseReason r) override {
    closed = true;
    closed_at = c.host().now();
    reason = r;
    conn = nullptr;
  }
};

struct Acceptor : TcpAcceptor {
  Recorder rec;
  int accepted = 0;
  TcpHandler* on_accept(TcpConnection& c) override {
    ++accepted;
    rec.conn = &c;
    return &rec;
  }
};

inline wire::Bytes as_bytes(const std::string& s) {
  return wire::Bytes(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
}

}  // namespace lvs::test
