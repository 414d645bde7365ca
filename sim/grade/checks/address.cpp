// address: an address with its prefix length on a host, optionally on a given device
// and/or under a given label (`ip addr add ... label lo:0`, `ifconfig lo:0 ...`,
// ifcfg-lo:0), as the host holds it after boot.
//   {"kind": "address", "host": "rs1", "address": "192.168.10.10/32", "device": "lo", "label": "lo:0"}
#include "sim/grade/check.hpp"
#include "sim/net/host.hpp"

namespace lvs::grade {
namespace {

struct Params {
  std::string host;
  Ipv4Prefix address;
  std::string device, label;
};

Params read(const JsonNode& check, const nlohmann::json& scenario) {
  expect_check_keys(check, {"host", "address", "device", "label"});
  Params p;
  p.host = host_param(check, scenario);
  p.address = prefix_param(check.at("address"));
  if (auto d = check.get("device")) p.device = d->nonempty_string();
  if (auto l = check.get("label")) p.label = l->nonempty_string();
  return p;
}

void validate(const JsonNode& check, const nlohmann::json& scenario) { (void)read(check, scenario); }

std::string where(const Interface& dev, const IfAddress& a) {
  return a.prefix.str() + " on " + dev.name + (a.label != dev.name ? " (label " + a.label + ")" : "");
}

Finding evaluate(const JsonNode& check, GradeWorld& w) {
  const Params p = read(check, w.lab.scenario);
  Host& host = world_host(w, p.host);
  Finding f;
  f.evidence = lines_of("ip -4 addr on " + p.host, host.show_addresses());
  std::string found;  // where the address is when it is not as asked
  for (const Interface& dev : host.interfaces())
    for (const IfAddress& a : dev.addresses) {
      if (a.local() != p.address.addr) continue;
      const bool right = a.prefix.len == p.address.len && (p.device.empty() || dev.name == p.device) &&
                         (p.label.empty() || a.label == p.label);
      if (right) {
        f.passed = true;
        return f;
      }
      if (found.empty()) found = where(dev, a);
    }
  std::string want = p.address.str();
  if (!p.device.empty()) want += " on " + p.device;
  if (!p.label.empty()) want += " (label " + p.label + ")";
  f.cause = found.empty() ? p.host + " does not have the address " + p.address.addr.str() + " (expected " + want + ")"
                          : p.host + " has " + found + ", expected " + want;
  return f;
}

}  // namespace

extern const CheckKind kAddressCheck{"address", Stage::kConfig, validate, evaluate};

}  // namespace lvs::grade
