#pragma once
// The shell's reading of one typed line (bash(1), SHELL GRAMMAR, the parts students use):
// words with '...' and "..." quoting and backslash escapes (no expansion: $VAR stays as
// written), `#` comments, simple commands joined by `;`, `&&` and `||`, and the
// redirections `>`, `>>`, `<`, `2>`, `2>>`, `2>&1`, `&>` and here-documents `<<WORD` /
// `<<-WORD` / `<<'WORD'` (their bodies are the lines that follow; shell.cpp collects them).
// Prompts a student copies with the command ("[root@rs1 ~]# ", "root@rs1:~# ", "$ ",
// "# ") are stripped first (strip_prompt).
#include <string>
#include <string_view>
#include <vector>

namespace lvs::config::shell {

enum class RedirectKind : unsigned char {
  kOut,        // >  FILE (also 1>)
  kAppend,     // >> FILE
  kIn,         // <  FILE
  kHereDoc,    // << WORD
  kErrOut,     // 2> FILE
  kErrAppend,  // 2>> FILE
  kErrToOut,   // 2>&1
  kBothOut,    // &> FILE
};

struct Redirect {
  RedirectKind kind = RedirectKind::kOut;
  std::string target;       // file name, or the here-document's end word
  bool strip_tabs = false;  // <<-WORD: leading tabs of the body are removed
};

struct SimpleCommand {
  std::vector<std::string> argv;
  std::vector<Redirect> redirects;
  std::string text;  // as typed, trimmed
};

// How a command is joined to the one before it.
enum class Joiner : unsigned char { kFirst, kSeq, kAnd, kOr };

struct ChainPart {
  Joiner joiner = Joiner::kFirst;
  SimpleCommand command;
};

struct LexedLine {
  std::vector<ChainPart> parts;  // empty: a blank or comment-only line
  // Non-empty: bash refuses the line ("syntax error near unexpected token `;'").
  std::string syntax_error;
  // Non-empty: shell syntax lvslab does not model ("pipes (|)", "background jobs (&)",
  // "command substitution", "variables"); the line is not run.
  std::string unsupported;
  // The end words of the line's here-documents, in order (their bodies follow the line).
  std::vector<std::string> heredoc_words() const;
};

LexedLine lex_line(std::string_view line);

// The line without a copied prompt. `is_command` says whether a word names a command
// lvslab knows: "# ip addr" is a prompt before `ip addr`, "# rules for rs1" a comment;
// null: every "# " line is a comment (a script that starts with "#!").
std::string_view strip_prompt(std::string_view line, bool (*is_command)(std::string_view word));

}  // namespace lvs::config::shell
