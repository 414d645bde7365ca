// `lvslab validate SCENARIO`: parse and check a scenario, build its world (so that
// addresses, routes and sysctls are checked against the hosts), but run nothing.
#include <boost/program_options.hpp>
#include <iostream>

#include "sim/cli/commands.hpp"
#include "sim/cli/options.hpp"
#include "sim/core/printable.hpp"
#include "sim/net/world.hpp"
#include "sim/scenario/scenario.hpp"

namespace po = boost::program_options;

namespace lvs::cli {

int cmd_validate(const std::vector<std::string>& args) {
  po::options_description opts("options");
  opts.add_options()("help,h", "show this help");
  po::options_description hidden;
  hidden.add_options()("scenario", po::value<std::string>());
  po::positional_options_description pos;
  pos.add("scenario", 1);
  po::variables_map vm;
  if (!parse_args(args, opts, hidden, pos, vm, "validate")) return kExitBadInput;
  if (vm.count("help")) {
    std::cout << "usage: lvslab validate SCENARIO\n\n"
                 "Checks SCENARIO without running it: JSON syntax, every key and value, references between\n"
                 "hosts and segments, addresses, routes and sysctls. Prints 'ok' and exits 0, or prints the\n"
                 "first problem (file, JSON pointer or line, what was expected) and exits 2. Shell lines lvslab\n"
                 "does not understand, commands that fail and files nothing reads are warnings (on stderr).\n\n"
              << opts;
    return kExitOk;
  }
  if (!vm.count("scenario")) return usage_error("validate", "missing SCENARIO");
  const std::string file = vm["scenario"].as<std::string>();
  try {
    const ScenarioSpec spec = load_scenario_file(file);
    const auto run = build_run(spec, std::nullopt, /*tracing=*/false);
    // Lines not understood, commands that failed, files nothing reads: the scenario still
    // runs, but its author should know.
    std::size_t warnings = 0;
    for (const auto& h : spec.hosts)
      for (const auto& w : h.warnings) {
        std::cerr << file << ": warning: host " << h.name << ": " << printable(w) << "\n";
        ++warnings;
      }
    const auto count = [](std::size_t n, const char* what) {
      return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
    };
    std::cout << file << ": ok (" << count(run->world->hosts().size(), "host") << ", "
              << count(run->world->segments().size(), "segment") << (warnings ? ", " + count(warnings, "warning") : "")
              << ")\n";
  } catch (const ScenarioError& e) {
    std::cerr << "lvslab: " << e.what() << "\n";
    return kExitBadInput;
  }
  return kExitOk;
}

}  // namespace lvs::cli
