#pragma once
// What every command of the interpreter sees and gives back. A command is one function
// in its own file (sim/config/shell/<name>.cpp), listed by name in registry.cpp.
#include <string>
#include <string_view>
#include <vector>

#include "sim/config/machine.hpp"

namespace lvs::config::shell {

struct CommandContext {
  Machine& machine;
  Origin origin;
  bool has_stdin = false;  // `< FILE` or a here-document gave standard input
  std::string stdin_text;
};

struct CommandResult {
  std::string out;  // stdout
  std::string err;  // stderr
  // lvslab's own remark (not understood, not run): always on the terminal, whatever the
  // redirections say.
  std::string note;
  int status = 0;
  bool understood = true;  // false: lvslab does not model this (err says what)
  bool ignored = false;    // interactive commands (vi): not run, a note in err
  // The exit status answers a query (systemctl status / is-active / is-enabled of a unit
  // that is not running / enabled: 3 / 1, as systemd's LSB codes), not a failure.
  bool answer = false;
  // The command wrote all of its stderr before its stdout (exportfs warns while it reads
  // /etc/exports, then exports): the terminal shows them in that order.
  bool err_first = false;
};

// argv[0] is the command's name as typed, without a directory ("/sbin/ifconfig" -> "ifconfig").
using CommandFn = CommandResult (*)(CommandContext& ctx, const std::vector<std::string>& argv);

// The command registered under `name`, or nullptr.
CommandFn find_command(std::string_view name);
bool is_known_command(std::string_view name);

// "lvslab: FILE:LINE: not understood: WHAT" (and understood = false, status 127).
CommandResult not_understood(const CommandContext& ctx, std::string_view what);
// lvslab's own remark on the line being run: "lvslab: FILE:LINE: TEXT\n".
std::string lvslab_note(const CommandContext& ctx, std::string_view text);
// An error: `text` (a newline is added) on stderr with exit status `status`.
CommandResult fail(std::string text, int status);

// bash's backslash escapes (echo -e, printf): \n \t \r \a \b \v \\; \c sets *stop
// (when given) and ends the text.
std::string expand_escapes(std::string_view s, bool* stop);

// argv[1..] joined with blanks: the command line as lvslab quotes it in notes.
std::string join_args(const std::vector<std::string>& argv, std::size_t from = 0);

}  // namespace lvs::config::shell
