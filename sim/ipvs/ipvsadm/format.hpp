#pragma once
// ipvsadm's output, from a Snapshot: -L/-Ln (plain, --stats, --rate, --exact,
// --thresholds, --persistent-conn, --tun-info, --nosort), -Lc, --timeout, --daemon,
// -S/-Sn and -v, byte for byte as ipvsadm v1.31 prints them (ipvsadm.c print_title,
// print_service_entry, print_conn, print_largenum, list_timeout).
//
// Names: real ipvsadm without -n resolves addresses (gethostbyaddr) and ports
// (getservbyport, e.g. 80 -> "http"). lvslab never resolves anything, so -L, -Lc and
// -S print exactly what -Ln, -Lnc and -Sn print.
#include <cstdint>
#include <optional>
#include <string>

#include "sim/ipvs/ipvsadm/command.hpp"
#include "sim/ipvs/snapshot.hpp"

namespace lvs::ipvs::ipvsadm {

// print_largenum(): "%9llu", or with K/M/G/T suffixes from 100,000,000 on; exact:
// at least 9 columns, one more than the digits.
std::string format_largenum(std::uint64_t n, bool exact);

// `ipvsadm -L [options]`: version line, title, every service (sorted unless nosort).
std::string format_list(const Snapshot& s, const ListOptions& o);
// `ipvsadm -L -t VIP:port [options]`: title and that service; nullopt = no such service.
std::optional<std::string> format_service(const Snapshot& s, const ServiceKey& key, const ListOptions& o);
// `ipvsadm -Lc [--persistent-conn]`: the connection table, in the kernel's order.
std::string format_connections(const Snapshot& s, const ListOptions& o);
// `ipvsadm -L --timeout`.
std::string format_timeout(const Timeouts& t);
// `ipvsadm -S [-n]` (what ipvsadm-save writes).
std::string format_save(const Snapshot& s);
// `ipvsadm -v`.
std::string format_version();

// What ipvsadm prints for a command that only reads (-L/-l in all its forms, -S, -v, -h;
// --daemon prints nothing: no sync daemon is modelled). Other commands change state
// and belong to the director model: they give ok with empty output here.
struct IpvsadmOutput {
  std::string out;  // stdout
  std::string err;  // stderr (with its newline)
  int exit_status = 0;
};
IpvsadmOutput run_read_only(const Snapshot& s, const IpvsadmCommand& c);

}  // namespace lvs::ipvs::ipvsadm
