#include "viz/model/session.hpp"

namespace lvs::viz {

Session run_session(const std::string& scenario_file, std::optional<std::uint64_t> seed, std::optional<SimTime> until) {
  Session s;
  s.file = scenario_file;
  const ScenarioSpec spec = load_scenario_file(scenario_file);
  s.run = build_run(spec, seed, /*tracing=*/true);
  execute(*s.run, until);
  return s;
}

}  // namespace lvs::viz
