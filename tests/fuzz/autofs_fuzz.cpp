// Fuzz target: the autofs files (sim/apps/autofs_maps.cpp) and the NFS mount options
// their entries carry (sim/apps/nfs_options.cpp), as the automounter uses them: the
// master map, an indirect map, a lookup of each key (and of a key matched by `*`), and
// mount.nfs's option parse with the RPC timeouts derived from it.
//
// Input: /etc/auto.master, a NUL byte, then the map (/etc/auto.map).
// Invariants beyond "does not crash":
//  * a refused file names itself and the line;
//  * mount points are absolute, timeouts are not negative;
//  * a lookup of a key that is in the map finds it; `&` is replaced in a `*` entry;
//  * the RPC timeouts of any accepted option list are the kernel's (fs/nfs/client.c
//    nfs_init_timeout_values, xprt_reset_majortimeo): positive, the major timeout
//    initval x (retrans + 1) capped at NFS_MAX_TCP_TIMEOUT (600 s), computed here without
//    overflow.
#include <algorithm>
#include <cstring>

#include "sim/apps/autofs_maps.hpp"
#include "sim/apps/nfs_options.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace lvs {
namespace {

constexpr SimTime kMaxTcpTimeout = 600 * kSecond;

void check_error(const std::string& error, int line, std::string_view file) {
  const std::string where = std::string(file) + ":" + std::to_string(line) + ": ";
  FUZZ_CHECK(line > 0 && error.starts_with(where), error);
}

void check_timeouts(const NfsMountOptions& o) {
  const RpcTimeout t = nfs_rpc_timeout(o);
  const __int128 timeo = o.timeo == 0 ? 600 : o.timeo;
  // retrans=0 means no retry since Linux 4.20 (a956beda19a6 "NFS: Allow the mount option
  // retrans=0"); only an unspecified retrans takes NFS_DEF_TCP_RETRANS (2).
  const __int128 retrans = o.retrans;
  const __int128 initval = std::min<__int128>(timeo * (kSecond / 10), kMaxTcpTimeout);
  const __int128 major = std::min<__int128>(initval * (retrans + 1), kMaxTcpTimeout);
  FUZZ_CHECK(t.initval == initval && t.initval > 0, "initval");
  FUZZ_CHECK(t.maxval >= t.initval && t.maxval <= kMaxTcpTimeout, "maxval");
  FUZZ_CHECK(t.major_span() == major, "major timeout != timeo/10 x (retrans+1), capped at 600 s");
}

void check_mount(const AutoMasterEntry& master, const AutoMapEntry& e) {
  std::string options;  // as autofs builds them: the master's, then the entry's
  for (const auto& o : master.mount_options) options += o + ",";
  options += e.options;
  NfsMountOptions o;
  std::string error;
  if (!parse_nfs_options(options, &o, &error)) {
    FUZZ_CHECK(!error.empty(), "option list refused without a message");
    return;
  }
  FUZZ_CHECK(o.rsize >= 1024 && o.rsize <= 1024 * 1024 && o.rsize % 1024 == 0, "rsize outside nfs_io_size()");
  check_timeouts(o);
  const std::string listing = nfs_mount_listing_options(o, "192.168.10.103");
  FUZZ_CHECK(listing.starts_with(o.read_only ? "ro" : "rw"), "mount listing starts with ro/rw");
}

}  // namespace
}  // namespace lvs

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lvs;
  if (size > 8192) return -1;
  const std::string_view text = fuzz::as_text(data, size);
  const std::size_t nul = text.find('\0');
  const std::string_view master_text = text.substr(0, nul);
  const std::string_view map_text = nul == std::string_view::npos ? std::string_view() : text.substr(nul + 1);

  const AutoMasterParse master = parse_auto_master(master_text);
  if (!master.ok()) check_error(master.error, master.error_line, "/etc/auto.master");
  for (const auto& m : master.entries) {
    FUZZ_CHECK(!m.mount_point.empty() && m.mount_point[0] == '/', "mount point not absolute");
    FUZZ_CHECK(!m.map.empty() && m.map[0] == '/', "map is not a file path");
    FUZZ_CHECK(m.timeout >= 0, "negative timeout");
  }
  const AutoMapParse map = parse_auto_map(map_text, "/etc/auto.map");
  if (!map.ok()) {
    check_error(map.error, map.error_line, "/etc/auto.map");
    return 0;
  }
  const AutoMasterEntry default_master;
  const AutoMasterEntry& m = master.entries.empty() ? default_master : master.entries.front();
  for (const auto& e : map.entries) {
    FUZZ_CHECK(!e.path.empty() && e.path[0] == '/', "location path not absolute");
    AutoMapEntry found;
    FUZZ_CHECK(lookup_auto_map(map, e.key, &found) && found.key == e.key, "a key of the map is not found");
    check_mount(m, found);
  }
  // A key the map does not name: only a `*` entry answers, with `&` replaced.
  const std::string key = "html" + std::to_string(map.entries.size());
  const bool named =
      std::any_of(map.entries.begin(), map.entries.end(), [&](const AutoMapEntry& e) { return e.key == key; });
  AutoMapEntry wild;
  if (!named && lookup_auto_map(map, key, &wild)) {
    FUZZ_CHECK(wild.key == key, "lookup returns another key");
    for (const std::string* s : {&wild.host, &wild.path, &wild.options})
      FUZZ_CHECK(s->find('&') == std::string::npos, "'&' left in a '*' entry");
    check_mount(m, wild);
  }
  return 0;
}
