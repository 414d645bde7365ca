#include "sim/hw/standing.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>

#include "sim/hw/error.hpp"
#include "sim/hw/lab.hpp"
#include "sim/hw/lab_lock.hpp"
#include "sim/hw/names.hpp"
#include "sim/hw/nfs_services.hpp"
#include "sim/hw/owner.hpp"
#include "sim/hw/preflight.hpp"
#include "sim/hw/procfs.hpp"
#include "sim/hw/run.hpp"
#include "sim/hw/services.hpp"
#include "sim/scenario/scenario.hpp"

namespace lvs::hw {
namespace {

volatile std::sig_atomic_t g_stop = 0;
void on_term(int) { g_stop = 1; }

// The servers' process: starts every HTTP server, reports on `ready_fd` ("ok" or the
// error), then serves until SIGTERM.
[[noreturn]] void serve_forever(const ScenarioSpec& spec, int ready_fd) {
  ::setsid();
  const int null = ::open("/dev/null", O_RDWR);
  if (null >= 0) {
    ::dup2(null, 0);
    ::dup2(null, 1);
    ::dup2(null, 2);
  }
  struct sigaction sa {};
  sa.sa_handler = on_term;
  ::sigaction(SIGTERM, &sa, nullptr);
  ::sigaction(SIGINT, &sa, nullptr);
  ::sigaction(SIGHUP, &sa, nullptr);
  std::vector<HwServer> servers;
  std::string error;
  try {
    servers = start_hw_servers(spec, std::string(kLabPrefix));
  } catch (const std::exception& e) {
    error = e.what();
  }
  const std::string msg = error.empty() ? "ok" : error;
  [[maybe_unused]] const ssize_t n = ::write(ready_fd, msg.data(), msg.size());
  ::close(ready_fd);
  while (error.empty() && !g_stop) ::pause();
  for (auto& s : servers) s.thread->stop();
  ::_exit(error.empty() ? 0 : 1);
}

// Stops the `hw up` lab's servers' process if the record still names it.
void stop_servers(DownReport& report) {
  const std::string file = owner_file(std::string(kLabPrefix));
  const auto owner = read_owner(std::string(kLabPrefix));
  if (!owner) {
    if (!read_file(file).empty())
      report.warnings.push_back(file +
                                " does not hold \"PID START\" (an older lvslab's?): no process signalled; "
                                "stop the lab's HTTP servers' process yourself");
    return;
  }
  switch (signal_process(*owner, SIGTERM, kServerStopMs)) {
    case SignalResult::kExited: return;
    case SignalResult::kSignalled:
      if (signal_process(*owner, SIGKILL, kServerStopMs) != SignalResult::kExited)
        report.warnings.push_back("the lab's HTTP servers' process " + std::to_string(owner->pid) + " did not end");
      return;
    case SignalResult::kGone:
      if (stamp_of(owner->pid))
        report.warnings.push_back(
            file + " names process " + std::to_string(owner->pid) +
            ", but the lab's HTTP servers' process has ended and that pid now belongs to another process (" +
            command_line(owner->pid) + ", started later): not signalled");
      return;
  }
}

// `hw down --all`: one `hw run` lab, removed unless its owner still runs.
void remove_if_abandoned(const std::string& prefix, DownReport& report) {
  const OwnerState owner = owner_state(prefix);
  const std::string who = "process " + std::to_string(owner.pid) + " (" + command_line(owner.pid) + ")";
  switch (owner.kind) {
    case OwnerState::Kind::kRunning:
      report.kept.push_back("kept " + prefix + "*: they belong to " + who +
                            ", which is running and removes them when it ends");
      return;
    case OwnerState::Kind::kUnknown:
      report.kept.push_back("kept " + prefix + "*: there is no " + owner_file(prefix) + " to tell whether " + who +
                            " made them; remove them with `ip netns delete` once you are sure it did not");
      return;
    case OwnerState::Kind::kGone:
    case OwnerState::Kind::kNone:
      for (auto& n : remove_lab(prefix)) report.removed.push_back(std::move(n));
      return;
  }
}

}  // namespace

std::vector<std::string> hw_up(const ScenarioSpec& spec) {
  if (const std::string why = unsupported_in_hw(spec); !why.empty()) throw HwUnavailable(why);
  if (needs_nfs_programs(spec))
    throw HwUnavailable(
        "`lvslab hw up` does not start nfs and autofs services (their daemons live as long as the "
        "run that started them): play this scenario with `lvslab hw run` or `lvslab hw compare`");
  const Preflight checked = preflight(spec);
  (void)build_run(spec, std::nullopt, false);  // every scenario error before anything is made
  const LabLock lock;
  const std::string prefix(kLabPrefix);
  if (const OwnerState o = owner_state(prefix); o.kind == OwnerState::Kind::kRunning)
    throw HwUnavailable("a lab is already up (its HTTP servers' process is " + std::to_string(o.pid) +
                        "): remove it with `lvslab hw down`");
  Lab lab(spec, prefix, 1.0, checked.shape_links);
  lab.up();
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw_errno("pipe", errno);
  const pid_t pid = ::fork();
  if (pid < 0) throw_errno("fork", errno);
  if (pid == 0) {
    forget_lab_lock_after_fork();
    ::close(fds[0]);
    serve_forever(spec, fds[1]);
  }
  ::close(fds[1]);
  std::string reply;
  char buf[512];
  for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) reply.append(buf, static_cast<std::size_t>(n));
  ::close(fds[0]);
  const auto server = stamp_of(pid);
  if (reply != "ok" || !server) {
    ::kill(pid, SIGTERM);
    ::waitpid(pid, nullptr, 0);
    throw HwError("the HTTP servers did not start: " +
                  (reply.empty() || reply == "ok" ? std::string("the process died") : reply));
  }
  write_owner(prefix, *server);  // the lab now belongs to the servers' process
  lab.release();
  std::vector<std::string> made = lab.made();
  made.push_back("HTTP servers: process " + std::to_string(pid) + " (stopped by `lvslab hw down`)");
  if (!checked.warning.empty()) made.push_back("warning: " + checked.warning);
  return made;
}

DownReport hw_down(bool all) {
  require_root();
  const LabLock lock;
  DownReport report;
  stop_servers(report);
  report.removed = remove_lab(std::string(kLabPrefix));
  if (all)
    for (const auto& prefix : standing_labs())
      if (prefix != kLabPrefix) remove_if_abandoned(prefix, report);
  return report;
}

}  // namespace lvs::hw
