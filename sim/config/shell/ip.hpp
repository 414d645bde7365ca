#pragma once
// iproute2's `ip` (6.1): the objects students use, one file each (ip_addr.cpp,
// ip_route.cpp, ip_link.cpp, ip_neigh.cpp). ip.cpp reads the global options and the object.
#include <string>
#include <string_view>
#include <vector>

#include "sim/config/shell/command.hpp"
#include "sim/net/host.hpp"

namespace lvs::config::shell {

struct IpOptions {
  bool inet_only = false;  // -4 / -f inet
  bool brief = false;      // -br / -brief: one line per device
};

using IpArgs = std::vector<std::string>;  // the words after the object

CommandResult ip_address(CommandContext& ctx, const IpArgs& args, const IpOptions& o);
CommandResult ip_route(CommandContext& ctx, const IpArgs& args, const IpOptions& o);
CommandResult ip_link(CommandContext& ctx, const IpArgs& args, const IpOptions& o);
CommandResult ip_neigh(CommandContext& ctx, const IpArgs& args, const IpOptions& o);

// iproute2's matches(): `word` is a non-empty prefix of `full` ("a" matches "add").
bool ip_matches(std::string_view word, std::string_view full);
// The messages iproute2 gives for bad arguments (exit 1 / 255, as ip does).
CommandResult ip_cannot_find_device(std::string_view dev);
CommandResult ip_unknown_command(std::string_view cmd, std::string_view object);
// "RTNETLINK answers: ..." and "Error: ..." (kernel refusals): exit 2.
CommandResult ip_kernel_error(const std::string& text);

}  // namespace lvs::config::shell
