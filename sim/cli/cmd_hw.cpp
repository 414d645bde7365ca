// `lvslab hw ...`: hardware mode (sim/hw). The scenario is brought up on this machine's
// real kernel (network namespaces, veth, bridges, IPVS over generic netlink):
//   hw run SCENARIO [--json] [--speed X]   play it, report as `lvslab run` does, plus
//                                          the kernel's IPVS tables and VIP neighbours
//   hw compare SCENARIO [--speed X]        the simulator and the kernel side by side;
//                                          exit 1 naming each difference (or an unmet expect)
//   hw up SCENARIO / hw down [--all]       keep a lab standing for real tools
// Without root, ip_vs (or ipip for TUN): one message, exit 2, nothing created.
#include <algorithm>
#include <boost/program_options.hpp>
#include <iostream>

#include "sim/cli/commands.hpp"
#include "sim/cli/options.hpp"
#include "sim/hw/compare.hpp"
#include "sim/hw/error.hpp"
#include "sim/hw/interrupt.hpp"
#include "sim/hw/names.hpp"
#include "sim/hw/run.hpp"
#include "sim/hw/standing.hpp"
#include "sim/ipvs/ipvsadm/format.hpp"
#include "sim/report/report.hpp"
#include "sim/scenario/scenario.hpp"

namespace po = boost::program_options;

