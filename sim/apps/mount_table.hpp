#pragma once
// A host's table of mounted file systems, listed the way `mount` (util-linux, reading
// /proc/self/mounts or /etc/mtab) prints it: "SOURCE on TARGET type TYPE (OPTIONS)".
#include <string>
#include <vector>

namespace lvs {

struct MountEntry {
  std::string source;   // "192.168.10.103:/public"
  std::string target;   // "/var/www/html"
  std::string type;     // "nfs"
  std::string options;  // "ro,timeout,soft,intr,addr=192.168.10.103"
  std::string line() const { return source + " on " + target + " type " + type + " (" + options + ")"; }
};

class MountTable {
 public:
  void add(MountEntry e);
  bool remove(const std::string& target);  // false when nothing is mounted there
  const MountEntry* find(const std::string& target) const;
  void clear() { entries_.clear(); }
  // `mount` output, one line per entry in mount order.
  std::vector<std::string> listing() const;
  const std::vector<MountEntry>& entries() const { return entries_; }

 private:
  std::vector<MountEntry> entries_;
};

}  // namespace lvs
