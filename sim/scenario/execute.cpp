// execute() and the checks of traffic expectations after a run.
#include <algorithm>

#include "sim/net/host.hpp"
#include "sim/scenario/scenario.hpp"

namespace lvs {

void collect_results(ScenarioRun& run) {
  std::vector<std::pair<std::size_t, const HttpResult*>> all;
  for (std::size_t t = 0; t < run.traffic_results.size(); ++t)
    for (const auto& r : run.traffic_results[t]) all.emplace_back(t, &r);
  std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
    if (a.second->start != b.second->start) return a.second->start < b.second->start;
    return a.second->flow < b.second->flow;
  });
  run.results.clear();
  run.result_traffic.clear();
  for (const auto& [t, r] : all) {
    run.results.push_back(r);
    run.result_traffic.push_back(t);
  }
}

void execute(ScenarioRun& run, std::optional<SimTime> until) {
  World& world = *run.world;
  if (!run.started) {
    for (const auto& h : world.hosts()) h->start_apps();
    if (run.action_runner) run.action_runner->schedule();
    run.started = true;
  }
  // The event limit holds for the whole run, also when it is continued.
  Simulator& sim = world.sim();
  RunLimits limits;
  limits.until = until.value_or(run.duration);
  limits.max_events = run.max_events > sim.events_processed() ? run.max_events - sim.events_processed() : 0;
  run.stop_reason = sim.run(limits);
  // The timers a director runs lazily (its connection entries) fire until the end of the
  // run, also when nothing else was left to happen (the queue ran empty and the clock
  // went on to `until`): the trace holds their records up to there.
  world.trace().run_lazy_timers(sim.now());
  run.events_processed = sim.events_processed();
  run.end_time = sim.now();
  collect_results(run);
}

std::vector<ExpectationFailure> check_expectations(const ScenarioRun& run) {
  std::vector<ExpectationFailure> out;
  for (std::size_t t = 0; t < run.traffic.size(); ++t) {
    const TrafficSpec& spec = run.traffic[t];
    const HttpExpect& ex = spec.expect;
    if (!ex.status && !ex.body) continue;
    if (t >= run.traffic_results.size()) break;
    const auto& results = run.traffic_results[t];
    std::size_t finished = 0;
    for (std::size_t i = 0; i < results.size(); ++i) {
      const HttpResult& r = results[i];
      if (r.end < 0) continue;
      ++finished;
      const std::string what = "request " + std::to_string(i + 1) + " (" + r.url.str() + ")";
      if (ex.status && r.status != *ex.status)
        out.push_back({t, spec.pointer + "/expect/status",
                       what + ": expected status " + std::to_string(*ex.status) + ", got " +
                           (r.status == 0 ? "no response" + (r.error.empty() ? "" : " (" + r.error + ")")
                                          : std::to_string(r.status))});
      if (ex.body && !body_is(r, *ex.body))
        out.push_back({t, spec.pointer + "/expect/body",
                       what + ": expected body " + nlohmann::json(*ex.body).dump() + ", got " +
                           (!r.body_dropped ? nlohmann::json(r.body).dump()
                                            : "another body of " + std::to_string(r.body_bytes) + " bytes")});
    }
    if (finished < spec.plan.count)
      out.push_back({t, spec.pointer + "/count",
                     std::to_string(spec.plan.count - finished) + " of " + std::to_string(spec.plan.count) +
                         " requests did not finish before the run ended"});
  }
  return out;
}

}  // namespace lvs
