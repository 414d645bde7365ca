#pragma once
// A host: interfaces, addresses, routes, sysctls, the neighbour cache and the IPv4
// input / forward / output path of a Linux machine, plus its TCP and UDP stacks and
// the applications that run on it.
#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sim/core/simulator.hpp"
#include "sim/net/application.hpp"
#include "sim/net/interface.hpp"
#include "sim/net/neighbour.hpp"
#include "sim/net/packet.hpp"
#include "sim/net/route.hpp"
#include "sim/net/sysctl.hpp"
#include "sim/trace/trace.hpp"
#include "sim/wire/arp.hpp"

namespace lvs {

class World;
class TcpStack;
class UdpStack;

// PacketBuf::trace_frame of a packet whose bytes were never stored in the trace (a
// locally generated packet dropped before it reached an interface).
inline constexpr std::uint32_t kNoTraceFrame = 0xffffffffu;

// Receives what a ping program would see: echo replies, and ICMP errors quoting an
// echo request this host sent.
class IcmpListener {
 public:
  virtual void on_echo_reply(Ipv4Addr from, std::uint16_t ident, std::uint16_t seq, std::uint32_t flow) = 0;
  virtual void on_icmp_error(Ipv4Addr /*from*/, std::uint8_t /*type*/, std::uint8_t /*code*/, Ipv4Addr /*orig_dst*/,
                             std::uint16_t /*ident*/, std::uint16_t /*seq*/) {}

 protected:
  ~IcmpListener() = default;
};

// A packet socket bound to ETH_P_ARP on one device (what arping opens): it sees every ARP
// frame the device receives for this host or as a link broadcast, before arp_rcv().
class ArpListener {
 public:
  virtual void on_arp(IfIndex dev, const wire::ArpRepr& arp, bool to_host) = 0;

 protected:
  ~ArpListener() = default;
};

// Netfilter hook points (include/uapi/linux/netfilter.h) where a module may look at
// or take a packet. IPVS uses LOCAL_IN (new connections to a VIP) and FORWARD (NAT
// replies).
enum class HookPoint : std::uint8_t { kPreRouting, kLocalIn, kForward, kLocalOut, kPostRouting, kCount };
enum class Verdict : std::uint8_t { kAccept, kDrop, kStolen };

class PacketHook {
 public:
  // `packet` begins at the IPv4 header. in/out devices are kNoId where not known.
  virtual Verdict on_packet(HookPoint point, Packet& packet, IfIndex in_dev, IfIndex out_dev) = 0;

 protected:
  ~PacketHook() = default;
};

// Result of an output route lookup (ip_route_output_key).
struct RouteResult {
  RouteType type = RouteType::kUnicast;
  IfIndex dev = kNoId;
  Ipv4Addr next_hop;  // gateway, or the destination itself when on-link
  Ipv4Addr src;       // selected source address
};

enum class RouteError : std::uint8_t { kNone, kNetUnreachable, kHostUnreachable, kProhibited, kInvalid };
const char* route_error_text(RouteError e);  // "Network is unreachable" (strerror text)

struct IpSendOptions {
  std::uint8_t ttl = 0;  // 0 = net.ipv4.ip_default_ttl
  std::uint8_t tos = 0;
  bool dont_fragment = true;
  std::uint32_t flow = 0;
};

class Host final : public EventHandler, public NeighbourIo {
 public:
  Host(World& world, HostId id, std::string name, std::string role);
  ~Host();
  Host(const Host&) = delete;
  Host& operator=(const Host&) = delete;

  // --- identity -------------------------------------------------------------------
  HostId id() const { return id_; }
  const std::string& name() const { return name_; }
  const std::string& role() const { return role_; }
  World& world() { return world_; }
  PacketPool& world_pool();
  Simulator& sim();
  SimTime now() const;

