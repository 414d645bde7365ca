#pragma once
// The Trace: the ordered log of what happened in a run. Everything the user sees (CLI
// summary, paths, pcap, viewer, grader) is a view of it.
//
// Records are small binary values (no strings) so recording costs little; names are
// resolved through TraceMeta when a view is produced. Frame bytes live in one arena.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "sim/core/time.hpp"
#include "sim/trace/ipvs_tables.hpp"
#include "sim/wire/addr.hpp"
#include "sim/wire/bytes.hpp"

namespace lvs {

using HostId = std::uint16_t;
using IfIndex = std::uint16_t;
using SegmentId = std::uint16_t;
inline constexpr std::uint16_t kNoId = 0xffff;

// Why a frame or packet went no further. Names are stable (used in JSON and tests).
enum class DropReason : std::uint8_t {
  kTxQueueFull,          // interface transmit queue (txqueuelen) full
  kSwitchQueueFull,      // switch port egress queue full
  kLinkDown,             // interface or port administratively down
  kHostDown,             // host stopped
  kNotForUs,             // destination MAC is neither ours nor broadcast/multicast
  kMalformed,            // a header failed to parse (length, version, checksum)
  kNoRoute,              // no route to the destination
  kNotForwarding,        // not local and forwarding disabled on the input interface
  kRpFilter,             // reverse-path filter rejected the source
  kMartianSource,        // source address impossible (local, loopback, broadcast...)
  kMartianDestination,   // destination impossible (0.0.0.0, loopback from the wire...)
  kTtlExceeded,          // TTL reached zero while forwarding
  kNeighbourFailed,      // ARP resolution failed (FAILED state)
  kNeighbourQueueFull,   // too many packets waiting for ARP resolution
  kNoSocket,             // no socket for the destination port
  kUnsupportedProtocol,  // IP protocol we do not implement
  kFragmentation,        // would need fragmentation (DF set) or is a fragment
  kFiltered,             // dropped by a netfilter hook (e.g. IPVS)
  kTooBig,               // larger than the interface MTU
  kCount
};
const char* drop_reason_name(DropReason r);

enum class NeighState : std::uint8_t {
  kNone,
  kIncomplete,
  kReachable,
  kStale,
  kDelay,
  kProbe,
  kFailed,
  kPermanent,
  kNoArp
};
const char* neigh_state_name(NeighState s);  // "REACHABLE", as `ip neigh` prints

// What a host did with an ARP request it received (teaching view of arp_process()).
enum class ArpVerdict : std::uint8_t {
  kReplied,           // target local and allowed by arp_ignore/arp_filter: replied
  kIgnoredArpIgnore,  // target local but arp_ignore said no
  kIgnoredArpFilter,  // arp_filter: route back to the sender is via another interface
  kNotLocal,          // target is not one of our addresses
  kRouteInputFailed,  // sender failed source validation (rp_filter / martian)
  kAnnounce,          // gratuitous ARP received
};
const char* arp_verdict_name(ArpVerdict v);

enum class TcpStateId : std::uint8_t {
  kClosed,
  kListen,
  kSynSent,
  kSynReceived,
  kEstablished,
  kFinWait1,
  kFinWait2,
  kCloseWait,
  kClosing,
  kLastAck,
  kTimeWait
};
const char* tcp_state_name(TcpStateId s);  // "ESTABLISHED"

// --- records -------------------------------------------------------------------------

// A frame handed by a host to an interface for transmission. `frame` indexes the
// byte arena (Trace::frame_bytes). packet_id follows one IP packet across hops
// (NAT rewrites and IPIP encapsulation keep it); flow tags a request (0 = none).
struct FrameTx {
  HostId host;
  IfIndex iface;
  std::uint32_t frame;
  std::uint32_t packet_id;
  std::uint32_t flow;
};
// The frame entered a segment's switch (what a capture on the segment sees).
struct FrameWire {
  SegmentId segment;
  std::uint32_t frame;
};
// The frame was delivered to a host's interface and processed there.
struct FrameRx {
  HostId host;
  IfIndex iface;
  std::uint32_t frame;
  std::uint32_t packet_id;
  std::uint32_t flow;
};
// A frame or packet was discarded. host/iface or segment says where (others kNoId).
struct FrameDrop {
  HostId host;
  IfIndex iface;
  SegmentId segment;
  DropReason reason;
  std::uint32_t frame;
  std::uint32_t packet_id;
  std::uint32_t flow;
};
// A neighbour (ARP) cache entry changed.
struct NeighChange {
  HostId host;
  IfIndex iface;
  Ipv4Addr ip;
  NeighState from;
  NeighState to;
  MacAddr mac;
  MacAddr old_mac;
};
struct ArpDecision {
  HostId host;
  IfIndex iface;
  Ipv4Addr sender_ip;
  Ipv4Addr target_ip;
  MacAddr sender_mac;
  ArpVerdict verdict;
  std::uint8_t arp_ignore;  // effective value used
};
// Where the IPv4 layer sent a packet (input routing or output routing).
enum class RouteKind : std::uint8_t { kLocal, kForward, kOutput, kUnreachable };
struct RouteDecision {
  HostId host;
  RouteKind kind;
  IfIndex out_iface;
  Ipv4Addr dst;
  Ipv4Addr next_hop;
  std::uint32_t packet_id;
  std::uint32_t flow;
};
struct Endpoint4 {
  Ipv4Addr local;
  std::uint16_t local_port;
  Ipv4Addr remote;
  std::uint16_t remote_port;
};
struct TcpStateChange {
  HostId host;
  Endpoint4 ep;
  TcpStateId from;
  TcpStateId to;
  std::uint32_t flow;
};
struct TcpRetransmit {
  HostId host;
  Endpoint4 ep;
  std::uint32_t seq;
  SimTime rto;
  std::uint32_t flow;
};
// Application-level events. Strings go to the string table (Trace::strings).
enum class AppEventKind : std::uint8_t {
  kRequestStart,   // client: request `flow` begins (text = url)
  kRequestDone,    // client: request finished (status, text = body or error)
  kRequestFailed,  // client: request failed (text = error)
  kServed,         // server: answered a request (status, text = path)
  kNote,           // anything else worth a line (text)
};
struct AppEvent {
  HostId host;
  AppEventKind kind;
  std::uint32_t flow;
  std::uint16_t status;
  std::uint32_t text;
  Endpoint4 ep;
};
// A scenario action (sysctl change, link down...) or other world-level note.
struct WorldNote {
  HostId host;
  std::uint32_t text;
};
// A director's connection entry (ip_vs_conn) right after a packet created or refreshed
// it: the entry lives until `expires` (its timer), unless a later record of the same
// `seq` (creation number, unique per director) moves the timer, or an IpvsConnExpire
// record frees it. control_seq is the persistence template controlling it (0 = none).
// Field order keeps the record small.
inline constexpr std::uint8_t kIpvsConnTemplate = 1;  // IP_VS_CONN_F_TEMPLATE
inline constexpr std::uint8_t kIpvsConnInactive = 2;  // IP_VS_CONN_F_INACTIVE
struct IpvsConnUpdate {
  SimTime expires;
  Ipv4Addr caddr, vaddr, daddr;
  std::uint32_t seq, control_seq;
  std::uint16_t cport, vport, dport;
  HostId host;
  std::uint8_t ipproto, state, flags;  // state: the ip_vs protocol state number
  friend bool operator==(const IpvsConnUpdate&, const IpvsConnUpdate&) = default;
};
// The timer of a director's connection entry `seq` fired (ip_vs_conn_expire()), at the
// record's time: the entry was freed, or - a persistence template that still controls
// `n_control` connections - re-armed until `expires` (60 s later). Also the end of an
// entry a new SYN replaced (conn_reuse_mode: ip_vs_conn_expire_now()).
struct IpvsConnExpire {
  SimTime expires;  // the re-armed timer (when !freed)
  std::uint32_t seq;
  std::uint32_t n_control;
  HostId host;
  bool freed;
};
// A destination's connection counters changed (ip_vs_dest activeconns, inactconns,
// persistconns, as `ipvsadm -Ln` shows them). `dest` is TraceIpvsDest::id; addr:port
// say which real server it is.
struct IpvsDestConns {
  Ipv4Addr addr;
  std::uint32_t dest;
  std::uint32_t active, inactive, persist;
  std::uint16_t port;
  HostId host;
  friend bool operator==(const IpvsDestConns&, const IpvsDestConns&) = default;
};
// A director's virtual services and destinations changed: `text` is what
// `ipvsadm -Sn` prints for its tables now (for tools reading the JSON lines), `tables`
// the same tables as values (Trace::ipvs_tables(), for views).
struct IpvsRules {
  HostId host;
  std::uint32_t text;
  std::uint32_t tables;
};
// A host's configuration (addresses, routes, sysctls) changed by a scenario action:
// `config` indexes Trace::host_config().
struct HostConfigChange {
  HostId host;
  std::uint32_t config;
};

using TraceBody = std::variant<FrameTx, FrameWire, FrameRx, FrameDrop, NeighChange, ArpDecision, RouteDecision,
                               TcpStateChange, TcpRetransmit, AppEvent, WorldNote, IpvsConnUpdate, IpvsRules,
                               HostConfigChange, IpvsConnExpire, IpvsDestConns>;

struct TraceRecord {
  SimTime time;
  TraceBody body;
};

// Names for ids, so that views can print "rs1 eth0" instead of (3, 1).
struct TraceInterfaceInfo {
  std::string name;  // "eth0"
  MacAddr mac;
  SegmentId segment = kNoId;               // kNoId for lo / tunnels
  std::vector<std::string> addresses;      // "192.168.10.1/24"
  std::vector<std::string> address_roles;  // parallel to addresses: "VIP", or "" = from host role
};
// The sysctls that decide ARP and forwarding behaviour, effective per interface as the
// kernel combines conf/all and conf/<dev> (ip-sysctl.rst; inetdevice.h IN_DEV_*).
struct TraceIfaceSysctls {
  std::string iface;
  int arp_ignore = 0, arp_announce = 0, arp_filter = 0, rp_filter = 0, forwarding = 0;
};
// A host's configuration as its tools print it, for views that show "the host at step N".
struct TraceHostConfig {
  std::vector<std::string> addresses;  // `ip -4 addr` (condensed)
  std::vector<std::string> routes;     // `ip route`
  std::vector<std::string> sysctls;    // "net.ipv4.conf.all.arp_ignore = 1" (the keys that matter)
  std::vector<TraceIfaceSysctls> effective;
};
struct TraceHostInfo {
  std::string name;
  std::string role;  // "client", "gateway", "director", "realserver", "server", "nfs", "router"
  std::vector<TraceInterfaceInfo> interfaces;
  TraceHostConfig config;  // as the run started
  // The mount points /etc/auto.master lists while autofs does not run as the run starts:
  // nothing mounts them (the diagnosis names it when a page under one is missing).
  std::vector<std::string> idle_automounts;
};
struct TraceSegmentInfo {
  std::string name;
};
struct MacOwner {
  HostId host;
  IfIndex iface;
};

struct TraceMeta {
  std::string scenario;
  std::uint64_t seed = 0;
  std::vector<TraceHostInfo> hosts;
  std::vector<TraceSegmentInfo> segments;

