// lvslab: the command line. `lvslab SUBCOMMAND [options]`; see usage() below.
#include <cstring>
#include <exception>
#include <iostream>
#include <new>
#include <string>
#include <vector>

#include "sim/cli/checked_stdout.hpp"
#include "sim/cli/commands.hpp"
#include "sim/scenario/error.hpp"

namespace {

constexpr const char* kVersion = "0.1.0";

// The subcommands: one line each, in the order usage() lists them.
struct Subcommand {
  const char* name;
  const char* synopsis;  // what usage() prints for it, aligned as the other lines
  int (*run)(const std::vector<std::string>& args);
};

constexpr Subcommand kSubcommands[] = {
    {"run", "  run SCENARIO       run a scenario: each request's result and path, optional trace and pcap\n",
     lvs::cli::cmd_run},
    {"validate", "  validate SCENARIO  check a scenario file without running it\n", lvs::cli::cmd_validate},
    {"ipvsadm",
     "  ipvsadm SCENARIO [--at T] -- ARGS\n"
     "                     run the scenario to time T, then print what `ipvsadm ARGS` prints on the director\n",
     lvs::cli::cmd_ipvsadm},
    {"grade",
     "  grade LAB SUBMISSION\n"
     "                     grade a student's submission against a lab pack: score, causes, replays\n",
     lvs::cli::cmd_grade},
#ifdef LVSLAB_WITH_VIEWER
    {"view", "  view SCENARIO      step through the run in a window (topology, events, packets, host tables)\n",
     lvs::cli::cmd_view},
#endif
    {"hw",
     "  hw run|compare|up|down SCENARIO\n"
     "                     hardware mode: the scenario on this machine's real kernel (root, ip_vs)\n",
     lvs::cli::cmd_hw},
};

const Subcommand* find_subcommand(const std::string& name) {
  for (const Subcommand& s : kSubcommands)
    if (name == s.name) return &s;
  return nullptr;
}

void usage(std::ostream& out) {
  out << "lvslab " << kVersion << " - a packet-level simulator and teaching lab for Linux Virtual Server\n\n"
      << "usage: lvslab <command> [options]\n\n"
      << "commands:\n";
  for (const Subcommand& s : kSubcommands) out << s.synopsis;
  out << "  help [COMMAND]     this text, or a command's options (same as COMMAND --help)\n\n"
         "exit codes: 0 ok, 1 the run finished with failed or unstarted requests (grade: the submission\n"
         "            lost points), 2 bad input,\n"
         "            3 an output could not be written (disk full, unwritable path), 4 internal error\n";
}

// Runs the command named by args[0] and returns its exit code.
int dispatch(std::vector<std::string> args) {
  using namespace lvs::cli;
  if (args.empty()) {
    usage(std::cerr);
    return kExitBadInput;
  }
  const std::string command = args.front();
  args.erase(args.begin());
  if (command == "--help" || command == "-h") {
    usage(std::cout);
    return kExitOk;
  }
  if (command == "--version") {
    std::cout << "lvslab " << kVersion << "\n";
    return kExitOk;
  }
  if (command == "help") {
    if (args.empty()) {
      usage(std::cout);
      return kExitOk;
    }
    if (const Subcommand* s = find_subcommand(args.front())) return s->run({"--help"});
    std::cerr << "lvslab: unknown command '" << args.front() << "'\n";
    return kExitBadInput;
  }
  if (const Subcommand* s = find_subcommand(command)) return s->run(args);
  std::cerr << "lvslab: unknown command '" << command << "' (try 'lvslab --help')\n";
  return kExitBadInput;
}

// Every error a user can cause is caught where it happens, with its own message and
// exit code 2. What reaches this level is a bug in lvslab: it is reported as such
// (exit 4) instead of aborting with a core dump.
int run_command(std::vector<std::string> args) {
  using namespace lvs::cli;
  try {
    return dispatch(std::move(args));
  } catch (const lvs::ScenarioError& e) {
    std::cerr << "lvslab: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const std::bad_alloc&) {  // the input asked for more than this machine has
    std::cerr << "lvslab: out of memory\n";
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "lvslab: internal error: " << e.what() << " (please report it, with the scenario)\n";
  } catch (...) {
    std::cerr << "lvslab: internal error: unknown exception (please report it, with the scenario)\n";
  }
  return kExitInternalError;
}

}  // namespace

int main(int argc, char** argv) {
  lvs::cli::CheckedStdout out;
  return out.finish(run_command(std::vector<std::string>(argv + 1, argv + argc)));
}