namespace lvs::cli {
namespace {

constexpr int kExitInterrupted = 130;

void hw_usage(std::ostream& out) {
  out << "usage: lvslab hw <run|compare|up|down> ...\n\n"
         "Hardware mode: the scenario on this machine's real Linux kernel. Every host becomes a network\n"
         "namespace, every segment a bridge, the director's rules go to the kernel's IPVS over generic\n"
         "netlink, lvslab's own HTTP servers and clients run inside the namespaces. Needs root and a\n"
         "kernel with ip_vs (and ipip for LVS-TUN). See docs/hardware-mode.md.\n\n"
         "  hw run SCENARIO [--json] [--speed X]  play the scenario, report as `lvslab run` does, plus the\n"
         "                                        kernel's ipvsadm -Ln / -Lnc / --stats and VIP neighbours\n"
         "  hw compare SCENARIO [--speed X]       simulator vs kernel, side by side; exit 1 on a difference or an "
         "unmet expect\n"
         "  hw up SCENARIO                        bring the lab up and leave it (namespaces lvslab-<host>)\n"
         "  hw down [--all]                       remove the `hw up` lab (--all: also what killed runs left)\n\n"
         "exit codes: 0 ok / agree, 1 failed requests / differences, 2 unavailable or bad input, 130 interrupted\n";
}

struct Parsed {
  po::variables_map vm;
  bool ok = false;
};

Parsed parse(const std::vector<std::string>& args, const std::string& name, bool needs_scenario, bool json, bool all) {
  po::options_description opts("options");
  opts.add_options()("help,h", "show this help");
  if (json) opts.add_options()("json", "print one JSON object (the shape of `lvslab run --json`, plus \"kernel\")");
  if (needs_scenario && name != "hw up")
    opts.add_options()("speed", po::value<double>()->default_value(1.0),
                       "play the schedule X times faster (0.01 to 100)");
  if (all)
    opts.add_options()("all",
                       "also remove the labs of `hw run`s that have ended (a killed run's); a running one's are kept");
  po::options_description hidden;
  hidden.add_options()("scenario", po::value<std::string>());
  po::positional_options_description pos;
  if (needs_scenario) pos.add("scenario", 1);
  Parsed p;
  if (!parse_args(args, opts, hidden, pos, p.vm, name)) return p;
  if (p.vm.count("help")) {
    hw_usage(std::cout);
    std::cout << "\n" << name << " " << opts;
    return p;
  }
  if (needs_scenario && !p.vm.count("scenario")) {
    usage_error(name, "missing SCENARIO");
    return p;
  }
  if (p.vm.count("speed"))
    if (const std::string why = hw::speed_error(p.vm["speed"].as<double>()); !why.empty()) {
      usage_error(name, why);
      return p;
    }
  p.ok = true;
  return p;
}

// Runs `body`, turning hardware-mode failures into one message and an exit code.
template <class F>
int guarded(const std::string& name, F body) {
  try {
    return body();
  } catch (const ScenarioError& e) {
    std::cerr << "lvslab: " << e.what() << "\n";
  } catch (const hw::HwUnavailable& e) {
    std::cerr << "lvslab " << name << ": " << e.what() << "\n";
  } catch (const hw::Interrupted& e) {
    std::cerr << "lvslab " << name << ": " << e.what() << "\n";
    return kExitInterrupted;
  } catch (const hw::HwError& e) {
    std::cerr << "lvslab " << name << ": " << e.what() << " (everything the run created was removed)\n";
  }
  return kExitBadInput;
}

hw::HwRunOptions run_options(const po::variables_map& vm) {
  hw::HwRunOptions o;
  if (vm.count("speed")) o.speed = vm["speed"].as<double>();
  return o;
}

// The simulator's report fields that make no sense for a real run, set to what happened.
RunReport hw_report(const hw::HwRunResult& res) {
  RunReport r = make_report(*res.run);
  r.stop_reason = "hardware";
  r.end_time = res.end_time;
  r.events = 0;
  r.frames = res.frames;
  r.drops = 0;
  return r;
}

std::string ipvs_text(const ipvs::Snapshot& s, bool connections, bool stats) {
  ipvs::ipvsadm::ListOptions o;
  o.numeric = true;
  o.connections = connections;
  o.stats = stats;
  return connections ? ipvs::ipvsadm::format_connections(s, o) : ipvs::ipvsadm::format_list(s, o);
}

nlohmann::ordered_json kernel_json(const hw::HwRunResult& res) {
  nlohmann::ordered_json k;
  k["release"] = res.kernel;
  k["director"] = res.director.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(res.director);
  if (res.has_ipvs)
    k["ipvsadm"] = {{"list", ipvs_text(res.ipvs, false, false)},
                    {"connections", ipvs_text(res.ipvs, true, false)},
                    {"stats", ipvs_text(res.ipvs, false, true)}};
  k["vip_neighbours"] = nlohmann::ordered_json::array();
  for (const auto& n : res.vip_neighbours)
    k["vip_neighbours"].push_back(
        {{"host", n.host},
         {"dev", n.dev},
         {"vip", n.vip.str()},
         {"mac", n.has_mac ? nlohmann::ordered_json(n.mac.str()) : nlohmann::ordered_json(nullptr)},
         {"mac_owner", n.mac_owner},
         {"state", neigh_state_name(n.state)}});
  return k;
}

std::string kernel_text(const hw::HwRunResult& res) {
  std::string out = "\nthe kernel's view (Linux " + res.kernel + ") at " + format_time(res.end_time) + ":\n";
  if (res.has_ipvs) {
    out += "\n# " + res.director + ": ipvsadm -Ln\n" + ipvs_text(res.ipvs, false, false);
    out += "\n# " + res.director + ": ipvsadm -Lnc\n" + ipvs_text(res.ipvs, true, false);
    out += "\n# " + res.director + ": ipvsadm -Ln --stats\n" + ipvs_text(res.ipvs, false, true);
  }
  for (const auto& n : res.vip_neighbours)
    out += "\n# " + n.host + ": ip neigh show " + n.vip.str() + "\n" + n.vip.str() + " dev " + n.dev +
           (n.has_mac ? " lladdr " + n.mac.str() : "") + " " + neigh_state_name(n.state) + "   (" + n.mac_owner + ")\n";
  return out;
}

// What the run could not honour as the simulator does (simultaneous items, a repeated
// client port): on stderr, so that --json stays one object.
void print_warnings(const std::string& command, const hw::HwRunResult& res) {
  for (const auto& w : res.warnings) std::cerr << "lvslab " << command << ": warning: " << w << "\n";
}

int hw_run_cmd(const std::vector<std::string>& args) {
  Parsed p = parse(args, "hw run", true, true, false);
  if (!p.ok) return p.vm.count("help") ? kExitOk : kExitBadInput;
  return guarded("hw run", [&] {
    const ScenarioSpec spec = load_scenario_file(p.vm["scenario"].as<std::string>());
    const hw::HwRunResult res = hw::hw_run(spec, run_options(p.vm));
    print_warnings("hw run", res);
    const RunReport report = hw_report(res);
    if (p.vm.count("json")) {
      nlohmann::ordered_json j = report_json(report);
      j["kernel"] = kernel_json(res);
      std::cout << j.dump(2) << "\n";
    } else {
      std::cout << report_text(report) << kernel_text(res);
    }
    return report.all_ok() ? kExitOk : kExitFailedRequests;
  });
}

int hw_compare_cmd(const std::vector<std::string>& args) {
  Parsed p = parse(args, "hw compare", true, false, false);
  if (!p.ok) return p.vm.count("help") ? kExitOk : kExitBadInput;
  return guarded("hw compare", [&] {
    const ScenarioSpec spec = load_scenario_file(p.vm["scenario"].as<std::string>());
    const hw::HwRunOptions options = run_options(p.vm);
    const hw::HwRunResult res = hw::hw_run(spec, options);
    print_warnings("hw compare", res);
    const hw::Observables kernel = hw::kernel_observables(res);
    // The simulator, stopped at the scenario time at which the kernel was read.
    const SimTime at = static_cast<SimTime>(static_cast<double>(res.end_time) * options.speed);
    const hw::Observables simulated = hw::simulated_observables(spec, at);
    hw::CompareOptions compare_options;
    compare_options.expiry = options.speed == 1.0;
    const hw::Comparison c = hw::compare(spec, simulated, kernel, compare_options);
    std::cout << hw::comparison_text(c,
                                     "lvslab hw compare " + spec.name + ": simulator vs Linux " + res.kernel + " at " +
                                         format_time(at) + " (" + std::to_string(res.frames) + " frames captured)",
                                     "kernel");
    return c.ok() ? kExitOk : kExitFailedRequests;
  });
}

int hw_up_cmd(const std::vector<std::string>& args) {
  Parsed p = parse(args, "hw up", true, false, false);
  if (!p.ok) return p.vm.count("help") ? kExitOk : kExitBadInput;
  return guarded("hw up", [&] {
    const ScenarioSpec spec = load_scenario_file(p.vm["scenario"].as<std::string>());
    const auto made = hw::hw_up(spec);
    std::cout << "lab " << spec.name << " is up:\n";
    for (const auto& m : made) std::cout << "  " << m << "\n";
    std::cout << "\npoke at it with the real tools, e.g.\n";
    for (const auto& h : spec.hosts) {
      const std::string ns = hw::host_netns(hw::kLabPrefix, h.name);
      if (h.runs_ipvs) std::cout << "  ip netns exec " << ns << " ipvsadm -Ln\n";
      if (h.role == "gateway" || h.role == "router") std::cout << "  ip netns exec " << ns << " ip neigh\n";
    }
    for (const auto& t : spec.traffic)
      std::cout << "  ip netns exec " << hw::host_netns(hw::kLabPrefix, t.client) << " curl -s " << t.plan.url << "\n";
    std::cout << "remove it with: lvslab hw down\n";
    return kExitOk;
  });
}

int hw_down_cmd(const std::vector<std::string>& args) {
  Parsed p = parse(args, "hw down", false, false, true);
  if (!p.ok) return p.vm.count("help") ? kExitOk : kExitBadInput;
  return guarded("hw down", [&] {
    const hw::DownReport r = hw::hw_down(p.vm.count("all") > 0);
    for (const auto& w : r.warnings) std::cerr << "lvslab hw down: " << w << "\n";
    for (const auto& n : r.removed) std::cout << "removed network namespace " << n << "\n";
    for (const auto& k : r.kept) std::cout << k << "\n";
    if (r.removed.empty() && r.kept.empty()) std::cout << "no lvslab lab to remove\n";
    return kExitOk;
  });
}

}  // namespace

int cmd_hw(const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    hw_usage(args.empty() ? std::cerr : std::cout);
    return args.empty() ? kExitBadInput : kExitOk;
  }
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (args[0] == "run") return hw_run_cmd(rest);
  if (args[0] == "compare") return hw_compare_cmd(rest);
  if (args[0] == "up") return hw_up_cmd(rest);
  if (args[0] == "down") return hw_down_cmd(rest);
  std::cerr << "lvslab hw: unknown subcommand '" << args[0] << "' (try 'lvslab hw --help')\n";
  return kExitBadInput;
}

}  // namespace lvs::cli