  // The host interface (plugged into a segment) that has this MAC; nullopt for the zero
  // MAC and for a MAC nobody in the scenario has.
  std::optional<MacOwner> mac_owner(const MacAddr& mac) const;
};

class PathBuilder;
class ReportDigest;
class DiagnosisEvidence;

// A model whose timers run lazily: the IPVS connection table expires its entries when the
// director next looks at it (ConnTable::expire()), not at the instant each timer fires.
// A trace that keeps everything asks it, before taking a record at time t, to run the
// timers due at or before t, so that the records they make stand in the trace at the
// time they fired, before anything later. Running them early changes nothing the model
// shows: it runs them itself before every use.
class LazyTimers {
 public:
  virtual void run_timers(SimTime now) = 0;

 protected:
  ~LazyTimers() = default;
};

// How much of a run the trace keeps.
enum class TraceLevel : std::uint8_t {
  kOff,     // nothing is recorded (load benchmarks, `lvslab validate`, `ipvsadm`)
  kReport,  // what the run report reads, nothing per request (report_digest.hpp)
  kFull,    // every record and frame (--trace, --pcap, the viewer)
};

class Trace {
 public:
  explicit Trace(bool enabled = true) : Trace(enabled ? TraceLevel::kFull : TraceLevel::kOff) {}
  explicit Trace(TraceLevel level);
  ~Trace();
  Trace(const Trace&) = delete;
  Trace& operator=(const Trace&) = delete;

