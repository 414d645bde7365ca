// TCP timers (Linux's tcp_timer.c): retransmission with backoff and giving up
// (RFC 6298, tcp_write_timeout), the delayed ACK, TIME_WAIT and the orphaned FIN_WAIT2.
#include <algorithm>

#include "sim/net/host.hpp"
#include "sim/net/tcp.hpp"
#include "sim/net/tcp_internal.hpp"
#include "sim/wire/tcp.hpp"

namespace lvs {

using namespace tcp;

namespace {

// tcp_model_timeout(): how long the kernel keeps retransmitting before giving up after
// `boundary` retransmissions starting from `rto_base` with exponential backoff capped at
// TCP_RTO_MAX (net/ipv4/tcp_timer.c).
SimTime model_timeout(int boundary, SimTime rto_base) {
  int thresh = 0;
  while ((rto_base << (thresh + 1)) <= kMaxRto) ++thresh;  // ilog2(TCP_RTO_MAX / rto_base)
  if (boundary <= thresh) return ((SimTime{2} << boundary) - 1) * rto_base;
  return ((SimTime{2} << thresh) - 1) * rto_base + (boundary - thresh) * kMaxRto;
}

}  // namespace

void TcpStack::arm_rtx(TcpConnection& c) { c.rtx_timer_.arm_in(host_.sim(), c.rto_); }

// tcp_write_timeout(): SYN and SYN-ACK give up after a number of retransmissions;
// established connections after the time tcp_model_timeout(tcp_retries2) gives (or
// tcp_orphan_retries once the application closed).
bool TcpStack::retries_exhausted(const TcpConnection& c) const {
  const auto& g = host_.sysctls().global();
  if (c.state_ == TcpStateId::kSynSent) return c.retries_ >= g.tcp_syn_retries;
  if (c.state_ == TcpStateId::kSynReceived) return c.retries_ >= g.tcp_synack_retries;
  if (c.retries_ == 0) return false;
  const int boundary = c.fin_queued_ ? kOrphanRetries : g.tcp_retries2;
  return host_.now() - c.retrans_stamp_ >= model_timeout(boundary, kMinRto);
}

// RFC 6298 5.4-5.6 and RFC 5681 3.1 (4): retransmit the oldest segment, back off,
// collapse cwnd to one segment and resend the rest go-back-N as ACKs return.
void TcpStack::on_rto(TcpConnection& c) {
  if (c.snd_una_ == c.snd_max_) return;
  if (retries_exhausted(c)) return end(c, TcpCloseReason::kTimeout);  // tcp_write_err: no RST
  if (c.retries_ == 0) c.retrans_stamp_ = host_.now() - c.rto_;
  ++c.retries_;
  c.rtt_measuring_ = false;
  c.rto_ = std::min(c.rto_ * 2, kMaxRto);
  if (c.state_ == TcpStateId::kSynSent || c.state_ == TcpStateId::kSynReceived) {
    c.syn_retransmitted_ = true;
    const std::uint8_t flags = wire::kTcpSyn | (c.state_ == TcpStateId::kSynReceived ? wire::kTcpAck : 0);
    transmit(c, c.iss_, flags, 0);
  } else {
    const std::uint32_t flight = c.snd_max_ - c.snd_una_;
    c.ssthresh_ = std::max<std::uint32_t>(flight / 2, 2u * c.mss_);
    c.cwnd_ = c.mss_;
    c.snd_nxt_ = c.snd_una_;
    output(c);
  }
  arm_rtx(c);
}

// tcp_delack_timer_handler(): the ACK is still owed; a missed delayed ACK ends pingpong.
void TcpStack::on_delack(TcpConnection& c) {
  if (!c.ack_sched_ || c.state_ == TcpStateId::kTimeWait) return;
  c.pingpong_ = false;
  send_ack(c);
}

void TcpStack::on_event(const Event& ev) {
  if (ev.a >= conns_.size()) return;
  TcpConnection& c = *conns_[ev.a];
  if (ev.kind == kRtxTimer) {
    if (c.rtx_timer_.should_fire(host_.sim(), ev.b) && c.in_use_) on_rto(c);
  } else if (ev.kind == kDelackTimer) {
    if (c.delack_timer_.should_fire(host_.sim(), ev.b) && c.in_use_) on_delack(c);
  } else if (ev.kind == kTimeWaitTimer) {
    if (!c.time_wait_timer_.should_fire(host_.sim(), ev.b) || !c.in_use_) return;
    // Orphaned FIN_WAIT2 timeout: with tcp_fin_timeout <= TIME_WAIT the kernel sends a
    // RST and drops the socket (tcp_keepalive_timer).
    if (c.state_ == TcpStateId::kFinWait2) send_rst_for(c);
    end(c, TcpCloseReason::kNormal);
  }
}

}  // namespace lvs
