#include "sim/net/tcp.hpp"

#include <algorithm>
#include <cstring>

#include "sim/net/host.hpp"
#include "sim/net/world.hpp"
#include "sim/wire/icmp.hpp"
#include "sim/wire/ipv4.hpp"
#include "sim/wire/tcp.hpp"

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

namespace lvs {

namespace {

constexpr std::uint16_t kRcvWindow = 64240;      // the peer's window assumed before its SYN
// Receive buffer: tcp_rmem = 4096 131072 6291456 (Linux's defaults with >= 1.5 GiB of
// RAM; the kernel test's 512 MiB VM gets 3393184 and so window scale 6).
// tcp_full_space() = tcp_win_from_space(131072) with tcp_adv_win_scale=1: half of it.
constexpr std::uint32_t kFullSpace = 131072 / 2;
// tcp_select_initial_window(): ilog2(max(tcp_rmem[2], rmem_max)) - 15 = 7.
constexpr std::uint8_t kRcvWscale = 7;
constexpr std::uint8_t kMaxWscale = 14;              // RFC 7323 2.3, TCP_MAX_WSCALE
constexpr std::uint16_t kTsOptionLen = 12;           // TCPOLEN_TSTAMP_ALIGNED
constexpr std::uint32_t kMaxQuickAcks = 16;          // TCP_MAX_QUICKACKS
constexpr SimTime kDelackMin = 40 * kMillisecond;    // TCP_DELACK_MIN = TCP_ATO_MIN
constexpr std::uint32_t kTsStream = 0x74637074;      // rng stream of the tsoffset secret
constexpr SimTime kInitialRto = 1 * kSecond;     // RFC 6298 2.1, TCP_TIMEOUT_INIT
constexpr SimTime kMinRto = 200 * kMillisecond;  // TCP_RTO_MIN
constexpr SimTime kMaxRto = 120 * kSecond;       // TCP_RTO_MAX
constexpr SimTime kRtoAfterSynLoss = 3 * kSecond;  // RFC 6298 5.7, TCP_TIMEOUT_FALLBACK
// TIME_WAIT lasts 2*MSL; Linux fixes it at 60 s (TCP_TIMEWAIT_LEN), so do we.
constexpr SimTime kTimeWaitLen = 60 * kSecond;
constexpr std::uint16_t kDefaultMss = 536;  // RFC 9293 3.7.1: no MSS option seen
// Packet slots hold 2 KiB, so segments never exceed the Ethernet MSS, also on lo
// (where Linux would use 65483).
constexpr std::uint16_t kMaxMss = 1460;
constexpr std::uint32_t kInitialCwndSegments = 10;  // RFC 6928, Linux TCP_INIT_CWND
constexpr int kOrphanRetries = 8;  // tcp_orphan_retries=0 means 8 (tcp_orphan_retries())

bool seq_lt(std::uint32_t a, std::uint32_t b) { return static_cast<std::int32_t>(a - b) < 0; }
bool seq_le(std::uint32_t a, std::uint32_t b) { return static_cast<std::int32_t>(a - b) <= 0; }
bool seq_gt(std::uint32_t a, std::uint32_t b) { return seq_lt(b, a); }
bool seq_ge(std::uint32_t a, std::uint32_t b) { return seq_le(b, a); }

// tcp_model_timeout(): how long the kernel keeps retransmitting before giving up after
// `boundary` retransmissions starting from `rto_base` with exponential backoff capped at
// TCP_RTO_MAX (net/ipv4/tcp_timer.c).
SimTime model_timeout(int boundary, SimTime rto_base) {
  int thresh = 0;
  while ((rto_base << (thresh + 1)) <= kMaxRto) ++thresh;  // ilog2(TCP_RTO_MAX / rto_base)
  if (boundary <= thresh) return ((SimTime{2} << boundary) - 1) * rto_base;
  return ((SimTime{2} << thresh) - 1) * rto_base + (boundary - thresh) * kMaxRto;
}

bool can_send_data(TcpStateId s) {
  return s == TcpStateId::kEstablished || s == TcpStateId::kCloseWait || s == TcpStateId::kFinWait1 ||
         s == TcpStateId::kClosing || s == TcpStateId::kLastAck;
}

}  // namespace

const char* tcp_close_reason_text(TcpCloseReason r) {
  switch (r) {
    case TcpCloseReason::kNormal: return "Success";
    case TcpCloseReason::kReset: return "Connection refused";  // as connect() reports it
    case TcpCloseReason::kTimeout: return "Connection timed out";
    case TcpCloseReason::kAborted: return "Software caused connection abort";
    case TcpCloseReason::kUnreachable: return "No route to host";
    case TcpCloseReason::kHostDown: return "Host is down";
  }
  return "?";
}

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

std::size_t TcpStack::KeyHash::operator()(const Key& k) const {
  std::uint64_t x = (std::uint64_t{k.local} << 32) ^ k.remote;
  x ^= (std::uint64_t{k.local_port} << 16 | k.remote_port) * 0x9e3779b97f4a7c15ull;
  x ^= x >> 31;
  x *= 0xbf58476d1ce4e5b9ull;
  return static_cast<std::size_t>(x ^ (x >> 29));
}

// --- TcpConnection ------------------------------------------------------------------

Host& TcpConnection::host() const { return stack_->host_; }

void TcpConnection::send(wire::Bytes data) {
  if (!in_use_ || fin_queued_ || data.empty()) return;
  switch (state_) {
    case TcpStateId::kSynSent:
    case TcpStateId::kSynReceived:
    case TcpStateId::kEstablished:
    case TcpStateId::kCloseWait:
      break;
    default:
      return;  // EPIPE
  }
  send_buf_.insert(send_buf_.end(), data.begin(), data.end());
  stack_->output(*this);
}

void TcpConnection::close() {
  if (!in_use_ || fin_queued_) return;
  switch (state_) {
    case TcpStateId::kSynSent:  // tcp_close() in SYN_SENT: nothing is sent
      stack_->end(*this, TcpCloseReason::kNormal);
      return;
    case TcpStateId::kSynReceived:
      abort();
      return;
    case TcpStateId::kEstablished:  // RFC 9293 3.10.4: FIN after the queued data
      fin_queued_ = true;
      stack_->set_state(*this, TcpStateId::kFinWait1);
      break;
    case TcpStateId::kCloseWait:
      fin_queued_ = true;
      stack_->set_state(*this, TcpStateId::kLastAck);
      break;
    default:
      return;
  }
  stack_->output(*this);
}

void TcpConnection::abort() {
  if (!in_use_ || state_ == TcpStateId::kClosed) return;
  // tcp_disconnect(): tcp_need_reset() states send RST <SEQ=SND.NXT>.
  switch (state_) {
    case TcpStateId::kSynReceived:
    case TcpStateId::kEstablished:
    case TcpStateId::kFinWait1:
    case TcpStateId::kFinWait2:
    case TcpStateId::kCloseWait:
      stack_->send_rst_for(*this);
      break;
    default:
      break;
  }
  stack_->end(*this, TcpCloseReason::kAborted);
}

// --- TcpStack: table -----------------------------------------------------------------

TcpStack::TcpStack(Host& host) : host_(host) {}
TcpStack::~TcpStack() = default;

std::size_t TcpStack::connection_count() const { return active_; }

bool TcpStack::listen(Ipv4Addr addr, std::uint16_t port, TcpAcceptor* acceptor) {
  for (const auto& l : listeners_)
    if (l.port == port && (l.addr == addr || l.addr.is_unspecified() || addr.is_unspecified())) return false;
  listeners_.push_back(Listener{addr, port, acceptor});
  return true;
}

const TcpStack::Listener* TcpStack::find_listener(Ipv4Addr addr, std::uint16_t port) const {
  const Listener* wildcard = nullptr;
  for (const auto& l : listeners_) {
    if (l.port != port) continue;
    if (l.addr == addr) return &l;
    if (l.addr.is_unspecified()) wildcard = &l;
  }
  return wildcard;
}

TcpConnection* TcpStack::find(const Endpoint4& ep) {
  const auto it = by_key_.find(key_of(ep));
  return it == by_key_.end() ? nullptr : conns_[it->second].get();
}

TcpConnection& TcpStack::new_connection(const Endpoint4& ep, std::uint32_t flow) {
  std::uint32_t id;
  if (!free_ids_.empty()) {
    id = free_ids_.back();
    free_ids_.pop_back();
  } else {
    id = static_cast<std::uint32_t>(conns_.size());
    conns_.emplace_back(new TcpConnection());
    conns_.back()->rtx_timer_.bind(this, kRtxTimer, id);
    conns_.back()->time_wait_timer_.bind(this, kTimeWaitTimer, id);
    conns_.back()->delack_timer_.bind(this, kDelackTimer, id);
  }
  TcpConnection& c = *conns_[id];
  // A fresh connection in a reused slot: the timers keep their generations (so events
  // of the previous incarnation stay stale) and the buffer keeps its capacity.
  const Timer rtx = c.rtx_timer_, tw = c.time_wait_timer_, delack = c.delack_timer_;
  const std::uint32_t incarnation = c.incarnation_;
  std::vector<std::uint8_t> buf = std::move(c.send_buf_);
  buf.clear();
  c = TcpConnection();
  c.rtx_timer_ = rtx;
  c.time_wait_timer_ = tw;
  c.delack_timer_ = delack;
  c.incarnation_ = incarnation;
  c.send_buf_ = std::move(buf);
  c.stack_ = this;
  c.id_ = id;
  c.in_use_ = true;
  c.ep_ = ep;
  c.flow_ = flow;
  c.rto_ = kInitialRto;
  c.snd_wnd_ = kRcvWindow;
  c.ssthresh_ = 0xffffffffu;
  by_key_[key_of(ep)] = id;
  port_used(ep, true);
  ++active_;
  return c;
}

void TcpStack::release(TcpConnection& c) {
  c.in_use_ = false;
  ++c.incarnation_;
  c.handler_ = nullptr;
  c.send_buf_.clear();
  c.buf_head_ = 0;
  free_ids_.push_back(c.id_);
  --active_;
}

// Ephemeral ports from net.ipv4.ip_local_port_range, from a random start (as udp.cpp);
// a port is usable when no connection has the same 4-tuple and nobody listens on it.
// As __inet_hash_connect(): from the offset, the first usable port, the offset moving
// past it. The ports in use come from the destination's PortSet, so a connect() costs a
// constant number of probes even when every port is taken (EADDRNOTAVAIL).
std::uint16_t TcpStack::pick_ephemeral(Ipv4Addr src, Ipv4Addr dst, std::uint16_t dport) {
  const auto& g = host_.sysctls().global();
  const int span = g.ip_local_port_last - g.ip_local_port_first + 1;
  if (span <= 0) return 0;
  if (!ephemeral_started_) {
    next_ephemeral_ = static_cast<std::uint16_t>(host_.rng().below(static_cast<std::uint64_t>(span)));
    ephemeral_started_ = true;
  }
  const auto first = static_cast<std::uint32_t>(g.ip_local_port_first);
  const auto last = static_cast<std::uint32_t>(g.ip_local_port_last);
  const std::uint32_t origin = first + static_cast<std::uint32_t>(next_ephemeral_ % span);
  const PortSet& used = ports_towards(Endpoint4{src, 0, dst, dport});
  // From the offset to the end of the range, then from its start to the offset.
  const std::pair<std::uint32_t, std::uint32_t> passes[] = {{origin, last}, {first, origin - 1}};
  for (const auto& [from_port, to_port] : passes) {
    for (std::uint32_t from = from_port; from <= to_port && to_port <= last;) {
      const auto port = used.first_free(from, to_port, &port_probes_);
      if (!port) break;
      if (!find_listener(src, *port)) {
        next_ephemeral_ = static_cast<std::uint16_t>((*port - first + 1) % static_cast<std::uint32_t>(span));
        return *port;
      }
      from = *port + 1u;
    }
  }
  return 0;  // EADDRNOTAVAIL
}

// The destination's set, filled from the connection table the first time (connections
// to it made before, e.g. with a bound port, count too).
PortSet& TcpStack::ports_towards(const Endpoint4& destination) {
  const auto [it, fresh] = connect_ports_.try_emplace(destination_of(destination));
  if (fresh)
    for (const auto& [key, id] : by_key_)
      if (key.local == destination.local.value && key.remote == destination.remote.value &&
          key.remote_port == destination.remote_port)
        it->second.insert(key.local_port);
  return it->second;
}

void TcpStack::port_used(const Endpoint4& ep, bool used) {
  const auto it = connect_ports_.find(destination_of(ep));
  if (it == connect_ports_.end()) return;
  if (used) it->second.insert(ep.local_port);
  else it->second.erase(ep.local_port);
}

std::uint16_t TcpStack::route_mss(Ipv4Addr local, Ipv4Addr remote) const {
  const auto route = host_.route_output(remote, local);
  if (!route || route->dev == kNoId) return kDefaultMss;
  const int mss = host_.iface(route->dev).mtu - static_cast<int>(wire::kIpv4HeaderLen + wire::kTcpHeaderLen);
  return static_cast<std::uint16_t>(std::clamp(mss, 88, static_cast<int>(kMaxMss)));
}

// --- active open ---------------------------------------------------------------------

TcpConnection* TcpStack::connect(Ipv4Addr dst, std::uint16_t port, TcpHandler* handler, std::uint32_t flow,
                                 Ipv4Addr src, std::uint16_t src_port, RouteError* route_error) {
  RouteError error = RouteError::kNone;
  const auto route = host_.route_output(dst, src, &error);
  if (route_error) *route_error = error;
  if (!route) return nullptr;
  // tcp_v4_connect(): a route with RTCF_BROADCAST or RTCF_MULTICAST (the limited or a
  // local subnet broadcast, any 224/4 address) is refused with -ENETUNREACH; no SYN.
  if (route->type == RouteType::kBroadcast || dst.is_multicast()) {
    if (route_error) *route_error = RouteError::kNetUnreachable;
    return nullptr;
  }
  const Ipv4Addr local = src.is_unspecified() ? route->src : src;
  if (src_port != 0 && (find_listener(local, src_port) || find(Endpoint4{local, src_port, dst, port})))
    return nullptr;  // EADDRINUSE
  const std::uint16_t lport = src_port != 0 ? src_port : pick_ephemeral(local, dst, port);
  if (lport == 0) return nullptr;
  TcpConnection& c = new_connection(Endpoint4{local, lport, dst, port}, flow);
  c.handler_ = handler;
  c.iss_ = static_cast<std::uint32_t>(host_.rng().next());
  c.snd_una_ = c.snd_nxt_ = c.snd_max_ = c.iss_;
  c.buf_seq_ = c.iss_ + 1;
  c.adv_mss_ = c.mss_ = route_mss(local, dst);
  // tcp_connect_init(): offer SACK, timestamps and window scaling (the sysctls'
  // defaults); the SYN's window is tcp_full_space() rounded down to whole MSS.
  c.ts_ok_ = c.sack_ok_ = true;
  c.rcv_wscale_ = kRcvWscale;
  c.ts_offset_ = ts_offset(local, dst);
  c.rcv_wnd_ = c.rcv_ssthresh_ = std::min<std::uint32_t>(kFullSpace / c.adv_mss_ * c.adv_mss_, 0xffff);
  set_state(c, TcpStateId::kSynSent);
  send_syn(c);
  return &c;
}

// --- input ---------------------------------------------------------------------------

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
    if (c->state_ == TcpStateId::kSynSent)
      segment_syn_sent(*c, seg);
    else
      segment_synchronized(*c, seg);
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
    default:
      break;
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
    if (c.cwnd_ < c.ssthresh_)
      c.cwnd_ += std::min<std::uint32_t>(acked, c.mss_);
    else
      c.cwnd_ += std::max<std::uint32_t>(1, std::uint32_t{c.mss_} * c.mss_ / c.cwnd_);
  }
  host_.confirm_neighbour(c.ep_.remote);  // forward progress (dst_confirm)
  // RFC 6298 5.2 / 5.3.
  if (c.snd_una_ == c.snd_max_)
    c.rtx_timer_.disarm();
  else
    arm_rtx(c);
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
  if (len >= c.rcv_mss_)
    c.rcv_mss_ = static_cast<std::uint16_t>(std::min(len, advmss));
  else
    c.pushed_ = static_cast<std::uint8_t>(std::min(c.pushed_ + 1, 2));
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
  if (ack_due(c))
    send_ack(c);
  else if (c.ack_sched_ && !c.delack_timer_.armed())
    c.delack_timer_.arm_in(host_.sim(), kDelackMin);
}

