#pragma once
// A network interface of a host: Ethernet (attached to a segment port), the loopback,
// or the IPIP tunnel device tunl0. Holds its addresses in the kernel's order, with
// primary/secondary status and labels ("eth0:0").
#include <cstdint>
#include <string>
#include <vector>

#include "sim/net/link.hpp"
#include "sim/trace/trace.hpp"
#include "sim/wire/addr.hpp"

namespace lvs {

class Segment;

enum class IfKind : std::uint8_t { kEthernet, kLoopback, kIpip };

// rtnetlink scopes (include/uapi/linux/rtnetlink.h): smaller is wider.
enum class Scope : std::uint8_t { kGlobal = 0, kLink = 253, kHost = 254 };
const char* scope_name(Scope s);

struct IfAddress {
  Ipv4Prefix prefix;  // local address with its prefix length
  std::string label;  // "eth0" or an alias label like "eth0:0", "lo:0"
  Scope scope = Scope::kGlobal;
  bool secondary = false;  // another primary on this device already covers the subnet
  std::string role;        // explicit role label for paths ("VIP"), empty = from host role
  Ipv4Addr broadcast;      // IFA_BROADCAST (`brd`, ifconfig's broadcast); 0.0.0.0 = none

  Ipv4Addr local() const { return prefix.addr; }
};

struct Interface {
  IfIndex index = 0;
  std::string name;
  IfKind kind = IfKind::kEthernet;
  MacAddr mac;
  bool up = true;
  // IFF_NOARP on an Ethernet device (`ip link set DEV arp off`, `ifconfig DEV -arp`):
  // the host neither answers nor sends ARP on it (Host::set_noarp).
  bool noarp = false;
  int mtu = 1500;
  std::vector<IfAddress> addresses;

  // Ethernet only: where the cable goes, and the host->switch direction of it.
  Segment* segment = nullptr;
  std::uint16_t port = 0;
  Transmitter tx;

  bool has_address(Ipv4Addr a) const {
    for (const auto& ifa : addresses)
      if (ifa.local() == a) return true;
    return false;
  }
  const IfAddress* find_address(Ipv4Addr a) const {
    for (const auto& ifa : addresses)
      if (ifa.local() == a) return &ifa;
    return nullptr;
  }
  // First primary address (what `ip addr` lists first), or nullptr.
  const IfAddress* primary() const {
    for (const auto& ifa : addresses)
      if (!ifa.secondary) return &ifa;
    return nullptr;
  }
};

}  // namespace lvs
