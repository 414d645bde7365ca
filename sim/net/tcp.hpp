#pragma once
// TCP for the simulated hosts (RFC 9293 state machine, RFC 6298 retransmission timer,
// MSS segmentation with cumulative ACKs, FIN close both ways, TIME_WAIT, RST for a
// closed port), with what Linux 6.1 puts on the wire: the SYN options (MSS, SACK_PERM,
// timestamps, window scale), timestamps on every segment (RFC 7323), the windows
// tcp_select_window() advertises, and quick/delayed ACKs (tcp_input.c). Applications
// see a callback API; there is no byte-stream blocking.
//
// Lifetime: a TcpConnection belongs to the stack. It stays valid until the handler's
// on_closed() returns; the application must not touch it afterwards.
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/core/simulator.hpp"
#include "sim/core/timer.hpp"
#include "sim/net/packet.hpp"
#include "sim/net/port_set.hpp"
#include "sim/trace/trace.hpp"
#include "sim/wire/addr.hpp"
#include "sim/wire/bytes.hpp"

namespace lvs {

class Host;
class TcpConnection;
enum class RouteError : std::uint8_t;  // host.hpp: why route_output() found no route

// Why a connection ended (what the application would see as errno).
enum class TcpCloseReason : std::uint8_t {
  kNormal,       // both FINs exchanged (or our close after the peer's)
  kReset,        // RST received (ECONNRESET, or ECONNREFUSED while connecting)
  kTimeout,      // retransmissions exhausted (ETIMEDOUT)
  kAborted,      // we sent RST (abort())
  kUnreachable,  // ICMP host/net unreachable while connecting (EHOSTUNREACH)
  kHostDown,     // our host stopped
};
const char* tcp_close_reason_text(TcpCloseReason r);  // "Connection refused", ...

class TcpHandler {
 public:
  // Active open completed, or a passive one was accepted (after the handshake).
  virtual void on_connected(TcpConnection& c) = 0;
  // In-order data arrived.
  virtual void on_data(TcpConnection& c, wire::Bytes data) = 0;
  // The peer sent FIN (no more data will arrive).
  virtual void on_peer_closed(TcpConnection&) {}
  // The connection is gone (last call for it).
  virtual void on_closed(TcpConnection& c, TcpCloseReason reason) = 0;

 protected:
  ~TcpHandler() = default;
};

// Passive side: gives each accepted connection its handler.
class TcpAcceptor {
 public:
  virtual TcpHandler* on_accept(TcpConnection& c) = 0;

 protected:
  ~TcpAcceptor() = default;
};

class TcpConnection {
 public:
  // Queues bytes for sending (copied); sent as the window and MSS allow.
  void send(wire::Bytes data);
  // Sends FIN once everything queued is sent (shutdown(SHUT_WR) + close()).
  void close();
  // Sends RST and ends at once (on_closed with kAborted).
  void abort();

  const Endpoint4& endpoint() const { return ep_; }
  TcpStateId state() const { return state_; }
  std::uint32_t flow() const { return flow_; }
  void set_flow(std::uint32_t f) { flow_ = f; }
  Host& host() const;

