// survives_reboot: the configuration survives a reboot. In a run of its own (per seed),
// every configured host is rebooted at `at` (an action {"power": "reboot"}: its addresses,
// routes, sysctls and IPVS rules are forgotten and it boots again from its files and
// enabled units; what was only typed is gone), and every request of the chosen traffic
// that starts after `at` must still get its page.
//   {"kind": "survives_reboot", "at": "5s", "traffic": "all", "status": 200}
#include "sim/core/time.hpp"
#include "sim/grade/check.hpp"

namespace lvs::grade {
namespace {

struct Params {
  SimTime at = 0;
  TrafficSet traffic = TrafficSet::kAll;
  PageExpect page;
};

SimTime duration_of(const JsonNode& node) {
  std::string why;
  const std::string text = node.nonempty_string();
  const auto d = parse_user_duration(text, &why);
  if (!d) node.fail("'" + text + "' " + why);
  return *d;
}

// When the last request of any traffic entry starts (entries were checked with the scenario).
SimTime last_request(const nlohmann::json& scenario) {
  SimTime last = 0;
  std::string why;
  if (!scenario.contains("traffic") || !scenario["traffic"].is_array()) return last;
  for (const auto& t : scenario["traffic"]) {
    if (!t.is_object()) continue;
    const auto at = parse_user_duration(t.value("at", "0s"), &why).value_or(0);
    const auto every = parse_user_duration(t.value("every", "0s"), &why).value_or(0);
    const auto count = t.contains("count") && t["count"].is_number_unsigned() ? t["count"].get<std::uint64_t>() : 1;
    last = std::max<SimTime>(last, at + every * static_cast<SimTime>(count > 0 ? count - 1 : 0));
  }
  return last;
}

Params read(const JsonNode& check, const nlohmann::json& scenario) {
  expect_check_keys(check, {"at", "traffic", "status", "body", "body_contains"});
  Params p;
  const JsonNode at = check.at("at");
  p.at = duration_of(at);
  std::string why;
  const auto duration = parse_user_duration(scenario.value("duration", ""), &why);
  if (duration && p.at >= *duration)
    at.fail("the reboot must come before the end of the run (duration " + format_duration(*duration) + ")");
  if (last_request(scenario) <= p.at)
    at.fail("no request starts after the reboot at " + format_duration(p.at) +
            ": give traffic (visible or hidden) that comes after it");
  p.traffic = traffic_param(check, TrafficSet::kAll);
  p.page = page_param(check);
  return p;
}

void validate(const JsonNode& check, const nlohmann::json& scenario) { (void)read(check, scenario); }

Finding evaluate(const JsonNode& check, GradeWorld& w) {
  const Params p = read(check, w.lab.scenario);
  std::vector<const RequestReport*> after;
  for (const RequestReport* q : w.requests(p.traffic))
    if (q->start_ns > p.at) after.push_back(q);
  std::string reboots;
  for (const auto& a : w.report->actions)
    reboots +=
        format_time(a.at) + "  " + a.host + ": " + a.what + (a.error.empty() ? "" : "  FAILED: " + a.error) + "\n";
  std::size_t bad = 0;
  const RequestReport* first = nullptr;
  std::string first_problem;
  for (const RequestReport* q : after) {
    const std::string problem = page_problem(p.page, *q);
    if (problem.empty()) continue;
    if (!first) {
      first = q;
      first_problem = problem;
    }
    ++bad;
  }
  if (first) {
    Finding f = request_finding(w, *first, "after the reboot at " + format_duration(p.at) + ": " + first_problem, bad,
                                after.size(), "after the reboot failed");
    f.evidence += "\n" + reboots;
    return f;
  }
  Finding f;
  f.evidence = reboots;
  if (after.empty()) {
    f.cause = "no request of " + traffic_words(p.traffic) + " started after the reboot";
    return f;
  }
  f.passed = true;
  return f;
}

}  // namespace

extern const CheckKind kSurvivesRebootCheck{"survives_reboot", Stage::kAfterReboot, validate, evaluate};

}  // namespace lvs::grade
