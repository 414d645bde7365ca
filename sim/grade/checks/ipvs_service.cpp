// ipvs_service: the director's virtual service as `ipvsadm -Ln` lists it after boot:
// scheduler, persistence and the real servers with their forwarding method and weight.
//   {"kind": "ipvs_service", "host": "director", "service": "192.168.10.100:80", "scheduler": "rr",
//    "destinations": [{"address": "192.168.20.101:80", "method": "masq"}, ...]}
// With "destinations", the service must have exactly those real servers.
#include "sim/grade/check.hpp"
#include "sim/ipvs/director.hpp"
#include "sim/ipvs/ipvsadm/format.hpp"

namespace lvs::grade {
namespace {

struct Dest {
  Ipv4Addr addr;
  std::optional<std::uint16_t> port;  // default: the service's port
  std::optional<ipvs::FwdMethod> method;
  std::optional<std::int32_t> weight;
};

struct Params {
  std::string host;
  ipvs::Protocol protocol = ipvs::Protocol::kTcp;
  Ipv4Addr addr;
  std::uint16_t port = 0;
  std::optional<std::string> scheduler;
  std::optional<std::uint32_t> persistence;  // 0 = must not be persistent
  std::optional<std::vector<Dest>> dests;
};

// "a.b.c.d:port" (port required when `need_port`).
std::pair<Ipv4Addr, std::optional<std::uint16_t>> endpoint_of(const JsonNode& node, bool need_port) {
  const std::string text = node.nonempty_string();
  const auto colon = text.find(':');
  const auto addr = Ipv4Addr::parse(text.substr(0, colon));
  std::optional<std::uint16_t> port;
  if (colon != std::string::npos) {
    const std::string digits = text.substr(colon + 1);
    if (!digits.empty() && digits.size() <= 5 && digits.find_first_not_of("0123456789") == std::string::npos &&
        std::stoul(digits) >= 1 && std::stoul(digits) <= 65535)
      port = static_cast<std::uint16_t>(std::stoul(digits));
    else node.fail("'" + text + "': '" + digits + "' is not a port (1-65535)");
  }
  if (!addr || (need_port && !port))
    node.fail("'" + text + "' is not " + (need_port ? "ADDRESS:PORT" : "ADDRESS or ADDRESS:PORT") +
              " (e.g. 192.168.10.100:80)");
  return {*addr, port};
}

ipvs::FwdMethod method_of(const JsonNode& node) {
  const std::string m = node.string();
  if (m == "masq") return ipvs::FwdMethod::kMasq;
  if (m == "route") return ipvs::FwdMethod::kRoute;
  if (m == "tunnel") return ipvs::FwdMethod::kTunnel;
  node.fail("expected one of: masq (-m), route (-g), tunnel (-i); got '" + m + "'");
}

Params read(const JsonNode& check, const nlohmann::json& scenario) {
  expect_check_keys(check, {"host", "service", "protocol", "scheduler", "persistence", "destinations"});
  Params p;
  p.host = host_param(check, scenario);
  const auto [addr, port] = endpoint_of(check.at("service"), true);
  p.addr = addr;
  p.port = *port;
  if (auto pr = check.get("protocol")) {
    const std::string v = pr->string();
    if (v == "udp") p.protocol = ipvs::Protocol::kUdp;
    else if (v != "tcp") pr->fail("expected tcp or udp, got '" + v + "'");
  }
  if (auto s = check.get("scheduler")) p.scheduler = s->nonempty_string();
  if (auto pe = check.get("persistence")) {
    if (pe->value().is_boolean()) {
      if (pe->boolean()) pe->fail("give the persistence timeout in seconds (ipvsadm -p 300), or false for none");
      p.persistence = 0;
    } else p.persistence = static_cast<std::uint32_t>(pe->unsigned_integer(1, 2678400));
  }
  if (auto ds = check.get("destinations")) {
    p.dests.emplace();
    for (const JsonNode& d : ds->items()) {
      d.expect_object({"address", "method", "weight"});
      Dest dest;
      const auto [a, dp] = endpoint_of(d.at("address"), false);
      dest.addr = a;
      dest.port = dp;
      if (auto m = d.get("method")) dest.method = method_of(*m);
      if (auto wt = d.get("weight")) dest.weight = static_cast<std::int32_t>(wt->unsigned_integer(0, INT32_MAX));
      p.dests->push_back(dest);
    }
  }
  return p;
}

void validate(const JsonNode& check, const nlohmann::json& scenario) { (void)read(check, scenario); }

const char* method_word(ipvs::FwdMethod m) {
  switch (m) {
    case ipvs::FwdMethod::kMasq: return "Masq (-m)";
    case ipvs::FwdMethod::kRoute: return "Route (-g)";
    case ipvs::FwdMethod::kTunnel: return "Tunnel (-i)";
    case ipvs::FwdMethod::kLocal: return "Local";
  }
  return "?";
}

// The first way the service differs from what the pack asks; "" when it does not.
std::string difference(const Params& p, const ipvs::ServiceEntry& s) {
  const std::string vs = s.spec.key.addr.str() + ":" + std::to_string(p.port);
  if (p.scheduler && s.spec.scheduler != *p.scheduler)
    return vs + " uses the scheduler " + s.spec.scheduler + ", expected " + *p.scheduler;
  if (p.persistence) {
    const std::uint32_t has = s.spec.persistent_timeout.value_or(0);
    if (*p.persistence == 0 && has != 0) return vs + " is persistent (-p " + std::to_string(has) + "), expected not";
    if (*p.persistence != 0 && has != *p.persistence)
      return vs + (has ? " has persistence " + std::to_string(has) + " s" : std::string(" is not persistent")) +
             ", expected -p " + std::to_string(*p.persistence);
  }
  if (!p.dests) return "";
  for (const Dest& want : *p.dests) {
    const std::uint16_t port = want.port.value_or(p.port);
    const std::string rs = want.addr.str() + ":" + std::to_string(port);
    const auto d = std::find_if(s.dests.begin(), s.dests.end(),
                                [&](const ipvs::DestEntry& e) { return e.addr == want.addr && e.port == port; });
    if (d == s.dests.end()) return vs + " has no real server " + rs;
    if (want.method && d->method != *want.method)
      return "real server " + rs + " is forwarded by " + method_word(d->method) + ", expected " +
             method_word(*want.method);
    if (want.weight && d->weight != *want.weight)
      return "real server " + rs + " has weight " + std::to_string(d->weight) + ", expected " +
             std::to_string(*want.weight);
  }
  for (const auto& d : s.dests) {
    const bool wanted = std::any_of(p.dests->begin(), p.dests->end(), [&](const Dest& want) {
      return want.addr == d.addr && want.port.value_or(p.port) == d.port;
    });
    if (!wanted) return vs + " has a real server the lab does not have: " + d.addr.str() + ":" + std::to_string(d.port);
  }
  return "";
}

Finding evaluate(const JsonNode& check, GradeWorld& w) {
  const Params p = read(check, w.lab.scenario);
  Host& host = world_host(w, p.host);
  Finding f;
  ipvs::Director* director = ipvs::find_director(host);
  if (!director) {
    f.cause = p.host + " runs no IPVS: no virtual service was added (ipvsadm -A)";
    f.evidence = "ipvsadm -Ln on " + p.host + ": no rules";
    return f;
  }
  const ipvs::Snapshot snap = director->tables().snapshot(host.now());
  ipvs::ipvsadm::ListOptions list;
  list.numeric = true;
  f.evidence = "ipvsadm -Ln on " + p.host + ":\n" + ipvs::ipvsadm::format_list(snap, list);
  const auto s = std::find_if(snap.services.begin(), snap.services.end(), [&](const ipvs::ServiceEntry& e) {
    return e.spec.key.fwmark == 0 && e.spec.key.protocol == p.protocol && e.spec.key.addr == p.addr &&
           e.spec.key.port == p.port;
  });
  if (s == snap.services.end()) {
    f.cause = std::string("there is no virtual service ") + ipvs::protocol_name(p.protocol) + " " + p.addr.str() + ":" +
              std::to_string(p.port) + " on " + p.host;
    return f;
  }
  f.cause = difference(p, *s);
  f.passed = f.cause.empty();
  return f;
}

}  // namespace

extern const CheckKind kIpvsServiceCheck{"ipvs_service", Stage::kConfig, validate, evaluate};

}  // namespace lvs::grade
