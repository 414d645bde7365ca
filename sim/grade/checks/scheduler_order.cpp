// scheduler_order: successive requests of the chosen traffic are answered by the real
// servers in the order the scheduler gives: request i by servers[(i + k) % n]. rr over
// rs1 and rs2 is ["rs1", "rs2"]; wrr with weights 2 and 1, ["rs1", "rs1", "rs2"]. Which
// server comes first depends on the order the real servers were added, so any rotation k
// is accepted unless "from_start" is true.
//   {"kind": "scheduler_order", "servers": ["rs2", "rs1"], "traffic": "visible"}
#include "sim/grade/check.hpp"

namespace lvs::grade {
namespace {

struct Params {
  std::vector<std::string> servers;
  TrafficSet traffic = TrafficSet::kVisible;
  bool from_start = false;
};

Params read(const JsonNode& check, const nlohmann::json& scenario) {
  expect_check_keys(check, {"servers", "traffic", "from_start"});
  Params p;
  const JsonNode servers = check.at("servers");
  for (const JsonNode& s : servers.items()) {
    const std::string name = s.nonempty_string();
    if (!scenario_has_host(scenario, name)) s.fail("unknown host '" + name + "' (not in /scenario/hosts)");
    p.servers.push_back(name);
  }
  if (p.servers.empty()) servers.fail("name the servers in the order the scheduler picks them");
  p.traffic = traffic_param(check, TrafficSet::kVisible);
  if (auto f = check.get("from_start")) p.from_start = f->boolean();
  return p;
}

void validate(const JsonNode& check, const nlohmann::json& scenario) { (void)read(check, scenario); }

// How many requests from the first follow the order when request 0 is servers[k].
std::size_t matching(const Params& p, const std::vector<const RequestReport*>& requests, std::size_t k) {
  std::size_t i = 0;
  while (i < requests.size() && requests[i]->server == p.servers[(i + k) % p.servers.size()]) ++i;
  return i;
}

std::string order_of(const std::vector<const RequestReport*>& requests) {
  std::string out;
  for (std::size_t i = 0; i < requests.size() && i < 20; ++i)
    out += (out.empty() ? "" : " ") + (requests[i]->server.empty() ? std::string("(none)") : requests[i]->server);
  return out + (requests.size() > 20 ? " ..." : "");
}

Finding evaluate(const JsonNode& check, GradeWorld& w) {
  const Params p = read(check, w.lab.scenario);
  Finding f;
  const auto requests = w.requests(p.traffic);
  if (requests.size() < 2) {
    f.cause =
        traffic_words(p.traffic) + " has " + std::to_string(requests.size()) + " request(s): too few to see an order";
    return f;
  }
  std::size_t best = matching(p, requests, 0), best_k = 0;
  for (std::size_t k = 1; !p.from_start && k < p.servers.size(); ++k)
    if (const std::size_t m = matching(p, requests, k); m > best) {
      best = m;
      best_k = k;
    }
  f.evidence = "answered by, in order: " + order_of(requests);
  if (best == requests.size()) {
    f.passed = true;
    return f;
  }
  const RequestReport& q = *requests[best];
  const std::string& want = p.servers[(best + best_k) % p.servers.size()];
  f.cause = "request " + describe_request(q) + " was answered by " + (q.server.empty() ? "no server" : q.server) +
            ", the scheduler's order gives " + want + (q.cause ? " — " + q.cause->text : "");
  f.event = request_event(w.run.world->trace(), q);
  return f;
}

}  // namespace

extern const CheckKind kSchedulerOrderCheck{"scheduler_order", Stage::kRun, validate, evaluate};

}  // namespace lvs::grade
