#pragma once
// The figures of a class: how many finished, full marks, mean and median score, and how
// many students passed each check. Shared by class.json, class.csv and index.html.
#include <cstddef>
#include <string>
#include <vector>

#include "sim/grade/class_grade.hpp"

namespace lvs::grade {

struct ClassStats {
  std::size_t unfinished = 0;  // reports with `aborted` set
  std::size_t full_marks = 0;
  double mean = 0, median = 0;      // of the scores (0 for an empty class)
  std::vector<std::size_t> passed;  // per check of ClassResult::checks
};

ClassStats class_stats(const ClassResult& r);

// A mean or median as the summaries print it: one decimal, none when whole ("73.5", "80").
std::string score_text(double x);

// The outcome of check `id` in a report, or nullptr when the report does not have it.
const CheckOutcome* find_outcome(const GradeReport& g, const std::string& id);

}  // namespace lvs::grade
