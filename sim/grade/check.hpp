#pragma once
// A check kind: one file under sim/grade/checks/ and one line in checks/registry.cpp.
// Each kind reads its own parameters from the check object (validate(): at load time,
// errors with the JSON pointer; evaluate(): the same reading, then the verdict) and
// decides from what a submission's run shows:
//  * configuration kinds read the hosts as they stand after their boot (the world built
//    from the assembled scenario, before anything ran): the model's own rules decide
//    (effective sysctls, the director's tables, exports(5), the autofs maps);
//  * behaviour kinds read one seed's finished run: its RunReport (requests, paths, causes,
//    the VIP's ARP story), its trace and the world at the end (the director's counters);
//  * survives_reboot reads a run in which every configured host was rebooted.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/grade/lab_pack.hpp"
#include "sim/report/report.hpp"
#include "sim/scenario/json_node.hpp"
#include "sim/scenario/scenario.hpp"

namespace lvs::grade {

enum class Stage : std::uint8_t {
  kConfig,      // the hosts after boot
  kRun,         // every seed's run
  kAfterReboot  // every seed's run with the configured hosts rebooted (survives_reboot)
};

// Which of the pack's traffic a behaviour check looks at.
enum class TrafficSet : std::uint8_t { kVisible, kHidden, kAll };

// What a check reads. For kConfig: `run` is built and not run, `report` is null.
struct GradeWorld {
  const LabPack& lab;
  const ScenarioSpec& spec;  // the assembled scenario, after its load-time boot
  ScenarioRun& run;
  const RunReport* report = nullptr;
  std::uint64_t seed = 0;
  // Per request of `report`: the index of the traffic entry that made it.
  std::vector<std::size_t> request_traffic;

  bool in_set(std::size_t request, TrafficSet set) const;
  // The requests of `report` in `set`, by start time.
  std::vector<const RequestReport*> requests(TrafficSet set) const;
  // How many requests of `set` never started (the run stopped before their time).
  std::size_t not_run(TrafficSet set) const;
};

// A check's verdict. `event`: the trace record that shows a failure (behaviour checks;
// the replay command opens the viewer there).
struct Finding {
  bool passed = false;
  std::string cause;
  std::string evidence;
  std::optional<std::uint64_t> event;
};

struct CheckKind {
  std::string_view name;
  Stage stage;
  // Throws ScenarioError (the pack's loader turns it into a LabError) on bad parameters.
  void (*validate)(const JsonNode& check, const nlohmann::json& scenario);
  Finding (*evaluate)(const JsonNode& check, GradeWorld& world);
};

std::span<const CheckKind* const> check_kinds();  // checks/registry.cpp: the table
const CheckKind* find_check_kind(std::string_view name);

// --- helpers the kinds share (check_util.cpp) -------------------------------------------

// The keys every check has; a kind adds its own to `expect_object`.
inline constexpr std::string_view kCommonCheckKeys[] = {"id", "kind", "points", "title", "feedback", "hint", "section"};
// expect_object() with the common keys and the kind's own.
void expect_check_keys(const JsonNode& check, std::initializer_list<std::string_view> own);
bool scenario_has_host(const nlohmann::json& scenario, const std::string& name);
// "host": a host of the scenario document.
std::string host_param(const JsonNode& check, const nlohmann::json& scenario, std::string_view key = "host");
// "traffic": "visible", "hidden" or "all" (default `fallback`).
TrafficSet traffic_param(const JsonNode& check, TrafficSet fallback);
// "the visible traffic", "the hidden traffic", "the lab's traffic" (all).
std::string traffic_words(TrafficSet set);
// "ADDRESS/LEN" (a missing length is /32, as `ip addr add` takes it).
Ipv4Prefix prefix_param(const JsonNode& node);
// Lines of text, one per item ("ip -4 addr", "ip route" listings as evidence).
std::string lines_of(const std::string& title, const std::vector<std::string>& lines);
// "director" (or `key`): a host of the scenario; default: the one host whose role is
// director (an error when there is none or several).
std::string director_param(const JsonNode& check, const nlohmann::json& scenario, std::string_view key = "director");

// What a page must be: "status" (default 200), "body" (exact), "body_contains".
struct PageExpect {
  int status = 200;
  std::optional<std::string> body, body_contains;
};
PageExpect page_param(const JsonNode& check);
// What is wrong with a request's answer; "" when it is as expected.
std::string page_problem(const PageExpect& want, const RequestReport& q);
// A failed request as a finding: the problem, the diagnosis's cause sentence, its path.
Finding request_finding(GradeWorld& w, const RequestReport& q, const std::string& problem, std::size_t bad,
                        std::size_t total, const std::string& what_failed);

// The host of that name in the built world (validated names always exist).
Host& world_host(GradeWorld& w, const std::string& name);
// The trace record where a request starts (its AppEvent kRequestStart), for the replay.
std::optional<std::uint64_t> request_start_event(const Trace& trace, std::uint32_t flow);
// "#3 at 3.000000000s (GET http://192.168.10.100/)".
std::string describe_request(const RequestReport& q);
// A request's cause sentence, or "" (the diagnosis names none).
std::string cause_text(const RequestReport& q);
// The event a failed request is best shown at: its cause's, else its start.
std::optional<std::uint64_t> request_event(const Trace& trace, const RequestReport& q);

}  // namespace lvs::grade