// tcp_delack_timer_handler(): the ACK is still owed; a missed delayed ACK ends pingpong.
void TcpStack::on_delack(TcpConnection& c) {
  if (!c.ack_sched_ || c.state_ == TcpStateId::kTimeWait) return;
  c.pingpong_ = false;
  send_ack(c);
}

// RFC 9293 3.10.7.4 seventh and eighth checks. In-order data only (see the top).
// The ACK for new data is decided before the application reads it, as the kernel
// decides it in softirq before the reader runs: a quick ACK goes out ahead of the
// reply, a delayed one rides on it.
void TcpStack::process_data_and_fin(TcpConnection& c, const InSegment& seg) {
  const std::uint32_t inc = c.incarnation_;
  const std::uint32_t seq = seg.tcp.seq;
  const bool takes_data = c.state_ == TcpStateId::kEstablished || c.state_ == TcpStateId::kFinWait1 ||
                          c.state_ == TcpStateId::kFinWait2;
  if (!seg.payload.empty() && takes_data) {
    // RFC 1122 4.2.2.13 / tcp_rcv_state_process(): new data for a socket the
    // application has closed (FIN_WAIT1/2 after close()) is answered with a RST.
    if (c.fin_queued_ && c.state_ != TcpStateId::kEstablished &&
        seq_gt(seq + static_cast<std::uint32_t>(seg.payload.size()), c.rcv_nxt_)) {
      reset_for_closed(seg);
      end(c, TcpCloseReason::kReset);
      return;
    }
    if (seq_gt(seq, c.rcv_nxt_)) {  // out of order: dropped, rcv_nxt is ACKed again at once
      c.ack_now_ = true;
      return;
    }
    const std::uint32_t skip = c.rcv_nxt_ - seq;  // bytes we already have
    if (skip >= seg.payload.size()) {
      // A retransmission of what we have: tcp_enter_quickack_mode() and ACK at once.
      c.pingpong_ = false;
      c.quick_ = static_cast<std::uint8_t>(kMaxQuickAcks);
      c.ack_now_ = true;
    } else {
      const wire::Bytes fresh = seg.payload.subspan(skip);
      c.rcv_nxt_ += static_cast<std::uint32_t>(fresh.size());
      data_received(c, static_cast<std::uint32_t>(seg.payload.size()));
      // With a FIN behind the data the ACK is decided after it (below).
      if (!seg.has(wire::kTcpFin)) ack_or_delay(c);
      if (c.handler_) c.handler_->on_data(c, fresh);
      if (!alive(c, inc)) return;
    }
  }
  if (!seg.has(wire::kTcpFin)) return;
  const std::uint32_t fin_seq = seq + static_cast<std::uint32_t>(seg.payload.size());
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
  // tcp_fin(): in ESTABLISHED the ACK waits (pingpong: our FIN or reply may carry it);
  // in FIN_WAIT1/2 it goes at once.
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
  if (!(seq_le(c->snd_una_, seq) && seq_lt(seq, c->snd_max_))) return;  // tcp_v4_err: not in flight
  if (type == wire::kIcmpDestUnreachable && code == wire::kIcmpFragNeeded) return;  // PMTU not modelled
  if (type != wire::kIcmpDestUnreachable && type != wire::kIcmpTimeExceeded) return;
  // tcp_v4_err(): while connecting, an ICMP error ends the attempt (ECONNREFUSED for
  // port unreachable, EHOSTUNREACH/ENETUNREACH otherwise). Later it is a soft error only.
  if (c->state_ != TcpStateId::kSynSent && c->state_ != TcpStateId::kSynReceived) return;
  const bool refused = type == wire::kIcmpDestUnreachable && code == wire::kIcmpPortUnreachable;
  end(*c, refused ? TcpCloseReason::kReset : TcpCloseReason::kUnreachable);
}

