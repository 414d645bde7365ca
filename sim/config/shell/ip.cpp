#include "sim/config/shell/ip.hpp"

#include "sim/config/shell/commands.hpp"

namespace lvs::config::shell {
namespace {

using ObjectFn = CommandResult (*)(CommandContext&, const IpArgs&, const IpOptions&);

// ip/ip.c cmds[], in its order (so "ip n" is neighbour and "ip l" is link, as matches()
// takes the first); objects lvslab does not model are not understood.
struct IpObject {
  std::string_view name;
  ObjectFn fn;
};
constexpr IpObject kObjects[] = {
    {"address", ip_address}, {"addrlabel", nullptr},  {"maddress", nullptr}, {"route", ip_route}, {"rule", nullptr},
    {"neighbor", ip_neigh},  {"neighbour", ip_neigh}, {"ntable", nullptr},   {"link", ip_link},   {"tunnel", nullptr},
    {"tuntap", nullptr},     {"monitor", nullptr},    {"xfrm", nullptr},     {"netns", nullptr},
};

}  // namespace

bool ip_matches(std::string_view word, std::string_view full) {
  return !word.empty() && word.size() <= full.size() && full.substr(0, word.size()) == word;
}

CommandResult ip_cannot_find_device(std::string_view dev) {
  return fail("Cannot find device \"" + std::string(dev) + "\"", 1);
}

CommandResult ip_unknown_command(std::string_view cmd, std::string_view object) {
  return fail("Command \"" + std::string(cmd) + "\" is unknown, try \"ip " + std::string(object) + " help\".", 255);
}

CommandResult ip_kernel_error(const std::string& text) {
  if (text.starts_with("Cannot find device")) return fail(text, 1);
  return fail(text, 2);
}

CommandResult cmd_ip(CommandContext& ctx, const std::vector<std::string>& argv) {
  IpOptions o;
  std::size_t i = 1;
  for (; i < argv.size() && argv[i].size() > 1 && argv[i][0] == '-'; ++i) {
    const std::string& opt = argv[i];
    if (opt == "-4") o.inet_only = true;
    else if (opt.size() >= 3 && ip_matches(opt, "-brief")) o.brief = true;  // "-b" is -batch
    else if (opt == "-f" || opt == "-family") {
      if (++i >= argv.size()) return fail("Command line is not complete. Try option \"help\"", 255);
      if (argv[i] != "inet") return not_understood(ctx, "ip " + opt + " " + argv[i] + " (lvslab models IPv4 only)");
      o.inet_only = true;
    } else {
      return not_understood(ctx, "ip option " + opt + " in: " + join_args(argv));
    }
  }
  if (i >= argv.size())
    return fail(
        "Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n"
        "where  OBJECT := { address | link | neighbour | route | ... }",
        255);
  const std::string& object = argv[i];
  const IpArgs args(argv.begin() + static_cast<std::ptrdiff_t>(i) + 1, argv.end());
  for (const IpObject& obj : kObjects) {
    if (!ip_matches(object, obj.name)) continue;
    if (!obj.fn) return not_understood(ctx, "ip " + std::string(obj.name) + " (not modelled): " + join_args(argv));
    return obj.fn(ctx, args, o);
  }
  return fail("Object \"" + object + "\" is unknown, try \"ip help\".", 1);
}

}  // namespace lvs::config::shell
