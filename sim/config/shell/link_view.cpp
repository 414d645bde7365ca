#include "sim/config/shell/link_view.hpp"

#include <algorithm>

#include <cstdio>
#include <vector>

namespace lvs::config::shell {
namespace {

// A cable plugged in (the segment gives carrier): LOWER_UP / RUNNING.
bool has_carrier(const Interface& dev) { return dev.kind != IfKind::kEthernet || dev.segment != nullptr; }

// Debian 12: systemd's sysctl.d/50-default.conf sets net.core.default_qdisc = fq_codel,
// so a single-queue Ethernet device gets fq_codel; lo and tunnels have no queue. A device
// gets its qdisc when first brought up (dev_activate); before that it shows "noop". lvslab's
// Ethernet devices and lo start up; tunl0 starts down (modprobe ipip) and is shown "noop"
// while down.
const char* qdisc(const Interface& dev) {
  if (dev.kind == IfKind::kIpip && !dev.up) return "noop";
  return dev.kind == IfKind::kEthernet ? "fq_codel" : "noqueue";
}

// RFC 5952 text (as glibc's inet_ntop writes it): the longest run of two or more zero
// groups (the first of equal runs) becomes "::".
std::string ipv6_text(const std::uint16_t (&g)[8]) {
  int best = -1, best_len = 0;
  for (int i = 0; i < 8;) {
    if (g[i] != 0) {
      ++i;
      continue;
    }
    int j = i;
    while (j < 8 && g[j] == 0) ++j;
    if (j - i > best_len) {
      best = i;
      best_len = j - i;
    }
    i = j;
  }
  if (best_len < 2) best = -1;
  std::string s;
  char buf[8];
  for (int i = 0; i < 8; ++i) {
    if (i == best) {
      s += "::";
      i += best_len - 1;
      continue;
    }
    if (!s.empty() && s.back() != ':') s += ':';
    std::snprintf(buf, sizeof buf, "%x", g[i]);
    s += buf;
  }
  return s;
}

}  // namespace

LinkView ip_link_view(const Interface& dev) {
  LinkView v;
  v.name = dev.name;
  switch (dev.kind) {
    case IfKind::kLoopback: v.flags = dev.noarp ? "LOOPBACK,NOARP" : "LOOPBACK"; break;
    case IfKind::kEthernet: v.flags = dev.noarp ? "BROADCAST,MULTICAST,NOARP" : "BROADCAST,MULTICAST"; break;
    case IfKind::kIpip:
      v.flags = "NOARP";
      v.name += "@NONE";
      break;
  }
  if (dev.up) {
    if (has_carrier(dev)) {
      v.flags += ",UP,LOWER_UP";
      v.state = dev.kind == IfKind::kEthernet ? "UP" : "UNKNOWN";
    } else {
      v.flags = "NO-CARRIER," + v.flags + ",UP";
      v.state = "DOWN";
    }
  } else {
    v.state = "DOWN";
  }
  return v;
}

std::string ip_link_line(const Interface& dev, bool link_cmd) {
  const LinkView v = ip_link_view(dev);
  return v.name + ": <" + v.flags + "> mtu " + std::to_string(dev.mtu) + " qdisc " + qdisc(dev) + " state " + v.state +
         (link_cmd ? " mode DEFAULT" : "") + " group default qlen 1000";
}

std::string ip_brief_head(const Interface& dev) {
  const LinkView v = ip_link_view(dev);
  std::string name = v.name, state = v.state;
  name.resize(std::max<std::size_t>(name.size(), 16), ' ');
  state.resize(std::max<std::size_t>(state.size(), 14), ' ');
  return name + " " + state + " ";
}

std::string ip_link_address_line(const Interface& dev) {
  switch (dev.kind) {
    case IfKind::kLoopback: return "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00";
    case IfKind::kEthernet: return "    link/ether " + dev.mac.str() + " brd ff:ff:ff:ff:ff:ff";
    case IfKind::kIpip: return "    link/ipip 0.0.0.0 brd 0.0.0.0";
  }
  return {};
}

std::optional<Ipv6Auto> ipv6_auto_address(const Interface& dev) {
  if (!dev.up) return std::nullopt;  // addrconf_ifdown() removes them when the device goes down
  if (dev.kind == IfKind::kLoopback) return Ipv6Auto{"::1", 128, "host", 0x10};
  if (dev.kind != IfKind::kEthernet || !has_carrier(dev)) return std::nullopt;
  // addrconf_ifid_eui48(): the MAC with ff:fe in the middle and the U/L bit flipped.
  const auto& m = dev.mac.bytes;
  const std::uint16_t g[8] = {0xfe80,
                              0,
                              0,
                              0,
                              static_cast<std::uint16_t>(((m[0] ^ 0x02) << 8) | m[1]),
                              static_cast<std::uint16_t>((m[2] << 8) | 0xff),
                              static_cast<std::uint16_t>(0xfe00 | m[3]),
                              static_cast<std::uint16_t>((m[4] << 8) | m[5])};
  return Ipv6Auto{ipv6_text(g), 64, "link", 0x20};
}

std::string ifconfig_flags(const Interface& dev) {
  // include/uapi/linux/if.h: IFF_UP 1, BROADCAST 2, LOOPBACK 8, RUNNING 0x40, NOARP 0x80,
  // MULTICAST 0x1000; net-tools prints the set ones in this order.
  unsigned bits = 0;
  std::vector<const char*> names;
  const bool running = dev.up && has_carrier(dev);
  const auto add = [&](bool on, unsigned bit, const char* name) {
    if (!on) return;
    bits |= bit;
    names.push_back(name);
  };
  add(dev.up, 0x1, "UP");
  add(dev.kind == IfKind::kEthernet, 0x2, "BROADCAST");
  add(dev.kind == IfKind::kLoopback, 0x8, "LOOPBACK");
  add(running, 0x40, "RUNNING");
  add(dev.kind == IfKind::kIpip || dev.noarp, 0x80, "NOARP");
  add(dev.kind == IfKind::kEthernet, 0x1000, "MULTICAST");
  std::string s = "flags=" + std::to_string(bits) + "<";
  for (std::size_t i = 0; i < names.size(); ++i) s += (i ? "," : "") + std::string(names[i]);
  return s + ">";
}

}  // namespace lvs::config::shell
