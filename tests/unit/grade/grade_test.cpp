// Grading the test pack's submissions: the solution scores full marks, each wrong one
// loses exactly the checks its mistake breaks, and the report is the same every time.
#include <doctest/doctest.h>

#include <filesystem>

#include "sim/grade/grade.hpp"
#include "sim/grade/lab_pack.hpp"

using namespace lvs::grade;

namespace {

const std::string kPackDir = std::string(LVSLAB_SOURCE_DIR) + "/tests/data/grade/lvs-nat";

const LabPack& pack() {
  static const auto lab = load_lab_pack(kPackDir + "/lab.json");
  return *lab;
}

GradeReport grade(const std::string& sub) { return grade_submission(pack(), kPackDir + "/" + sub, GradeOptions{}); }

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

TEST_CASE("grade: the solution has full marks") {
  const GradeReport r = grade("solution");
  CHECK(r.student == "solution");
  CHECK(r.score == 100);
  CHECK(r.max_score == 100);
  CHECK(failed(r).empty());
  CHECK(r.aborted.empty());
  REQUIRE(r.sessions.size() == 3);
  CHECK(r.sessions[0].host == "director");
  CHECK(r.sessions[0].text.find("[root@director ~]# ipvsadm -A -t 192.168.10.100:80 -s rr\n") != std::string::npos);
}

TEST_CASE("grade: a director without ip_forward fails the sysctl check and the traffic") {
  const GradeReport r = grade("wrong/no-ip-forward");
  CHECK(failed(r) == std::vector<std::string>{"ip-forward", "requests", "nat-path", "round-robin", "reply-from-vip",
                                              "outpkts", "reboot"});
  CHECK(r.score == 30);
  CHECK(check(r, "ip-forward").cause == "net.ipv4.ip_forward is 0 on director, expected 1");
  CHECK(check(r, "ip-forward").replay.empty());  // a configuration check has nothing to replay
  const CheckOutcome& req = check(r, "requests");
  CHECK(req.seed == 1);
  CHECK(req.replay.find("--keep-scenario replay >/dev/null; lvslab view replay/scenario.json --seed 1 --at-event ") !=
        std::string::npos);
}

TEST_CASE("grade: -g in a NAT lab fails the service check with ipvsadm -Ln as evidence") {
  const GradeReport r = grade("wrong/dr-method");
  CHECK(failed(r) == std::vector<std::string>{"ipvs-rules", "requests", "nat-path", "round-robin", "reply-from-vip",
                                              "outpkts", "reboot"});
  CHECK(r.score == 25);
  const CheckOutcome& c = check(r, "ipvs-rules");
  CHECK(c.cause == "real server 192.168.20.101:80 is forwarded by Route (-g), expected Masq (-m)");
  CHECK(c.evidence.find("  -> 192.168.20.101:80            Route   1") != std::string::npos);
}

TEST_CASE("grade: one real server with the wrong gateway: its route and the traffic through it") {
  const GradeReport r = grade("wrong/rs-gateway");
  CHECK(failed(r) ==
        std::vector<std::string>{"rs1-gateway", "requests", "nat-path", "round-robin", "reply-from-vip", "reboot"});
  CHECK(r.score == 45);
  CHECK(check(r, "rs1-gateway").cause ==
        "rs1 routes default via 192.168.20.1 dev ens33, expected default via 192.168.20.100");
  CHECK(check(r, "nat-path").cause.find("hop 4 is missing, expected DIP") != std::string::npos);
  // Requests to rs2 go through: the director's counters show answers.
  CHECK(check(r, "outpkts").passed);
}

TEST_CASE("grade: rules typed and not saved work until the reboot") {
  const GradeReport r = grade("wrong/rules-not-saved");
  CHECK(failed(r) == std::vector<std::string>{"rules-saved", "reboot"});
  CHECK(r.score == 85);
  CHECK(check(r, "rules-saved").cause ==
        "/etc/sysconfig/ipvsadm does not exist on director: the rules are not saved (ipvsadm -Sn > "
        "/etc/sysconfig/ipvsadm)");
  const CheckOutcome& reboot = check(r, "reboot");
  CHECK(reboot.cause.find("after the reboot at 5s: Connection refused") != std::string::npos);
  CHECK(reboot.replay.find("lvslab view replay/scenario-reboot-5s.json --seed 1 --at-event ") != std::string::npos);
}

TEST_CASE("grade: a missing host folder and a stray file are problems, not errors") {
  const GradeReport r = grade_submission(pack(), kPackDir + "/wrong/rs-gateway/rs1", GradeOptions{});
  CHECK(r.student == "rs1");
  CHECK(std::find(r.problems.begin(), r.problems.end(),
                  "director/: missing: nothing of director was handed in (expected director/root/ and/or "
                  "director/setup.sh)") != r.problems.end());
  CHECK(std::find(r.problems.begin(), r.problems.end(),
                  "setup.sh: not a host of this lab, not read (the hosts you configure: director, rs1, rs2)") !=
        r.problems.end());
  CHECK(r.score == 0);
}

TEST_CASE("grade: the same submission gives the same report, and JSON reads back") {
  const GradeReport a = grade("wrong/no-ip-forward");
  const GradeReport b = grade("wrong/no-ip-forward");
  CHECK(grade_json(a).dump() == grade_json(b).dump());
  CHECK(grade_text(a, "zh") == grade_text(b, "zh"));
  const GradeReport back = grade_from_json(nlohmann::json::parse(grade_json(a).dump()));
  CHECK(grade_json(back).dump() == grade_json(a).dump());
}

TEST_CASE("grade: a grade report that is not one is refused with its pointer") {
  nlohmann::json j = nlohmann::json::parse(grade_json(grade("solution")).dump());
  j["checks"][0]["earned"] = 999;
  CHECK_THROWS_WITH_AS(grade_from_json(j), "grade report: /checks/0/earned: expected an integer (0 to 10), got 999",
                       LabError);
}

TEST_CASE("grade: problems in the files name the submission's file and line") {
  const GradeReport r = grade("wrong/typos");
  CHECK(r.problems == std::vector<std::string>{
                          "director/setup.sh:6: `ipvsadm -A -t 192.168.10.100:80 -s rrr` failed (exit 255): Scheduler "
                          "or persistence engine not found",
                          "director/setup.sh:7: `ipvsadm -a -t 192.168.10.100:80 -r 192.168.20.101:80 -m` failed (exit "
                          "255): Service not defined",
                          "director/setup.sh:8: `ipvsadm -a -t 192.168.10.100:80 -r 192.168.20.102:80 -m` failed (exit "
                          "255): Service not defined",
                          "rs1/setup.sh:6: `route add default gw 10.9.9.9` failed (exit 7): SIOCADDRT: Network is "
                          "unreachable",
                          "rs2/root/etc/foo.conf is not read by anything lvslab models on this host; read are: "
                          "/etc/sysconfig/network-scripts/ifcfg-ens33"});
  CHECK(check(r, "ipvs-rules").cause == "there is no virtual service TCP 192.168.10.100:80 on director");
  REQUIRE(r.sessions.size() == 3);
  CHECK(r.sessions[0].origin == "director/setup.sh");
  CHECK(r.sessions[0].text.find("[root@director ~]# ipvsadm -A -t 192.168.10.100:80 -s rrr\nScheduler or persistence "
                                "engine not found\n") != std::string::npos);
}

TEST_CASE("grade: a run the event limit cuts short grants nothing about the run") {
  GradeOptions options;
  options.max_events = 100;
  const GradeReport r = grade_submission(pack(), kPackDir + "/solution", options);
  CHECK(r.aborted == "seed 1: the run reached the event limit (100 events) and stopped");
  // The configuration is decided; every check about the run fails.
  CHECK(failed(r) ==
        std::vector<std::string>{"requests", "nat-path", "round-robin", "reply-from-vip", "outpkts", "reboot"});
  CHECK(check(r, "nat-path").cause.starts_with("the run stopped at the event limit (100 events, at 2.000152040s)"));
  CHECK(check(r, "nat-path").replay.ends_with("--seed 1 --at-event 276"));
}

TEST_CASE("grade: past the wall-time bound, the checks not decided yet fail and say why") {
  GradeOptions options;
  options.max_wall_seconds = 1e-9;
  const GradeReport r = grade_submission(pack(), kPackDir + "/solution", options);
  CHECK(r.aborted.starts_with("the wall-time bound ("));
  CHECK(check(r, "ip-forward").passed);  // configuration checks come first
  CHECK_FALSE(check(r, "requests").passed);
  CHECK(check(r, "requests").cause.starts_with("not decided: the wall-time bound ("));
}

TEST_CASE("grade: --seed runs one seed instead of the pack's") {
  GradeOptions options;
  options.seeds = {7};
  const GradeReport r = grade_submission(pack(), kPackDir + "/wrong/rs-gateway", options);
  CHECK(check(r, "requests").seed == 7);
  CHECK(check(r, "requests").replay.find("--seed 7") != std::string::npos);
}

TEST_CASE("grade: a submission whose files cannot be loaded is graded 0 and says why") {
  namespace fs = std::filesystem;
  const fs::path sub = fs::temp_directory_path() / "lvslab-grade-symlink" / "alice";
  fs::remove_all(sub.parent_path());
  fs::create_directories(sub.parent_path());
  fs::copy(kPackDir + "/solution", sub, fs::copy_options::recursive);
  // A link could read the grading machine's own files: refused, as lvslab refuses it anywhere.
  fs::create_symlink("/etc/passwd", sub / "rs1/root/etc/passwd");
  const GradeReport r = grade_submission(pack(), sub.string(), GradeOptions{});
  const std::string why = "rs1: 'rs1/root/etc/passwd' is a symbolic link: lvslab reads regular files only";
  CHECK(r.score == 0);
  CHECK(r.aborted == "the submission's configuration could not be loaded: " + why);
  CHECK(r.problems == std::vector<std::string>{why});
  CHECK(check(r, "ip-forward").cause == "not graded: " + r.aborted);
  fs::remove_all(sub.parent_path());
}
