// reply_from_vip and director_outpkts on a one-arm NAT mistake: the real server shares the
// client's network and answers it directly, from its own address; the client's TCP takes
// nothing from an address it did not ask (a pack and a submission written here).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "sim/grade/grade.hpp"
#include "sim/grade/lab_pack.hpp"

using namespace lvs::grade;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

json one_arm_nat_pack() {
  const json text = "t";
  return {{"name", "one-arm"},
          {"title", "one-arm NAT"},
          {"scenario",
           {{"name", "one-arm"},
            {"duration", "5s"},
            {"segments", {{{"name", "lan"}}}},
            {"hosts",
             {{{"name", "client"},
               {"role", "client"},
               {"interfaces", {{{"name", "eth0"}, {"segment", "lan"}, {"addresses", {"192.168.10.1/24"}}}}}},
              {{"name", "director"},
               {"role", "director"},
               {"interfaces",
                {{{"name", "eth0"}, {"segment", "lan"}, {"addresses", {"192.168.10.2/24", "192.168.10.100/24"}}}}},
               {"sysctls", {{"net.ipv4.ip_forward", 1}}},
               {"ipvsadm", {"-A -t 192.168.10.100:80 -s rr", "-a -t 192.168.10.100:80 -r 192.168.10.11:80 -m"}}},
              {{"name", "rs1"}, {"role", "realserver"}, {"interfaces", {{{"name", "eth0"}, {"segment", "lan"}}}}}}},
            {"traffic", {{{"client", "client"}, {"type", "http"}, {"url", "http://192.168.10.100/"}, {"at", "1s"}}}}}},
          {"configured_hosts", {"rs1"}},
          {"checks",
           {{{"id", "reply"}, {"kind", "reply_from_vip"}, {"points", 1}, {"title", text}, {"feedback", text}},
            {{"id", "out"},
             {"kind", "director_outpkts"},
             {"points", 1},
             {"at_least", 1},
             {"title", text},
             {"feedback", text}}}}};
}

}  // namespace

TEST_CASE("reply_from_vip: a real server answering the client directly, from its RIP") {
  const fs::path dir = fs::temp_directory_path() / "lvslab-grade-one-arm";
  fs::remove_all(dir);
  write(dir / "lab.json", one_arm_nat_pack().dump());
  write(dir / "sub/rs1/root/etc/sysconfig/network-scripts/ifcfg-eth0",
        "DEVICE=eth0\nBOOTPROTO=static\nONBOOT=yes\nIPADDR=192.168.10.11\nNETMASK=255.255.255.0\n");
  write(dir / "sub/rs1/setup.sh", "echo rs1 > /var/www/html/index.html\nsystemctl start httpd\n");
  const auto lab = load_lab_pack((dir / "lab.json").string());
  const GradeReport r = grade_submission(*lab, (dir / "sub").string(), GradeOptions{});
  REQUIRE(r.checks.size() == 2);
  CHECK_FALSE(r.checks[0].passed);
  CHECK(r.checks[0].cause ==
        "request #1 at 1.000000000s (client GET http://192.168.10.100/): client received an answer from "
        "192.168.10.11, not from 192.168.10.100 (the address it asked): its TCP does not take it");
  CHECK(r.checks[0].replay.find("--seed 1 --at-event ") != std::string::npos);
  // The answer never passed the director.
  CHECK_FALSE(r.checks[1].passed);
  CHECK(r.checks[1].cause.find("sent 0 packets out (OutPkts), expected at least 1") != std::string::npos);
  fs::remove_all(dir);
}
