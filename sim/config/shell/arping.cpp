// iputils' arping (Debian 12: iputils-arping 20221126; CentOS 7's iputils has the same
// options): `arping [-fqbDUAV] [-c count] [-w timeout] [-i interval] [-I device]
// [-s source] destination`. The checks and messages are arping.c's main() in its order:
// the operand, the device (-I, else the route's device), the source (-s, the target
// itself with -U/-A, else the route's source), then "ARPING T from S DEV". The probes
// are sent by the run (sim/apps/arping.hpp), so the transcript shows what arping prints
// before its first answer could come; with -U/-A and -c 1 that is all it prints.
#include <cerrno>
#include <climits>
#include <cstdlib>

#include "sim/apps/arping.hpp"
#include "sim/config/shell/commands.hpp"
#include "sim/net/host.hpp"

namespace lvs::config::shell {
namespace {

constexpr std::int64_t kMaxProbes = 1000;  // lvslab's bound: a run is not a flood test

const char* const kUsage =
    "\nUsage:\n"
    "  arping [options] <destination>\n"
    "\nOptions:\n"
    "  -f            quit on first reply\n"
    "  -q            be quiet\n"
    "  -b            keep on broadcasting, do not unicast\n"
    "  -D            duplicate address detection mode\n"
    "  -U            unsolicited ARP mode, update your neighbours\n"
    "  -A            ARP answer mode, update your neighbours\n"
    "  -V            print version and exit\n"
    "  -c <count>    how many packets to send\n"
    "  -w <timeout>  how long to wait for a reply\n"
    "  -i <interval> set interval between packets (default: 1 second)\n"
    "  -I <device>   which ethernet device to use\n"
    "  -s <source>   source ip address\n"
    "  <destination> dns name or ip address\n"
    "\nFor more details see arping(8).";

struct Options {
  ArpingPlan plan;
  bool version = false;
  bool quiet = false;
  bool device_given = false;
  bool source_given = false;
  std::string source_text;
  std::string target_text;
};

// strtol_or_err(): "arping: invalid argument: 'x'" (exit 1), or out of range.
bool number(const std::string& s, long min, long* out, CommandResult* error) {
  errno = 0;
  char* end = nullptr;
  const long v = std::strtol(s.c_str(), &end, 10);
  if (s.empty() || errno || end == s.c_str() || *end) {
    *error = fail("arping: invalid argument: '" + s + "'", 1);
    return false;
  }
  if (v < min || v > INT_MAX) {
    *error = fail("arping: invalid argument: '" + s + "': out of range: " + std::to_string(min) +
                      " <= value <= " + std::to_string(INT_MAX),
                  1);
    return false;
  }
  *out = v;
  return true;
}

// getopt(argc, argv, "h?bfDUAqc:w:i:s:I:V"), options clustered or not.
bool parse(const std::vector<std::string>& argv, Options* o, CommandResult* error) {
  std::vector<std::string> operands;
  for (std::size_t i = 1; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a == "--") {
      operands.insert(operands.end(), argv.begin() + static_cast<long>(i) + 1, argv.end());
      break;
    }
    if (a.size() < 2 || a[0] != '-') {
      operands.push_back(a);
      continue;
    }
    for (std::size_t k = 1; k < a.size(); ++k) {
      const char c = a[k];
      if (std::string_view("cwisI").find(c) != std::string_view::npos) {
        std::string value = a.substr(k + 1);
        if (value.empty()) {
          if (i + 1 >= argv.size()) {
            *error = fail(std::string("arping: option requires an argument -- '") + c + "'" + kUsage, 2);
            return false;
          }
          value = argv[++i];
        }
        long n = 0;
        switch (c) {
          case 'c':
            if (!number(value, 1, &n, error)) return false;
            o->plan.count = n;
            break;
          case 'w':
            if (!number(value, 0, &n, error)) return false;
            o->plan.timeout = n * kSecond;
            break;
          case 'i':
            if (!number(value, 0, &n, error)) return false;
            o->plan.interval = n * kSecond;
            break;
          case 's':
            o->source_given = true;
            o->source_text = value;
            break;
          default: o->device_given = !value.empty(); o->plan.device = value;
        }
        break;  // the rest of the word was the value
      }
      switch (c) {
        case 'b': o->plan.broadcast_only = true; break;
        case 'D': o->plan.dad = o->plan.quit_on_reply = true; break;
        case 'U': o->plan.unsolicited = true; break;
        case 'A': o->plan.advert = o->plan.unsolicited = true; break;
        case 'q': o->quiet = true; break;
        case 'f': o->plan.quit_on_reply = true; break;
        case 'V': o->version = true; return true;  // printed and exits at once
        default: *error = fail(std::string("arping: invalid option -- '") + c + "'" + kUsage, 2); return false;
      }
    }
  }
  if (operands.size() != 1) {
    *error = fail(std::string(kUsage).substr(1), 2);
    return false;
  }
  o->target_text = operands[0];
  return true;
}

// check_device() / check_ifflags() for a device named with -I.
bool check_device(Host& host, const Options& o, CommandResult* error) {
  const Interface* dev = host.find_iface(o.plan.device);
  if (!dev || dev->name.find(':') != std::string::npos) {
    *error = fail("arping: Device " + o.plan.device + " not available.", 2);
    return false;
  }
  if (!dev->up) {
    *error = CommandResult{"Interface \"" + o.plan.device + "\" is down\n", {}, {}, 2};
    return false;
  }
  if (dev->kind != IfKind::kEthernet || dev->noarp) {
    *error = CommandResult{"Interface \"" + o.plan.device + "\" is not ARPable\n", {}, {}, o.plan.dad ? 0 : 2};
    return false;
  }
  return true;
}

}  // namespace

