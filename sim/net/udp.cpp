#include "sim/net/udp.hpp"

#include <algorithm>
#include <cstring>

#include "sim/net/host.hpp"
#include "sim/wire/icmp.hpp"
#include "sim/wire/ipv4.hpp"
#include "sim/wire/udp.hpp"

namespace lvs {

UdpSocket* UdpStack::bind(Ipv4Addr addr, std::uint16_t port, UdpReceiver* receiver) {
  const auto& g = host_.sysctls().global();
  if (port == 0) {
    const int span = g.ip_local_port_last - g.ip_local_port_first + 1;
    if (next_ephemeral_ == 0)
      next_ephemeral_ = static_cast<std::uint16_t>(host_.rng().below(static_cast<std::uint64_t>(span)));
    for (int i = 0; i < span; ++i) {
      const auto candidate = static_cast<std::uint16_t>(g.ip_local_port_first + (next_ephemeral_ + i) % span);
      if (!find(addr, candidate)) {
        port = candidate;
        next_ephemeral_ = static_cast<std::uint16_t>((next_ephemeral_ + i + 1) % span);
        break;
      }
    }
    if (port == 0) return nullptr;
  } else {
    for (const auto& s : sockets_)
      if (s->local_port == port && (s->local_addr == addr || s->local_addr.is_unspecified() || addr.is_unspecified()))
        return nullptr;  // EADDRINUSE
  }
  auto socket = std::make_unique<UdpSocket>();
  socket->local_addr = addr;
  socket->local_port = port;
  socket->receiver = receiver;
  sockets_.push_back(std::move(socket));
  return sockets_.back().get();
}

void UdpStack::close(UdpSocket* socket) {
  sockets_.erase(std::remove_if(sockets_.begin(), sockets_.end(), [&](const auto& s) { return s.get() == socket; }),
                 sockets_.end());
}

UdpSocket* UdpStack::find(Ipv4Addr dst, std::uint16_t port) {
  UdpSocket* wildcard = nullptr;
  for (const auto& s : sockets_) {
    if (s->local_port != port) continue;
    if (s->local_addr == dst) return s.get();
    if (s->local_addr.is_unspecified()) wildcard = s.get();
  }
  return wildcard;
}

bool UdpStack::send_to(UdpSocket& socket, Ipv4Addr dst, std::uint16_t dst_port, wire::Bytes payload,
                       std::uint32_t flow) {
  Ipv4Addr src = socket.local_addr;
  if (src.is_unspecified()) {
    const auto route = host_.route_output(dst, Ipv4Addr());
    if (!route) return false;
    src = route->src;
  }
  Packet p = host_.world_pool().allocate();
  std::uint8_t* out = p->push_back(static_cast<std::uint16_t>(wire::kUdpHeaderLen + payload.size()));
  if (!payload.empty()) std::memcpy(out + wire::kUdpHeaderLen, payload.data(), payload.size());
  wire::UdpRepr repr{socket.local_port, dst_port, 0};
  wire::emit_udp(repr, src, dst, p->bytes());
  IpSendOptions opt;
  opt.flow = flow;
  return host_.ip_send(std::move(p), src, dst, wire::kIpProtoUdp, opt);
}

void UdpStack::receive(IfIndex dev, Packet packet) {
  const auto ip = wire::parse_ipv4(packet->bytes(), false);
  if (!ip) return host_.trace_drop(dev, *packet, DropReason::kMalformed);
  const wire::Bytes datagram = wire::ipv4_payload(packet->bytes(), *ip);
  const auto udp = wire::parse_udp(datagram, ip->src, ip->dst);
  if (!udp) return host_.trace_drop(dev, *packet, DropReason::kMalformed);
  UdpSocket* socket = find(ip->dst, udp->dst_port);
  if (!socket) {
    host_.trace_drop(dev, *packet, DropReason::kNoSocket);
    if (!ip->dst.is_broadcast() && !ip->dst.is_multicast())
      host_.send_icmp_error(*packet, wire::kIcmpDestUnreachable, wire::kIcmpPortUnreachable, dev);
    return;
  }
  if (socket->receiver)
    socket->receiver->on_datagram(*socket, ip->src, udp->src_port, ip->dst, wire::udp_payload(datagram, *udp));
}

void UdpStack::icmp_error(wire::Bytes quoted, std::uint8_t type, std::uint8_t code) {
  const auto ip = wire::parse_ipv4_quoted(quoted);  // a quote may be truncated
  if (!ip || quoted.size() < static_cast<std::size_t>(ip->header_len) + 8) return;
  const std::uint8_t* udp = quoted.data() + ip->header_len;
  const std::uint16_t sport = wire::get16(udp);
  const std::uint16_t dport = wire::get16(udp + 2);
  for (const auto& s : sockets_) {
    if (s->local_port == sport && (s->local_addr.is_unspecified() || s->local_addr == ip->src)) {
      if (s->receiver) s->receiver->on_icmp_error(*s, ip->dst, dport, type, code);
      return;
    }
  }
}

}  // namespace lvs
