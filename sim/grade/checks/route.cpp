// route: a route of the host's main table after boot (`ip route`), by destination, and
// optionally its gateway and device.
//   {"kind": "route", "host": "rs1", "to": "default", "via": "192.168.20.100"}
#include "sim/grade/check.hpp"
#include "sim/net/host.hpp"

namespace lvs::grade {
namespace {

struct Params {
  std::string host;
  Ipv4Prefix to;
  std::optional<Ipv4Addr> via;
  std::string dev;
};

Params read(const JsonNode& check, const nlohmann::json& scenario) {
  expect_check_keys(check, {"host", "to", "via", "dev"});
  Params p;
  p.host = host_param(check, scenario);
  const JsonNode to = check.at("to");
  if (to.is_string() && to.string() == "default") p.to = Ipv4Prefix{Ipv4Addr{0}, 0};
  else {
    p.to = prefix_param(to);
    if (p.to.network() != p.to.addr)
      to.fail("'" + to.string() + "' has host bits set (a route's destination is a network: " +
              Ipv4Prefix{p.to.network(), p.to.len}.str() + ")");
  }
  if (auto v = check.get("via")) {
    const std::string text = v->nonempty_string();
    p.via = Ipv4Addr::parse(text);
    if (!p.via) v->fail("'" + text + "' is not an IPv4 address");
  }
  if (auto d = check.get("dev")) p.dev = d->nonempty_string();
  return p;
}

void validate(const JsonNode& check, const nlohmann::json& scenario) { (void)read(check, scenario); }

std::string destination(const Ipv4Prefix& to) { return to.len == 0 ? "default" : to.str(); }

Finding evaluate(const JsonNode& check, GradeWorld& w) {
  const Params p = read(check, w.lab.scenario);
  Host& host = world_host(w, p.host);
  Finding f;
  f.evidence = lines_of("ip route on " + p.host, host.show_routes());
  std::string other;  // the route to that destination that is there instead
  for (const Route& r : host.routes().main_table().in_order()) {
    if (r.dst.len != p.to.len || r.dst.network() != p.to.network() || r.type != RouteType::kUnicast) continue;
    const std::string dev = r.dev < host.interfaces().size() ? host.iface(r.dev).name : "?";
    const bool right = (!p.via || r.gateway == *p.via) && (p.dev.empty() || dev == p.dev);
    if (right) {
      f.passed = true;
      return f;
    }
    if (other.empty())
      other = destination(r.dst) + (r.gateway.is_unspecified() ? "" : " via " + r.gateway.str()) + " dev " + dev;
  }
  std::string want = destination(p.to);
  if (p.via) want += " via " + p.via->str();
  if (!p.dev.empty()) want += " dev " + p.dev;
  f.cause = other.empty() ? p.host + " has no route " + destination(p.to) + " (expected " + want + ")"
                          : p.host + " routes " + other + ", expected " + want;
  return f;
}

}  // namespace

extern const CheckKind kRouteCheck{"route", Stage::kConfig, validate, evaluate};

}  // namespace lvs::grade
