// `lvslab ipvsadm SCENARIO [--at T] [--host NAME] -- ARGS...`: runs the scenario to
// simulated time T and then runs `ipvsadm ARGS` on the director, printing exactly what
// ipvsadm would print there at that instant (any list option: -Ln, -Lnc, --stats,
// --rate, --exact, -S/-Sn, -L --timeout, -h ...). The exit status is ipvsadm's.
#include <boost/program_options.hpp>
#include <iostream>

#include "sim/cli/commands.hpp"
#include "sim/cli/options.hpp"
#include "sim/ipvs/director.hpp"
#include "sim/net/host.hpp"
#include "sim/scenario/scenario.hpp"

namespace po = boost::program_options;

namespace lvs::cli {
namespace {

// The host to ask: the named one, or the only host that runs IPVS.
ipvs::Director* pick_director(World& world, const std::string& name, std::string& error) {
  if (!name.empty()) {
    Host* h = world.find_host(name);
    if (!h) {
      error = "no host named '" + name + "'";
      return nullptr;
    }
    if (auto* d = ipvs::find_director(*h)) return d;
    error = "host '" + name + "' runs no IPVS";
    return nullptr;
  }
  ipvs::Director* found = nullptr;
  for (const auto& h : world.hosts()) {
    if (auto* d = ipvs::find_director(*h)) {
      if (found) {
        error = "several hosts run IPVS; say which with --host";
        return nullptr;
      }
      found = d;
    }
  }
  if (!found) error = "no host in this scenario runs IPVS";
  return found;
}

}  // namespace

int cmd_ipvsadm(const std::vector<std::string>& args) {
  // Everything after "--" belongs to ipvsadm.
  std::vector<std::string> ours = args, theirs;
  for (std::size_t i = 0; i < args.size(); ++i)
    if (args[i] == "--") {
      ours.assign(args.begin(), args.begin() + static_cast<std::ptrdiff_t>(i));
      theirs.assign(args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
      break;
    }
  po::options_description opts("options");
  opts.add_options()("help,h", "show this help")(
      "at", po::value<std::string>(), "simulated time to stop at, e.g. 3s (default: the scenario's duration)")(
      "host", po::value<std::string>(), "the director to ask (default: the only host that runs IPVS)")(
      "seed", po::value<std::string>(), "random seed (default: the scenario's)");
  po::options_description hidden;
  hidden.add_options()("scenario", po::value<std::string>());
  po::positional_options_description pos;
  pos.add("scenario", 1);
  po::variables_map vm;
  if (!parse_args(ours, opts, hidden, pos, vm, "ipvsadm")) return kExitBadInput;
  if (vm.count("help")) {
    std::cout << "usage: lvslab ipvsadm SCENARIO [--at T] [--host NAME] -- IPVSADM-ARGS...\n\n"
                 "Runs SCENARIO up to simulated time T, then runs `ipvsadm IPVSADM-ARGS` on the director and\n"
                 "prints what the real ipvsadm prints there, e.g.:\n"
                 "  lvslab ipvsadm scenarios/lvs-nat.json --at 3s -- -Ln\n"
                 "  lvslab ipvsadm scenarios/lvs-dr.json -- -Lnc\n"
                 "  lvslab ipvsadm scenarios/lvs-nat.json -- -Ln --stats\n"
                 "The exit status is ipvsadm's (0 ok, 1/2/255 as ipvsadm); 2 also for a bad scenario.\n\n"
              << opts;
    return kExitOk;
  }
  if (!vm.count("scenario")) return usage_error("ipvsadm", "missing SCENARIO");
  if (theirs.empty()) theirs = {"-Ln"};
  std::optional<SimTime> at;
  if (!time_option(vm, "at", "ipvsadm", "3s or 250ms", &at)) return kExitBadInput;
  std::optional<std::uint64_t> seed;
  if (!read_seed(vm, "ipvsadm", seed)) return kExitBadInput;

  std::unique_ptr<ScenarioRun> run;
  try {
    run = build_run(load_scenario_file(vm["scenario"].as<std::string>()), seed, /*tracing=*/false);
  } catch (const ScenarioError& e) {
    std::cerr << "lvslab: " << e.what() << "\n";
    return kExitBadInput;
  }
  std::string error;
  ipvs::Director* director = pick_director(*run->world, vm.count("host") ? vm["host"].as<std::string>() : "", error);
  if (!director) return io_error(error);
  execute(*run, at);

  const auto parsed = ipvs::ipvsadm::parse_ipvsadm(theirs);
  if (!parsed.ok()) {
    std::cerr << parsed.error << "\n";
    return parsed.exit_status;
  }
  const auto out = ipvs::run_ipvsadm(director->tables(), *parsed.command, run->world->now());
  std::cout << out.out;
  std::cerr << out.err;
  return out.exit_status;
}

}  // namespace lvs::cli
