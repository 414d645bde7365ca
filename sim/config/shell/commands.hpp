#pragma once
// Every command the interpreter knows, one per file in sim/config/shell/; registry.cpp
// lists them by name.
#include "sim/config/shell/command.hpp"

namespace lvs::config::shell {

CommandResult cmd_ip(CommandContext& ctx, const std::vector<std::string>& argv);
CommandResult cmd_ifconfig(CommandContext& ctx, const std::vector<std::string>& argv);
CommandResult cmd_route(CommandContext& ctx, const std::vector<std::string>& argv);
CommandResult cmd_sysctl(CommandContext& ctx, const std::vector<std::string>& argv);
CommandResult cmd_echo(CommandContext& ctx, const std::vector<std::string>& argv);
CommandResult cmd_printf(CommandContext& ctx, const std::vector<std::string>& argv);
CommandResult cmd_cat(CommandContext& ctx, const std::vector<std::string>& argv);
CommandResult cmd_cp(CommandContext& ctx, const std::vector<std::string>& argv);
CommandResult cmd_cd(CommandContext& ctx, const std::vector<std::string>& argv);
CommandResult cmd_mkdir(CommandContext& ctx, const std::vector<std::string>& argv);
CommandResult cmd_touch(CommandContext& ctx, const std::vector<std::string>& argv);
CommandResult cmd_chmod(CommandContext& ctx, const std::vector<std::string>& argv);
CommandResult cmd_ipvsadm(CommandContext& ctx, const std::vector<std::string>& argv);
CommandResult cmd_ipvsadm_save(CommandContext& ctx, const std::vector<std::string>& argv);
CommandResult cmd_ipvsadm_restore(CommandContext& ctx, const std::vector<std::string>& argv);
CommandResult cmd_modprobe(CommandContext& ctx, const std::vector<std::string>& argv);
CommandResult cmd_systemctl(CommandContext& ctx, const std::vector<std::string>& argv);
CommandResult cmd_service(CommandContext& ctx, const std::vector<std::string>& argv);
CommandResult cmd_chkconfig(CommandContext& ctx, const std::vector<std::string>& argv);
CommandResult cmd_exportfs(CommandContext& ctx, const std::vector<std::string>& argv);
CommandResult cmd_mount(CommandContext& ctx, const std::vector<std::string>& argv);
CommandResult cmd_umount(CommandContext& ctx, const std::vector<std::string>& argv);
CommandResult cmd_curl(CommandContext& ctx, const std::vector<std::string>& argv);
CommandResult cmd_wget(CommandContext& ctx, const std::vector<std::string>& argv);
CommandResult cmd_editor(CommandContext& ctx, const std::vector<std::string>& argv);
CommandResult cmd_arping(CommandContext& ctx, const std::vector<std::string>& argv);

}  // namespace lvs::config::shell
