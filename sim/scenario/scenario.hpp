#pragma once
// Scenario files: load + validate (a ScenarioSpec), build a World from a spec (a
// ScenarioRun), execute it. Every error is found before the simulation starts and is
// reported as a ScenarioError naming the file and the JSON pointer (or line:column).
//
//   auto spec = load_scenario_file("scenarios/web-basic.json");
//   auto run = build_run(spec, std::nullopt, /*tracing=*/true);
//   execute(*run, std::nullopt);
//   for (const HttpResult* r : run->results) ...
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/apps/http_client.hpp"
#include "sim/core/simulator.hpp"
#include "sim/net/world.hpp"
#include "sim/scenario/actions.hpp"
#include "sim/scenario/error.hpp"
#include "sim/scenario/live_config.hpp"
#include "sim/scenario/spec.hpp"

namespace lvs {

// Largest scenario file accepted (untrusted input).
inline constexpr std::size_t kMaxScenarioFileBytes = 16 * 1024 * 1024;

// Reads, parses and validates a scenario file. Throws ScenarioError.
ScenarioSpec load_scenario_file(const std::string& path);
// The file's bytes, refused (ScenarioError) when it cannot be read, is a directory or
// holds more than kMaxScenarioFileBytes; never reads more than that (a device such as
// /dev/zero is refused as soon as the limit is passed).
std::string read_scenario_bytes(const std::string& path);
// Reads at most `max_bytes` of the file at `path` into *text; an error message (cannot
// open, a directory, larger than max_bytes: reading stops there) or nullopt.
std::optional<std::string> read_bounded_file(const std::string& path, std::size_t max_bytes, std::string* text);
// The same for text already in memory (`file` is only used in messages). Besides
// syntax errors it rejects duplicate keys in an object, which nlohmann::json would
// silently collapse.
ScenarioSpec parse_scenario_text(std::string_view text, const std::string& file);
// The JSON document in `text`, with the checks scenario files get (at most
// kMaxScenarioFileBytes, nesting depth 64, syntax errors as FILE:LINE:COL, duplicate keys
// and numbers beyond a double's range named by their JSON pointer). Lab packs use it too.
nlohmann::json parse_json_text(std::string_view text, const std::string& file);
// Validates a parsed document. Throws ScenarioError.
ScenarioSpec parse_scenario(const nlohmann::json& doc, const std::string& file);

// What a host's Linux configuration input showed when it was loaded: the terminal
// session of its transcript and the warnings (boot_config.hpp), for the report.
struct HostConfigLog {
  std::string host;
  std::string origin;  // "rs1/setup.sh" or "/hosts/2/shell"; "" = no transcript
  std::vector<config::TranscriptEntry> transcript;
  std::vector<std::string> warnings;
};

struct ScenarioRun {
  std::string file;
  std::string name;
  std::uint64_t seed = kDefaultSeed;
  SimTime duration = 0;
  std::uint64_t max_events = kDefaultMaxEvents;
  std::unique_ptr<World> world;

  // Every HTTP request of the run, ordered by start time (then request id); filled by
  // execute(). result_traffic[i] is the index in `traffic` of the entry that made
  // results[i]. The pointers go into traffic_results (no copy: a farm of 100,000
  // requests keeps each body once) and stay valid until execute() is called again.
  std::vector<const HttpResult*> results;
  std::vector<std::size_t> result_traffic;

  // The traffic entries (for expectations and reports) and what each one's client
  // recorded; the clients write here while the simulation runs. A curl/wget line of a
  // timed shell action adds an entry while the run goes on: a deque, so that the
  // clients' pointers to their own results stay valid.
  std::vector<TrafficSpec> traffic;
  std::deque<std::vector<HttpResult>> traffic_results;

  // Hosts with a transcript or warnings, in file order.
  std::vector<HostConfigLog> host_config;

  // Timed actions and what each did (filled as the run reaches them).
  std::vector<ActionSpec> actions;
  std::vector<ActionResult> action_log;
  std::unique_ptr<ActionRunner> action_runner;
  std::unique_ptr<LiveConfig> live_config;  // shell and reboot actions

  // Set by execute(); stop_reason is meaningful once `started`.
  bool started = false;
  StopReason stop_reason = StopReason::kQueueEmpty;  // kEventLimit = a runaway, stopped
  std::uint64_t events_processed = 0;
  SimTime end_time = 0;
};

// Builds the World: segments, hosts, interfaces, sysctls, addresses, routes, services
// and traffic clients. Semantic errors the kernel would report (a route via a device
// that has no address in the gateway's subnet, an unknown sysctl, binding to an
// address that is not local) are ScenarioErrors with the JSON pointer of the entry.
// `trace_level` says how much the run's trace keeps (TraceLevel::kReport: what the run
// report reads); `tracing` true is TraceLevel::kFull, false kOff.
std::unique_ptr<ScenarioRun> build_run(const ScenarioSpec& spec, std::optional<std::uint64_t> seed_override,
                                       TraceLevel trace_level);
inline std::unique_ptr<ScenarioRun> build_run(const ScenarioSpec& spec, std::optional<std::uint64_t> seed_override,
                                              bool tracing) {
  return build_run(spec, seed_override, tracing ? TraceLevel::kFull : TraceLevel::kOff);
}

// Starts the applications at t=0 (first call only) and runs the simulator until
// `until` (default: the spec duration) or the event limit; records the StopReason,
// the event count and the results in `run`. May be called again to continue.
void execute(ScenarioRun& run, std::optional<SimTime> until);

// Fills run.results and run.result_traffic from run.traffic_results: every client's
// results in one list, by start time then request id (deterministic). execute() calls
// it; hardware mode calls it after its real clients have written traffic_results.
void collect_results(ScenarioRun& run);

// One traffic expectation that did not hold after the run.
struct ExpectationFailure {
  std::size_t traffic = 0;  // index in run.traffic
  std::string pointer;      // "/traffic/0/expect/status"
  std::string message;      // "request 2 (http://...): expected status 200, got 404"
};
std::vector<ExpectationFailure> check_expectations(const ScenarioRun& run);

}  // namespace lvs
