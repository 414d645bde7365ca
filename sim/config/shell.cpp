// The interpreter's loop: lines -> prompt stripped -> lexed -> each simple command run
// with its redirections, joined by ; && || as bash joins them.
#include "sim/config/shell.hpp"

#include "sim/config/shell/command.hpp"
#include "sim/config/shell/files.hpp"
#include "sim/config/shell/lexer.hpp"

namespace lvs::config {
namespace {

using shell::CommandContext;
using shell::CommandResult;
using shell::RedirectKind;

// A script of at most this many lines is read; the rest is refused with a note.
constexpr std::size_t kMaxScriptLines = 100000;

bool known_command_word(std::string_view word) { return shell::is_known_command(word); }

std::string basename_of(const std::string& word) { return word.substr(word.rfind('/') + 1); }

// Where a command's output goes, after its redirections.
struct Streams {
  std::string out_file, err_file;  // "" = the terminal
  bool out_append = false, err_append = false;
  bool err_to_out = false, out_to_err = false;
};

class LineRunner {
 public:
  LineRunner(Machine& m, const Origin& origin, std::vector<std::string> heredoc_bodies)
      : m_(m), origin_(origin), bodies_(std::move(heredoc_bodies)) {}

  void run(const shell::LexedLine& lexed, TranscriptEntry& entry) {
    int status = 0;
    for (const auto& part : lexed.parts) {
      if (part.joiner == shell::Joiner::kAnd && status != 0) continue;
      if (part.joiner == shell::Joiner::kOr && status == 0) continue;
      status = run_simple(part.command, entry);
    }
    entry.status = status;
  }

 private:
  // Returns the exit status; appends what reached the terminal to entry.output.
  int run_simple(const shell::SimpleCommand& cmd, TranscriptEntry& entry) {
    CommandContext ctx{m_, origin_, false, {}};
    Streams streams;
    for (const auto& r : cmd.redirects) {
      if (auto refused = apply_redirect(r, ctx, streams)) {
        if (!refused->understood) entry.understood = false;
        entry.output += refused->err + refused->note;
        return refused->status;
      }
    }
    CommandResult res;
    if (cmd.argv.empty()) {
      res = {};  // `> FILE` alone: the file was created / truncated by the redirection
    } else {
      const std::string name = basename_of(cmd.argv[0]);
      std::vector<std::string> argv = cmd.argv;
      argv[0] = name;
      if (const shell::CommandFn fn = shell::find_command(name)) res = fn(ctx, argv);
      else res = shell::not_understood(ctx, cmd.text);
    }
    if (!res.understood) entry.understood = false;
    if (res.ignored) entry.ignored = true;
    entry.answer = res.answer;  // the line's status is its last command's
    // A write that fails makes the command fail (bash's echo returns 1 on a write error).
    if (!deliver(cmd, res, streams, entry)) return 1;
    return res.status;
  }

  // Opens files as bash does before running the command; on failure, what the line gives
  // instead of running it (bash's message, or lvslab's note for a file it does not model).
  std::optional<CommandResult> apply_redirect(const shell::Redirect& r, CommandContext& ctx, Streams& s) {
    const auto open_out = [&](std::string& file, bool& append, bool app) -> std::optional<CommandResult> {
      file = shell::absolute_path(m_, r.target);
      append = app;
      if (auto e = shell::open_for_write(m_, file, app)) return refused(ctx, r.target, e->error, e->unmodelled);
      return std::nullopt;
    };
    switch (r.kind) {
      case RedirectKind::kOut: return open_out(s.out_file, s.out_append, false);
      case RedirectKind::kAppend: return open_out(s.out_file, s.out_append, true);
      case RedirectKind::kErrOut: return open_out(s.err_file, s.err_append, false);
      case RedirectKind::kErrAppend: return open_out(s.err_file, s.err_append, true);
      case RedirectKind::kBothOut: s.err_to_out = true; return open_out(s.out_file, s.out_append, false);
      case RedirectKind::kErrToOut:
        if (r.target == "stdout-to-stderr") s.out_to_err = true;
        else s.err_to_out = true;
        return std::nullopt;
      case RedirectKind::kIn: {
        const shell::FileText f = shell::read_file(m_, shell::absolute_path(m_, r.target));
        if (!f.text) return refused(ctx, r.target, f.error, f.unmodelled);
        ctx.has_stdin = true;
        ctx.stdin_text = *f.text;
        return std::nullopt;
      }
      case RedirectKind::kHereDoc:
        ctx.has_stdin = true;
        ctx.stdin_text = next_body_ < bodies_.size() ? bodies_[next_body_++] : std::string();
        return std::nullopt;
    }
    return std::nullopt;
  }

  static CommandResult refused(const CommandContext& ctx, const std::string& target, const std::string& error,
                               bool unmodelled) {
    if (unmodelled) return shell::not_understood(ctx, target + " (a sysctl lvslab does not model)");
    return shell::fail("-bash: " + target + ": " + error, 1);
  }

  // False when writing the output to its file failed.
  bool deliver(const shell::SimpleCommand& cmd, const CommandResult& res, const Streams& s, TranscriptEntry& entry) {
    bool written = true;
    std::string out = res.out, err = res.err;
    if (s.out_to_err) {
      err = out + err;
      out.clear();
    }
    if (s.err_to_out) {
      out += err;
      err.clear();
    }
    const std::string program = cmd.argv.empty() ? "bash" : basename_of(cmd.argv[0]);
    if (!s.out_file.empty()) {
      if (auto e = shell::write_file(m_, origin_, s.out_file, out, s.out_append)) {
        err += "-bash: " + program + ": write error: " + e->error + "\n";
        written = false;
      }
      out.clear();
    }
    if (!s.err_file.empty()) {
      (void)shell::write_file(m_, origin_, s.err_file, err, s.err_append);
      err.clear();
    }
    keep_output(entry, res.err_first ? err + out : out + err);
    entry.output += res.note;
    return written;
  }

