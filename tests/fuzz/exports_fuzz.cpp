// Fuzz target: /etc/exports (sim/apps/exports.cpp) as the NFS server reads it at start:
// parse, `exportfs -rv`, and rpc.mountd's client match for a few clients.
//
// Invariants beyond "does not crash":
//  * a refused file names itself and the line ("/etc/exports:LINE: ...");
//  * every export is an absolute path without a trailing '/', with at least one client,
//    and `exportfs -rv` prints one "exporting" line per client;
//  * a client spec admits what it names: its own address (host), its network address
//    (subnet), anyone (*) — mountd finds some client for it on that path.
#include <algorithm>

#include "sim/apps/exports.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace lvs {
namespace {

void check_entry(const std::vector<ExportEntry>& entries, const ExportEntry& e) {
  FUZZ_CHECK(!e.path.empty() && e.path[0] == '/', "export path not absolute");
  FUZZ_CHECK(e.path.size() == 1 || e.path.back() != '/', "export path keeps a trailing '/'");
  FUZZ_CHECK(!e.clients.empty(), "export without a client");
  for (const auto& c : e.clients) {
    FUZZ_CHECK(!c.spec.empty(), "empty client spec");
    Ipv4Addr probe;
    switch (c.type) {
      case ExportClientType::kHost:
        if (!c.by_address) continue;
        probe = c.subnet.addr;
        break;
      case ExportClientType::kSubnet: probe = c.subnet.network(); break;
      case ExportClientType::kAnyone: probe = Ipv4Addr(10, 0, 0, 5); break;
      case ExportClientType::kWildcard: continue;
    }
    FUZZ_CHECK(match_export(entries, e.path, probe, "") != nullptr, "a client spec does not admit what it names");
  }
}

}  // namespace
}  // namespace lvs

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lvs;
  if (size > 8192) return -1;
  const ExportsParse parsed = parse_exports(fuzz::as_text(data, size));
  if (!parsed.ok()) {
    const std::string where = "/etc/exports:" + std::to_string(parsed.error_line) + ": ";
    FUZZ_CHECK(parsed.error_line > 0 && parsed.error.starts_with(where), parsed.error);
    return 0;
  }
  std::size_t clients = 0;
  for (const auto& e : parsed.entries) {
    check_entry(parsed.entries, e);
    clients += e.clients.size();
  }
  const ExportfsOutput out = exportfs_rv(parsed);
  FUZZ_CHECK(static_cast<std::size_t>(std::count(out.out.begin(), out.out.end(), '\n')) == clients,
             "exportfs -rv: one line per client");
  // A host by name and by a wildcard on its name: the paths as given.
  for (const auto& e : parsed.entries) (void)match_export(parsed.entries, e.path, Ipv4Addr(192, 168, 10, 11), "rs1");
  return 0;
}