  // --- configuration (each returns an error message, or nullopt) -------------------
  IfIndex add_ethernet(std::string name, MacAddr mac);
  // The IPIP fallback device, as `modprobe ipip` creates it (NOARP, mtu 1480).
  IfIndex add_ipip_tunnel(std::string name = "tunl0");
  // `ip addr add PREFIX dev DEV [label LABEL] [scope SCOPE]`; `dev` may be a label
  // such as "eth0:0" or "lo:0" (ifconfig alias style), which names the device too.
  std::optional<std::string> add_address(std::string_view dev_or_label, Ipv4Prefix prefix,
                                         std::optional<Scope> scope = {}, std::string role = {});
  // The same with every part given apart: `ip addr add 10.0.0.5/24 brd + dev eth0 label
  // eth9:1` (the label need not name the device: iproute2 6.1 and the kernel accept it).
  struct AddressConfig {
    std::string dev;
    std::string label;  // "" = the device's name
    Ipv4Prefix prefix;
    std::optional<Scope> scope;
    Ipv4Addr broadcast;  // 0.0.0.0 = none
    std::string role;
  };
  std::optional<std::string> add_address(const AddressConfig& config);
  std::optional<std::string> del_address(std::string_view dev, Ipv4Addr addr);
  // `exclusive`: NLM_F_EXCL as `ip route add` sends it (any route of the same prefix and
  // metric is EEXIST); without it (`route add`, SIOCADDRT) only an identical route is.
  std::optional<std::string> add_route(const RouteSpec& spec, bool exclusive = true);
  // fib_table_delete(): the first administrator's route of that prefix whose given parts
  // (metric when non-zero, gateway, device, type) match. Errors as rtnetlink gives them.
  std::optional<std::string> del_route(const RouteSpec& spec);
  std::optional<std::string> set_sysctl(std::string_view key, std::string_view value);
  void set_link_up(IfIndex dev, bool up);
  // IFF_NOARP (dev_change_flags()): arp_rcv() ignores every ARP frame received on the
  // device; arp_constructor() makes its new neighbours NUD_NOARP with the device's own
  // address as theirs, so nothing sent through it reaches another host. The device's
  // neighbour entries, permanent ones too, are flushed (NETDEV_CHANGE ->
  // neigh_changeaddr()).
  void set_noarp(IfIndex dev, bool noarp);
  // `ip link set DEV address MAC` (dev_set_mac_address(); NETDEV_CHANGEADDR flushes the
  // device's neighbours as neigh_changeaddr() does) and `ip link set DEV mtu N`.
  void set_mac(IfIndex dev, const MacAddr& mac);
  void set_mtu(IfIndex dev, int mtu);
  // Powers the host off (everything volatile is lost) or on again.
  void set_powered(bool on);
  bool powered() const { return powered_; }
  void set_rx_delay(SimTime base, SimTime jitter) {
    rx_delay_ = base;
    rx_jitter_ = jitter;
  }
  SimTime sample_rx_delay();

  // --- state ------------------------------------------------------------------------
  // A deque: segments keep pointers to interfaces, so they must not move.
  std::deque<Interface>& interfaces() { return ifaces_; }
  const std::deque<Interface>& interfaces() const { return ifaces_; }
  Interface& iface(IfIndex i) { return ifaces_.at(i); }
  const Interface& iface(IfIndex i) const { return ifaces_.at(i); }
  Interface* find_iface(std::string_view name);
  // The device a name or an alias label names ("lo:0" -> lo), as the kernel's ioctls and
  // if_nametoindex() cut the name at ':' (net/core/dev_ioctl.c). nullptr: none.
  Interface* find_device_for(std::string_view dev_or_label);
  IfIndex loopback() const { return 0; }
  Sysctls& sysctls() { return sysctls_; }
  const Sysctls& sysctls() const { return sysctls_; }
  Neighbours& neighbours() { return neigh_; }
  const Neighbours& neighbours() const { return neigh_; }
  const RoutingTable& routes() const { return fib(); }
  // Times the routing tables were rebuilt from scratch (tests bound it).
  std::uint64_t fib_rebuilds() const { return fib_rebuilds_; }
  const std::vector<RouteSpec>& user_routes() const { return user_routes_; }
  TcpStack& tcp() { return *tcp_; }
  UdpStack& udp() { return *udp_; }
  Rng& rng() { return rng_; }

  void add_hook(HookPoint point, PacketHook* hook) { hooks_[static_cast<int>(point)].push_back(hook); }
  Application& add_app(std::unique_ptr<Application> app);
  const std::vector<std::unique_ptr<Application>>& apps() const { return apps_; }
  void start_apps();
  // `systemctl stop` / `start` of the service an application is: a stopped one is not
  // started again when the host powers on, until start_service(). stop_service() is
  // false when the application cannot be stopped apart from its host.
  bool stop_service(Application& app);
  void start_service(Application& app);
  bool service_stopped(const Application& app) const;

  // Text views as the Linux tools print them.
  std::vector<std::string> show_addresses() const;   // `ip -4 addr` (condensed)
  std::vector<std::string> show_neighbours() const;  // `ip neigh show`
  std::vector<std::string> show_routes() const {
    return fib().show_main([this](IfIndex i) { return ifaces_[i].name; });
  }

  // --- the wire ----------------------------------------------------------------------
  void receive_frame(IfIndex dev, Packet frame);

