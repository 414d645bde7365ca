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

#include <nlohmann/json.hpp>

#include "sim/net/world.hpp"
#include "sim/scenario/scenario.hpp"

namespace {

struct Options {
  long connections = 100'000;
  long clients = 100;
  long servers = 10;
  long rate = 1000;  // new connections per simulated second, over all clients
};

long read_status_kb(const char* field) {  // VmHWM / VmRSS from /proc/self/status
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(field, 0) == 0) return std::atol(line.c_str() + std::strlen(field));
  return -1;
}

std::string ip(int a, int b, int c, int d) {
  return std::to_string(a) + "." + std::to_string(b) + "." + std::to_string(c) + "." + std::to_string(d);
}

// The farm as a scenario document (the same path a user's scenario takes).
nlohmann::json farm(const Options& o) {
  using nlohmann::json;
  const long per_client = (o.connections + o.clients - 1) / o.clients;
  const double every_s = static_cast<double>(o.clients) / static_cast<double>(o.rate);
  const double duration_s = static_cast<double>(per_client) * every_s + 30.0;
  json d;
  d["name"] = "web-farm";
  d["duration"] = std::to_string(static_cast<long>(duration_s)) + "s";
  d["limits"] = {{"max_events", 4'000'000'000ULL}};
  d["segments"] = json::array({{{"name", "clients"}}, {{"name", "wan"}}, {{"name", "lan"}}});
  json hosts = json::array();
  for (long c = 0; c < o.clients; ++c)
    hosts.push_back({{"name", "c" + std::to_string(c)},
                     {"role", "client"},
                     {"interfaces", json::array({{{"name", "eth0"}, {"segment", "clients"},
                                                  {"addresses", json::array({ip(10, 0, static_cast<int>(c / 250), static_cast<int>(c % 250 + 2)) + "/16"})}}})},
                     {"routes", json::array({"default via 10.0.255.1"})}});
  hosts.push_back({{"name", "gw"}, {"role", "gateway"},
                   {"interfaces", json::array({{{"name", "eth0"}, {"segment", "clients"}, {"addresses", json::array({"10.0.255.1/16"})}},
                                               {{"name", "eth1"}, {"segment", "wan"}, {"addresses", json::array({"192.168.0.1/24"})}}})},
                   {"sysctls", {{"net.ipv4.ip_forward", 1}}}});
  json rules = json::array({"-A -t 192.168.0.100:80 -s rr"});
  for (long s = 0; s < o.servers; ++s) rules.push_back("-a -t 192.168.0.100:80 -r " + ip(192, 168, 10, static_cast<int>(11 + s)) + ":80 -m");
  hosts.push_back({{"name", "director"}, {"role", "director"},
                   {"interfaces", json::array({{{"name", "eth0"}, {"segment", "wan"}, {"addresses", json::array({"192.168.0.10/24", "192.168.0.100/24"})}},
                                               {{"name", "eth1"}, {"segment", "lan"}, {"addresses", json::array({"192.168.10.1/24"})}}})},
                   {"routes", json::array({"default via 192.168.0.1"})},
                   {"sysctls", {{"net.ipv4.ip_forward", 1}}},
                   {"ipvsadm", rules}});
  const std::string page(1000 - 1, 'x');
  for (long s = 0; s < o.servers; ++s)
    hosts.push_back({{"name", "rs" + std::to_string(s + 1)}, {"role", "realserver"},
                     {"interfaces", json::array({{{"name", "eth0"}, {"segment", "lan"},
                                                  {"addresses", json::array({ip(192, 168, 10, static_cast<int>(11 + s)) + "/24"})}}})},
                     {"routes", json::array({"default via 192.168.10.1"})},
                     {"services", json::array({{{"type", "http"}, {"files", {{"/var/www/html/index.html", page + "\n"}}}}})}});
  d["hosts"] = hosts;
  json traffic = json::array();
  const long every_us = o.clients * 1'000'000 / o.rate;
  for (long c = 0; c < o.clients; ++c)
    traffic.push_back({{"client", "c" + std::to_string(c)}, {"type", "http"}, {"url", "http://192.168.0.100/"},
                       {"at", std::to_string(1'000'000 + c * 1'000'000 / o.rate) + "us"},
                       {"every", std::to_string(every_us) + "us"}, {"count", per_client}});
  d["traffic"] = traffic;
  return d;
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
  if (o.connections < 1 || o.clients < 1 || o.servers < 1 || o.servers > 200 || o.clients > 60000) {
    std::fprintf(stderr, "bench_web_farm: values out of range\n");
    return 2;
  }
  const long rss_before = read_status_kb("VmRSS:");
  lvs::ScenarioSpec spec = lvs::parse_scenario(farm(o), "web-farm");
  // A load run keeps each response's length, not its 1000 bytes (curl -o /dev/null).
  for (auto& t : spec.traffic) t.plan.keep_body = false;
  auto run = lvs::build_run(spec, std::nullopt, /*tracing=*/false);
  const auto t0 = std::chrono::steady_clock::now();
  lvs::execute(*run, std::nullopt);
  const auto t1 = std::chrono::steady_clock::now();
  const double wall_s = std::chrono::duration<double>(t1 - t0).count();

  long ok = 0;
  for (const lvs::HttpResult* r : run->results) ok += r->ok() && r->body_bytes == 1000 ? 1 : 0;
  const long peak_kb = read_status_kb("VmHWM:");
  const double frames = static_cast<double>(run->world->frames_transmitted);
  std::printf("web-farm: %ld clients, %ld real servers (LVS-NAT rr), %zu connections, %ld ok (1000-byte bodies, not kept)\n", o.clients, o.servers,
              run->results.size(), ok);
  std::printf("  simulated %.1f s in %.2f s wall, %llu events, %.0f frames\n",
              static_cast<double>(run->end_time) / 1e9, wall_s,
              static_cast<unsigned long long>(run->events_processed), frames);
  std::printf("  %.2f us wall per connection   (target <= 25)\n", wall_s * 1e6 / static_cast<double>(run->results.size()));
  std::printf("  %.2f M frames per wall second\n", frames / wall_s / 1e6);
  std::printf("  peak RSS %.1f MB, %.0f bytes per finished connection (target <= 1024; %.1f MB before the world was built)\n",
              static_cast<double>(peak_kb) / 1024.0, static_cast<double>(peak_kb) * 1024.0 / static_cast<double>(ok ? ok : 1),
              static_cast<double>(rss_before) / 1024.0);
  return ok == static_cast<long>(run->results.size()) ? 0 : 1;
}
