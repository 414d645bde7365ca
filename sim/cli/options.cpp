#include "sim/cli/options.hpp"

#include <charconv>
#include <iostream>
#include <limits>

#include "sim/cli/commands.hpp"
#include "sim/core/printable.hpp"

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

bool read_seed(const po::variables_map& vm, const std::string& command, std::optional<std::uint64_t>& seed) {
  if (!vm.count("seed")) return true;
  const std::string text = vm["seed"].as<std::string>();
  std::uint64_t value = 0;
  // from_chars on an unsigned type takes digits only: no sign, no space, no overflow.
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    usage_error(command, "--seed: expected an integer (0 to " +
                             std::to_string(std::numeric_limits<std::uint64_t>::max()) + "), got '" + text + "'");
    return false;
  }
  seed = value;
  return true;
}

int usage_error(const std::string& command, const std::string& message) {
  std::cerr << "lvslab " << command << ": " << printable(message) << " (see 'lvslab " << command << " --help')\n";
  return kExitBadInput;
}

int io_error(const std::string& message) {
  std::cerr << "lvslab: " << printable(message) << "\n";
  return kExitBadInput;
}

int output_error(const std::string& message) {
  std::cerr << "lvslab: " << printable(message) << "\n";
  return kExitOutputError;
}

int refuse_overwrite(const std::string& command, const std::string& option, const std::string& path) {
  std::cerr << "lvslab " << command << ": " << option << " " << printable(path)
            << " is the scenario file itself; not overwriting it\n";
  return kExitBadInput;
}

int open_output(const std::string& command, const std::string& option, const std::string& path,
                const std::string& scenario, std::unique_ptr<OutputFile>* file) {
  if (same_file(path, scenario)) return refuse_overwrite(command, "--" + option, path);
  try {
    *file = std::make_unique<OutputFile>(path);
  } catch (const OutputError& e) {
    return output_error("--" + option + ": " + e.what());
  }
  return kExitOk;
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
