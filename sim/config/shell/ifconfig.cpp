// net-tools 2.10 `ifconfig`: show (all, one device, an alias label) and set (address,
// netmask, broadcast, mtu, arp / -arp, up, down) through the SIOCSIF* ioctls, with the kernel's rules
// (net/ipv4/devinet.c devinet_ioctl, Linux 6.1):
//  * a name with a colon ("eth0:0", "lo:0") is an address label on the device before it;
//    the address an ioctl acts on is the first whose label is the name;
//  * SIOCSIFADDR replaces that address (or adds one with the name as label) with the
//    classful prefix (inet_abc_len: 10.1.2.3 -> /8, 172.16.x -> /16, 192.168.x -> /24)
//    and, on a device with IFF_BROADCAST, the classful broadcast; address 0 deletes it;
//    ifconfig then sets the device UP (set_flag(IFF_UP | IFF_RUNNING));
//  * SIOCSIFNETMASK changes the prefix; the broadcast follows only when it was the
//    subnet's and the new prefix is shorter than /31;
//  * SIOCSIFFLAGS without IFF_UP on an alias deletes its address; `up` on an alias does nothing.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <optional>

#include "sim/config/shell/commands.hpp"
#include "sim/config/shell/link_view.hpp"
#include "sim/net/host.hpp"

namespace lvs::config::shell {
namespace {

std::string dev_part(std::string_view name) { return std::string(name.substr(0, name.find(':'))); }
bool is_alias(std::string_view name) { return name.find(':') != std::string_view::npos; }

// inet_abc_len(): -1 for class D (multicast), which SIOCSIFADDR refuses.
int classful_len(Ipv4Addr a) {
  const std::uint32_t v = a.value;
  if (v == 0 || v == 0xffffffffu) return 0;
  if ((v >> 31) == 0) return 8;        // class A
  if ((v >> 30) == 0b10) return 16;    // class B
  if ((v >> 29) == 0b110) return 24;   // class C
  if ((v >> 28) == 0b1110) return -1;  // class D
  return 32;                           // class E
}

const IfAddress* find_label(const Interface& dev, std::string_view name) {
  for (const auto& ifa : dev.addresses)
    if (ifa.label == name) return &ifa;
  return nullptr;
}

// "SIOCSIFADDR: No such device" and friends.
std::string ioctl_error(const char* ioctl, const char* why) { return std::string(ioctl) + ": " + why + "\n"; }

class Ifconfig {
 public:
  Ifconfig(Host& host, std::string name) : host_(host), name_(std::move(name)) {}

  // Each returns "" or the message (and marks the run failed).
  std::string set_address(Ipv4Addr addr) {
    Interface* dev = device();
    // ifconfig goes on to set the flags, which fails the same way.
    if (!dev) return failed(ioctl_error("SIOCSIFADDR", "No such device")) + set_flag_up();
    const int len = classful_len(addr);
    if (len < 0) return failed(ioctl_error("SIOCSIFADDR", "Invalid argument"));
    std::optional<IfAddress> old;
    if (const IfAddress* ifa = find_label(*dev, name_)) old = *ifa;
    if (old && old->local() == addr) return set_flag_up();
    if (old) (void)host_.del_address(dev->name, old->local());
    if (addr.is_unspecified()) return {};  // inet_set_ifa() frees an address 0: the label is gone
    {
      Host::AddressConfig c;
      c.dev = dev->name;
      c.label = name_;
      c.prefix = Ipv4Prefix{addr, static_cast<std::uint8_t>(len)};
      if (dev->kind == IfKind::kEthernet && len < 31) c.broadcast = c.prefix.broadcast();
      if (auto err = host_.add_address(c)) return failed(ioctl_error("SIOCSIFADDR", "File exists"));
    }
    return set_flag_up();
  }

  std::string set_netmask(Ipv4Addr mask) {
    Interface* dev = device();
    if (!dev) return failed(ioctl_error("SIOCSIFNETMASK", "No such device"));
    const IfAddress* ifa = find_label(*dev, name_);
    if (!ifa) return failed(ioctl_error("SIOCSIFNETMASK", "Cannot assign requested address"));
    const auto len = netmask_to_prefix(mask);
    if (!len) return failed(ioctl_error("SIOCSIFNETMASK", "Invalid argument"));
    if (*len == ifa->prefix.len) return {};
    IfAddress old = *ifa;
    Host::AddressConfig c = config_of(*dev, old);
    c.prefix.len = static_cast<std::uint8_t>(*len);
    if (dev->kind == IfKind::kEthernet && *len < 31 && old.broadcast == old.prefix.broadcast())
      c.broadcast = c.prefix.broadcast();
    return replace(*dev, old, c, "SIOCSIFNETMASK");
  }

