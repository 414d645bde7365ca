#pragma once
// The World: everything a run needs, owned in one place. Hosts and segments are
// created by the scenario builder; the simulator drives them; the trace records.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/simulator.hpp"
#include "sim/net/link.hpp"
#include "sim/net/packet.hpp"
#include "sim/trace/trace.hpp"

namespace lvs {

class Host;
class Segment;

class World {
 public:
  World(std::uint64_t seed, bool tracing) : World(seed, tracing ? TraceLevel::kFull : TraceLevel::kOff) {}
  World(std::uint64_t seed, TraceLevel trace_level);
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  Simulator& sim() { return sim_; }
  PacketPool& pool() { return pool_; }
  Trace& trace() { return trace_; }
  bool tracing() const { return trace_.enabled(); }
  SimTime now() const { return sim_.now(); }

  Segment& add_segment(std::string name, const LinkParams& defaults);
  Host& add_host(std::string name, std::string role);

  Host* find_host(std::string_view name);
  Segment* find_segment(std::string_view name);
  Host& host(HostId id) { return *hosts_.at(id); }
  Segment& segment(SegmentId id) { return *segments_.at(id); }
  const std::vector<std::unique_ptr<Host>>& hosts() const { return hosts_; }
  const std::vector<std::unique_ptr<Segment>>& segments() const { return segments_; }

  std::uint32_t next_packet_id() { return ++packet_ids_; }
  std::uint32_t next_flow_id() { return ++flow_ids_; }

  // Fills trace().meta() with the names of hosts, interfaces and segments (and, at
  // TraceLevel::kReport, starts keeping only what the report reads).
  void describe_into_trace(std::string scenario_name);
  // Records the host's current addresses, routes and key sysctls (after a scenario
  // action changed them), when the whole trace is kept (the viewer shows them).
  void trace_host_config(HostId id);

  // Frame counters (always on, also without tracing).
  std::uint64_t frames_transmitted = 0;
  std::uint64_t frames_dropped = 0;

 private:
  Simulator sim_;
  PacketPool pool_;
  Trace trace_;
  std::vector<std::unique_ptr<Segment>> segments_;
  std::vector<std::unique_ptr<Host>> hosts_;
  std::uint32_t packet_ids_ = 0;
  std::uint32_t flow_ids_ = 0;
};

}  // namespace lvs
