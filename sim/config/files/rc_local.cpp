// rc-local.service runs "/etc/rc.d/rc.local start" on CentOS 7 (where /etc/rc.local is a
// symlink to it) and /etc/rc.local on Debian 12 (systemd-rc-local-generator), after
// network.target. Both run it only when it is executable (ConditionFileIsExecutable=);
// lvslab keeps no file modes, so a given rc.local is run.
// Each command line becomes a step: comment and blank lines are skipped, a trailing
// backslash joins the next line, `exit` ends the script; a here-document's lines follow
// its command line in the step, separated by '\n', up to and with its delimiter line.
// Shell control structures (if/for/while/case/functions) are not modelled: a problem.
#include "sim/config/files/rc_local.hpp"

namespace lvs::config::files {
namespace {

constexpr const char* kCentos = "/etc/rc.d/rc.local";
constexpr const char* kDebian = "/etc/rc.local";

std::string_view first_word(std::string_view line) {
  const auto end = line.find_first_of(" \t;");
  return line.substr(0, end);
}

bool control_structure(std::string_view line) {
  const std::string_view w = first_word(line);
  for (const char* k : {"if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac",
                        "function", "{", "}", "select"})
    if (w == k) return true;
  return line.ends_with("()") || line.ends_with("() {") || line.ends_with("(){");
}

// The delimiter of a here-document on this line ("<<EOF", "<< 'EOF'", "<<-EOF"), or "".
std::string heredoc_delimiter(std::string_view line, bool& strip_tabs) {
  const auto at = line.find("<<");
  if (at == std::string_view::npos || line.substr(at).starts_with("<<<")) return "";
  std::string_view rest = line.substr(at + 2);
  strip_tabs = rest.starts_with("-");
  if (strip_tabs) rest.remove_prefix(1);
  rest = trim(rest);
  std::string word;
  for (char c : rest) {
    if (c == ' ' || c == '\t' || c == ';' || c == '>' || c == '|' || c == '&') break;
    if (c != '\'' && c != '"' && c != '\\') word += c;
  }
  return word;
}

std::string_view without_cr(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

bool ends_in_continuation(std::string_view line) {
  std::size_t slashes = 0;
  while (slashes < line.size() && line[line.size() - 1 - slashes] == '\\') ++slashes;
  return slashes % 2 == 1;
}

void run_lines(const std::string& path, std::string_view text, PlanWriter& out) {
  const std::vector<std::string_view> lines = split_lines(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto number = static_cast<std::uint32_t>(i + 1);
    const std::string_view first = trim(lines[i]);
    if (first.empty() || first[0] == '#') continue;  // a comment ends at its newline, '\\' or not
    // bash drops each backslash-newline pair; the next line's blanks stay.
    std::string command(without_cr(lines[i]));
    while (ends_in_continuation(command) && i + 1 < lines.size()) {
      command.pop_back();
      command += without_cr(lines[++i]);
    }
    command = std::string(trim(command));
    if (command.empty() || command[0] == '#') continue;
    if (first_word(command) == "exit") {
      for (std::size_t k = i + 1; k < lines.size(); ++k) {
        const std::string_view rest = trim(lines[k]);
        if (!rest.empty() && rest[0] != '#') {
          out.problem(path, static_cast<std::uint32_t>(k + 1),
                      "not run: the script exits at line " + std::to_string(number));
          break;
        }
      }
      return;
    }
    if (control_structure(command)) {
      out.problem(path, number, "shell control structures are not modelled by lvslab; not run: " + command);
      continue;
    }
    bool strip_tabs = false;
    const std::string delimiter = heredoc_delimiter(command, strip_tabs);
    if (!delimiter.empty()) {
      bool closed = false;
      while (i + 1 < lines.size()) {
        std::string_view body = without_cr(lines[++i]);
        if (strip_tabs)
          while (body.starts_with('\t')) body.remove_prefix(1);
        command += "\n" + std::string(body);
        if (body == delimiter) {
          closed = true;
          break;
        }
      }
      if (!closed) out.problem(path, number, "here-document delimited by end-of-file (wanted `" + delimiter + "')");
    }
    out.step(path, number, command, "rc.local");
  }
}

}  // namespace

void plan_rc_local(const FileMap& files, PlanWriter& out) {
  const auto centos = files.find(kCentos), debian = files.find(kDebian);
  if (centos != files.end() && debian != files.end()) {
    if (centos->second == debian->second) {
      out.read(kDebian);  // the symlink and its target: one script
    } else {
      out.problem(kDebian, 0,
                  std::string("is not run: rc-local.service runs ") + kCentos +
                      " (of which /etc/rc.local is a symlink on CentOS 7), and the two differ here");
    }
  }
  const char* path = centos != files.end() ? kCentos : kDebian;
  if (const std::string* text = bounded_file(files, path, out)) {
    out.read(path);
    run_lines(path, *text, out);
  }
}

}  // namespace lvs::config::files
