#include "sim/hw/process.hpp"

#include <poll.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <csignal>

#include "sim/hw/procfs.hpp"

namespace lvs::hw {
namespace {

constexpr std::size_t kMaxCommandShown = 200;

std::optional<unsigned long long> parse_number(std::string_view s) {
  unsigned long long v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

// pidfd_open(2) and pidfd_send_signal(2) (Linux 5.3 / 5.1), through syscall(2) so that
// the build does not depend on the C library having the wrappers.
int pidfd_open(long pid) { return static_cast<int>(::syscall(SYS_pidfd_open, static_cast<pid_t>(pid), 0)); }
int pidfd_send_signal(int pidfd, int sig) {
  return static_cast<int>(::syscall(SYS_pidfd_send_signal, pidfd, sig, nullptr, 0));
}

// Waits up to `ms` for the process behind `pidfd` to end (the pidfd becomes readable).
bool wait_exit(int pidfd, int ms) {
  pollfd p{pidfd, POLLIN, 0};
  int rc = 0;
  while ((rc = ::poll(&p, 1, ms)) < 0 && errno == EINTR) {
  }
  return rc > 0;
}

}  // namespace

std::optional<unsigned long long> parse_stat_start_time(std::string_view stat) {
  // "PID (COMM) STATE PPID ... STARTTIME ...": after ") " come fields 3, 4, ...
  const auto close = stat.rfind(')');
  if (close == std::string_view::npos) return std::nullopt;
  std::string_view rest = stat.substr(close + 1);
  int field = 2;
  while (!rest.empty()) {
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (rest.empty()) break;
    const auto end = rest.find_first_of(" \n");
    const std::string_view value = rest.substr(0, end);
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end);
    ++field;
    if (field == 3 && (value == "Z" || value == "X" || value == "x")) return std::nullopt;
    if (field == 22) return parse_number(value);
  }
  return std::nullopt;
}

std::optional<ProcessStamp> stamp_of(long pid) {
  if (pid <= 0) return std::nullopt;
  const auto start = parse_stat_start_time(read_file("/proc/" + std::to_string(pid) + "/stat"));
  if (!start) return std::nullopt;
  return ProcessStamp{pid, *start};
}

bool is_running(const ProcessStamp& stamp) {
  const auto now = stamp_of(stamp.pid);
  return now && *now == stamp;
}

std::string command_line(long pid) {
  std::string s = read_file("/proc/" + std::to_string(pid) + "/cmdline");
  while (!s.empty() && s.back() == '\0') s.pop_back();
  for (char& c : s)
    if (c == '\0') c = ' ';
  if (s.size() > kMaxCommandShown) s = s.substr(0, kMaxCommandShown) + "...";
  return s;
}

std::string format_stamp(const ProcessStamp& stamp) {
  return std::to_string(stamp.pid) + " " + std::to_string(stamp.start_time);
}

std::optional<ProcessStamp> parse_stamp(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
  const auto space = text.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  const auto pid = parse_number(text.substr(0, space));
  const auto start = parse_number(text.substr(space + 1));
  if (!pid || !start || *pid == 0 || *pid > 4194304) return std::nullopt;  // PID_MAX_LIMIT
  return ProcessStamp{static_cast<long>(*pid), *start};
}

SignalResult signal_process(const ProcessStamp& stamp, int sig, int wait_ms) {
  const int fd = pidfd_open(stamp.pid);
  if (fd < 0) {
    if (errno != ENOSYS) return SignalResult::kGone;
    // A kernel before 5.3: the check and the signal are separate steps.
    if (!is_running(stamp) || ::kill(static_cast<pid_t>(stamp.pid), sig) != 0) return SignalResult::kGone;
    for (int waited = 0; waited < wait_ms; waited += 50) {
      if (!is_running(stamp)) return SignalResult::kExited;
      ::usleep(50'000);
    }
    return is_running(stamp) ? SignalResult::kSignalled : SignalResult::kExited;
  }
  // The pidfd holds the process that had the pid when it was opened; if that is the
  // recorded process, its start time is the recorded one (a reuse would start later).
  SignalResult r = SignalResult::kGone;
  if (is_running(stamp) && pidfd_send_signal(fd, sig) == 0)
    r = wait_exit(fd, wait_ms) ? SignalResult::kExited : SignalResult::kSignalled;
  ::close(fd);
  return r;
}

}  // namespace lvs::hw
