#pragma once
// The validated model of a scenario file (docs/scenario-format.md). Everything here
// has been parsed and checked against the rest of the document: names are unique,
// references resolve, addresses, routes and durations parse. Each element keeps the
// JSON pointer it came from so that errors found while building the World still name
// the place in the file.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/apps/arping.hpp"
#include "sim/apps/http_client.hpp"
#include "sim/config/shell.hpp"
#include "sim/core/time.hpp"
#include "sim/ipvs/ipvsadm/command.hpp"
#include "sim/net/interface.hpp"
#include "sim/net/link.hpp"
#include "sim/net/route.hpp"
#include "sim/scenario/service_spec.hpp"
#include "sim/wire/addr.hpp"

namespace lvs {

inline constexpr std::uint64_t kDefaultSeed = 1;
inline constexpr std::uint64_t kDefaultMaxEvents = 50'000'000;

// Hard caps on what an (untrusted) scenario may ask for: each keeps the memory and the
// time a scenario can cost in hand (docs/scenario-format.md "Limits").
// 20,000 hosts: a wide farm (10,000 clients, 1,000 real servers) fits twice; a default
// MAC numbers a host in 16 bits (parse.cpp default_mac) and HostId is 16 bits.
inline constexpr std::size_t kMaxHosts = 20'000;
inline constexpr std::size_t kMaxSegments = 1000;
inline constexpr std::size_t kMaxInterfacesPerHost = 64;
// A link's queue: its slots are allocated as frames queue up (link.hpp).
inline constexpr std::uint32_t kMaxQueueFrames = 100'000;
inline constexpr std::uint32_t kMaxRequestsPerTraffic = 1'000'000;
// Every request of a run keeps its result and path (~0.5 KB): 2,000,000 stay near 1 GB.
inline constexpr std::uint64_t kMaxRequests = 2'000'000;
// Each traffic entry is a client application with its own schedule (a wide farm: one
// per client).
inline constexpr std::size_t kMaxTrafficEntries = kMaxHosts;
// Each action keeps its result (and, with the whole trace, a copy of the host's tables).
inline constexpr std::size_t kMaxActions = 10'000;
// Adding an address walks the device's addresses (__inet_insert_ifa() does too).
inline constexpr std::size_t kMaxAddressesPerInterface = 4096;
// Routes are indexed (a lookup is O(prefix length)); each costs ~0.5 KB.
inline constexpr std::size_t kMaxRoutesPerHost = 200'000;
// IPVS services are looked up for every packet to a director.
inline constexpr std::size_t kMaxIpvsadmLines = 10'000;
// A host's shell transcript ("shell" lines or a "shell_file"): each line is read, run
// and kept with its output in the report.
inline constexpr std::size_t kMaxShellLines = 10'000;
inline constexpr std::size_t kMaxShellFileBytes = 1024 * 1024;
inline constexpr std::size_t kMaxShellLinesPerScenario = 100'000;
// A host's "files_dir": the files read from it (each at most kMaxShellFileBytes).
inline constexpr std::size_t kMaxFilesDirFiles = 1000;
inline constexpr std::size_t kMaxFilesDirBytes = 16 * 1024 * 1024;

struct SegmentSpec {
  std::string name;
  LinkParams link;  // applied to every port of the segment, both directions
  std::string pointer;
};

struct AddressSpec {
  Ipv4Prefix prefix;  // local address with its prefix length
  std::string label;  // "" = the device name
  std::optional<Scope> scope;
  std::string role;  // "" = from the host role ("VIP", "DIP", ... for paths)
  std::string pointer;
};

enum class InterfaceType : std::uint8_t { kEthernet, kIpip };

struct InterfaceSpec {
  std::string name;
  InterfaceType type = InterfaceType::kEthernet;
  std::string segment;  // Ethernet only
  MacAddr mac;          // Ethernet only: given, or the deterministic default
  bool mac_given = false;
  std::vector<AddressSpec> addresses;
  bool up = true;  // `ip link set DEV down` / `ifconfig DEV down` in a transcript leaves it down
  // Left by a transcript: `ip link set DEV arp off` / `ifconfig DEV -arp` (IFF_NOARP),
  // `ip link set DEV mtu N` (0 = the device's default).
  bool noarp = false;
  int mtu = 0;
  std::string pointer;
};

struct RouteEntry {
  RouteSpec route;
  std::string pointer;
  // "route add ..." (net-tools spelling): carried out by the shell interpreter when the
  // scenario is loaded (sim/scenario/boot_config.cpp), which also resolves `dev lo:0`
  // the way the kernel's SIOCADDRT does; `route` then holds only the text.
  bool net_tools = false;
};

struct SysctlEntry {
  std::string key;    // as written
  std::string value;  // text form (numbers converted)
  std::string pointer;
};

// One ipvsadm command line as an administrator types it ("-A -t 10.0.0.100:80 -s rr"),
// parsed once, when the scenario is loaded: the world builder, the timed actions and
// hardware mode all run `command`; `line` stays as written, for messages and the trace.
struct IpvsadmLine {
  std::string line;
  ipvs::ipvsadm::IpvsadmCommand command;
  std::string pointer;
};

// Shell lines a host runs: its "shell" array, a "shell_file", or a timed "shell" action.
// One command per line; a here-document spans lines.
struct ShellInput {
  std::string text;     // the lines, each ending in '\n'
  std::string origin;   // how messages name it: "rs1/setup.sh" (as written) or "/hosts/2/shell"
  std::string pointer;  // the JSON key that gave it
  bool from_file = false;
  // The JSON pointer of the array item that gave line `line` (1-based), or the key.
  std::string pointer_of_line(std::uint32_t line) const;
};

struct HostSpec {
  std::string name;
  std::string role;  // client gateway router director realserver server nfs
  std::vector<InterfaceSpec> interfaces;
  std::vector<AddressSpec> loopback;  // addresses on lo
  bool loopback_up = true;
  std::vector<RouteEntry> routes;    // in file order
  std::vector<SysctlEntry> sysctls;  // in the order they are applied (general to specific)
  std::vector<ServiceSpec> services;
  // The host's configuration files, copied in verbatim (path -> text): /etc/exports,
  // /etc/auto.master, /etc/auto.htmount... Services read them when they start. The
  // map is ordered, so file order never depends on the JSON object's order.
  std::map<std::string, std::string> files;
  std::string files_pointer;  // "/hosts/3/files"
  // IPVS rules applied in order when the run starts; present (even empty) = the host
  // runs IPVS (a director).
  bool runs_ipvs = false;
  std::vector<IpvsadmLine> ipvsadm;
  // Time between a frame's arrival and its processing: base + uniform[0, jitter].
  SimTime rx_delay = 0;
  SimTime rx_jitter = 0;
  std::string pointer;

