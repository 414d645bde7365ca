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
#include "tests/unit/net/net_fixture.hpp"

namespace lvs::test {

struct TwoHop : NetFixture {
  Segment& lan1 = segment("lan1");
  Segment& lan2 = segment("lan2");
  Host& client = host("client", "client");
  Host& router = host("router", "router");
  Host& server = host("server", "server");
  std::uint16_t server_port = 0;  // the server's port on lan2's switch

  const Ipv4Addr client_ip{10, 0, 1, 10};
  const Ipv4Addr server_ip{10, 0, 2, 10};

  TwoHop() : NetFixture(true, 7) {
    eth(client, "eth0", lan1);
    eth(router, "eth0", lan1);
    eth(router, "eth1", lan2);
    server_port = server.iface(eth(server, "eth0", lan2)).port;
    addr(client, "eth0", "10.0.1.10/24");
    addr(router, "eth0", "10.0.1.1/24");
    addr(router, "eth1", "10.0.2.1/24");
    addr(server, "eth0", "10.0.2.10/24");
    route(client, "default via 10.0.1.1");
    route(server, "default via 10.0.2.1");
    sysctl(router, "net.ipv4.ip_forward", "1");
  }

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
    return const_cast<TwoHop*>(this)->records<T>();
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
