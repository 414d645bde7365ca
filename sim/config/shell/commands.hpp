#pragma once
// Every command the interpreter knows, one per file in sim/config/shell/; registry.cpp
// lists them by name.
#include "sim/config/shell/command.hpp"

namespace lvs::config::shell {

CommandResult cmd_ip(CommandContext& ctx, const std::vector<std::string>& argv);

}  // namespace lvs::config::shell
