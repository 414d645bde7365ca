#pragma once
// A file that a boot script sources with bash (`. /etc/sysconfig/network-scripts/ifcfg-eth0`,
// `. /etc/sysconfig/network`, route-eth0 in its ADDRESSn= form): NAME=VALUE assignments
// read with bash's quoting, comments and expansions, so a value means what it means to
// initscripts. Anything else bash would run as a command; lvslab runs none and says so.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "sim/config/files/plan_writer.hpp"

namespace lvs::config::files {

struct ShellVar {
  std::string value;
  std::string file;  // where it was assigned (last assignment wins, as in bash)
  std::uint32_t line = 0;
};
using ShellVars = std::map<std::string, ShellVar>;

// Reads `text` (the file `path`) as `. path` does, adding its assignments to `vars`,
// whose earlier values its $NAME / ${NAME} expansions see. Supported: NAME=VALUE words
// (several per line), `export NAME=VALUE`, '...' and "..." quoting (spanning lines),
// backslash escapes and line continuations, # comments, ';' between commands. A line
// that is not assignments, command substitution, special parameters and an unterminated
// quote are problems "FILE:LINE: ...".
void source_assignments(const std::string& path, std::string_view text, ShellVars& vars, PlanWriter& out);

// The value of a variable, "" when unset (as "$NAME" expands).
std::string var_value(const ShellVars& vars, const std::string& name);
std::uint32_t var_line(const ShellVars& vars, const std::string& name);
// Where a variable was set (it may come from another file sourced before, or a parent
// ifcfg file); `fallback` (line 0) when it is unset.
Origin var_origin(const ShellVars& vars, const std::string& name, const std::string& fallback);

}  // namespace lvs::config::files
