#pragma once
// The services the labs use, as systemd units (CentOS 7 packages): their names and
// aliases, and what starting and stopping each does to the machine. Shared by
// `systemctl`, `service` and `chkconfig`.
#include <optional>
#include <string>
#include <string_view>

#include "sim/config/shell/command.hpp"

namespace lvs::config::shell {

// The unit's canonical name for a name as typed: "nfs" and "nfs-kernel-server" ->
// "nfs-server", "apache2" -> "httpd", a ".service" suffix dropped. nullopt: not a unit
// lvslab knows.
std::optional<std::string> canonical_unit(std::string_view typed);

// Starts / stops a unit (its ExecStart / ExecStop); "" on success, else what failed
// (the unit's own error, without systemctl's wrapping).
std::string start_unit(CommandContext& ctx, const std::string& unit);
std::string stop_unit(CommandContext& ctx, const std::string& unit);

// initscripts' action(): the message, then "[  OK  ]" at column 60 (echo_success moves
// the cursor there; a terminal shows the gap as blanks).
std::string initscripts_ok(const std::string& message);

// `systemctl enable|disable NAME` with systemd 219's (CentOS 7) messages.
CommandResult enable_unit(CommandContext& ctx, const std::string& unit, bool enable);

// `systemctl ACTION NAME` for start, stop, restart, enable, disable, status, is-active,
// is-enabled (`typed` is the name as the user wrote it).
CommandResult systemctl_action(CommandContext& ctx, const std::string& action, const std::string& typed);

}  // namespace lvs::config::shell
