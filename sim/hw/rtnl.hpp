#pragma once
// rtnetlink through libnl-route, in the network namespace of the thread that creates
// the Rtnl object: what `ip link`, `ip addr`, `ip route` and `ip neigh` do for a lab.
// Every refusal is an HwError naming the object and the kernel's reason.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/net/interface.hpp"
#include "sim/net/route.hpp"
#include "sim/trace/trace.hpp"
#include "sim/wire/addr.hpp"

struct nl_sock;

namespace lvs::hw {
struct LinkShape;
}

namespace lvs::hw {

struct NeighInfo {
  int ifindex = 0;
  std::string dev;
  Ipv4Addr ip;
  MacAddr mac;
  bool has_mac = false;
  NeighState state = NeighState::kNone;
};

// NUD_* bits (include/uapi/linux/neighbour.h) as the state `ip neigh` prints.
NeighState neigh_state_from_nud(int nud);

class Rtnl {
 public:
  Rtnl();
  ~Rtnl();
  Rtnl(const Rtnl&) = delete;
  Rtnl& operator=(const Rtnl&) = delete;

  std::optional<int> ifindex(const std::string& dev);
  int require_ifindex(const std::string& dev);
  std::vector<std::string> link_names();

  // `ip link add NAME address MAC type veth peer name PEER netns <fd>`.
  void add_veth(const std::string& name, const MacAddr& mac, const std::string& peer, int peer_netns_fd);
  // `ip link add NAME type bridge` (STP off: ports forward at once).
  void add_bridge(const std::string& name);
  // `ip link set DEV master BRIDGE`.
  void set_master(const std::string& dev, const std::string& master);
  // `ip link set DEV up|down`.
  void set_up(const std::string& dev, bool up);
  // Whether DEV is administratively up (IFF_UP).
  bool is_up(const std::string& dev);
  // `ip link set DEV arp on|off` (IFF_NOARP).
  void set_noarp(const std::string& dev, bool noarp);
  // `ip link set DEV mtu MTU`.
  void set_mtu(const std::string& dev, int mtu);
  // Root netem and, with a bandwidth, tbf under it (qdisc.hpp; defined in qdisc.cpp).
  void set_shape(const std::string& dev, const LinkShape& shape);
  // `ip neigh flush dev DEV` (every entry, also the permanent ones: a power-off's).
  void flush_neighbours(const std::string& dev);
  // `ip addr add PREFIX dev DEV [label LABEL] [scope S]`.
  void add_address(const std::string& dev, const Ipv4Prefix& prefix, const std::string& label,
                   std::optional<Scope> scope);
  // `ip route add ROUTE` with iproute2's defaults for scope, table and protocol
  // (`ip route replace ROUTE` with `replace`: an existing one is no error).
  void add_route(const RouteSpec& route, bool replace = false);
  // `ip -4 neigh show`.
  std::vector<NeighInfo> neighbours();

 private:
  // Sets or clears one IFF_* flag of `dev` (`what`: the ip command it is, for errors).
  void change_flag(const std::string& dev, unsigned flag, bool set, const std::string& what);
  nl_sock* sk_ = nullptr;
};

}  // namespace lvs::hw
