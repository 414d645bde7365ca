#pragma once
// One NFSv3 mount on a client host: what mount.nfs does to set it up (MOUNT MNT to
// rpc.mountd for the root file handle, then the kernel's first GETATTR of the root
// over the NFS connection to port 2049) and what the kernel does when a program opens
// and reads a file in it.
//
// Caching rule: lvslab caches NOTHING on the client. Every open() walks the path with
// LOOKUP, checks permission with ACCESS, revalidates with GETATTR (close-to-open), and
// read() fetches the data with READs of at most rsize bytes, all sent at once
// (pipelined, as readahead does). That is what a Linux client does with
// `lookupcache=none,noac` and a cold page cache: it never uses data Linux would not
// have (acregmin 3 s / acdirmin 30 s caches would only remove calls), so every GET in a
// scenario shows its NFS traffic.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "sim/apps/file_source.hpp"
#include "sim/apps/nfs_options.hpp"
#include "sim/apps/rpc_client.hpp"
#include "sim/wire/nfs3_proto.hpp"

namespace lvs {

class Host;

struct NfsMountSpec {
  Ipv4Addr server;
  std::string export_path;  // "/public"
  std::string mount_point;  // "/var/www/html"
  NfsMountOptions options;
  std::string source() const { return server.str() + ":" + export_path; }  // "192.168.10.103:/public"
};

// The credentials of the processes lvslab runs: mount.nfs as root, the httpd worker
// as apache (uid/gid 48 on Red Hat systems).
inline constexpr std::uint32_t kHttpdUid = 48;

class NfsMount {
 public:
  NfsMount(Host& host, NfsMountSpec spec);
  ~NfsMount();

  // error 0 = mounted; else errno and mount.nfs's message
  // ("mount.nfs: access denied by server while mounting 192.168.10.103:/public").
  using MountDone = std::function<void(int error, const std::string& message)>;
  void mount(std::uint32_t flow, MountDone done);
  // open() + read() of `path` relative to the mount point ("index.html").
  void read_file(const std::string& path, std::uint32_t flow, std::function<void(FileReadResult)> done);
  // umount.nfs: UMNT to rpc.mountd, and the NFS connection closes.
  void unmount(std::uint32_t flow);
  // The host stopped: forget everything, no callbacks.
  void stop();

  bool mounted() const { return mounted_; }
  const NfsMountSpec& spec() const { return spec_; }
  // `mount` line: "192.168.10.103:/public on /var/www/html type nfs (ro,...,addr=...)"
  std::string listing() const;

 private:
  struct ReadOp;
  RpcClientConfig client_config(std::uint16_t port, const char* program, bool soft, bool soft_connect,
                                const RpcTimeout& timeout) const;
  std::vector<std::uint8_t> open_mountd();
  void got_mnt(RpcCallResult&& r, std::uint32_t flow, MountDone done);
  void step(const std::shared_ptr<ReadOp>& op);
  void read_data(const std::shared_ptr<ReadOp>& op);
  void nfs_call(std::uint32_t proc, const std::vector<std::uint8_t>& args, std::uint32_t flow,
                std::function<void(int error, wire::NfsResult&&)> done, const wire::AuthSys* cred);
  wire::AuthSys cred(std::uint32_t uid) const;

  Host& host_;
  NfsMountSpec spec_;
  std::unique_ptr<RpcClient> mountd_;
  std::unique_ptr<RpcClient> nfs_;
  std::vector<std::unique_ptr<RpcClient>> retired_;  // closed clients whose events may still arrive
  wire::FileHandle root_;
  bool mounted_ = false;
};

// The server's address for mount.nfs. No DNS: a dotted quad, or the name of a host of
// the scenario (its first address that is not loopback, as /etc/hosts would give it).
bool resolve_nfs_server(Host& host, const std::string& name, Ipv4Addr* out);

// errno for an NFS status (nfs3_stat_to_errno()).
int nfs_status_errno(std::uint32_t status);

}  // namespace lvs
