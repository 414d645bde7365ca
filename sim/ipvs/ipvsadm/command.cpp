// ipvsadm.c parse_options() + process_options(), v1.31, minus the kernel calls.
// Weight range: ipvsadm 1.31 accepts 0..65535; newer ipvsadm and the kernel (int
// weight) accept up to INT_MAX, which is what lvslab's DestSpec carries. -x/-y: the
// man page says 0..65535 (the 1.31 code takes up to INT_MAX); we follow the man page.
#include "sim/ipvs/ipvsadm/command.hpp"

#include <algorithm>

#include "sim/ipvs/ipvsadm/numbers.hpp"
#include "sim/ipvs/ipvsadm/option_check.hpp"
#include "sim/ipvs/ipvsadm/popt_scan.hpp"
#include "sim/ipvs/ipvsadm/sched_flags.hpp"
#include "sim/ipvs/scheduler.hpp"

namespace lvs::ipvs::ipvsadm {

namespace {

enum Tag : int {
  kTagSet = 128,
  kTagStartDaemon,
  kTagStopDaemon,
  kTagMcastInterface,
  kTagTimeout,
  kTagDaemon,
  kTagStats,
  kTagRate,
  kTagThresholds,
  kTagPersistentConn,
  kTagSort,
  kTagNoSort,
  kTagPe,
  kTagSctpService,
  kTagMcastGroup,
  kTagMcastPort,
  kTagMcastTtl,
  kTagSyncMaxlen,
  kTagTunInfo,
  kTagTunType,
  kTagTunPort,
  kTagTunNoCsum,
  kTagTunCsum,
  kTagTunRemCsum,
  kTagSyncId
};

using A = PoptArg;
constexpr PoptOption kOptions[] = {
    {"add-service", 'A', A::kNone, 'A'},
    {"edit-service", 'E', A::kNone, 'E'},
    {"delete-service", 'D', A::kNone, 'D'},
    {"clear", 'C', A::kNone, 'C'},
    {"list", 'L', A::kNone, 'L'},
    {"list", 'l', A::kNone, 'l'},
    {"zero", 'Z', A::kNone, 'Z'},
    {"add-server", 'a', A::kNone, 'a'},
    {"edit-server", 'e', A::kNone, 'e'},
    {"delete-server", 'd', A::kNone, 'd'},
    {"set", '\0', A::kNone, kTagSet},
    {"help", 'h', A::kNone, 'h'},
    {"version", 'v', A::kNone, 'v'},
    {"restore", 'R', A::kNone, 'R'},
    {"save", 'S', A::kNone, 'S'},
    {"start-daemon", '\0', A::kRequired, kTagStartDaemon},
    {"stop-daemon", '\0', A::kRequired, kTagStopDaemon},
    {"tcp-service", 't', A::kRequired, 't'},
    {"udp-service", 'u', A::kRequired, 'u'},
    {"sctp-service", '\0', A::kRequired, kTagSctpService},
    {"fwmark-service", 'f', A::kRequired, 'f'},
    {"scheduler", 's', A::kRequired, 's'},
    {"persistent", 'p', A::kOptional, 'p'},
    {"netmask", 'M', A::kRequired, 'M'},
    {"real-server", 'r', A::kRequired, 'r'},
    {"masquerading", 'm', A::kNone, 'm'},
    {"ipip", 'i', A::kNone, 'i'},
    {"gatewaying", 'g', A::kNone, 'g'},
    {"weight", 'w', A::kRequired, 'w'},
    {"u-threshold", 'x', A::kRequired, 'x'},
    {"l-threshold", 'y', A::kRequired, 'y'},
    {"numeric", 'n', A::kNone, 'n'},
    {"connection", 'c', A::kNone, 'c'},
    {"mcast-interface", '\0', A::kRequired, kTagMcastInterface},
    {"syncid", '\0', A::kRequired, kTagSyncId},
    {"timeout", '\0', A::kNone, kTagTimeout},
    {"daemon", '\0', A::kNone, kTagDaemon},
    {"stats", '\0', A::kNone, kTagStats},
    {"rate", '\0', A::kNone, kTagRate},
    {"thresholds", '\0', A::kNone, kTagThresholds},
    {"persistent-conn", '\0', A::kNone, kTagPersistentConn},
    {"nosort", '\0', A::kNone, kTagNoSort},
    {"sort", '\0', A::kNone, kTagSort},
    {"exact", 'X', A::kNone, 'X'},
    {"ipv6", '6', A::kNone, '6'},
    {"ops", 'o', A::kNone, 'o'},
    {"pe", '\0', A::kRequired, kTagPe},
    {"sched-flags", 'b', A::kRequired, 'b'},
    {"mcast-group", '\0', A::kRequired, kTagMcastGroup},
    {"mcast-port", '\0', A::kRequired, kTagMcastPort},
    {"mcast-ttl", '\0', A::kRequired, kTagMcastTtl},
    {"sync-maxlen", '\0', A::kRequired, kTagSyncMaxlen},
    {"tun-info", '\0', A::kNone, kTagTunInfo},
    {"tun-type", '\0', A::kRequired, kTagTunType},
    {"tun-port", '\0', A::kRequired, kTagTunPort},
    {"tun-nocsum", '\0', A::kNone, kTagTunNoCsum},
    {"tun-csum", '\0', A::kNone, kTagTunCsum},
    {"tun-remcsum", '\0', A::kNone, kTagTunRemCsum},
};

constexpr const char* kTryHelp = "Try `ipvsadm -h' or 'ipvsadm --help' for more information.";

struct Fail {  // ipvsadm's fail(2, ...) or another exit
  std::string message;
  int status = 2;
};

IpvsadmParse failure(const Fail& f) {
  IpvsadmParse r;
  r.error = f.message;
  r.exit_status = f.status;
  return r;
}

// What parse_service() found in "host[:port]" (SERVICE_ADDR / SERVICE_PORT).
struct AddrPort {
  bool ok = false;
  bool has_port = false;
  Ipv4Addr addr;
  std::uint16_t port = 0;
  bool ipv6 = false;
};

// ipvsadm.c parse_service(): IPv4 via inet_aton, "[v6]:port" and bare IPv6 are
// recognised (and refused by the caller: lvslab models IPv4 only); names would be
// resolved by real ipvsadm (gethostbyname / getservbyname) and are refused here.
AddrPort parse_service(std::string_view buf) {
  AddrPort r;
  if (buf.empty() || str_is_digit(buf)) return r;
  if (buf[0] == '[' || std::count(buf.begin(), buf.end(), ':') > 1) {
    r.ipv6 = true;
    return r;
  }
  std::string_view host = buf;
  std::optional<std::string_view> port_text;
  if (const auto colon = buf.rfind(':'); colon != std::string_view::npos) {
    host = buf.substr(0, colon);
    port_text = buf.substr(colon + 1);
  }
  const auto a = inet_aton_host(host);
  if (!a) return r;
  r.addr = Ipv4Addr(*a);
  if (port_text) {
    const auto p = string_to_number(*port_text, 0, 65535);
    if (!p) return r;
    r.has_port = true;
    r.port = static_cast<std::uint16_t>(*p);
  }
  r.ok = true;
  return r;
}

// The parse of one argv, in ipvsadm's order of checks.
class Parser {
 public:
  explicit Parser(const std::vector<std::string>& argv) : argv_(argv) {
    // process_options(): weight 1, -g, netmask /32 are the defaults (spec.hpp).
    out_.service.scheduler.clear();
  }

