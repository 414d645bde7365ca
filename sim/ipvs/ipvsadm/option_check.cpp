#include "sim/ipvs/ipvsadm/option_check.hpp"

namespace lvs::ipvs::ipvsadm {

namespace {

constexpr std::size_t kOpts = static_cast<std::size_t>(Opt::kCount);

constexpr const char* kOptNames[kOpts] = {"numeric",
                                          "connection",
                                          "service-address",
                                          "scheduler",
                                          "persistent",
                                          "netmask",
                                          "real-server",
                                          "forwarding-method",
                                          "weight",
                                          "u-threshold",
                                          "l-threshold",
                                          "mcast-interface",
                                          "timeout",
                                          "daemon",
                                          "stats",
                                          "rate",
                                          "thresholds",
                                          "persistent-conn",
                                          "nosort",
                                          "syncid",
                                          "exact",
                                          "ops",
                                          "pe",
                                          "sched-flags",
                                          "mcast-group",
                                          "mcast-port",
                                          "mcast-ttl",
                                          "sync-maxlen",
                                          "tun-info",
                                          "tun-type",
                                          "tun-port",
                                          "tun-nocsum",
                                          "tun-csum",
                                          "tun-remcsum"};

// Rows in ipvsadm's CMD_* order; columns in Opt order (34). '+' compulsory, 'x' illegal,
// '1' exclusive with the other '1's, ' ' optional.
//                              n c s s p M r f w x y m t d s r t p s s e o p b g p t s i t p n c r
constexpr char kAddSvc[] = "xx+   xxxxxxxxxxxxxxx   xxxxxxxxxx";
constexpr char kDelSvc[] = "xx+xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
constexpr char kNone[] = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
constexpr char kList[] = " 11xxxxxxxxx11       xxxxxxx xxxxx";
constexpr char kAddDest[] = "xx+xxx+    xxxxxxxxxxxxxxxxxx     ";
constexpr char kDelDest[] = "xx+xxx+xxxxxxxxxxxxxxxxxxxxxxxxxxx";
constexpr char kStartD[] = "xxxxxxxxxxx xxxxxxx xxxx    xxxxxx";
constexpr char kStopD[] = "xxxxxxxxxxxxxxxxxxx xxxxxxxxxxxxxx";
constexpr char kSave[] = " xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
constexpr char kZero[] = "xx xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
static_assert(sizeof kAddSvc == kOpts + 1 && sizeof kDelSvc == kOpts + 1 && sizeof kNone == kOpts + 1 &&
              sizeof kList == kOpts + 1 && sizeof kAddDest == kOpts + 1 && sizeof kDelDest == kOpts + 1 &&
              sizeof kStartD == kOpts + 1 && sizeof kStopD == kOpts + 1 && sizeof kSave == kOpts + 1 &&
              sizeof kZero == kOpts + 1);

constexpr const char* kTable[14] = {kAddSvc,  kAddSvc, kDelSvc, kNone,  kList, kAddDest, kDelDest,
                                    kAddDest, kNone,   kStartD, kStopD, kNone, kSave,    kZero};

constexpr const char* kCommandNames[14] = {"add-service", "edit-service",  "delete-service", "flush", "list",
                                           "add-server",  "delete-server", "edit-server",    "set",   "start-daemon",
                                           "stop-daemon", "restore",       "save",           "zero"};

char table_entry(Command c, std::size_t j) { return kTable[static_cast<std::size_t>(c)][j]; }

}  // namespace

const char* command_name(Command c) {
  const auto i = static_cast<std::size_t>(c);
  if (i < 14) return kCommandNames[i];
  return c == Command::kHelp ? "help" : "version";
}

const char* opt_name(Opt o) { return kOptNames[static_cast<std::size_t>(o)]; }

std::optional<std::string> set_option(std::uint64_t& options, Opt o) {
  if (options & opt_bit(o)) return "multiple '" + std::string(opt_name(o)) + "' options specified";
  options |= opt_bit(o);
  return std::nullopt;
}

std::optional<std::string> generic_opt_check(Command c, std::uint64_t options) {
  if (static_cast<std::size_t>(c) >= 14) return std::nullopt;
  const std::string cmd = command_name(c);
  int exclusive_count = 0;
  std::size_t last = 0;
  for (std::size_t j = 0; j < kOpts; ++j) {
    const char e = table_entry(c, j);
    if (!(options & (std::uint64_t{1} << j))) {
      if (e == '+')
        return "You need to supply the '" + std::string(kOptNames[j]) + "' option for the '" + cmd + "' command";
      continue;
    }
    if (e == 'x') return "Illegal '" + std::string(kOptNames[j]) + "' option with the '" + cmd + "' command";
    if (e == '1') {
      if (++exclusive_count == 1) {
        last = j;
        continue;
      }
      return "The option '" + std::string(kOptNames[j]) + "' conflicts with the '" + kOptNames[last] +
             "' option in the '" + cmd + "' command";
    }
  }
  return std::nullopt;
}

std::optional<TunType> parse_tun_type(std::string_view name) {
  if (name == "ipip") return TunType::kIpip;
  if (name == "gue") return TunType::kGue;
  if (name == "gre") return TunType::kGre;
  return std::nullopt;
}

const char* tun_type_name(TunType t) {
  switch (t) {
    case TunType::kIpip: return "ipip";
    case TunType::kGue: return "gue";
    case TunType::kGre: return "gre";
  }
  return "?";
}

std::optional<std::string> tunnel_opt_check(TunType t, std::uint64_t options) {
  // tunnel_types_v_options: columns tun-port tun-nocsum tun-csum tun-remcsum.
  static constexpr const char* kTun[3] = {"xxxx", "+111", "x11x"};
  static constexpr Opt kCols[4] = {Opt::kTunPort, Opt::kTunNoCsum, Opt::kTunCsum, Opt::kTunRemCsum};
  const char* row = kTun[static_cast<std::size_t>(t)];
  const std::string type = tun_type_name(t);
  int count = 0;
  Opt last = Opt::kTunPort;
  for (std::size_t j = 0; j < 4; ++j) {
    const Opt o = kCols[j];
    if (!(options & opt_bit(o))) {
      if (row[j] == '+')
        return "You need to supply the '" + std::string(opt_name(o)) + "' option for the '" + type + "' tunnel type";
      continue;
    }
    if (row[j] == 'x') return "Illegal '" + std::string(opt_name(o)) + "' option with the '" + type + "' tunnel type";
    if (row[j] == '1') {
      if (++count == 1) {
        last = o;
        continue;
      }
      return "The option '" + std::string(opt_name(o)) + "' conflicts with the '" + opt_name(last) +
             "' option in the '" + type + "' tunnel type";
    }
  }
  return std::nullopt;
}

}  // namespace lvs::ipvs::ipvsadm
