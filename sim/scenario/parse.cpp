// parse_scenario(): from a JSON document to a validated ScenarioSpec. One function per
// section (a host's services: parse_services.cpp); each accepts exactly the keys
// documented in docs/scenario-format.md.
#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "sim/apps/http_message.hpp"
#include "sim/ipvs/ipvsadm/command.hpp"
#include "sim/net/sysctl.hpp"
#include "sim/scenario/boot_config.hpp"
#include "sim/scenario/json_node.hpp"
#include "sim/scenario/parse_config_input.hpp"
#include "sim/scenario/parse_services.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/units.hpp"
#include "sim/wire/nfs3_proto.hpp"

namespace lvs {
namespace {

const std::vector<std::string_view> kHostRoles = {"client",     "gateway", "router", "director",
                                                  "realserver", "server",  "nfs"};
// Path labels (design.md "Paths"); see sim/trace/paths.hpp.
const std::vector<std::string_view> kAddressRoles = {"CIP", "DGW", "RTR", "DIP", "VIP", "RIP", "SIP", "NFS"};

using lvs::join;  // json_node.hpp: words given as string_views
std::string join(const std::vector<std::string>& words) {
  return join(std::vector<std::string_view>(words.begin(), words.end()));
}

bool one_of(const std::vector<std::string_view>& set, std::string_view v) {
  return std::find(set.begin(), set.end(), v) != set.end();
}

// The items of an array of at most `max` (untrusted input: every size has a bound).
std::vector<JsonNode> bounded_items(const JsonNode& node, std::size_t max, const std::string& what) {
  const auto items = node.items();
  if (items.size() > max)
    node.fail("too many " + what + " (" + std::to_string(items.size()) + "; at most " + std::to_string(max) + ")");
  return items;
}

// --- values ---------------------------------------------------------------------------

SimTime duration_of(const JsonNode& node) {
  if (!node.is_string())
    node.fail("expected a duration string such as \"10s\" or \"250ms\", got " + describe_json_type(node.value()));
  const std::string text = node.string();
  std::string why;
  const auto d = parse_user_duration(text, &why);
  if (!d) node.fail("'" + text + "' " + why);
  return *d;
}

std::string object_name(const JsonNode& node, const char* what) {
  const std::string name = node.nonempty_string();
  if (!valid_object_name(name))
    node.fail("'" + name + "' is not a valid " + what +
              " name (1-32 characters: letters, digits, '.', '_' or '-', starting with a letter or digit)");
  return name;
}

Ipv4Prefix local_prefix_of(const JsonNode& node) {
  const std::string text = node.string();
  const auto p = Ipv4Prefix::parse(text);
  if (!p) node.fail("'" + text + "' is not an IPv4 address with a prefix length (a.b.c.d/nn)");
  if (p->addr.is_unspecified() || p->addr.is_multicast() || p->addr.is_broadcast())
    node.fail("'" + text + "' is not a unicast address");
  return *p;
}

// --- segments -------------------------------------------------------------------------

SegmentSpec parse_segment(const JsonNode& node) {
  node.expect_object({"name", "bandwidth", "delay", "queue"});
  SegmentSpec seg;
  seg.pointer = node.pointer();
  seg.name = object_name(node.at("name"), "segment");
  if (auto bw = node.get("bandwidth")) {
    if (!bw->is_string())
      bw->fail("expected a bandwidth string such as \"1Gbit\" or \"100Mbit\", got " + describe_json_type(bw->value()));
    const std::string text = bw->string();
    bool too_fast = false;
    const auto v = parse_bandwidth(text, &too_fast);
    if (too_fast)
      bw->fail("'" + text + "' is faster than lvslab models (at most " + std::to_string(INT64_MAX) + " bit/s)");
    if (!v)
      bw->fail("'" + text + "' is not a bandwidth (a number with a unit: bit, kbit, Mbit, Gbit; or \"unlimited\")");
    seg.link.bandwidth_bps = *v;
  }
  if (auto d = node.get("delay")) seg.link.delay = duration_of(*d);
  if (auto q = node.get("queue"))
    seg.link.queue_frames = static_cast<std::uint32_t>(q->unsigned_integer(0, kMaxQueueFrames));
  return seg;
}

// --- addresses ------------------------------------------------------------------------

// "192.168.10.1/24" or {"address", "label", "role", "scope"} on device `dev`.
AddressSpec parse_address(const JsonNode& node, const std::string& dev) {
  AddressSpec a;
  a.pointer = node.pointer();
  if (node.is_string()) {
    a.prefix = local_prefix_of(node);
    return a;
  }
  if (!node.is_object())
    node.fail("expected an address string (\"a.b.c.d/nn\") or an object with 'address', got " +
              describe_json_type(node.value()));
  node.expect_object({"address", "label", "role", "scope"});
  a.prefix = local_prefix_of(node.at("address"));
  if (auto l = node.get("label")) {
    // iproute2: "label must begin with interface name"; IFNAMSIZ bounds it.
    a.label = l->nonempty_string();
    const bool ok = a.label == dev || (a.label.size() > dev.size() + 1 && a.label.size() <= 15 &&
                                       a.label.compare(0, dev.size() + 1, dev + ":") == 0 &&
                                       valid_ifname(a.label.substr(dev.size() + 1)));
    if (!ok) l->fail("label '" + a.label + "' must be '" + dev + "' or '" + dev + ":NAME' (at most 15 characters)");
  }
  if (auto r = node.get("role")) {
    a.role = r->string();
    if (!one_of(kAddressRoles, a.role))
      r->fail("unknown address role '" + a.role + "' (expected one of: " + join(kAddressRoles) + ")");
  }
  if (auto s = node.get("scope")) {
    const std::string text = s->string();
    a.scope = parse_scope(text);
    if (!a.scope) s->fail("unknown scope '" + text + "' (expected one of: global, link, host)");
  }
  return a;
}

std::vector<AddressSpec> parse_addresses(const JsonNode& node, const std::string& dev) {
  std::vector<AddressSpec> out;
  for (const auto& item : bounded_items(node, kMaxAddressesPerInterface, "addresses on " + dev))
    out.push_back(parse_address(item, dev));
  return out;
}

// --- interfaces -----------------------------------------------------------------------

// Default MAC: locally administered 02:00:HH:HH:II:00 from the host's and the
// interface's positions (1-based), so that runs are reproducible and readable.
MacAddr default_mac(std::size_t host_index, std::size_t iface_index) {
  static_assert(kMaxHosts < 0xffff, "a default MAC numbers hosts in 16 bits");
  const auto h = static_cast<std::uint32_t>(host_index + 1);
  return MacAddr{{0x02, 0x00, static_cast<std::uint8_t>(h >> 8), static_cast<std::uint8_t>(h & 0xff),
                  static_cast<std::uint8_t>(iface_index + 1), 0x00}};
}

InterfaceSpec parse_interface(const JsonNode& node, const ScenarioSpec& spec, std::size_t host_index,
                              std::size_t iface_index) {
  node.expect_object({"name", "type", "segment", "mac", "addresses"});
  InterfaceSpec ifc;
  ifc.pointer = node.pointer();
  const JsonNode name = node.at("name");
  ifc.name = name.nonempty_string();
  if (!valid_ifname(ifc.name))
    name.fail("'" + ifc.name + "' is not a valid interface name (1-15 characters: letters, digits, '.', '_' or '-')");
  if (ifc.name == "lo") name.fail("'lo' is the loopback device; put its addresses under the host's 'loopback'");
  if (auto t = node.get("type")) {
    const std::string type = t->string();
    if (type == "ethernet") ifc.type = InterfaceType::kEthernet;
    else if (type == "ipip") ifc.type = InterfaceType::kIpip;
    else t->fail("unknown interface type '" + type + "' (expected one of: ethernet, ipip)");
  }
  if (ifc.type == InterfaceType::kIpip) {
    // `modprobe ipip` creates the fallback device tunl0 (net/ipv4/ipip.c); that is the
    // device an LVS-TUN real server decapsulates with.
    if (ifc.name != "tunl0") name.fail("an ipip interface must be named tunl0 (the device `modprobe ipip` creates)");
    if (auto s = node.get("segment")) s->fail("an ipip interface is not attached to a segment");
    if (auto m = node.get("mac")) m->fail("an ipip interface has no MAC address");
  } else {
    const JsonNode seg = node.at("segment");
    ifc.segment = seg.string();
    if (!spec.find_segment(ifc.segment)) {
      std::vector<std::string> names;
      for (const auto& s : spec.segments) names.push_back(s.name);
      seg.fail("unknown segment '" + ifc.segment + "' (segments: " + (names.empty() ? "none" : join(names)) + ")");
    }
    if (auto m = node.get("mac")) {
      const std::string text = m->string();
      const auto mac = MacAddr::parse(text);
      if (!mac) m->fail("'" + text + "' is not a MAC address (xx:xx:xx:xx:xx:xx)");
      if (mac->is_multicast() || mac->is_zero()) m->fail("'" + text + "' is not a unicast MAC address");
      ifc.mac = *mac;
      ifc.mac_given = true;
    } else {
      ifc.mac = default_mac(host_index, iface_index);
    }
  }
  if (auto a = node.get("addresses")) ifc.addresses = parse_addresses(*a, ifc.name);
  return ifc;
}

// --- routes and sysctls ------------------------------------------------------------------

std::vector<std::string> device_names(const HostSpec& host) {
  std::vector<std::string> names{"lo"};
  for (const auto& i : host.interfaces) names.push_back(i.name);
  return names;
}

// iproute2 accepts any prefix of an object or a command word (matches(): "ip r a").
bool iproute_word(std::string_view typed, std::string_view word) {
  return !typed.empty() && typed.size() <= word.size() && word.compare(0, typed.size(), typed) == 0;
}

// What follows "ip route add" in "ip route add ARGS" (also "ip r a ARGS"), or nullopt.
std::optional<std::string> ip_route_add_args(const std::string& text) {
  std::istringstream in(text);
  std::string ip, object, verb;
  if (!(in >> ip >> object >> verb) || ip != "ip" || !iproute_word(object, "route") || !iproute_word(verb, "add"))
    return std::nullopt;
  std::string rest;
  std::getline(in, rest);
  const auto start = rest.find_first_not_of(" \t");
  return start == std::string::npos ? std::string() : rest.substr(start);
}

bool starts_with_word(const std::string& text, std::string_view word) {
  return text.starts_with(word) &&
         (text.size() == word.size() || text[word.size()] == ' ' || text[word.size()] == '\t');
}

// A route in the routes array: `ip route add` arguments ("default via 10.0.0.1"), the
// same after "ip route add", or a net-tools line ("route add -host VIP dev lo:0"), which
// the load-time boot carries out with the shell interpreter (boot_config.cpp).
RouteEntry parse_route_entry(const JsonNode& item, const std::vector<std::string>& devs) {
  const std::string text = item.nonempty_string();
  if (starts_with_word(text, "route")) {
    std::istringstream in(text);
    std::string route, verb;
    in >> route >> verb;
    if (verb != "add")
      item.fail("'" + text + "': only `route add ...` belongs in routes (they are added when the host starts)");
    RouteEntry e;
    e.route.text = text;
    e.pointer = item.pointer();
    e.net_tools = true;
    return e;
  }
  std::string args = text;
  if (starts_with_word(text, "ip")) {
    const auto a = ip_route_add_args(text);
    if (!a)
      item.fail("'" + text + "': only `ip route add ...` belongs in routes (they are added when the host starts)");
    args = *a;
  }
  std::string error;
  auto route = parse_route(args, &error);
  if (!route) item.fail("'" + text + "': " + error);
  route->text = args;
  if (!route->dev.empty() && std::find(devs.begin(), devs.end(), route->dev) == devs.end()) {
    const auto colon = route->dev.find(':');
    const std::string base = route->dev.substr(0, colon);
    // An alias name ("lo:0", "eth0:0") labels an address; the kernel's devices are "lo",
    // "eth0", and `ip route` looks the name up as a device (Cannot find device "lo:0").
    if (colon != std::string::npos && std::find(devs.begin(), devs.end(), base) != devs.end())
      item.fail("'" + text + "': '" + route->dev + "' is not a device but a label of " + base +
                " (a name ifconfig and `ip addr ... label` give an address); ip route says: Cannot find device \"" +
                route->dev + "\". Write 'dev " + base + "' (or `route add ... dev " + route->dev +
                "`, which net-tools turns into dev " + base + " with that label's address as src)");
    item.fail("'" + text + "': unknown device '" + route->dev + "' (this host has: " + join(devs) + ")");
  }
  return {std::move(*route), item.pointer()};
}

std::vector<RouteEntry> parse_routes(const JsonNode& node, const HostSpec& host) {
  std::vector<RouteEntry> out;
  const auto devs = device_names(host);
  for (const auto& item : bounded_items(node, kMaxRoutesPerHost, "routes"))
    out.push_back(parse_route_entry(item, devs));
  return out;
}

// JSON objects have no order, so sysctls are applied from general to specific: host-wide
// keys (net.ipv4.ip_forward, ...), then conf/neigh "all", then "default", then each
// device. A device's own setting therefore wins over ip_forward and over default, as it
// does when a sysctl.conf lists them in that order.
int sysctl_rank(std::string key) {
  std::replace(key.begin(), key.end(), '/', '.');
  for (const char* prefix : {"net.ipv4.conf.", "net.ipv4.neigh."}) {
    const std::string p = prefix;
    if (key.compare(0, p.size(), p) != 0) continue;
    const std::string rest = key.substr(p.size());
    if (rest.compare(0, 4, "all.") == 0) return 1;
    if (rest.compare(0, 8, "default.") == 0) return 2;
    return 3;
  }
  return 0;
}

std::vector<SysctlEntry> parse_sysctls(const JsonNode& node, const HostSpec& host) {
  std::vector<SysctlEntry> out;
  for (const auto& [key, value] : node.members()) {
    SysctlEntry e;
    e.key = key;
    e.pointer = value.pointer();
    if (value.value().is_number_integer()) e.value = value.value().dump();  // signed or unsigned
    else if (value.is_string()) e.value = value.string();
    else value.fail("expected an integer or a string, got " + describe_json_type(value.value()));
    out.push_back(std::move(e));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const SysctlEntry& a, const SysctlEntry& b) { return sysctl_rank(a.key) < sysctl_rank(b.key); });
  // Check keys and values now, against a host with the same devices, so that a typo is
  // reported by `load` already (build_run applies them to the real host again).
  Sysctls check;
  for (const auto& dev : device_names(host)) check.add_device(dev);
  for (const auto& e : out)
    if (auto err = check.set(e.key, e.value)) throw ScenarioError(node.file(), e.pointer, *err);
  return out;
}

// --- files ----------------------------------------------------------------------------

// The host's files: absolute paths -> text, copied in verbatim.
void parse_files(const JsonNode& node, HostSpec& h, std::map<std::string, std::string>* pointers) {
  h.files_pointer = node.pointer();
  for (const auto& [path, content] : node.members()) {
    if (path.empty() || path[0] != '/' || path.back() == '/' || path.find("//") != std::string::npos ||
        path.find("/../") != std::string::npos || path.ends_with("/..") || path.find('\0') != std::string::npos)
      content.fail("'" + path + "' is not an absolute file path");
    if (!content.is_string())
      content.fail("expected the file's text as a string, got " + describe_json_type(content.value()));
    h.files[path] = content.string();
    (*pointers)[path] = content.pointer();
  }
}

// --- hosts ----------------------------------------------------------------------------

// An ipvsadm command line, parsed now (the only time) with ipvsadm's own parser, so
// that a typo is reported by `lvslab validate` with ipvsadm's message.
IpvsadmLine ipvsadm_line(const JsonNode& node) {
  const std::string line = node.nonempty_string();
  auto parsed = ipvs::ipvsadm::parse_ipvsadm_line(line);
  if (!parsed.ok()) node.fail("ipvsadm " + line + ": " + parsed.error);
  using ipvs::ipvsadm::Command;
  const Command c = parsed.command->command;
  if (c == Command::kList || c == Command::kSave || c == Command::kHelp || c == Command::kVersion ||
      c == Command::kRestore)
    node.fail("ipvsadm " + line +
              ": only commands that change the tables belong here (-A -E -D -C -a -e -d -Z --set); "
              "use `lvslab ipvsadm SCENARIO --at T -- -Ln` to look at them");
  return IpvsadmLine{line, std::move(*parsed.command), node.pointer()};
}

HostSpec parse_host(const JsonNode& node, const ScenarioSpec& spec, std::size_t index) {
  node.expect_object({"name", "role", "interfaces", "loopback", "routes", "sysctls", "services", "files", "ipvsadm",
                      "rx_delay", "shell", "shell_file", "enable", "files_dir"});
  HostSpec h;
  h.pointer = node.pointer();
  h.name = object_name(node.at("name"), "host");
  const JsonNode role = node.at("role");
  h.role = role.string();
  if (!one_of(kHostRoles, h.role))
    role.fail("unknown role '" + h.role + "' (expected one of: " + join(kHostRoles) + ")");
  if (auto ifs = node.get("interfaces")) {
    const auto items = bounded_items(*ifs, kMaxInterfacesPerHost, "interfaces");
    std::map<std::string, std::string> seen;
    for (std::size_t i = 0; i < items.size(); ++i) {
      InterfaceSpec ifc = parse_interface(items[i], spec, index, i);
      const auto [it, inserted] = seen.emplace(ifc.name, ifc.pointer);
      if (!inserted)
        items[i].at("name").fail("duplicate interface name '" + ifc.name + "' (first defined at " + it->second + ")");
      h.interfaces.push_back(std::move(ifc));
    }
  }
  if (auto lo = node.get("loopback")) {
    lo->expect_object({"addresses"});
    if (auto a = lo->get("addresses")) h.loopback = parse_addresses(*a, "lo");
  }
  if (auto r = node.get("routes")) h.routes = parse_routes(*r, h);
  if (auto s = node.get("sysctls")) h.sysctls = parse_sysctls(*s, h);
  std::map<std::string, std::string> file_pointers;
  if (auto f = node.get("files")) parse_files(*f, h, &file_pointers);
  if (auto d = node.get("files_dir")) read_files_dir(*d, h, &file_pointers);
  if (auto s = node.get("services")) h.services = parse_services(*s);
  check_service_files(node, h, file_pointers);
  if (auto v = node.get("ipvsadm")) {
    h.runs_ipvs = true;
    for (const JsonNode& item : bounded_items(*v, kMaxIpvsadmLines, "ipvsadm lines"))
      h.ipvsadm.push_back(ipvsadm_line(item));
  }
  if (auto d = node.get("rx_delay")) {
    d->expect_object({"base", "jitter"});
    if (auto b = d->get("base")) h.rx_delay = duration_of(*b);
    if (auto j = d->get("jitter")) h.rx_jitter = duration_of(*j);
  }
  if (node.has("shell") && node.has("shell_file"))
    node.at("shell_file").fail("give the transcript as 'shell' lines or as a 'shell_file', not both");
  if (auto sh = node.get("shell")) h.shell = parse_shell_lines(*sh);
  if (auto sf = node.get("shell_file")) h.shell = read_shell_file(*sf);
  if (auto en = node.get("enable")) {
    h.enable = parse_enable(*en);
    h.enable_pointer = en->pointer();
  }
  return h;
}

// --- actions --------------------------------------------------------------------------

ActionSpec parse_action(const JsonNode& node, const ScenarioSpec& spec) {
  node.expect_object({"at", "host", "ipvsadm", "sysctls", "link", "up", "power", "shell"});
  ActionSpec a;
  a.pointer = node.pointer();
  const JsonNode at = node.at("at");
  a.at = duration_of(at);
  if (a.at >= spec.duration)
    at.fail("the action is at " + format_duration(a.at) + ", not before the end of the run (duration " +
            format_duration(spec.duration) + ")");
  const JsonNode host = node.at("host");
  a.host = host.string();
  const HostSpec* h = spec.find_host(a.host);
  if (!h) host.fail("unknown host '" + a.host + "'");
  const int kinds =
      node.has("ipvsadm") + node.has("sysctls") + node.has("link") + node.has("power") + node.has("shell");
  if (kinds != 1)
    node.fail("an action does exactly one thing: give one of 'ipvsadm', 'sysctls', 'link', 'power', 'shell'");
  if (node.has("up") && !node.has("link")) node.at("up").fail("'up' belongs to a 'link' action");
  if (auto v = node.get("ipvsadm")) {
    a.kind = ActionSpec::Kind::kIpvsadm;
    if (!h->runs_ipvs) v->fail("host '" + a.host + "' runs no IPVS (give it an \"ipvsadm\" list, even an empty one)");
    a.ipvsadm = ipvsadm_line(*v);
  } else if (auto sc = node.get("sysctls")) {
    a.kind = ActionSpec::Kind::kSysctl;
    a.sysctls = parse_sysctls(*sc, *h);
  } else if (auto l = node.get("link")) {
    a.kind = ActionSpec::Kind::kLink;
    a.link = l->nonempty_string();
    const auto devs = device_names(*h);
    if (std::find(devs.begin(), devs.end(), a.link) == devs.end())
      l->fail("host '" + a.host + "' has no interface '" + a.link + "' (it has: " + join(devs) + ")");
    if (auto u = node.get("up")) a.up = u->boolean();
    else node.fail("missing required key 'up' (true or false)");
  } else if (auto p = node.get("power")) {
    a.kind = ActionSpec::Kind::kPower;
    const std::string word = p->string();
    if (word == "reboot") {
      a.kind = ActionSpec::Kind::kReboot;
    } else {
      if (word != "on" && word != "off") p->fail("expected \"on\", \"off\" or \"reboot\", got '" + word + "'");
      a.up = word == "on";
    }
  } else if (auto sh = node.get("shell")) {
    a.kind = ActionSpec::Kind::kShell;
    a.shell = parse_shell_lines(*sh);
  }
  return a;
}

// --- traffic --------------------------------------------------------------------------

// "http://A.B.C.D[:PORT][/PATH]": the simulated curl has no resolver.
void check_url(const JsonNode& node, const std::string& url) {
  if (const std::size_t at = url_junk_at(url); at != std::string::npos) {
    const auto c = static_cast<unsigned char>(url[at]);
    static const char hex[] = "0123456789ABCDEF";
    const std::string encoded = {'%', hex[c >> 4], hex[c & 0xF]};
    node.fail("'" + url + "': " + (c == ' ' ? "a space" : "a control character") + " at byte " +
              std::to_string(at + 1) +
              ", which curl refuses (URL using bad/illegal format); write it percent-encoded, " + encoded);
  }
  const std::string scheme = "http://";
  if (url.compare(0, scheme.size(), scheme) != 0) node.fail("'" + url + "' is not an http:// URL");
  const std::string rest = url.substr(scheme.size());
  const auto slash = rest.find('/');
  const std::string authority = rest.substr(0, slash);
  const auto colon = authority.find(':');
  const std::string host = authority.substr(0, colon);
  if (!Ipv4Addr::parse(host))
    node.fail("'" + url + "': the host must be an IPv4 address (there is no DNS in the simulation)");
  if (colon != std::string::npos) {
    const std::string port = authority.substr(colon + 1);
    bool ok = !port.empty() && port.size() <= 5 &&
              std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (ok) ok = std::stoul(port) >= 1 && std::stoul(port) <= 65535;
    if (!ok) node.fail("'" + url + "': '" + port + "' is not a port (1-65535)");
  }
}

// "CIP-DGW-VIP-RIP-DIP-DGW-CIP": roles joined by '-', each one of the path labels.
std::string check_path_notation(const JsonNode& node) {
  const std::string text = node.nonempty_string();
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t dash = std::min(text.find('-', start), text.size());
    const std::string role = text.substr(start, dash - start);
    if (!one_of(kAddressRoles, role))
      node.fail("'" + text + "': '" + role +
                "' is not a path role (expected roles joined by '-', each one of: " + join(kAddressRoles) + ")");
    start = dash + 1;
  }
  return text;
}

