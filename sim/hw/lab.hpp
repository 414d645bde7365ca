#pragma once
// A scenario's topology on the real kernel (design: every host a network namespace,
// every segment a bridge in the lab's switch namespace, every Ethernet interface a veth
// pair between the two; names in names.hpp). up() applies, in the order a lab machine
// is set up (the same as the simulator's builder): devices, sysctls, links up,
// addresses, routes, then the director's ipvsadm rules over generic netlink. A failure
// removes whatever up() had made and rethrows. up() holds the lab lock (lab_lock.hpp)
// and records this process as the lab's owner (owner.hpp) before the first namespace
// exists. down() removes every namespace of the lab's prefix, then the owner record.
#include <string>
#include <vector>

#include "sim/hw/switch_names.hpp"
#include "sim/scenario/spec.hpp"

namespace lvs::hw {

class Lab {
 public:
  // `speed` > 1 plays the scenario faster, < 1 slower: the links' delays are divided by
  // it and their bandwidths multiplied (scaled(), qdisc.hpp), as `hw run --speed` does
  // to the schedule. Without `shape_links` the links are plain veth pairs (preflight
  // decides: a kernel without netem, a scenario with the default links only).
  Lab(const ScenarioSpec& spec, std::string prefix, double speed = 1.0, bool shape_links = true);
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
  double speed_ = 1.0;
  bool shape_links_ = true;
  void build_switch();
  void build_host(std::size_t index);
  void apply_ipvs(const HostSpec& h);

  const ScenarioSpec& spec_;
  std::string prefix_;
  SwitchNames names_;
  std::vector<std::string> made_;
  bool released_ = false;
  bool built_ = false;
};

// Removes every namespace of the lab with this prefix (its hosts, then its switch) and
// its owner record. Returns the names removed.
std::vector<std::string> remove_lab(const std::string& prefix);

// The prefixes of the labs that have namespaces now ("lvslab-", "lvslab1234-"), sorted.
std::vector<std::string> standing_labs();

}  // namespace lvs::hw
