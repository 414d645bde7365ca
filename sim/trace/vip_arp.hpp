#pragma once
// The ARP story of the virtual IPs, as a view of the trace: who answered "who-has VIP",
// which reply each asker took into its neighbour cache (the first one: a later reply with
// another MAC within locktime does not replace it), and every later change of a cached
// VIP entry (e.g. a DR real server's own ARP request with the VIP as sender address,
// arp_announce=0, overriding the gateway's entry). This is how the DR "ARP problem" is
// shown: the cache that matters holds a real server's MAC instead of the director's.
#include <string>
#include <vector>

#include "sim/trace/trace.hpp"

namespace lvs {

struct VipArpEvent {
  enum class Kind : std::uint8_t {
    kAnswered,      // `host` answered who-has VIP (ArpDecision replied)
    kReplyTaken,    // `host` received a reply for the VIP and its cache took it
    kReplyIgnored,  // `host` received a reply for the VIP and kept what it had
    kCacheChanged,  // `host`'s entry for the VIP changed (state and/or MAC)
  };
  SimTime time = 0;
  Kind kind = Kind::kAnswered;
  std::string host, iface;
  Ipv4Addr vip;
  MacAddr mac;            // the MAC the event is about
  std::string mac_owner;  // the host that owns `mac` ("?" when unknown)
  std::string detail;     // "arp_ignore=0", "STALE -> REACHABLE", ...
  // kCacheChanged learned from an ARP request that carried the VIP as sender address
  // (arp_announce=0 on the sender): the host that sent it, else "".
  std::string learned_from;
  std::uint64_t event = 0;   // the record that shows it (Trace::number_of)
  std::string text() const;  // one line for reports
};

// Addresses that have the role VIP somewhere in the scenario.
std::vector<Ipv4Addr> virtual_ips(const TraceMeta& meta);

std::vector<VipArpEvent> vip_arp_history(const Trace& trace);

// The records vip_arp_history() reads, for a trace that keeps only what its report
// needs: ARP decisions about a VIP, neighbour changes of a VIP's entry, and ARP frames
// whose sender address is a VIP (replies, and requests sent with the VIP as sender).
// `frame` is the record's frame for a FrameTx (its bytes are kept when it is one of
// those frames); a FrameRx is read when its frame was kept.
bool vip_arp_reads(const TraceBody& body, wire::Bytes frame, const std::vector<Ipv4Addr>& vips);

}  // namespace lvs
