#pragma once
// The ipvsadm(8) command language, parsed: `ipvsadm -A -t 192.168.10.100:80 -s rr`
// becomes an IpvsadmCommand, or an error with the exact text (and exit status) real
// ipvsadm v1.31 gives for it. Pure: nothing is applied here, and host or service names
// are never resolved (a name where an address or port is expected is an error).
//
// Faithful details (ipvsadm.c process_options / parse_options):
//  * the first option must be the command; options may then come in any order;
//  * -E/-e send the whole service/destination: anything not given takes its default
//    (scheduler wlc, no persistence, -g, weight 1), exactly as the kernel receives it;
//  * -r without a port takes the service port given so far; for -g/-i (non-fwmark)
//    the real-server port is forced to the service port here, as ipvsadm does
//    (the kernel model should enforce it too for commands that do not come from here);
//  * scheduler and --pe names are checked against the kernel's lists (the scheduler
//    registry, sim/ipvs/schedulers/all.hpp; is_known_pe()); on a real system
//    that is the kernel's answer ("Scheduler or persistence engine not found").
//  * Checks the kernel makes against state ("Service not defined", "Destination already
//    exists") or on values (-y above -x: ERANGE) are the director model's job.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/ipvs/snapshot.hpp"
#include "sim/ipvs/spec.hpp"

namespace lvs::ipvs::ipvsadm {

enum class Command : std::uint8_t {
  kAddService,     // -A
  kEditService,    // -E
  kDeleteService,  // -D
  kFlush,          // -C
  kList,           // -L / -l (also: no arguments at all)
  kAddDest,        // -a
  kDeleteDest,     // -d
  kEditDest,       // -e
  kSetTimeout,     // --set tcp tcpfin udp
  kStartDaemon,    // --start-daemon master|backup
  kStopDaemon,     // --stop-daemon master|backup
  kRestore,        // -R
  kSave,           // -S
  kZero,           // -Z
  kHelp,           // -h
  kVersion,        // -v
};
// ipvsadm's name of a command, as in its messages: "add-service", "list", ...
const char* command_name(Command c);

struct ListOptions {
  bool numeric = false;          // -n (we always print numbers; see format.hpp)
  bool connections = false;      // -c
  bool stats = false;            // --stats
  bool rate = false;             // --rate
  bool exact = false;            // --exact / -X
  bool thresholds = false;       // --thresholds
  bool persistent_conn = false;  // --persistent-conn
  bool nosort = false;           // --nosort (--sort is accepted and does nothing)
  bool timeout = false;          // --timeout
  bool daemon = false;           // --daemon
  bool tun_info = false;         // --tun-info (ipvsadm 1.31)
};

// --tun-nocsum / --tun-csum / --tun-remcsum (IP_VS_TUNNEL_ENCAP_FLAG_*).
inline constexpr std::uint8_t kTunFlagCsum = 1;
inline constexpr std::uint8_t kTunFlagRemCsum = 2;

struct DaemonOptions {                  // --start-daemon / --stop-daemon and the daemon options
  bool master = true;                   // master | backup
  std::string mcast_ifn;                // --mcast-interface (start default "eth0")
  std::uint8_t syncid = 0;              // --syncid 0..255
  std::optional<Ipv4Addr> mcast_group;  // --mcast-group (IPv4 multicast)
  std::uint16_t mcast_port = 0;         // --mcast-port 1..65535 (0 = kernel default)
  std::uint8_t mcast_ttl = 0;           // --mcast-ttl 1..255
  std::uint16_t sync_maxlen = 0;        // --sync-maxlen 1..65507
};

struct IpvsadmCommand {
  Command command = Command::kList;
  bool has_service = false;    // -t / -u / --sctp-service / -f was given
  ServiceSpec service;         // key + (for -A/-E) every service option, defaults filled
  bool has_dest = false;       // -r was given
  DestSpec dest;               // for -a/-e/-d, defaults filled
  std::uint16_t tun_port = 0;  // --tun-port (gue)
  std::uint8_t tun_flags = 0;  // kTunFlag* (gue/gre)
  ListOptions list;            // -L/-l, -S (-n), -Lc
  Timeouts timeouts;           // --set
  DaemonOptions daemon;
};

// The outcome of parsing: a command, or what ipvsadm prints on stderr (without the
// final newline) and the exit status it would return (2 for its own checks, 255 for
// popt errors / "Try `ipvsadm -h'" / kernel answers).
struct IpvsadmParse {
  std::optional<IpvsadmCommand> command;
  std::string error;
  int exit_status = 0;
  bool ok() const { return command.has_value(); }
};

// argv without the program name: {"-A", "-t", "192.168.10.100:80", "-s", "rr"}.
IpvsadmParse parse_ipvsadm(const std::vector<std::string>& argv);

// One shell-like line: words split on blanks, '...' and "..." quoting, backslash
// escapes; a leading "ipvsadm" (or ".../ipvsadm") word is dropped.
IpvsadmParse parse_ipvsadm_line(std::string_view line);

// The shell-like splitter (no expansion of any kind). nullopt + error on an
// unterminated quote or a trailing backslash.
std::optional<std::vector<std::string>> split_words(std::string_view line, std::string& error);

// The kernel's persistence engines (the schedulers: ipvs::scheduler_known()).
bool is_known_pe(std::string_view name);

// Largest values accepted (see command.cpp for the ipvsadm versions).
inline constexpr long kMaxWeight = 2147483647;                // INT_MAX (kernel: int weight)
inline constexpr long kMaxThreshold = 65535;                  // ipvsadm(8): 0 through 65535
inline constexpr long kMaxTimeout = 86400 * 31;               // ipvsadm.c MAX_TIMEOUT (31 days)
inline constexpr std::uint32_t kDefaultPersistTimeout = 300;  // IPVS_SVC_PERSISTENT_TIMEOUT

}  // namespace lvs::ipvs::ipvsadm
