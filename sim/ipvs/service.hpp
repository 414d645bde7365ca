#pragma once
// The director's IPVS tables (Linux 6.1 net/netfilter/ipvs/ip_vs_ctl.c for the control
// side, ip_vs_core.c for the packet side): virtual services, their destinations in
// kernel list order, the connection table, protocol timeouts, statistics and the rate
// estimator. Pure logic: the host's netfilter hooks call in_packet()/out_packet() and
// do the forwarding themselves.
//
// Kernel facts this follows:
//  * __ip_vs_update_dest() links a new dest with list_add_rcu(): at the HEAD of
//    svc->destinations. Schedulers walk that list, so with rr the most recently added
//    dest is picked first, and Snapshot dest order is newest-first. (ipvsadm -L sorts
//    dests and services itself unless --nosort.)
//  * Deleted dests go to a trash and are revived (counters and stats intact) if the same
//    addr:port is added back to the same service while connections still use them.
//  * Services are listed by hash bucket (ip_vs_svc_hashkey(), 256 buckets, newest first
//    in a bucket), then firewall-mark services; the netns pointer is taken as 0.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/time.hpp"
#include "sim/ipvs/conn.hpp"
#include "sim/ipvs/dest.hpp"
#include "sim/ipvs/scheduler.hpp"
#include "sim/ipvs/snapshot.hpp"
#include "sim/ipvs/spec.hpp"
#include "sim/ipvs/stats.hpp"

namespace lvs::ipvs {

struct Service {
  ServiceSpec spec;
  bool persistent = false;  // IP_VS_SVC_F_PERSISTENT
  SimTime timeout = 0;      // persistence timeout (svc->timeout)
  std::uint32_t netmask = 0xffffffffu;
  bool one_packet = false;                   // IP_VS_SVC_F_ONEPACKET
  bool sched_flag1 = false;                  // IP_VS_SVC_F_SCHED1: sh-fallback / mh-fallback
  bool sched_flag2 = false;                  // IP_VS_SVC_F_SCHED2: sh-port / mh-port
  bool sched_flag3 = false;                  // IP_VS_SVC_F_SCHED3
  std::vector<std::unique_ptr<Dest>> dests;  // svc->destinations, head first
  std::unique_ptr<Scheduler> scheduler;
  IpvsStats stats;
  SimTime created = 0;
};

// Kernel errnos the control operations return; error_message() gives ipvsadm's text.
enum class IpvsError : std::uint8_t {
  kOk,
  kExists /*EEXIST*/,
  kNoService /*ESRCH*/,
  kNotFound /*ENOENT*/,
  kRange /*ERANGE*/,
  kInvalid /*EINVAL*/,
  kNoMemory /*ENOMEM*/
};
enum class IpvsOp : std::uint8_t { kAddService, kEditService, kDelService, kZero, kAddDest, kEditDest, kDelDest };
// libipvs ipvs_strerror(): "Service not defined", "Destination already exists", ...
const char* error_message(IpvsOp op, IpvsError err);

// A packet as the IPVS hooks see it.
struct PacketMeta {
  Protocol protocol = Protocol::kTcp;
  Ipv4Addr saddr, daddr;
  std::uint16_t sport = 0, dport = 0;
  std::uint32_t fwmark = 0;  // skb->mark (for -f services)
  std::uint32_t length = 0;  // IP total length (skb->len), for the byte counters
  TcpFlags tcp;              // TCP only
};

enum class InVerdict : std::uint8_t {
  kNotOurs,  // no connection and no service, or a non-SYN TCP segment: NF_ACCEPT
  kForward,  // forward to conn->dest with its method
  kNoDest,   // service found but no destination: ICMP port unreachable + drop
};

struct InResult {
  InVerdict verdict = InVerdict::kNotOurs;
  Conn* conn = nullptr;  // null for one-packet connections (already released)
  Dest* dest = nullptr;
  Ipv4Addr daddr;  // where to send (conn->daddr:dport) and how
  std::uint16_t dport = 0;
  FwdMethod method = FwdMethod::kRoute;
  bool scheduled = false;  // a new connection was created for this packet
};

class IpvsTables {
 public:
  IpvsTables();

