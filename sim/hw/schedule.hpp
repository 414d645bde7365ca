#pragma once
// The order in which hardware mode starts a scenario's requests and applies its timed
// actions: the simulator's own order. The simulator fires events by time, then by the
// order they were scheduled (sim/core/event.hpp fires_before): every client schedules
// its first request when the applications start, before the action runner schedules the
// actions (sim/scenario/execute.cpp), and each later request is scheduled when the one
// before it fires. So at one instant a traffic entry's first request comes before the
// actions, its later ones after them. plan_schedule() replays exactly that bookkeeping
// (a queue ordered by time and scheduling number) without a World.
//
// Real time cannot keep every such order: a request and an action due at the same
// instant, or two requests, are issued in that order, but their packets then race in the
// kernel. Each such instant gets a warning.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/hw/http_apps.hpp"
#include "sim/scenario/spec.hpp"

namespace lvs::hw {

struct ScheduleItem {
  enum class Kind : std::uint8_t { kRequest, kAction };
  Kind kind = Kind::kRequest;
  std::size_t index = 0;  // into PlaySchedule::requests or ScenarioSpec::actions
  SimTime at = 0;         // scenario time
};

// A client's local ports (net.ipv4.ip_local_port_range as the scenario sets it for the
// host, else the kernel's default 32768-60999). Each request of a client gets the next
// one, as `curl --local-port` would: the kernel's own choice (connect() without bind())
// can hand a port out again once its connection has gone, and under load it did (in a
// 1,000-request run in the VM, ports came back after ~690 requests), which makes two
// requests' frames indistinguishable.
struct PortRange {
  std::uint16_t first = 32768, last = 60999;
  std::size_t size() const { return std::size_t{last} - first + 1; }
};
PortRange local_port_range(const HostSpec& host);

struct PlaySchedule {
  // Every request, in the order the simulator starts them; flow = position + 1 (the
  // simulator's flow ids are given in that order too). at_ns is scaled by the speed.
  std::vector<ClientRequest> requests;
  std::vector<ScheduleItem> order;  // requests and actions, in the simulator's order
  std::vector<std::string> warnings;
};

// `speed` scales the requests' at_ns (the items keep scenario time). A client with more
// requests than local ports gets port 0 for the rest (unsupported_in_hw refuses that).
PlaySchedule plan_schedule(const ScenarioSpec& spec, double speed);

}  // namespace lvs::hw
