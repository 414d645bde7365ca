#pragma once
// Knowing a process again later. A pid alone does not name a process for long: when it
// ends, the kernel hands the number to the next process that needs one. A pid together
// with the process's start time (/proc/PID/stat field 22, "starttime": clock ticks after
// boot, proc(5)) does: a later process with the same pid started later. Hardware mode
// records this pair for every process that owns a lab (the `hw run` process, the `hw up`
// servers' process) and acts on a pid only when both still match.
#include <optional>
#include <string>
#include <string_view>

namespace lvs::hw {

struct ProcessStamp {
  long pid = 0;
  unsigned long long start_time = 0;  // /proc/PID/stat field 22
  bool operator==(const ProcessStamp&) const = default;
};

// The start time in a /proc/PID/stat line, or nullopt when the line is malformed or the
// process is a zombie ('Z') or dead ('X'): such a process holds nothing any more. The
// command (field 2) is in parentheses and may itself contain spaces and ')', so the
// fields are counted after the last ')' (as procps does).
std::optional<unsigned long long> parse_stat_start_time(std::string_view stat);

// The stamp of the running process `pid`; nullopt when there is none.
std::optional<ProcessStamp> stamp_of(long pid);

// True when the process recorded in `stamp` still runs (same pid, same start time).
bool is_running(const ProcessStamp& stamp);

// The command line of `pid` with its arguments separated by spaces ("" when it is gone),
// cut to a readable length, for messages naming a process.
std::string command_line(long pid);

// "PID START" (the record kept in /run/lvslab) and back; nullopt for anything else.
std::string format_stamp(const ProcessStamp& stamp);
std::optional<ProcessStamp> parse_stamp(std::string_view text);

enum class SignalResult { kSignalled, kGone, kExited };
// Sends `sig` to the process `stamp` names only if it is that process (through a pidfd,
// so that the pid cannot be reused between the check and the signal), then waits up to
// `wait_ms` for it to end. kGone: no such process, nothing sent; kSignalled: sent, still
// running after `wait_ms`; kExited: sent and it ended.
SignalResult signal_process(const ProcessStamp& stamp, int sig, int wait_ms);

}  // namespace lvs::hw
