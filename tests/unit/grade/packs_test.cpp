// The shipped lab packs (examples/labs/) graded from C++: what their wrong submissions
// need the grader to say, checked where the wording is made. tests/e2e/lab_packs.sh grades
// every submission of every pack against its expected.json.
#include <doctest/doctest.h>

#include "sim/grade/grade.hpp"
#include "sim/grade/lab_pack.hpp"

using namespace lvs::grade;

namespace {

const std::string kLabs = std::string(LVSLAB_SOURCE_DIR) + "/examples/labs";

const CheckOutcome& check(const GradeReport& r, const std::string& id) {
  for (const auto& c : r.checks)
    if (c.id == id) return c;
  throw std::logic_error("no check " + id);
}

}  // namespace

TEST_CASE("packs: saved rules that differ from the running ones name the first line that differs") {
  const auto lab = load_lab_pack(kLabs + "/lvs-wrr/lab.json");
  // The weight corrected with ipvsadm -e after saving, not saved again.
  const GradeReport edited = grade_submission(*lab, kLabs + "/lvs-wrr/wrong/edited-after-save", GradeOptions{});
  CHECK(check(edited, "rules-saved").cause ==
        "the rules in /etc/sysconfig/ipvsadm on director are not the running rules (running `-a -t "
        "192.168.10.100:80 -r 192.168.20.101:80 -m -w 3`, in /etc/sysconfig/ipvsadm `-a -t 192.168.10.100:80 -r "
        "192.168.20.101:80 -m -w 1`): save them again after the last change, ipvsadm -Sn > /etc/sysconfig/ipvsadm");
  // Saved right after ipvsadm -A: the real servers are missing from the file.
  const auto nat = load_lab_pack(kLabs + "/lvs-nat/lab.json");
  const GradeReport early = grade_submission(*nat, kLabs + "/lvs-nat/wrong/saved-too-early", GradeOptions{});
  CHECK(check(early, "rules-saved")
            .cause.find("(running `-a -t 192.168.10.100:80 -r 192.168.20.101:80 -m -w 1` is "
                        "not in /etc/sysconfig/ipvsadm)") != std::string::npos);
}