  bool enabled() const { return level_ != TraceLevel::kOff; }
  TraceLevel level() const { return level_; }
  // Everything is kept (not only what the report reads).
  bool keeps_everything() const { return level_ == TraceLevel::kFull; }

  // Stores frame bytes, returns their index. At TraceLevel::kReport the bytes are held
  // until the FrameTx record that follows says whether a view needs them.
  std::uint32_t add_frame(wire::Bytes bytes);
  wire::Bytes frame(std::uint32_t index) const;
  bool has_frame(std::uint32_t index) const;
  std::size_t frame_count() const { return frame_offsets_.size(); }

  std::uint32_t add_string(std::string_view s);
  const std::string& string(std::uint32_t index) const { return strings_[index]; }

  void record(SimTime t, TraceBody body) {
    if (!lazy_timers_.empty()) run_lazy_timers(t);
    ++records_made_;
    if (digest_) return digest_record(t, body);
    records_.push_back(TraceRecord{t, body});
  }
  // A record only the whole trace keeps (a host's configuration after an action): at
  // TraceLevel::kReport it is only counted, so that record numbers agree.
  void count_record(SimTime t) {
    if (!lazy_timers_.empty()) run_lazy_timers(t);
    ++records_made_;
  }
  // A record no view of a report-only trace reads (a director's connection entries): kept
  // by the whole trace, only counted by a report-only one (cheaper than the digest).
  void record_or_count(SimTime t, const TraceBody& body) {
    if (digest_) return count_record(t);
    record(t, body);
  }

