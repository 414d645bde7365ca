#pragma once
// The IPv4 sysctls a host has, with the kernel's semantics:
//  * net.ipv4.conf.{all,default,<dev>}.<knob> (Documentation/networking/ip-sysctl.rst);
//    effective values combine `all` and the device as the kernel's IN_DEV_MAXCONF /
//    IN_DEV_ORCONF / IN_DEV_CONF_GET macros do (include/linux/inetdevice.h);
//  * writing `default` updates every device that has not set the knob itself
//    (devinet_copy_dflt_conf), and new devices start from `default`;
//  * net.ipv4.ip_forward (= conf.all.forwarding) sets forwarding on all, default and
//    every device (inet_forward_change);
//  * net.ipv4.neigh.{default,<dev>}.<param> with the kernel's units (seconds, USER_HZ
//    centiseconds, milliseconds) and the same default-propagation rule.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/time.hpp"

namespace lvs {

// net.ipv4.conf.<dev>.* knobs we model.
enum class ConfKnob : std::uint8_t {
  kForwarding,
  kRpFilter,
  kArpIgnore,
  kArpAnnounce,
  kArpFilter,
  kArpAccept,
  kAcceptLocal,
  kRouteLocalnet,
  kProxyArp,
  kSendRedirects,
  kAcceptRedirects,
  kLogMartians,
  kArpNotify,
  kPromoteSecondaries,
  kCount
};

// net.ipv4.neigh.<dev>.* parameters, stored in nanoseconds or counts.
enum class NeighKnob : std::uint8_t {
  kBaseReachableTime,
  kRetransTime,
  kDelayFirstProbeTime,
  kGcStaleTime,
  kLocktime,
  kUcastSolicit,
  kMcastSolicit,
  kAppSolicit,
  kMcastResolicit,
  kUnresQlenBytes,
  kCount
};

struct DevConf {
  int value[static_cast<int>(ConfKnob::kCount)] = {};
  std::uint32_t explicitly_set = 0;  // bit per knob (cnf.state in the kernel)
  int get(ConfKnob k) const { return value[static_cast<int>(k)]; }
};

struct NeighParms {
  std::int64_t value[static_cast<int>(NeighKnob::kCount)] = {};
  std::uint32_t explicitly_set = 0;
  std::int64_t get(NeighKnob k) const { return value[static_cast<int>(k)]; }
  SimTime base_reachable_time() const { return get(NeighKnob::kBaseReachableTime); }
  SimTime retrans_time() const { return get(NeighKnob::kRetransTime); }
  SimTime delay_first_probe_time() const { return get(NeighKnob::kDelayFirstProbeTime); }
  SimTime gc_stale_time() const { return get(NeighKnob::kGcStaleTime); }
  SimTime locktime() const { return get(NeighKnob::kLocktime); }
  int ucast_solicit() const { return static_cast<int>(get(NeighKnob::kUcastSolicit)); }
  int mcast_solicit() const { return static_cast<int>(get(NeighKnob::kMcastSolicit)); }
  int app_solicit() const { return static_cast<int>(get(NeighKnob::kAppSolicit)); }
  int mcast_resolicit() const { return static_cast<int>(get(NeighKnob::kMcastResolicit)); }
  std::int64_t unres_qlen_bytes() const { return get(NeighKnob::kUnresQlenBytes); }
};

// Host-wide (non-per-device) knobs.
struct GlobalConf {
  int ip_local_port_first = 32768;  // net.ipv4.ip_local_port_range
  int ip_local_port_last = 60999;
  int tcp_syn_retries = 6;
  int tcp_synack_retries = 5;
  int tcp_retries2 = 15;
  int tcp_fin_timeout = 60;  // seconds (FIN_WAIT2 orphan timeout)
  int ip_default_ttl = 64;
};

class Sysctls {
 public:
  Sysctls();

  // Registers a device (copies `default`), returns nothing; index = order of adding.
  void add_device(std::string name);

  // Sets a sysctl from its text form. `key` may use dots or slashes
  // ("net.ipv4.conf.lo.arp_ignore", "net/ipv4/conf/lo/arp_ignore"). Returns an error
  // message (as `sysctl -w` would give the reason) or nullopt on success.
  std::optional<std::string> set(std::string_view key, std::string_view value);

  // The current value as `sysctl -n` prints it; nullopt for an unknown key.
  std::optional<std::string> get(std::string_view key) const;

  // Effective values for a device, combined with `all` as the kernel does.
  int effective(ConfKnob k, std::size_t dev) const;
  const DevConf& conf(std::size_t dev) const { return devices_.at(dev).conf; }
  const DevConf& conf_all() const { return all_; }
  const NeighParms& neigh(std::size_t dev) const { return devices_.at(dev).neigh; }
  const GlobalConf& global() const { return global_; }

  // Every key this host knows, for docs and error hints.
  std::vector<std::string> keys() const;

 private:
  struct Device {
    std::string name;
    DevConf conf;
    NeighParms neigh;
  };
  Device* find_device(std::string_view name);
  const Device* find_device(std::string_view name) const;
  // set() for each kind of key (net.ipv4.<name>, .conf.<dev>.<name>, .neigh.<dev>.<name>).
  std::optional<std::string> set_global(std::string_view key, std::string_view name, std::string_view value);
  std::optional<std::string> set_port_range(std::string_view key, std::string_view value);
  void set_forwarding(int on);
  std::optional<std::string> set_conf(std::string_view key, std::string_view dev, std::string_view name,
                                      std::string_view value);
  std::optional<std::string> set_neigh(std::string_view key, std::string_view dev, std::string_view name,
                                       std::string_view value);

  DevConf all_;
  DevConf default_;
  NeighParms neigh_default_;
  GlobalConf global_;
  std::vector<Device> devices_;
};

// The value the kernel uses for knob `k` on a device whose own conf holds `dev` while
// conf/all holds `all` (IN_DEV_MAXCONF, IN_DEV_ORCONF or IN_DEV_CONF_GET, per knob):
// arp_ignore is max(all, dev). Hardware mode applies it to the values it reads back.
int combine_conf(ConfKnob k, int all, int dev);

const char* conf_knob_name(ConfKnob k);
const char* neigh_knob_name(NeighKnob k);

}  // namespace lvs
