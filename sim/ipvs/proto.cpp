// TCP/UDP state handling of net/netfilter/ipvs/ip_vs_proto_tcp.c (tcp_states[],
// tcp_timeouts[], tcp_state_active_table[], set_tcp_state()) and ip_vs_proto_udp.c.
#include "sim/ipvs/proto.hpp"

namespace lvs::ipvs {
namespace {

// The kernel's short names for every state (sNO and sSA do not occur in the table).
[[maybe_unused]] constexpr TcpState sNO = kTcpNone, sES = kTcpEstablished, sSS = kTcpSynSent, sSR = kTcpSynRecv,
                                    sFW = kTcpFinWait, sTW = kTcpTimeWait, sCL = kTcpClose, sCW = kTcpCloseWait,
                                    sLA = kTcpLastAck, sLI = kTcpListen, sSA = kTcpSynAck;

using Row = std::array<TcpState, kTcpLast>;
// [direction][syn, fin, ack, rst][current state] — the default (non secure_tcp) table.
constexpr std::array<std::array<Row, 4>, 3> kTcpStates{{
    // INPUT
    {{{sSR, sES, sES, sSR, sSR, sSR, sSR, sSR, sSR, sSR, sSR},
      {sCL, sCW, sSS, sTW, sTW, sTW, sCL, sCW, sLA, sLI, sTW},
      {sES, sES, sSS, sES, sFW, sTW, sCL, sCW, sCL, sLI, sES},
      {sCL, sCL, sCL, sSR, sCL, sCL, sCL, sCL, sLA, sLI, sSR}}},
    // OUTPUT
    {{{sSS, sES, sSS, sSR, sSS, sSS, sSS, sSS, sSS, sLI, sSR},
      {sTW, sFW, sSS, sTW, sFW, sTW, sCL, sTW, sLA, sLI, sTW},
      {sES, sES, sSS, sES, sFW, sTW, sCL, sCW, sLA, sES, sES},
      {sCL, sCL, sSS, sCL, sCL, sTW, sCL, sCL, sCL, sCL, sCL}}},
    // INPUT-ONLY
    {{{sSR, sES, sES, sSR, sSR, sSR, sSR, sSR, sSR, sSR, sSR},
      {sCL, sFW, sSS, sTW, sFW, sTW, sCL, sCW, sLA, sLI, sTW},
      {sES, sES, sSS, sES, sFW, sTW, sCL, sCW, sCL, sLI, sES},
      {sCL, sCL, sCL, sSR, sCL, sCL, sCL, sCL, sLA, sLI, sCL}}},
}};

constexpr std::array<const char*, kTcpLast + 1> kTcpNames{"NONE",     "ESTABLISHED", "SYN_SENT", "SYN_RECV",
                                                          "FIN_WAIT", "TIME_WAIT",   "CLOSE",    "CLOSE_WAIT",
                                                          "LAST_ACK", "LISTEN",      "SYNACK",   "BUG!"};

// tcp_state_idx(): RST wins, then SYN, FIN, ACK.
int tcp_state_idx(TcpFlags f) {
  if (f.rst) return 3;
  if (f.syn) return 0;
  if (f.fin) return 1;
  if (f.ack) return 2;
  return -1;
}

}  // namespace

TcpState tcp_next_state(TcpState state, Direction dir, TcpFlags flags) {
  const int idx = tcp_state_idx(flags);
  if (idx < 0 || state >= kTcpLast) return kTcpClose;
  return kTcpStates[static_cast<std::size_t>(dir)][static_cast<std::size_t>(idx)][state];
}

bool tcp_state_active(TcpState state) {
  return state == kTcpEstablished || state == kTcpSynSent || state == kTcpSynRecv || state == kTcpSynAck;
}

const char* tcp_state_name(std::uint8_t state) {
  if (state >= kTcpLast) return "ERR!";
  return kTcpNames[state];
}

const char* state_name(std::uint8_t ipproto, std::uint8_t state, bool is_template) {
  if (is_template) return state == kCtplNone ? "NONE" : state == kCtplAssured ? "ASSURED" : "ERR!";
  switch (ipproto) {
    case kIpProtoTcp: return tcp_state_name(state);
    case kIpProtoUdp: return state == kUdpNormal ? "UDP" : "ERR!";
    default: return "NONE";  // unmodelled protocols
  }
}

// tcp_timeouts[]: NONE 2 s, ESTABLISHED 15 min, SYN_SENT 2 min, SYN_RECV 1 min, FIN_WAIT
// 2 min, TIME_WAIT 2 min, CLOSE 10 s, CLOSE_WAIT 1 min, LAST_ACK 30 s, LISTEN 2 min,
// SYNACK 120 s, and 2 s for the sentinel.
std::array<SimTime, kTcpLast + 1> ProtoTimeouts::default_tcp() {
  return {seconds(2),  seconds(15 * 60), seconds(2 * 60), seconds(60),  seconds(120), seconds(120),
          seconds(10), seconds(60),      seconds(30),     seconds(120), seconds(120), seconds(2)};
}

}  // namespace lvs::ipvs
