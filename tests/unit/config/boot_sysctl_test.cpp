// systemd-sysctl at boot (sysctl.d(5)): which files, in which order, which value wins,
// the '-' prefix, key spelling, globs over the devices, and the problems.
#include <doctest/doctest.h>

#include "sim/config/files/boot_plan.hpp"
#include "sim/config/files/sysctl_d.hpp"
#include "tests/unit/config/boot_plan_util.hpp"

using namespace lvs::config;
using lvs::config::test::commands;
using lvs::config::test::has_problem;

namespace {

BootPlan boot(const std::map<std::string, std::string>& files, std::vector<std::string> devices = {"lo", "eth0"}) {
  return plan_boot(files, devices, {});
}

}  // namespace

TEST_CASE("sysctl.conf: each key is written to /proc/sys, with its file and line") {
  const auto plan =
      boot({{"/etc/sysctl.conf", "# lab\nnet.ipv4.ip_forward = 1\n\n; other\n  net.ipv4.conf.lo.arp_ignore=1\n"}});
  CHECK(commands(plan) == std::vector<std::string>{"echo 1 > /proc/sys/net/ipv4/ip_forward",
                                                   "echo 1 > /proc/sys/net/ipv4/conf/lo/arp_ignore"});
  REQUIRE(plan.steps.size() == 2);
  CHECK(plan.steps[0].origin.file == "/etc/sysctl.conf");
  CHECK(plan.steps[0].origin.line == 2);
  CHECK(plan.steps[1].origin.line == 5);
  CHECK(plan.steps[0].by == "systemd-sysctl");
  CHECK(plan.files_read == std::vector<std::string>{"/etc/sysctl.conf"});
  CHECK(plan.problems.empty());
}

TEST_CASE("sysctl.d: files sorted by name across directories; /etc/sysctl.conf is 99-sysctl.conf") {
  const auto plan = boot({
      {"/etc/sysctl.conf", "net.ipv4.ip_forward = 1\n"},
      {"/etc/sysctl.d/10-lvs.conf", "net.ipv4.conf.all.arp_announce = 2\n"},
      {"/usr/lib/sysctl.d/50-x.conf", "net.ipv4.conf.all.arp_ignore = 1\n"},
      {"/etc/sysctl.d/README", "not a .conf file\n"},
      {"/etc/sysctl.d/.hidden.conf", "x.y = 1\n"},
  });
  CHECK(commands(plan) == std::vector<std::string>{"echo 2 > /proc/sys/net/ipv4/conf/all/arp_announce",
                                                   "echo 1 > /proc/sys/net/ipv4/conf/all/arp_ignore",
                                                   "echo 1 > /proc/sys/net/ipv4/ip_forward"});
  CHECK(plan.files_read ==
        std::vector<std::string>{"/etc/sysctl.d/10-lvs.conf", "/usr/lib/sysctl.d/50-x.conf", "/etc/sysctl.conf"});
}

TEST_CASE("sysctl.d: the latest file name wins and the key moves to its place") {
  const auto plan = boot({
      {"/etc/sysctl.d/10-a.conf", "net.ipv4.ip_forward = 0\nnet.ipv4.conf.all.arp_ignore = 1\n"},
      {"/etc/sysctl.d/20-b.conf", "net.ipv4.ip_forward = 1\n"},
  });
  CHECK(commands(plan) == std::vector<std::string>{"echo 1 > /proc/sys/net/ipv4/conf/all/arp_ignore",
                                                   "echo 1 > /proc/sys/net/ipv4/ip_forward"});
  CHECK(plan.steps[1].origin.file == "/etc/sysctl.d/20-b.conf");
}

TEST_CASE("sysctl.d: the same value again keeps the earlier place") {
  const auto plan = boot({{"/etc/sysctl.conf", "a.b = 1\nc.d = 2\na.b = 1\n"}});
  CHECK(commands(plan) == std::vector<std::string>{"echo 1 > /proc/sys/a/b", "echo 2 > /proc/sys/c/d"});
  CHECK(plan.steps[0].origin.line == 1);
}

TEST_CASE("sysctl.d: /etc overrides the file of the same name in /usr/lib, and says so") {
  const auto plan = boot({
      {"/etc/sysctl.d/50-x.conf", "a.b = 2\n"},
      {"/usr/lib/sysctl.d/50-x.conf", "a.b = 1\nc.d = 1\n"},
  });
  CHECK(commands(plan) == std::vector<std::string>{"echo 2 > /proc/sys/a/b"});
  REQUIRE(plan.problems.size() == 1);
  CHECK(plan.problems[0].starts_with("/usr/lib/sysctl.d/50-x.conf: is overridden by /etc/sysctl.d/50-x.conf"));
}

