#include "sim/config/files/plan_writer.hpp"

#include <algorithm>

namespace lvs::config::files {

void PlanWriter::step(const std::string& file, std::uint32_t line, std::string command, std::string_view by,
                      bool ignore_failure) {
  if (plan_.steps.size() >= kMaxSteps) {
    if (!steps_refused_) {
      steps_refused_ = true;
      problem(file, line, "the boot has more than " + std::to_string(kMaxSteps) + " commands; the rest are not run");
    }
    return;
  }
  plan_.steps.push_back(BootStep{Origin{file, line}, std::move(command), std::string(by), ignore_failure});
}

void PlanWriter::problem(std::string_view file, std::uint32_t line, std::string_view what) {
  if (plan_.problems.size() >= kMaxProblems) {
    if (!problems_refused_) {
      problems_refused_ = true;
      plan_.problems.push_back("more than " + std::to_string(kMaxProblems) + " problems; the rest are not listed");
    }
    return;
  }
  std::string text(file);
  if (line > 0) text += ":" + std::to_string(line);
  text += ": ";
  text += what;
  plan_.problems.push_back(std::move(text));
}

void PlanWriter::read(const std::string& path) {
  if (!was_read(path)) plan_.files_read.push_back(path);
}

bool PlanWriter::was_read(std::string_view path) const {
  return std::find(plan_.files_read.begin(), plan_.files_read.end(), path) != plan_.files_read.end();
}

const std::string* bounded_file(const FileMap& files, const std::string& path, PlanWriter& out) {
  const auto it = files.find(path);
  if (it == files.end()) return nullptr;
  if (it->second.size() > kMaxFileBytes) {
    out.problem(path, 0,
                "is " + std::to_string(it->second.size()) + " bytes; lvslab reads boot files of at most " +
                    std::to_string(kMaxFileBytes) + " bytes, so it is not read");
    return nullptr;
  }
  return &it->second;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    if (nl == std::string_view::npos) {
      lines.push_back(text);
      break;
    }
    lines.push_back(text.substr(0, nl));
    text.remove_prefix(nl + 1);
  }
  return lines;
}

std::string_view trim(std::string_view s) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

std::string shell_word(std::string_view word) {
  const auto plain = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("._-/:,+=@%").find(c) != std::string_view::npos;
  };
  if (!word.empty() && std::all_of(word.begin(), word.end(), plain)) return std::string(word);
  std::string quoted = "'";
  for (char c : word) {
    if (c == '\'') quoted += "'\\''";
    else quoted += c;
  }
  quoted += '\'';
  return quoted;
}

std::vector<std::string> files_in(const FileMap& files, std::string_view dir, std::string_view prefix,
                                  std::string_view suffix) {
  std::vector<std::string> found;
  const std::string start = std::string(dir) + "/" + std::string(prefix);
  for (auto it = files.lower_bound(start); it != files.end() && it->first.starts_with(start); ++it) {
    const std::string_view name = std::string_view(it->first).substr(dir.size() + 1);
    if (name.find('/') != std::string_view::npos) continue;
    if (name.size() < prefix.size() + suffix.size() || !name.ends_with(suffix)) continue;
    found.push_back(it->first);
  }
  return found;  // std::map order: byte order, as `ls` and globs sort in the C locale
}

}  // namespace lvs::config::files
