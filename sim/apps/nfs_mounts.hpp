#pragma once
// The NFS file systems an administrator mounted by hand on a client: `mount -t nfs
// SERVER:/PATH DIR [-o OPTIONS]` typed in a shell or run by a boot file. Each is
// mounted as mount.nfs does it (NfsMount: MNT to rpc.mountd, then the root's GETATTR)
// when the host starts, or at once when the line is typed while the run goes on; a
// program opening a file below DIR reads it from the server. A read that comes while the
// mount is still under way waits for it (mount(8) returns only once mounted); a mount
// that failed leaves DIR as it was, the host's own files (mount.nfs's message is in the
// trace). `umount DIR` sends UMNT and the host's own files show again.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/apps/file_source.hpp"
#include "sim/apps/mount_table.hpp"
#include "sim/net/application.hpp"

namespace lvs {

class Host;

class NfsMounts : public Application, public MountedFileSource {
 public:
  ~NfsMounts() override = default;
  // `mount -t nfs SOURCE TARGET -o OPTIONS` ("" = defaults). Mounted now when the host
  // runs, else when it starts. "" or mount.nfs's refusal (a bad option, an unknown server).
  virtual std::string add(const std::string& source, const std::string& target, const std::string& options) = 0;
  // `umount TARGET`: false when nothing is mounted there.
  virtual bool remove(const std::string& target) = 0;
  // What is mounted (after the mount completed), as `mount` lists it.
  virtual const MountTable& mounts() const = 0;
};

std::unique_ptr<NfsMounts> make_nfs_mounts(Host& host);

}  // namespace lvs
