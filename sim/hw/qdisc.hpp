#pragma once
// A segment's links and a host's receive delay on the real kernel's qdiscs.
//
// The simulator sends every frame over one Transmitter per direction of a segment port
// (sim/net/link.hpp): serialised at the segment's bandwidth behind at most
// queue_frames others (drop-tail), then the propagation delay; a frame towards a host
// also waits the host's rx_delay (base + uniform[0, jitter]) before its stack sees it
// (Segment::egress). Hardware mode gives each direction of a veth pair the same shape:
// the host's device shapes what the host sends, the bridge's port in the switch
// namespace what it receives. Like `tc qdisc add dev D root handle 1: netem delay D
// [J] limit L; tc qdisc add dev D parent 1:1 handle 10: tbf rate R burst B limit Q`:
// netem holds each frame for the delay, then tbf serialises at the bandwidth and drops
// what overflows its queue. Where the two differ (tbf's bucket, netem's jitter) is said
// at LinkShape.
#include <cstdint>
#include <string>

#include "sim/core/time.hpp"
#include "sim/scenario/spec.hpp"

namespace lvs::hw {

// Delays under this are not added with netem: a veth crossing and the scheduling of the
// namespaces' threads already take tens of microseconds on a machine (milliseconds in the
// kernel test's VM), and netem's timer would only add its own latency. Measured: with
// netem for the shipped scenarios' 5-50 us links, the VM's slower answers let TCP's
// delayed-ACK timer send pure ACKs the simulator does not (lvs-tun, lvs-rs-down: one or
// two packets more in the IPVS counters).
inline constexpr SimTime kMinNetemDelay = kMillisecond;

struct LinkShape {
  // netem: delay + uniform[-jitter, +jitter] (netem's law without a distribution table,
  // tabledist()); a uniform[0, J] delay is given as delay + J/2 with jitter J/2. Only
  // whole microseconds (libnl's unit). A jittered netem can reorder frames, which the
  // simulator never does (Segment::egress keeps each port's order).
  SimTime delay = 0;
  SimTime jitter = 0;
  // tbf: the bandwidth (0 = none: no tbf) and the queue behind the frame on the wire,
  // in bytes of full frames. tbf needs a bucket of at least one frame; it gets one
  // millisecond of the rate (at least a full frame), so bursts shorter than that leave
  // at once where the simulator serialises them.
  std::int64_t bandwidth_bps = 0;
  std::uint32_t queue_frames = 0;
  bool operator==(const LinkShape&) const = default;
};

// What a host sends on a segment, and what it receives from it (with its rx_delay).
LinkShape shape_from_host(const SegmentSpec& segment);
LinkShape shape_towards_host(const SegmentSpec& segment, const HostSpec& host);

// The shape on a clock `speed` times faster (`hw run --speed`): delays divided by it,
// the bandwidth multiplied (a frame's serialisation takes 1/speed the time). The
// kernel's own timers (TCP's retransmission and delayed ACK, neighbour and IPVS
// timeouts) keep their real durations.
LinkShape scaled(const LinkShape& shape, double speed);

// "" when the kernel's qdiscs can carry `shape`, else why not (tbf's rate through libnl
// is 32-bit bytes per second: at most 17 Gbit/s).
std::string shape_error(const LinkShape& shape);

// Whether the scenario asks for links other than the simulator's defaults (LinkParams{})
// or for a receive delay: what an unshaped veth would not honour.
bool needs_shaping(const ScenarioSpec& spec);

// "" when this kernel can shape a link (tried on lo in a throwaway network namespace,
// after `modprobe sch_netem sch_tbf`), else the kernel's answer.
std::string shaping_unavailable();

// Whether the delay is added with netem (at least kMinNetemDelay).
bool delays_with_netem(const LinkShape& shape);

// `tc qdisc show`'s words for it: "netem delay 150ms, tbf rate 1000000000bit limit 1001
// frames", "delay 50us not added (under 1ms), tbf ...".
std::string shape_text(const LinkShape& shape);

}  // namespace lvs::hw