  // --- control (ipvsadm -A -E -D -C -a -e -d -Z --set) ---
  IpvsError add_service(const ServiceSpec& spec, SimTime now);
  IpvsError edit_service(const ServiceSpec& spec, SimTime now);
  IpvsError del_service(const ServiceKey& key, SimTime now);
  void clear(SimTime now);
  IpvsError add_dest(const ServiceKey& key, const DestSpec& spec, SimTime now);
  IpvsError edit_dest(const ServiceKey& key, const DestSpec& spec, SimTime now);
  IpvsError del_dest(const ServiceKey& key, Ipv4Addr addr, std::uint16_t port, SimTime now);
  // -Z: one service (key) or all (nullptr).
  IpvsError zero(const ServiceKey* key, SimTime now);
  // --set tcp tcpfin udp (seconds; 0 keeps the current value).
  void set_timeouts(const Timeouts& t);
  Timeouts timeouts() const;
  // sysctl expire_quiescent_template (default 0).
  void set_expire_quiescent_template(bool on) { expire_quiescent_template_ = on; }

  // --- packets (ip_vs_in / ip_vs_out) ---
  InResult in_packet(const PacketMeta& pkt, SimTime now);
  // A real server's reply passing the director (NAT): the connection, or nullptr.
  Conn* out_packet(const PacketMeta& pkt, SimTime now);

  // Run expirations, scheduler timers, the estimator and the dest trash up to `now`.
  void advance(SimTime now);

  // --- inspection ---
  Snapshot snapshot(SimTime now);
  // The services in the order the kernel lists them (ip_vs_ctl.c ip_vs_info_seq_next()),
  // without running any timer.
  std::vector<const Service*> listed_services() const;
  Service* find_service(const ServiceKey& key);
  Dest* find_dest(const ServiceKey& key, Ipv4Addr addr, std::uint16_t port);
  ConnTable& conns() { return conns_; }
  const std::vector<std::unique_ptr<Service>>& services() const { return services_; }

  static constexpr SimTime kEstPeriod = seconds(2);

 private:
  Service* lookup_service(std::uint8_t ipproto, Ipv4Addr vaddr, std::uint16_t vport, std::uint32_t fwmark);
  Conn* schedule(Service& svc, const PacketMeta& pkt, SimTime now, bool& no_dest);
  Conn* sched_persist(Service& svc, const PacketMeta& pkt, SimTime now, bool& no_dest);
  void in_stats(Conn& cp, std::uint32_t len);
  void out_stats(Conn& cp, std::uint32_t len);
  void conn_stats(Conn& cp, Service& svc);
  void run_estimator(SimTime now);
  void sweep_trash(SimTime now);
  void apply_service_spec(Service& svc, const ServiceSpec& spec);
  void update_dest(Service& svc, Dest& d, const DestSpec& spec, bool add);
  void unlink_dest(Service& svc, std::size_t pos, SimTime now);
  void remove_service(std::size_t index, SimTime now);
  std::uint32_t svc_bucket(const Service& svc) const;

  ProtoTimeouts timeouts_;
  ConnTable conns_;
  std::vector<std::unique_ptr<Service>> services_;  // creation order
  std::vector<std::unique_ptr<Dest>> trash_;        // ipvs->dest_trash
  bool expire_quiescent_template_ = false;
  SimTime est_next_ = kEstPeriod;
  std::uint32_t dest_ids_ = 0;  // Dest::id of the last destination created
};

// A dest's configuration as a Snapshot lists it (ip_vs_ctl.c
// __ip_vs_get_dest_entries(), `ipvsadm -S`): address, port, forwarding method, weight
// and thresholds; no counters, no stats.
DestEntry dest_config_entry(const Dest& d);

}  // namespace lvs::ipvs
