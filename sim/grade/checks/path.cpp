// path: every request of the chosen traffic took the path the lab model says, in the
// textbook notation (sim/trace/paths.hpp).
//   {"kind": "path", "traffic": "all", "notation": "CIP-VIP-RIP-DIP-CIP"}
#include "sim/grade/check.hpp"

namespace lvs::grade {
namespace {

const std::vector<std::string_view> kRoles = {"CIP", "DGW", "RTR", "DIP", "VIP", "RIP", "SIP", "NFS"};

struct Params {
  TrafficSet traffic = TrafficSet::kAll;
  std::string notation;
};

Params read(const JsonNode& check, const nlohmann::json&) {
  expect_check_keys(check, {"traffic", "notation"});
  Params p;
  p.traffic = traffic_param(check, TrafficSet::kAll);
  const JsonNode n = check.at("notation");
  p.notation = n.nonempty_string();
  for (std::size_t start = 0; start <= p.notation.size();) {
    const std::size_t dash = std::min(p.notation.find('-', start), p.notation.size());
    const std::string role = p.notation.substr(start, dash - start);
    if (std::find(kRoles.begin(), kRoles.end(), role) == kRoles.end())
      n.fail("'" + p.notation + "': '" + role +
             "' is not a path role (expected roles joined by '-', each one of: " + join(kRoles) + ")");
    start = dash + 1;
  }
  return p;
}

void validate(const JsonNode& check, const nlohmann::json& scenario) { (void)read(check, scenario); }

Finding evaluate(const JsonNode& check, GradeWorld& w) {
  const Params p = read(check, w.lab.scenario);
  Finding f;
  const auto requests = w.requests(p.traffic);
  if (requests.empty()) {
    f.cause = "no request of " + traffic_words(p.traffic) + " ran";
    return f;
  }
  std::size_t bad = 0;
  const RequestReport* first = nullptr;
  for (const RequestReport* q : requests)
    if (q->path.notation() != p.notation || !q->path.complete) {
      if (!first) first = q;
      ++bad;
    }
  if (!first) {
    f.passed = true;
    f.evidence = std::to_string(requests.size()) + " requests, each along " + p.notation;
    return f;
  }
  const std::string mismatch = first->path.notation() == p.notation
                                   ? "the path " + p.notation + " is incomplete (no answer came back)"
                                   : path_mismatch(p.notation, first->path);
  return request_finding(w, *first, mismatch, bad, requests.size(), "took another path");
}

}  // namespace

extern const CheckKind kPathCheck{"path", Stage::kRun, validate, evaluate};

}  // namespace lvs::grade
