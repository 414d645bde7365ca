#pragma once
// A host's own file tree in hardware mode, for the hosts that run real daemons reading
// and mounting files (the NFS server, the automounter: nfs_services.hpp). Every other
// host shares the machine's files; these need their own: /etc/exports and the exported
// tree on the NFS server, /etc/auto.master and its maps on each real server, and mounts
// made inside one host that are that host's only (as on separate machines).
//
// How: a holder process enters the host's network namespace and a new mount namespace
// (unshare(CLONE_NEWNS), everything made private, so nothing it mounts reaches the
// machine), mounts a tmpfs as the host's root and chroots into it. The machine's root
// is bound (recursively) under /.oldroot there, and every top-level entry of the host's
// root is a symbolic link into it (/usr -> /.oldroot/usr), except the directories that
// lead to one of the host's files or that must be the host's own: those are real
// directories in the tmpfs whose other entries are again links into /.oldroot. /run
// and /var/lib/nfs (rpcbind's socket, the daemons' state) start empty. Nothing is
// written to the machine's files; the tree goes when the holder and the daemons end.
// (pivot_root would be simpler but cannot leave the initramfs root of the kernel test.)
#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace lvs::hw {

struct HostRootSpec {
  std::string netns;                         // the host's network namespace
  std::map<std::string, std::string> files;  // absolute path -> content
  std::vector<std::string> own_dirs;         // made real (e.g. an automount point's parent)
  std::vector<std::string> empty_dirs;       // the host's own and empty (/run, /var/lib/nfs)
  bool mount_nfsd = false;                   // the nfsd file system on /proc/fs/nfsd
};

class HostRoot {
 public:
  // Starts the holder; returns once the tree is ready (throws HwError with the step that
  // failed otherwise).
  explicit HostRoot(HostRootSpec spec);
  ~HostRoot();  // stops every process started here, then the holder
  HostRoot(const HostRoot&) = delete;
  HostRoot& operator=(const HostRoot&) = delete;

  // A path of the host's tree as this process reaches it ("/proc/PID/root/etc/exports").
  std::string path(const std::string& in_host) const;
  pid_t holder() const { return holder_; }

  // Runs argv in the host (its network and mount namespaces and root, a session of its
  // own, standard output and error into `log`, a path of this machine) and waits for it
  // up to `timeout_ms`; its exit status (-1: killed at the timeout).
  int run(const std::vector<std::string>& argv, const std::string& log, int timeout_ms);
  // Starts argv the same way and leaves it running (stopped by the destructor).
  pid_t start(const std::vector<std::string>& argv, const std::string& log);

 private:
  pid_t spawn(const std::vector<std::string>& argv, const std::string& log);
  HostRootSpec spec_;
  std::string mount_dir_;  // where the holder mounted the tmpfs, in its own namespace
  pid_t holder_ = -1;
  std::vector<pid_t> daemons_;
};

// The directories of `spec` that must be real in the host's tree: every ancestor of a
// file, of an own or empty directory (and those themselves), sorted, "/" excluded.
std::vector<std::string> host_root_dirs(const HostRootSpec& spec);

}  // namespace lvs::hw