void TcpStack::host_stopped() {
  for (auto& c : conns_)
    if (c->in_use_) end(*c, TcpCloseReason::kHostDown);
}

// --- output --------------------------------------------------------------------------

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

// --- state ---------------------------------------------------------------------------

void TcpStack::set_state(TcpConnection& c, TcpStateId to) {
  if (host_.tracing())
    host_.world().trace().record(host_.now(), TcpStateChange{host_.id(), c.ep_, c.state_, to, c.flow_});
  c.state_ = to;
}

void TcpStack::trace_retransmit(const TcpConnection& c, std::uint32_t seq) {
  if (host_.tracing())
    host_.world().trace().record(host_.now(), TcpRetransmit{host_.id(), c.ep_, seq, c.rto_, c.flow_});
}

// The application hears on_closed now; the connection lingers 2*MSL without it.
void TcpStack::enter_time_wait(TcpConnection& c) {
  set_state(c, TcpStateId::kTimeWait);
  c.rtx_timer_.disarm();
  c.delack_timer_.disarm();
  c.ack_sched_ = false;
  // Everything we sent is acknowledged: give the buffer back. A busy server holds
  // tens of thousands of TIME_WAIT entries (1000 connections/s for 60 s), and the kernel
  // keeps only a small tcp_timewait_sock for them too.
  std::vector<std::uint8_t>().swap(c.send_buf_);
  c.buf_head_ = 0;
  c.time_wait_timer_.arm_in(host_.sim(), kTimeWaitLen);
  notify_closed(c, TcpCloseReason::kNormal);
}

void TcpStack::end(TcpConnection& c, TcpCloseReason reason) {
  if (!c.in_use_ || c.state_ == TcpStateId::kClosed) return;
  set_state(c, TcpStateId::kClosed);
  c.rtx_timer_.disarm();
  c.time_wait_timer_.disarm();
  c.delack_timer_.disarm();
  by_key_.erase(key_of(c.ep_));
  port_used(c.ep_, false);
  notify_closed(c, reason);
  release(c);
}

void TcpStack::notify_closed(TcpConnection& c, TcpCloseReason reason) {
  if (c.closed_notified_) return;
  c.closed_notified_ = true;
  TcpHandler* h = c.handler_;
  c.handler_ = nullptr;
  if (h) h->on_closed(c, reason);
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
