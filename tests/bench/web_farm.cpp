// The web-farm benchmark (issue 3): 100 clients behind a gateway, an LVS-NAT director
// (rr), 10 real servers. Each connection sends a ~100-byte HTTP request and gets a
// 1000-byte answer; 100,000 connections at 1000 new connections per simulated second;
// tracing off. Prints wall µs per connection, frames per wall second and peak RSS.
// Targets: <= 25 µs per connection, <= 1 KB of memory per finished connection.
//
//   bench_web_farm [--connections N] [--clients N] [--servers N]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

#include <sys/resource.h>

#include <nlohmann/json.hpp>

#include "farm_scenario.hpp"
#include "sim/net/world.hpp"
#include "sim/scenario/scenario.hpp"

namespace {

using Options = lvs::bench::FarmShape;

long read_status_kb(const char* field) {  // VmHWM / VmRSS from /proc/self/status
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(field, 0) == 0) return std::atol(line.c_str() + std::strlen(field));
  return -1;
}

double cpu_seconds() {  // user + system time of this process so far
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i];
    const long v = std::atol(argv[i + 1]);
    if (k == "--connections") o.connections = v;
    else if (k == "--clients") o.clients = v;
    else if (k == "--servers") o.servers = v;
    else {
      std::fprintf(stderr, "usage: bench_web_farm [--connections N] [--clients N] [--servers N]\n");
      return 2;
    }
  }
  if (o.connections < 1 || o.clients < 1 || o.servers < 1 || o.servers > 5000 ||
      o.clients + o.servers + 2 > static_cast<long>(lvs::kMaxHosts)) {
    std::fprintf(stderr, "bench_web_farm: values out of range\n");
    return 2;
  }
  const long rss_before = read_status_kb("VmRSS:");
  lvs::ScenarioSpec spec = lvs::parse_scenario(lvs::bench::lvs_nat_farm(o), "web-farm");
  // A load run keeps each response's length, not its 1000 bytes (curl -o /dev/null).
  for (auto& t : spec.traffic) t.plan.keep_body = false;
  auto run = lvs::build_run(spec, std::nullopt, /*tracing=*/false);
  const double cpu0 = cpu_seconds();
  const auto t0 = std::chrono::steady_clock::now();
  lvs::execute(*run, std::nullopt);
  const auto t1 = std::chrono::steady_clock::now();
  const double cpu_s = cpu_seconds() - cpu0;
  const double wall_s = std::chrono::duration<double>(t1 - t0).count();

  long ok = 0;
  for (const lvs::HttpResult* r : run->results) ok += r->ok() && r->body_bytes == 1000 ? 1 : 0;
  const long peak_kb = read_status_kb("VmHWM:");
  const double frames = static_cast<double>(run->world->frames_transmitted);
  std::printf(
      "web-farm: %ld clients, %ld real servers (LVS-NAT rr), %zu connections, %ld ok (1000-byte bodies, not kept)\n",
      o.clients, o.servers, run->results.size(), ok);
  std::printf("  simulated %.1f s in %.2f s wall, %llu events, %.0f frames\n", static_cast<double>(run->end_time) / 1e9,
              wall_s, static_cast<unsigned long long>(run->events_processed), frames);
  std::printf("  %.2f us wall per connection   (target <= 25)\n",
              wall_s * 1e6 / static_cast<double>(run->results.size()));
  std::printf("  %.2f us CPU per connection (wall and CPU differ when the machine is shared)\n",
              cpu_s * 1e6 / static_cast<double>(run->results.size()));
  std::printf("  %.2f M frames per wall second\n", frames / wall_s / 1e6);
  std::printf(
      "  peak RSS %.1f MB, %.0f bytes per finished connection (target <= 1024; %.1f MB before the world was built)\n",
      static_cast<double>(peak_kb) / 1024.0, static_cast<double>(peak_kb) * 1024.0 / static_cast<double>(ok ? ok : 1),
      static_cast<double>(rss_before) / 1024.0);
  return ok == static_cast<long>(run->results.size()) ? 0 : 1;
}
