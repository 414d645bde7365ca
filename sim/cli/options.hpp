#pragma once
// Shared command-line plumbing for the subcommands.
#include <boost/program_options.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/time.hpp"
#include "sim/trace/output_file.hpp"

namespace lvs::cli {

// Parses args into vm; on a usage error prints "lvslab CMD: message" and returns false.
bool parse_args(const std::vector<std::string>& args, const boost::program_options::options_description& visible,
                const boost::program_options::options_description& hidden,
                const boost::program_options::positional_options_description& positional,
                boost::program_options::variables_map& vm, const std::string& command);

// --seed, by the rule of the scenario's "seed": an integer from 0 to 2^64-1, decimal
// digits only ("-1" is refused, not wrapped to 2^64-1). Reads vm["seed"] (a string) into
// `seed` when given; on a bad value prints the usage error and returns false.
bool read_seed(const boost::program_options::variables_map& vm, const std::string& command,
               std::optional<std::uint64_t>& seed);

// Prints "lvslab CMD: message (see 'lvslab CMD --help')" and returns exit code 2.
int usage_error(const std::string& command, const std::string& message);
// Prints "lvslab: message" and returns exit code 2.
int io_error(const std::string& message);
// Prints "lvslab: message" and returns exit code 3 (an output could not be written).
int output_error(const std::string& message);
// Prints "lvslab CMD: OPTION PATH is the scenario file itself; not overwriting it" and
// returns exit code 2.
int refuse_overwrite(const std::string& command, const std::string& option, const std::string& path);

// Opens `path`, given with --OPTION, into *file before the run, so that a bad path fails
// at once: the scenario file itself is refused (refuse_overwrite, exit 2), a path that
// cannot be opened is an output error (exit 3, with its reason). Returns kExitOk on success.
int open_output(const std::string& command, const std::string& option, const std::string& path,
                const std::string& scenario, std::unique_ptr<OutputFile>* file);

// A simulated-time option such as --until or --at ("5s", "250ms"), at most
// kMaxUserTime. Unset: *out stays nullopt. Bad: prints the usage error (naming `example`,
// e.g. "5s, 250ms or 100us") and returns false.
bool time_option(const boost::program_options::variables_map& vm, const std::string& option, const std::string& command,
                 const std::string& example, std::optional<SimTime>* out);

}  // namespace lvs::cli
