#include "sim/apps/nfs_options.hpp"

#include <algorithm>
#include <charconv>
#include <optional>

namespace lvs {
namespace {

constexpr SimTime kMaxTcpTimeout = 600 * kSecond;  // NFS_MAX_TCP_TIMEOUT
constexpr std::uint32_t kMaxIoSize = 1024 * 1024;  // NFS_MAX_FILE_IO_SIZE
constexpr long long kIntMax = 2147483647;          // INT_MAX

// The bounds nfs_fs_context_parse_param() (fs/nfs/fs_context.c) puts on the numbers we
// model: timeo 1..INT_MAX and retrans 0..INT_MAX ("NFS: Value for 'timeo' out of
// range"); rsize is any u32 (fsparam_u32), rounded later by nfs_io_size().
struct NumberBounds {
  std::string_view key;
  long long min;
  long long max;
};
constexpr NumberBounds kNumberBounds[] = {{"timeo", 1, kIntMax}, {"retrans", 0, kIntMax}, {"rsize", 0, 0xffffffffLL}};

// The value of a numeric option, or nullopt for text that is not a number in bounds.
std::optional<long long> bounded_number(std::string_view v, const NumberBounds& b) {
  long long n = 0;
  const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || p != v.data() + v.size() || v.empty() || n < b.min || n > b.max) return std::nullopt;
  return n;
}

// min(base + step * times, cap) without overflow: step * times reaches 600 s × INT_MAX.
SimTime capped_sum(SimTime base, SimTime step, long long times, SimTime cap) {
  const __int128 v = static_cast<__int128>(base) + static_cast<__int128>(step) * times;
  return v < cap ? static_cast<SimTime>(v) : cap;
}

}  // namespace

bool parse_nfs_options(std::string_view list, NfsMountOptions* o, std::string* error) {
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    const std::string_view w = list.substr(start, comma - start);
    start = comma + 1;
    if (w.empty()) continue;
    const auto eq = w.find('=');
    const std::string_view key = w.substr(0, eq);
    const std::string_view val = eq == std::string_view::npos ? std::string_view() : w.substr(eq + 1);
    long long n = 0;
    for (const NumberBounds& b : kNumberBounds) {
      if (key != b.key) continue;
      const auto v = bounded_number(val, b);
      if (!v) {  // the kernel's EINVAL, as mount.nfs reports it
        *error = "an incorrect mount option was specified: " + std::string(w);
        return false;
      }
      n = *v;
    }
    if (w == "ro") o->read_only = true;
    else if (w == "rw") o->read_only = false;
    else if (w == "soft") o->soft = true;
    else if (w == "hard") o->soft = false;
    else if (w == "intr") o->intr = true;
    else if (w == "nointr") o->intr = false;
    else if (key == "timeo") o->timeo = static_cast<int>(n);
    else if (key == "retrans") o->retrans = static_cast<int>(n);
    else if (key == "rsize") {
      // nfs_io_size(): 0 = the default; else at least 1024, at most the maximum, and
      // a multiple of 1024.
      std::uint32_t r = n == 0 ? kMaxIoSize : static_cast<std::uint32_t>(std::min<long long>(n, kMaxIoSize));
      r = std::max<std::uint32_t>(1024, r - r % 1024);
      o->rsize = r;
    }
    if (w != "ro" && w != "rw") o->words.emplace_back(w);
  }
  return true;
}

SimTime RpcTimeout::major_span() const { return capped_sum(initval, increment, retries, maxval); }

RpcTimeout nfs_rpc_timeout(const NfsMountOptions& o) {
  RpcTimeout t;
  // retrans=0 is zero retries since Linux 4.20 (commit a956beda19a6 "NFS: Allow the mount
  // option retrans=0": only an unspecified retrans takes NFS_DEF_TCP_RETRANS, which
  // NfsMountOptions holds by default; the kernel's "unset" is NFS_UNSPEC_RETRANS, not 0).
  t.retries = o.retrans;
  t.initval = std::min(SimTime{o.timeo} * (kSecond / 10), kMaxTcpTimeout);
  t.increment = t.initval;
  t.maxval = std::max(capped_sum(t.initval, t.increment, t.retries, kMaxTcpTimeout), t.initval);
  return t;
}

std::string nfs_mount_listing_options(const NfsMountOptions& o, std::string_view server_addr) {
  std::string s = o.read_only ? "ro" : "rw";
  for (const auto& w : o.words) s += "," + w;
  s += ",addr=";
  s += server_addr;
  return s;
}

}  // namespace lvs
