// `ip address add|del|flush|show` (iproute2 6.1 ip/ipaddress.c) on the host's devices.
#include <optional>

#include "sim/config/shell/ip.hpp"
#include "sim/config/shell/link_view.hpp"
#include "sim/net/host.hpp"

namespace lvs::config::shell {
namespace {

struct AddrArgs {
  std::optional<Ipv4Prefix> local;
  bool has_len = false;
  std::string dev, label;
  std::optional<Scope> scope;
  std::optional<Ipv4Addr> broadcast;
  bool broadcast_plus = false;  // brd +: the subnet's broadcast
};

std::optional<Scope> parse_scope(std::string_view s) {
  if (s == "global" || s == "universe" || s == "0") return Scope::kGlobal;
  if (s == "link" || s == "253") return Scope::kLink;
  if (s == "host" || s == "254") return Scope::kHost;
  return std::nullopt;
}

// ip/ipaddress.c ipaddr_modify(): keywords in any order, the first bare word the local address.
std::optional<CommandResult> parse_addr_args(const IpArgs& args, std::size_t i, AddrArgs& a) {
  for (; i < args.size(); ++i) {
    const std::string& w = args[i];
    const auto value = [&]() -> const std::string* { return i + 1 < args.size() ? &args[++i] : nullptr; };
    const std::string* v = nullptr;
    if (w == "dev") {
      if (!(v = value())) return fail("Command line is not complete. Try option \"help\"", 255);
      a.dev = *v;
    } else if (w == "label") {
      if (!(v = value())) return fail("Command line is not complete. Try option \"help\"", 255);
      a.label = *v;
    } else if (w == "scope") {
      if (!(v = value())) return fail("Command line is not complete. Try option \"help\"", 255);
      a.scope = parse_scope(*v);
      if (!a.scope) return fail("Error: argument \"" + *v + "\" is wrong: invalid scope value.", 255);
    } else if (ip_matches(w, "broadcast") || w == "brd") {
      if (!(v = value())) return fail("Command line is not complete. Try option \"help\"", 255);
      if (*v == "+") a.broadcast_plus = true;
      else if (*v != "-") {
        a.broadcast = Ipv4Addr::parse(*v);
        if (!a.broadcast) return fail("Error: inet address is expected rather than \"" + *v + "\".", 1);
      }
    } else if (w == "local" || !a.local) {
      if (w == "local" && !(v = value())) return fail("Command line is not complete. Try option \"help\"", 255);
      const std::string& text = v ? *v : w;
      a.local = Ipv4Prefix::parse(text);
      if (!a.local) return fail("Error: inet prefix is expected rather than \"" + text + "\".", 1);
      a.has_len = text.find('/') != std::string::npos;
    } else {
      return fail("Error: either \"local\" is duplicate, or \"" + w + "\" is a garbage.", 1);
    }
  }
  return std::nullopt;
}

CommandResult addr_add(CommandContext& ctx, const IpArgs& args) {
  AddrArgs a;
  if (auto err = parse_addr_args(args, 1, a)) return *err;
  if (a.dev.empty()) return fail("Not enough information: \"dev\" argument is required.", 1);
  if (!a.local) return fail("RTNETLINK answers: Invalid argument", 2);
  Host& host = ctx.machine.host();
  const Interface* device = host.find_device_for(a.dev);
  if (!device) return ip_cannot_find_device(a.dev);
  Host::AddressConfig c;
  c.dev = device->name;
  c.label = a.label;
  c.prefix = *a.local;
  c.scope = a.scope;
  if (a.broadcast) c.broadcast = *a.broadcast;
  if (a.broadcast_plus && a.local->len < 31) c.broadcast = a.local->broadcast();
  if (auto err = host.add_address(c)) {
    // Linux 6.1 answers a duplicate with an extack message.
    if (*err == "RTNETLINK answers: File exists") return ip_kernel_error("Error: ipv4: Address already assigned.");
    return ip_kernel_error(*err);
  }
  return {};
}

CommandResult addr_del(CommandContext& ctx, const IpArgs& args) {
  AddrArgs a;
  if (auto err = parse_addr_args(args, 1, a)) return *err;
  if (a.dev.empty()) return fail("Not enough information: \"dev\" argument is required.", 1);
  Host& host = ctx.machine.host();
  Interface* dev = host.find_device_for(a.dev);
  if (!dev) return ip_cannot_find_device(a.dev);
  CommandResult r;
  if (!a.local) {
    // No address: the first one of the device (or of the label) goes.
    const IfAddress* first = nullptr;
    for (const auto& ifa : dev->addresses)
      if (a.label.empty() || ifa.label == a.label) {
        first = &ifa;
        break;
      }
    if (!first) return ip_kernel_error("RTNETLINK answers: Cannot assign requested address");
    a.local = first->prefix;
  } else if (!a.has_len) {
    // iproute2 sends /32 and warns; the kernel then deletes by address alone.
    r.err =
        "Warning: Executing wildcard deletion to stay compatible with old scripts.\n"
        "         Explicitly specify the prefix length (" +
        a.local->addr.str() +
        "/32) to avoid this warning.\n"
        "         This special behaviour is likely to disappear in further releases,\n"
        "         fix your scripts.\n";
  } else {
    // inet_rtm_deladdr(): the prefix length must match too.
    const IfAddress* ifa = dev->find_address(a.local->addr);
    if (ifa && ifa->prefix.len != a.local->len)
      return ip_kernel_error("RTNETLINK answers: Cannot assign requested address");
  }
  if (auto err = host.del_address(a.dev, a.local->addr)) {
    CommandResult e = ip_kernel_error(*err);
    e.err = r.err + e.err;
    return e;
  }
  return r;
}

CommandResult addr_flush(CommandContext& ctx, const IpArgs& args) {
  std::string dev_name, label;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "dev" && i + 1 < args.size()) dev_name = args[++i];
    else if (args[i] == "label" && i + 1 < args.size()) label = args[++i];
    else if (dev_name.empty()) dev_name = args[i];
  }
  if (dev_name.empty() && label.empty()) return fail("Flush requires arguments.", 1);
  Host& host = ctx.machine.host();
  for (auto& dev : host.interfaces()) {
    if (!dev_name.empty() && dev.name != dev_name) continue;
    // Secondaries first would be deleted with their primary; delete from the end.
    while (true) {
      const IfAddress* victim = nullptr;
      for (auto it = dev.addresses.rbegin(); it != dev.addresses.rend(); ++it)
        if (label.empty() || it->label == label) {
          victim = &*it;
          break;
        }
      if (!victim) break;
      (void)host.del_address(dev.name, victim->local());
    }
  }
  if (!dev_name.empty() && !host.find_iface(dev_name)) return ip_cannot_find_device(dev_name);
  return {};
}