CommandResult cmd_arping(CommandContext& ctx, const std::vector<std::string>& argv) {
  Options o;
  CommandResult error;
  if (!parse(argv, &o, &error)) return error;
  if (o.version) return CommandResult{"arping from iputils 20221126\n"};
  Host& host = ctx.machine.host();
  const auto target = Ipv4Addr::parse(o.target_text);
  if (!target) return fail("arping: " + o.target_text + ": Name or service not known", 2);
  o.plan.target = *target;
  std::optional<RouteResult> route;
  if (!o.device_given) {  // guess_device(): the device of the route to the target
    route = host.route_output(*target, Ipv4Addr());
    if (!route || route->dev == kNoId)
      return fail("arping: Suitable device could not be determined. Please, use option -I.", 2);
    o.plan.device = host.iface(route->dev).name;
  }
  if (!check_device(host, o, &error)) return error;
  if (o.source_given) {
    const auto source = Ipv4Addr::parse(o.source_text);
    if (!source) return fail("arping: invalid source " + o.source_text, 2);
    o.plan.source = *source;
  } else if (!o.plan.dad && o.plan.unsolicited) {
    o.plan.source = *target;
  }
  // The probe socket: bind(2) to the source (EADDRNOTAVAIL when it is not ours), or a
  // connect(2) to the target that lets the kernel pick the source (SO_DONTROUTE: on-link).
  if (!o.plan.dad || o.source_given) {
    if (!o.plan.source.is_unspecified()) {
      if (!host.is_local_address(o.plan.source)) return fail("arping: bind: Cannot assign requested address", 2);
    } else if (!o.plan.dad) {
      const Interface* dev = host.find_iface(o.plan.device);
      o.plan.source = host.select_source(dev->index, *target, Scope::kLink);
    }
  }
  CommandResult r;
  if (!o.quiet) r.out = "ARPING " + target->str() + " from " + o.plan.source.str() + " " + o.plan.device + "\n";
  if (o.plan.source.is_unspecified() && !o.plan.dad) {
    r.err = "arping: no source address in not-DAD mode";
    r.status = 2;
    return r;
  }
  // A line lvslab does not play (after arping printed its first line).
  const auto refuse = [&](const std::string& why) {
    r.understood = false;
    r.status = 127;
    r.note = lvslab_note(ctx, join_args(argv) + ": " + why);
    return r;
  };
  // Without -c or -w it runs until ^C: a transcript cannot say when that came.
  if (o.plan.count < 0 && o.plan.timeout == 0)
    return refuse("runs until interrupted (^C); give -c COUNT or -w SECONDS");
  const std::int64_t by_deadline = o.plan.interval > 0 ? o.plan.timeout / o.plan.interval + 1 : kMaxProbes + 1;
  const std::int64_t probes = o.plan.count > 0 ? o.plan.count : by_deadline;
  if (probes > kMaxProbes)
    return refuse("more than " + std::to_string(kMaxProbes) + " probes; lvslab plays at most that many");
  if (o.plan.unsolicited && o.plan.count == 1 && !o.quiet)
    r.out += "Sent 1 probes (1 broadcast(s))\nReceived 0 response(s)\n";
  else r.note = lvslab_note(ctx, "arping's probes are sent by the run: its answers are in the trace, not here");
  ctx.machine.arpings().push_back(o.plan);
  return r;
}

}  // namespace lvs::config::shell
