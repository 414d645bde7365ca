// Fuzz target: the scenario loader (sim/scenario: JSON syntax, duplicate keys, every
// key and value, units, the files its services read — /etc/exports, autofs maps — and
// the ipvsadm lines), then building the World as `lvslab validate` does, then a short
// run (a bounded number of events) as `lvslab run` would start it.
//
// Invariants beyond "does not crash" (any exception other than ScenarioError is a crash):
//  * an error names the file, and its JSON pointer (when it has one) exists in the
//    document; a syntax error has a line and column;
//  * loading is deterministic and does not depend on formatting: the same document
//    re-serialised compactly loads to the same outcome (same error text, or a spec
//    with the same shape);
//  * a spec that loads builds the world it describes (one host per host entry), or
//    fails with a ScenarioError; the short run stops within its event limit.
#include <algorithm>
#include <optional>
#include <string>

#include "sim/scenario/scenario.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace lvs {
namespace {

constexpr const char* kFile = "fuzz.json";
constexpr std::uint64_t kRunEvents = 20'000;

// What a load gave: the error text, or the spec's shape.
struct Outcome {
  std::optional<ScenarioSpec> spec;
  std::string error;
  std::string pointer;
  int line = 0;
};

Outcome load(std::string_view text) {
  Outcome o;
  try {
    o.spec = parse_scenario_text(text, kFile);
  } catch (const ScenarioError& e) {
    o.error = e.what();
    o.pointer = e.pointer();
    o.line = e.line();
    FUZZ_CHECK(e.file() == kFile && o.error.starts_with(std::string(kFile) + ":"), o.error);
    FUZZ_CHECK(!e.message().empty(), "an error without a message");
  }
  return o;
}

std::string shape(const ScenarioSpec& s) {
  return s.name + "|" + std::to_string(s.seed) + "|" + std::to_string(s.duration) + "|" + std::to_string(s.max_events) +
         "|" + std::to_string(s.segments.size()) + "|" + std::to_string(s.hosts.size()) + "|" +
         std::to_string(s.traffic.size()) + "|" + std::to_string(s.actions.size());
}

void check_pointer(std::string_view text, const Outcome& o) {
  if (o.spec || o.line != 0 || o.pointer.empty()) return;
  // A duplicate key is found while reading; the document nlohmann builds keeps only the last
  // of each key, so the first duplicate may sit in a part a later key replaced.
  if (o.error.find(": duplicate key '") != std::string::npos) return;
  const auto doc = nlohmann::json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return;  // refused before the document existed (nesting depth)
  FUZZ_CHECK(doc.contains(nlohmann::json::json_pointer(o.pointer)), "error points outside the document: " + o.error);
}

// The same document, compact: formatting must not change the outcome.
void check_reformatted(std::string_view text, const Outcome& first) {
  if (first.line != 0) return;  // a syntax error: there is no document to re-serialise
  const auto doc = nlohmann::json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return;
  const Outcome again = load(doc.dump());
  if (first.spec) {
    FUZZ_CHECK(again.spec.has_value(), "the re-serialised document is refused: " + again.error);
    FUZZ_CHECK(shape(*again.spec) == shape(*first.spec), "the re-serialised document loads differently");
  } else if (again.line == 0) {  // duplicate keys collapse in the re-serialised copy
    const bool duplicate = first.error.find("duplicate key") != std::string::npos;
    FUZZ_CHECK(duplicate || again.error == first.error, first.error + "\n--- re-serialised:\n" + again.error);
  }
}

void check_build_and_run(const ScenarioSpec& spec) {
  std::unique_ptr<ScenarioRun> run;
  try {
    run = build_run(spec, std::nullopt, /*tracing=*/false);
  } catch (const ScenarioError& e) {
    FUZZ_CHECK(std::string(e.what()).starts_with(std::string(kFile) + ":"), e.what());
    return;
  }
  FUZZ_CHECK(run->world->hosts().size() == spec.hosts.size(), "the world does not have the scenario's hosts");
  run->max_events = std::min(run->max_events, kRunEvents);
  execute(*run, std::nullopt);
  FUZZ_CHECK(run->events_processed <= run->max_events, "the run went past its event limit");
  FUZZ_CHECK(run->end_time >= 0 && run->end_time <= run->duration, "the run ended outside [0, duration]");
}

}  // namespace
}  // namespace lvs

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lvs;
  if (size > 65536) return -1;
  const std::string_view text = fuzz::as_text(data, size);
  const Outcome first = load(text);
  const Outcome second = load(text);
  FUZZ_CHECK(first.error == second.error, "loading the same text twice differs");
  FUZZ_CHECK(!first.spec || shape(*first.spec) == shape(*second.spec), "loading the same text twice differs");
  check_pointer(text, first);
  check_reformatted(text, first);
  if (first.spec) check_build_and_run(*first.spec);
  return 0;
}