std::string addr_lines(const Interface& dev, const IpOptions& o, std::string_view label) {
  std::string s;
  for (const auto& ifa : dev.addresses) {
    if (!label.empty() && ifa.label != label) continue;
    s += "    inet " + ifa.prefix.str();
    if (!ifa.broadcast.is_unspecified()) s += " brd " + ifa.broadcast.str();
    s += std::string(" scope ") + scope_name(ifa.scope);
    if (ifa.secondary) s += " secondary";
    s += " " + ifa.label + "\n       valid_lft forever preferred_lft forever\n";
  }
  if (o.inet_only || !label.empty()) return s;
  if (const auto v6 = ipv6_auto_address(dev))
    s += "    inet6 " + v6->addr + "/" + std::to_string(v6->prefix_len) + " scope " + v6->scope +
         " \n       valid_lft forever preferred_lft forever\n";
  return s;
}

// `ip -br addr`: the device, its state, then each address as ADDR/LEN and a blank
// (IPv4 in order, then the automatic IPv6 ones unless -4); a device without a matching
// address is left out with -4 or a label.
std::string brief_line(const Interface& dev, const IpOptions& o, const std::string& label) {
  std::string addrs;
  for (const auto& ifa : dev.addresses)
    if (label.empty() || ifa.label == label) addrs += ifa.local().str() + "/" + std::to_string(ifa.prefix.len) + " ";
  if (!o.inet_only && label.empty())
    if (const auto v6 = ipv6_auto_address(dev)) addrs += v6->addr + "/" + std::to_string(v6->prefix_len) + " ";
  if ((o.inet_only || !label.empty()) && addrs.empty()) return {};
  return ip_brief_head(dev) + addrs + "\n";
}

CommandResult addr_show(CommandContext& ctx, const IpArgs& args, const IpOptions& o) {
  std::string dev_name, label;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "dev" && i + 1 < args.size()) dev_name = args[++i];
    else if (args[i] == "label" && i + 1 < args.size()) label = args[++i];
    else if (args[i] == "up" || args[i] == "primary" || args[i] == "secondary") continue;
    else dev_name = args[i];
  }
  const Host& host = ctx.machine.host();
  if (!dev_name.empty() && !ctx.machine.host().find_iface(dev_name))
    return fail("Device \"" + dev_name + "\" does not exist.", 1);
  CommandResult r;
  for (const auto& dev : host.interfaces()) {
    if (!dev_name.empty() && dev.name != dev_name) continue;
    if (o.brief) {
      r.out += brief_line(dev, o, label);
      continue;
    }
    const std::string lines = addr_lines(dev, o, label);
    // With -4 or a label, devices without a matching address are left out.
    if ((o.inet_only || !label.empty()) && lines.empty()) continue;
    r.out += std::to_string(dev.index + 1) + ": " + ip_link_line(dev, false) + "\n";
    if (!o.inet_only && label.empty()) r.out += ip_link_address_line(dev) + "\n";
    r.out += lines;
  }
  return r;
}

}  // namespace

CommandResult ip_address(CommandContext& ctx, const IpArgs& args, const IpOptions& o) {
  if (args.empty()) return addr_show(ctx, {"show"}, o);
  const std::string& cmd = args[0];
  if (ip_matches(cmd, "add")) return addr_add(ctx, args);
  if (ip_matches(cmd, "delete")) return addr_del(ctx, args);
  if (ip_matches(cmd, "flush")) return addr_flush(ctx, args);
  if (ip_matches(cmd, "show") || ip_matches(cmd, "list") || cmd == "lst") return addr_show(ctx, args, o);
  if (cmd == "replace" || cmd == "change")
    return not_understood(ctx, "ip address " + cmd + " (use del and add): " + join_args(args));
  return ip_unknown_command(cmd, "address");
}

}  // namespace lvs::config::shell
