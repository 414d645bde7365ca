#pragma once
// NFS mount options (nfs(5)) that matter for teaching, and the RPC retransmission
// timing the Linux client derives from them.
//
//  ro / rw       read-only mount (mount's default is rw)
//  soft / hard   what a major timeout does: soft fails the call with EIO, hard prints
//                "server ... not responding, still trying" and keeps going (default hard)
//  intr / nointr accepted; since Linux 2.6.25 they have no effect (only SIGKILL can
//                interrupt a hard-mounted wait), and lvslab has no signals
//  timeo=N       deciseconds before the first retry (TCP default 600 = 60 s; 1..INT_MAX)
//  retrans=N     minor timeouts before a major one (TCP default 2; 0..INT_MAX)
//  rsize=N       largest READ (default and maximum 1048576; rounded down to a multiple
//                of 1024, at least 1024 — what the server's FSINFO rtmax would allow)
// Other words (port=, vers=, tcp, and anything unknown, such as the `timeout` that the
// lab's `--timeout` turns into) are kept for the `mount` listing and otherwise ignored:
// autofs runs mount with -s (sloppy), so unknown options do not fail the mount.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/time.hpp"

namespace lvs {

struct NfsMountOptions {
  bool read_only = false;
  bool soft = false;
  bool intr = false;
  int timeo = 600;  // deciseconds
  int retrans = 2;
  std::uint32_t rsize = 1024 * 1024;
  std::vector<std::string> words;  // every option as given, in order (for `mount`)
};

// Parses a comma-separated option list; false with *error for a bad value
// ("timeo=abc"), as mount.nfs: "an incorrect mount option was specified".
bool parse_nfs_options(std::string_view list, NfsMountOptions* out, std::string* error);

// struct rpc_timeout as nfs_init_timeout_values() fills it for TCP (fs/nfs/client.c):
// initval = timeo/10 s (capped at 600 s), increment = initval (linear backoff),
// maxval = initval + increment * retrans (capped at 600 s), retries = retrans.
struct RpcTimeout {
  SimTime initval = 60 * kSecond;
  SimTime increment = 60 * kSecond;
  SimTime maxval = 180 * kSecond;
  int retries = 2;
  // xprt_reset_majortimeo(): a major timeout comes this long after the request was
  // first sent: initval + increment * retries, at most maxval. For soft mounts that is
  // when the call fails with EIO: timeo/10 × (retrans + 1) seconds.
  SimTime major_span() const;
};
RpcTimeout nfs_rpc_timeout(const NfsMountOptions& o);

// The `mount` listing's option text: "ro" or "rw" first (util-linux puts the flags
// before the file system's own options), the other words in order, then addr=SERVER
// (added by mount.nfs): "ro,timeout,soft,intr,addr=192.168.10.103".
std::string nfs_mount_listing_options(const NfsMountOptions& o, std::string_view server_addr);

}  // namespace lvs
