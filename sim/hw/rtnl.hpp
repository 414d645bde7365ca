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
  // `ip addr add PREFIX dev DEV [label LABEL] [scope S]`.
  void add_address(const std::string& dev, const Ipv4Prefix& prefix, const std::string& label,
                   std::optional<Scope> scope);
  // `ip route add ROUTE` with iproute2's defaults for scope, table and protocol.
  void add_route(const RouteSpec& route);
  // `ip -4 neigh show`.
  std::vector<NeighInfo> neighbours();

 private:
  nl_sock* sk_ = nullptr;
};

}  // namespace lvs::hw
