#pragma once
// Scenario documents the benchmarks run, built in code (the same path a user's scenario
// file takes: parse_scenario or `lvslab run`).
//  * lvs_nat_farm(): clients behind a gateway, an LVS-NAT director (rr), real servers that
//    answer a 1000-byte page; the requests are spread over the clients at a fixed rate.
//  * one_segment(): N clients and one web server on a single segment (a flat LAN).
//  * blackhole(): one client whose requests go into a blackhole route on its gateway;
//    each connection waits in SYN_SENT until the request's timeout and holds its port.
#include <string>

#include <nlohmann/json.hpp>

namespace lvs::bench {

struct FarmShape {
  long connections = 100'000;
  long clients = 100;
  long servers = 10;
  long rate = 1000;  // new connections per simulated second, over all clients
};

inline std::string dotted(long a, long b, long c, long d) {
  return std::to_string(a) + "." + std::to_string(b) + "." + std::to_string(c) + "." + std::to_string(d);
}

// A scenario's top level: its name, its duration, an event limit out of the way.
inline nlohmann::json scenario_top(const std::string& name, long duration_s) {
  nlohmann::json d;
  d["name"] = name;
  d["duration"] = std::to_string(duration_s) + "s";
  d["limits"] = {{"max_events", 4'000'000'000ULL}};
  return d;
}

// A host with one interface, eth0, on `segment`.
inline nlohmann::json one_nic_host(const std::string& name, const std::string& role, const std::string& segment,
                                   const std::string& address) {
  using nlohmann::json;
  return {
      {"name", name},
      {"role", role},
      {"interfaces", json::array({{{"name", "eth0"}, {"segment", segment}, {"addresses", json::array({address})}}})}};
}

// The real servers' LAN: 192.168.10.0/24 (the director 192.168.10.1, the servers from .11)
// for up to 240 servers; a wide farm's 172.16.0.0/16 (the director 172.16.255.1).
struct FarmLan {
  bool wide;
  std::string director() const { return wide ? "172.16.255.1" : "192.168.10.1"; }
  std::string prefix_len() const { return wide ? "/16" : "/24"; }
  std::string server(long s) const {
    return wide ? dotted(172, 16, s / 200, s % 200 + 11) : dotted(192, 168, 10, 11 + s);
  }
};

inline nlohmann::json lvs_nat_farm(const FarmShape& o) {
  using nlohmann::json;
  const FarmLan lan{o.servers > 240};
  const long per_client = (o.connections + o.clients - 1) / o.clients;
  const double every_s = static_cast<double>(o.clients) / static_cast<double>(o.rate);
  const double duration_s = static_cast<double>(per_client) * every_s + 30.0;
  json d = scenario_top("web-farm", static_cast<long>(duration_s));
  d["segments"] = json::array({{{"name", "clients"}}, {{"name", "wan"}}, {{"name", "lan"}}});
  json hosts = json::array();
  for (long c = 0; c < o.clients; ++c) {
    hosts.push_back(
        one_nic_host("c" + std::to_string(c), "client", "clients", dotted(10, 0, c / 250, c % 250 + 2) + "/16"));
    hosts.back()["routes"] = json::array({"default via 10.0.255.1"});
  }
  hosts.push_back(
      {{"name", "gw"},
       {"role", "gateway"},
       {"interfaces",
        json::array({{{"name", "eth0"}, {"segment", "clients"}, {"addresses", json::array({"10.0.255.1/16"})}},
                     {{"name", "eth1"}, {"segment", "wan"}, {"addresses", json::array({"192.168.0.1/24"})}}})},
       {"sysctls", {{"net.ipv4.ip_forward", 1}}}});
  json rules = json::array({"-A -t 192.168.0.100:80 -s rr"});
  for (long s = 0; s < o.servers; ++s) rules.push_back("-a -t 192.168.0.100:80 -r " + lan.server(s) + ":80 -m");
  hosts.push_back({{"name", "director"},
                   {"role", "director"},
                   {"interfaces", json::array({{{"name", "eth0"},
                                                {"segment", "wan"},
                                                {"addresses", json::array({"192.168.0.10/24", "192.168.0.100/24"})}},
                                               {{"name", "eth1"},
                                                {"segment", "lan"},
                                                {"addresses", json::array({lan.director() + lan.prefix_len()})}}})},
                   {"routes", json::array({"default via 192.168.0.1"})},
                   {"sysctls", {{"net.ipv4.ip_forward", 1}}},
                   {"ipvsadm", rules}});
  const std::string page(1000 - 1, 'x');
  for (long s = 0; s < o.servers; ++s) {
    hosts.push_back(one_nic_host("rs" + std::to_string(s + 1), "realserver", "lan", lan.server(s) + lan.prefix_len()));
    hosts.back()["routes"] = json::array({"default via " + lan.director()});
    hosts.back()["services"] =
        json::array({{{"type", "http"}, {"files", {{"/var/www/html/index.html", page + "\n"}}}}});
  }
  d["hosts"] = hosts;
  json traffic = json::array();
  const long every_us = o.clients * 1'000'000 / o.rate;
  for (long c = 0; c < o.clients; ++c)
    traffic.push_back({{"client", "c" + std::to_string(c)},
                       {"type", "http"},
                       {"url", "http://192.168.0.100/"},
                       {"at", std::to_string(1'000'000 + c * 1'000'000 / o.rate) + "us"},
                       {"every", std::to_string(every_us) + "us"},
                       {"count", per_client}});
  d["traffic"] = traffic;
  return d;
}

// `clients` clients and one web server on one segment; each client sends `requests`
// requests, one per second, the clients' first requests 1 ms apart.
inline nlohmann::json one_segment(long clients, long requests) {
  using nlohmann::json;
  json d = scenario_top("one-segment", requests + 1 + clients / 1000 + 2);
  d["segments"] = json::array({{{"name", "lan"}}});
  json hosts = json::array({one_nic_host("web", "server", "lan", "10.0.0.1/16")});
  hosts.back()["services"] = json::array({{{"type", "http"}, {"files", {{"/var/www/html/index.html", "hello\n"}}}}});
  json traffic = json::array();
  for (long c = 0; c < clients; ++c) {
    const std::string name = "c" + std::to_string(c);
    hosts.push_back(one_nic_host(name, "client", "lan", dotted(10, 0, 1 + c / 250, c % 250 + 1) + "/16"));
    traffic.push_back({{"client", name},
                       {"type", "http"},
                       {"url", "http://10.0.0.1/"},
                       {"at", std::to_string(1000 + c) + "ms"},
                       {"every", "1s"},
                       {"count", requests}});
  }
  d["hosts"] = hosts;
  d["traffic"] = traffic;
  return d;
}

// One client, `requests` requests at `rate` per second to 192.168.99.1, which its gateway
// blackholes (no answer, no ICMP): each connection keeps its ephemeral port for the
// request's timeout (60 s). At 1000 per second, 60,000 ports would be needed and the
// range (32768-60999) has 28,232: the others fail with EADDRNOTAVAIL.
inline nlohmann::json blackhole(long requests, long rate) {
  using nlohmann::json;
  const long every_us = 1'000'000 / rate;
  json d = scenario_top("blackhole", requests / rate + 70);
  d["segments"] = json::array({{{"name", "lan"}}});
  json client = one_nic_host("client", "client", "lan", "10.0.0.5/24");
  client["routes"] = json::array({"default via 10.0.0.1"});
  json gw = one_nic_host("gw", "gateway", "lan", "10.0.0.1/24");
  gw["routes"] = json::array({"blackhole 192.168.99.0/24"});
  gw["sysctls"] = {{"net.ipv4.ip_forward", 1}};
  d["hosts"] = json::array({client, gw});
  d["traffic"] = json::array({{{"client", "client"},
                               {"type", "http"},
                               {"url", "http://192.168.99.1/"},
                               {"at", "1s"},
                               {"every", std::to_string(every_us) + "us"},
                               {"count", requests},
                               {"timeout", "60s"}}});
  return d;
}

}  // namespace lvs::bench
