#include "sim/apps/mount_table.hpp"

#include <algorithm>

namespace lvs {

void MountTable::add(MountEntry e) { entries_.push_back(std::move(e)); }

bool MountTable::remove(const std::string& target) {
  // umount takes the most recent mount on the target (mounts stack).
  for (auto it = entries_.rbegin(); it != entries_.rend(); ++it)
    if (it->target == target) {
      entries_.erase(std::next(it).base());
      return true;
    }
  return false;
}

const MountEntry* MountTable::find(const std::string& target) const {
  for (auto it = entries_.rbegin(); it != entries_.rend(); ++it)
    if (it->target == target) return &*it;
  return nullptr;
}

std::vector<std::string> MountTable::listing() const {
  std::vector<std::string> out;
  out.reserve(entries_.size());
  for (const auto& e : entries_) out.push_back(e.line());
  return out;
}

}  // namespace lvs
