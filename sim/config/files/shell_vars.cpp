// bash's reading of a sourced file of assignments (bash(1): QUOTING, PARAMETERS, Shell
// Variables): "A variable may be assigned to by a statement of the form name=[value]";
// "word splitting and pathname expansion are not performed" on the value, parameter
// expansion is; a word beginning with # and the rest of that line are a comment.
#include "sim/config/files/shell_vars.hpp"

#include <algorithm>
#include <vector>

namespace lvs::config::files {
namespace {

constexpr std::size_t kMaxVars = 1000;

bool name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool name_char(char c) { return name_start(c) || (c >= '0' && c <= '9'); }

struct Word {
  std::string text;          // after quote removal and expansion
  std::uint32_t line = 0;    // where it starts
  std::size_t name_end = 0;  // > 0: text[0, name_end) is an unquoted NAME followed by an unquoted '='
  bool plain_so_far = true;  // every character so far unquoted and literal
};

class Reader {
 public:
  Reader(const std::string& path, std::string_view text, ShellVars& vars, PlanWriter& out)
      : path_(path), text_(text), vars_(vars), out_(out) {}

  void run() {
    while (!failed_ && pos_ < text_.size()) {
      std::vector<Word> words;
      const std::uint32_t start_line = line_;
      const std::size_t start_pos = pos_;
      read_command(words);
      if (failed_) return;
      if (skip_command_) {
        skip_command_ = false;
        continue;
      }
      run_command(words, start_line, start_pos);
    }
  }

 private:
  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return text_[pos_]; }

  void fail(std::uint32_t line, std::string what) {
    out_.problem(path_, line, what);
    failed_ = true;
  }

  // A command that cannot be read: a problem, and the rest of its line is skipped.
  void refuse(std::string what) {
    out_.problem(path_, line_, what);
    skip_command_ = true;
    while (!at_end() && peek() != '\n') ++pos_;
  }

  void read_command(std::vector<Word>& words) {
    while (!at_end() && !failed_) {
      const char c = peek();
      if (c == ' ' || c == '\t' || c == '\r') {
        ++pos_;
      } else if (c == '\n') {
        ++pos_;
        ++line_;
        return;
      } else if (c == ';') {
        ++pos_;
        return;
      } else if (c == '#') {
        while (!at_end() && peek() != '\n') ++pos_;
      } else if (c == '&' || c == '|' || c == '<' || c == '>' || c == '(' || c == ')') {
        refuse(std::string("'") + c + "': lvslab reads only assignments (NAME=VALUE) in this file");
        return;
      } else {
        Word w;
        w.line = line_;
        if (!read_word(w)) return;
        words.push_back(std::move(w));
      }
    }
  }

  static bool ends_word(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '<' ||
           c == '>' || c == '(' || c == ')';
  }

  void add_literal(Word& w, char c, bool quoted) {
    if (!quoted && w.plain_so_far && w.name_end == 0) {
      if (c == '=' && !w.text.empty() && name_start(w.text[0])) {
        w.name_end = w.text.size();
      } else if (!name_char(c) || (w.text.empty() && !name_start(c))) {
        w.plain_so_far = false;
      }
    } else if (w.name_end == 0) {
      w.plain_so_far = false;
    }
    w.text += c;
  }

  bool read_word(Word& w) {
    while (!at_end() && !ends_word(peek())) {
      const char c = peek();
      ++pos_;
      if (c == '\\') {
        if (at_end()) break;
        if (peek() == '\n') {
          ++pos_;
          ++line_;
          continue;
        }
        add_literal(w, peek(), true);
        ++pos_;
      } else if (c == '\'') {
        const auto close = text_.find('\'', pos_);
        if (close == std::string_view::npos) {
          fail(w.line, "unexpected EOF while looking for matching `''");
          return false;
        }
        for (char q : text_.substr(pos_, close - pos_)) {
          if (q == '\n') ++line_;
          add_literal(w, q, true);
        }
        pos_ = close + 1;
      } else if (c == '"') {
        if (!read_double_quoted(w)) return false;
      } else if (c == '$' || c == '`') {
        if (!substitute(w, c)) return false;
      } else {
        add_literal(w, c, false);
      }
    }
    return true;
  }

