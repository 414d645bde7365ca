// The DR + NFS test pack (tests/data/grade/lvs-dr-nfs): the ARP problem, an export to the
// wrong network and an autofs map typo each lose exactly the checks they break, with
// the cause named.
#include <doctest/doctest.h>

#include "sim/grade/grade.hpp"
#include "sim/grade/lab_pack.hpp"

using namespace lvs::grade;

namespace {

const std::string kPackDir = std::string(LVSLAB_SOURCE_DIR) + "/tests/data/grade/lvs-dr-nfs";

GradeReport grade(const std::string& sub) {
  static const auto lab = load_lab_pack(kPackDir + "/lab.json");
  return grade_submission(*lab, kPackDir + "/" + sub, GradeOptions{});
}

std::vector<std::string> failed(const GradeReport& r) {
  std::vector<std::string> out;
  for (const auto& c : r.checks)
    if (!c.passed) out.push_back(c.id);
  return out;
}

const CheckOutcome& check(const GradeReport& r, const std::string& id) {
  for (const auto& c : r.checks)
    if (c.id == id) return c;
  throw std::logic_error("no check " + id);
}

}  // namespace

TEST_CASE("grade dr-nfs: the solution has full marks in every seed") {
  const GradeReport r = grade("solution");
  CHECK(failed(r).empty());
  CHECK(r.score == 100);
}

TEST_CASE("grade dr-nfs: without arp_ignore/arp_announce the client takes a real server's MAC for the VIP") {
  const GradeReport r = grade("wrong/no-arp-sysctl");
  CHECK(failed(r) == std::vector<std::string>{"arp-ignore", "arp-announce", "from-nfs", "dr-path", "client-arp",
                                              "no-bypass", "outpkts"});
  CHECK(check(r, "arp-ignore").evidence ==
        "net.ipv4.conf.all.arp_ignore = 0, net.ipv4.conf.ens33.arp_ignore = 0: the kernel uses 0 on ens33");
  const CheckOutcome& arp = check(r, "client-arp");
  CHECK(arp.cause.find("client's neighbour entry for the VIP 192.168.10.10 took 02:00:00:04:01:00, the MAC of rs2, "
                       "not of director") != std::string::npos);
  CHECK(arp.evidence.find("ignores the reply 192.168.10.10 is-at 02:00:00:02:01:00 (director)") != std::string::npos);
  CHECK(check(r, "no-bypass").cause.find("it did not pass director (path CIP-RIP-CIP)") != std::string::npos);
  CHECK(check(r, "outpkts").cause == "no packet reached the virtual services on director (InPkts 0)");
}

TEST_CASE("grade dr-nfs: an export to the wrong network is refused at mount time") {
  const GradeReport r = grade("wrong/export-wrong-net");
  CHECK(failed(r) == std::vector<std::string>{"export", "pages", "from-nfs"});
  CHECK(check(r, "export").cause ==
        "nfs does not export /public to rs1 (192.168.10.101): no client of its line in /etc/exports matches, so "
        "rpc.mountd refuses the mount");
  CHECK(check(r, "from-nfs").cause.find("mount.nfs: access denied by server") != std::string::npos);
}

TEST_CASE("grade dr-nfs: an autofs map without the key") {
  const GradeReport r = grade("wrong/autofs-typo");
  CHECK(failed(r) == std::vector<std::string>{"autofs-rs1", "pages", "from-nfs"});
  CHECK(check(r, "autofs-rs1").cause ==
        "/etc/auto.htmount on rs1 has no key 'html' (so /var/www/html cannot be mounted)");
  CHECK(check(r, "pages").cause.find("status 404, expected 200") != std::string::npos);
}
