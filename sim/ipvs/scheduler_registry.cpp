// Registry by name (ip_vs_sched.c register_ip_vs_scheduler()/ip_vs_scheduler_get()).
// The list is explicit: static self-registration objects would be dropped by the
// linker from a static library.
#include <array>

#include "sim/ipvs/scheduler.hpp"
#include "sim/ipvs/schedulers/all.hpp"

namespace lvs::ipvs {
namespace {

struct Entry {
  std::string_view name;
  std::unique_ptr<Scheduler> (*make)();
};

constexpr std::array<Entry, 13> kSchedulers{{
    {"rr", &sched::make_rr},     {"wrr", &sched::make_wrr},   {"lc", &sched::make_lc},
    {"wlc", &sched::make_wlc},   {"lblc", &sched::make_lblc}, {"lblcr", &sched::make_lblcr},
    {"dh", &sched::make_dh},     {"sh", &sched::make_sh},     {"sed", &sched::make_sed},
    {"nq", &sched::make_nq},     {"fo", &sched::make_fo},     {"ovf", &sched::make_ovf},
    {"mh", &sched::make_mh},
}};

constexpr std::array<std::string_view, 13> kNames = [] {
  std::array<std::string_view, 13> n{};
  for (std::size_t i = 0; i < kSchedulers.size(); ++i) n[i] = kSchedulers[i].name;
  return n;
}();

}  // namespace

std::unique_ptr<Scheduler> make_scheduler(std::string_view name) {
  for (const auto& e : kSchedulers)
    if (e.name == name) return e.make();
  return nullptr;
}

bool scheduler_known(std::string_view name) {
  for (const auto& e : kSchedulers)
    if (e.name == name) return true;
  return false;
}

std::span<const std::string_view> scheduler_names() { return kNames; }

}  // namespace lvs::ipvs