  bool read_double_quoted(Word& w) {
    while (true) {
      if (at_end()) {
        fail(w.line, "unexpected EOF while looking for matching `\"'");
        return false;
      }
      const char c = peek();
      ++pos_;
      if (c == '"') return true;
      if (c == '\n') ++line_;
      if (c == '\\' && !at_end() && std::string_view("$`\"\\\n").find(peek()) != std::string_view::npos) {
        if (peek() == '\n') ++line_;
        else add_literal(w, peek(), true);
        ++pos_;
      } else if (c == '$' || c == '`') {
        if (!substitute(w, c)) return false;
      } else {
        add_literal(w, c, true);
      }
    }
  }

  // A '$' or '`' just read: its expansion into `w`; false when the command is refused.
  bool substitute(Word& w, char c) {
    if (c == '$') return expand(w);
    refuse("command substitution (`...`) is not run by lvslab");
    return false;
  }

  // After a '$': $NAME, ${NAME}; "$" before anything else stays a '$'.
  bool expand(Word& w) {
    if (at_end()) {
      add_literal(w, '$', true);
      return true;
    }
    std::string name;
    if (peek() == '(') {
      refuse("command substitution ($(...)) is not run by lvslab");
      return false;
    }
    if (peek() == '{') {
      const auto close = text_.find('}', pos_);
      if (close == std::string_view::npos) {
        fail(w.line, "unexpected EOF while looking for matching `}'");
        return false;
      }
      name = std::string(text_.substr(pos_ + 1, close - pos_ - 1));
      if (name.empty() || !name_start(name[0]) || !std::all_of(name.begin(), name.end(), name_char)) {
        refuse("${" + name + "}: lvslab expands only ${NAME}");
        return false;
      }
      pos_ = close + 1;
    } else if (name_start(peek())) {
      while (!at_end() && name_char(peek())) name += text_[pos_++];
    } else if (std::string_view("0123456789@*#?$!-").find(peek()) != std::string_view::npos) {
      refuse(std::string("$") + peek() + ": special parameters are not modelled in this file");
      return false;
    } else {
      add_literal(w, '$', true);
      return true;
    }
    for (char c : var_value(vars_, name)) add_literal(w, c, true);
    return true;
  }

  void run_command(std::vector<Word>& words, std::uint32_t line, std::size_t start_pos) {
    if (words.empty()) return;
    std::size_t first = 0;
    if (words[0].name_end == 0 && words[0].text == "export") first = 1;
    for (std::size_t i = first; i < words.size(); ++i) {
      const Word& w = words[i];
      const bool bare_name = first == 1 && w.plain_so_far && w.name_end == 0;  // export NAME
      if (w.name_end == 0 && !bare_name) {
        std::string_view shown = text_.substr(start_pos);
        shown = trim(shown.substr(0, shown.find('\n')));
        out_.problem(path_, line,
                     "not an assignment: \"" + std::string(shown) + "\" (bash would run \"" + words[0].text +
                         "\" as a command; write NAME=VALUE with no blank around '=')");
        return;
      }
    }
    for (std::size_t i = first; i < words.size(); ++i) {
      const Word& w = words[i];
      if (w.name_end == 0) continue;
      if (vars_.size() >= kMaxVars && !vars_.count(w.text.substr(0, w.name_end))) {
        out_.problem(path_, w.line, "more than " + std::to_string(kMaxVars) + " variables; this one is not read");
        continue;
      }
      vars_[w.text.substr(0, w.name_end)] = ShellVar{w.text.substr(w.name_end + 1), path_, w.line};
    }
  }

  const std::string& path_;
  std::string_view text_;
  ShellVars& vars_;
  PlanWriter& out_;
  std::size_t pos_ = 0;
  std::uint32_t line_ = 1;
  bool failed_ = false;
  bool skip_command_ = false;
};

}  // namespace

void source_assignments(const std::string& path, std::string_view text, ShellVars& vars, PlanWriter& out) {
  Reader(path, text, vars, out).run();
}

std::string var_value(const ShellVars& vars, const std::string& name) {
  const auto it = vars.find(name);
  return it == vars.end() ? std::string() : it->second.value;
}

std::uint32_t var_line(const ShellVars& vars, const std::string& name) {
  const auto it = vars.find(name);
  return it == vars.end() ? 0 : it->second.line;
}

Origin var_origin(const ShellVars& vars, const std::string& name, const std::string& fallback) {
  const auto it = vars.find(name);
  return it == vars.end() ? Origin{fallback, 0} : Origin{it->second.file, it->second.line};
}

}  // namespace lvs::config::files
