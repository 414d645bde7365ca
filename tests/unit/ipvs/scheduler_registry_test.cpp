// The scheduler registry (sim/ipvs/schedulers/all.hpp) is the one list of scheduler
// names: the director makes schedulers from it and `ipvsadm -s` is checked against it.
#include <doctest/doctest.h>

#include <string>

#include "sim/ipvs/ipvsadm/command.hpp"
#include "sim/ipvs/scheduler.hpp"

using namespace lvs::ipvs;

namespace {

// net/netfilter/ipvs/ip_vs_*.c of Linux 6.1 (the kernel the golden outputs come from).
constexpr const char* kLinux61Schedulers[] = {"rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh",
                                              "sh", "sed", "nq", "fo",  "ovf",  "mh"};

bool ipvsadm_accepts(const std::string& sched) {
  return ipvsadm::parse_ipvsadm_line("-A -t 10.0.0.1:80 -s " + sched).ok();
}

}  // namespace

TEST_CASE("every Linux 6.1 scheduler is registered under its own name") {
  for (const char* name : kLinux61Schedulers) {
    INFO("scheduler ", name);
    const auto s = make_scheduler(name);
    REQUIRE(s != nullptr);
    CHECK(std::string(s->name()) == name);
    CHECK(scheduler_known(name));
    CHECK(ipvsadm_accepts(name));
  }
}

TEST_CASE("a name the registry does not know is refused by the director and by ipvsadm alike") {
  // Names are case-sensitive, as ip_vs_sched.c compares them with strcmp().
  for (const char* name : {"nosuch", "RR", "wlc2", "ip_vs_rr", "w"}) {
    INFO("scheduler ", name);
    CHECK(make_scheduler(name) == nullptr);
    CHECK_FALSE(scheduler_known(name));
    const auto p = ipvsadm::parse_ipvsadm_line(std::string("-A -t 10.0.0.1:80 -s ") + name);
    REQUIRE_FALSE(p.ok());
    CHECK(p.error == "Scheduler or persistence engine not found");
    CHECK(p.exit_status == 255);
  }
}
