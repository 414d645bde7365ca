// The pack as the class outputs describe it: name, title, the digest of lab.json (so that
// `grade merge` can tell two versions of one pack apart) and the checks in the pack's order.
#include "sim/grade/class_grade.hpp"
#include "sim/grade/lab_pack.hpp"

namespace lvs::grade {

ClassResult class_header(const LabPack& lab, const std::string& lab_path) {
  ClassResult r;
  r.lab = lab.name;
  r.lab_title = lab.title;
  r.lab_digest = file_digest(lab_path);
  for (const CheckSpec& c : lab.checks) r.checks.push_back(ClassCheck{c.id, c.kind, c.points, c.title});
  r.max_score = lab.max_score();
  return r;
}

}  // namespace lvs::grade
