#pragma once
// Factories of the schedulers in sim/ipvs/schedulers/ (one file each, named after the
// kernel module net/netfilter/ipvs/ip_vs_<name>.c).
#include <memory>

#include "sim/ipvs/scheduler.hpp"

namespace lvs::ipvs::sched {

std::unique_ptr<Scheduler> make_rr();
std::unique_ptr<Scheduler> make_wrr();
std::unique_ptr<Scheduler> make_lc();
std::unique_ptr<Scheduler> make_wlc();
std::unique_ptr<Scheduler> make_lblc();
std::unique_ptr<Scheduler> make_lblcr();
std::unique_ptr<Scheduler> make_dh();
std::unique_ptr<Scheduler> make_sh();
std::unique_ptr<Scheduler> make_sed();
std::unique_ptr<Scheduler> make_nq();
std::unique_ptr<Scheduler> make_fo();
std::unique_ptr<Scheduler> make_ovf();
std::unique_ptr<Scheduler> make_mh();

}  // namespace lvs::ipvs::sched
