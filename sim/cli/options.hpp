#pragma once
// Shared command-line plumbing for the subcommands.
#include <boost/program_options.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/time.hpp"

namespace lvs::cli {

// Parses args into vm; on a usage error prints "lvslab CMD: message" and returns false.
bool parse_args(const std::vector<std::string>& args, const boost::program_options::options_description& visible,
                const boost::program_options::options_description& hidden,
                const boost::program_options::positional_options_description& positional,
                boost::program_options::variables_map& vm, const std::string& command);

// Prints "lvslab CMD: message (see 'lvslab CMD --help')" and returns exit code 2.
int usage_error(const std::string& command, const std::string& message);
// Prints "lvslab: message" and returns exit code 2.
int io_error(const std::string& message);

// A simulated-time option such as --until or --at ("5s", "250ms"), at most
// kMaxUserTime. Unset: *out stays nullopt. Bad: prints the usage error (naming `example`,
// e.g. "5s, 250ms or 100us") and returns false.
bool time_option(const boost::program_options::variables_map& vm, const std::string& option,
                 const std::string& command, const std::string& example, std::optional<SimTime>* out);

}  // namespace lvs::cli
