#include "sim/grade/class_stats.hpp"

#include <algorithm>
#include <cstdio>

namespace lvs::grade {

std::string score_text(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", x);
  std::string s = buf;
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

const CheckOutcome* find_outcome(const GradeReport& g, const std::string& id) {
  for (const CheckOutcome& o : g.checks)
    if (o.id == id) return &o;
  return nullptr;
}

ClassStats class_stats(const ClassResult& r) {
  ClassStats s;
  s.passed.assign(r.checks.size(), 0);
  std::vector<int> scores;
  scores.reserve(r.reports.size());
  for (const GradeReport& g : r.reports) {
    if (!g.aborted.empty()) ++s.unfinished;
    if (g.max_score > 0 && g.score == g.max_score) ++s.full_marks;
    scores.push_back(g.score);
    for (std::size_t i = 0; i < r.checks.size(); ++i)
      if (const CheckOutcome* o = find_outcome(g, r.checks[i].id); o && o->passed) ++s.passed[i];
  }
  if (scores.empty()) return s;
  double sum = 0;
  for (const int x : scores) sum += x;
  s.mean = sum / static_cast<double>(scores.size());
  std::sort(scores.begin(), scores.end());
  const std::size_t n = scores.size();
  s.median = n % 2 ? scores[n / 2] : (scores[n / 2 - 1] + scores[n / 2]) / 2.0;
  return s;
}

}  // namespace lvs::grade