TEST_CASE("sysctl.d: a file of its own at /etc/sysctl.d/99-sysctl.conf hides /etc/sysctl.conf") {
  const auto plan = boot({{"/etc/sysctl.conf", "a.b = 1\n"}, {"/etc/sysctl.d/99-sysctl.conf", "c.d = 1\n"}});
  CHECK(commands(plan) == std::vector<std::string>{"echo 1 > /proc/sys/c/d"});
  REQUIRE(plan.problems.size() == 1);
  CHECK(plan.problems[0].starts_with("/etc/sysctl.conf: is not read"));
}

TEST_CASE("sysctl.d: '-key = value' ignores failure; '-key' alone only excludes from globs") {
  const auto plan = boot({{"/etc/sysctl.conf",
                           "-net.ipv4.conf.tunl0.rp_filter = 0\n"
                           "net.ipv4.conf.*.arp_ignore = 1\n"
                           "-net.ipv4.conf.eth0.arp_ignore\n"
                           "net.ipv4.conf.lo.arp_ignore = 8\n"}});
  CHECK(commands(plan) == std::vector<std::string>{"echo 0 > /proc/sys/net/ipv4/conf/tunl0/rp_filter",
                                                   "echo 1 > /proc/sys/net/ipv4/conf/all/arp_ignore",
                                                   "echo 1 > /proc/sys/net/ipv4/conf/default/arp_ignore",
                                                   "echo 8 > /proc/sys/net/ipv4/conf/lo/arp_ignore"});
  CHECK(plan.steps[0].ignore_failure);
  CHECK_FALSE(plan.steps[1].ignore_failure);
  CHECK(plan.problems.empty());
}

TEST_CASE("sysctl.d: key spellings (sysctl.d(5) separators)") {
  using lvs::config::files::sysctl_key_path;
  CHECK(sysctl_key_path("kernel.domainname") == "kernel/domainname");
  CHECK(sysctl_key_path("kernel/domainname") == "kernel/domainname");
  CHECK(sysctl_key_path("net.ipv4.conf.enp3s0/200.forwarding") == "net/ipv4/conf/enp3s0.200/forwarding");
  CHECK(sysctl_key_path("net/ipv4/conf/enp3s0.200/forwarding") == "net/ipv4/conf/enp3s0.200/forwarding");
  CHECK(sysctl_key_path("/net//ipv4/ip_forward") == "net/ipv4/ip_forward");
}

TEST_CASE("sysctl.d: values with blanks are written as one word") {
  const auto plan = boot({{"/etc/sysctl.conf", "net.ipv4.ip_local_port_range = 1024  65000 \n"}});
  CHECK(commands(plan) == std::vector<std::string>{"echo '1024  65000' > /proc/sys/net/ipv4/ip_local_port_range"});
}

TEST_CASE("sysctl.d: bad lines are problems with file and line, the rest applies") {
  const auto plan = boot({{"/etc/sysctl.conf", "net.ipv4.ip_forward 1\n = 3\nnet.*.x = 1\nnet.ipv4.ip_forward=1\n"}});
  CHECK(commands(plan) == std::vector<std::string>{"echo 1 > /proc/sys/net/ipv4/ip_forward"});
  REQUIRE(plan.problems.size() == 3);
  CHECK(plan.problems[0] == "/etc/sysctl.conf:1: Line is not an assignment, ignoring: net.ipv4.ip_forward 1");
  CHECK(plan.problems[1].starts_with("/etc/sysctl.conf:2: no key"));
  CHECK(plan.problems[2].starts_with("/etc/sysctl.conf:3: the glob net/*/x is not applied"));
}

TEST_CASE("sysctl.d: a file over the size bound is refused with a clear problem") {
  const auto plan = boot({{"/etc/sysctl.conf", std::string(300 * 1024, '#')}});
  CHECK(plan.steps.empty());
  CHECK(plan.files_read.empty());
  REQUIRE(plan.problems.size() == 1);
  CHECK(plan.problems[0].find("lvslab reads boot files of at most 262144 bytes") != std::string::npos);
}

TEST_CASE("sysctl.d: more keys than the bound: the rest are refused, each with a problem") {
  std::string text;
  for (int i = 0; i < 4100; ++i) text += "a.k" + std::to_string(i) + " = 1\n";
  const auto plan = boot({{"/etc/sysctl.conf", text}});
  CHECK(plan.steps.size() == 4096);
  REQUIRE(plan.problems.size() == 4);
  CHECK(plan.problems[0] == "/etc/sysctl.conf:4097: more than 4096 sysctl keys; this one is not set");
}
