// requests_ok: every request of the chosen traffic finished with the expected status
// (default 200) and, when given, the expected body.
//   {"kind": "requests_ok", "traffic": "all", "status": 200, "body": "web server rs1\n"}
#include "sim/grade/check.hpp"

namespace lvs::grade {
namespace {

struct Params {
  TrafficSet traffic = TrafficSet::kAll;
  PageExpect page;
};

Params read(const JsonNode& check, const nlohmann::json&) {
  expect_check_keys(check, {"traffic", "status", "body", "body_contains"});
  return {traffic_param(check, TrafficSet::kAll), page_param(check)};
}

void validate(const JsonNode& check, const nlohmann::json& scenario) { (void)read(check, scenario); }

Finding evaluate(const JsonNode& check, GradeWorld& w) {
  const Params p = read(check, w.lab.scenario);
  const auto requests = w.requests(p.traffic);
  std::size_t bad = 0;
  const RequestReport* first = nullptr;
  std::string first_problem;
  for (const RequestReport* q : requests) {
    const std::string problem = page_problem(p.page, *q);
    if (problem.empty()) continue;
    if (!first) {
      first = q;
      first_problem = problem;
    }
    ++bad;
  }
  if (first) return request_finding(w, *first, first_problem, bad, requests.size(), "failed");
  Finding f;
  if (const std::size_t missing = w.not_run(p.traffic); missing != 0) {
    f.cause = std::to_string(missing) + " requests never started: the run stopped at " +
              format_time(w.report->end_time) + " (" + w.report->stop_reason + ")";
    return f;
  }
  if (requests.empty()) {
    f.cause = "no request of " + traffic_words(p.traffic) + " ran";
    return f;
  }
  f.passed = true;
  f.evidence = std::to_string(requests.size()) + " requests, all answered with status " + std::to_string(p.page.status);
  return f;
}

}  // namespace

extern const CheckKind kRequestsOkCheck{"requests_ok", Stage::kRun, validate, evaluate};

}  // namespace lvs::grade
