// `lvslab run SCENARIO`: build the world, run it, print the report; optionally write the
// event trace (JSON lines) and one pcap per segment.
#include <algorithm>
#include <boost/program_options.hpp>
#include <charconv>
#include <cstdint>
#include <iostream>
#include <optional>

#include "sim/cli/commands.hpp"
#include "sim/cli/options.hpp"
#include "sim/net/world.hpp"
#include "sim/report/report.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/trace/jsonl.hpp"
#include "sim/trace/output_file.hpp"
#include "sim/trace/pcap.hpp"

namespace po = boost::program_options;

namespace lvs::cli {
namespace {

po::options_description run_options() {
  po::options_description opts("options");
  opts.add_options()("help,h", "show this help")("seed", po::value<std::string>(),
                                                 "random seed (default: the scenario's \"seed\")")(
      "until", po::value<std::string>(),
      "stop at this simulated time, e.g. 5s, 250ms (default: the scenario's \"duration\")")(
      "trace", po::value<std::string>(), "write the event trace as JSON lines to FILE")(
      "pcap", po::value<std::string>(), "write one pcap file per segment into DIR")(
      "json", "print one JSON object instead of the text report")(
      "list-requests", po::value<std::string>(),
      "list at most N requests one by one, then at most N failed ones; the others are counted in a summary "
      "(default 1000; 'all' lists every one)");
  return opts;
}

int run_help(const po::options_description& opts) {
  std::cout << "usage: lvslab run SCENARIO [options]\n\n"
               "Runs SCENARIO (a JSON file, see docs/scenario-format.md) and prints every request with its\n"
               "time, client, the server that answered, status, latency and the path it took\n"
               "(CIP-DGW-...). Exit code 0 when every request succeeded, 1 when some failed or never started\n"
               "(the run stopped before their time), 2 on bad input, 3 when an output (the report, --trace,\n"
               "--pcap) could not be written.\n\n"
            << opts;
  return kExitOk;
}

// "1000" -> 1000; nullopt for anything but decimal digits that fit.
std::optional<std::size_t> parse_count(const std::string& text) {
  std::size_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return n;
}

// --list-requests N or 'all' (default kDefaultListedRequests).
int read_listed(const po::variables_map& vm, std::size_t* listed) {
  *listed = kDefaultListedRequests;
  if (!vm.count("list-requests")) return kExitOk;
  const std::string text = vm["list-requests"].as<std::string>();
  if (text == "all") {
    *listed = SIZE_MAX;
    return kExitOk;
  }
  const auto n = parse_count(text);
  if (!n) return usage_error("run", "--list-requests: expected a number of requests or 'all', got '" + text + "'");
  *listed = *n;
  return kExitOk;
}

// Loads the scenario and builds its world. A body is kept for the requests the report
// may list (the first `listed` of each traffic entry, and failed ones), not for all of a
// long run; the whole trace only when it is written out (the report alone needs much less).
int build_scenario(const std::string& scenario, std::optional<std::uint64_t> seed, std::size_t listed, bool whole_trace,
                   std::unique_ptr<ScenarioRun>* run) {
  try {
    ScenarioSpec spec = load_scenario_file(scenario);
    for (auto& t : spec.traffic)
      t.plan.keep_bodies = static_cast<std::uint32_t>(std::min<std::size_t>(listed, UINT32_MAX));
    *run = build_run(spec, seed, whole_trace ? TraceLevel::kFull : TraceLevel::kReport);
  } catch (const ScenarioError& e) {
    std::cerr << "lvslab: " << e.what() << "\n";
    return kExitBadInput;
  }
  return kExitOk;
}

// What --trace and --pcap write into.
struct RunOutputs {
  std::unique_ptr<OutputFile> trace;
  std::unique_ptr<PcapWriter> pcaps;
};

// Every output is opened before the run: a bad path fails now, with its reason.
int open_run_outputs(const po::variables_map& vm, const std::string& scenario, const ScenarioRun& run,
                     RunOutputs* out) {
  if (vm.count("trace"))
    if (const int status = open_output("run", "trace", vm["trace"].as<std::string>(), scenario, &out->trace);
        status != kExitOk)
      return status;
  if (!vm.count("pcap")) return kExitOk;
  // pcap records 32-bit seconds; no run can outlast that (the writer refuses it too).
  static_assert(kMaxUserTime < kPcapMaxTime, "a run could outlast what a pcap file can date");
  try {
    out->pcaps = std::make_unique<PcapWriter>(run.world->trace().meta(), vm["pcap"].as<std::string>());
  } catch (const OutputError& e) {
    return output_error("--pcap: " + std::string(e.what()));
  }
  for (const auto& path : out->pcaps->paths())
    if (same_file(path, scenario)) return refuse_overwrite("run", "--pcap", path);
  return kExitOk;
}

// Writes the trace and the pcaps (naming each pcap file on stderr when `list_files`).
// Returns kExitOk, or kExitOutputError when one of them could not be written.
int write_run_outputs(const Trace& trace, RunOutputs& out, bool list_files) {
  int status = kExitOk;
  try {
    if (out.trace) {
      write_jsonl(trace, out.trace->stream());
      out.trace->commit();
    }
  } catch (const OutputError& e) {
    status = output_error("--trace: " + std::string(e.what()));
  }
  try {
    if (out.pcaps) {
      const auto files = out.pcaps->write(trace);
      if (list_files)
        for (const auto& f : files) std::cerr << "wrote " << f << "\n";
    }
  } catch (const OutputError& e) {
    status = output_error("--pcap: " + std::string(e.what()));
  }
  return status;
}

}  // namespace

int cmd_run(const std::vector<std::string>& args) {
  const po::options_description opts = run_options();
  po::options_description hidden;
  hidden.add_options()("scenario", po::value<std::string>());
  po::positional_options_description pos;
  pos.add("scenario", 1);

  po::variables_map vm;
  if (!parse_args(args, opts, hidden, pos, vm, "run")) return kExitBadInput;
  if (vm.count("help")) return run_help(opts);
  if (!vm.count("scenario")) return usage_error("run", "missing SCENARIO");

  std::optional<SimTime> until;
  if (!time_option(vm, "until", "run", "5s, 250ms or 100us", &until)) return kExitBadInput;
  std::size_t listed = 0;
  if (const int status = read_listed(vm, &listed); status != kExitOk) return status;
  std::optional<std::uint64_t> seed;
  if (!read_seed(vm, "run", seed)) return kExitBadInput;

  const std::string scenario = vm["scenario"].as<std::string>();
  std::unique_ptr<ScenarioRun> run;
  const bool whole_trace = vm.count("trace") || vm.count("pcap");
  if (const int status = build_scenario(scenario, seed, listed, whole_trace, &run); status != kExitOk) return status;
  RunOutputs outputs;
  if (const int status = open_run_outputs(vm, scenario, *run, &outputs); status != kExitOk) return status;

  execute(*run, until);

  const RunReport report = make_report(*run, listed);
  const bool json = vm.count("json") != 0;
  // A failed output does not cost the report: it is still printed, and the exit code says 3.
  int status = report.all_ok() ? kExitOk : kExitFailedRequests;
  if (const int written = write_run_outputs(run->world->trace(), outputs, !json); written != kExitOk) status = written;
  if (json)
    std::cout << report_json(report).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
  else std::cout << report_text(report);
  return status;
}

}  // namespace lvs::cli