  std::string set_broadcast(Ipv4Addr brd) {
    Interface* dev = device();
    if (!dev) return failed(ioctl_error("SIOCSIFBRDADDR", "No such device"));
    const IfAddress* ifa = find_label(*dev, name_);
    if (!ifa) return failed(ioctl_error("SIOCSIFBRDADDR", "Cannot assign requested address"));
    if (ifa->broadcast == brd) return {};
    IfAddress old = *ifa;
    Host::AddressConfig c = config_of(*dev, old);
    c.broadcast = brd;
    return replace(*dev, old, c, "SIOCSIFBRDADDR");
  }

  std::string set_up(bool up) {
    Interface* dev = device();
    if (!dev) return failed(name_ + ": ERROR while getting interface flags: No such device\n");
    if (is_alias(name_)) {
      const IfAddress* ifa = find_label(*dev, name_);
      if (!up && ifa) (void)host_.del_address(dev->name, ifa->local());
      else if (!up) return failed(ioctl_error("SIOCSIFFLAGS", "Cannot assign requested address"));
      return {};
    }
    host_.set_link_up(dev->index, up);
    return {};
  }

  // `arp` / `-arp`: net-tools clears / sets IFF_NOARP with SIOCSIFFLAGS; on an alias
  // devinet_ioctl() only looks at IFF_UP, so nothing changes.
  std::string set_noarp(bool noarp) {
    Interface* dev = device();
    if (!dev) return failed(name_ + ": ERROR while getting interface flags: No such device\n");
    if (is_alias(name_)) {
      if (!find_label(*dev, name_)) return failed(ioctl_error("SIOCSIFFLAGS", "Cannot assign requested address"));
      return {};
    }
    host_.set_noarp(dev->index, noarp);
    return {};
  }

  // `mtu N`: SIOCSIFMTU (dev_set_mtu(): the device's bounds, as `ip link set mtu`).
  std::string set_mtu(long long mtu, int lo, int hi) {
    Interface* dev = device();
    if (!dev) return failed(ioctl_error("SIOCSIFMTU", "No such device"));
    if (mtu < lo || mtu > hi) return failed(ioctl_error("SIOCSIFMTU", "Invalid argument"));
    host_.set_mtu(dev->index, static_cast<int>(mtu));
    return {};
  }

  Interface* device() { return host_.find_iface(dev_part(name_)); }

  bool ok() const { return ok_; }

 private:
  std::string set_flag_up() { return set_up(true); }

  Host::AddressConfig config_of(const Interface& dev, const IfAddress& a) const {
    Host::AddressConfig c;
    c.dev = dev.name;
    c.label = a.label;
    c.prefix = a.prefix;
    c.scope = a.scope;
    c.broadcast = a.broadcast;
    c.role = a.role;
    return c;
  }

  std::string replace(const Interface& dev, const IfAddress& old, const Host::AddressConfig& c, const char* ioctl) {
    (void)host_.del_address(dev.name, old.local());
    if (host_.add_address(c)) return failed(ioctl_error(ioctl, "File exists"));
    return {};
  }

  std::string failed(std::string message) {
    ok_ = false;
    return message;
  }

