#include "sim/cli/options.hpp"

#include <iostream>

#include "sim/cli/commands.hpp"

namespace po = boost::program_options;

namespace lvs::cli {

bool parse_args(const std::vector<std::string>& args, const po::options_description& visible,
                const po::options_description& hidden, const po::positional_options_description& positional,
                po::variables_map& vm, const std::string& command) {
  po::options_description all;
  all.add(visible).add(hidden);
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    usage_error(command, e.what());
    return false;
  }
  return true;
}

int usage_error(const std::string& command, const std::string& message) {
  std::cerr << "lvslab " << command << ": " << message << " (see 'lvslab " << command << " --help')\n";
  return kExitBadInput;
}

int io_error(const std::string& message) {
  std::cerr << "lvslab: " << message << "\n";
  return kExitBadInput;
}

int output_error(const std::string& message) {
  std::cerr << "lvslab: " << message << "\n";
  return kExitOutputError;
}

int refuse_overwrite(const std::string& command, const std::string& option, const std::string& path) {
  std::cerr << "lvslab " << command << ": " << option << " " << path
            << " is the scenario file itself; not overwriting it\n";
  return kExitBadInput;
}

}  // namespace lvs::cli
