#include "sim/hw/standing.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <fstream>
#include <memory>

#include "sim/hw/error.hpp"
#include "sim/hw/http_apps.hpp"
#include "sim/hw/lab.hpp"
#include "sim/hw/names.hpp"
#include "sim/hw/preflight.hpp"
#include "sim/hw/procfs.hpp"
#include "sim/hw/run.hpp"
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
  struct sigaction sa{};
  sa.sa_handler = on_term;
  ::sigaction(SIGTERM, &sa, nullptr);
  ::sigaction(SIGINT, &sa, nullptr);
  ::sigaction(SIGHUP, &sa, nullptr);
  std::vector<std::unique_ptr<HttpServerThread>> servers;
  std::string error;
  try {
    for (const auto& h : spec.hosts)
      for (const auto& svc : h.services)
        if (svc.type == "http") servers.push_back(std::make_unique<HttpServerThread>(host_netns(kLabPrefix, h.name), svc.http));
  } catch (const std::exception& e) {
    error = e.what();
  }
  const std::string msg = error.empty() ? "ok" : error;
  [[maybe_unused]] const ssize_t n = ::write(ready_fd, msg.data(), msg.size());
  ::close(ready_fd);
  while (error.empty() && !g_stop) ::pause();
  for (auto& s : servers) s->stop();
  ::_exit(error.empty() ? 0 : 1);
}

// Our servers' process, if the pid file names a live lvslab process.
pid_t server_pid() {
  std::ifstream in(kServerPidFile);
  long pid = 0;
  if (!(in >> pid) || pid <= 1) return 0;
  const std::string cmdline = read_file("/proc/" + std::to_string(pid) + "/cmdline");
  if (cmdline.find("lvslab") == std::string::npos) return 0;
  return static_cast<pid_t>(pid);
}

}  // namespace

std::vector<std::string> hw_up(const ScenarioSpec& spec) {
  if (const std::string why = unsupported_in_hw(spec); !why.empty()) throw HwUnavailable(why);
  preflight(spec);
  (void)build_run(spec, std::nullopt, false);  // every scenario error before anything is made
  if (server_pid() != 0)
    throw HwUnavailable("a lab is already up (servers' process " + std::to_string(server_pid()) +
                  "): remove it with `lvslab hw down`");
  Lab lab(spec, std::string(kLabPrefix));
  lab.up();
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw_errno("pipe", errno);
  const pid_t pid = ::fork();
  if (pid < 0) throw_errno("fork", errno);
  if (pid == 0) {
    ::close(fds[0]);
    serve_forever(spec, fds[1]);
  }
  ::close(fds[1]);
  std::string reply;
  char buf[512];
  for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) reply.append(buf, static_cast<std::size_t>(n));
  ::close(fds[0]);
  if (reply != "ok") {
    ::waitpid(pid, nullptr, 0);
    throw HwError("the HTTP servers did not start: " + (reply.empty() ? std::string("the process died") : reply));
  }
  ::mkdir(kStateDir, 0755);
  std::ofstream(kServerPidFile) << pid << "\n";
  lab.release();
  std::vector<std::string> made = lab.made();
  made.push_back("HTTP servers: process " + std::to_string(pid) + " (stopped by `lvslab hw down`)");
  return made;
}

std::vector<std::string> hw_down(bool all) {
  require_root();
  if (const pid_t pid = server_pid(); pid != 0) {
    ::kill(pid, SIGTERM);
    for (int i = 0; i < 50 && ::kill(pid, 0) == 0; ++i) ::usleep(100'000);
    ::waitpid(pid, nullptr, WNOHANG);
  }
  ::unlink(kServerPidFile);
  return remove_labs(all ? "" : std::string(kLabPrefix));
}

}  // namespace lvs::hw