TrafficSpec parse_traffic(const JsonNode& node, const ScenarioSpec& spec) {
  node.expect_object({"client", "type", "url", "at", "every", "count", "timeout", "expect"});
  TrafficSpec t;
  t.pointer = node.pointer();
  const JsonNode client = node.at("client");
  t.client = client.string();
  if (!spec.find_host(t.client)) client.fail("unknown host '" + t.client + "'");
  const JsonNode type = node.at("type");
  t.type = type.string();
  if (t.type != "http") type.fail("unknown traffic type '" + t.type + "' (expected one of: http)");
  const JsonNode url = node.at("url");
  t.plan.url = url.string();
  check_url(url, t.plan.url);
  if (auto a = node.get("at")) t.plan.at = duration_of(*a);
  if (auto e = node.get("every")) t.plan.every = duration_of(*e);
  if (auto c = node.get("count"))
    t.plan.count = static_cast<std::uint32_t>(c->unsigned_integer(1, kMaxRequestsPerTraffic));
  if (auto o = node.get("timeout")) {
    t.plan.timeout = duration_of(*o);
    if (t.plan.timeout == 0) o->fail("timeout must be longer than 0s");
  }
  if (t.plan.count > 1 && t.plan.every == 0)
    (node.has("every") ? node.at("every") : node.at("count"))
        .fail("count " + std::to_string(t.plan.count) + " needs 'every' (the time between requests) greater than 0s");
  // A request that starts after the end of the run never happens: that is a mistake.
  const unsigned __int128 last =
      static_cast<unsigned __int128>(t.plan.at) + static_cast<unsigned __int128>(t.plan.every) * (t.plan.count - 1);
  if (last >= static_cast<unsigned __int128>(spec.duration)) {
    const std::string end = format_duration(spec.duration);
    if (t.plan.count == 1)
      node.at("at").fail("the request starts at " + format_duration(t.plan.at) +
                         ", not before the end of the run (duration " + end + ")");
    node.at("count").fail("the last of " + std::to_string(t.plan.count) +
                          " requests would start after the end of the run (duration " + end + ")");
  }
  if (auto ex = node.get("expect")) {
    ex->expect_object({"status", "body", "path", "server"});
    if (auto s = ex->get("status")) t.expect.status = static_cast<int>(s->unsigned_integer(100, 599));
    if (auto b = ex->get("body")) t.expect.body = b->string();
    if (auto p = ex->get("path")) t.expect.path = check_path_notation(*p);
    if (auto sv = ex->get("server")) {
      if (sv->is_string()) {
        t.expect.servers.push_back(sv->nonempty_string());
      } else {
        for (const JsonNode& item : sv->items()) t.expect.servers.push_back(item.nonempty_string());
        if (t.expect.servers.empty()) sv->fail("expected a host name or a non-empty array of host names");
      }
      for (std::size_t i = 0; i < t.expect.servers.size(); ++i)
        if (!spec.find_host(t.expect.servers[i]))
          (sv->is_string() ? *sv : sv->items()[i]).fail("unknown host '" + t.expect.servers[i] + "'");
    }
  }
  return t;
}

}  // namespace

