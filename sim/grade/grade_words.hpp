#pragma once
// The grader's own words in the report formats, in English and Chinese (the pack's texts
// come from the pack; what real tools print is never translated).
#include <string>

namespace lvs::grade {

enum class Word {
  kLab,
  kStudent,
  kScore,
  kPoints,
  kPass,
  kFail,
  kCause,
  kEvidence,
  kFeedback,
  kHint,
  kSection,
  kReplay,
  kSeed,
  kProblems,
  kSessions,
  kAborted,
  kCheck,
  kNoProblems,
};

// "en" or "zh" (anything else: English).
const char* word(Word w, const std::string& lang);

// printable() of each line of `text`, the line breaks kept (multi-line evidence such as
// `ipvsadm -Ln` output, terminal sessions).
std::string printable_lines(const std::string& text);

// The lines of `text`, each after `indent` (a trailing newline adds no empty line).
std::string indented(const std::string& text, const std::string& indent);

}  // namespace lvs::grade
