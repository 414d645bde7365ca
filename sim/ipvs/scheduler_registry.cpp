// Registry by name (ip_vs_sched.c register_ip_vs_scheduler()/ip_vs_scheduler_get()).
// The list is explicit (schedulers/all.hpp): static self-registration objects would be
// dropped by the linker from a static library.
#include "sim/ipvs/schedulers/all.hpp"

namespace lvs::ipvs {
namespace {

struct Entry {
  std::string_view name;
  std::unique_ptr<Scheduler> (*make)();
};

#define LVS_IPVS_REGISTRY_ENTRY(name) Entry{#name, &sched::make_##name},
constexpr Entry kSchedulers[] = {LVS_IPVS_SCHEDULERS(LVS_IPVS_REGISTRY_ENTRY)};
#undef LVS_IPVS_REGISTRY_ENTRY

const Entry* find(std::string_view name) {
  for (const auto& e : kSchedulers)
    if (e.name == name) return &e;
  return nullptr;
}

}  // namespace

std::unique_ptr<Scheduler> make_scheduler(std::string_view name) {
  const Entry* e = find(name);
  return e ? e->make() : nullptr;
}

bool scheduler_known(std::string_view name) { return find(name) != nullptr; }

}  // namespace lvs::ipvs