  // What reached the terminal, up to kMaxSessionOutputBytes per machine; past that, one
  // line says what was left out (the commands still run).
  void keep_output(TranscriptEntry& entry, const std::string& text) {
    std::size_t& kept = m_.session_output_bytes();
    if (kept > kMaxSessionOutputBytes) return;  // already cut, and said so
    if (text.size() <= kMaxSessionOutputBytes - kept) {
      entry.output += text;
      kept += text.size();
      return;
    }
    entry.output += text.substr(0, kMaxSessionOutputBytes - kept);
    entry.output += "\nlvslab: " + origin_.file + ":" + std::to_string(origin_.line) +
                    ": this host's session printed more than " + std::to_string(kMaxSessionOutputBytes >> 20) +
                    " MiB; the rest of its output is not kept\n";
    kept = kMaxSessionOutputBytes + 1;
  }

  Machine& m_;
  const Origin& origin_;
  std::vector<std::string> bodies_;
  std::size_t next_body_ = 0;
};

TranscriptEntry make_entry(Machine& m, std::string_view command, const Origin& origin) {
  TranscriptEntry e;
  e.origin = origin;
  e.prompt = m.prompt();
  e.command = std::string(command);
  return e;
}

// Runs one logical line (its here-document bodies already collected). Nothing for a
// blank or comment line.
std::vector<TranscriptEntry> run_lexed(Machine& m, std::string_view shown, std::string_view typed,
                                       const shell::LexedLine& lexed, std::vector<std::string> bodies,
                                       const Origin& origin) {
  std::vector<TranscriptEntry> out;
  if (!lexed.syntax_error.empty()) {
    TranscriptEntry e = make_entry(m, shown, origin);
    e.output = "-bash: " + lexed.syntax_error + "\n";
    e.status = 2;
    out.push_back(std::move(e));
    return out;
  }
  if (!lexed.unsupported.empty()) {
    TranscriptEntry e = make_entry(m, shown, origin);
    CommandContext ctx{m, origin, false, {}};
    e.output = shell::not_understood(ctx, lexed.unsupported + " in: " + std::string(typed)).note;
    e.status = 127;
    e.understood = false;
    out.push_back(std::move(e));
    return out;
  }
  if (lexed.parts.empty()) return out;
  TranscriptEntry e = make_entry(m, shown, origin);
  LineRunner(m, origin, std::move(bodies)).run(lexed, e);
  out.push_back(std::move(e));
  return out;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t nl = text.find('\n', i);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view l = text.substr(i, nl - i);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    lines.push_back(l);
    i = nl + 1;
  }
  return lines;
}

// The body of a here-document: the lines up to the one that is exactly `word` (after
// leading tabs, for <<-). *next moves past the terminator.
std::string collect_body(const std::vector<std::string_view>& lines, std::size_t* next, const std::string& word,
                         bool strip_tabs, std::string& shown) {
  std::string body;
  while (*next < lines.size()) {
    std::string_view l = lines[(*next)++];
    if (strip_tabs)
      while (!l.empty() && l.front() == '\t') l.remove_prefix(1);
    shown += "\n> " + std::string(l);
    if (l == word) return body;
    body += std::string(l) + "\n";
  }
  return body;  // bash: "warning: here-document delimited by end-of-file"
}

}  // namespace

std::vector<TranscriptEntry> run_line(Machine& machine, std::string_view line, const Origin& origin) {
  const std::string_view typed = shell::strip_prompt(line, known_command_word);
  return run_lexed(machine, typed, typed, shell::lex_line(typed), {}, origin);
}

std::vector<TranscriptEntry> run_script(Machine& machine, std::string_view text, const std::string& file) {
  std::vector<TranscriptEntry> out;
  const std::vector<std::string_view> lines = split_lines(text);
  // In a script proper (#!/bin/bash) "# ..." is always a comment; in a copied terminal
  // session "# ipvsadm -Ln" is root's prompt before a command.
  const bool script = !lines.empty() && lines[0].starts_with("#!");
  bool (*const is_command)(std::string_view) = script ? nullptr : known_command_word;
  std::size_t i = 0;
  while (i < lines.size()) {
    const Origin origin{file, static_cast<std::uint32_t>(i + 1)};
    if (i >= kMaxScriptLines) {
      TranscriptEntry e = make_entry(machine, "", origin);
      e.output = "lvslab: " + file + ":" + std::to_string(origin.line) +
                 ": not understood: the rest of the script (only the first " + std::to_string(kMaxScriptLines) +
                 " lines of a script are read)\n";
      e.understood = false;
      out.push_back(std::move(e));
      break;
    }
    // A backslash at the end of a line continues it on the next.
    std::string typed(shell::strip_prompt(lines[i++], is_command));
    std::string shown = typed;
    while (!typed.empty() && typed.back() == '\\' && i < lines.size()) {
      typed.pop_back();
      typed += std::string(lines[i]);
      shown += "\n> " + std::string(lines[i++]);
    }
    const shell::LexedLine lexed = shell::lex_line(typed);
    std::vector<std::string> bodies;
    for (const auto& p : lexed.parts)
      for (const auto& r : p.command.redirects)
        if (r.kind == shell::RedirectKind::kHereDoc)
          bodies.push_back(collect_body(lines, &i, r.target, r.strip_tabs, shown));
    for (auto& e : run_lexed(machine, shown, typed, lexed, std::move(bodies), origin)) out.push_back(std::move(e));
  }
  return out;
}

}  // namespace lvs::config
