// The one table of commands: a new command is its file plus one line here.
#include <algorithm>
#include <array>
#include <utility>

#include "sim/config/shell/commands.hpp"

namespace lvs::config::shell {
namespace {

constexpr std::pair<std::string_view, CommandFn> kCommands[] = {
    {"ip", cmd_ip},
    {"ifconfig", cmd_ifconfig},
    {"route", cmd_route},
    {"sysctl", cmd_sysctl},
    {"echo", cmd_echo},
    {"printf", cmd_printf},
    {"cat", cmd_cat},
    {"cp", cmd_cp},
    {"cd", cmd_cd},
    {"mkdir", cmd_mkdir},
    {"touch", cmd_touch},
    {"chmod", cmd_chmod},
    {"ipvsadm", cmd_ipvsadm},
    {"ipvsadm-save", cmd_ipvsadm_save},
    {"ipvsadm-restore", cmd_ipvsadm_restore},
    {"modprobe", cmd_modprobe},
    {"systemctl", cmd_systemctl},
    {"service", cmd_service},
    {"chkconfig", cmd_chkconfig},
    {"exportfs", cmd_exportfs},
    {"mount", cmd_mount},
    {"umount", cmd_umount},
    {"curl", cmd_curl},
    {"wget", cmd_wget},
    {"arping", cmd_arping},
    {"vim", cmd_editor},
    {"vi", cmd_editor},
    {"nano", cmd_editor},
};

}  // namespace

CommandFn find_command(std::string_view name) {
  for (const auto& [n, fn] : kCommands)
    if (n == name) return fn;
  return nullptr;
}

bool is_known_command(std::string_view name) {
  return find_command(name.substr(name.rfind('/') == std::string_view::npos ? 0 : name.rfind('/') + 1)) != nullptr;
}

CommandResult not_understood(const CommandContext& ctx, std::string_view what) {
  CommandResult r;
  r.understood = false;
  r.status = 127;
  r.note = lvslab_note(ctx, "not understood: " + std::string(what));
  return r;
}

std::string lvslab_note(const CommandContext& ctx, std::string_view text) {
  return "lvslab: " + ctx.origin.file + ":" + std::to_string(ctx.origin.line) + ": " + std::string(text) + "\n";
}

CommandResult fail(std::string text, int status) {
  CommandResult r;
  r.err = std::move(text) + "\n";
  r.status = status;
  return r;
}

std::string join_args(const std::vector<std::string>& argv, std::size_t from) {
  std::string s;
  for (std::size_t i = from; i < argv.size(); ++i) {
    if (i > from) s += ' ';
    s += argv[i];
  }
  return s;
}

}  // namespace lvs::config::shell
