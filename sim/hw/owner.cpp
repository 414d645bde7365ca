#include "sim/hw/owner.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>

#include "sim/hw/error.hpp"
#include "sim/hw/names.hpp"
#include "sim/hw/procfs.hpp"

namespace lvs::hw {
namespace {

// The pid in a run prefix ("lvslab1234-" -> 1234); 0 for the `hw up` prefix.
long pid_in_prefix(const std::string& prefix) {
  const std::string_view digits = std::string_view(prefix).substr(kNamePrefixRoot.size());
  long pid = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), pid);
  return pid;
}

}  // namespace

void make_state_dir() {
  ::mkdir("/run", 0755);
  if (::mkdir(kStateDir, 0755) != 0 && errno != EEXIST) throw_errno(std::string("mkdir ") + kStateDir, errno);
}

std::string owner_file(const std::string& prefix) {
  const std::string stem = prefix == kLabPrefix ? "lab" : prefix.substr(0, prefix.size() - 1);
  return std::string(kStateDir) + "/" + stem + ".pid";
}

void write_owner(const std::string& prefix, const ProcessStamp& owner) {
  make_state_dir();
  // A new file renamed over the old: a reader sees the old record or the new, never half.
  const std::string path = owner_file(prefix);
  const std::string tmp = path + ".new";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) throw_errno("cannot write " + tmp, errno);
  const std::string text = format_stamp(owner) + "\n";
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  const int err = errno;
  if (::close(fd) != 0 || !ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    throw_errno("cannot write " + path, ok ? errno : err);
  }
}

std::optional<ProcessStamp> read_owner(const std::string& prefix) { return parse_stamp(read_file(owner_file(prefix))); }

void remove_owner(const std::string& prefix) { ::unlink(owner_file(prefix).c_str()); }

OwnerState owner_state(const std::string& prefix) {
  if (const auto owner = read_owner(prefix))
    return {is_running(*owner) ? OwnerState::Kind::kRunning : OwnerState::Kind::kGone, owner->pid};
  const long pid = pid_in_prefix(prefix);
  if (pid > 0 && stamp_of(pid)) return {OwnerState::Kind::kUnknown, pid};
  return {OwnerState::Kind::kNone, pid};
}

}  // namespace lvs::hw
