#include "sim/hw/rtnl.hpp"

#include <linux/if.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <netlink/netlink.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <netlink/route/link/bridge.h>
#include <netlink/route/link/veth.h>
#include <netlink/route/neighbour.h>
#include <netlink/route/route.h>
#include <sys/socket.h>

#include <cstring>
#include <memory>

#include "sim/hw/error.hpp"

namespace lvs::hw {
namespace {

[[noreturn]] void fail(const std::string& what, int nlerr) { throw HwError(what + ": " + nl_geterror(nlerr)); }

struct LinkDeleter {
  void operator()(rtnl_link* l) const { rtnl_link_put(l); }
};
using LinkPtr = std::unique_ptr<rtnl_link, LinkDeleter>;
struct AddrDeleter {
  void operator()(nl_addr* a) const { nl_addr_put(a); }
};
using NlAddrPtr = std::unique_ptr<nl_addr, AddrDeleter>;

NlAddrPtr ipv4(Ipv4Addr a, int prefix_len) {
  const std::uint32_t be = htonl(a.value);
  NlAddrPtr p(nl_addr_build(AF_INET, &be, sizeof be));
  if (!p) throw HwError("out of memory");
  nl_addr_set_prefixlen(p.get(), prefix_len);
  return p;
}

NlAddrPtr mac_addr(const MacAddr& m) {
  NlAddrPtr p(nl_addr_build(AF_LLC, m.bytes.data(), m.bytes.size()));
  if (!p) throw HwError("out of memory");
  return p;
}

std::uint8_t rtn_type(RouteType t) {
  switch (t) {
    case RouteType::kUnicast: return RTN_UNICAST;
    case RouteType::kLocal: return RTN_LOCAL;
    case RouteType::kBroadcast: return RTN_BROADCAST;
    case RouteType::kBlackhole: return RTN_BLACKHOLE;
    case RouteType::kUnreachable: return RTN_UNREACHABLE;
    case RouteType::kProhibit: return RTN_PROHIBIT;
  }
  return RTN_UNICAST;
}

}  // namespace

NeighState neigh_state_from_nud(int nud) {
  if (nud & NUD_PERMANENT) return NeighState::kPermanent;
  if (nud & NUD_NOARP) return NeighState::kNoArp;
  if (nud & NUD_REACHABLE) return NeighState::kReachable;
  if (nud & NUD_STALE) return NeighState::kStale;
  if (nud & NUD_DELAY) return NeighState::kDelay;
  if (nud & NUD_PROBE) return NeighState::kProbe;
  if (nud & NUD_FAILED) return NeighState::kFailed;
  if (nud & NUD_INCOMPLETE) return NeighState::kIncomplete;
  return NeighState::kNone;
}

Rtnl::Rtnl() {
  sk_ = nl_socket_alloc();
  if (!sk_) throw HwError("netlink: out of memory");
  if (const int err = nl_connect(sk_, NETLINK_ROUTE); err < 0) {
    nl_socket_free(sk_);
    sk_ = nullptr;
    fail("cannot open rtnetlink", err);
  }
}

Rtnl::~Rtnl() {
  if (sk_) nl_socket_free(sk_);
}

std::optional<int> Rtnl::ifindex(const std::string& dev) {
  rtnl_link* link = nullptr;
  if (rtnl_link_get_kernel(sk_, 0, dev.c_str(), &link) < 0 || !link) return std::nullopt;
  const int index = rtnl_link_get_ifindex(link);
  rtnl_link_put(link);
  return index;
}

int Rtnl::require_ifindex(const std::string& dev) {
  if (auto i = ifindex(dev)) return *i;
  throw HwError("no device " + dev);
}

std::vector<std::string> Rtnl::link_names() {
  nl_cache* cache = nullptr;
  if (const int err = rtnl_link_alloc_cache(sk_, AF_UNSPEC, &cache); err < 0) fail("cannot list links", err);
  std::vector<std::string> out;
  for (nl_object* o = nl_cache_get_first(cache); o; o = nl_cache_get_next(o))
    out.emplace_back(rtnl_link_get_name(reinterpret_cast<rtnl_link*>(o)));
  nl_cache_free(cache);
  return out;
}

void Rtnl::add_veth(const std::string& name, const MacAddr& mac, const std::string& peer, int peer_netns_fd) {
  LinkPtr link(rtnl_link_veth_alloc());
  if (!link) throw HwError("out of memory");
  rtnl_link_set_name(link.get(), name.c_str());
  const NlAddrPtr lladdr = mac_addr(mac);
  rtnl_link_set_addr(link.get(), lladdr.get());
  rtnl_link* p = rtnl_link_veth_get_peer(link.get());
  rtnl_link_set_name(p, peer.c_str());
  rtnl_link_set_ns_fd(p, peer_netns_fd);
  rtnl_link_put(p);
  if (const int err = rtnl_link_add(sk_, link.get(), NLM_F_CREATE | NLM_F_EXCL); err < 0)
    fail("ip link add " + name + " type veth peer name " + peer, err);
}

void Rtnl::add_bridge(const std::string& name) {
  // NLM_F_EXCL: an existing device of that name is an error, never taken as the bridge
  // (libnl's rtnl_link_bridge_add() leaves it out, and the kernel then answers 0).
  LinkPtr link(rtnl_link_bridge_alloc());
  if (!link) throw HwError("out of memory");
  rtnl_link_set_name(link.get(), name.c_str());
  if (const int err = rtnl_link_add(sk_, link.get(), NLM_F_CREATE | NLM_F_EXCL); err < 0)
    fail("ip link add " + name + " type bridge", err);
}

void Rtnl::set_master(const std::string& dev, const std::string& master) {
  if (const int err = rtnl_link_enslave_ifindex(sk_, require_ifindex(master), require_ifindex(dev)); err < 0)
    fail("ip link set " + dev + " master " + master, err);
}

void Rtnl::change_flag(const std::string& dev, unsigned flag, bool set, const std::string& what) {
  LinkPtr link(rtnl_link_alloc());
  LinkPtr change(rtnl_link_alloc());
  if (!link || !change) throw HwError("out of memory");
  rtnl_link_set_ifindex(link.get(), require_ifindex(dev));
  if (set) rtnl_link_set_flags(change.get(), flag);
  else rtnl_link_unset_flags(change.get(), flag);
  if (const int err = rtnl_link_change(sk_, link.get(), change.get(), 0); err < 0) fail(what, err);
}

void Rtnl::set_up(const std::string& dev, bool up) {
  change_flag(dev, IFF_UP, up, "ip link set " + dev + (up ? " up" : " down"));
}

bool Rtnl::is_up(const std::string& dev) {
  rtnl_link* link = nullptr;
  if (const int err = rtnl_link_get_kernel(sk_, 0, dev.c_str(), &link); err < 0 || !link)
    fail("ip link show " + dev, err < 0 ? err : -NLE_OBJ_NOTFOUND);
  const bool up = (rtnl_link_get_flags(link) & IFF_UP) != 0;
  rtnl_link_put(link);
  return up;
}

void Rtnl::set_noarp(const std::string& dev, bool noarp) {
  change_flag(dev, IFF_NOARP, noarp, "ip link set " + dev + (noarp ? " arp off" : " arp on"));
}

void Rtnl::set_mtu(const std::string& dev, int mtu) {
  LinkPtr link(rtnl_link_alloc());
  LinkPtr change(rtnl_link_alloc());
  if (!link || !change) throw HwError("out of memory");
  rtnl_link_set_ifindex(link.get(), require_ifindex(dev));
  rtnl_link_set_mtu(change.get(), static_cast<unsigned>(mtu));
  if (const int err = rtnl_link_change(sk_, link.get(), change.get(), 0); err < 0)
    fail("ip link set " + dev + " mtu " + std::to_string(mtu), err);
}

void Rtnl::flush_neighbours(const std::string& dev) {
  const int ifindex = require_ifindex(dev);
  for (const auto& n : neighbours()) {
    if (n.ifindex != ifindex) continue;
    rtnl_neigh* neigh = rtnl_neigh_alloc();
    if (!neigh) throw HwError("out of memory");
    std::unique_ptr<rtnl_neigh, void (*)(rtnl_neigh*)> hold(neigh, rtnl_neigh_put);
    rtnl_neigh_set_ifindex(neigh, ifindex);
    rtnl_neigh_set_family(neigh, AF_INET);
    const NlAddrPtr dst = ipv4(n.ip, 32);
    rtnl_neigh_set_dst(neigh, dst.get());
    // An entry that went away meanwhile (a timer) is not an error.
    if (const int err = rtnl_neigh_delete(sk_, neigh, 0); err < 0 && err != -NLE_OBJ_NOTFOUND)
      fail("ip neigh del " + n.ip.str() + " dev " + dev, err);
  }
}

void Rtnl::add_address(const std::string& dev, const Ipv4Prefix& prefix, const std::string& label,
                       std::optional<Scope> scope) {
  rtnl_addr* a = rtnl_addr_alloc();
  if (!a) throw HwError("out of memory");
  std::unique_ptr<rtnl_addr, void (*)(rtnl_addr*)> hold(a, rtnl_addr_put);
  rtnl_addr_set_ifindex(a, require_ifindex(dev));
  rtnl_addr_set_family(a, AF_INET);
  const NlAddrPtr local = ipv4(prefix.addr, prefix.len);
  rtnl_addr_set_local(a, local.get());
  rtnl_addr_set_prefixlen(a, prefix.len);
  if (!label.empty() && label != dev) rtnl_addr_set_label(a, label.c_str());
  // iproute2: 127.0.0.0/8 gets scope host, everything else global unless told.
  rtnl_addr_set_scope(a, static_cast<int>(scope.value_or(prefix.addr.is_loopback() ? Scope::kHost : Scope::kGlobal)));
  if (const int err = rtnl_addr_add(sk_, a, NLM_F_CREATE | NLM_F_EXCL); err < 0)
    fail("ip addr add " + prefix.str() + " dev " + dev + (label.empty() ? "" : " label " + label), err);
}

void Rtnl::add_route(const RouteSpec& spec, bool replace) {
  rtnl_route* r = rtnl_route_alloc();
  if (!r) throw HwError("out of memory");
  std::unique_ptr<rtnl_route, void (*)(rtnl_route*)> hold(r, rtnl_route_put);
  rtnl_route_set_family(r, AF_INET);
  const std::uint8_t type = rtn_type(spec.type);
  rtnl_route_set_type(r, type);
  const NlAddrPtr dst = ipv4(spec.dst.network(), spec.dst.len);
  rtnl_route_set_dst(r, dst.get());
  rtnl_route_set_protocol(r, RTPROT_BOOT);
  // iproute2 ip_route.c: local/broadcast routes go to the local table, scope host for
  // local, link for broadcast and for a unicast route without a gateway.
  const bool local_table = type == RTN_LOCAL || type == RTN_BROADCAST;
  rtnl_route_set_table(r, local_table ? RT_TABLE_LOCAL : RT_TABLE_MAIN);
  std::uint8_t scope = RT_SCOPE_UNIVERSE;
  if (type == RTN_LOCAL) scope = RT_SCOPE_HOST;
  else if (type == RTN_BROADCAST || (type == RTN_UNICAST && !spec.gateway)) scope = RT_SCOPE_LINK;
  if (spec.scope) scope = static_cast<std::uint8_t>(*spec.scope);
  rtnl_route_set_scope(r, scope);
  if (spec.metric) rtnl_route_set_priority(r, spec.metric);
  NlAddrPtr src;
  if (spec.src) {
    src = ipv4(*spec.src, 32);
    rtnl_route_set_pref_src(r, src.get());
  }
  NlAddrPtr gw;
  if (spec.gateway || !spec.dev.empty()) {
    rtnl_nexthop* nh = rtnl_route_nh_alloc();
    if (!nh) throw HwError("out of memory");
    if (!spec.dev.empty()) rtnl_route_nh_set_ifindex(nh, require_ifindex(spec.dev));
    if (spec.gateway) {
      gw = ipv4(*spec.gateway, 32);
      rtnl_route_nh_set_gateway(nh, gw.get());
    }
    if (spec.onlink) rtnl_route_nh_set_flags(nh, RTNH_F_ONLINK);
    rtnl_route_add_nexthop(r, nh);  // the route owns nh now
  }
  if (const int err = rtnl_route_add(sk_, r, NLM_F_CREATE | (replace ? NLM_F_REPLACE : NLM_F_EXCL)); err < 0)
    fail(std::string(replace ? "ip route replace " : "ip route add ") + spec.text, err);
}

std::vector<NeighInfo> Rtnl::neighbours() {
  nl_cache* cache = nullptr;
  if (const int err = rtnl_neigh_alloc_cache(sk_, &cache); err < 0) fail("cannot list neighbours", err);
  std::vector<NeighInfo> out;
  for (nl_object* o = nl_cache_get_first(cache); o; o = nl_cache_get_next(o)) {
    auto* n = reinterpret_cast<rtnl_neigh*>(o);
    if (rtnl_neigh_get_family(n) != AF_INET) continue;
    nl_addr* dst = rtnl_neigh_get_dst(n);
    if (!dst || nl_addr_get_len(dst) != 4) continue;
    NeighInfo info;
    info.ifindex = rtnl_neigh_get_ifindex(n);
    std::uint32_t be = 0;
    std::memcpy(&be, nl_addr_get_binary_addr(dst), 4);
    info.ip = Ipv4Addr(ntohl(be));
    if (nl_addr* ll = rtnl_neigh_get_lladdr(n); ll && nl_addr_get_len(ll) == 6) {
      std::memcpy(info.mac.bytes.data(), nl_addr_get_binary_addr(ll), 6);
      info.has_mac = true;
    }
    info.state = neigh_state_from_nud(rtnl_neigh_get_state(n));
    char name[IFNAMSIZ] = {};
    if (rtnl_link* l = nullptr; rtnl_link_get_kernel(sk_, info.ifindex, nullptr, &l) >= 0 && l) {
      std::snprintf(name, sizeof name, "%s", rtnl_link_get_name(l));
      rtnl_link_put(l);
    }
    info.dev = name;
    out.push_back(std::move(info));
  }
  nl_cache_free(cache);
  return out;
}

}  // namespace lvs::hw