  // --- IPv4 services for the transport layer -------------------------------------------
  bool is_local_address(Ipv4Addr a) const;  // configured on any interface
  std::optional<RouteResult> route_output(Ipv4Addr dst, Ipv4Addr src, RouteError* error = nullptr) const;
  Ipv4Addr select_source(IfIndex dev, Ipv4Addr dst, Scope scope) const;  // inet_select_addr
  // Prepends an IPv4 header to the transport message at the packet's start and sends it.
  // Returns false (with the reason traced) when there is no route.
  bool ip_send(Packet payload, Ipv4Addr src, Ipv4Addr dst, std::uint8_t protocol, const IpSendOptions& opt = {});
  // Sends a complete IPv4 packet along a route already chosen (POST_ROUTING, neighbour).
  void ip_finish_output(Packet packet, const RouteResult& route);
  // Routes and sends a complete IPv4 packet generated or rewritten locally (IPVS NAT/TUN).
  bool ip_route_and_send(Packet packet);
  // Sends an IPv4 packet to a given link-layer neighbour (IPVS DR).
  void ip_send_to_neighbour(Packet packet, IfIndex dev, Ipv4Addr next_hop);
  // icmp_send(): an error about `offending` (which begins at its IPv4 header).
  // `info` is the second half of the ICMP header (the next-hop MTU of "fragmentation needed").
  void send_icmp_error(const PacketBuf& offending, std::uint8_t type, std::uint8_t code, IfIndex in_dev,
                       std::uint16_t info = 0);
  // TCP saw forward progress to dst: confirm the neighbour used to reach it.
  void confirm_neighbour(Ipv4Addr dst);
  // ping: sends an ICMP echo request with `payload_len` bytes of data. False: no route.
  bool send_echo_request(Ipv4Addr dst, std::uint16_t ident, std::uint16_t seq, std::uint16_t payload_len = 56,
                         std::uint32_t flow = 0);
  void set_icmp_listener(IcmpListener* listener) { icmp_listener_ = listener; }
  void add_arp_listener(ArpListener* listener) { arp_listeners_.push_back(listener); }
  void remove_arp_listener(ArpListener* listener) { std::erase(arp_listeners_, listener); }
  // `ip route show table local`.
  std::vector<std::string> show_local_routes() const {
    return fib().show_local([this](IfIndex i) { return ifaces_[i].name; });
  }

  // --- trace helpers -------------------------------------------------------------------
  bool tracing() const;
  void trace_drop(IfIndex dev, const PacketBuf& packet, DropReason why);
  void note(std::string_view text);
  std::uint32_t new_packet_id();
  // The IP identification for the next packet this host originates (ip_select_ident).
  std::uint16_t next_ip_ident() { return ++ip_ident_; }

  // --- events / neighbour io ----------------------------------------------------------
  void on_event(const Event& ev) override;
  void neigh_solicit(const NeighEntry& entry, Ipv4Addr saddr_hint, bool unicast) override;
  void neigh_transmit(IfIndex dev, Packet packet, const MacAddr& dst) override;
  void neigh_drop(IfIndex dev, Packet packet, DropReason why) override;
  void neigh_changed(const NeighEntry& entry, NeighState from, const MacAddr& old_mac) override;

  // Sends `arp` as a broadcast gratuitous ARP for addr on dev (arp_notify / arping -U).
  void send_gratuitous_arp(IfIndex dev, Ipv4Addr addr);
  // An ARP packet written to a packet socket on dev (arping's sendto()): sent as given,
  // whatever the knobs say; nothing on a device without ARP.
  void send_arp_packet(IfIndex dev, std::uint16_t op, Ipv4Addr sender_ip, const MacAddr& target_mac, Ipv4Addr target_ip,
                       const MacAddr& eth_dst) {
    send_arp(dev, op, target_ip, sender_ip, eth_dst, target_mac);
  }

 private:
  enum EventKind : std::uint32_t { kLoopbackDeliver = 1 };
  // skb->pkt_type of a received frame: addressed to our MAC, or a link broadcast.
  enum class PktType : std::uint8_t { kHost, kBroadcast, kLoopback };
  // Result of input routing (ip_route_input_slow).
  enum class InputKind : std::uint8_t { kLocal, kBroadcast, kForward, kUnreachable, kMartian };
  struct InputRoute {
    InputKind kind = InputKind::kUnreachable;
    RouteResult route;  // kForward: where to
    DropReason why = DropReason::kNoRoute;
    std::uint8_t icmp_code = 0;  // kUnreachable: what ip_error() would send
  };
  // The packet being delivered locally right now (icmp_send looks at its pkt_type).
  struct RxContext {
    const PacketBuf* buf = nullptr;
    PktType type = PktType::kHost;
    bool local = false;  // routed as local (RTCF_LOCAL)
  };
  // Per-destination ICMP error rate limit (inet_peer_xrlim_allow).
  struct IcmpPeer {
    Ipv4Addr addr;
    SimTime tokens = 0;
    SimTime last = 0;
  };

