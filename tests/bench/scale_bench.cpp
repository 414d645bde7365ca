// The scale benchmark (issue 9 §3): how the cost of `lvslab run` grows with the size of
// a scenario. Each case is a scenario file written to a temporary directory and run by
// the real `lvslab` binary in a child process (what a user runs: the report included),
// so that each case's peak RSS is its own. Prints, per case: wall and CPU time per
// request, peak RSS and bytes per request, events per request and the report size.
// Flat means: per-request time and bytes stay the same from 10k to 1M requests.
//
//   bench_scale [--quick] [--case TEXT] [--lvslab PATH]
//     --quick  the small cases only (10k requests, 10 and 100 hosts)
//     --case   only the cases whose label contains TEXT
//
// A child is limited to 8 GiB of address space and 10 minutes; a case that hits a
// limit is reported as such (the figure before a fix may be "out of memory").
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "farm_scenario.hpp"

namespace {

constexpr rlim_t kChildAddressSpace = 8ull << 30;
constexpr int kChildSeconds = 600;

struct Case {
  std::string label;
  nlohmann::json scenario;
  long requests = 0;
  std::vector<std::string> args{"run"};
};

struct Outcome {
  double wall_s = 0, cpu_s = 0;
  long max_rss_kb = 0;
  long report_bytes = 0;
  std::string status;  // "exit 0", "killed (time limit)", ...
  long events = -1;    // from the report's last line
};

// "... 1234 events, ..." in the last line of the text report.
long events_in_report(const std::string& path) {
  std::ifstream in(path);
  std::string line, last;
  while (std::getline(in, line))
    if (!line.empty()) last = line;
  const auto at = last.find(" events");
  if (at == std::string::npos) return -1;
  auto start = last.rfind(' ', at - 1);
  start = start == std::string::npos ? 0 : start + 1;
  return std::atol(last.c_str() + start);
}

Outcome run_case(const std::string& lvslab, const std::string& dir, const Case& c) {
  const std::string scenario = dir + "/scenario.json";
  const std::string report = dir + "/report.txt";
  {
    std::ofstream out(scenario);
    out << c.scenario.dump();
  }
  std::vector<std::string> argv_s{lvslab};
  argv_s.insert(argv_s.end(), c.args.begin(), c.args.end());
  argv_s.push_back(scenario);
  const auto t0 = std::chrono::steady_clock::now();
  std::fflush(stdout);  // or the child's copy of the buffer is printed again
  const pid_t pid = fork();
  if (pid == 0) {
    const rlimit as{kChildAddressSpace, kChildAddressSpace};
    setrlimit(RLIMIT_AS, &as);
    if (!freopen(report.c_str(), "w", stdout) || !freopen("/dev/null", "w", stderr)) _exit(127);
    std::vector<char*> argv;
    for (auto& a : argv_s) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  Outcome o;
  int status = 0;
  rusage ru{};
  bool timed_out = false;
  for (;;) {
    const pid_t r = wait4(pid, &status, WNOHANG, &ru);
    if (r == pid) break;
    if (std::chrono::steady_clock::now() - t0 > std::chrono::seconds(kChildSeconds) && !timed_out) {
      kill(pid, SIGKILL);
      timed_out = true;
    }
    usleep(20'000);
  }
  o.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  o.cpu_s = static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
            static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
  o.max_rss_kb = ru.ru_maxrss;
  struct stat st {};
  o.report_bytes = stat(report.c_str(), &st) == 0 ? static_cast<long>(st.st_size) : -1;
  if (timed_out) o.status = "killed after " + std::to_string(kChildSeconds) + " s";
  else if (WIFEXITED(status)) o.status = "exit " + std::to_string(WEXITSTATUS(status));
  else if (WIFSIGNALED(status)) o.status = std::string("signal ") + strsignal(WTERMSIG(status)) + " (8 GiB limit?)";
  o.events = events_in_report(report);
  return o;
}

void print_header() {
  std::printf("%-44s %9s %9s %9s %10s %9s %9s %11s  %s\n", "case", "requests", "wall us/r", "CPU us/r", "peak RSS",
              "B/request", "events/r", "report", "result");
}

void print_row(const Case& c, const Outcome& o) {
  const double n = static_cast<double>(c.requests > 0 ? c.requests : 1);
  const std::string events = o.events >= 0 ? std::to_string(static_cast<long>(static_cast<double>(o.events) / n)) : "-";
  std::printf("%-44s %9ld %9.2f %9.2f %7.1f MB %9.0f %9s %8.1f KB  %s\n", c.label.c_str(), c.requests,
              o.wall_s * 1e6 / n, o.cpu_s * 1e6 / n, static_cast<double>(o.max_rss_kb) / 1024.0,
              static_cast<double>(o.max_rss_kb) * 1024.0 / n, events.c_str(),
              static_cast<double>(o.report_bytes) / 1024.0, o.status.c_str());
  std::fflush(stdout);
}

std::vector<Case> cases(bool quick) {
  std::vector<Case> out;
  // Requests: 10 clients, LVS-NAT, 10 real servers, 1000 new connections per second.
  for (long n : {10'000L, 100'000L, 1'000'000L}) {
    if (quick && n > 10'000) continue;
    lvs::bench::FarmShape f;
    f.connections = n;
    f.clients = 10;
    out.push_back({"LVS-NAT farm, 10 clients, 1000 conn/s", lvs::bench::lvs_nat_farm(f), n});
  }
  // A wide farm (issue 14): 10,000 clients and 1,000 real servers, 10 requests each at
  // 1000 new connections per second, against the 100-client / 10-server farm at the same
  // rate: per-request time should stay within 1.5x. (Each client's and the gateway's ARP
  // requests are broadcasts that reach all 10,001 hosts of the clients' segment.)
  if (!quick) {
    lvs::bench::FarmShape narrow, wide;
    narrow.connections = wide.connections = 100'000;
    narrow.clients = 100;
    narrow.servers = 10;
    wide.clients = 10'000;
    wide.servers = 1'000;
    out.push_back({"LVS-NAT farm, 100 clients, 10 servers", lvs::bench::lvs_nat_farm(narrow), narrow.connections});
    out.push_back({"wide farm, 10,000 clients, 1,000 servers", lvs::bench::lvs_nat_farm(wide), wide.connections});
  }
  // Client ports: one client, 1000 connections per second into a blackhole, each
  // holding its port for 60 s: after ~28 s the 28,232 ports of ip_local_port_range are
  // all in use and connect() fails (EADDRNOTAVAIL) until one is freed. Every request
  // fails here; what is measured is the cost of choosing (or not finding) a port.
  for (long n : {10'000L, 100'000L}) {
    if (quick && n > 10'000) continue;
    out.push_back({"1 client, 1000 conn/s into a blackhole (ports)", lvs::bench::blackhole(n, 1000), n});
  }
  // Hosts on one segment: each client sends 10 requests, one per second.
  for (long h : {10L, 100L, 999L}) {
    if (quick && h > 100) continue;
    out.push_back(
        {std::to_string(h + 1) + " hosts on one segment, 10 req each", lvs::bench::one_segment(h, 10), h * 10});
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  std::string only;
  std::string lvslab = LVSLAB_BINARY;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--quick") quick = true;
    else if (a == "--lvslab" && i + 1 < argc) lvslab = argv[++i];
    else if (a == "--case" && i + 1 < argc) only = argv[++i];
    else {
      std::fprintf(stderr, "usage: bench_scale [--quick] [--case TEXT] [--lvslab PATH]\n");
      return 2;
    }
  }
  char dir_template[] = "/tmp/lvslab-bench-scale-XXXXXX";
  const char* dir = mkdtemp(dir_template);
  if (!dir) {
    std::perror("bench_scale: mkdtemp");
    return 2;
  }
  std::printf("bench_scale: `%s run` per case (a child process each, at most 8 GiB, %d s)\n", lvslab.c_str(),
              kChildSeconds);
  print_header();
  for (const Case& c : cases(quick))
    if (c.label.find(only) != std::string::npos) print_row(c, run_case(lvslab, dir, c));
  std::remove((std::string(dir) + "/scenario.json").c_str());
  std::remove((std::string(dir) + "/report.txt").c_str());
  rmdir(dir);
  return 0;
}