 private:
  friend class TcpStack;
  TcpConnection() = default;
  class TcpStack* stack_ = nullptr;
  std::uint32_t id_ = 0;
  std::uint32_t incarnation_ = 0;  // bumped each time the slot is reused
  bool in_use_ = false;
  Endpoint4 ep_{};
  TcpStateId state_ = TcpStateId::kClosed;
  std::uint32_t flow_ = 0;
  TcpHandler* handler_ = nullptr;
  TcpAcceptor* acceptor_ = nullptr;  // passive open: asked for a handler after the handshake
  // Send side (sequence numbers as in RFC 9293 3.3.1). snd_max_ = highest sent + 1.
  std::uint32_t iss_ = 0, snd_una_ = 0, snd_nxt_ = 0, snd_max_ = 0, snd_wnd_ = 0;
  std::uint32_t snd_wl1_ = 0, snd_wl2_ = 0;
  std::vector<std::uint8_t> send_buf_;  // bytes from buf_head_ on are not yet acknowledged
  std::size_t buf_head_ = 0;
  std::uint32_t buf_seq_ = 0;  // sequence number of send_buf_[buf_head_]
  bool fin_queued_ = false, fin_sent_ = false;
  std::uint16_t mss_ = 536;      // effective send MSS (min of ours and the peer's)
  std::uint16_t adv_mss_ = 536;  // the MSS option we put on our SYN
  // RFC 5681 congestion window (slow start / congestion avoidance, no fast retransmit).
  std::uint32_t cwnd_ = 0, ssthresh_ = 0;
  // Receive side.
  std::uint32_t irs_ = 0, rcv_nxt_ = 0;
  bool peer_fin_ = false;
  bool ack_now_ = false;  // an ACK is owed for the segment being processed
  // Options agreed in the handshake (on an active open: offered until the SYN-ACK).
  bool ts_ok_ = false, sack_ok_ = false;          // RFC 7323 timestamps, RFC 2018 SACK_PERM
  std::uint8_t snd_wscale_ = 0, rcv_wscale_ = 0;  // shifts of the peer's windows / ours
  std::uint32_t ts_offset_ = 0;                   // tsoffset: TSval = ms clock + this (secure_tcp_ts_off)
  std::uint32_t ts_recent_ = 0;                   // the peer's TSval we echo (RFC 7323 4.3)
  // Receive window (tcp_select_window): rcv_wnd_ as advertised when rcv_nxt was rcv_wup_.
  std::uint32_t rcv_wnd_ = 0, rcv_wup_ = 0, rcv_ssthresh_ = 0, window_clamp_ = 0xffffffffu;
  // Delayed ACK state (inet_connection_sock icsk_ack).
  std::uint16_t rcv_mss_ = 536;  // estimate of the peer's segment size (tcp_measure_rcv_mss)
  std::uint8_t quick_ = 0;       // quick ACKs left (icsk_ack.quick)
  std::uint8_t pushed_ = 0;      // ICSK_ACK_PUSHED (1) / PUSHED2 (2): short segments unacked
  bool pingpong_ = false;        // interactive: ACKs wait to ride on our replies
  bool ack_sched_ = false;       // an ACK is owed (ICSK_ACK_SCHED)
  bool ato_started_ = false;     // icsk_ack.ato != 0: data has been received before
  SimTime lrcvtime_ = 0;         // when data last arrived
  // RFC 6298 state.
  SimTime srtt_ = 0, rttvar_ = 0, rto_ = 0;
  bool rtt_measuring_ = false;
  std::uint32_t rtt_seq_ = 0;
  SimTime rtt_start_ = 0;
  int retries_ = 0;
  bool syn_retransmitted_ = false;
  SimTime retrans_stamp_ = 0;  // first transmission time of the head segment (tcp_sock.retrans_stamp)
  Timer rtx_timer_;
  Timer time_wait_timer_;  // TIME_WAIT (2*MSL) and the orphaned FIN_WAIT2 timeout
  Timer delack_timer_;     // ICSK_TIME_DACK
  bool closed_notified_ = false;
};

class TcpStack final : public EventHandler {
 public:
  explicit TcpStack(Host& host);
  ~TcpStack();

  // listen() on addr:port (0.0.0.0 = any). False when the port is taken.
  bool listen(Ipv4Addr addr, std::uint16_t port, TcpAcceptor* acceptor);
  // close() of a listening socket (inet_csk_listen_stop()): the listener goes, and the
  // connections it had not handed to the application yet (SYN_RECV, no handler) are
  // reset. Connections already accepted go on.
  void unlisten(Ipv4Addr addr, std::uint16_t port, TcpAcceptor* acceptor);
  // Active open from an ephemeral port (src 0.0.0.0 = chosen by routing), or from
  // src_port when given (bind() first, as an RPC client binding a reserved port).
  // Returns nullptr (and no callback) when connect() fails at once: no route (*route_error
  // says which errno), a broadcast or multicast destination (ENETUNREACH, as
  // tcp_v4_connect), or src_port in use / no free port (*route_error = kNone);
  // otherwise the handler later gets on_connected or on_closed.
  TcpConnection* connect(Ipv4Addr dst, std::uint16_t port, TcpHandler* handler, std::uint32_t flow = 0,
                         Ipv4Addr src = Ipv4Addr(), std::uint16_t src_port = 0, RouteError* route_error = nullptr);

  // From the IPv4 layer: `packet` begins at the IPv4 header.
  void receive(IfIndex dev, Packet packet);
  // An ICMP error quoting a segment we sent (`quoted` = its IP header + 8 bytes).
  void icmp_error(wire::Bytes quoted, std::uint8_t type, std::uint8_t code);
  // The host stopped: every connection ends silently (kHostDown), listeners stay.
  void host_stopped();

  // Connections in any state but CLOSED, TIME_WAIT (60 s, as Linux) included.
  std::size_t connection_count() const;
  // Blocks and words looked at to choose ephemeral ports so far (a constant per
  // connect(), however many ports are in use): tests bound it.
  std::uint64_t port_probes() const { return port_probes_; }
  void on_event(const Event& ev) override;

