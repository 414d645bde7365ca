#pragma once
// The automounter (autofs 5's automount daemon with the autofs4 kernel module): it reads
// /etc/auto.master and the file maps it names when it starts, mounts a map entry the
// first time something looks inside it (/var/www/html for key `html` of the map on
// /var/www), and unmounts it once it has not been used for the map's timeout (checked
// every timeout/4, autofs' expire run frequency).
//
// As a FileSource it is the path a process's open() takes through the automount point:
// a read under a mounted entry goes to its NFS mount; under an unmounted one it waits
// for the mount first. A failed mount makes the lookup fail with ENOENT (the directory
// does not appear), and autofs does not try that key again for 60 s (its default
// negative_timeout).
//
// Only NFS entries are mounted (fstype=nfs, the default); the mount runs with the master
// map's options first, then the entry's (append_options=yes), passed to mount -s
// (sloppy), as autofs' mount_nfs module does.
#include <map>
#include <memory>
#include <string>

#include "sim/apps/file_source.hpp"
#include "sim/apps/mount_table.hpp"
#include "sim/core/time.hpp"
#include "sim/net/application.hpp"

namespace lvs {

class Host;

inline constexpr SimTime kAutofsNegativeTimeout = 60 * kSecond;

class Autofs : public Application, public FileSource {
 public:
  ~Autofs() override = default;
  // `mount` as the host would print it (NFS mounts made by autofs).
  virtual const MountTable& mounts() const = 0;
  // True when `path` lies under one of the automount points of /etc/auto.master.
  virtual bool covers(const std::string& path) const = 0;
};

// `files`: the host's files (path -> content): /etc/auto.master and its maps.
std::unique_ptr<Autofs> make_autofs(Host& host, std::map<std::string, std::string> files);

}  // namespace lvs
