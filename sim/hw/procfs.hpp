#pragma once
// /proc of the calling thread's network namespace: sysctls (/proc/sys/net is resolved
// through the opening thread's namespace) and the IPVS connection table. /proc/net is
// a link to /proc/self/net, which follows the *process* leader, so per-namespace files
// are read through /proc/thread-self/net.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/ipvs/snapshot.hpp"

namespace lvs::hw {

// "net.ipv4.conf.all.arp_ignore" -> "/proc/sys/net/ipv4/conf/all/arp_ignore" (a key that
// already uses '/' is taken as it is, as sysctl(8) does).
std::string sysctl_path(std::string_view key);

// `sysctl -w key=value`; throws HwError naming the key and the reason.
void write_sysctl(std::string_view key, std::string_view value);
std::optional<std::string> read_sysctl(std::string_view key);

// Puts the IPv4 knobs of conf/all and conf/default (and of the devices the namespace
// was born with, lo and tunl0) at the kernel's compiled-in defaults (devinet.c
// ipv4_devconf), and turns IPv6 off. A new namespace inherits conf/all and
// conf/default from the host's (net.core.devconf_inherit_init_net=0), which a
// distribution's sysctl.d may have changed (e.g. rp_filter=2): the lab must start from
// the same defaults the simulator assumes.
void reset_ipv4_conf_defaults();

// Reads the table of /proc/thread-self/net/ip_vs_conn (ip_vs_conn.c
// ip_vs_conn_seq_show: hex addresses and ports, state name, seconds to expiry).
std::vector<ipvs::ConnEntry> read_ipvs_conns();
// The parser for that text (unit-tested).
std::vector<ipvs::ConnEntry> parse_ipvs_conns(std::string_view text);

std::string read_file(const std::string& path);  // "" when unreadable

}  // namespace lvs::hw
