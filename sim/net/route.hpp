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
#include <vector>

#include "sim/net/interface.hpp"
#include "sim/wire/addr.hpp"

namespace lvs {

enum class RouteType : std::uint8_t { kUnicast, kLocal, kBroadcast, kBlackhole, kUnreachable, kProhibit };
const char* route_type_name(RouteType t);

struct Route {
  Ipv4Prefix dst;                 // network form (host bits zero)
  RouteType type = RouteType::kUnicast;
  Ipv4Addr gateway;               // 0.0.0.0 = on-link
  IfIndex dev = kNoId;
  Ipv4Addr prefsrc;               // 0.0.0.0 = choose by the usual rules
  std::uint32_t metric = 0;
  Scope scope = Scope::kGlobal;
  bool kernel = false;            // installed for an address (proto kernel)
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
  std::optional<Scope> scope;
  std::string text;  // as given, for messages
};

// Parses `ip route add` arguments (without "ip route add"). On error returns nullopt
// and sets *error to a message naming the bad word.
std::optional<RouteSpec> parse_route(std::string_view text, std::string* error);

class RoutingTable {
 public:
  void clear() {
    local_.clear();
    main_.clear();
  }
  void add_local(const Route& r) { local_.push_back(r); }
  void add_main(const Route& r) { main_.push_back(r); }

  // FIB lookup: local table, then main. nullptr when nothing matches.
  const Route* lookup(Ipv4Addr dst) const;
  const Route* lookup_main(Ipv4Addr dst) const { return best(main_, dst); }
  const Route* lookup_local(Ipv4Addr dst) const { return best(local_, dst); }

  const std::vector<Route>& local_routes() const { return local_; }
  const std::vector<Route>& main_routes() const { return main_; }

  // `ip route show` (main table) and `ip route show table local` lines.
  std::vector<std::string> show_main(const std::function<std::string(IfIndex)>& dev_name) const;
  std::vector<std::string> show_local(const std::function<std::string(IfIndex)>& dev_name) const;

 private:
  static const Route* best(const std::vector<Route>& table, Ipv4Addr dst);
  std::vector<Route> local_;
  std::vector<Route> main_;
};

}  // namespace lvs