  // Record numbers: the n-th record the run made is number n at every trace level, the
  // index `lvslab view --at-event N` shows in the whole trace. records()[i] is number
  // number_of(i) (i itself when the trace keeps everything).
  std::uint64_t number_of(std::size_t i) const { return kept_numbers_.empty() ? i : kept_numbers_[i]; }
  std::uint64_t records_made() const { return records_made_; }

  // Registered models run their timers before each record (not nested: the records
  // their timers make do not start another round), at every level that records: the
  // records their timers make are numbered where the whole trace has them.
  void add_lazy_timers(LazyTimers* timers);
  void remove_lazy_timers(LazyTimers* timers);
  // Runs every registered model's timers due at or before `now` (the end of a run, so
  // that the trace holds what happened until then).
  void run_lazy_timers(SimTime now);

  // TraceLevel::kReport: from now on (the meta is filled), records go through the report
  // digest; before (while the world is built) everything is kept.
  void start_digest();
  // The request paths built as the run went (TraceLevel::kReport), else nullptr.
  const PathBuilder* online_paths() const;
  // The diagnosis' evidence gathered as the run went (TraceLevel::kReport), else nullptr.
  const DiagnosisEvidence* online_evidence() const;

  // Host configurations recorded during the run (HostConfigChange::config).
  std::uint32_t add_host_config(TraceHostConfig config);
  const TraceHostConfig& host_config(std::uint32_t index) const { return host_configs_[index]; }
  std::size_t host_config_count() const { return host_configs_.size(); }

  // A director's IPVS tables recorded during the run (IpvsRules::tables).
  std::uint32_t add_ipvs_tables(TraceIpvsTables tables);
  const TraceIpvsTables& ipvs_tables(std::uint32_t index) const { return ipvs_tables_[index]; }

  const std::vector<TraceRecord>& records() const { return records_; }
  TraceMeta& meta() { return meta_; }
  const TraceMeta& meta() const { return meta_; }

 private:
  void digest_record(SimTime t, const TraceBody& body);
  void keep_frame_bytes(std::uint32_t index, wire::Bytes bytes);

  TraceLevel level_;
  std::vector<TraceRecord> records_;
  std::uint64_t records_made_ = 0;
  std::vector<std::uint64_t> kept_numbers_;  // kReport: the number of each kept record
  std::vector<std::uint8_t> frame_bytes_;
  // Full: one entry per frame index, (offset << 16) | length. Report: empty; the kept
  // frames are in kept_frames_ by index, and frame indices count every frame added.
  std::vector<std::uint64_t> frame_offsets_;
  std::unordered_map<std::uint32_t, std::uint64_t> kept_frames_;
  std::uint32_t frames_added_ = 0;
  std::vector<std::uint8_t> pending_frame_;  // kReport: the last frame added
  std::vector<std::string> strings_;
  std::vector<TraceHostConfig> host_configs_;
  std::vector<TraceIpvsTables> ipvs_tables_;
  std::vector<LazyTimers*> lazy_timers_;
  bool running_lazy_timers_ = false;
  TraceMeta meta_;
  std::unique_ptr<ReportDigest> digest_;
};

}  // namespace lvs
