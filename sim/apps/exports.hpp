#pragma once
// /etc/exports (exports(5), nfs-utils): each line is an exported path, optional
// default options (`-ro,sync`), and client specifications, each with its options in
// parentheses: `/public 192.168.10.0/24(ro) 192.168.20.5(rw,no_root_squash)`.
//
// Client specifications (nfs-utils client_gettype()):
//   *                   every host (MCL_ANONYMOUS)
//   a.b.c.d             one host by address; a bare name = a host of that name (lvslab
//                       has no DNS: a host's name is its scenario name)   (MCL_FQDN)
//   a.b.c.d/nn, a.b.c.d/m.m.m.m   an IP network                          (MCL_SUBNETWORK)
//   *.lab, rs?, 192.168.10.*      wildcards (* ? [..]) matched against the client's
//                       name and its dotted address                       (MCL_WILDCARD)
// Options: ro rw sync async root_squash no_root_squash all_squash no_all_squash
// anonuid=N anongid=N secure insecure, and subtree_check no_subtree_check wdelay
// no_wdelay hide nohide (parsed, no effect here). Defaults as exports(5): ro, sync,
// root_squash, no_all_squash, secure, anonuid=anongid=65534.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/wire/addr.hpp"

namespace lvs {

enum class ExportClientType : std::uint8_t { kHost, kSubnet, kWildcard, kAnyone };  // nfs-utils MCL_* order

struct ExportOptions {
  bool read_only = true;
  bool sync = true;
  bool sync_given = false;
  bool root_squash = true;
  bool all_squash = false;
  std::uint32_t anonuid = 65534, anongid = 65534;
  bool secure = true;                // requests must come from a port below 1024
  bool subtree_check_given = false;  // neither subtree_check nor no_subtree_check: exportfs warns
  bool subtree_check = false;
  bool wdelay = true;  // NFSEXP_GATHERED_WRITES, in nfs-utils' default flags
  bool hide = true;
};

struct ExportClient {
  std::string spec;  // as written: "192.168.10.0/24"
  ExportClientType type = ExportClientType::kAnyone;
  Ipv4Prefix subnet;        // kHost (a /32 when an address) and kSubnet
  bool by_address = false;  // kHost: the spec was an address (else a host name)
  ExportOptions options;
  int line = 0;
};

struct ExportEntry {
  std::string path;
  std::vector<ExportClient> clients;
  int line = 0;
};

struct ExportsParse {
  std::vector<ExportEntry> entries;
  std::string error;  // "/etc/exports:2: unknown keyword \"rx\""; "" = parsed
  int error_line = 0;
  bool ok() const { return error.empty(); }
};

ExportsParse parse_exports(std::string_view text, std::string_view file = "/etc/exports");

// What `exportfs -rv` prints: warnings on stderr, then "exporting CLIENT:PATH" per
// client in nfs-utils' order (hosts, networks, wildcards, everyone; file order within).
struct ExportfsOutput {
  std::string out, err;
};
ExportfsOutput exportfs_rv(const ExportsParse& exports, std::string_view file = "/etc/exports");

// The kernel's export table, as exportfs keeps it (nfs-utils' etab, which rpc.mountd
// serves; exportfs(8)): one entry per path and client (clients[0]), listed by client
// type in the order above, then in the order exported. nfs-server.service fills it with
// `exportfs -r` when it starts and empties it with `exportfs -au` when it stops.
using ExportTable = std::vector<ExportEntry>;
// exportfs -r (`replace`: the table becomes the file's exports) / -a (they are added; an
// entry for the same client and path is updated in place, as export_lookup() finds it).
void export_all(ExportTable& table, const ExportsParse& exports, bool replace);
// exportfs -u CLIENT:/PATH (a trailing '/' ignored); false when nothing matched.
bool unexport(ExportTable& table, std::string_view client, std::string_view path);
// `exportfs` / `exportfs -v` (nfs-utils 2.6 dump()): "PATH<pad to 14>\tCLIENT" (a
// longer path on its own line, the client after two tabs; `*` as <world>) and with -v
// the options: sync, wdelay, hide, no_subtree_check, anonuid/anongid when not 65534,
// then the per-flavour ",sec=sys,ro,secure,root_squash,no_all_squash".
std::string exportfs_dump(const ExportTable& table, bool verbose);

// rpc.mountd's check: the client spec of `path` that admits a client (first match in
// the order above), or nullptr. `client_name` is the client's host name ("" = unknown).
const ExportClient* match_export(const std::vector<ExportEntry>& entries, std::string_view path, Ipv4Addr client,
                                 std::string_view client_name, const ExportEntry** entry = nullptr);

// exports(5) wildcard: * ? and [...] classes (fnmatch without flags). At most
// (|pattern|+1) x (|text|+1) steps, counted in *steps when given.
bool export_wildcard_match(std::string_view pattern, std::string_view text, std::uint64_t* steps = nullptr);

}  // namespace lvs
