// sysctl: the value the kernel uses. Without "device": the key's own value, as
// `sysctl -n KEY` prints it. With "device": the effective value of the key's knob on that
// device, combining conf/all and conf/<dev> as the kernel does (sim/net/sysctl.cpp
// combine_conf: max for arp_ignore/arp_announce/rp_filter, OR for forwarding-like knobs).
//   {"kind": "sysctl", "host": "rs1", "key": "net.ipv4.conf.lo.arp_ignore", "device": "lo", "equals": 1}
#include <charconv>

#include "sim/grade/check.hpp"
#include "sim/net/host.hpp"
#include "sim/net/sysctl.hpp"

namespace lvs::grade {
namespace {

struct Params {
  std::string host, key, device;
  std::optional<std::uint64_t> equals, at_least;
};

// The knob a key names by its last component ("net.ipv4.conf.all.arp_ignore" -> arp_ignore).
std::optional<ConfKnob> knob_of(const std::string& key) {
  const std::string name = key.substr(key.find_last_of("./") + 1);
  for (int k = 0; k < static_cast<int>(ConfKnob::kCount); ++k)
    if (name == conf_knob_name(static_cast<ConfKnob>(k))) return static_cast<ConfKnob>(k);
  return std::nullopt;
}

Params read(const JsonNode& check, const nlohmann::json& scenario) {
  expect_check_keys(check, {"host", "key", "device", "equals", "at_least"});
  Params p;
  p.host = host_param(check, scenario);
  const JsonNode key = check.at("key");
  p.key = key.nonempty_string();
  if (auto d = check.get("device")) {
    p.device = d->nonempty_string();
    if (!knob_of(p.key))
      key.fail("'" + p.key +
               "' names no per-device knob lvslab models (with \"device\", the key's last word is the "
               "knob: arp_ignore, arp_announce, rp_filter, forwarding, ...)");
  } else {
    // A key the model knows: checked on a host with the device the key names.
    Sysctls probe;
    std::string dev;
    const std::string conf = "net.ipv4.conf.", neigh = "net.ipv4.neigh.";
    for (const auto& prefix : {conf, neigh})
      if (p.key.starts_with(prefix)) dev = p.key.substr(prefix.size(), p.key.find('.', prefix.size()) - prefix.size());
    if (!dev.empty() && dev != "all" && dev != "default") probe.add_device(dev);
    if (!probe.get(p.key)) key.fail("unknown sysctl key '" + p.key + "' (lvslab models the keys sysctl -a lists)");
  }
  if (auto e = check.get("equals")) p.equals = e->unsigned_integer(0, INT32_MAX);
  if (auto a = check.get("at_least")) p.at_least = a->unsigned_integer(0, INT32_MAX);
  if (p.equals.has_value() == p.at_least.has_value()) check.fail("give one of 'equals' and 'at_least'");
  return p;
}

void validate(const JsonNode& check, const nlohmann::json& scenario) { (void)read(check, scenario); }

std::string wanted(const Params& p) {
  return p.equals ? std::to_string(*p.equals) : "at least " + std::to_string(*p.at_least);
}

bool holds(const Params& p, long long value) {
  return p.equals ? value == static_cast<long long>(*p.equals) : value >= static_cast<long long>(*p.at_least);
}

Finding evaluate(const JsonNode& check, GradeWorld& w) {
  const Params p = read(check, w.lab.scenario);
  Host& host = world_host(w, p.host);
  Finding f;
  if (p.device.empty()) {
    const auto text = host.sysctls().get(p.key);
    if (!text) {
      f.cause = p.host + " has no " + p.key + " (its device is missing)";
      return f;
    }
    long long value = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    f.passed = ec == std::errc() && end == text->data() + text->size() && holds(p, value);
    f.evidence = "sysctl -n " + p.key + " on " + p.host + ": " + *text;
    if (!f.passed) f.cause = p.key + " is " + *text + " on " + p.host + ", expected " + wanted(p);
    return f;
  }
  const Interface* dev = host.find_iface(p.device);
  if (!dev) {
    f.cause = p.host + " has no device " + p.device;
    return f;
  }
  const ConfKnob knob = *knob_of(p.key);
  const std::string name = conf_knob_name(knob);
  const int all = host.sysctls().conf_all().get(knob);
  const int own = host.sysctls().conf(dev->index).get(knob);
  const int used = host.sysctls().effective(knob, dev->index);
  f.passed = holds(p, used);
  f.evidence = "net.ipv4.conf.all." + name + " = " + std::to_string(all) + ", net.ipv4.conf." + p.device + "." + name +
               " = " + std::to_string(own) + ": the kernel uses " + std::to_string(used) + " on " + p.device;
  if (!f.passed)
    f.cause = "the effective " + name + " on " + p.host + " " + p.device + " is " + std::to_string(used) +
              ", expected " + wanted(p);
  return f;
}

}  // namespace

extern const CheckKind kSysctlCheck{"sysctl", Stage::kConfig, validate, evaluate};

}  // namespace lvs::grade
