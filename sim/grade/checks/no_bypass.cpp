// no_bypass: no request of the chosen traffic reached a real server without passing the
// director (the LVS-DR ARP problem: the gateway or client sent it straight to a real
// server's MAC). Read from each request's path: it must have a hop on the director.
//   {"kind": "no_bypass", "director": "director", "traffic": "all"}
#include "sim/grade/check.hpp"

namespace lvs::grade {
namespace {

struct Params {
  std::string director;
  TrafficSet traffic = TrafficSet::kAll;
};

Params read(const JsonNode& check, const nlohmann::json& scenario) {
  expect_check_keys(check, {"director", "traffic"});
  return {director_param(check, scenario), traffic_param(check, TrafficSet::kAll)};
}

void validate(const JsonNode& check, const nlohmann::json& scenario) { (void)read(check, scenario); }

bool bypassed(const RequestReport& q, const std::string& director) {
  if (q.path.hops.size() < 2) return false;  // it went nowhere: a failure, not a bypass
  return std::none_of(q.path.hops.begin(), q.path.hops.end(), [&](const PathHop& h) { return h.host == director; });
}

Finding evaluate(const JsonNode& check, GradeWorld& w) {
  const Params p = read(check, w.lab.scenario);
  const auto requests = w.requests(p.traffic);
  std::size_t bad = 0;
  const RequestReport* first = nullptr;
  for (const RequestReport* q : requests)
    if (bypassed(*q, p.director)) {
      if (!first) first = q;
      ++bad;
    }
  if (first) {
    return request_finding(w, *first, "it did not pass " + p.director + " (path " + first->path.notation() + ")", bad,
                           requests.size(), "bypassed the director");
  }
  Finding f;
  if (requests.empty()) {
    f.cause = "no request of " + traffic_words(p.traffic) + " ran";
    return f;
  }
  // Nothing bypassed a director that nothing reached either: that shows nothing.
  const bool reached = std::any_of(requests.begin(), requests.end(), [&](const RequestReport* q) {
    return std::any_of(q->path.hops.begin(), q->path.hops.end(),
                       [&](const PathHop& h) { return h.host == p.director; });
  });
  if (!reached) {
    f.cause = "no request reached " + p.director + " (nor a real server): nothing shows the way requests take";
    f.event = request_event(w.run.world->trace(), *requests.front());
    return f;
  }
  f.passed = true;
  f.evidence = std::to_string(requests.size()) + " requests, each through " + p.director;
  return f;
}

}  // namespace

extern const CheckKind kNoBypassCheck{"no_bypass", Stage::kRun, validate, evaluate};

}  // namespace lvs::grade
