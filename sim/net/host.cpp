// Host configuration: devices, addresses (`ip addr`), routes (`ip route`), sysctls,
// link and power state, applications, and the text views of `ip`.
#include "sim/net/host.hpp"

#include <algorithm>
#include <stdexcept>

#include "sim/net/segment.hpp"
#include "sim/net/tcp.hpp"
#include "sim/net/udp.hpp"
#include "sim/net/world.hpp"

namespace lvs {
namespace {

// Stream ids for Rng::stream(): one per host and purpose.
std::uint64_t rng_stream(HostId id, std::uint64_t purpose) { return (std::uint64_t{id} << 8) | purpose; }

bool same_subnet(const IfAddress& a, const IfAddress& b) {
  return a.prefix.len == b.prefix.len && a.prefix.contains(b.local());
}

std::string cannot_find_device(std::string_view name) { return "Cannot find device \"" + std::string(name) + "\""; }

}  // namespace

Host::Host(World& world, HostId id, std::string name, std::string role)
    : world_(world),
      id_(id),
      name_(std::move(name)),
      role_(std::move(role)),
      rng_(world.sim().rng().stream(rng_stream(id, 1))),
      neigh_(world.sim(), world.pool(), sysctls_, *this, world.sim().rng().stream(rng_stream(id, 2))) {
  // The loopback device always exists, with 127.0.0.1/8 scope host (as at boot).
  add_interface("lo", IfKind::kLoopback, MacAddr::zero(), 65536);
  add_address("lo", Ipv4Prefix{Ipv4Addr(127, 0, 0, 1), 8}, Scope::kHost);
  tcp_ = std::make_unique<TcpStack>(*this);
  udp_ = std::make_unique<UdpStack>(*this);
}

Host::~Host() = default;

PacketPool& Host::world_pool() { return world_.pool(); }
Simulator& Host::sim() { return world_.sim(); }
SimTime Host::now() const { return world_.now(); }

SimTime Host::sample_rx_delay() {
  if (rx_jitter_ <= 0) return rx_delay_;
  return time_after(rx_delay_, static_cast<SimTime>(rng_.below(static_cast<std::uint64_t>(rx_jitter_) + 1)));
}

// --- devices ------------------------------------------------------------------------

IfIndex Host::add_interface(std::string name, IfKind kind, MacAddr mac, int mtu) {
  const auto index = static_cast<IfIndex>(ifaces_.size());
  Interface& dev = ifaces_.emplace_back();
  dev.index = index;
  dev.name = name;
  dev.kind = kind;
  dev.mac = mac;
  dev.mtu = mtu;
  sysctls_.add_device(std::move(name));
  neigh_.device_added();
  return index;
}

IfIndex Host::add_ethernet(std::string name, MacAddr mac) {
  return add_interface(std::move(name), IfKind::kEthernet, mac, 1500);
}

IfIndex Host::add_ipip_tunnel(std::string name) {
  // net/ipv4/ipip.c: the fallback device, ARPHRD_TUNNEL, IFF_NOARP, mtu 1500 - 20.
  // Created up: a scenario that lists tunl0 configures it (`ifconfig tunl0 VIP up`).
  return add_interface(std::move(name), IfKind::kIpip, MacAddr::zero(), 1480);
}

Interface* Host::find_iface(std::string_view name) {
  for (auto& dev : ifaces_)
    if (dev.name == name) return &dev;
  return nullptr;
}

// "eth0:0" names eth0 (an ifconfig alias label); a plain name names the device.
Interface* Host::find_device_for(std::string_view dev_or_label) {
  if (Interface* d = find_iface(dev_or_label)) return d;
  const auto colon = dev_or_label.find(':');
  if (colon == std::string_view::npos) return nullptr;
  return find_iface(dev_or_label.substr(0, colon));
}

// --- addresses (net/ipv4/devinet.c) -----------------------------------------------------

std::optional<std::string> Host::add_address(std::string_view dev_or_label, Ipv4Prefix prefix,
                                             std::optional<Scope> scope, std::string role) {
  Interface* dev = find_device_for(dev_or_label);
  if (!dev) return cannot_find_device(dev_or_label.substr(0, dev_or_label.find(':')));
  return add_address(AddressConfig{dev->name, std::string(dev_or_label), prefix, scope, Ipv4Addr(), std::move(role)});
}

std::optional<std::string> Host::add_address(const AddressConfig& config) {
  Interface* dev = find_iface(config.dev);
  if (!dev) return cannot_find_device(config.dev);
  const Ipv4Prefix prefix = config.prefix;
  IfAddress ifa;
  ifa.prefix = prefix;
  ifa.label = config.label.empty() ? dev->name : config.label;
  // iproute2 default_scope(): 127.0.0.0/8 is scope host, everything else global.
  ifa.scope = config.scope ? *config.scope : (prefix.addr.is_loopback() ? Scope::kHost : Scope::kGlobal);
  ifa.role = config.role;
  ifa.broadcast = config.broadcast;

  // __inet_insert_ifa(): same subnet and mask as an existing address makes it a
  // secondary; the identical address is EEXIST; a primary goes after the last primary
  // whose scope is not wider than its own, a secondary at the end.
  std::size_t insert_at = 0;
  for (std::size_t i = 0; i < dev->addresses.size(); ++i) {
    const IfAddress& old = dev->addresses[i];
    if (!old.secondary && static_cast<int>(ifa.scope) <= static_cast<int>(old.scope)) insert_at = i + 1;
    if (old.prefix.len == ifa.prefix.len && ifa.prefix.contains(old.local())) {
      if (old.local() == ifa.local()) return std::string("RTNETLINK answers: File exists");
      if (old.scope != ifa.scope) return std::string("Error: ipv4: Invalid scope value.");
      ifa.secondary = true;
    }
  }
  if (ifa.secondary) insert_at = dev->addresses.size();
  ++local_addresses_[ifa.local().value];
  dev->addresses.insert(dev->addresses.begin() + static_cast<std::ptrdiff_t>(insert_at), std::move(ifa));
  fib_stale_ = true;  // fib_add_ifaddr(), done by the next fib() (a batch of addresses, one rebuild)
  return std::nullopt;
}

// After a primary went away: the first remaining address of each subnet is primary
// (promote_secondaries), the others secondary.
void Host::recompute_secondaries(Interface& dev) {
  for (std::size_t i = 0; i < dev.addresses.size(); ++i) {
    IfAddress& ifa = dev.addresses[i];
    ifa.secondary = false;
    for (std::size_t j = 0; j < i; ++j)
      if (!dev.addresses[j].secondary && same_subnet(dev.addresses[j], ifa)) ifa.secondary = true;
  }
}

std::optional<std::string> Host::del_address(std::string_view dev_name, Ipv4Addr addr) {
  Interface* dev = find_device_for(dev_name);
  if (!dev) return cannot_find_device(dev_name.substr(0, dev_name.find(':')));
  auto it =
      std::find_if(dev->addresses.begin(), dev->addresses.end(), [&](const IfAddress& a) { return a.local() == addr; });
  if (it == dev->addresses.end()) return std::string("RTNETLINK answers: Cannot assign requested address");
  const IfAddress gone = *it;
  dev->addresses.erase(it);
  // __inet_del_ifa(): deleting a primary deletes its secondaries too, unless
  // promote_secondaries is set, in which case the first of them becomes primary.
  if (!gone.secondary && !sysctls_.effective(ConfKnob::kPromoteSecondaries, dev->index)) {
    std::erase_if(dev->addresses, [&](const IfAddress& a) { return a.secondary && same_subnet(gone, a); });
  }
  recompute_secondaries(*dev);
  index_addresses();
  // fib_sync_down_addr(): routes whose preferred source was the address go.
  for (std::size_t i = user_rt_.size(); i-- > 0;) {
    if (user_rt_[i].prefsrc == addr && !is_local_address(addr)) {
      user_rt_.erase(user_rt_.begin() + static_cast<std::ptrdiff_t>(i));
      user_routes_.erase(user_routes_.begin() + static_cast<std::ptrdiff_t>(i));
    }
  }
  rebuild_routes();
  return std::nullopt;
}

bool Host::is_local_address(Ipv4Addr a) const { return local_addresses_.contains(a.value); }

void Host::index_addresses() {
  local_addresses_.clear();
  for (const auto& dev : ifaces_)
    for (const auto& ifa : dev.addresses) ++local_addresses_[ifa.local().value];
}

// --- routes (net/ipv4/fib_frontend.c, fib_semantics.c) ------------------------------------

// fib_add_ifaddr() for every address of every device that is up, then the
// administrator's routes. A device going down takes its routes with it (fib_disable_ip).
void Host::rebuild_routes() const {
  fib_stale_ = false;
  ++fib_rebuilds_;
  fib_.clear();
  std::vector<Route> main;
  for (const auto& dev : ifaces_) {
    if (!dev.up) continue;
    for (const auto& ifa : dev.addresses) {
      const IfAddress* prim = &ifa;
      if (ifa.secondary) {
        for (const auto& p : dev.addresses)
          if (!p.secondary && same_subnet(p, ifa)) {
            prim = &p;
            break;
          }
      }
      Route local;
      local.dst = Ipv4Prefix{ifa.local(), 32};
      local.type = RouteType::kLocal;
      local.dev = dev.index;
      local.prefsrc = prim->local();
      local.scope = Scope::kHost;
      local.kernel = true;
      fib_.add_local(local);
      // An explicit broadcast address (brd, ifconfig broadcast) gets its broadcast route.
      if (!ifa.broadcast.is_unspecified() && !ifa.broadcast.is_broadcast())
        add_broadcast_route(dev.index, ifa.broadcast, prim->local());

      const Ipv4Addr net = ifa.prefix.network();
      if (ifa.secondary || net.is_unspecified() || (net == ifa.local() && ifa.prefix.len == 32)) continue;
      Route prefix;
      prefix.dst = Ipv4Prefix{net, ifa.prefix.len};
      prefix.dev = dev.index;
      prefix.prefsrc = ifa.local();
      prefix.kernel = true;
      if (dev.kind == IfKind::kLoopback) {
        // An address on a loopback device makes its whole subnet local.
        prefix.type = RouteType::kLocal;
        prefix.scope = Scope::kHost;
        fib_.add_local(prefix);
      } else {
        prefix.type = RouteType::kUnicast;
        prefix.scope = Scope::kLink;
        main.push_back(prefix);
      }
      if (ifa.prefix.len < 31) add_broadcast_route(dev.index, ifa.prefix.broadcast(), ifa.local());
    }
  }
  // fib_table_insert() puts a route before those of the same prefix and metric already
  // there, unless it is appended: the kernel's own routes are (fib_magic, NLM_F_APPEND),
  // an administrator's are not. Only SIOCADDRT (`route add`) can make such a tie (`ip
  // route add` refuses it), so the administrator's routes go first, the newest first:
  // among equals the first wins the lookup and is listed first.
  std::vector<Route> ordered;
  for (auto it = user_rt_.rbegin(); it != user_rt_.rend(); ++it)
    if (it->dev == kNoId || ifaces_[it->dev].up) ordered.push_back(*it);
  for (const auto& r : ordered) fib_.add_main(r);
  for (const auto& r : main) fib_.add_main(r);
}

// fib_magic(RTM_NEWROUTE, RTN_BROADCAST, ...): a second identical route is EEXIST (the
// explicit brd of an address is usually its subnet's broadcast), so it is added once.
void Host::add_broadcast_route(IfIndex dev, Ipv4Addr addr, Ipv4Addr prefsrc) const {
  for (const Route& r : fib_.local_table().in_order())
    if (r.type == RouteType::kBroadcast && r.dev == dev && r.dst.addr == addr && r.prefsrc == prefsrc) return;
  Route brd;
  brd.dst = Ipv4Prefix{addr, 32};
  brd.type = RouteType::kBroadcast;
  brd.dev = dev;
  brd.prefsrc = prefsrc;
  brd.scope = Scope::kLink;
  brd.kernel = true;
  fib_.add_local(brd);
}

// fib_create_info() + fib_check_nh(): device names, scope defaults, gateway reachability.
std::optional<std::string> Host::resolve_route(const RouteSpec& spec, Route* out) const {
  Route r;
  r.dst = Ipv4Prefix{spec.dst.network(), spec.dst.len};
  r.type = spec.type;
  r.metric = spec.metric;
  IfIndex oif = kNoId;
  if (!spec.dev.empty()) {
    const Interface* d = const_cast<Host*>(this)->find_device_for(spec.dev);
    if (!d) return cannot_find_device(spec.dev);
    oif = d->index;
  }
  // iproute2: a unicast route without a gateway defaults to scope link.
  r.scope =
      spec.scope ? *spec.scope : (spec.type == RouteType::kUnicast && !spec.gateway ? Scope::kLink : Scope::kGlobal);
  if (spec.src) {
    if (!is_local_type(*spec.src)) return std::string("Error: Invalid prefsrc address.");
    r.prefsrc = *spec.src;
  }
  r.dev = oif;
  if (spec.type != RouteType::kUnicast) {
    *out = r;
    return std::nullopt;
  }
  if (!spec.gateway) {
    if (oif == kNoId) return std::string("Error: Nexthop device is not up.");
    if (!ifaces_[oif].up) return std::string("Error: Nexthop device is not up.");
    *out = r;
    return std::nullopt;
  }
  if (r.scope == Scope::kHost) return std::string("Error: Route with host scope can not have a gateway.");
  if (spec.onlink) {
    // fib_check_nh_v4_gw() with RTNH_F_ONLINK: no route to the gateway is asked for; the
    // device must be given and up, the scope below link, the gateway a unicast address.
    if (r.scope >= Scope::kLink) return std::string("Error: Nexthop has invalid scope.");
    if (oif == kNoId) return std::string("Error: Nexthop device required for onlink.");
    if (!ifaces_[oif].up) return std::string("Error: Nexthop device is not up.");
    if (is_local_type(*spec.gateway) || spec.gateway->is_unspecified())
      return std::string("Error: Nexthop has invalid gateway.");
    r.gateway = *spec.gateway;
    r.onlink = true;
    *out = r;
    return std::nullopt;
  }
  // fib_check_nh_v4_gw(): the gateway must be reached by a route of narrower scope than
  // the new one (at least link), through `dev` when given: i.e. it must be on-link.
  const int need = std::max(static_cast<int>(r.scope) + 1, static_cast<int>(Scope::kLink));
  const Ipv4Addr gw = *spec.gateway;
  const auto usable = [&](const Route& c) {
    return static_cast<int>(c.scope) >= need && (oif == kNoId || c.dev == oif);
  };
  const Route* via = fib().local_table().best(gw, usable);
  if (!via) via = fib().main_table().best(gw, usable);
  if (!via || (via->type != RouteType::kUnicast && via->type != RouteType::kLocal))
    return std::string("Error: Nexthop has invalid gateway.");
  r.dev = via->dev;
  r.gateway = gw;
  if (r.dev == kNoId) return std::string("Error: No egress device for nexthop gateway.");
  if (!ifaces_[r.dev].up) return std::string("RTNETLINK answers: Network is down");
  *out = r;
  return std::nullopt;
}

namespace {

bool same_route(const Route& a, const Route& b) {
  return a.dst.addr == b.dst.addr && a.dst.len == b.dst.len && a.metric == b.metric && a.type == b.type &&
         a.gateway == b.gateway && a.dev == b.dev && a.prefsrc == b.prefsrc && a.scope == b.scope;
}

}  // namespace

std::optional<std::string> Host::add_route(const RouteSpec& spec, bool exclusive) {
  Route r;
  if (auto err = resolve_route(spec, &r)) return err;
  // fib_table_insert(): with NLM_F_EXCL any route of the same prefix and metric is
  // EEXIST; without it only one with the same fib_info (type, gateway, device, source).
  if (exclusive) {
    if (fib().main_table().find_exact(r.dst, r.metric)) return std::string("RTNETLINK answers: File exists");
  } else {
    for (const Route& old : fib().main_table().in_order())
      if (same_route(old, r)) return std::string("RTNETLINK answers: File exists");
  }
  user_routes_.push_back(spec);
  user_rt_.push_back(r);
  // An exclusive add has no route of its prefix and metric to go before: appending is
  // what rebuild_routes() would do. A non-exclusive one may: rebuild.
  if (!exclusive) rebuild_routes();
  else if (r.dev == kNoId || ifaces_[r.dev].up) fib_.add_main(r);
  return std::nullopt;
}

std::optional<std::string> Host::del_route(const RouteSpec& spec) {
  const Ipv4Prefix dst{spec.dst.network(), spec.dst.len};
  IfIndex oif = kNoId;
  if (!spec.dev.empty()) {
    const Interface* d = find_device_for(spec.dev);
    if (!d) return cannot_find_device(spec.dev);
    oif = d->index;
  }
  for (std::size_t i = 0; i < user_rt_.size(); ++i) {
    const Route& r = user_rt_[i];
    if (r.dst.addr != dst.addr || r.dst.len != dst.len) continue;
    if (spec.metric && r.metric != spec.metric) continue;
    if (spec.gateway && r.gateway != *spec.gateway) continue;
    if (oif != kNoId && r.dev != oif) continue;
    if (spec.type != RouteType::kUnicast && r.type != spec.type) continue;
    user_rt_.erase(user_rt_.begin() + static_cast<std::ptrdiff_t>(i));
    user_routes_.erase(user_routes_.begin() + static_cast<std::ptrdiff_t>(i));
    rebuild_routes();
    return std::nullopt;
  }
  return std::string("RTNETLINK answers: No such process");
}

// --- sysctls, link and power --------------------------------------------------------------

std::optional<std::string> Host::set_sysctl(std::string_view key, std::string_view value) {
  std::vector<SimTime> before;
  before.reserve(ifaces_.size());
  for (std::size_t i = 0; i < ifaces_.size(); ++i) before.push_back(sysctls_.neigh(i).base_reachable_time());
  if (auto err = sysctls_.set(key, value)) return err;
  // neigh_proc_base_reachable_time(): a new base re-draws reachable_time at once.
  for (std::size_t i = 0; i < ifaces_.size(); ++i)
    if (sysctls_.neigh(i).base_reachable_time() != before[i]) neigh_.refresh_reachable_time(static_cast<IfIndex>(i));
  return std::nullopt;
}

void Host::set_link_up(IfIndex index, bool up) {
  Interface& dev = ifaces_.at(index);
  if (dev.up == up) return;
  dev.up = up;
  if (dev.segment) dev.segment->set_port_up(dev.port, up);
  if (!up) {
    // NETDEV_DOWN: arp_ifdown() flushes the neighbours, fib_sync_down_dev() deletes
    // every route through the device (static routes do not come back on up).
    neigh_.flush(index);
    for (std::size_t i = user_rt_.size(); i-- > 0;) {
      if (user_rt_[i].dev == index) {
        user_rt_.erase(user_rt_.begin() + static_cast<std::ptrdiff_t>(i));
        user_routes_.erase(user_routes_.begin() + static_cast<std::ptrdiff_t>(i));
      }
    }
  }
  rebuild_routes();
  if (tracing()) note(dev.name + (up ? " up" : " down"));
  // inetdev_event(NETDEV_UP) with arp_notify: announce every address.
  if (up && dev.kind == IfKind::kEthernet && sysctls_.effective(ConfKnob::kArpNotify, index))
    for (const auto& ifa : dev.addresses) send_gratuitous_arp(index, ifa.local());
}

void Host::set_powered(bool on) {
  if (powered_ == on) return;
  powered_ = on;
  if (tracing()) note(on ? "powered on" : "powered off");
  if (!on) {
    for (const auto& dev : ifaces_) neigh_.flush(dev.index);
    tcp_->host_stopped();
    for (auto& app : apps_) app->stop();
    icmp_peers_.clear();
    return;
  }
  start_apps();
}

Application& Host::add_app(std::unique_ptr<Application> app) {
  apps_.push_back(std::move(app));
  app_stopped_.push_back(false);
  return *apps_.back();
}

void Host::start_apps() {
  for (std::size_t i = 0; i < apps_.size(); ++i)
    if (!app_stopped_[i]) apps_[i]->start();
}

namespace {
std::size_t app_index(const std::vector<std::unique_ptr<Application>>& apps, const Application& app) {
  for (std::size_t i = 0; i < apps.size(); ++i)
    if (apps[i].get() == &app) return i;
  throw std::logic_error("application not on this host");
}
}  // namespace

bool Host::stop_service(Application& app) {
  const std::size_t i = app_index(apps_, app);
  if (app_stopped_[i]) return true;
  if (!app.stop_service()) return false;  // powered off too: its listeners outlive the power
  app_stopped_[i] = true;
  return true;
}

void Host::start_service(Application& app) {
  const std::size_t i = app_index(apps_, app);
  if (!app_stopped_[i]) return;
  app_stopped_[i] = false;
  if (powered_) app.start();
}

bool Host::service_stopped(const Application& app) const { return app_stopped_[app_index(apps_, app)]; }

// --- text views ----------------------------------------------------------------------------

std::vector<std::string> Host::show_addresses() const {
  std::vector<std::string> out;
  for (const auto& dev : ifaces_) {
    std::string flags;
    std::string state;
    std::string name = dev.name;
    switch (dev.kind) {
      case IfKind::kLoopback:
        flags = "LOOPBACK";
        state = "UNKNOWN";
        break;
      case IfKind::kEthernet:
        flags = "BROADCAST,MULTICAST";
        state = dev.up ? "UP" : "DOWN";
        break;
      case IfKind::kIpip:
        flags = "NOARP";
        state = "UNKNOWN";
        name += "@NONE";
        break;
    }
    if (dev.up) flags += ",UP,LOWER_UP";
    else state = "DOWN";
    out.push_back(std::to_string(dev.index + 1) + ": " + name + ": <" + flags + "> mtu " + std::to_string(dev.mtu) +
                  " state " + state);
    for (const auto& ifa : dev.addresses) {
      std::string line = "    inet " + ifa.prefix.str();
      line += std::string(" scope ") + scope_name(ifa.scope);
      if (ifa.secondary) line += " secondary";
      line += " " + ifa.label;
      out.push_back(std::move(line));
    }
  }
  return out;
}

std::vector<std::string> Host::show_neighbours() const {
  std::vector<std::string> out;
  for (const auto& e : neigh_.entries()) {
    if (e.state == NeighState::kNone) continue;  // deleted entries
    std::string line = e.ip.str() + " dev " + ifaces_[e.dev].name;
    const bool valid = e.state != NeighState::kIncomplete && e.state != NeighState::kFailed;
    if (valid) line += " lladdr " + e.mac.str();
    line += std::string(" ") + neigh_state_name(e.state);
    out.push_back(std::move(line));
  }
  return out;
}

}  // namespace lvs
