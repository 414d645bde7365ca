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

bool time_option(const po::variables_map& vm, const std::string& option, const std::string& command,
                 const std::string& example, std::optional<SimTime>* out) {
  if (!vm.count(option)) return true;
  const std::string text = vm[option].as<std::string>();
  std::string why;
  *out = parse_user_duration(text, &why);
  if (*out) return true;
  if (is_duration_syntax(text)) usage_error(command, "--" + option + ": '" + text + "' " + why);
  else usage_error(command, "--" + option + ": expected a duration like " + example + ", got '" + text + "'");
  return false;
}

}  // namespace lvs::cli