const HostSpec* ScenarioSpec::find_host(std::string_view n) const {
  for (const auto& h : hosts)
    if (h.name == n) return &h;
  return nullptr;
}

const SegmentSpec* ScenarioSpec::find_segment(std::string_view n) const {
  for (const auto& s : segments)
    if (s.name == n) return &s;
  return nullptr;
}

ScenarioSpec parse_scenario(const nlohmann::json& doc, const std::string& file) {
  const JsonNode root(doc, "", file);
  root.expect_object(
      {"$schema", "name", "description", "seed", "duration", "limits", "segments", "hosts", "traffic", "actions"});
  ScenarioSpec spec;
  spec.file = file;
  if (auto s = root.get("$schema")) (void)s->string();  // for editors; not used
  spec.name = object_name(root.at("name"), "scenario");
  if (auto d = root.get("description")) spec.description = d->string();
  if (auto s = root.get("seed")) spec.seed = s->unsigned_integer(0, UINT64_MAX);
  {
    const JsonNode d = root.at("duration");
    spec.duration = duration_of(d);
    if (spec.duration == 0) d.fail("duration must be longer than 0s");
  }
  if (auto l = root.get("limits")) {
    l->expect_object({"max_events"});
    if (auto m = l->get("max_events")) spec.max_events = m->unsigned_integer(1, UINT64_MAX);
  }
  if (auto segs = root.get("segments")) {
    const auto items = bounded_items(*segs, kMaxSegments, "segments");
    for (const auto& item : items) {
      SegmentSpec seg = parse_segment(item);
      if (const auto* first = spec.find_segment(seg.name))
        item.at("name").fail("duplicate segment name '" + seg.name + "' (first defined at " + first->pointer + ")");
      spec.segments.push_back(std::move(seg));
    }
  }
  {
    const JsonNode hosts = root.at("hosts");
    const auto items = bounded_items(hosts, kMaxHosts, "hosts");
    if (items.empty()) hosts.fail("a scenario needs at least one host");
    for (std::size_t i = 0; i < items.size(); ++i) {
      HostSpec h = parse_host(items[i], spec, i);
      if (const auto* first = spec.find_host(h.name))
        items[i].at("name").fail("duplicate host name '" + h.name + "' (first defined at " + first->pointer + ")");
      spec.hosts.push_back(std::move(h));
    }
  }
  // MAC addresses must be unique on the whole network (a given MAC twice is a mistake).
  std::map<std::uint64_t, std::string> macs;
  for (const auto& h : spec.hosts)
    for (const auto& i : h.interfaces) {
      if (i.type != InterfaceType::kEthernet) continue;
      const auto [it, inserted] = macs.emplace(i.mac.as_u64(), i.pointer);
      if (!inserted)
        throw ScenarioError(file, i.pointer + (i.mac_given ? "/mac" : ""),
                            "MAC address " + i.mac.str() + " is already used by " + it->second);
    }
  // Every host may name the same shell_file: the lines of a whole scenario are bounded
  // too (each keeps its transcript entry, a few hundred bytes and its output).
  std::size_t shell_lines = 0;
  for (const auto& h : spec.hosts) {
    if (!h.shell) continue;
    shell_lines += static_cast<std::size_t>(std::count(h.shell->text.begin(), h.shell->text.end(), '\n'));
    if (shell_lines > kMaxShellLinesPerScenario)
      throw ScenarioError(file, h.shell->pointer,
                          "too many shell lines: the hosts up to this one have " + std::to_string(shell_lines) +
                              " (at most " + std::to_string(kMaxShellLinesPerScenario) + " in a scenario)");
  }
  // Files and shell lines, booted now: the actions below see what they set up (a director
  // whose rules a transcript typed runs IPVS).
  std::vector<TrafficSpec> shell_requests = resolve_boot_config(spec);
  std::uint64_t requests = 0;
  if (auto tr = root.get("traffic")) {
    for (const auto& item : bounded_items(*tr, kMaxTrafficEntries, "traffic entries")) {
      spec.traffic.push_back(parse_traffic(item, spec));
      requests += spec.traffic.back().plan.count;
      if (requests > kMaxRequests)
        item.at("count").fail("too many requests: the traffic entries up to this one make " + std::to_string(requests) +
                              " (at most " + std::to_string(kMaxRequests) + " in a run)");
    }
  }
  for (TrafficSpec& t : shell_requests) {
    // A URL the simulated curl cannot fetch (a name, https): said, and not played.
    const nlohmann::json url = t.plan.url;
    try {
      check_url(JsonNode(url, t.pointer, file), t.plan.url);
    } catch (const ScenarioError& e) {
      for (HostSpec& h : spec.hosts)
        if (h.name == t.client) h.warnings.push_back("curl/wget request not played: " + e.message());
      continue;
    }
    if (spec.traffic.size() >= kMaxTrafficEntries)
      throw ScenarioError(file, t.pointer,
                          "too many traffic entries with the shell's curl/wget lines (at most " +
                              std::to_string(kMaxTrafficEntries) + ")");
    if (t.plan.at >= spec.duration)
      throw ScenarioError(file, t.pointer,
                          "a curl/wget line's request starts at " + format_duration(t.plan.at) +
                              ", not before the end of the run (duration " + format_duration(spec.duration) + ")");
    requests += t.plan.count;
    if (requests > kMaxRequests)
      throw ScenarioError(
          file, t.pointer,
          "too many requests with the shell's curl/wget lines (at most " + std::to_string(kMaxRequests) + " in a run)");
    spec.traffic.push_back(std::move(t));
  }
  if (auto ac = root.get("actions")) {
    for (const auto& item : bounded_items(*ac, kMaxActions, "actions"))
      spec.actions.push_back(parse_action(item, spec));
    std::stable_sort(spec.actions.begin(), spec.actions.end(),
                     [](const ActionSpec& x, const ActionSpec& y) { return x.at < y.at; });
  }
  return spec;
}

}  // namespace lvs
