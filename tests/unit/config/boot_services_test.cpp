// The end of the boot: the enabled services (ipvsadm.service restores its rules file) and
// rc.local's lines; and the order of the whole boot.
#include <doctest/doctest.h>

#include "sim/config/files/boot_plan.hpp"
#include "tests/unit/config/boot_plan_util.hpp"

using namespace lvs::config;
using lvs::config::test::commands;
using lvs::config::test::has_problem;

namespace {

const std::string kRules = "-A -t 192.168.10.100:80 -s rr\n-a -t 192.168.10.100:80 -r 192.168.10.11:80 -m -w 1\n";

}  // namespace

TEST_CASE("ipvsadm.service: enabled, it restores /etc/sysconfig/ipvsadm; not enabled, the file is not read") {
  const std::map<std::string, std::string> files{{"/etc/sysconfig/ipvsadm", kRules}};
  SUBCASE("enabled") {
    const auto plan = plan_boot(files, {"lo", "eth0"}, {{"ipvsadm", Unit{true, false}}});
    CHECK(commands(plan) == std::vector<std::string>{"ipvsadm-restore < /etc/sysconfig/ipvsadm"});
    CHECK(plan.steps[0].by == "ipvsadm.service");
    CHECK(plan.steps[0].origin.file == "/etc/sysconfig/ipvsadm");
    CHECK(plan.files_read == std::vector<std::string>{"/etc/sysconfig/ipvsadm"});
  }
  SUBCASE("not enabled") {
    const auto plan = plan_boot(files, {"lo", "eth0"}, {{"ipvsadm", Unit{false, false}}});
    CHECK(plan.steps.empty());
    CHECK(plan.files_read.empty());
  }
  SUBCASE("enabled without the file: the unit runs and fails as bash says") {
    const auto plan = plan_boot({}, {"lo"}, {{"ipvsadm", Unit{true, false}}});
    CHECK(commands(plan) == std::vector<std::string>{"ipvsadm-restore < /etc/sysconfig/ipvsadm"});
    CHECK(plan.files_read.empty());
  }
}

TEST_CASE("services: the enabled units start after ipvsadm, rpcbind before nfs-server before autofs before httpd") {
  const auto plan = plan_boot({}, {"lo"},
                              {{"httpd", Unit{true, false}},
                               {"autofs", Unit{true, false}},
                               {"nfs-server", Unit{true, false}},
                               {"rpcbind", Unit{true, false}},
                               {"chronyd", Unit{true, false}},
                               {"ipvsadm", Unit{true, false}},
                               {"network", Unit{true, false}},
                               {"crond", Unit{false, false}}});
  CHECK(commands(plan) == std::vector<std::string>{"ipvsadm-restore < /etc/sysconfig/ipvsadm",
                                                   "systemctl start rpcbind", "systemctl start nfs-server",
                                                   "systemctl start autofs", "systemctl start httpd",
                                                   "systemctl start chronyd"});
  CHECK(plan.steps[1].origin.file == "/etc/systemd/system/multi-user.target.wants/rpcbind.service");
}

TEST_CASE("rc.local: command lines run in order; comments skipped; continuation joined; exit ends it") {
  const auto plan =
      plan_boot({{"/etc/rc.d/rc.local",
                  "#!/bin/bash\n# DR real server\nifconfig lo:0 192.168.10.10 netmask 255.255.255.255 \\\n"
                  "  broadcast 192.168.10.10 up\n\necho 1 > /proc/sys/net/ipv4/conf/lo/arp_ignore\n"
                  "touch /var/lock/subsys/local\nexit 0\nroute add -host 1.2.3.4 dev lo\n"}},
                {"lo", "eth0"}, {});
  CHECK(commands(plan) ==
        std::vector<std::string>{"ifconfig lo:0 192.168.10.10 netmask 255.255.255.255   broadcast 192.168.10.10 up",
                                 "echo 1 > /proc/sys/net/ipv4/conf/lo/arp_ignore", "touch /var/lock/subsys/local"});
  CHECK(plan.steps[0].origin.line == 3);
  CHECK(plan.steps[1].origin.line == 6);
  CHECK(plan.steps[0].by == "rc.local");
  CHECK(has_problem(plan, "/etc/rc.d/rc.local:9: not run: the script exits at line 8"));
}

