#pragma once
// One lvslab hw process at a time creates or removes labs. `hw up`, `hw down` and the
// bring-up of `hw run` / `hw compare` hold an exclusive flock(2) on /run/lvslab/lock:
// without it, `hw down` removing namespaces while `hw up` is still filling them made
// `hw up` fail half-way ("setns into lvslab-rs1: Invalid argument"). The kernel drops the
// lock when its holder ends, however it ends, so a killed process never leaves it held.
// A process that finds the lock taken says who holds it (pid and command, from
// /proc/locks) and waits, up to kLockWaitSeconds; then it gives up naming the holder.
#include <optional>
#include <string_view>

namespace lvs::hw {

inline constexpr const char* kLockFile = "/run/lvslab/lock";
inline constexpr int kLockWaitSeconds = 120;

// Holds the lock for its lifetime. Nested LabLocks in one process share the one lock
// (Lab::up() inside `hw up`). Throws HwUnavailable (waited too long), HwError (the
// lock file cannot be opened), Interrupted (a signal while waiting in `hw run`).
class LabLock {
 public:
  LabLock();
  ~LabLock();
  LabLock(const LabLock&) = delete;
  LabLock& operator=(const LabLock&) = delete;
};

// In a child forked while the lock is held: closes the inherited descriptor without
// unlocking, so that the lock goes when the parent lets it go (flock(2) locks belong to
// the open file, which a fork shares).
void forget_lab_lock_after_fork();

// The pid holding an flock(2) lock on the file (device major:minor, inode), read from
// /proc/locks lines such as "1: FLOCK  ADVISORY  WRITE 4242 fe:00:10953169 0 EOF"
// (fs/locks.c lock_get_status: "%d %02x:%02x:%lu" = pid, MAJOR, MINOR, inode).
std::optional<long> flock_holder(std::string_view proc_locks, unsigned major, unsigned minor, unsigned long inode);

}  // namespace lvs::hw
