#pragma once
// The shell interpreter: the command lines a student types on a lab machine, read as
// data and carried out on a Machine with the syntax, defaults, output and exit status of
// the real tools (Debian 12: net-tools 2.10, iproute2 6.1, procps; CentOS 7 initscripts
// for service/chkconfig; ipvsadm 1.31). One file per command under sim/config/shell/,
// registered by name in one table (an extension point: a command is its file plus one line).
#include <string>
#include <string_view>
#include <vector>

#include "sim/config/machine.hpp"

namespace lvs::config {

// One command as the terminal showed it: the prompt and the line typed, then what the
// command printed (stdout and stderr in order) and its exit status.
struct TranscriptEntry {
  Origin origin;
  std::string prompt;   // "[root@rs1 ~]# "
  std::string command;  // the line as typed, prompt stripped
  std::string output;   // what it printed, each line ending in '\n'
  int status = 0;       // the exit status ($?)
  // false: lvslab does not model this command (or this form of it); `output` then says so
  // ("lvslab: not understood: ...") and the rest of the script still runs.
  bool understood = true;
  // vim/vi and other interactive lines: not run, kept with a note.
  bool ignored = false;
  // The last command's exit status answers a question rather than reporting a failure
  // (`systemctl status` / `is-active` of an inactive unit: 3, as systemd exits).
  bool answer = false;
};

// Runs a script: one command per line; blank lines and comments skipped; prompts
// ("[root@rs1 ~]# ", "# ", "$ ") stripped; `a && b`, `a; b`, `a || b`; here-documents
// (`cat > F <<EOF` ... `EOF`) span lines. Never throws on user input.
std::vector<TranscriptEntry> run_script(Machine& machine, std::string_view text, const std::string& file);

// One line (which may chain commands with ; && ||), as run_script runs each line.
std::vector<TranscriptEntry> run_line(Machine& machine, std::string_view line, const Origin& origin);

}  // namespace lvs::config
