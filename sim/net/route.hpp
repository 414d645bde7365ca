#pragma once
// IPv4 routing with the kernel's two tables (net/ipv4/fib_frontend.c):
//  * local: one `local` route per local address, `local` prefix routes for addresses on
//    a loopback device (fib_add_ifaddr: an address 192.168.10.100/24 on lo makes the
//    whole /24 local), and `broadcast` routes for subnet broadcasts;
//  * main: connected prefix routes (proto kernel, scope link) and the administrator's
//    routes (default via, host routes, dev lo routes).
// Lookup tries local first, then main: longest prefix wins, then the lowest metric, then
// the route added first.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sim/net/interface.hpp"
#include "sim/wire/addr.hpp"

namespace lvs {

enum class RouteType : std::uint8_t { kUnicast, kLocal, kBroadcast, kBlackhole, kUnreachable, kProhibit };
const char* route_type_name(RouteType t);

struct Route {
  Ipv4Prefix dst;  // network form (host bits zero)
  RouteType type = RouteType::kUnicast;
  Ipv4Addr gateway;  // 0.0.0.0 = on-link
  IfIndex dev = kNoId;
  Ipv4Addr prefsrc;  // 0.0.0.0 = choose by the usual rules
  std::uint32_t metric = 0;
  Scope scope = Scope::kGlobal;
  bool kernel = false;  // installed for an address (proto kernel)
  bool onlink = false;  // RTNH_F_ONLINK: the gateway taken as on the device's link
};

// A route as written by an administrator: "default via 10.0.0.1", "10.1.0.0/16 via
// 10.0.0.2 dev eth0 metric 10", "192.168.10.100/32 dev lo", "blackhole 10.9.0.0/16".
// Parsed without knowing the host; the device name is resolved when added.
struct RouteSpec {
  Ipv4Prefix dst;
  RouteType type = RouteType::kUnicast;
  std::optional<Ipv4Addr> gateway;
  std::string dev;
  std::optional<Ipv4Addr> src;
  std::uint32_t metric = 0;
  bool onlink = false;  // `onlink`: no route to the gateway needed (fib_check_nh_v4_gw)
  std::optional<Scope> scope;
  std::string text;  // as given, for messages
};

// Parses `ip route add` arguments (without "ip route add"). On error returns nullopt
// and sets *error to a message naming the bad word.
std::optional<RouteSpec> parse_route(std::string_view text, std::string* error);

// One FIB table. Routes are kept in the order they were added (what breaks ties between
// routes of the same prefix and metric) and indexed by (prefix length, network): a lookup
// tries at most the 33 prefix lengths present, so it costs the same with 3 routes or
// 150,000 (the kernel's LC-trie is O(prefix length) too); adding a route is O(1).
class RouteTable {
 public:
  void clear();
  void add(const Route& r);
  std::size_t size() const { return routes_.size(); }
  const std::vector<Route>& in_order() const { return routes_; }

  // The longest prefix containing dst, then the lowest metric, then the first added,
  // among the routes `accept` takes.
  template <class Accept>
  const Route* best(Ipv4Addr dst, Accept&& accept) const {
    if (routes_.size() <= kScanBelow) {  // a host's few routes: one pass is cheaper than hashing
      const Route* found = nullptr;
      for (const Route& r : routes_)
        if (r.dst.contains(dst) && accept(r) &&
            (!found || r.dst.len > found->dst.len || (r.dst.len == found->dst.len && r.metric < found->metric)))
          found = &r;
      return found;
    }
    for (int len = 32; len >= 0; --len) {
      if (!((lengths_ >> len) & 1u)) continue;
      const auto it = heads_.find(key(Ipv4Prefix{dst, static_cast<std::uint8_t>(len)}.network(), len));
      if (it == heads_.end()) continue;
      const Route* found = nullptr;
      for (std::uint32_t i = it->second.first; i != kEnd; i = next_[i])
        if (accept(routes_[i]) && (!found || routes_[i].metric < found->metric)) found = &routes_[i];
      if (found) return found;
    }
    return nullptr;
  }
  const Route* best(Ipv4Addr dst) const {
    return best(dst, [](const Route&) { return true; });
  }
  // A route with exactly this prefix and metric (fib_table_insert()'s EEXIST), or nullptr.
  const Route* find_exact(const Ipv4Prefix& dst, std::uint32_t metric) const;

 private:
  static constexpr std::uint32_t kEnd = 0xffffffffu;
  static constexpr std::size_t kScanBelow = 16;
  static std::uint64_t key(Ipv4Addr network, int len) {
    return (std::uint64_t{network.value} << 6) | static_cast<std::uint64_t>(len);
  }

  std::vector<Route> routes_;        // in the order added
  std::vector<std::uint32_t> next_;  // next route of the same prefix, in the order added
  struct Chain {
    std::uint32_t first, last;
  };
  std::unordered_map<std::uint64_t, Chain> heads_;  // (network, len) -> its routes
  std::uint64_t lengths_ = 0;                       // bit len: some route has this prefix length
};

// A table's routes in the order the kernel's trie walk lists them (`ip route show`,
// /proc/net/route): by address, longer prefixes first, then by metric (fib_find_alias's
// order), in table order within.
std::vector<const Route*> trie_order(const RouteTable& table);

class RoutingTable {
 public:
  void clear() {
    local_.clear();
    main_.clear();
  }
  void add_local(const Route& r) { local_.add(r); }
  void add_main(const Route& r) { main_.add(r); }

  // FIB lookup: local table, then main. nullptr when nothing matches.
  const Route* lookup(Ipv4Addr dst) const;
  const Route* lookup_main(Ipv4Addr dst) const { return main_.best(dst); }
  const Route* lookup_local(Ipv4Addr dst) const { return local_.best(dst); }

  const RouteTable& local_table() const { return local_; }
  const RouteTable& main_table() const { return main_; }

  // `ip route show` (main table: by address, longer prefixes first, as the trie walk
  // lists them) and `ip route show table local` lines.
  std::vector<std::string> show_main(const std::function<std::string(IfIndex)>& dev_name) const;
  std::vector<std::string> show_local(const std::function<std::string(IfIndex)>& dev_name) const;

 private:
  RouteTable local_;
  RouteTable main_;
};

}  // namespace lvs
