#pragma once
// `"power": "off"` / `"on"` on the real kernel, as the simulator defines it
// (Host::set_powered, sim/net/host.cpp): a host switched off flushes its neighbour
// cache, loses its connections and stops its applications, and neither sends nor takes
// a frame until it is switched on, when its applications start again with the
// configuration it had.
//
// A namespace cannot be switched off; hardware mode does what the others see of it:
// its servers stop (so its connections close), every one of its interfaces goes down
// (the bridge then delivers nothing to it and it sends nothing) and its neighbour
// entries are flushed. On power on the interfaces that were up come up again, the
// routes the kernel removed with them are put back (NETDEV_DOWN drops a device's
// routes, a power cycle does not), and its servers start again. What survives in the
// namespace that a real power cycle would lose: the kernel's TCP state of closed
// connections (a FIN retransmitted after power on) and its conntrack/IPVS tables.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "sim/hw/lab.hpp"
#include "sim/hw/services.hpp"

namespace lvs::hw {

class PowerSwitch {
 public:
  // `servers` are the run's servers: a power-off stops the host's, a power-on adds new
  // ones (the stopped ones keep what they served, for the report).
  PowerSwitch(const Lab& lab, const ScenarioSpec& spec, std::vector<HwServer>& servers);

  // Throws HwError when the kernel refuses a step.
  void off(const std::string& host);
  void on(const std::string& host);

 private:
  const Lab& lab_;
  const ScenarioSpec& spec_;
  std::vector<HwServer>& servers_;
  std::set<std::string> off_;
  std::map<std::string, std::vector<std::string>> up_at_off_;  // interfaces that were up
};

}  // namespace lvs::hw
