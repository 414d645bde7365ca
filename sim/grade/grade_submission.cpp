// grade_submission(): a submission folder -> its GradeReport. The submission becomes a
// scenario (submission.cpp); configuration checks read its hosts after boot, behaviour
// checks every seed's run (and survives_reboot a run with the configured hosts rebooted).
// A check holds only when it holds in every seed; the first seed where it does not is
// reported with a replay command for the viewer.
#include <chrono>
#include <filesystem>
#include <map>
#include <sstream>

#include "sim/grade/check.hpp"
#include "sim/grade/submission.hpp"
#include "sim/net/world.hpp"
#include "sim/trace/output_file.hpp"

namespace lvs::grade {
namespace {

namespace fs = std::filesystem;

CheckOutcome outcome_of(const CheckSpec& c) {
  CheckOutcome o;
  o.id = c.id;
  o.kind = c.kind;
  o.points = c.points;
  o.title = c.title;
  o.feedback = c.feedback;
  o.hint = c.hint;
  o.section = c.section;
  return o;
}

// A word for a shell command line: quoted when it holds anything but safe characters.
std::string shell_word(const std::string& s) {
  const bool safe = !s.empty() && s.find_first_not_of(
                                      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                      "0123456789_./-:=+,@%") == std::string::npos;
  if (safe) return s;
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// The scenario file a variant of the run is kept in: "scenario.json", or
// "scenario-reboot-5s.json" for the run with reboots at 5s.
std::string variant_file(const std::string& reboot_at) {
  return reboot_at.empty() ? "scenario.json" : "scenario-reboot-" + reboot_at + ".json";
}

// The reboot time of a survives_reboot check ("at", validated when the pack loaded).
std::string reboot_at_of(const CheckSpec& c) { return c.params.value("at", std::string()); }

class Grader {
 public:
  Grader(const LabPack& lab, const std::string& sub, const GradeOptions& opt)
      : lab_(lab),
        sub_(sub),
        opt_(opt),
        seeds_(opt.seeds.empty() ? lab.seeds : opt.seeds),
        started_(std::chrono::steady_clock::now()) {
    report_.lab = lab.name;
    report_.student = submission_name(sub);
    report_.max_score = lab.max_score();
    for (const auto& c : lab.checks) report_.checks.push_back(outcome_of(c));
    decided_.assign(lab.checks.size(), false);
  }

  GradeReport grade() {
    assembled_ = assemble_submission(lab_, sub_);
    report_.problems = assembled_.problems;
    // The bound goes into the scenario itself, so that the kept scenario replays the same run.
    if (opt_.max_events != 0) {
      nlohmann::json& limits = assembled_.doc["limits"];
      const std::uint64_t own =
          limits.is_object() && limits.contains("max_events") && limits["max_events"].is_number_unsigned()
              ? limits["max_events"].get<std::uint64_t>()
              : kDefaultMaxEvents;
      limits["max_events"] = std::min(own, opt_.max_events);
    }
    std::optional<ScenarioSpec> spec = load(assembled_.doc);
    if (!spec) {
      fail_undecided("not graded: " + report_.aborted);
      return finish();
    }
    sessions_and_warnings(*spec);
    keep(assembled_.doc, "");
    config_checks(*spec);
    runs(*spec, Stage::kRun, "");
    std::vector<std::string> reboot_times;
    for (std::size_t i = 0; i < lab_.checks.size(); ++i)
      if (stage_of(i) == Stage::kAfterReboot &&
          std::find(reboot_times.begin(), reboot_times.end(), reboot_at_of(lab_.checks[i])) == reboot_times.end())
        reboot_times.push_back(reboot_at_of(lab_.checks[i]));
    for (const auto& at : reboot_times) {
      const nlohmann::json doc = with_reboots(assembled_.doc, lab_, at);
      if (std::optional<ScenarioSpec> rebooted = load(doc)) {
        keep(doc, at);
        runs(*rebooted, Stage::kAfterReboot, at);
      }
    }
    fail_undecided(report_.aborted.empty() ? "not decided" : "not decided: " + report_.aborted);
    return finish();
  }

 private:
  Stage stage_of(std::size_t i) const { return find_check_kind(lab_.checks[i].kind)->stage; }

  // The assembled scenario, loaded (the configured hosts boot from the submission's
  // files); what the student's files break is a problem, and grading stops.
  std::optional<ScenarioSpec> load(const nlohmann::json& doc) {
    try {
      return parse_scenario(doc, assembled_.file);
    } catch (const ScenarioError& e) {
      report_.problems.push_back(located_problem(e));
      report_.aborted = "the submission's configuration could not be loaded: " + located_problem(e);
      return std::nullopt;
    }
  }

  // "rs1: /etc/exports:2: unknown keyword \"rx\"": the host (from the pointer) and the
  // message, which names the file and line.
  std::string located_problem(const ScenarioError& e) const {
    const std::string hosts = "/hosts/";
    if (e.pointer().starts_with(hosts)) {
      const std::size_t index = std::stoul(e.pointer().substr(hosts.size()));
      if (index < assembled_.doc["hosts"].size())
        return assembled_.doc["hosts"][index].value("name", "?") + ": " + e.message();
    }
    return e.what();
  }

  // A warning of the host's boot or transcript, named as the submission's folder names
  // the file: "rs1/setup.sh:6: ..." as it is, "/etc/foo.conf ..." as "rs2/root/etc/foo.conf ...".
  static std::string problem_in_host(const std::string& host, const std::string& warning) {
    if (warning.starts_with(host + "/")) return warning;
    if (warning.starts_with("/")) return host + "/root" + warning;
    return host + ": " + warning;
  }

  bool configured(const std::string& host) const {
    return std::find(lab_.configured_hosts.begin(), lab_.configured_hosts.end(), host) != lab_.configured_hosts.end();
  }

  void sessions_and_warnings(const ScenarioSpec& spec) {
    for (const auto& h : spec.hosts) {
      if (!configured(h.name)) continue;
      if (!h.transcript.empty()) {
        std::ostringstream text;
        transcript_text(text, h.transcript, "");
        report_.sessions.push_back({h.name, h.shell ? h.shell->origin : "", text.str()});
      }
      for (const auto& w : h.warnings) report_.problems.push_back(problem_in_host(h.name, w));
    }
  }

  void config_checks(const ScenarioSpec& spec) {
    std::unique_ptr<ScenarioRun> run;
    try {
      run = build_run(spec, seeds_.front(), TraceLevel::kOff);
    } catch (const ScenarioError& e) {
      report_.problems.push_back(located_problem(e));
      report_.aborted = "the hosts could not be built: " + located_problem(e);
      return;
    }
    GradeWorld w{lab_, spec, *run, nullptr, seeds_.front(), {}};
    for (std::size_t i = 0; i < lab_.checks.size(); ++i) {
      if (stage_of(i) != Stage::kConfig) continue;
      record(i, evaluate(i, w), std::nullopt, "");
      decided_[i] = true;
    }
  }

  Finding evaluate(std::size_t i, GradeWorld& w) const {
    const CheckSpec& c = lab_.checks[i];
    return find_check_kind(c.kind)->evaluate(JsonNode(c.params, c.pointer, lab_.file), w);
  }

  bool out_of_time() const {
    if (opt_.max_wall_seconds <= 0) return false;
    const std::chrono::duration<double> spent = std::chrono::steady_clock::now() - started_;
    return spent.count() > opt_.max_wall_seconds;
  }

  // Every seed's run of `spec`, for the checks of `stage` (and, for reboot runs, `at`).
  void runs(const ScenarioSpec& spec, Stage stage, const std::string& at) {
    std::vector<std::size_t> checks;
    for (std::size_t i = 0; i < lab_.checks.size(); ++i)
      if (stage_of(i) == stage && (stage != Stage::kAfterReboot || reboot_at_of(lab_.checks[i]) == at))
        checks.push_back(i);
    if (checks.empty()) return;
    std::vector<bool> failed(lab_.checks.size(), false);
    for (const std::uint64_t seed : seeds_) {
      if (out_of_time()) {
        std::ostringstream bound;
        bound << opt_.max_wall_seconds;
        report_.aborted = "the wall-time bound (" + bound.str() + " s) was reached";
        return;
      }
      std::unique_ptr<ScenarioRun> run;
      try {
        run = build_run(spec, seed, TraceLevel::kFull);
      } catch (const ScenarioError& e) {
        report_.problems.push_back(located_problem(e));
        report_.aborted = "the hosts could not be built: " + located_problem(e);
        return;
      }
      execute(*run, std::nullopt);
      const RunReport rr = make_report(*run, SIZE_MAX);
      GradeWorld w{lab_, spec, *run, &rr, seed, request_traffic(*run, rr)};
      const bool runaway = run->stop_reason == StopReason::kEventLimit;
      if (runaway && report_.aborted.empty())
        report_.aborted = "seed " + std::to_string(seed) + ": the run reached the event limit (" +
                          std::to_string(run->events_processed) + " events) and stopped";
      for (const std::size_t i : checks) {
        if (failed[i]) continue;
        Finding f = evaluate(i, w);
        // A run cut short decides nothing in the submission's favour.
        if (f.passed && runaway) f = cut_short(*run);
        if (!f.passed) failed[i] = true;
        if (!f.passed || seed == seeds_.front()) record(i, std::move(f), seed, at);
      }
    }
    for (const std::size_t i : checks) {
      decided_[i] = true;
      std::string& evidence = report_.checks[i].evidence;
      if (!failed[i] && seeds_.size() > 1)
        evidence += (evidence.empty() ? "" : " ") + ("(held in every seed: " + seed_list() + ")");
    }
  }

  // A run the event limit stopped: a runaway (a routing loop, an ARP storm), shown at its
  // last event.
  static Finding cut_short(const ScenarioRun& run) {
    Finding f;
    f.cause = "the run stopped at the event limit (" + std::to_string(run.events_processed) + " events, at " +
              format_time(run.end_time) + "), before the lab's traffic was over: a runaway such as a routing loop " +
              "or an ARP storm; nothing about the run can be granted";
    const auto& records = run.world->trace().records();
    if (!records.empty()) f.event = records.size() - 1;
    return f;
  }

  std::string seed_list() const {
    std::string out;
    for (const auto s : seeds_) out += (out.empty() ? "" : ", ") + std::to_string(s);
    return out;
  }

  // Per request of the report, its traffic entry (the report lists requests by start).
  static std::vector<std::size_t> request_traffic(const ScenarioRun& run, const RunReport& rr) {
    std::map<std::uint32_t, std::size_t> by_flow;
    for (std::size_t k = 0; k < run.results.size() && k < run.result_traffic.size(); ++k)
      by_flow[run.results[k]->flow] = run.result_traffic[k];
    std::vector<std::size_t> out;
    for (const auto& q : rr.requests) {
      const auto it = by_flow.find(q.id);
      out.push_back(it == by_flow.end() ? SIZE_MAX : it->second);
    }
    return out;
  }

  void record(std::size_t i, Finding f, std::optional<std::uint64_t> seed, const std::string& at) {
    CheckOutcome& o = report_.checks[i];
    o.passed = f.passed;
    o.earned = f.passed ? o.points : 0;
    o.cause = std::move(f.cause);
    o.evidence = std::move(f.evidence);
    o.seed = f.passed || !seed ? 0 : *seed;
    o.replay = f.passed || !seed ? "" : replay(*seed, f.event, at);
  }

  std::string replay(std::uint64_t seed, std::optional<std::uint64_t> event, const std::string& at) const {
    std::string view = " --seed " + std::to_string(seed) + (event ? " --at-event " + std::to_string(*event) : "");
    if (!opt_.keep_scenario_dir.empty())
      return "lvslab view " + shell_word((fs::path(opt_.keep_scenario_dir) / variant_file(at)).string()) + view;
    const std::string lab = opt_.lab_arg.empty() ? lab_.file : opt_.lab_arg;
    const std::string sub = opt_.submission_arg.empty() ? sub_ : opt_.submission_arg;
    return "lvslab grade " + shell_word(lab) + " " + shell_word(sub) + " --keep-scenario replay >/dev/null; " +
           "lvslab view " + shell_word("replay/" + variant_file(at)) + view;
  }

  // --keep-scenario: the scenario this run is, runnable from anywhere.
  void keep(const nlohmann::json& doc, const std::string& at) const {
    if (opt_.keep_scenario_dir.empty()) return;
    const fs::path path = fs::path(opt_.keep_scenario_dir) / variant_file(at);
    OutputFile file(path.string());
    file.stream() << with_absolute_paths(doc, assembled_.file).dump(2) << "\n";
    file.commit();
  }

  void fail_undecided(const std::string& why) {
    for (std::size_t i = 0; i < decided_.size(); ++i) {
      if (decided_[i]) continue;
      report_.checks[i].passed = false;
      report_.checks[i].earned = 0;
      report_.checks[i].cause = why;
      decided_[i] = true;
    }
  }

  GradeReport finish() {
    report_.score = 0;
    for (const auto& c : report_.checks) report_.score += c.earned;
    return std::move(report_);
  }

  const LabPack& lab_;
  const std::string sub_;
  const GradeOptions& opt_;
  const std::vector<std::uint64_t> seeds_;  // the pack's, or the ones the options ask for
  const std::chrono::steady_clock::time_point started_;
  AssembledScenario assembled_;
  GradeReport report_;
  std::vector<bool> decided_;
};

}  // namespace

GradeReport grade_submission(const LabPack& lab, const std::string& submission_dir, const GradeOptions& options) {
  return Grader(lab, submission_dir, options).grade();
}

}  // namespace lvs::grade
