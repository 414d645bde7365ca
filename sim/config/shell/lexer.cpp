#include "sim/config/shell/lexer.hpp"

#include <cctype>

namespace lvs::config::shell {
namespace {

enum class TokKind : unsigned char { kWord, kOp };

struct Token {
  TokKind kind = TokKind::kWord;
  std::string text;                // the word after quote removal, or the operator
  std::size_t begin = 0, end = 0;  // in the line
};

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }

// bash's metacharacters end a word: blank | & ; ( ) < >.
bool is_meta(char c) {
  return is_blank(c) || c == '|' || c == '&' || c == ';' || c == '(' || c == ')' || c == '<' || c == '>';
}

class Scanner {
 public:
  explicit Scanner(std::string_view line) : s_(line) {}

  // Splits the line into words and operators; false with *unsupported / *syntax set.
  bool run(std::vector<Token>& out, std::string& unsupported, std::string& syntax) {
    while (true) {
      while (i_ < s_.size() && is_blank(s_[i_])) ++i_;
      if (i_ >= s_.size()) return true;
      const char c = s_[i_];
      if (c == '#') return true;  // a comment runs to the end of the line
      if (c == '(' || c == ')') {
        unsupported = "subshells and command grouping ( )";
        return false;
      }
      if (is_meta(c)) {
        out.push_back(operator_token());
        continue;
      }
      Token w;
      if (!word(w, unsupported, syntax)) return false;
      // A number right before > or < names a file descriptor: 2>, 2>>, 2>&1, 1>.
      if (w.end == i_ && i_ < s_.size() && (s_[i_] == '>' || s_[i_] == '<') && (w.text == "1" || w.text == "2") &&
          s_.substr(w.begin, w.end - w.begin) == w.text) {
        if (s_.substr(w.begin, 4) == "2>&1") {
          out.push_back(Token{TokKind::kOp, "2>&1", w.begin, w.begin + 4});
          i_ = w.begin + 4;
          continue;
        }
        Token op = operator_token();
        op.text = w.text + op.text;
        op.begin = w.begin;
        out.push_back(std::move(op));
        continue;
      }
      out.push_back(std::move(w));
    }
  }

 private:
  Token operator_token() {
    static constexpr std::string_view kOps[] = {"2>&1", ">&2", "<<-", "&&", "||", ">>", "<<",
                                                "&>",   ";",   "|",   "&",  ">",  "<"};
    Token t;
    t.kind = TokKind::kOp;
    t.begin = i_;
    for (std::string_view op : kOps) {
      if (s_.substr(i_, op.size()) == op) {
        t.text = std::string(op);
        break;
      }
    }
    i_ += t.text.size();
    t.end = i_;
    return t;
  }

  bool word(Token& w, std::string& unsupported, std::string& syntax) {
    w.begin = i_;
    bool quoted = false;
    while (i_ < s_.size() && !is_meta(s_[i_])) {
      const char c = s_[i_];
      if (c == '\'') {
        const std::size_t close = s_.find('\'', i_ + 1);
        if (close == std::string_view::npos) return unterminated(syntax, '\'');
        w.text.append(s_.substr(i_ + 1, close - i_ - 1));
        i_ = close + 1;
        quoted = true;
      } else if (c == '"') {
        if (!double_quoted(w.text, unsupported, syntax)) return false;
        quoted = true;
      } else if (c == '\\') {
        if (i_ + 1 < s_.size()) w.text.push_back(s_[i_ + 1]);
        i_ += 2;
      } else if (c == '$' || c == '`') {
        if (!dollar_is_literal()) return unsupported_expansion(unsupported);
        w.text.push_back(c);
        ++i_;
      } else if ((c == '*' || c == '?' || c == '[') && !glob_is_literal()) {
        unsupported = "file name patterns (* ? [)";
        return false;
      } else {
        w.text.push_back(c);
        ++i_;
      }
    }
    w.end = i_;
    // Tilde expansion of an unquoted ~ or ~/...: root's home.
    if (!quoted && (w.text == "~" || w.text.starts_with("~/"))) w.text.replace(0, 1, "/root");
    return true;
  }

