// TCP connections: the application's calls (send, close, abort), the stack's table
// (listeners, connections, ephemeral ports), the active open and the end of a
// connection. Segments in: tcp_input.cpp; segments out: tcp_output.cpp; the
// retransmission, delayed-ACK and TIME_WAIT timers: tcp_timer.cpp (Linux's
// net/ipv4/tcp.c, tcp_input.c, tcp_output.c and tcp_timer.c divide the same way).
#include "sim/net/tcp.hpp"

#include <algorithm>

#include "sim/net/host.hpp"
#include "sim/net/tcp_internal.hpp"
#include "sim/net/world.hpp"
#include "sim/wire/ipv4.hpp"
#include "sim/wire/tcp.hpp"

namespace lvs {

using namespace tcp;

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

std::size_t TcpStack::KeyHash::operator()(const Key& k) const {
  std::uint64_t x = (std::uint64_t{k.local} << 32) ^ k.remote;
  x ^= (std::uint64_t{k.local_port} << 16 | k.remote_port) * 0x9e3779b97f4a7c15ull;
  x ^= x >> 31;
  x *= 0xbf58476d1ce4e5b9ull;
  return static_cast<std::size_t>(x ^ (x >> 29));
}

// --- TcpConnection -----------------------------------------------------------

Host& TcpConnection::host() const { return stack_->host_; }

void TcpConnection::send(wire::Bytes data) {
  if (!in_use_ || fin_queued_ || data.empty()) return;
  switch (state_) {
    case TcpStateId::kSynSent:
    case TcpStateId::kSynReceived:
    case TcpStateId::kEstablished:
    case TcpStateId::kCloseWait: break;
    default: return;  // EPIPE
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
    case TcpStateId::kSynReceived: abort(); return;
    case TcpStateId::kEstablished:  // RFC 9293 3.10.4: FIN after the queued data
      fin_queued_ = true;
      stack_->set_state(*this, TcpStateId::kFinWait1);
      break;
    case TcpStateId::kCloseWait:
      fin_queued_ = true;
      stack_->set_state(*this, TcpStateId::kLastAck);
      break;
    default: return;
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
    case TcpStateId::kCloseWait: stack_->send_rst_for(*this); break;
    default: break;
  }
  stack_->end(*this, TcpCloseReason::kAborted);
}

// --- TcpStack: table ---------------------------------------------------------

TcpStack::TcpStack(Host& host) : host_(host) {}

TcpStack::~TcpStack() = default;

std::size_t TcpStack::connection_count() const { return active_; }

bool TcpStack::listen(Ipv4Addr addr, std::uint16_t port, TcpAcceptor* acceptor) {
  for (const auto& l : listeners_)
    if (l.port == port && (l.addr == addr || l.addr.is_unspecified() || addr.is_unspecified())) return false;
  listeners_.push_back(Listener{addr, port, acceptor});
  return true;
}

void TcpStack::unlisten(Ipv4Addr addr, std::uint16_t port, TcpAcceptor* acceptor) {
  std::erase_if(listeners_,
                [&](const Listener& l) { return l.addr == addr && l.port == port && l.acceptor == acceptor; });
  for (auto& c : conns_)
    if (c->in_use_ && c->acceptor_ == acceptor && c->handler_ == nullptr && c->ep_.local_port == port) c->abort();
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

// --- active open -------------------------------------------------------------

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

// --- end of a connection -----------------------------------------------------

void TcpStack::host_stopped() {
  for (auto& c : conns_)
    if (c->in_use_) end(*c, TcpCloseReason::kHostDown);
}

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

}  // namespace lvs
