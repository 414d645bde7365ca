// TCP input: segments arriving for a listener or a connection (RFC 9293 3.10.7), ACK
// processing with RTT samples (RFC 6298), in-order data and FIN, when the ACK is owed
// and sent (quick / delayed, as Linux's tcp_input.c decides), and ICMP errors.
#include <algorithm>

#include "sim/net/host.hpp"
#include "sim/net/tcp.hpp"
#include "sim/net/tcp_internal.hpp"
#include "sim/wire/icmp.hpp"
#include "sim/wire/ipv4.hpp"
#include "sim/wire/tcp.hpp"

namespace lvs {

using namespace tcp;

void TcpStack::receive(IfIndex dev, Packet packet) {
  const auto ip = wire::parse_ipv4(packet->bytes(), false);
  if (!ip) return host_.trace_drop(dev, packet.buf(), DropReason::kMalformed);
  const wire::Bytes bytes = wire::ipv4_payload(packet->bytes(), *ip);
  const auto tcp = wire::parse_tcp(bytes, ip->src, ip->dst, true);
  if (!tcp) return host_.trace_drop(dev, packet.buf(), DropReason::kMalformed);
  const InSegment seg{dev, &packet.buf(), *ip, *tcp, wire::tcp_payload(bytes, *tcp), packet->flow};

  TcpConnection* c = find(Endpoint4{ip->dst, tcp->dst_port, ip->src, tcp->src_port});
  // tcp_timewait_state_process(): a new SYN above the old sequence space ends
  // TIME_WAIT and opens a new connection (TCP_TW_SYN).
  if (c && c->state_ == TcpStateId::kTimeWait && seg.has(wire::kTcpSyn) && !seg.has(wire::kTcpAck) &&
      seq_gt(tcp->seq, c->rcv_nxt_)) {
    end(*c, TcpCloseReason::kNormal);
    c = nullptr;
  }
  if (c) {
    if (c->state_ == TcpStateId::kSynSent) segment_syn_sent(*c, seg);
    else segment_synchronized(*c, seg);
    return;
  }
  if (const Listener* l = find_listener(ip->dst, tcp->dst_port)) return segment_for_listener(*l, seg);
  host_.trace_drop(dev, packet.buf(), DropReason::kNoSocket);
  reset_for_closed(seg);
}

// RFC 9293 3.10.7.2 (LISTEN).
void TcpStack::segment_for_listener(const Listener& l, const InSegment& seg) {
  if (seg.has(wire::kTcpRst)) return;
  if (seg.has(wire::kTcpAck)) return reset_for_closed(seg);
  if (!seg.has(wire::kTcpSyn)) return;
  if (seg.ip.dst.is_broadcast() || seg.ip.dst.is_multicast()) return;
  const Endpoint4 ep{seg.ip.dst, seg.tcp.dst_port, seg.ip.src, seg.tcp.src_port};
  // The accepted connection carries the flow of the SYN that created it.
  TcpConnection& c = new_connection(ep, seg.flow);
  c.acceptor_ = l.acceptor;
  c.state_ = TcpStateId::kListen;  // traced as LISTEN -> SYN_RECV
  c.irs_ = seg.tcp.seq;
  c.rcv_nxt_ = seg.tcp.seq + 1;
  c.iss_ = static_cast<std::uint32_t>(host_.rng().next());
  c.snd_una_ = c.snd_nxt_ = c.snd_max_ = c.iss_;
  c.buf_seq_ = c.iss_ + 1;
  c.snd_wnd_ = seg.tcp.window;
  c.snd_wl1_ = seg.tcp.seq;
  c.adv_mss_ = route_mss(ep.local, ep.remote);
  // tcp_openreq_init_rwin(): answer the options the SYN offered; the window is
  // tcp_full_space() rounded down to whole segments of MSS less the timestamps.
  c.ts_ok_ = seg.tcp.has_timestamp;
  c.sack_ok_ = seg.tcp.sack_permitted;
  c.rcv_wscale_ = seg.tcp.has_wscale ? kRcvWscale : 0;
  c.ts_offset_ = ts_offset(ep.local, ep.remote);
  take_syn_options(c, seg);
  const std::uint32_t seg_mss = c.adv_mss_ - (c.ts_ok_ ? kTsOptionLen : 0);
  c.rcv_wnd_ = c.rcv_ssthresh_ = std::min<std::uint32_t>(kFullSpace / seg_mss * seg_mss, 0xffff);
  c.rcv_wup_ = c.rcv_nxt_;
  set_state(c, TcpStateId::kSynReceived);
  send_syn(c);
}

// RFC 9293 3.10.7.3 (SYN-SENT).
void TcpStack::segment_syn_sent(TcpConnection& c, const InSegment& seg) {
  const bool ack = seg.has(wire::kTcpAck);
  if (ack && (seq_le(seg.tcp.ack, c.iss_) || seq_gt(seg.tcp.ack, c.snd_max_))) {
    if (!seg.has(wire::kTcpRst)) reset_for_closed(seg);
    return;
  }
  if (seg.has(wire::kTcpRst)) {
    if (ack) end(c, TcpCloseReason::kReset);  // ECONNREFUSED
    return;
  }
  if (!seg.has(wire::kTcpSyn)) return;
  c.irs_ = seg.tcp.seq;
  c.rcv_nxt_ = seg.tcp.seq + 1;
  c.snd_wnd_ = seg.tcp.window;
  c.snd_wl1_ = seg.tcp.seq;
  c.snd_wl2_ = seg.tcp.ack;
  c.rcv_wup_ = c.rcv_nxt_;
  // tcp_rcv_synsent_state_process(): what the peer did not answer is off.
  c.ts_ok_ = c.ts_ok_ && seg.tcp.has_timestamp;
  c.sack_ok_ = c.sack_ok_ && seg.tcp.sack_permitted;
  if (!seg.tcp.has_wscale) c.rcv_wscale_ = 0;
  take_syn_options(c, seg);
  if (!ack) {  // simultaneous open: SYN-ACK our own SYN
    set_state(c, TcpStateId::kSynReceived);
    transmit(c, c.iss_, wire::kTcpSyn | wire::kTcpAck, 0);
    return;
  }
  ack_advanced(c, seg.tcp.ack);
  const std::uint32_t inc = c.incarnation_;
  set_state(c, TcpStateId::kEstablished);
  send_ack(c);  // the third segment of the handshake
  established(c);
  if (!alive(c, inc)) return;
  output(c);
}

// RFC 9293 3.10.7.4 (all synchronized states, and SYN-RECEIVED).
void TcpStack::segment_synchronized(TcpConnection& c, const InSegment& seg) {
  const std::uint32_t inc = c.incarnation_;
  // The peer repeated its SYN: our SYN-ACK was lost; send it again (tcp_check_req).
  if (c.state_ == TcpStateId::kSynReceived && seg.has(wire::kTcpSyn) && !seg.has(wire::kTcpAck) &&
      seg.tcp.seq == c.irs_) {
    c.rtt_measuring_ = false;  // Karn: the SYN-ACK is now ambiguous
    transmit(c, c.iss_, wire::kTcpSyn | wire::kTcpAck, 0);
    return;
  }
  if (!acceptable(c, seg)) {
    if (seg.has(wire::kTcpRst)) return;
    // A repeated FIN in TIME_WAIT restarts the 2*MSL timer (RFC 9293 3.10.7.4, eighth).
    if (c.state_ == TcpStateId::kTimeWait && seg.has(wire::kTcpFin))
      c.time_wait_timer_.arm_in(host_.sim(), kTimeWaitLen);
    return send_ack(c);
  }
  if (seg.has(wire::kTcpRst)) return process_rst(c, seg);
  if (seg.has(wire::kTcpSyn)) return send_ack(c);  // RFC 5961 4.2: challenge ACK
  if (!seg.has(wire::kTcpAck)) return;
  // RFC 7323 4.3 (tcp_replace_ts_recent): echo the newest TSval of a segment that
  // starts at or before the edge we last acknowledged.
  if (c.ts_ok_ && seg.tcp.has_timestamp && seq_le(seg.tcp.seq, c.rcv_wup_) &&
      static_cast<std::int32_t>(seg.tcp.tsval - c.ts_recent_) >= 0)
    c.ts_recent_ = seg.tcp.tsval;
  if (!process_ack(c, seg) || !alive(c, inc)) return;
  process_data_and_fin(c, seg);
  if (!alive(c, inc)) return;
  output(c);
  if (c.ack_now_) send_ack(c);
}

// RFC 9293 3.10.7.4 first check: the segment overlaps the receive window.
bool TcpStack::acceptable(const TcpConnection& c, const InSegment& seg) const {
  const std::uint32_t len = seg.len();
  const std::uint32_t seq = seg.tcp.seq;
  const std::uint32_t wnd = std::max<std::uint32_t>(c.rcv_wnd_, 1);
  const auto in_window = [&](std::uint32_t s) { return seq_le(c.rcv_nxt_, s) && seq_lt(s, c.rcv_nxt_ + wnd); };
  if (len == 0) return in_window(seq);
  return in_window(seq) || in_window(seq + len - 1);
}

// RFC 9293 3.10.7.4 second check, with RFC 5961 3.2: only an exact RST resets.
void TcpStack::process_rst(TcpConnection& c, const InSegment& seg) {
  if (seg.tcp.seq != c.rcv_nxt_) return send_ack(c);  // challenge ACK
  end(c, c.state_ == TcpStateId::kTimeWait ? TcpCloseReason::kNormal : TcpCloseReason::kReset);
}

// RFC 9293 3.10.7.4 fifth check. Returns false when the segment is done with.
bool TcpStack::process_ack(TcpConnection& c, const InSegment& seg) {
  const std::uint32_t ack = seg.tcp.ack;
  if (c.state_ == TcpStateId::kSynReceived) {
    if (!(seq_lt(c.snd_una_, ack) && seq_le(ack, c.snd_max_))) {
      reset_for_closed(seg);  // <SEQ=SEG.ACK><CTL=RST>
      return false;
    }
    ack_advanced(c, ack);
    c.snd_wnd_ = std::uint32_t{seg.tcp.window} << c.snd_wscale_;
    c.snd_wl1_ = seg.tcp.seq;
    c.snd_wl2_ = ack;
    const std::uint32_t inc = c.incarnation_;
    established(c);
    return alive(c, inc);
  }
  if (seq_gt(ack, c.snd_max_)) {  // acknowledges something not yet sent
    send_ack(c);
    return false;
  }
  if (seq_lt(c.snd_una_, ack)) ack_advanced(c, ack);
  if (seq_le(c.snd_una_, ack) &&
      (seq_lt(c.snd_wl1_, seg.tcp.seq) || (c.snd_wl1_ == seg.tcp.seq && seq_le(c.snd_wl2_, ack)))) {
    c.snd_wnd_ = std::uint32_t{seg.tcp.window} << c.snd_wscale_;
    c.snd_wl1_ = seg.tcp.seq;
    c.snd_wl2_ = ack;
  }
  const bool fin_acked = c.fin_sent_ && c.snd_una_ == c.snd_max_;
  switch (c.state_) {
    case TcpStateId::kFinWait1:
      if (fin_acked) {
        set_state(c, TcpStateId::kFinWait2);
        // Our close() orphaned the socket: FIN_WAIT2 lasts net.ipv4.tcp_fin_timeout.
        c.time_wait_timer_.arm_in(host_.sim(), host_.sysctls().global().tcp_fin_timeout * kSecond);
      }
      break;
    case TcpStateId::kClosing:
      if (fin_acked) enter_time_wait(c);
      break;
    case TcpStateId::kLastAck:
      if (fin_acked) {
        end(c, TcpCloseReason::kNormal);
        return false;
      }
      break;
    default: break;
  }
  return true;
}

// SND.UNA < ack <= SND.MAX: drop acknowledged bytes, take an RTT sample, restart the timer.
void TcpStack::ack_advanced(TcpConnection& c, std::uint32_t ack) {
  const std::uint32_t acked = ack - c.snd_una_;
  const std::size_t buffered = c.send_buf_.size() - c.buf_head_;
  if (seq_gt(ack, c.buf_seq_)) {
    const std::uint32_t data_end = c.buf_seq_ + static_cast<std::uint32_t>(buffered);
    const std::uint32_t n = (seq_lt(ack, data_end) ? ack : data_end) - c.buf_seq_;
    c.buf_head_ += n;
    c.buf_seq_ += n;
    if (c.buf_head_ == c.send_buf_.size()) {
      c.send_buf_.clear();
      c.buf_head_ = 0;
    } else if (c.buf_head_ >= 65536 && c.buf_head_ * 2 >= c.send_buf_.size()) {
      c.send_buf_.erase(c.send_buf_.begin(), c.send_buf_.begin() + static_cast<std::ptrdiff_t>(c.buf_head_));
      c.buf_head_ = 0;
    }
  }
  c.snd_una_ = ack;
  if (seq_lt(c.snd_nxt_, ack)) c.snd_nxt_ = ack;
  // Karn's rule: only segments sent once are timed (rtt_measuring_ is cleared on RTO).
  if (c.rtt_measuring_ && seq_ge(ack, c.rtt_seq_)) {
    c.rtt_measuring_ = false;
    rtt_sample(c, host_.now() - c.rtt_start_);
  }
  c.retries_ = 0;
  c.retrans_stamp_ = 0;
  // RFC 5681 3.1: slow start below ssthresh, then about one MSS per RTT.
  if (c.cwnd_ != 0) {
    if (c.cwnd_ < c.ssthresh_) c.cwnd_ += std::min<std::uint32_t>(acked, c.mss_);
    else c.cwnd_ += std::max<std::uint32_t>(1, std::uint32_t{c.mss_} * c.mss_ / c.cwnd_);
  }
  host_.confirm_neighbour(c.ep_.remote);  // forward progress (dst_confirm)
  // RFC 6298 5.2 / 5.3.
  if (c.snd_una_ == c.snd_max_) c.rtx_timer_.disarm();
  else arm_rtx(c);
}

// RFC 6298 2.2 / 2.3, with Linux's floor: RTO = SRTT + max(4*RTTVAR, TCP_RTO_MIN)
// (tcp_rtt_estimator / __tcp_set_rto keep rttvar >= tcp_rto_min).
void TcpStack::rtt_sample(TcpConnection& c, SimTime r) {
  if (c.srtt_ == 0) {
    c.srtt_ = r;
    c.rttvar_ = r / 2;
  } else {
    const SimTime delta = c.srtt_ > r ? c.srtt_ - r : r - c.srtt_;
    c.rttvar_ = (3 * c.rttvar_ + delta) / 4;
    c.srtt_ = (7 * c.srtt_ + r) / 8;
  }
  c.rto_ = std::min(c.srtt_ + std::max(4 * c.rttvar_, kMinRto), kMaxRto);
}

void TcpStack::established(TcpConnection& c) {
  if (c.state_ != TcpStateId::kEstablished) set_state(c, TcpStateId::kEstablished);
  c.cwnd_ = kInitialCwndSegments * c.mss_;
  // tcp_init_buffer_space(): the window keeps one segment in reserve ("force
  // reservation of one segment"), so rcv_ssthresh drops below the SYN's window.
  const std::uint32_t advmss = c.adv_mss_ - (c.ts_ok_ ? kTsOptionLen : 0);
  c.window_clamp_ = std::max(2 * advmss, kFullSpace - advmss);
  c.rcv_ssthresh_ = std::min(c.rcv_ssthresh_, c.window_clamp_);
  if (c.syn_retransmitted_ && c.srtt_ == 0) c.rto_ = kRtoAfterSynLoss;
  const std::uint32_t inc = c.incarnation_;
  if (!c.handler_ && c.acceptor_) {
    c.handler_ = c.acceptor_->on_accept(c);
    if (!alive(c, inc)) return;
    if (!c.handler_) {
      send_rst_for(c);
      end(c, TcpCloseReason::kAborted);
      return;
    }
  }
  if (c.handler_) c.handler_->on_connected(c);
}

// The SYN's (or SYN-ACK's) options: the peer's window scale (capped at 14, RFC 7323
// 2.3) and TSval, and the send MSS: the smaller MSS less the 12 bytes of timestamps
// that every segment carries when they are on (tcp_sync_mss()).
void TcpStack::take_syn_options(TcpConnection& c, const InSegment& seg) {
  c.snd_wscale_ = c.rcv_wscale_ != 0 && seg.tcp.has_wscale ? std::min(seg.tcp.wscale, kMaxWscale) : 0;
  if (c.ts_ok_) c.ts_recent_ = seg.tcp.tsval;
  const std::uint16_t peer = seg.tcp.mss ? seg.tcp.mss : kDefaultMss;
  c.mss_ = static_cast<std::uint16_t>(std::min(c.adv_mss_, peer) - (c.ts_ok_ ? kTsOptionLen : 0));
}

// tcp_event_data_recv(): in-order data arrived. The ACK is owed; the first data of a
// connection, or data after a silence longer than the RTO, turns on quickack mode:
// quick = min(rcv_wnd / (2 * rcv_mss), 16) ACKs go out at once (tcp_incr_quickack()).
// tcp_measure_rcv_mss(): a segment at least rcv_mss long sets rcv_mss (up to our
// advertised MSS); a shorter one marks the ACK "pushed" (once, then twice).
// (The ATO is not adapted: the delayed-ACK timer always runs TCP_ATO_MIN.)
void TcpStack::data_received(TcpConnection& c, std::uint32_t len) {
  c.ack_sched_ = true;
  const std::uint32_t advmss = c.adv_mss_ - (c.ts_ok_ ? kTsOptionLen : 0);
  if (len >= c.rcv_mss_) c.rcv_mss_ = static_cast<std::uint16_t>(std::min(len, advmss));
  else c.pushed_ = static_cast<std::uint8_t>(std::min(c.pushed_ + 1, 2));
  const SimTime now = host_.now();
  if (!c.ato_started_ || now - c.lrcvtime_ > c.rto_) {
    const std::uint32_t quick = std::max<std::uint32_t>(c.rcv_wnd_ / (2u * c.rcv_mss_), 2);
    c.quick_ = static_cast<std::uint8_t>(std::max<std::uint32_t>(c.quick_, std::min(quick, kMaxQuickAcks)));
    c.ato_started_ = true;
  }
  c.lrcvtime_ = now;
}

// Is the owed ACK due now? __tcp_ack_snd_check(): more than one full-sized segment
// unacknowledged, or quickack mode (quick ACKs left and not pingpong). And
// tcp_cleanup_rbuf(), as the application reads the data (at once here) and empties
// the buffer: a short segment was received and we are not pingpong, or two were.
bool TcpStack::ack_due(const TcpConnection& c) const {
  if (!c.ack_sched_) return false;
  if (c.rcv_nxt_ - c.rcv_wup_ > c.rcv_mss_) return true;
  if (c.quick_ > 0 && !c.pingpong_) return true;
  return c.pushed_ >= 2 || (c.pushed_ == 1 && !c.pingpong_);
}

// Sends the owed ACK now, or leaves it to the delayed-ACK timer (tcp_send_delayed_ack:
// TCP_DELACK_MIN) unless our next segment carries it first.
void TcpStack::ack_or_delay(TcpConnection& c) {
  if (ack_due(c)) send_ack(c);
  else if (c.ack_sched_ && !c.delack_timer_.armed()) c.delack_timer_.arm_in(host_.sim(), kDelackMin);
}

// RFC 9293 3.10.7.4 seventh and eighth checks: the segment's data, then its FIN.
void TcpStack::process_data_and_fin(TcpConnection& c, const InSegment& seg) {
  const std::uint32_t inc = c.incarnation_;
  if (!process_data(c, seg) || !alive(c, inc)) return;
  if (seg.has(wire::kTcpFin)) process_fin(c, seg);
}

// In-order data only (see tcp_internal.hpp). The ACK for new data is decided before the
// application reads it, as the kernel decides it in softirq before the reader runs: a
// quick ACK goes out ahead of the reply, a delayed one rides on it. Returns false when
// the segment is done with (out of order, or answered with a RST).
bool TcpStack::process_data(TcpConnection& c, const InSegment& seg) {
  const std::uint32_t seq = seg.tcp.seq;
  const bool takes_data =
      c.state_ == TcpStateId::kEstablished || c.state_ == TcpStateId::kFinWait1 || c.state_ == TcpStateId::kFinWait2;
  if (seg.payload.empty() || !takes_data) return true;
  // RFC 1122 4.2.2.13 / tcp_rcv_state_process(): new data for a socket the
  // application has closed (FIN_WAIT1/2 after close()) is answered with a RST.
  if (c.fin_queued_ && c.state_ != TcpStateId::kEstablished &&
      seq_gt(seq + static_cast<std::uint32_t>(seg.payload.size()), c.rcv_nxt_)) {
    reset_for_closed(seg);
    end(c, TcpCloseReason::kReset);
    return false;
  }
  if (seq_gt(seq, c.rcv_nxt_)) {  // out of order: dropped, rcv_nxt is ACKed again at once
    c.ack_now_ = true;
    return false;
  }
  const std::uint32_t skip = c.rcv_nxt_ - seq;  // bytes we already have
  if (skip >= seg.payload.size()) {
    // A retransmission of what we have: tcp_enter_quickack_mode() and ACK at once.
    c.pingpong_ = false;
    c.quick_ = static_cast<std::uint8_t>(kMaxQuickAcks);
    c.ack_now_ = true;
    return true;
  }
  const wire::Bytes fresh = seg.payload.subspan(skip);
  c.rcv_nxt_ += static_cast<std::uint32_t>(fresh.size());
  data_received(c, static_cast<std::uint32_t>(seg.payload.size()));
  // With a FIN behind the data the ACK is decided after it (process_fin).
  if (!seg.has(wire::kTcpFin)) ack_or_delay(c);
  if (c.handler_) c.handler_->on_data(c, fresh);
  return true;
}

// The peer's FIN (tcp_fin()): in ESTABLISHED the ACK waits (pingpong: our FIN or reply
// may carry it); in FIN_WAIT1/2 it goes at once. A FIN in TIME_WAIT restarts 2*MSL.
void TcpStack::process_fin(TcpConnection& c, const InSegment& seg) {
  const std::uint32_t inc = c.incarnation_;
  const std::uint32_t fin_seq = seg.tcp.seq + static_cast<std::uint32_t>(seg.payload.size());
  if (c.state_ == TcpStateId::kTimeWait) {
    c.ack_now_ = true;
    c.time_wait_timer_.arm_in(host_.sim(), kTimeWaitLen);
    return;
  }
  if (c.peer_fin_ || fin_seq != c.rcv_nxt_) {  // a repeat, or data before it is missing
    c.ack_now_ = true;
    return;
  }
  c.rcv_nxt_ += 1;
  c.peer_fin_ = true;
  c.ack_sched_ = true;
  const TcpStateId before = c.state_;
  switch (before) {
    case TcpStateId::kEstablished:
      set_state(c, TcpStateId::kCloseWait);
      c.pingpong_ = true;
      ack_or_delay(c);
      break;
    case TcpStateId::kFinWait1:  // our FIN not yet ACKed
      set_state(c, TcpStateId::kClosing);
      send_ack(c);
      break;
    case TcpStateId::kFinWait2:  // TIME_WAIT after the application heard of it
      send_ack(c);
      break;
    default: return;
  }
  if (c.handler_) c.handler_->on_peer_closed(c);
  if (!alive(c, inc)) return;
  if (before == TcpStateId::kFinWait2) enter_time_wait(c);
}

void TcpStack::icmp_error(wire::Bytes quoted, std::uint8_t type, std::uint8_t code) {
  // The quote is the IP header + 8 bytes: ports and sequence number.
  if (quoted.size() < wire::kIpv4HeaderLen) return;
  const std::size_t ihl = std::size_t{quoted[0] & 0x0fu} * 4;
  if (ihl < wire::kIpv4HeaderLen || quoted.size() < ihl + 8 || quoted[9] != wire::kIpProtoTcp) return;
  const std::uint8_t* th = quoted.data() + ihl;
  const Endpoint4 ep{wire::get_ip(quoted.data() + 12), wire::get16(th), wire::get_ip(quoted.data() + 16),
                     wire::get16(th + 2)};
  TcpConnection* c = find(ep);
  if (!c) return;
  const std::uint32_t seq = wire::get32(th + 4);
  if (!(seq_le(c->snd_una_, seq) && seq_lt(seq, c->snd_max_))) return;              // tcp_v4_err: not in flight
  if (type == wire::kIcmpDestUnreachable && code == wire::kIcmpFragNeeded) return;  // PMTU not modelled
  if (type != wire::kIcmpDestUnreachable && type != wire::kIcmpTimeExceeded) return;
  // tcp_v4_err(): while connecting, an ICMP error ends the attempt (ECONNREFUSED for
  // port unreachable, EHOSTUNREACH/ENETUNREACH otherwise). Later it is a soft error only.
  if (c->state_ != TcpStateId::kSynSent && c->state_ != TcpStateId::kSynReceived) return;
  const bool refused = type == wire::kIcmpDestUnreachable && code == wire::kIcmpPortUnreachable;
  end(*c, refused ? TcpCloseReason::kReset : TcpCloseReason::kUnreachable);
}

}  // namespace lvs
