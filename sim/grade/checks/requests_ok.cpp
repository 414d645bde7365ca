// requests_ok: every request of the chosen traffic finished with the expected status
// (default 200) and, when given, the expected body.
//   {"kind": "requests_ok", "traffic": "all", "status": 200, "body": "web server rs1\n"}
#include "sim/core/printable.hpp"
#include "sim/grade/check.hpp"

namespace lvs::grade {
namespace {

struct Params {
  TrafficSet traffic = TrafficSet::kAll;
  int status = 200;
  std::optional<std::string> body, body_contains;
};

Params read(const JsonNode& check, const nlohmann::json&) {
  expect_check_keys(check, {"traffic", "status", "body", "body_contains"});
  Params p;
  p.traffic = traffic_param(check, TrafficSet::kAll);
  if (auto s = check.get("status")) p.status = static_cast<int>(s->unsigned_integer(100, 599));
  if (auto b = check.get("body")) p.body = b->string();
  if (auto b = check.get("body_contains")) p.body_contains = b->nonempty_string();
  return p;
}

void validate(const JsonNode& check, const nlohmann::json& scenario) { (void)read(check, scenario); }

// What is wrong with one request; "" when it is as expected.
std::string wrong(const Params& p, const RequestReport& q) {
  if (q.status == 0) return q.error.empty() ? "no answer" : q.error;
  if (q.end_ns < 0) return "not finished when the run ended";
  if (q.status != p.status) return "status " + std::to_string(q.status) + ", expected " + std::to_string(p.status);
  if (q.body_dropped) return "";
  if (p.body && q.body != *p.body)
    return "the page was " + nlohmann::json(q.body).dump() + ", expected " + nlohmann::json(*p.body).dump();
  if (p.body_contains && q.body.find(*p.body_contains) == std::string::npos)
    return "the page " + nlohmann::json(q.body).dump() + " does not contain " + nlohmann::json(*p.body_contains).dump();
  return "";
}

Finding evaluate(const JsonNode& check, GradeWorld& w) {
  const Params p = read(check, w.lab.scenario);
  Finding f;
  const auto requests = w.requests(p.traffic);
  std::size_t bad = 0;
  const RequestReport* first = nullptr;
  std::string first_why;
  for (const RequestReport* q : requests) {
    const std::string why = wrong(p, *q);
    if (why.empty()) continue;
    if (!first) {
      first = q;
      first_why = why;
    }
    ++bad;
  }
  if (const std::size_t missing = w.not_run(p.traffic); missing != 0 && !first) {
    f.cause = std::to_string(missing) + " requests never started: the run stopped at " +
              format_time(w.report->end_time) + " (" + w.report->stop_reason + ")";
    return f;
  }
  if (requests.empty()) {
    f.cause = std::string("no request of the ") + traffic_set_name(p.traffic) + " traffic ran";
    return f;
  }
  if (!first) {
    f.passed = true;
    f.evidence = std::to_string(requests.size()) + " requests, all answered with status " + std::to_string(p.status);
    return f;
  }
  const std::string diagnosed = cause_text(*first);
  f.cause = "request " + describe_request(*first) + ": " + printable(first_why) +
            (diagnosed.empty() ? "" : " — " + diagnosed);
  f.evidence =
      std::to_string(bad) + " of " + std::to_string(requests.size()) + " requests failed; " + describe_request(*first) +
      ": " + (first->status ? "status " + std::to_string(first->status) : "no answer") +
      (first->path.hops.empty() ? ""
                                : ", path " + first->path.notation() + (first->path.complete ? "" : " (incomplete)"));
  f.event = request_event(w.run.world->trace(), *first);
  return f;
}

}  // namespace

extern const CheckKind kRequestsOkCheck{"requests_ok", Stage::kRun, validate, evaluate};

}  // namespace lvs::grade