  bool double_quoted(std::string& text, std::string& unsupported, std::string& syntax) {
    ++i_;
    while (i_ < s_.size() && s_[i_] != '"') {
      const char c = s_[i_];
      if (c == '\\' && i_ + 1 < s_.size() && std::string_view("$`\"\\").find(s_[i_ + 1]) != std::string_view::npos) {
        text.push_back(s_[i_ + 1]);
        i_ += 2;
        continue;
      }
      if ((c == '$' || c == '`') && !dollar_is_literal()) return unsupported_expansion(unsupported);
      text.push_back(c);
      ++i_;
    }
    if (i_ >= s_.size()) return unterminated(syntax, '"');
    ++i_;
    return true;
  }

  // A '$' not followed by a name, '{' or '(' is kept as it is by bash.
  bool dollar_is_literal() const {
    if (s_[i_] == '`') return false;
    if (i_ + 1 >= s_.size()) return true;
    const char n = s_[i_ + 1];
    return !(is_name_start(n) || n == '{' || n == '(' || std::isdigit(static_cast<unsigned char>(n)) || n == '?' ||
             n == '$' || n == '!' || n == '#' || n == '@' || n == '*');
  }
  // A lone '[' (as in `test`) or '?' after '=' are not patterns students write; any
  // other unquoted * ? [ would be matched against files by bash.
  bool glob_is_literal() const { return s_[i_] == '[' && (i_ + 1 >= s_.size() || is_blank(s_[i_ + 1])); }

