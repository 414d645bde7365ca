#include "sim/net/sysctl.hpp"

#include <algorithm>
#include <charconv>

namespace lvs {
namespace {

// How a per-device knob combines with conf/all (include/linux/inetdevice.h).
enum class Combine { kDevice, kMax, kOr };

struct ConfSpec {
  const char* name;
  int dflt;
  int min;
  int max;
  Combine combine;
};

// Indexed by ConfKnob. Ranges are the documented values (ip-sysctl.rst).
constexpr ConfSpec kConf[] = {
    {"forwarding", 0, 0, 1, Combine::kDevice},  // IN_DEV_FORWARD
    {"rp_filter", 0, 0, 2, Combine::kMax},      // IN_DEV_RPFILTER: max(all, dev)
    {"arp_ignore", 0, 0, 8, Combine::kMax},     // IN_DEV_ARP_IGNORE: max(all, dev)
    {"arp_announce", 0, 0, 2, Combine::kMax},   // IN_DEV_ARP_ANNOUNCE: max(all, dev)
    {"arp_filter", 0, 0, 1, Combine::kOr},      // IN_DEV_ARPFILTER
    {"arp_accept", 0, 0, 2, Combine::kMax},     // IN_DEV_ARP_ACCEPT
    {"accept_local", 0, 0, 1, Combine::kOr},    // IN_DEV_ACCEPT_LOCAL
    {"route_localnet", 0, 0, 1, Combine::kOr},  // IN_DEV_ROUTE_LOCALNET
    {"proxy_arp", 0, 0, 1, Combine::kOr},       // IN_DEV_PROXY_ARP
    {"send_redirects", 1, 0, 1, Combine::kOr},  // IN_DEV_TX_REDIRECTS
    {"accept_redirects", 1, 0, 1, Combine::kOr}, {"log_martians", 0, 0, 1, Combine::kOr},
    {"arp_notify", 0, 0, 1, Combine::kMax},      {"promote_secondaries", 0, 0, 1, Combine::kOr},
};
static_assert(std::size(kConf) == static_cast<std::size_t>(ConfKnob::kCount));

// Units of net.ipv4.neigh.* values as written in /proc (neighbour.c sysctl table).
enum class Unit { kSeconds, kUserHz, kMillis, kCount, kBytes, kPacketsAsBytes };

// SKB_TRUESIZE(ETH_FRAME_LEN) on x86_64: unres_qlen (packets) <-> unres_qlen_bytes.
constexpr std::int64_t kTruesizeFullFrame = 2112;

// The kernel keeps every neigh value in an int, times in jiffies; its proc handlers
// (kernel/sysctl.c, net/core/neighbour.c) refuse what would not fit. The limits depend
// on HZ: Debian 12's kernel has CONFIG_HZ=250 (USER_HZ is always 100).
constexpr std::int64_t kIntMax = 2147483647;  // INT_MAX
constexpr std::int64_t kHz = 250;
constexpr std::int64_t kUserHz = 100;

// Largest value a neigh sysctl accepts, in the unit it is written in.
std::int64_t neigh_max(Unit u) {
  switch (u) {
    // proc_dointvec_jiffies: seconds > INT_MAX / HZ is EINVAL.
    case Unit::kSeconds: return kIntMax / kHz;
    // proc_dointvec_userhz_jiffies: clock_t_to_jiffies(v) = v * HZ / USER_HZ is stored
    // in an int without a check (it would wrap); lvslab refuses what would not fit.
    case Unit::kUserHz: return ((kIntMax + 1) * kUserHz - 1) / kHz;
    // proc_dointvec_ms_jiffies: msecs_to_jiffies(v) = ceil(v * HZ / 1000) > INT_MAX is EINVAL.
    case Unit::kMillis: return kIntMax * (1000 / kHz);
    // neigh_proc_dointvec_zero_intmax: 0..INT_MAX.
    case Unit::kCount:
    case Unit::kBytes: return kIntMax;
    // proc_unres_qlen: 0..INT_MAX / SKB_TRUESIZE(ETH_FRAME_LEN).
    case Unit::kPacketsAsBytes: return kIntMax / kTruesizeFullFrame;
  }
  return 0;
}

struct NeighSpec {
  const char* name;
  NeighKnob knob;
  Unit unit;
};
constexpr NeighSpec kNeigh[] = {
    {"base_reachable_time", NeighKnob::kBaseReachableTime, Unit::kSeconds},
    {"base_reachable_time_ms", NeighKnob::kBaseReachableTime, Unit::kMillis},
    {"retrans_time", NeighKnob::kRetransTime, Unit::kUserHz},
    {"retrans_time_ms", NeighKnob::kRetransTime, Unit::kMillis},
    {"delay_first_probe_time", NeighKnob::kDelayFirstProbeTime, Unit::kSeconds},
    {"gc_stale_time", NeighKnob::kGcStaleTime, Unit::kSeconds},
    {"locktime", NeighKnob::kLocktime, Unit::kUserHz},
    {"ucast_solicit", NeighKnob::kUcastSolicit, Unit::kCount},
    {"mcast_solicit", NeighKnob::kMcastSolicit, Unit::kCount},
    {"app_solicit", NeighKnob::kAppSolicit, Unit::kCount},
    {"mcast_resolicit", NeighKnob::kMcastResolicit, Unit::kCount},
    {"unres_qlen_bytes", NeighKnob::kUnresQlenBytes, Unit::kBytes},
    {"unres_qlen", NeighKnob::kUnresQlenBytes, Unit::kPacketsAsBytes},
};

// arp_tbl defaults (net/ipv4/arp.c) with SK_WMEM_MAX for the queue.
NeighParms default_neigh_parms() {
  NeighParms p;
  auto set = [&](NeighKnob k, std::int64_t v) { p.value[static_cast<int>(k)] = v; };
  set(NeighKnob::kBaseReachableTime, 30 * kSecond);
  set(NeighKnob::kRetransTime, 1 * kSecond);
  set(NeighKnob::kDelayFirstProbeTime, 5 * kSecond);
  set(NeighKnob::kGcStaleTime, 60 * kSecond);
  set(NeighKnob::kLocktime, 1 * kSecond);
  set(NeighKnob::kUcastSolicit, 3);
  set(NeighKnob::kMcastSolicit, 3);
  set(NeighKnob::kAppSolicit, 0);
  set(NeighKnob::kMcastResolicit, 0);
  set(NeighKnob::kUnresQlenBytes, 212992);
  return p;
}

std::vector<std::string_view> split_key(std::string_view key) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= key.size(); ++i) {
    if (i == key.size() || key[i] == '.' || key[i] == '/') {
      parts.push_back(key.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

std::string proc_path(std::string_view key) {
  std::string path = "/proc/sys/";
  for (char c : key) path += (c == '.') ? '/' : c;
  return path;
}

std::optional<std::int64_t> parse_int(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n')) text.remove_suffix(1);
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return v;
}

const ConfSpec* find_conf(std::string_view name, ConfKnob* out) {
  for (std::size_t i = 0; i < std::size(kConf); ++i)
    if (name == kConf[i].name) {
      *out = static_cast<ConfKnob>(i);
      return &kConf[i];
    }
  return nullptr;
}

const NeighSpec* find_neigh(std::string_view name) {
  for (const auto& s : kNeigh)
    if (name == s.name) return &s;
  return nullptr;
}

std::int64_t to_internal(Unit u, std::int64_t v) {
  switch (u) {
    case Unit::kSeconds: return v * kSecond;
    case Unit::kUserHz: return v * (kSecond / 100);
    case Unit::kMillis: return v * kMillisecond;
    case Unit::kPacketsAsBytes: return v * kTruesizeFullFrame;
    default: return v;
  }
}

std::int64_t to_external(Unit u, std::int64_t v) {
  switch (u) {
    case Unit::kSeconds: return v / kSecond;
    case Unit::kUserHz: return v / (kSecond / 100);
    case Unit::kMillis: return v / kMillisecond;
    case Unit::kPacketsAsBytes: return (v + kTruesizeFullFrame - 1) / kTruesizeFullFrame;
    default: return v;
  }
}

std::string invalid(std::string_view key, std::string_view why) {
  return "sysctl: setting key \"" + std::string(key) + "\": Invalid argument (" + std::string(why) + ")";
}

std::string not_found(std::string_view key) {
  return "sysctl: cannot stat " + proc_path(key) + ": No such file or directory";
}

// The host-wide integer knobs and their ranges (the kernel's extra1/extra2 bounds).
struct GlobalIntSpec {
  const char* name;
  int GlobalConf::*field;
  int min, max;
};
constexpr GlobalIntSpec kGlobalInts[] = {
    {"tcp_syn_retries", &GlobalConf::tcp_syn_retries, 1, 127},
    {"tcp_synack_retries", &GlobalConf::tcp_synack_retries, 0, 255},
    {"tcp_retries2", &GlobalConf::tcp_retries2, 0, 255},
    {"tcp_fin_timeout", &GlobalConf::tcp_fin_timeout, 1, 3600},
    {"ip_default_ttl", &GlobalConf::ip_default_ttl, 1, 255},
};

}  // namespace

const char* conf_knob_name(ConfKnob k) { return kConf[static_cast<int>(k)].name; }

int combine_conf(ConfKnob k, int all, int dev) {
  switch (kConf[static_cast<int>(k)].combine) {
    case Combine::kDevice: return dev;
    case Combine::kMax: return std::max(all, dev);
    case Combine::kOr: return (all || dev) ? 1 : 0;
  }
  return dev;
}

const char* neigh_knob_name(NeighKnob k) {
  for (const auto& s : kNeigh)
    if (s.knob == k) return s.name;
  return "?";
}

Sysctls::Sysctls() {
  for (std::size_t i = 0; i < std::size(kConf); ++i) {
    all_.value[i] = kConf[i].dflt;
    default_.value[i] = kConf[i].dflt;
  }
  neigh_default_ = default_neigh_parms();
}

void Sysctls::add_device(std::string name) {
  Device d;
  d.name = std::move(name);
  d.conf = default_;
  d.conf.explicitly_set = 0;
  d.neigh = neigh_default_;
  d.neigh.explicitly_set = 0;
  devices_.push_back(std::move(d));
}

Sysctls::Device* Sysctls::find_device(std::string_view name) {
  for (auto& d : devices_)
    if (d.name == name) return &d;
  return nullptr;
}
const Sysctls::Device* Sysctls::find_device(std::string_view name) const {
  for (const auto& d : devices_)
    if (d.name == name) return &d;
  return nullptr;
}

int Sysctls::effective(ConfKnob k, std::size_t dev) const {
  const int idx = static_cast<int>(k);
  return combine_conf(k, all_.value[idx], devices_.at(dev).conf.value[idx]);
}

std::optional<std::string> Sysctls::set(std::string_view key, std::string_view value) {
  const auto parts = split_key(key);
  if (parts.size() < 3 || parts[0] != "net" || parts[1] != "ipv4") return not_found(key);
  if (parts.size() == 3) return set_global(key, parts[2], value);
  if (parts.size() != 5) return not_found(key);
  if (parts[2] == "conf") return set_conf(key, parts[3], parts[4], value);
  if (parts[2] == "neigh") return set_neigh(key, parts[3], parts[4], value);
  return not_found(key);
}

// net.ipv4.<name>: the host-wide knobs. The value is read before the name is looked up
// (an unknown name with a non-numeric value is "not an integer").
std::optional<std::string> Sysctls::set_global(std::string_view key, std::string_view name, std::string_view value) {
  if (name == "ip_local_port_range") return set_port_range(key, value);
  const auto v = parse_int(value);
  if (!v) return invalid(key, "not an integer");
  if (name == "ip_forward") {
    if (*v < 0 || *v > 1) return invalid(key, "0 or 1");
    set_forwarding(static_cast<int>(*v));
    return std::nullopt;
  }
  for (const GlobalIntSpec& g : kGlobalInts)
    if (name == g.name) {
      if (*v < g.min || *v > g.max) return invalid(key, std::to_string(g.min) + ".." + std::to_string(g.max));
      global_.*g.field = static_cast<int>(*v);
      return std::nullopt;
    }
  return not_found(key);
}

// net.ipv4.ip_local_port_range: "FIRST LAST", 1 <= FIRST <= LAST <= 65535.
std::optional<std::string> Sysctls::set_port_range(std::string_view key, std::string_view value) {
  const auto space = value.find_first_of(" \t");
  if (space == std::string_view::npos) return invalid(key, "expected two port numbers");
  const auto lo = parse_int(value.substr(0, space));
  const auto hi = parse_int(value.substr(space + 1));
  if (!lo || !hi || *lo < 1 || *hi > 65535 || *lo > *hi) return invalid(key, "expected 'FIRST LAST' ports");
  global_.ip_local_port_first = static_cast<int>(*lo);
  global_.ip_local_port_last = static_cast<int>(*hi);
  return std::nullopt;
}

// inet_forward_change(): all, default and every device follow.
void Sysctls::set_forwarding(int on) {
  const int idx = static_cast<int>(ConfKnob::kForwarding);
  all_.value[idx] = on;
  default_.value[idx] = on;
  for (auto& d : devices_) d.conf.value[idx] = on;
}

// net.ipv4.conf.<dev>.<name>, in the documented range.
std::optional<std::string> Sysctls::set_conf(std::string_view key, std::string_view dev, std::string_view name,
                                             std::string_view value) {
  ConfKnob knob;
  const ConfSpec* spec = find_conf(name, &knob);
  if (!spec) return not_found(key);
  const auto v = parse_int(value);
  if (!v) return invalid(key, "not an integer");
  if (*v < spec->min || *v > spec->max)
    return invalid(key, "documented values are " + std::to_string(spec->min) + ".." + std::to_string(spec->max));
  const int idx = static_cast<int>(knob);
  const int iv = static_cast<int>(*v);
  if (dev == "all") {
    if (knob == ConfKnob::kForwarding) return set("net.ipv4.ip_forward", value);
    all_.value[idx] = iv;
  } else if (dev == "default") {
    default_.value[idx] = iv;
    for (auto& d : devices_)  // devinet_copy_dflt_conf()
      if (!(d.conf.explicitly_set & (1u << idx))) d.conf.value[idx] = iv;
  } else {
    Device* d = find_device(dev);
    if (!d) return not_found(key);
    d->conf.value[idx] = iv;
    d->conf.explicitly_set |= 1u << idx;
  }
  return std::nullopt;
}

// net.ipv4.neigh.<dev>.<name>, in the parameter's unit, within what the kernel stores.
std::optional<std::string> Sysctls::set_neigh(std::string_view key, std::string_view dev, std::string_view name,
                                              std::string_view value) {
  const NeighSpec* spec = find_neigh(name);
  if (!spec) return not_found(key);
  const auto v = parse_int(value);
  if (!v) return invalid(key, "not an integer");
  if (*v < 0) return invalid(key, "must not be negative");
  if (*v > neigh_max(spec->unit))
    return invalid(key, "at most " + std::to_string(neigh_max(spec->unit)) +
                            ": the kernel keeps it as an int (of jiffies, HZ=250, for times)");
  const int idx = static_cast<int>(spec->knob);
  const std::int64_t internal = to_internal(spec->unit, *v);
  if (dev == "default") {
    neigh_default_.value[idx] = internal;
    for (auto& d : devices_)  // neigh_copy_dflt_parms()
      if (!(d.neigh.explicitly_set & (1u << idx))) d.neigh.value[idx] = internal;
  } else {
    Device* d = find_device(dev);
    if (!d) return not_found(key);
    d->neigh.value[idx] = internal;
    d->neigh.explicitly_set |= 1u << idx;
  }
  return std::nullopt;
}

std::optional<std::string> Sysctls::get(std::string_view key) const {
  const auto parts = split_key(key);
  if (parts.size() < 3 || parts[0] != "net" || parts[1] != "ipv4") return std::nullopt;
  if (parts.size() == 3) {
    const std::string_view name = parts[2];
    if (name == "ip_forward") return std::to_string(all_.get(ConfKnob::kForwarding));
    if (name == "ip_local_port_range")
      return std::to_string(global_.ip_local_port_first) + "\t" + std::to_string(global_.ip_local_port_last);
    for (const GlobalIntSpec& g : kGlobalInts)
      if (name == g.name) return std::to_string(global_.*g.field);
    return std::nullopt;
  }
  if (parts.size() != 5) return std::nullopt;
  const std::string_view dev = parts[3];
  if (parts[2] == "conf") {
    ConfKnob knob;
    if (!find_conf(parts[4], &knob)) return std::nullopt;
    if (dev == "all") return std::to_string(all_.get(knob));
    if (dev == "default") return std::to_string(default_.get(knob));
    const Device* d = find_device(dev);
    if (!d) return std::nullopt;
    return std::to_string(d->conf.get(knob));
  }
  if (parts[2] == "neigh") {
    const NeighSpec* spec = find_neigh(parts[4]);
    if (!spec) return std::nullopt;
    const NeighParms* p = nullptr;
    if (dev == "default") p = &neigh_default_;
    else if (const Device* d = find_device(dev)) p = &d->neigh;
    if (!p) return std::nullopt;
    return std::to_string(to_external(spec->unit, p->get(spec->knob)));
  }
  return std::nullopt;
}

std::vector<std::string> Sysctls::keys() const {
  std::vector<std::string> out = {"net.ipv4.ip_forward",      "net.ipv4.ip_local_port_range", "net.ipv4.ip_default_ttl",
                                  "net.ipv4.tcp_syn_retries", "net.ipv4.tcp_synack_retries",  "net.ipv4.tcp_retries2",
                                  "net.ipv4.tcp_fin_timeout"};
  std::vector<std::string> devs = {"all", "default"};
  for (const auto& d : devices_) devs.push_back(d.name);
  for (const auto& dev : devs)
    for (const auto& s : kConf) out.push_back("net.ipv4.conf." + dev + "." + s.name);
  for (const auto& dev : devs) {
    if (dev == "all") continue;
    for (const auto& s : kNeigh) out.push_back("net.ipv4.neigh." + dev + "." + s.name);
  }
  return out;
}

}  // namespace lvs
