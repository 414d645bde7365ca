#pragma once
// IPVS on a host: the director. It owns the IPVS tables and sits in the host's IPv4
// path at the netfilter hooks the kernel uses (ip_vs_core.c ip_vs_ops4):
//  * LOCAL_IN  (ip_vs_remote_request4): a packet for a local address that belongs to a
//    connection, or opens one on a virtual service, is scheduled and handed to the
//    connection's forwarding method (masq / route / tunnel); the local stack never sees
//    it. "No destination available" is answered with ICMP port unreachable.
//  * FORWARD   (ip_vs_reply4): a real server's reply for a NAT connection, routed through
//    the director, gets its source rewritten back to VIP:port and goes on.
// So the VIP must be a local address of the director, as on a real one.
//
// Tracing: an IpvsConnUpdate after each packet that creates or refreshes an entry, an
// IpvsRules after each ipvsadm command; when the whole trace is kept, also an
// IpvsConnExpire when an entry's timer fires and an IpvsDestConns when a destination's
// connection counters change, so that the viewer rebuilds `ipvsadm -Ln` / `-Lnc` at any
// step from the records alone. The connection timers run lazily (on the next packet);
// the trace has them run before each record (LazyTimers), so that each expiry is
// recorded at the time it fired.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sim/ipvs/control.hpp"
#include "sim/ipvs/service.hpp"
#include "sim/net/application.hpp"
#include "sim/net/host.hpp"

namespace lvs::ipvs {

class Director final : public Application, public PacketHook, private LazyTimers, private ConnTimerObserver {
 public:
  // Registers the hooks on `host`; the host owns the director (Host::add_app).
  static Director& install(Host& host);
  explicit Director(Host& host);
  ~Director();
  Director(const Director&) = delete;
  Director& operator=(const Director&) = delete;

  IpvsTables& tables() { return tables_; }
  Host& host() { return host_; }

  // Runs one parsed ipvsadm command now; `line` is the command as it was typed, for
  // the trace's note.
  ipvsadm::IpvsadmOutput ipvsadm(const ipvsadm::IpvsadmCommand& command, std::string_view line);

  Verdict on_packet(HookPoint point, Packet& packet, IfIndex in_dev, IfIndex out_dev) override;

  void start() override {}
  // Powering a director off and on keeps its tables; a reboot (sim/scenario
  // live_config.cpp) clears the rules and calls forget_connections(), as a real restart
  // loads ip_vs afresh, then restores the rules from /etc/sysconfig/ipvsadm.
  void forget_connections() { tables_.conns().flush(host_.now()); }
  std::string describe() const override { return "ipvs"; }

 private:
  Verdict request(Packet& packet, IfIndex in_dev);
  Verdict reply(Packet& packet);
  void trace_scheduled(const PacketMeta& pkt, const InResult& r);
  // Records a connection entry (and its persistence template) after a packet.
  void trace_conn(const Conn& cp);
  // Records the service table as `ipvsadm -Sn` prints it, and as values.
  void trace_rules();
  // Records a destination's connection counters, at `at`, when they differ from the
  // last recorded.
  void trace_dest_conns(const Dest& d, SimTime at);
  void run_timers(SimTime now) override;
  void conn_timer_fired(const Conn& cp, SimTime at, bool freed, const Dest* dest) override;

  // A destination's counters as last recorded (IpvsDestConns), by Dest::id.
  struct DestConns {
    std::int32_t active = 0, inactive = 0, persist = 0;
    friend bool operator==(const DestConns&, const DestConns&) = default;
  };

  Host& host_;
  IpvsTables tables_;
  std::vector<DestConns> traced_dest_conns_;
};

// The director of a host, or nullptr when the host runs no IPVS.
Director* find_director(Host& host);

}  // namespace lvs::ipvs
