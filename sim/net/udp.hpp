#pragma once
// UDP sockets: bind, send, receive; ICMP port unreachable for closed ports
// (net/ipv4/udp.c __udp4_lib_rcv -> icmp_send(ICMP_PORT_UNREACH)).
#include <cstdint>
#include <memory>
#include <vector>

#include "sim/net/packet.hpp"
#include "sim/trace/trace.hpp"
#include "sim/wire/addr.hpp"
#include "sim/wire/bytes.hpp"

namespace lvs {

class Host;
class UdpSocket;

class UdpReceiver {
 public:
  virtual void on_datagram(UdpSocket& socket, Ipv4Addr src, std::uint16_t src_port, Ipv4Addr dst,
                           wire::Bytes payload) = 0;
  // An ICMP error came back for a datagram this socket sent (e.g. port unreachable).
  virtual void on_icmp_error(UdpSocket&, Ipv4Addr /*remote*/, std::uint16_t /*remote_port*/, std::uint8_t /*type*/,
                             std::uint8_t /*code*/) {}

 protected:
  ~UdpReceiver() = default;
};

class UdpSocket {
 public:
  Ipv4Addr local_addr;  // 0.0.0.0 = any
  std::uint16_t local_port = 0;
  UdpReceiver* receiver = nullptr;
};

class UdpStack {
 public:
  explicit UdpStack(Host& host) : host_(host) {}

  // Binds to addr:port (port 0 = an ephemeral port). nullptr when the port is taken.
  UdpSocket* bind(Ipv4Addr addr, std::uint16_t port, UdpReceiver* receiver);
  void close(UdpSocket* socket);
  // Sends one datagram; false when there is no route.
  bool send_to(UdpSocket& socket, Ipv4Addr dst, std::uint16_t dst_port, wire::Bytes payload, std::uint32_t flow = 0);

  // From the IPv4 layer: `packet` begins at the IPv4 header.
  void receive(IfIndex dev, Packet packet);
  // An ICMP error quoting a UDP datagram we sent (`quoted` = its IP header + 8 bytes).
  void icmp_error(wire::Bytes quoted, std::uint8_t type, std::uint8_t code);

 private:
  UdpSocket* find(Ipv4Addr dst, std::uint16_t port);
  Host& host_;
  std::vector<std::unique_ptr<UdpSocket>> sockets_;
  std::uint16_t next_ephemeral_ = 0;
};

}  // namespace lvs