  // --- the Linux configuration input (docs/config-input.md) -----------------------------
  // Typed at boot, after the persistent files ("shell" or "shell_file").
  std::optional<ShellInput> shell;
  // Units enabled at boot ("enable": ["ipvsadm"]), as `systemctl enable` leaves them.
  std::vector<std::string> enable;
  std::string enable_pointer;
  // Filled when the scenario is loaded (boot_config.cpp), for hosts with files, shell
  // lines, enabled units or net-tools routes: the boot's and the transcript's effect is
  // already folded into the keys above; these keep what the terminal showed and what the
  // administrator should know.
  std::vector<config::TranscriptEntry> transcript;
  std::vector<std::string> warnings;
  std::map<std::string, config::Unit> units;  // after boot and transcript (a reboot starts the enabled ones)
  // `mount -t nfs` lines of the boot and the transcript: mounted when the run starts.
  std::vector<config::Mount> nfs_mounts;
  // arping lines of the boot and the transcript: started when the run starts.
  std::vector<ArpingPlan> arpings;
  // The kernel's export table after boot and transcript (exportfs, nfs-server.service);
  // unset when nothing exported (the NFS server then serves /etc/exports).
  std::optional<ExportTable> export_table;
  // The host as the scenario wrote it, before its boot was folded in: what a reboot
  // applies again (with the files as they are then); null when it has no config input.
  std::shared_ptr<const HostSpec> as_written;
  // Files, shell lines, enabled units or net-tools routes: the load-time boot runs.
  bool has_config_input() const;
};

struct HttpExpect {
  std::optional<int> status;
  std::optional<std::string> body;
  // Role notation every request's path must have, e.g. "CIP-DGW-VIP-RIP-DIP-DGW-CIP".
  std::optional<std::string> path;
  // Host whose application must answer: request i expects servers[i % size()], so
  // ["rs1", "rs2"] says successive requests alternate. Empty = not checked.
  std::vector<std::string> servers;
};

struct TrafficSpec {
  std::string client;  // host name
  std::string type;    // "http"
  HttpRequestPlan plan;
  HttpExpect expect;
  std::string pointer;
};

// A change made while the run goes on ("at 5s, on director: ipvsadm -e ... -w 0").
struct ActionSpec {
  enum class Kind : std::uint8_t { kIpvsadm, kSysctl, kLink, kPower, kShell, kReboot };
  SimTime at = 0;
  std::string host;
  Kind kind = Kind::kIpvsadm;
  IpvsadmLine ipvsadm;               // kIpvsadm: the command
  std::vector<SysctlEntry> sysctls;  // kSysctl
  std::string link;                  // kLink: interface name
  bool up = true;                    // kLink: up/down; kPower: on/off
  ShellInput shell;                  // kShell: the lines, run on the live host
  std::string pointer;
  std::string describe() const;  // "ipvsadm -e -t ...", "link eth0 down", "power off", "reboot"
};

struct ScenarioSpec {
  std::string file;
  std::string name;
  std::string description;
  std::uint64_t seed = kDefaultSeed;
  SimTime duration = 0;
  std::uint64_t max_events = kDefaultMaxEvents;
  std::vector<SegmentSpec> segments;
  std::vector<HostSpec> hosts;
  std::vector<TrafficSpec> traffic;
  std::vector<ActionSpec> actions;  // by time, then file order

  const HostSpec* find_host(std::string_view name) const;
  const SegmentSpec* find_segment(std::string_view name) const;
};

}  // namespace lvs
