#pragma once
// What every kind of cause reads (sim/trace/diagnosis/kinds.hpp): the request as the
// client saw it, the run's evidence, the VIP ARP story, and the lab model - the LVS
// services the directors had, which say where each request should go (through the
// director; for NAT, back through it). Helpers here word the evidence the same way for
// every kind: host names, times, sysctls and routes as the tools print them.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/trace/cause.hpp"
#include "sim/trace/diagnosis/evidence.hpp"
#include "sim/trace/nfs_view.hpp"
#include "sim/trace/paths.hpp"
#include "sim/trace/vip_arp.hpp"

namespace lvs {

// A request as the client saw it (what the run report has for it).
struct RequestFacts {
  std::uint32_t flow = 0;
  std::string client, url;
  SimTime start = 0, end = -1;  // end -1: not finished
  int status = 0;               // 0: no answer
  std::string error;            // the client's error ("Connection refused"), "" when none
  std::string server;           // the host whose application served it, "" when none
  const RequestPath* path = nullptr;
  const RequestStorage* storage = nullptr;
};

// One real server of a virtual service, and how the director forwards to it.
enum class Forwarding : std::uint8_t { kNat, kLocal, kTunnel, kRoute };  // ipvs::FwdMethod's order
const char* forwarding_flag(Forwarding f);                               // "-m", "", "-i", "-g"
const char* forwarding_name(Forwarding f);  // "NAT (-m)", "local", "tunnelling (-i)", "direct routing (-g)"

struct LabDest {
  Ipv4Addr addr;
  std::uint16_t port = 0;
  Forwarding method = Forwarding::kRoute;
  HostId host = kNoId;  // the host that has this address, kNoId when none
};
struct LabService {
  HostId director = kNoId;
  Ipv4Addr vip;
  std::uint16_t port = 0;
  std::vector<LabDest> dests;
};

class DiagnosisContext {
 public:
  DiagnosisContext(const Trace& trace, const DiagnosisEvidence& evidence);

  const TraceMeta& meta() const { return meta_; }
  const DiagnosisEvidence& evidence() const { return evidence_; }
  const std::vector<VipArpEvent>& vip_arp() const { return vip_arp_; }
  const std::vector<LabService>& services() const { return services_; }

  // The request's target address and port (from its URL), nullopt when not an address.
  static std::optional<std::pair<Ipv4Addr, std::uint16_t>> target_of(const std::string& url);
  const LabService* service_for(Ipv4Addr vip, std::uint16_t port) const;
  const LabService* service_for(const RequestFacts& q) const;
  // The destination of any service that `host` is, or that has `addr`.
  const LabDest* dest_on(HostId host) const;
  const LabDest* dest_with(Ipv4Addr addr) const;
  bool is_director(HostId host) const;
  // The request went to a VIP and reached a real server, but no hop of its path is on
  // the director.
  bool bypasses_director(const RequestFacts& q) const;
  // The last change, before the request ended, that put a real server's MAC in a cache
  // entry for the request's VIP, on a host the request crossed; nullptr when none.
  const VipArpEvent* realserver_mac_for_vip(const RequestFacts& q) const;

  // --- words ---
  std::string host(HostId h) const;                 // "rs1", "?" when none
  std::string iface(HostId h, IfIndex i) const;     // "eth0"
  std::string addr_of(Ipv4Addr a) const;            // "192.168.10.11 (rs1)" or "192.168.10.11"
  HostId owner(Ipv4Addr a) const;                   // the host that has the address, kNoId
  bool owns(HostId h, Ipv4Addr a) const;            // the address is configured on the host
  bool on_link(HostId h, Ipv4Addr a) const;         // on a subnet of one of h's interfaces
  std::vector<std::string> routes(HostId h) const;  // `ip route` as the run started
  std::optional<Ipv4Addr> default_gateway(HostId h) const;
  // The effective value of a per-interface sysctl ("rp_filter") on `iface`, -1 unknown.
  int effective(HostId h, const std::string& iface, const std::string& key) const;
  // A packet in words, seen from the request: "the reply from 192.168.10.12 (rs2)",
  // "the request to 192.168.10.100", "the tunnelled request to 192.168.10.100".
  std::string packet_words(const PacketFacts& p, const FlowFacts& f) const;

 private:
  const TraceMeta& meta_;
  const DiagnosisEvidence& evidence_;
  std::vector<VipArpEvent> vip_arp_;
  std::vector<LabService> services_;
  // service_for(q): the last URL asked and its service (requests repeat their URL).
  mutable std::string last_url_;
  mutable const LabService* last_service_ = nullptr;
};

// "1.000775 s": a time in a cause sentence (microseconds show which ARP reply came first).
std::string cause_time(SimTime t);
// "gw sends the client's packets straight to rs2", or, when the host holding the wrong
// neighbour entry is the request's client itself, "client sends its packets for the VIP
// straight to rs2".
std::string sends_straight_to(const std::string& holder, const RequestFacts& q, const std::string& rs);

// A cause of `kind` about record `event` at `host`.
Cause make_cause(const char* kind, std::string text, std::uint64_t event, const std::string& host);

}  // namespace lvs
