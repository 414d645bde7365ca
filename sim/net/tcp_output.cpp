// TCP output: what the window and MSS allow, SYN / ACK / RST, building a segment with
// the options and the window Linux's tcp_output.c puts on it, timestamps, and the
// reset for a segment that has no connection.
#include <algorithm>
#include <cstring>

#include "sim/net/host.hpp"
#include "sim/net/tcp.hpp"
#include "sim/net/tcp_internal.hpp"
#include "sim/wire/ipv4.hpp"
#include "sim/wire/tcp.hpp"

namespace lvs {

using namespace tcp;

namespace {

bool can_send_data(TcpStateId s) {
  return s == TcpStateId::kEstablished || s == TcpStateId::kCloseWait || s == TcpStateId::kFinWait1 ||
         s == TcpStateId::kClosing || s == TcpStateId::kLastAck;
}

}  // namespace

// Sends what the window (min of the peer's window and cwnd) and the MSS allow, then
// the FIN once all queued data has gone.
void TcpStack::output(TcpConnection& c) {
  if (!can_send_data(c.state_)) return;
  const std::uint32_t data_end = c.buf_seq_ + static_cast<std::uint32_t>(c.send_buf_.size() - c.buf_head_);
  for (;;) {
    const std::uint32_t flight = c.snd_nxt_ - c.snd_una_;
    const std::uint32_t wnd = std::min(c.snd_wnd_, c.cwnd_);
    if (seq_lt(c.snd_nxt_, data_end)) {
      // Whole segments only (Linux counts cwnd in packets): a short one only at the end
      // of the queued data.
      const std::uint32_t n = std::min(data_end - c.snd_nxt_, std::uint32_t{c.mss_});
      if (flight >= wnd || wnd - flight < n) break;
      const bool last = c.snd_nxt_ + n == data_end;
      const bool fresh = c.snd_nxt_ == c.snd_max_;
      if (fresh && !c.rtt_measuring_) {
        c.rtt_measuring_ = true;
        c.rtt_seq_ = c.snd_nxt_ + n;
        c.rtt_start_ = host_.now();
      }
      transmit(c, c.snd_nxt_, wire::kTcpAck | (last ? wire::kTcpPsh : 0), n);
      c.snd_nxt_ += n;
      if (seq_gt(c.snd_nxt_, c.snd_max_)) c.snd_max_ = c.snd_nxt_;
      continue;
    }
    if (c.fin_queued_ && c.snd_nxt_ == data_end) {
      transmit(c, data_end, wire::kTcpFin | wire::kTcpAck, 0);
      c.fin_sent_ = true;
      c.snd_nxt_ = data_end + 1;
      if (seq_gt(c.snd_nxt_, c.snd_max_)) c.snd_max_ = c.snd_nxt_;
    }
    break;
  }
  if (c.snd_una_ != c.snd_max_ && !c.rtx_timer_.armed()) arm_rtx(c);
}

void TcpStack::send_syn(TcpConnection& c) {
  const std::uint8_t flags = wire::kTcpSyn | (c.state_ == TcpStateId::kSynReceived ? wire::kTcpAck : 0);
  c.rtt_measuring_ = true;
  c.rtt_seq_ = c.iss_ + 1;
  c.rtt_start_ = host_.now();
  transmit(c, c.iss_, flags, 0);
  c.snd_nxt_ = c.snd_max_ = c.iss_ + 1;
  arm_rtx(c);
}

void TcpStack::send_ack(TcpConnection& c) { transmit(c, c.snd_nxt_, wire::kTcpAck, 0); }

void TcpStack::send_rst_for(TcpConnection& c) { transmit(c, c.snd_nxt_, wire::kTcpRst | wire::kTcpAck, 0); }

void TcpStack::transmit(TcpConnection& c, std::uint32_t seq, std::uint8_t flags, std::size_t data_len) {
  wire::TcpRepr r;
  r.src_port = c.ep_.local_port;
  r.dst_port = c.ep_.remote_port;
  r.seq = seq;
  r.ack = (flags & wire::kTcpAck) ? c.rcv_nxt_ : 0;
  r.flags = flags;
  if (flags & wire::kTcpSyn) {
    // tcp_syn_options() / tcp_synack_options(): the SYN's window is never scaled.
    r.window = static_cast<std::uint16_t>(std::min<std::uint32_t>(c.rcv_wnd_, 0xffff));
    r.mss = c.adv_mss_;
    r.sack_permitted = c.sack_ok_;
    r.has_wscale = c.rcv_wscale_ != 0 || c.state_ == TcpStateId::kSynSent;
    r.wscale = c.rcv_wscale_;
  } else {
    r.window = select_window(c);
  }
  if (c.ts_ok_) {
    r.has_timestamp = true;
    r.tsval = ts_now(c);
    r.tsecr = c.ts_recent_;
  }
  const std::size_t header = wire::tcp_header_len(r);
  Packet p = host_.world_pool().allocate();
  std::uint8_t* out = p->push_back(static_cast<std::uint16_t>(header + data_len));
  if (data_len > 0) std::memcpy(out + header, c.send_buf_.data() + c.buf_head_ + (seq - c.buf_seq_), data_len);
  wire::emit_tcp(r, c.ep_.local, c.ep_.remote, p->bytes());
  if (flags & wire::kTcpAck) {  // tcp_event_ack_sent(): the owed ACK went with it
    c.ack_now_ = c.ack_sched_ = false;
    c.pushed_ = 0;
    if (c.quick_ > 0) --c.quick_;
    c.delack_timer_.disarm();
  }
  // tcp_event_data_sent(): a reply within the ATO of the last data received makes the
  // connection interactive (pingpong; threshold 1 in 6.1 stable).
  if (data_len > 0 && c.ato_started_ && host_.now() - c.lrcvtime_ < kDelackMin) c.pingpong_ = true;
  const bool occupies = data_len > 0 || (flags & (wire::kTcpSyn | wire::kTcpFin));
  if (occupies && seq_lt(seq, c.snd_max_)) trace_retransmit(c, seq);
  IpSendOptions opt;
  opt.flow = c.flow_;
  host_.ip_send(std::move(p), c.ep_.local, c.ep_.remote, wire::kIpProtoTcp, opt);
}

// tcp_select_window() for a buffer the application keeps empty: offer rcv_ssthresh
// (never more than the free space), rounded up to the scale unit; without scaling keep
// the last offer while it is within one rcv_mss of that, else whole rcv_mss. Never
// shrink what was offered before (RFC 7323 2.4). rcv_wup moves to rcv_nxt.
std::uint16_t TcpStack::select_window(TcpConnection& c) {
  const std::uint32_t unit = 1u << c.rcv_wscale_;
  const auto align = [unit](std::uint32_t w) { return (w + unit - 1) & ~(unit - 1); };
  const std::uint32_t free_space = std::min(kFullSpace, c.rcv_ssthresh_);
  std::uint32_t win;
  if (c.rcv_wscale_ != 0) {
    win = align(free_space);
  } else {
    win = c.rcv_wnd_;
    if (win + c.rcv_mss_ <= free_space || win > free_space) win = free_space / c.rcv_mss_ * c.rcv_mss_;
  }
  const std::uint32_t cur = seq_gt(c.rcv_wup_ + c.rcv_wnd_, c.rcv_nxt_) ? c.rcv_wup_ + c.rcv_wnd_ - c.rcv_nxt_ : 0;
  if (win < cur) win = align(cur);
  c.rcv_wnd_ = win;
  c.rcv_wup_ = c.rcv_nxt_;
  return static_cast<std::uint16_t>(std::min(win, 0xffffu << c.rcv_wscale_) >> c.rcv_wscale_);
}

// TSval: Linux's millisecond TCP clock plus the connection's tsoffset.
std::uint32_t TcpStack::ts_now(const TcpConnection& c) const {
  return static_cast<std::uint32_t>(host_.now() / kMillisecond) + c.ts_offset_;
}

// secure_tcp_ts_off(): a keyed hash of the address pair, so every connection between
// two addresses starts from the same random offset (the key is per host here).
std::uint32_t TcpStack::ts_offset(Ipv4Addr local, Ipv4Addr remote) {
  if (!ts_secret_set_) {
    ts_secret_ = host_.rng().stream(kTsStream).next();
    ts_secret_set_ = true;
  }
  std::uint64_t x = ts_secret_ ^ ((std::uint64_t{local.value} << 32) | remote.value);
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ull;
  return static_cast<std::uint32_t>(x ^ (x >> 33));
}

// RFC 9293 3.10.7.1: no connection. Never answer a RST; if the segment has an ACK the
// reset takes its sequence number from it, else it acknowledges the segment.
void TcpStack::reset_for_closed(const InSegment& seg) {
  if (seg.has(wire::kTcpRst)) return;
  if (seg.ip.dst.is_broadcast() || seg.ip.dst.is_multicast()) return;
  wire::TcpRepr r;
  r.src_port = seg.tcp.dst_port;
  r.dst_port = seg.tcp.src_port;
  if (seg.has(wire::kTcpAck)) {
    r.seq = seg.tcp.ack;
    r.flags = wire::kTcpRst;
  } else {
    r.seq = 0;
    r.ack = seg.tcp.seq + seg.len();
    r.flags = wire::kTcpRst | wire::kTcpAck;
  }
  Packet p = host_.world_pool().allocate();
  p->push_back(static_cast<std::uint16_t>(wire::tcp_header_len(r)));
  wire::emit_tcp(r, seg.ip.dst, seg.ip.src, p->bytes());
  IpSendOptions opt;
  opt.flow = seg.flow;
  host_.ip_send(std::move(p), seg.ip.dst, seg.ip.src, wire::kIpProtoTcp, opt);
}

}  // namespace lvs