 private:
  friend class TcpConnection;
  enum EventKind : std::uint32_t { kRtxTimer = 1, kTimeWaitTimer = 2, kDelackTimer = 3 };
  struct Listener {
    Ipv4Addr addr;
    std::uint16_t port;
    TcpAcceptor* acceptor;
  };
  struct InSegment;  // a parsed incoming segment (tcp_internal.hpp)
  struct Key {
    std::uint32_t local, remote;
    std::uint16_t local_port, remote_port;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const;
  };
  static Key key_of(const Endpoint4& ep) { return Key{ep.local.value, ep.remote.value, ep.local_port, ep.remote_port}; }
  // A destination of connect(): the 4-tuple without the local port.
  static Key destination_of(const Endpoint4& ep) { return Key{ep.local.value, ep.remote.value, 0, ep.remote_port}; }

  // Connection table: tcp.cpp.
  TcpConnection& new_connection(const Endpoint4& ep, std::uint32_t flow);
  void release(TcpConnection& c);
  TcpConnection* find(const Endpoint4& ep);
  const Listener* find_listener(Ipv4Addr addr, std::uint16_t port) const;
  std::uint16_t pick_ephemeral(Ipv4Addr src, Ipv4Addr dst, std::uint16_t dport);
  PortSet& ports_towards(const Endpoint4& destination);
  void port_used(const Endpoint4& ep, bool used);
  std::uint16_t route_mss(Ipv4Addr local, Ipv4Addr remote) const;
  static bool alive(const TcpConnection& c, std::uint32_t incarnation) {
    return c.in_use_ && c.incarnation_ == incarnation;
  }

  // Input (RFC 9293 3.10.7): tcp_input.cpp.
  void segment_for_listener(const Listener& l, const InSegment& seg);
  void segment_syn_sent(TcpConnection& c, const InSegment& seg);
  void segment_synchronized(TcpConnection& c, const InSegment& seg);
  bool acceptable(const TcpConnection& c, const InSegment& seg) const;
  void process_rst(TcpConnection& c, const InSegment& seg);
  bool process_ack(TcpConnection& c, const InSegment& seg);  // false: the segment is done with
  void process_data_and_fin(TcpConnection& c, const InSegment& seg);
  bool process_data(TcpConnection& c, const InSegment& seg);  // false: the segment is done with
  void process_fin(TcpConnection& c, const InSegment& seg);
  void ack_advanced(TcpConnection& c, std::uint32_t ack);
  void rtt_sample(TcpConnection& c, SimTime r);
  void established(TcpConnection& c);
  void take_syn_options(TcpConnection& c, const InSegment& seg);
  void data_received(TcpConnection& c, std::uint32_t len);
  bool ack_due(const TcpConnection& c) const;
  void ack_or_delay(TcpConnection& c);

  // Output: tcp_output.cpp.
  void output(TcpConnection& c);
  void send_syn(TcpConnection& c);
  void send_ack(TcpConnection& c);
  void send_rst_for(TcpConnection& c);
  void transmit(TcpConnection& c, std::uint32_t seq, std::uint8_t flags, std::size_t data_len);
  std::uint16_t select_window(TcpConnection& c);
  std::uint32_t ts_now(const TcpConnection& c) const;
  std::uint32_t ts_offset(Ipv4Addr local, Ipv4Addr remote);
  void reset_for_closed(const InSegment& seg);  // RFC 9293 3.10.7.1 reset generation

  // Timers: tcp_timer.cpp.
  void arm_rtx(TcpConnection& c);
  void on_rto(TcpConnection& c);
  bool retries_exhausted(const TcpConnection& c) const;
  void on_delack(TcpConnection& c);

  // State changes and the end of a connection: tcp.cpp.
  void set_state(TcpConnection& c, TcpStateId to);
  void enter_time_wait(TcpConnection& c);
  void end(TcpConnection& c, TcpCloseReason reason);
  void notify_closed(TcpConnection& c, TcpCloseReason reason);
  void trace_retransmit(const TcpConnection& c, std::uint32_t seq);

  Host& host_;
  std::vector<Listener> listeners_;
  std::vector<std::unique_ptr<TcpConnection>> conns_;  // index = id; slots are reused
  std::vector<std::uint32_t> free_ids_;
  std::unordered_map<Key, std::uint32_t, KeyHash> by_key_;
  std::size_t active_ = 0;
  std::uint16_t next_ephemeral_ = 0;
  bool ephemeral_started_ = false;
  // Local ports in use per destination connect() has chosen a port for (created on the
  // first connect() there; server-side connections to other destinations cost nothing).
  std::unordered_map<Key, PortSet, KeyHash> connect_ports_;
  std::uint64_t port_probes_ = 0;
  std::uint64_t ts_secret_ = 0;  // net_secret for secure_tcp_ts_off(), drawn on first use
  bool ts_secret_set_ = false;
};

}  // namespace lvs
