#include "sim/apps/nfs_options.hpp"

#include <algorithm>
#include <charconv>

namespace lvs {
namespace {

constexpr SimTime kMaxTcpTimeout = 600 * kSecond;  // NFS_MAX_TCP_TIMEOUT
constexpr std::uint32_t kMaxIoSize = 1024 * 1024;   // NFS_MAX_FILE_IO_SIZE

bool number(std::string_view v, long long* out) {
  const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), *out);
  return ec == std::errc() && p == v.data() + v.size() && !v.empty() && *out >= 0;
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
    if (key == "timeo" || key == "retrans" || key == "rsize") {
      if (!number(val, &n) || n > 100'000'000) {
        *error = "an incorrect mount option was specified: " + std::string(w);
        return false;
      }
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

SimTime RpcTimeout::major_span() const {
  const SimTime span = initval + increment * retries;
  return std::min(span, maxval);
}

RpcTimeout nfs_rpc_timeout(const NfsMountOptions& o) {
  RpcTimeout t;
  // retrans=0 is zero retries since Linux 4.20 (commit a956beda19a6 "NFS: Allow the mount
  // option retrans=0": only an unspecified retrans takes NFS_DEF_TCP_RETRANS, which
  // NfsMountOptions holds by default); timeo=0 still means the default timeo.
  t.retries = o.retrans;
  t.initval = (o.timeo == 0 ? 600 : o.timeo) * (kSecond / 10);
  t.initval = std::min(t.initval, kMaxTcpTimeout);
  t.increment = t.initval;
  t.maxval = std::min(t.initval + t.increment * t.retries, kMaxTcpTimeout);
  t.maxval = std::max(t.maxval, t.initval);
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
