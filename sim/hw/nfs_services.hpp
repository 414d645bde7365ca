#pragma once
// NFS and autofs on the real kernel (issue 13): the scenario's `nfs` and `autofs`
// services run as the real programs, each host with a file tree and mount namespace of
// its own (host_root.hpp):
//   nfs     rpcbind, `exportfs -rv` (the host's /etc/exports), rpc.mountd and the
//           kernel's nfsd started by rpc.nfsd, NFS version 3 only (`rpc.nfsd -N 4`): the
//           simulator models an NFSv3 server (MOUNT v3 + NFS v3), and with version 4
//           offered mount.nfs would take it and never ask mountd;
//   autofs  rpcbind and rpc.statd (mount.nfs needs them for version 3's locking), then
//           the automount daemon reading the host's /etc/auto.master and maps; it runs
//           /bin/mount -> mount.nfs, the kernel's NFS client, in the host's namespaces.
// NFS servers start before the automounters. The host's HTTP server then reads its
// document root through the host's tree (/proc/PID/root/var/www/html/...), so a GET
// triggers the automount as httpd's open() does on a real server.
// The simulator differs on purpose in one way the kernel side shows: there is an
// rpcbind (port 111) on every NFS host; the simulated clients go to 20048 and 2049
// directly. Frames to and from port 111 are part of the capture like any other.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sim/hw/host_root.hpp"
#include "sim/scenario/spec.hpp"

namespace lvs::hw {

// One NFS mount of a host, as the kernel lists it in /proc/mounts.
struct HwNfsMount {
  std::string host;
  std::string source;   // "192.168.10.103:/public"
  std::string target;   // "/var/www/html"
  std::string type;     // "nfs"
  std::string options;  // "ro,relatime,vers=3,...,soft,..."
  // "mount: SRC on TARGET type TYPE (OPTIONS)", the line `mount` prints.
  std::string mount_line() const;
};

// The fields of one /proc/mounts line; false for a malformed one. Octal escapes
// (\040 for a space) are decoded as the kernel writes them.
bool parse_proc_mounts_line(const std::string& line, HwNfsMount* out);

// The programs hardware mode runs for these services, and the package of each.
struct NfsProgram {
  const char* path;
  const char* package;
};
const std::vector<NfsProgram>& nfs_programs();
// True when the scenario has an nfs or autofs service.
bool needs_nfs_programs(const ScenarioSpec& spec);
// Throws HwUnavailable naming each missing program and its Debian package.
void require_nfs_programs();

// A folder of this machine for the daemons' output (/run/lvslab/PREFIX-logs), removed
// with what is in it when the object goes.
class HwLogDir {
 public:
  explicit HwLogDir(const std::string& prefix);
  ~HwLogDir();
  HwLogDir(const HwLogDir&) = delete;
  HwLogDir& operator=(const HwLogDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

class HwNfsHosts {
 public:
  // Starts every nfs service, then every autofs service, in the lab with this prefix;
  // `log_dir` receives each daemon's output. Throws HwError naming the host and the
  // program that failed (what was started stops).
  HwNfsHosts(const ScenarioSpec& spec, const std::string& prefix, const std::string& log_dir);
  ~HwNfsHosts();
  HwNfsHosts(const HwNfsHosts&) = delete;
  HwNfsHosts& operator=(const HwNfsHosts&) = delete;

  // Where host `h`'s HTTP server reads its files from ("" = the scenario's own files).
  std::string file_root(HostId h) const;
  // The NFS mounts of every host with a tree of its own, read now.
  std::vector<HwNfsMount> nfs_mounts() const;
  // What the daemons wrote (exportfs -rv, rpc.mountd, automount), per host.
  std::vector<std::pair<std::string, std::string>> logs() const;

 private:
  void start_nfs_server(HostId h);
  void start_automounter(HostId h);
  const ScenarioSpec& spec_;
  std::string prefix_;
  std::string log_dir_;
  std::map<HostId, std::unique_ptr<HostRoot>> roots_;
  std::vector<HostId> nfs_servers_;
};

}  // namespace lvs::hw
