#pragma once
// What the lab's wires carried, captured on every Ethernet interface of every host
// (AF_PACKET sockets opened inside the host's namespace, kernel timestamps from
// SO_TIMESTAMPNS) and turned into the simulator's trace records, so that the same
// views (sim/trace/paths: request paths) work on a real run:
//  * a frame the host sent (PACKET_OUTGOING) is a FrameTx, any other a FrameRx;
//  * `flow` is the request whose client address and port the (inner) TCP segment
//    carries: IPVS keeps the client's address and port in NAT, DR and TUN;
//  * `packet_id` follows one IP packet across hops: frames with the same flow,
//    direction and (inner) IP id, TCP sequence, acknowledgement, flags and payload
//    length are the same packet (forwarding, NAT rewrites and IPIP encapsulation keep
//    all of these);
//  * an ARP reply a host sent is an ArpDecision (kReplied): who answered for which
//    address. Other ARP frames are left out: without the kernel's neighbour events
//    they would tell a half story.
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "sim/trace/trace.hpp"

namespace lvs::hw {

struct CapturedFrame {
  std::int64_t t_ns = 0;  // CLOCK_REALTIME
  HostId host = 0;
  IfIndex iface = 0;  // index in the trace meta's interface list of the host
  bool outgoing = false;
  std::vector<std::uint8_t> bytes;
};

// (client address, client port) -> flow id.
using FlowMap = std::map<std::pair<std::uint32_t, std::uint16_t>, std::uint32_t>;

// The records of `frames` (any order), in time order, with times relative to
// origin_ns; frame bytes go to `trace`'s arena (the records are not added: the caller
// merges them with its own and records them). `arp_ignore` gives the effective
// arp_ignore of (host, iface), shown with an ARP answer.
std::vector<TraceRecord> capture_records(Trace& trace, std::vector<CapturedFrame> frames, const FlowMap& flows,
                                         std::int64_t origin_ns,
                                         const std::map<std::pair<HostId, IfIndex>, int>& arp_ignore);

// Capture threads, one per host namespace.
class Capture {
 public:
  Capture() = default;
  ~Capture();
  Capture(const Capture&) = delete;
  Capture& operator=(const Capture&) = delete;

  // Opens a socket per interface (name -> meta index) in namespace `ns`; returns when
  // the sockets are bound (throws HwError otherwise).
  void add_host(const std::string& ns, HostId host, const std::vector<std::pair<std::string, IfIndex>>& ifaces);
  // Stops every thread and returns what they captured.
  std::vector<CapturedFrame> stop();

 private:
  std::atomic<bool> stop_{false};
  std::vector<std::thread> threads_;
  std::mutex mu_;
  std::vector<CapturedFrame> frames_;
};

}  // namespace lvs::hw