  std::optional<Fail> run();
  IpvsadmCommand& result() { return out_; }

 private:
  std::optional<Fail> command_option(int c, const PoptEvent& ev);
  std::optional<Fail> option(int c, const PoptEvent& ev);
  std::optional<Fail> service_option(int c, const PoptEvent& ev);
  std::optional<Fail> dest_option(int c, const std::string& arg);
  std::optional<Fail> list_option(int c);
  std::optional<Fail> daemon_option(int c, const std::string& arg);
  std::optional<Fail> tunnel_option(int c, const std::string& arg);
  std::optional<Fail> after_options(PoptScanner& scan);
  std::optional<Fail> semantic_checks();
  std::optional<Fail> set(Opt o) {
    if (auto m = set_option(options_, o)) return Fail{*m};
    return std::nullopt;
  }

  const std::vector<std::string>& argv_;
  IpvsadmCommand out_;
  std::uint64_t options_ = 0;
  std::string sched_flags_arg_;
  bool fwd_given_ = false;
  TunType tun_type_ = TunType::kIpip;
};

std::optional<Fail> Parser::run() {
  PoptScanner scan(kOptions, argv_);
  PoptEvent ev;
  const int first = scan.next(ev);
  if (first < 0) return Fail{kTryHelp, 255};
  if (auto f = command_option(first, ev)) return f;
  if (out_.command == Command::kHelp || out_.command == Command::kVersion) return std::nullopt;
  int c;
  while ((c = scan.next(ev)) >= 0)
    if (auto f = option(c, ev)) return f;
  if (c < PoptScanner::kEnd) return Fail{scan.bad_option() + ": " + PoptScanner::strerror(c), 255};
  if (auto f = after_options(scan)) return f;
  if (auto m = generic_opt_check(out_.command, options_)) return Fail{*m};
  return semantic_checks();
}

std::optional<Fail> Parser::command_option(int c, const PoptEvent& ev) {
  switch (c) {
    case 'A': out_.command = Command::kAddService; return std::nullopt;
    case 'E': out_.command = Command::kEditService; return std::nullopt;
    case 'D': out_.command = Command::kDeleteService; return std::nullopt;
    case 'a': out_.command = Command::kAddDest; return std::nullopt;
    case 'e': out_.command = Command::kEditDest; return std::nullopt;
    case 'd': out_.command = Command::kDeleteDest; return std::nullopt;
    case 'C': out_.command = Command::kFlush; return std::nullopt;
    case 'L':
    case 'l': out_.command = Command::kList; return std::nullopt;
    case 'Z': out_.command = Command::kZero; return std::nullopt;
    case kTagSet: out_.command = Command::kSetTimeout; return std::nullopt;
    case 'R': out_.command = Command::kRestore; return std::nullopt;
    case 'S': out_.command = Command::kSave; return std::nullopt;
    case 'h': out_.command = Command::kHelp; return std::nullopt;
    case 'v': out_.command = Command::kVersion; return std::nullopt;
    case kTagStartDaemon:
    case kTagStopDaemon:
      out_.command = c == kTagStartDaemon ? Command::kStartDaemon : Command::kStopDaemon;
      if (ev.arg == "master" || ev.arg == "backup") {
        out_.daemon.master = ev.arg == "master";
        return std::nullopt;
      }
      // Sic: ipvsadm's two messages differ.
      return Fail{c == kTagStartDaemon ? "illegal start-daemon parameter specified" : "illegal start_daemon specified"};
    default: return Fail{kTryHelp, 255};
  }
}

std::optional<Fail> Parser::option(int c, const PoptEvent& ev) {
  switch (c) {
    case 't':
    case 'u':
    case kTagSctpService:
    case 'f':
    case 's':
    case 'p':
    case 'M':
    case '6':
    case 'o':
    case kTagPe:
    case 'b': return service_option(c, ev);
    case 'r':
    case 'i':
    case 'g':
    case 'm':
    case 'w':
    case 'x':
    case 'y': return dest_option(c, ev.arg);
    case 'n':
    case 'c':
    case kTagTimeout:
    case kTagDaemon:
    case kTagStats:
    case kTagRate:
    case kTagThresholds:
    case kTagPersistentConn:
    case kTagNoSort:
    case kTagSort:
    case 'X':
    case kTagTunInfo: return list_option(c);
    case kTagMcastInterface:
    case kTagSyncId:
    case kTagMcastGroup:
    case kTagMcastPort:
    case kTagMcastTtl:
    case kTagSyncMaxlen: return daemon_option(c, ev.arg);
    case kTagTunType:
    case kTagTunPort:
    case kTagTunNoCsum:
    case kTagTunCsum:
    case kTagTunRemCsum: return tunnel_option(c, ev.arg);
    default: {
      // A second command letter, -h, -v ...: ipvsadm's "invalid option".
      std::string text;
      for (const auto& o : kOptions)
        if (o.tag == c) {
          text = o.short_name ? std::string("-") + o.short_name : std::string("--") + o.long_name;
          break;
        }
      return Fail{"invalid option `" + text + "'"};
    }
  }
}

std::optional<Fail> Parser::service_option(int c, const PoptEvent& ev) {
  ServiceSpec& svc = out_.service;
  const std::string& arg = ev.arg;
  switch (c) {
    case 't':
    case 'u':
    case kTagSctpService: {
      if (auto f = set(Opt::kService)) return f;
      out_.has_service = true;
      svc.key.protocol = c == 't' ? Protocol::kTcp : c == 'u' ? Protocol::kUdp : Protocol::kSctp;
      const AddrPort ap = parse_service(arg);
      if (ap.ipv6) return Fail{"lvslab: IPv6 virtual services are not modelled"};
      if (!ap.ok) return Fail{"illegal virtual server address[:port] specified"};
      svc.key.addr = ap.addr;
      if (ap.has_port) svc.key.port = ap.port;
      return std::nullopt;
    }
    case 'f': {
      if (auto f = set(Opt::kService)) return f;
      out_.has_service = true;
      svc.key.protocol = Protocol::kTcp;  // "a sane value, even though it is not used"
      const auto mark = string_to_number(arg, 1, 4294967295L);
      if (!mark) return Fail{"invalid fwmark value `" + arg + "' specified"};
      svc.key.fwmark = static_cast<std::uint32_t>(*mark);
      return std::nullopt;
    }
    case 's':
      if (auto f = set(Opt::kScheduler)) return f;
      svc.scheduler = arg.substr(0, 15);  // IP_VS_SCHEDNAME_MAXLEN 16
      return std::nullopt;
    case 'p': {
      if (auto f = set(Opt::kPersistent)) return f;
      if (!ev.has_arg) {  // -p without a value: IPVS_SVC_PERSISTENT_TIMEOUT
        svc.persistent_timeout = kDefaultPersistTimeout;
        return std::nullopt;
      }
      const auto t = string_to_number(arg, 1, kMaxTimeout);
      if (!t) return Fail{"invalid timeout value `" + arg + "' specified"};
      svc.persistent_timeout = static_cast<std::uint32_t>(*t);
      return std::nullopt;
    }
    case 'M': {
      if (auto f = set(Opt::kNetmask)) return f;
      const auto m = inet_aton_host(arg);
      if (!m) return Fail{"illegal virtual server persistent mask specified"};
      svc.netmask = Ipv4Addr(*m);
      return std::nullopt;
    }
    case '6':
      if (svc.key.fwmark == 0) return Fail{"-6 used before -f\n"};
      return Fail{"lvslab: IPv6 firewall-mark services are not modelled"};
    case 'o':
      if (auto f = set(Opt::kOnePacket)) return f;
      svc.one_packet = true;
      return std::nullopt;
    case kTagPe:
      if (auto f = set(Opt::kPe)) return f;
      svc.pe_name = arg.substr(0, 31);  // IP_VS_PENAME_MAXLEN 32
      return std::nullopt;
    case 'b':
      if (auto f = set(Opt::kSchedFlags)) return f;
      sched_flags_arg_ = arg.substr(0, 127);
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<Fail> Parser::dest_option(int c, const std::string& arg) {
  DestSpec& d = out_.dest;
  switch (c) {
    case 'r': {
      if (auto f = set(Opt::kServer)) return f;
      out_.has_dest = true;
      const AddrPort ap = parse_service(arg);
      if (ap.ipv6) return Fail{"lvslab: IPv6 real servers are not modelled"};
      if (!ap.ok) return Fail{"illegal real server address[:port] specified"};
      d.addr = ap.addr;
      // "copy vport to dport if not specified" (the service port known so far).
      d.port = ap.has_port ? ap.port : out_.service.key.port;
      return std::nullopt;
    }
    case 'i':
    case 'g':
    case 'm':
      if (auto f = set(Opt::kForward)) return f;
      fwd_given_ = true;
      d.method = c == 'i' ? FwdMethod::kTunnel : c == 'g' ? FwdMethod::kRoute : FwdMethod::kMasq;
      return std::nullopt;
    case 'w': {
      if (auto f = set(Opt::kWeight)) return f;
      const auto w = string_to_number(arg, 0, kMaxWeight);
      if (!w) return Fail{"illegal weight specified"};
      d.weight = static_cast<std::int32_t>(*w);
      return std::nullopt;
    }
    case 'x':
    case 'y': {
      if (auto f = set(c == 'x' ? Opt::kUThreshold : Opt::kLThreshold)) return f;
      const auto t = string_to_number(arg, 0, kMaxThreshold);
      if (!t) return Fail{c == 'x' ? "illegal u_threshold specified" : "illegal l_threshold specified"};
      (c == 'x' ? d.u_threshold : d.l_threshold) = static_cast<std::uint32_t>(*t);
      return std::nullopt;
    }
  }
  return std::nullopt;
}

std::optional<Fail> Parser::list_option(int c) {
  ListOptions& l = out_.list;
  switch (c) {
    case 'n': l.numeric = true; return set(Opt::kNumeric);
    case 'c': l.connections = true; return set(Opt::kConnection);
    case kTagTimeout: l.timeout = true; return set(Opt::kTimeout);
    case kTagDaemon: l.daemon = true; return set(Opt::kDaemon);
    case kTagStats: l.stats = true; return set(Opt::kStats);
    case kTagRate: l.rate = true; return set(Opt::kRate);
    case kTagThresholds: l.thresholds = true; return set(Opt::kThresholds);
    case kTagPersistentConn: l.persistent_conn = true; return set(Opt::kPersistentConn);
    case kTagNoSort: l.nosort = true; return set(Opt::kNoSort);
    case kTagSort: return std::nullopt;  // "does nothing, for backwards compatibility"
    case 'X': l.exact = true; return set(Opt::kExact);
    case kTagTunInfo: l.tun_info = true; return set(Opt::kTunInfo);
  }
  return std::nullopt;
}

std::optional<Fail> Parser::daemon_option(int c, const std::string& arg) {
  DaemonOptions& dm = out_.daemon;
  switch (c) {
    case kTagMcastInterface:
      if (auto f = set(Opt::kMcast)) return f;
      dm.mcast_ifn = arg.substr(0, 15);  // IP_VS_IFNAME_MAXLEN 16
      return std::nullopt;
    case kTagSyncId: {
      if (auto f = set(Opt::kSyncId)) return f;
      const auto v = string_to_number(arg, 0, 255);
      if (!v) return Fail{"illegal syncid specified"};
      dm.syncid = static_cast<std::uint8_t>(*v);
      return std::nullopt;
    }
    case kTagMcastGroup: {
      if (auto f = set(Opt::kMcastGroup)) return f;
      if (arg.find(':') != std::string::npos) return Fail{"lvslab: IPv6 mcast-group is not modelled"};
      const auto g = Ipv4Addr::parse(arg);  // inet_pton(AF_INET): dotted quad only
      if (!g || !g->is_multicast()) return Fail{"invalid IPv4 mcast-group `" + arg + "'"};
      dm.mcast_group = *g;
      return std::nullopt;
    }
    case kTagMcastPort:
    case kTagMcastTtl:
    case kTagSyncMaxlen: {
      const Opt o = c == kTagMcastPort ? Opt::kMcastPort : c == kTagMcastTtl ? Opt::kMcastTtl : Opt::kSyncMaxlen;
      if (auto f = set(o)) return f;
      const long max = c == kTagMcastPort ? 65535 : c == kTagMcastTtl ? 255 : 65535 - 20 - 8;
      const auto v = string_to_number(arg, 1, max);
      if (!v) return Fail{std::string("illegal ") + opt_name(o) + " specified"};
      if (c == kTagMcastPort) dm.mcast_port = static_cast<std::uint16_t>(*v);
      else if (c == kTagMcastTtl) dm.mcast_ttl = static_cast<std::uint8_t>(*v);
      else dm.sync_maxlen = static_cast<std::uint16_t>(*v);
      return std::nullopt;
    }
  }
  return std::nullopt;
}

std::optional<Fail> Parser::tunnel_option(int c, const std::string& arg) {
  switch (c) {
    case kTagTunType: {
      if (auto f = set(Opt::kTunType)) return f;
      const auto t = parse_tun_type(arg);
      if (!t) return Fail{"illegal tunnel type specified"};
      tun_type_ = *t;
      out_.dest.tun_type = tun_type_name(*t);
      return std::nullopt;
    }
    case kTagTunPort: {
      if (auto f = set(Opt::kTunPort)) return f;
      const auto p = string_to_number(arg, 1, 65535);
      if (!p) return Fail{"illegal tunnel port specified"};
      out_.tun_port = static_cast<std::uint16_t>(*p);
      return std::nullopt;
    }
    case kTagTunNoCsum: out_.tun_flags = 0; return set(Opt::kTunNoCsum);
    case kTagTunCsum: out_.tun_flags |= kTunFlagCsum; return set(Opt::kTunCsum);
    case kTagTunRemCsum: out_.tun_flags |= kTunFlagRemCsum; return set(Opt::kTunRemCsum);
  }
  return std::nullopt;
}

// After the option loop: --set's three values, leftover words, -b flags.
std::optional<Fail> Parser::after_options(PoptScanner& scan) {
  const auto& args = scan.args();
  std::size_t used = 0;
  if (out_.command == Command::kSetTimeout) {
    if (args.size() < 3) return Fail{"--set option requires 3 timeout values"};
    std::uint32_t v[3];
    for (int i = 0; i < 3; ++i) {
      const auto t = string_to_number(args[static_cast<std::size_t>(i)], 0, kMaxTimeout);
      if (!t) return Fail{"invalid timeout value `" + args[static_cast<std::size_t>(i)] + "' specified"};
      v[i] = static_cast<std::uint32_t>(*t);
    }
    out_.timeouts = Timeouts{v[0], v[1], v[2]};
    used = 3;
  }
  if (args.size() > used) return Fail{"unexpected argument " + args[used]};
  if (!sched_flags_arg_.empty()) {
    std::uint32_t bits = 0;
    std::string error;
    if (!parse_sched_flags(out_.service.scheduler, sched_flags_arg_, bits, error)) return Fail{error};
    const std::string_view sched = out_.service.scheduler.empty() ? std::string_view("wlc") : out_.service.scheduler;
    out_.service.sched_flags = sched_flags_text(sched, bits);
  }
  return std::nullopt;
}

// process_options() after generic_opt_check(), then the kernel's name lookups.
std::optional<Fail> Parser::semantic_checks() {
  ServiceSpec& svc = out_.service;
  const Command cmd = out_.command;
  if (cmd == Command::kAddService || cmd == Command::kEditService) {
    if (!svc.key.fwmark && !svc.key.port && !svc.persistent_timeout)
      return Fail{"Zero port specified for non-persistent service"};
    if (svc.one_packet && !svc.key.fwmark && svc.key.protocol != Protocol::kUdp)
      return Fail{"One-Packet Scheduling is only for UDP virtual services"};
  }
  if (svc.scheduler.empty()) svc.scheduler = "wlc";                                                   // DEF_SCHED
  if (cmd == Command::kStartDaemon && out_.daemon.mcast_ifn.empty()) out_.daemon.mcast_ifn = "eth0";  // DEF_MCAST_IFN
  if (cmd == Command::kAddDest || cmd == Command::kEditDest) {
    DestSpec& d = out_.dest;
    // "The destination port must be equal to the service port if the
    // IP_VS_CONN_F_TUNNEL or IP_VS_CONN_F_DROUTE is set" (not for fwmark services).
    if (!svc.key.fwmark && (d.method == FwdMethod::kTunnel || d.method == FwdMethod::kRoute)) d.port = svc.key.port;
    constexpr std::uint64_t kTunOpts = opt_bit(Opt::kTunType) | opt_bit(Opt::kTunPort) | opt_bit(Opt::kTunNoCsum) |
                                       opt_bit(Opt::kTunCsum) | opt_bit(Opt::kTunRemCsum);
    if ((options_ & kTunOpts) && d.method != FwdMethod::kTunnel)
      return Fail{"Tunnel options conflict with forward method"};
    if (auto m = tunnel_opt_check(tun_type_, options_)) return Fail{*m};
  }
  if (cmd == Command::kList) {
    const ListOptions& l = out_.list;
    if (((l.connections || l.timeout || l.daemon) && (l.stats || l.rate || l.thresholds)) ||
        ((l.timeout || l.daemon) && l.persistent_conn))
      return Fail{"options conflicts in the list command"};
  }
  // The kernel's answer to an unknown scheduler or persistence engine (-ENOENT).
  if ((cmd == Command::kAddService || cmd == Command::kEditService) &&
      (!scheduler_known(svc.scheduler) || (!svc.pe_name.empty() && !is_known_pe(svc.pe_name))))
    return Fail{"Scheduler or persistence engine not found", 255};
  return std::nullopt;
}

}  // namespace

bool is_known_pe(std::string_view name) { return name == "sip"; }  // ip_vs_pe_sip.c

IpvsadmParse parse_ipvsadm(const std::vector<std::string>& argv) {
  IpvsadmParse r;
  if (argv.empty()) {  // "list the table if there is no other argument"
    r.command = IpvsadmCommand{};
    r.command->service.scheduler = "wlc";
    return r;
  }
  Parser p(argv);
  if (auto f = p.run()) return failure(*f);
  r.command = std::move(p.result());
  if (r.command->service.scheduler.empty()) r.command->service.scheduler = "wlc";
  return r;
}

std::optional<std::vector<std::string>> split_words(std::string_view line, std::string& error) {
  std::vector<std::string> words;
  std::string cur;
  bool in_word = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (in_word) words.push_back(std::move(cur));
      cur.clear();
      in_word = false;
      continue;
    }
    in_word = true;
    if (c == '\\') {
      if (++i == line.size()) {
        error = "trailing backslash";
        return std::nullopt;
      }
      cur += line[i];
    } else if (c == '\'' || c == '"') {
      const std::size_t close = line.find(c, i + 1);
      if (close == std::string_view::npos) {
        error = std::string("unterminated ") + (c == '\'' ? "single" : "double") + " quote";
        return std::nullopt;
      }
      std::string_view inner = line.substr(i + 1, close - i - 1);
      if (c == '"') {  // inside "...": backslash escapes only \ " $ `
        for (std::size_t k = 0; k < inner.size(); ++k) {
          if (inner[k] == '\\' && k + 1 < inner.size() &&
              (inner[k + 1] == '\\' || inner[k + 1] == '"' || inner[k + 1] == '$' || inner[k + 1] == '`'))
            ++k;
          cur += inner[k];
        }
      } else {
        cur += inner;
      }
      i = close;
    } else {
      cur += c;
    }
  }
  if (in_word) words.push_back(std::move(cur));
  return words;
}

IpvsadmParse parse_ipvsadm_line(std::string_view line) {
  std::string error;
  auto words = split_words(line, error);
  if (!words) {
    IpvsadmParse r;
    r.error = error;
    r.exit_status = 2;
    return r;
  }
  if (!words->empty()) {
    const std::string& w = words->front();
    if (w == "ipvsadm" || (w.size() > 8 && w.compare(w.size() - 8, 8, "/ipvsadm") == 0)) words->erase(words->begin());
  }
  return parse_ipvsadm(*words);
}

}  // namespace lvs::ipvs::ipvsadm
