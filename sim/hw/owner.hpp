#pragma once
// Who owns a lab. Every lab records its owner, the process that keeps it and removes it,
// as "PID START" (process.hpp) in /run/lvslab, before its first namespace exists:
//   /run/lvslab/lab.pid          the `hw up` lab (lvslab-*): its HTTP servers' process
//   /run/lvslab/lvslab<pid>.pid  a `hw run` / `hw compare` lab (lvslab<pid>-*): that run
// `hw down` signals an owner and `hw down --all` leaves a lab alone only when the record
// still names a running process with the same start time, so a pid that the kernel has
// since given to another process is never mistaken for the lab's.
#include <optional>
#include <string>

#include "sim/hw/process.hpp"

namespace lvs::hw {

// Creates kStateDir (names.hpp) if it is missing; throws HwError.
void make_state_dir();

// The record's path for a lab prefix ("lvslab-" -> /run/lvslab/lab.pid).
std::string owner_file(const std::string& prefix);

void write_owner(const std::string& prefix, const ProcessStamp& owner);  // throws HwError
std::optional<ProcessStamp> read_owner(const std::string& prefix);       // nullopt: none or unreadable
void remove_owner(const std::string& prefix);

// What is known about a lab's owner, for `hw down`.
struct OwnerState {
  enum class Kind {
    kRunning,  // the recorded process runs: the lab is in use
    kGone,     // the recorded process has ended (its pid may now be another process's)
    kUnknown,  // no record, and the pid in the lab's name runs: it may be an older lvslab's run
    kNone,     // no record and no such process
  } kind = Kind::kNone;
  long pid = 0;  // the recorded pid, or the one in the lab's name
};
OwnerState owner_state(const std::string& prefix);

}  // namespace lvs::hw
