#pragma once
// Protocol state tables of the director (net/netfilter/ipvs/ip_vs_proto_tcp.c and
// ip_vs_proto_udp.c, Linux 6.1): TCP states, the three transition tables (INPUT and
// OUTPUT for NAT, INPUT-ONLY for DR/TUN where replies bypass the director), which
// states count as "active", the default per-state timeouts, and the UDP single state.
#include <array>
#include <cstdint>

#include "sim/core/time.hpp"
#include "sim/ipvs/spec.hpp"

namespace lvs::ipvs {

// IP protocol numbers, as the connection table stores them (IPPROTO_IP marks a
// firewall-mark persistence template).
constexpr std::uint8_t kIpProtoIp = 0, kIpProtoTcp = 6, kIpProtoUdp = 17, kIpProtoSctp = 132;

// The IP protocol number of a service's protocol (IPPROTO_TCP, IPPROTO_UDP, IPPROTO_SCTP:
// what svc->protocol and cp->protocol hold, and IPVS_SVC_ATTR_PROTOCOL carries).
constexpr std::uint8_t ipproto_of(Protocol p) {
  switch (p) {
    case Protocol::kTcp: return kIpProtoTcp;
    case Protocol::kUdp: return kIpProtoUdp;
    case Protocol::kSctp: return kIpProtoSctp;
  }
  return kIpProtoTcp;
}
// The inverse, for what arrives as a number (a trace record, IPVS_SVC_ATTR_PROTOCOL):
// anything but UDP and SCTP reads as TCP, as the -Ln protocol column shows it.
constexpr Protocol protocol_of_ipproto(std::uint16_t ipproto) {
  if (ipproto == kIpProtoUdp) return Protocol::kUdp;
  if (ipproto == kIpProtoSctp) return Protocol::kSctp;
  return Protocol::kTcp;
}

// IP_VS_TCP_S_* (include/uapi/linux/ip_vs.h order).
enum TcpState : std::uint8_t {
  kTcpNone = 0,
  kTcpEstablished,
  kTcpSynSent,
  kTcpSynRecv,
  kTcpFinWait,
  kTcpTimeWait,
  kTcpClose,
  kTcpCloseWait,
  kTcpLastAck,
  kTcpListen,
  kTcpSynAck,
  kTcpLast
};
constexpr std::uint8_t kUdpNormal = 0;  // IP_VS_UDP_S_NORMAL
// Persistence template states (IP_VS_CTPL_S_*): NONE until a controlled connection is
// established (TCP) or sees a reply (UDP) — ip_vs_control_assure_ct().
constexpr std::uint8_t kCtplNone = 0, kCtplAssured = 1;

// IP_VS_DIR_*: client->server, server->client (NAT replies), and client->server for a
// connection that never sees output (IP_VS_CONN_F_NOOUTPUT: DR, TUN, local).
enum class Direction : std::uint8_t { kInput, kOutput, kInputOnly };

struct TcpFlags {
  bool syn = false, fin = false, ack = false, rst = false;
};

// set_tcp_state(): next state; a segment with none of RST/SYN/FIN/ACK yields CLOSE.
TcpState tcp_next_state(TcpState state, Direction dir, TcpFlags flags);
// tcp_state_active(): ESTABLISHED, SYN_SENT, SYN_RECV and SYNACK count in activeconns.
bool tcp_state_active(TcpState state);
const char* tcp_state_name(std::uint8_t state);
// ip_vs_state_name(): "NONE"/"ASSURED" for templates, "UDP" for the UDP state, the
// TCP names for TCP.
const char* state_name(std::uint8_t ipproto, std::uint8_t state, bool is_template);

// Per-protocol timeout tables (pd->timeout_table), adjustable with `ipvsadm --set`.
struct ProtoTimeouts {
  std::array<SimTime, kTcpLast + 1> tcp = default_tcp();
  SimTime udp = seconds(5 * 60);

  static std::array<SimTime, kTcpLast + 1> default_tcp();
};

}  // namespace lvs::ipvs