  IfIndex add_interface(std::string name, IfKind kind, MacAddr mac, int mtu);
  // The routing tables, rebuilt first when an address change left them stale. Adding
  // addresses only marks them stale, so configuring N addresses costs one rebuild, not N.
  const RoutingTable& fib() const {
    if (fib_stale_) rebuild_routes();
    return fib_;
  }
  void rebuild_routes() const;
  void add_broadcast_route(IfIndex dev, Ipv4Addr addr, Ipv4Addr prefsrc) const;
  void recompute_secondaries(Interface& dev);
  std::optional<std::string> resolve_route(const RouteSpec& spec, Route* out) const;

  // Link layer
  void transmit_frame(IfIndex dev, Packet frame);  // trace + hand to the segment
  void arp_receive(IfIndex dev, Packet frame);
  void send_arp(IfIndex dev, std::uint16_t op, Ipv4Addr target_ip, Ipv4Addr sender_ip, const MacAddr& eth_dst,
                const MacAddr& target_mac);
  bool arp_ignore(IfIndex dev, Ipv4Addr sip, Ipv4Addr tip) const;
  bool arp_filter(IfIndex dev, Ipv4Addr sip, Ipv4Addr tip) const;
  bool confirm_addr(const Interface* dev, Ipv4Addr dst, Ipv4Addr local, Scope scope) const;
  bool addr_onlink(IfIndex dev, Ipv4Addr a, Ipv4Addr b) const;
  Ipv4Addr arp_sender_ip(const NeighEntry& entry, Ipv4Addr saddr_hint) const;  // arp_announce
  bool arp_accept(IfIndex dev, Ipv4Addr sip) const;
  void arp_request_received(IfIndex dev, const wire::ArpRepr& arp, bool* done);
  void arp_update_cache(IfIndex dev, const wire::ArpRepr& arp, PktType type);
  void trace_arp(IfIndex dev, const wire::ArpRepr& arp, ArpVerdict verdict);

  // IPv4
  void ip_receive(IfIndex dev, Packet packet, PktType type);
  InputRoute route_input(Ipv4Addr dst, Ipv4Addr src, IfIndex dev, bool is_arp) const;
  bool is_local_type(Ipv4Addr a) const;  // inet_addr_type() == RTN_LOCAL (local table)
  bool validate_source(IfIndex dev, Ipv4Addr src, DropReason* why) const;
  void ip_forward(IfIndex in_dev, Packet packet, const RouteResult& route);
  void ip_local_deliver(IfIndex dev, Packet packet, PktType type);
  void ip_local_out(Packet packet, RouteResult route);  // LOCAL_OUT hook, then output
  void trace_route(RouteKind kind, IfIndex out, Ipv4Addr dst, Ipv4Addr next_hop, const PacketBuf& p);
  bool icmp_rate_allow(Ipv4Addr dst);
  void ipip_receive(IfIndex dev, Packet packet);
  void icmp_receive(IfIndex dev, Packet packet);
  void loopback_xmit(Packet packet);
  Verdict run_hooks(HookPoint point, Packet& packet, IfIndex in_dev, IfIndex out_dev);
  bool is_broadcast_for(IfIndex dev, Ipv4Addr dst) const;

  World& world_;
  HostId id_;
  std::string name_;
  std::string role_;
  bool powered_ = true;
  SimTime rx_delay_ = 0;
  SimTime rx_jitter_ = 0;
  Rng rng_;
  std::deque<Interface> ifaces_;
  Sysctls sysctls_;
  Neighbours neigh_;
  // Every configured address -> on how many devices (inet_addr_lst, the kernel's hash of
  // local addresses): is_local_address() in one lookup, not a walk of every device.
  std::unordered_map<std::uint32_t, std::uint32_t> local_addresses_;
  void index_addresses();
  mutable RoutingTable fib_;
  mutable bool fib_stale_ = false;
  mutable std::uint64_t fib_rebuilds_ = 0;
  std::vector<RouteSpec> user_routes_;
  std::vector<Route> user_rt_;  // user_routes_ resolved (device, scope), same order
  std::unique_ptr<TcpStack> tcp_;
  std::unique_ptr<UdpStack> udp_;
  std::array<std::vector<PacketHook*>, static_cast<int>(HookPoint::kCount)> hooks_;
  // Before apps_: an application (arping) leaves this list in its destructor, so it must
  // outlive them (members are destroyed in reverse order).
  std::vector<ArpListener*> arp_listeners_;
  std::vector<std::unique_ptr<Application>> apps_;
  std::vector<bool> app_stopped_;  // by apps_ index: its service was stopped
  std::uint16_t ip_ident_ = 0;
  IcmpListener* icmp_listener_ = nullptr;
  RxContext rx_;
  std::vector<IcmpPeer> icmp_peers_;
};

}  // namespace lvs
