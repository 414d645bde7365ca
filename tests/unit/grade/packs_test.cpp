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

TEST_CASE("packs: the DR ARP problem is named with the real server's own answer and where its VIP is") {
  const auto lab = load_lab_pack(kLabs + "/lvs-dr/lab.json");
  // No arp_ignore/arp_announce: in seed 1 rs2's reply comes first and the client keeps it.
  const GradeReport none = grade_submission(*lab, kLabs + "/lvs-dr/wrong/no-arp-sysctl", GradeOptions{});
  const CheckOutcome& arp = check(none, "vip-arp");
  CHECK(
      arp.cause.ends_with("the requests to the VIP go to rs2 (rs2 ens33 answered who-has 192.168.10.10, "
                          "arp_ignore=0)"));
  CHECK(arp.evidence.find("rs2 ens33: answers who-has 192.168.10.10 with 02:00:00:05:01:00 (rs2), arp_ignore=0") !=
        std::string::npos);
  CHECK(check(none, "no-bypass")
            .cause.ends_with("set net.ipv4.conf.all.arp_ignore=1 and "
                             "net.ipv4.conf.all.arp_announce=2 on the real servers"));
  // The VIP on ens33:0: arp_ignore=1 is set and does not help; the fix is lo, not the sysctls.
  const GradeReport ens33 = grade_submission(*lab, kLabs + "/lvs-dr/wrong/vip-on-ens33", GradeOptions{});
  const std::string cause = check(ens33, "no-bypass").cause;
  CHECK(cause.find("for the VIP on its ens33, arp_ignore=1)") != std::string::npos);
  CHECK(
      cause.ends_with("the VIP belongs on lo (lo:0, /32) on the real servers, not on ens33, where arp_ignore=1 "
                      "still answers for it"));
}

TEST_CASE("packs: an NFS server that never started, and a page missing on the export, are named as such") {
  const auto lab = load_lab_pack(kLabs + "/lvs-dr-nfs/lab.json");
  const GradeReport stopped = grade_submission(*lab, kLabs + "/lvs-dr-nfs/wrong/nfs-not-started", GradeOptions{});
  CHECK(check(stopped, "requests").cause.find("no NFS server runs on 192.168.10.103 (nfs)") != std::string::npos);
  const GradeReport no_page = grade_submission(*lab, kLabs + "/lvs-dr-nfs/wrong/no-page-on-nfs", GradeOptions{});
  CHECK(check(no_page, "requests")
            .cause.find("the page is read over NFS from nfs (192.168.10.103), whose export does "
                        "not hold it (LOOKUP: NFS3ERR_NOENT)") != std::string::npos);
}

TEST_CASE("packs: the VIP on lo as /24, and a TUN host without a gateway, are named as such") {
  const auto dr = load_lab_pack(kLabs + "/lvs-dr/lab.json");
  const GradeReport lo24 = grade_submission(*dr, kLabs + "/lvs-dr/wrong/vip-lo-24", GradeOptions{});
  CHECK(check(lo24, "requests")
            .cause.find("rs2 holds 192.168.10.10/24 on lo: on the loopback device the whole "
                        "192.168.10.0/24 is local to rs2, the client 192.168.10.1 (client) too") != std::string::npos);
  const auto tun = load_lab_pack(kLabs + "/lvs-tun/lab.json");
  // The IPIP packet is filtered on ens33 by its outer source, the DIP, which rs2 has no route to.
  const GradeReport rs = grade_submission(*tun, kLabs + "/lvs-tun/wrong/rs-no-gateway", GradeOptions{});
  CHECK(check(rs, "requests")
            .cause.ends_with("rs2 has no route back to 192.168.10.100 (director) at all (no default "
                             "gateway) — give it its gateway (GATEWAY= in its ifcfg file)"));
  const GradeReport off = grade_submission(*tun, kLabs + "/lvs-tun/wrong/rp-filter-on", GradeOptions{});
  CHECK(check(off, "requests")
            .cause.ends_with("the route back to 172.16.0.5 does not leave by tunl0 — a TUN real "
                             "server must relax it: net.ipv4.conf.tunl0.rp_filter=0 and "
                             "net.ipv4.conf.all.rp_filter=0"));
}
