#pragma once
// Small hand-built worlds for the net unit tests (and any other module's tests):
// segments, hosts with Ethernet interfaces plugged into them, addresses, routes,
// sysctls, and helpers to run the simulator and look at the trace.
#include <doctest/doctest.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/net/host.hpp"
#include "sim/net/segment.hpp"
#include "sim/net/world.hpp"

namespace lvs::test {

inline Ipv4Addr ip(std::string_view text) {
  const auto a = Ipv4Addr::parse(text);
  REQUIRE_MESSAGE(a.has_value(), "bad address in test: " << std::string(text));
  return *a;
}

// 02:00:00:00:<host>:<port>, so that a MAC says whose it is.
inline MacAddr test_mac(std::uint16_t host, std::uint16_t port) {
  return MacAddr{{0x02, 0x00, 0x00, 0x00, static_cast<std::uint8_t>(host), static_cast<std::uint8_t>(port)}};
}

// Records what a ping program sees.
struct PingRecorder : IcmpListener {
  struct Reply {
    Ipv4Addr from;
    std::uint16_t ident, seq;
    SimTime at;
  };
  struct Error {
    Ipv4Addr from;
    std::uint8_t type, code;
    Ipv4Addr orig_dst;
  };
  explicit PingRecorder(Host& h) : host(h) { h.set_icmp_listener(this); }
  void on_echo_reply(Ipv4Addr from, std::uint16_t ident, std::uint16_t seq, std::uint32_t) override {
    replies.push_back(Reply{from, ident, seq, host.now()});
  }
  void on_icmp_error(Ipv4Addr from, std::uint8_t type, std::uint8_t code, Ipv4Addr orig_dst, std::uint16_t,
                     std::uint16_t) override {
    errors.push_back(Error{from, type, code, orig_dst});
  }
  Host& host;
  std::vector<Reply> replies;
  std::vector<Error> errors;
};

class NetFixture {
 public:
  explicit NetFixture(bool tracing = true, std::uint64_t seed = 1) : world(seed, tracing) {}

  Segment& segment(std::string name, const LinkParams& params = {}) {
    return world.add_segment(std::move(name), params);
  }
  Host& host(std::string name, std::string role = "server") { return world.add_host(std::move(name), std::move(role)); }

  // add_ethernet + plug it into `seg` (with the segment's link defaults unless given).
  IfIndex eth(Host& h, std::string name, Segment& seg, std::optional<LinkParams> link = {}) {
    const IfIndex i =
        h.add_ethernet(std::move(name), test_mac(h.id() + 1, static_cast<std::uint16_t>(h.interfaces().size())));
    seg.attach(h, h.iface(i), link ? *link : seg.defaults());
    return i;
  }
  static MacAddr mac(Host& h, std::string_view dev) {
    Interface* i = h.find_iface(dev);
    REQUIRE(i != nullptr);
    return i->mac;
  }
  static IfIndex dev(Host& h, std::string_view name) {
    Interface* i = h.find_iface(name);
    REQUIRE_MESSAGE(i != nullptr, "no device " << std::string(name));
    return i->index;
  }

  static void addr(Host& h, std::string_view dev_or_label, std::string_view prefix, std::optional<Scope> scope = {}) {
    const auto p = Ipv4Prefix::parse(prefix);
    REQUIRE(p.has_value());
    const auto err = h.add_address(dev_or_label, *p, scope);
    REQUIRE_MESSAGE(!err, *err);
  }
  static void route(Host& h, std::string_view text) {
    std::string error;
    const auto spec = parse_route(text, &error);
    REQUIRE_MESSAGE(spec.has_value(), error);
    const auto err = h.add_route(*spec);
    REQUIRE_MESSAGE(!err, *err);
  }
  static void sysctl(Host& h, std::string_view key, std::string_view value) {
    const auto err = h.set_sysctl(key, value);
    REQUIRE_MESSAGE(!err, *err);
  }

  void run_for(SimTime d) { world.sim().run(RunLimits{world.now() + d}); }
  void run_until(SimTime t) { world.sim().run(RunLimits{t}); }

  static const NeighEntry* neigh(const Host& h, std::string_view dev_name, std::string_view ip_text) {
    for (const auto& i : h.interfaces())
      if (i.name == dev_name) return h.neighbours().lookup(i.index, ip(ip_text));
    return nullptr;
  }
  static NeighState neigh_state(const Host& h, std::string_view dev_name, std::string_view ip_text) {
    const NeighEntry* e = neigh(h, dev_name, ip_text);
    return e ? e->state : NeighState::kNone;
  }

  // Trace records of type T that satisfy pred.
  template <class T>
  std::vector<std::pair<SimTime, T>> records(const std::function<bool(const T&)>& pred = nullptr) {
    std::vector<std::pair<SimTime, T>> out;
    for (const auto& r : world.trace().records())
      if (const T* t = std::get_if<T>(&r.body))
        if (!pred || pred(*t)) out.emplace_back(r.time, *t);
    return out;
  }
  template <class T>
  std::size_t count(const std::function<bool(const T&)>& pred = nullptr) {
    return records<T>(pred).size();
  }
  std::size_t drops(const Host& h, DropReason why) {
    return count<FrameDrop>([&](const FrameDrop& d) { return d.host == h.id() && d.reason == why; });
  }

  World world;
};

}  // namespace lvs::test
