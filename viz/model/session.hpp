#pragma once
// The one run a viewer looks at: the scenario is loaded and the engine runs once, with
// tracing on, through the scenario API (as `lvslab run` does); everything after that is
// a view of the resulting trace.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "sim/scenario/scenario.hpp"

namespace lvs::viz {

struct Session {
  std::string file;
  std::unique_ptr<ScenarioRun> run;
  const Trace& trace() const { return run->world->trace(); }
};

// Throws ScenarioError for a bad scenario file.
Session run_session(const std::string& scenario_file, std::optional<std::uint64_t> seed, std::optional<SimTime> until);

}  // namespace lvs::viz