TEST_CASE("rc.local: continuations as bash joins them: the next line's blanks stay, an empty result runs nothing") {
  const auto plan = plan_boot({{"/etc/rc.local", "echo a\\\n  b\n\\\n\n# c \\\necho d\n"}}, {"lo"}, {});
  CHECK(commands(plan) == std::vector<std::string>{"echo a  b", "echo d"});
  CHECK(plan.steps[1].origin.line == 6);
}

TEST_CASE("rc.local: a here-document travels with its command; control structures are problems") {
  const auto plan = plan_boot({{"/etc/rc.local",
                                "cat > /etc/exports <<EOF\n/public 192.168.10.0/24(ro)\nEOF\n"
                                "if true; then\n  echo x\nfi\n"}},
                              {"lo"}, {});
  REQUIRE(plan.steps.size() == 2);
  CHECK(plan.steps[0].command == "cat > /etc/exports <<EOF\n/public 192.168.10.0/24(ro)\nEOF");
  CHECK(plan.steps[1].command == "echo x");
  CHECK(has_problem(plan, "/etc/rc.local:4: shell control structures are not modelled"));
  CHECK(has_problem(plan, "/etc/rc.local:6: shell control structures are not modelled"));
}

TEST_CASE("rc.local: /etc/rc.local and /etc/rc.d/rc.local that differ: the CentOS one runs, and it is said") {
  const auto plan = plan_boot({{"/etc/rc.d/rc.local", "echo a\n"}, {"/etc/rc.local", "echo b\n"}}, {"lo"}, {});
  CHECK(commands(plan) == std::vector<std::string>{"echo a"});
  CHECK(has_problem(plan, "/etc/rc.local: is not run"));
  const auto same = plan_boot({{"/etc/rc.d/rc.local", "echo a\n"}, {"/etc/rc.local", "echo a\n"}}, {"lo"}, {});
  CHECK(commands(same) == std::vector<std::string>{"echo a"});
  CHECK(same.problems.empty());
  CHECK(same.files_read.size() == 2);
}

TEST_CASE("boot order: sysctl, then the network, then the services, rc.local last") {
  const auto plan = plan_boot({{"/etc/rc.d/rc.local", "echo rc\n"},
                               {"/etc/sysconfig/ipvsadm", kRules},
                               {"/etc/sysconfig/network-scripts/ifcfg-eth0", "DEVICE=eth0\nNOZEROCONF=yes\n"},
                               {"/etc/sysctl.conf", "net.ipv4.ip_forward = 1\n"}},
                              {"lo", "eth0"}, {{"ipvsadm", Unit{true, false}}});
  CHECK(commands(plan) == std::vector<std::string>{"echo 1 > /proc/sys/net/ipv4/ip_forward", "ip link set dev lo up",
                                                   "ip link set dev eth0 up",
                                                   "ipvsadm-restore < /etc/sysconfig/ipvsadm", "echo rc"});
}

TEST_CASE("boot: a host with both CentOS's and Debian's network files runs both, and says so") {
  const auto plan = plan_boot({{"/etc/sysconfig/network-scripts/ifcfg-eth0", "DEVICE=eth0\nNOZEROCONF=yes\n"},
                               {"/etc/network/interfaces", "auto eth1\niface eth1 inet manual\n"}},
                              {"lo", "eth0", "eth1"}, {});
  CHECK(commands(plan) ==
        std::vector<std::string>{"ip link set dev lo up", "ip link set dev eth0 up", "ip link set dev eth1 up"});
  CHECK(has_problem(plan, "/etc/network/interfaces: a host has CentOS's network-scripts or Debian's interfaces file"));
}

TEST_CASE("boot: NetworkManager enabled on a CentOS host is said not to be modelled") {
  const auto plan = plan_boot({{"/etc/sysconfig/network-scripts/ifcfg-eth0", "DEVICE=eth0\nNOZEROCONF=yes\n"}},
                              {"lo", "eth0"}, {{"NetworkManager", Unit{true, false}}});
  CHECK(has_problem(plan, "NetworkManager.service: is not modelled"));
  CHECK(commands(plan).at(1) == "ip link set dev eth0 up");
}
