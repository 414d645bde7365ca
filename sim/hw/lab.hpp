#pragma once
// A scenario's topology on the real kernel (design: every host a network namespace,
// every segment a bridge in the lab's switch namespace, every Ethernet interface a veth
// pair between the two; names in names.hpp). up() applies, in the order a lab machine
// is set up (the same as the simulator's builder): devices, sysctls, links up,
// addresses, routes, then the director's ipvsadm rules over generic netlink. A failure
// removes whatever up() had made and rethrows. down() removes every namespace of the
// lab's prefix.
#include <string>
#include <vector>

#include "sim/scenario/spec.hpp"

namespace lvs::hw {

class Lab {
 public:
  Lab(const ScenarioSpec& spec, std::string prefix);
  ~Lab();  // tears down unless release() was called
  Lab(const Lab&) = delete;
  Lab& operator=(const Lab&) = delete;

  void up();
  void down();
  // Keeps the lab standing after this object is gone (`hw up`).
  void release() { released_ = true; }

  const std::string& prefix() const { return prefix_; }
  std::string host_ns(const std::string& host) const;
  std::string switch_ns() const;
  const ScenarioSpec& spec() const { return spec_; }

  // One line per object made, for `hw up` ("ns lvslab-rs1", "bridge lan", ...).
  const std::vector<std::string>& made() const { return made_; }

 private:
  void check_names() const;
  void build_switch();
  void build_host(std::size_t index);
  void apply_ipvs(const HostSpec& h);

  const ScenarioSpec& spec_;
  std::string prefix_;
  std::vector<std::string> made_;
  bool released_ = false;
  bool built_ = false;
};

// Removes every namespace whose name starts with `prefix` ("" = every lvslab lab).
// Returns the names removed.
std::vector<std::string> remove_labs(const std::string& prefix);

}  // namespace lvs::hw
