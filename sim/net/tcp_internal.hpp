#pragma once
// What tcp.cpp, tcp_input.cpp, tcp_output.cpp and tcp_timer.cpp share, as Linux's
// include/net/tcp.h does for its TCP files: the constants (Linux's values), sequence
// number comparisons and the parsed incoming segment. Only those files include it.
//
// Simplifications (each named where it applies):
//  * The application consumes data at once, so the receive buffer is always empty:
//    the window is what tcp_select_window() offers with a free buffer of tcp_rmem[1]
//    (no receive-buffer autotuning, no zero-window probing).
//  * Out-of-order segments are not queued: they are dropped and rcv_nxt is ACKed again
//    at once. SACK_PERM is negotiated as Linux does, but no SACK blocks are sent (there
//    is no out-of-order queue to describe, and no D-SACK for duplicates) and received
//    ones are ignored: the sender recovers by retransmission timeout and go-back-N (no
//    fast retransmit), as a Linux sender does without duplicate-ACK recovery.
//  * Timestamps are sent and echoed (RFC 7323 3, 4.3) but not used for RTT samples or
//    PAWS; the RTT is timed per segment as RFC 6298 describes.
//  * Nagle is off (as with TCP_NODELAY): send() transmits what window and MSS allow.
#include <cstdint>

#include "sim/core/time.hpp"
#include "sim/net/tcp.hpp"
#include "sim/wire/ipv4.hpp"
#include "sim/wire/tcp.hpp"

namespace lvs {
namespace tcp {

inline constexpr std::uint16_t kRcvWindow = 64240;  // the peer's window assumed before its SYN
// Receive buffer: tcp_rmem = 4096 131072 6291456 (Linux's defaults with >= 1.5 GiB of
// RAM; the kernel test's 512 MiB VM gets 3393184 and so window scale 6).
// tcp_full_space() = tcp_win_from_space(131072) with tcp_adv_win_scale=1: half of it.
inline constexpr std::uint32_t kFullSpace = 131072 / 2;
// tcp_select_initial_window(): ilog2(max(tcp_rmem[2], rmem_max)) - 15 = 7.
inline constexpr std::uint8_t kRcvWscale = 7;
inline constexpr std::uint8_t kMaxWscale = 14;            // RFC 7323 2.3, TCP_MAX_WSCALE
inline constexpr std::uint16_t kTsOptionLen = 12;         // TCPOLEN_TSTAMP_ALIGNED
inline constexpr std::uint32_t kMaxQuickAcks = 16;        // TCP_MAX_QUICKACKS
inline constexpr SimTime kDelackMin = 40 * kMillisecond;  // TCP_DELACK_MIN = TCP_ATO_MIN
inline constexpr std::uint32_t kTsStream = 0x74637074;    // rng stream of the tsoffset secret
inline constexpr SimTime kInitialRto = 1 * kSecond;       // RFC 6298 2.1, TCP_TIMEOUT_INIT
inline constexpr SimTime kMinRto = 200 * kMillisecond;    // TCP_RTO_MIN
inline constexpr SimTime kMaxRto = 120 * kSecond;         // TCP_RTO_MAX
inline constexpr SimTime kRtoAfterSynLoss = 3 * kSecond;  // RFC 6298 5.7, TCP_TIMEOUT_FALLBACK
// TIME_WAIT lasts 2*MSL; Linux fixes it at 60 s (TCP_TIMEWAIT_LEN), so do we.
inline constexpr SimTime kTimeWaitLen = 60 * kSecond;
inline constexpr std::uint16_t kDefaultMss = 536;  // RFC 9293 3.7.1: no MSS option seen
// Packet slots hold 2 KiB, so segments never exceed the Ethernet MSS, also on lo
// (where Linux would use 65483).
inline constexpr std::uint16_t kMaxMss = 1460;
inline constexpr std::uint32_t kInitialCwndSegments = 10;  // RFC 6928, Linux TCP_INIT_CWND
inline constexpr int kOrphanRetries = 8;                   // tcp_orphan_retries=0 means 8 (tcp_orphan_retries())

// Sequence-number order modulo 2^32 (Linux's before() / after()).
inline bool seq_lt(std::uint32_t a, std::uint32_t b) { return static_cast<std::int32_t>(a - b) < 0; }
inline bool seq_le(std::uint32_t a, std::uint32_t b) { return static_cast<std::int32_t>(a - b) <= 0; }
inline bool seq_gt(std::uint32_t a, std::uint32_t b) { return seq_lt(b, a); }
inline bool seq_ge(std::uint32_t a, std::uint32_t b) { return seq_le(b, a); }

}  // namespace tcp

// A parsed incoming segment.
struct TcpStack::InSegment {
  IfIndex dev;
  const PacketBuf* packet;
  wire::Ipv4Repr ip;
  wire::TcpRepr tcp;
  wire::Bytes payload;
  std::uint32_t flow;
  bool has(std::uint8_t f) const { return tcp.has(f); }
  // SEG.LEN: payload plus SYN and FIN, which occupy sequence space.
  std::uint32_t len() const {
    return static_cast<std::uint32_t>(payload.size()) + (has(wire::kTcpSyn) ? 1 : 0) + (has(wire::kTcpFin) ? 1 : 0);
  }
};

}  // namespace lvs
