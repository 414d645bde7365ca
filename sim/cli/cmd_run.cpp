// `lvslab run SCENARIO`: build the world, run it, print the report; optionally write the
// event trace (JSON lines) and one pcap per segment.
#include <algorithm>
#include <boost/program_options.hpp>
#include <charconv>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <optional>

#include "sim/cli/commands.hpp"
#include "sim/cli/options.hpp"
#include "sim/cli/report.hpp"
#include "sim/net/world.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/trace/jsonl.hpp"
#include "sim/trace/pcap.hpp"

namespace po = boost::program_options;

namespace lvs::cli {
namespace {

// "1000" -> 1000; nullopt for anything but decimal digits that fit.
std::optional<std::size_t> parse_count(const std::string& text) {
  std::size_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return n;
}

}  // namespace

int cmd_run(const std::vector<std::string>& args) {
  po::options_description opts("options");
  opts.add_options()
      ("help,h", "show this help")
      ("seed", po::value<std::uint64_t>(), "random seed (default: the scenario's \"seed\")")
      ("until", po::value<std::string>(), "stop at this simulated time, e.g. 5s, 250ms (default: the scenario's \"duration\")")
      ("trace", po::value<std::string>(), "write the event trace as JSON lines to FILE")
      ("pcap", po::value<std::string>(), "write one pcap file per segment into DIR")
      ("json", "print one JSON object instead of the text report")
      ("list-requests", po::value<std::string>(),
       "list at most N requests one by one, then at most N failed ones; the others are counted in a summary "
       "(default 1000; 'all' lists every one)");
  po::options_description hidden;
  hidden.add_options()("scenario", po::value<std::string>());
  po::positional_options_description pos;
  pos.add("scenario", 1);

  po::variables_map vm;
  if (!parse_args(args, opts, hidden, pos, vm, "run")) return kExitBadInput;
  if (vm.count("help")) {
    std::cout << "usage: lvslab run SCENARIO [options]\n\n"
                 "Runs SCENARIO (a JSON file, see docs/scenario-format.md) and prints every request with its\n"
                 "time, client, the server that answered, status, latency and the path it took\n"
                 "(CIP-DGW-...). Exit code 0 when every request succeeded, 1 when some failed, 2 on bad input.\n\n"
              << opts;
    return kExitOk;
  }
  if (!vm.count("scenario")) return usage_error("run", "missing SCENARIO");

  std::optional<SimTime> until;
  if (vm.count("until")) {
    until = parse_duration(vm["until"].as<std::string>());
    if (!until) return usage_error("run", "--until: expected a duration like 5s, 250ms or 100us, got '" +
                                              vm["until"].as<std::string>() + "'");
  }
  std::size_t listed = kDefaultListedRequests;
  if (vm.count("list-requests")) {
    const std::string text = vm["list-requests"].as<std::string>();
    if (text == "all") {
      listed = SIZE_MAX;
    } else {
      const auto n = parse_count(text);
      if (!n) return usage_error("run", "--list-requests: expected a number of requests or 'all', got '" + text + "'");
      listed = *n;
    }
  }
  std::optional<std::uint64_t> seed;
  if (vm.count("seed")) seed = vm["seed"].as<std::uint64_t>();

  std::unique_ptr<ScenarioRun> run;
  try {
    ScenarioSpec spec = load_scenario_file(vm["scenario"].as<std::string>());
    // A body is kept for the requests the report may list (the first N of each traffic
    // entry, and failed ones), not for all of a long run.
    for (auto& t : spec.traffic) t.plan.keep_bodies = static_cast<std::uint32_t>(std::min<std::size_t>(listed, UINT32_MAX));
    // The whole trace only when it is written out; the report alone needs much less.
    const bool whole_trace = vm.count("trace") || vm.count("pcap");
    run = build_run(spec, seed, whole_trace ? TraceLevel::kFull : TraceLevel::kReport);
  } catch (const ScenarioError& e) {
    std::cerr << "lvslab: " << e.what() << "\n";
    return kExitBadInput;
  }
  execute(*run, until);

  const RunReport report = make_report(*run, listed);
  if (vm.count("trace")) {
    const std::string path = vm["trace"].as<std::string>();
    std::ofstream out(path, std::ios::binary);
    if (!out) return io_error("cannot write trace file " + path);
    write_jsonl(run->world->trace(), out);
    if (!out.flush()) return io_error("error writing trace file " + path);
  }
  if (vm.count("pcap")) {
    try {
      const auto files = write_pcaps(run->world->trace(), vm["pcap"].as<std::string>());
      if (!vm.count("json"))
        for (const auto& f : files) std::cerr << "wrote " << f << "\n";
    } catch (const std::exception& e) {
      return io_error(e.what());
    }
  }
  if (vm.count("json"))
    std::cout << report_json(report).dump(2) << "\n";
  else
    std::cout << report_text(report);
  return report.failed() == 0 ? kExitOk : kExitFailedRequests;
}

}  // namespace lvs::cli