  bool unsupported_expansion(std::string& unsupported) {
    unsupported = "variables and command substitution ($..., `...`)";
    return false;
  }
  bool unterminated(std::string& syntax, char quote) {
    syntax = std::string("unexpected EOF while looking for matching `") + quote + "'";
    return false;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

std::string near_token(const std::string& tok) { return "syntax error near unexpected token `" + tok + "'"; }

bool redirect_kind(const std::string& op, RedirectKind& kind) {
  if (op == ">" || op == "1>") kind = RedirectKind::kOut;
  else if (op == ">>" || op == "1>>") kind = RedirectKind::kAppend;
  else if (op == "<") kind = RedirectKind::kIn;
  else if (op == "<<" || op == "<<-") kind = RedirectKind::kHereDoc;
  else if (op == "2>") kind = RedirectKind::kErrOut;
  else if (op == "2>>") kind = RedirectKind::kErrAppend;
  else if (op == "2>&1") kind = RedirectKind::kErrToOut;
  else if (op == "&>") kind = RedirectKind::kBothOut;
  else return false;
  return true;
}

// Groups the tokens into simple commands and joiners.
void build(std::string_view line, const std::vector<Token>& toks, LexedLine& out) {
  ChainPart part;
  std::size_t first = std::string_view::npos, last = 0;
  const auto close = [&](Joiner next, const std::string& op) {
    if (part.command.argv.empty() && part.command.redirects.empty()) {
      out.syntax_error = near_token(op);
      return false;
    }
    part.command.text = std::string(line.substr(first, last - first));
    out.parts.push_back(std::move(part));
    part = ChainPart{};
    part.joiner = next;
    first = std::string_view::npos;
    return true;
  };
  for (std::size_t i = 0; i < toks.size(); ++i) {
    const Token& t = toks[i];
    if (t.kind == TokKind::kOp && (t.text == ";" || t.text == "&&" || t.text == "||")) {
      const Joiner j = t.text == ";" ? Joiner::kSeq : t.text == "&&" ? Joiner::kAnd : Joiner::kOr;
      if (first == std::string_view::npos) first = last = t.begin;
      if (!close(j, t.text)) return;
      continue;
    }
    if (first == std::string_view::npos) first = t.begin;
    last = t.end;
    if (t.kind == TokKind::kWord) {
      part.command.argv.push_back(t.text);
      continue;
    }
    if (t.text == "|") {
      out.unsupported = "pipes (|)";
      return;
    }
    if (t.text == "&") {
      out.unsupported = "background jobs (&)";
      return;
    }
    if (t.text == ">&2") {  // echo "..." >&2: stdout goes to stderr
      part.command.redirects.push_back(Redirect{RedirectKind::kErrToOut, "stdout-to-stderr"});
      continue;
    }
    Redirect r;
    if (!redirect_kind(t.text, r.kind)) {
      out.syntax_error = near_token(t.text);
      return;
    }
    if (r.kind != RedirectKind::kErrToOut) {
      if (i + 1 >= toks.size() || toks[i + 1].kind != TokKind::kWord) {
        out.syntax_error = near_token(i + 1 < toks.size() ? toks[i + 1].text : "newline");
        return;
      }
      r.target = toks[++i].text;
      r.strip_tabs = t.text == "<<-";
      last = toks[i].end;
    }
    part.command.redirects.push_back(std::move(r));
  }
  if (first == std::string_view::npos) {
    // Nothing after the last joiner: `a ;` is fine, `a &&` waits for more (an error here).
    if (part.joiner == Joiner::kAnd || part.joiner == Joiner::kOr)
      out.syntax_error = "syntax error: unexpected end of file";
    return;
  }
  close(Joiner::kSeq, "newline");
}

}  // namespace

std::vector<std::string> LexedLine::heredoc_words() const {
  std::vector<std::string> words;
  for (const auto& p : parts)
    for (const auto& r : p.command.redirects)
      if (r.kind == RedirectKind::kHereDoc) words.push_back(r.target);
  return words;
}

LexedLine lex_line(std::string_view line) {
  LexedLine out;
  std::vector<Token> toks;
  Scanner scanner(line);
  if (!scanner.run(toks, out.unsupported, out.syntax_error)) return out;
  build(line, toks, out);
  if (!out.syntax_error.empty() || !out.unsupported.empty()) out.parts.clear();
  return out;
}

std::string_view strip_prompt(std::string_view line, bool (*is_command)(std::string_view word)) {
  std::size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  line.remove_prefix(i);
  const auto first_word = [](std::string_view rest) {
    std::size_t b = 0;
    while (b < rest.size() && rest[b] == ' ') ++b;
    std::size_t e = b;
    while (e < rest.size() && !is_blank(rest[e]) && !is_meta(rest[e])) ++e;
    return rest.substr(b, e - b);
  };
  // [user@host dir]# or [user@host dir]$ (CentOS / Red Hat PS1).
  if (line.starts_with("[")) {
    const std::size_t close = line.find(']');
    if (close != std::string_view::npos && close + 1 < line.size() &&
        (line[close + 1] == '#' || line[close + 1] == '$') && line.substr(0, close).find('@') != std::string_view::npos)
      return line.substr(close + 2 + (close + 2 < line.size() && line[close + 2] == ' ' ? 1 : 0));
  }
  // user@host:dir# or user@host:dir$ (Debian PS1).
  const std::size_t at = line.find('@');
  const std::size_t colon = line.find(':');
  const std::size_t sp = line.find(' ');
  if (at != std::string_view::npos && colon != std::string_view::npos && at < colon &&
      (sp == std::string_view::npos || colon < sp)) {
    std::size_t end = line.find_first_of("#$", colon);
    if (end != std::string_view::npos && (sp == std::string_view::npos || end < sp || end + 1 == sp)) {
      line.remove_prefix(end + 1);
      while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
      return line;
    }
  }
  // "$ cmd" is always a prompt; "# cmd" only when cmd is a command (else a comment).
  if (line.starts_with("$ ")) return line.substr(2);
  if (is_command && line.starts_with("# ") && is_command(first_word(line.substr(2)))) return line.substr(2);
  return line;
}

}  // namespace lvs::config::shell
