// `lvslab grade merge DIR... --out DIR`: the outputs of shard runs joined into the output
// of the whole class, the same bytes an unsharded run writes. Refused with the reason:
// outputs of different packs (name or lab.json digest), different shard counts, a shard
// given twice, a student in two outputs, and (unless allow_partial) missing shards.
#include <algorithm>
#include <map>

#include "sim/grade/class_grade.hpp"

namespace lvs::grade {
namespace {

std::string shards_text(const ClassResult& r) {
  if (r.shard_n == 1) return "the whole class";
  std::string s;
  for (const int k : r.shard_ks)
    s += (s.empty() ? "shard " : ", ") + std::to_string(k) + "/" + std::to_string(r.shard_n);
  return s;
}

void check_same_pack(const ClassResult& first, const std::string& first_dir, const ClassResult& r,
                     const std::string& dir) {
  if (r.lab != first.lab)
    throw ClassError("cannot merge outputs of different labs: " + first_dir + " is lab '" + first.lab + "', " + dir +
                     " is lab '" + r.lab + "'");
  if (r.lab_digest != first.lab_digest)
    throw ClassError("cannot merge: " + first_dir + " and " + dir + " were graded with different versions of lab '" +
                     r.lab + "' (lab.json " + first.lab_digest + " and " + r.lab_digest +
                     "); grade every shard with one pack");
  if (r.shard_n != first.shard_n)
    throw ClassError("cannot merge: " + first_dir + " holds " + shards_text(first) + ", " + dir + " holds " +
                     shards_text(r) + "; every output must come from one --shard K/N split");
}

}  // namespace

ClassResult merge_class_outputs(const std::vector<std::string>& dirs, bool allow_partial) {
  if (dirs.empty()) throw ClassError("nothing to merge: give the output folders of the shard runs");
  ClassResult merged;
  std::map<int, std::string> shard_dir;            // which output holds each shard
  std::map<std::string, std::string> student_dir;  // which output holds each student
  for (std::size_t i = 0; i < dirs.size(); ++i) {
    ClassResult r = read_class_output(dirs[i]);
    if (i == 0) {
      merged.lab = r.lab;
      merged.lab_title = r.lab_title;
      merged.lab_digest = r.lab_digest;
      merged.checks = r.checks;
      merged.max_score = r.max_score;
      merged.shard_n = r.shard_n;
      merged.shard_ks.clear();
    } else {
      check_same_pack(merged, dirs[0], r, dirs[i]);
    }
    if (r.shard_n == 1 && dirs.size() > 1)
      throw ClassError("cannot merge: " + dirs[i] +
                       " holds a whole class (graded without --shard); merge joins the outputs of shard runs");
    for (const int k : r.shard_ks) {
      const auto [it, fresh] = shard_dir.emplace(k, dirs[i]);
      if (!fresh)
        throw ClassError("cannot merge: shard " + std::to_string(k) + "/" + std::to_string(r.shard_n) + " is in both " +
                         it->second + " and " + dirs[i]);
    }
    for (GradeReport& g : r.reports) {
      const auto [it, fresh] = student_dir.emplace(g.student, dirs[i]);
      if (!fresh)
        throw ClassError("cannot merge: student '" + g.student + "' is in both " + it->second + " and " + dirs[i] +
                         " (the outputs overlap)");
      merged.reports.push_back(std::move(g));
    }
  }
  for (const auto& [k, dir] : shard_dir) merged.shard_ks.push_back(k);
  if (merged.shard_n > 1 && static_cast<int>(merged.shard_ks.size()) == merged.shard_n) {
    merged.shard_n = 1;  // every shard is here: the whole class
    merged.shard_ks = {1};
  } else if (merged.shard_n > 1 && !allow_partial) {
    std::string missing;
    for (int k = 1; k <= merged.shard_n; ++k)
      if (!shard_dir.count(k))
        missing += (missing.empty() ? "" : ", ") + std::to_string(k) + "/" + std::to_string(merged.shard_n);
    throw ClassError("cannot merge: shard" + std::string(merged.shard_n - merged.shard_ks.size() > 1 ? "s " : " ") +
                     missing + " missing (" + std::to_string(merged.shard_ks.size()) + " of " +
                     std::to_string(merged.shard_n) + " given); --partial merges what is there");
  }
  std::sort(merged.reports.begin(), merged.reports.end(),
            [](const GradeReport& a, const GradeReport& b) { return a.student < b.student; });
  return merged;
}

}  // namespace lvs::grade
