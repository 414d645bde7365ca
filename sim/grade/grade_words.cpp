#include "sim/grade/grade_words.hpp"

#include "sim/core/printable.hpp"

namespace lvs::grade {
namespace {

struct Entry {
  Word word;
  const char* en;
  const char* zh;
};

constexpr Entry kWords[] = {
    {Word::kLab, "lab", "实验"},
    {Word::kStudent, "submission", "提交"},
    {Word::kScore, "score", "得分"},
    {Word::kPoints, "points", "分"},
    {Word::kPass, "PASS", "通过"},
    {Word::kFail, "FAIL", "未通过"},
    {Word::kCause, "cause", "原因"},
    {Word::kEvidence, "evidence", "证据"},
    {Word::kFeedback, "feedback", "反馈"},
    {Word::kHint, "hint", "提示"},
    {Word::kSection, "textbook", "教材章节"},
    {Word::kReplay, "replay", "重放"},
    {Word::kSeed, "seed", "种子"},
    {Word::kProblems, "problems in the submission's files", "提交文件中的问题"},
    {Word::kSessions, "terminal sessions", "终端会话"},
    {Word::kAborted, "grading stopped early", "评分提前结束"},
    {Word::kCheck, "check", "检查项"},
    {Word::kNoProblems, "none", "无"},
};

}  // namespace

const char* word(Word w, const std::string& lang) {
  for (const auto& e : kWords)
    if (e.word == w) return lang == "zh" ? e.zh : e.en;
  return "?";
}

std::string printable_lines(const std::string& text) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t nl = std::min(text.find('\n', start), text.size());
    out += printable(std::string_view(text).substr(start, nl - start));
    if (nl < text.size()) out += "\n";
    start = nl + 1;
  }
  return out;
}

std::string indented(const std::string& text, const std::string& indent) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t nl = std::min(text.find('\n', start), text.size());
    out += indent + text.substr(start, nl - start) + "\n";
    start = nl + 1;
  }
  return out;
}

}  // namespace lvs::grade
