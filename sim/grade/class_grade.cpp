// The class grader's entry point and the pack as the class outputs describe it: name,
// title, the digest of lab.json (so that `grade merge` can tell two versions of one pack
// apart) and the checks in the pack's order.
#include "sim/grade/class_grade.hpp"

#include <algorithm>

#include "sim/grade/lab_pack.hpp"

namespace lvs::grade {
namespace {

// A folder given as a class that is one submission (its sub-folders are the pack's
// configured hosts) would grade "director", "rs1"... as students: refused, with the fix.
void refuse_single_submission(const LabPack& lab, const std::string& class_dir,
                              const std::vector<std::string>& students) {
  std::vector<std::string> hosts;
  for (const std::string& h : lab.configured_hosts)
    if (std::find(students.begin(), students.end(), h) != students.end()) hosts.push_back(h);
  if (hosts.empty()) return;
  std::string list;
  for (const std::string& h : hosts) list += (list.empty() ? "" : ", ") + h;
  throw ClassError(class_dir + ": looks like one submission, not a class (its sub-folders " + list +
                   " are hosts of lab '" + lab.name +
                   "'); a class is a folder with one sub-folder per student. "
                   "To grade this one submission: lvslab grade LAB " +
                   class_dir + " (without --out)");
}

}  // namespace

ClassResult class_header(const LabPack& lab, const std::string& lab_path) {
  ClassResult r;
  r.lab = lab.name;
  r.lab_title = lab.title;
  r.lab_digest = file_digest(lab_path);
  for (const CheckSpec& c : lab.checks) r.checks.push_back(ClassCheck{c.id, c.kind, c.points, c.title});
  r.max_score = lab.max_score();
  return r;
}

ClassResult grade_class(const LabPack& lab, const std::string& lab_path, const std::string& class_dir, Shard shard,
                        const WorkerOptions& options, const ProgressFn& progress) {
  ClassResult r = class_header(lab, lab_path);
  const std::vector<std::string> all = list_students(class_dir);
  if (all.empty())
    throw ClassError(class_dir +
                     ": no sub-folder, so no student to grade (a class is a folder with one "
                     "sub-folder per student)");
  refuse_single_submission(lab, class_dir, all);
  r.reports = grade_students(lab, r, class_dir, shard_students(all, shard), options, progress);
  r.shard_n = shard.n;
  r.shard_ks = {shard.k};
  return r;
}

}  // namespace lvs::grade