  Host& host_;
  std::string name_;
  bool ok_ = true;
};

std::string stats_lines() {
  // lvslab's devices count no traffic before the run: a freshly booted machine's numbers.
  return "        RX packets 0  bytes 0 (0.0 B)\n"
         "        RX errors 0  dropped 0  overruns 0  frame 0\n"
         "        TX packets 0  bytes 0 (0.0 B)\n"
         "        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n";
}

std::string link_kind_line(const Interface& dev) {
  switch (dev.kind) {
    case IfKind::kLoopback: return "        loop  txqueuelen 1000  (Local Loopback)\n";
    case IfKind::kEthernet: return "        ether " + dev.mac.str() + "  txqueuelen 1000  (Ethernet)\n";
    case IfKind::kIpip: return "        tunnel   txqueuelen 1000  (IPIP Tunnel)\n";
  }
  return {};
}

// net-tools ife_print_long() for a device or one of its alias labels.
std::string show_entry(const Interface& dev, const std::string& name) {
  std::string s = name + ": " + ifconfig_flags(dev) + "  mtu " + std::to_string(dev.mtu) + "\n";
  if (const IfAddress* ifa = find_label(dev, name)) {
    s += "        inet " + ifa->local().str() + "  netmask " + Ipv4Addr(ifa->prefix.mask()).str();
    if (dev.kind == IfKind::kEthernet) s += "  broadcast " + ifa->broadcast.str();
    s += "\n";
  }
  const bool alias = is_alias(name);
  if (!alias)
    if (const auto v6 = ipv6_auto_address(dev))
      s += "        inet6 " + v6->addr + "  prefixlen " + std::to_string(v6->prefix_len) + "  scopeid 0x" +
           (v6->scope_id == 0x20 ? "20" : "10") + "<" + v6->scope + ">\n";
  s += link_kind_line(dev);
  if (!alias) s += stats_lines();
  return s + "\n";
}

bool natural_less(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  while (i < a.size() && j < b.size()) {
    if (digit(a[i]) && digit(b[j])) {
      std::size_t ei = i, ej = j;
      while (ei < a.size() && digit(a[ei])) ++ei;
      while (ej < b.size() && digit(b[ej])) ++ej;
      const std::string_view na = a.substr(i, ei - i), nb = b.substr(j, ej - j);
      if (na.size() != nb.size()) return na.size() < nb.size();
      if (na != nb) return na < nb;
      i = ei;
      j = ej;
      continue;
    }
    if (a[i] != b[j]) return a[i] < b[j];
    ++i;
    ++j;
  }
  return a.size() - i < b.size() - j;
}

// The names ifconfig lists for a device: the device, then each other label of its addresses.
std::vector<std::string> names_of(const Interface& dev) {
  std::vector<std::string> names{dev.name};
  for (const auto& ifa : dev.addresses)
    if (std::find(names.begin(), names.end(), ifa.label) == names.end()) names.push_back(ifa.label);
  return names;
}

CommandResult show(const Host& host, const std::string& only, bool all) {
  CommandResult r;
  if (!only.empty()) {
    const Interface* dev = const_cast<Host&>(host).find_iface(dev_part(only));
    if (!dev || (is_alias(only) && !find_label(*dev, only)))
      return fail(only + ": error fetching interface information: Device not found", 1);
    r.out = show_entry(*dev, only);
    return r;
  }
  // net-tools keeps its interface list sorted by nstrcmp() (digit runs compare as numbers:
  // eth2 before eth10, eth0 before eth0:0).
  std::vector<std::pair<std::string, const Interface*>> entries;
  for (const auto& dev : host.interfaces())
    if (all || dev.up)
      for (const auto& n : names_of(dev)) entries.emplace_back(n, &dev);
  std::stable_sort(entries.begin(), entries.end(),
                   [](const auto& a, const auto& b) { return natural_less(a.first, b.first); });
  for (const auto& [n, dev] : entries) r.out += show_entry(*dev, n);
  return r;
}

}  // namespace

CommandResult cmd_ifconfig(CommandContext& ctx, const std::vector<std::string>& argv) {
  Host& host = ctx.machine.host();
  std::size_t i = 1;
  bool all = false;
  for (; i < argv.size() && argv[i].starts_with("-"); ++i) {
    if (argv[i] == "-a") all = true;
    else if (argv[i] != "-v") return not_understood(ctx, "ifconfig option " + argv[i]);
  }
  if (i >= argv.size()) return show(host, "", all);
  const std::string name = argv[i++];
  if (i >= argv.size()) return show(host, name, all);
  Ifconfig ifc(host, name);
  CommandResult r;
  for (; i < argv.size(); ++i) {
    const std::string& w = argv[i];
    const auto next_addr = [&](const char* what) -> std::optional<Ipv4Addr> {
      if (i + 1 >= argv.size()) return std::nullopt;
      const auto a = Ipv4Addr::parse(argv[++i]);
      if (!a) r.err += std::string(argv[i]) + ": Unknown host\nifconfig: `--help' gives usage information.\n";
      (void)what;
      return a;
    };
    if (w == "up") r.err += ifc.set_up(true);
    else if (w == "down") r.err += ifc.set_up(false);
    else if (w == "netmask") {
      const auto m = next_addr("netmask");
      if (!m) return fail(r.err.empty() ? "ifconfig: `--help' gives usage information." : r.err, 1);
      r.err += ifc.set_netmask(*m);
    } else if (w == "broadcast") {
      const auto b = next_addr("broadcast");
      if (!b) return fail(r.err.empty() ? "ifconfig: `--help' gives usage information." : r.err, 1);
      r.err += ifc.set_broadcast(*b);
    } else if (w == "arp" || w == "-arp") {
      r.err += ifc.set_noarp(w == "-arp");
    } else if (w == "mtu" && i + 1 < argv.size()) {
      // net-tools: atoi() of the word.
      const long long mtu = std::atoll(argv[++i].c_str());
      const Interface* d = ifc.device();
      const bool eth = d && d->kind == IfKind::kEthernet;
      r.err += ifc.set_mtu(mtu, d && d->kind == IfKind::kLoopback ? 0 : 68,
                           eth || !d ? 65535 : (d->kind == IfKind::kIpip ? 65535 - 20 : INT32_MAX));
    } else if (w == "mtu" || w == "hw" || w == "promisc" || w == "-promisc") {
      return not_understood(
          ctx, "ifconfig " + join_args(argv, 1) + " (address, netmask, broadcast, mtu, arp, up and down are modelled)");
    } else {
      // An address, possibly with /prefix (net-tools accepts "10.0.0.1/24").
      const auto p = Ipv4Prefix::parse(w);
      if (!p) {
        r.err += w + ": Unknown host\nifconfig: `--help' gives usage information.\n";
        r.status = 1;
        return r;
      }
      r.err += ifc.set_address(p->addr);
      if (w.find('/') != std::string::npos) r.err += ifc.set_netmask(Ipv4Addr(p->mask()));
    }
  }
  // ifconfig returns -1 when any ioctl failed.
  if (!ifc.ok()) r.status = 255;
  return r;
}

}  // namespace lvs::config::shell
