#include "sim/hw/lab_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "sim/hw/error.hpp"
#include "sim/hw/interrupt.hpp"
#include "sim/hw/names.hpp"
#include "sim/hw/owner.hpp"
#include "sim/hw/process.hpp"
#include "sim/hw/procfs.hpp"

namespace lvs::hw {
namespace {

constexpr int kPollMs = 100;

// The lock of this process: its descriptor and how many LabLocks share it. Only the
// main thread takes it.
int g_fd = -1;
int g_depth = 0;

int open_lock_file() {
  make_state_dir();
  const int fd = ::open(kLockFile, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) throw_errno(std::string("cannot open the lock ") + kLockFile, errno);
  return fd;
}

// "process 4242 (lvslab hw up scenarios/lvs-nat.json)", or a vaguer phrase when the
// holder cannot be told.
std::string describe_holder(int fd) {
  struct stat st {};
  if (::fstat(fd, &st) == 0)
    if (const auto pid = flock_holder(read_file("/proc/locks"), major(st.st_dev), minor(st.st_dev), st.st_ino)) {
      const std::string cmd = command_line(*pid);
      return "process " + std::to_string(*pid) + (cmd.empty() ? "" : " (" + cmd + ")");
    }
  return "another process";
}

}  // namespace

LabLock::LabLock() {
  if (g_depth > 0) {
    ++g_depth;
    return;
  }
  const int fd = open_lock_file();
  bool told = false;
  for (int waited = 0; ::flock(fd, LOCK_EX | LOCK_NB) != 0; waited += kPollMs) {
    const int err = errno;
    if (err == EINTR) continue;
    if (err != EWOULDBLOCK) {
      ::close(fd);
      throw_errno(std::string("flock ") + kLockFile, err);
    }
    const std::string holder = describe_holder(fd);
    if (waited >= kLockWaitSeconds * 1000) {
      ::close(fd);
      throw HwUnavailable(holder + " has been changing the lvslab labs for " + std::to_string(kLockWaitSeconds) +
                          " s (it holds " + kLockFile + "); try again when it has finished");
    }
    if (!told)
      std::cerr << "lvslab: waiting for " << holder << ", which is changing the lvslab labs (it holds " << kLockFile
                << ")\n";
    told = true;
    try {
      throw_if_interrupted();
    } catch (...) {
      ::close(fd);
      throw;
    }
    ::usleep(kPollMs * 1000);
  }
  g_fd = fd;
  g_depth = 1;
}

LabLock::~LabLock() {
  if (--g_depth > 0) return;
  ::close(g_fd);  // the last descriptor of the open file: the kernel drops the lock
  g_fd = -1;
}

void forget_lab_lock_after_fork() {
  if (g_fd >= 0) ::close(g_fd);
  g_fd = -1;
  g_depth = 0;
}

std::optional<long> flock_holder(std::string_view proc_locks, unsigned major_no, unsigned minor_no,
                                 unsigned long inode) {
  char want[64];
  std::snprintf(want, sizeof want, "%02x:%02x:%lu", major_no, minor_no, inode);
  std::istringstream in{std::string(proc_locks)};
  std::string line;
  while (std::getline(in, line)) {
    // "N: FLOCK ADVISORY WRITE PID DEV:INODE START END"; blocked waiters are "N: -> FLOCK ...".
    std::istringstream f(line);
    std::string id, kind, mode, access, pid, where;
    if (!(f >> id >> kind >> mode >> access >> pid >> where)) continue;
    if (kind != "FLOCK" || where != want) continue;
    long v = 0;
    const auto [p, ec] = std::from_chars(pid.data(), pid.data() + pid.size(), v);
    if (ec == std::errc() && p == pid.data() + pid.size() && v > 0) return v;
  }
  return std::nullopt;
}

}  // namespace lvs::hw
