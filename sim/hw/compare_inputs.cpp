// What each side of `hw compare` observed (compare.hpp): the simulator run to the
// scenario time at which the kernel was read, and the kernel's run.
#include <limits>

#include "sim/hw/compare.hpp"
#include "sim/ipvs/director.hpp"
#include "sim/net/host.hpp"

namespace lvs::hw {
namespace {

// Every request is compared, not only the ones a report lists.
constexpr std::size_t kEveryRequest = std::numeric_limits<std::size_t>::max();

}  // namespace

Observables simulated_observables(const ScenarioSpec& spec, SimTime at) {
  auto sim = build_run(spec, std::nullopt, /*tracing=*/true);
  execute(*sim, at);
  Observables o = observe(make_report(*sim, kEveryRequest), sim->world->trace());
  for (const auto& h : sim->world->hosts())
    if (auto* d = ipvs::find_director(*h); d && !o.has_ipvs) {
      o.has_ipvs = true;
      o.ipvs = d->tables().snapshot(sim->world->now());
    }
  o.vip_neighbours = sim_vip_neighbours(*sim);
  return o;
}

Observables kernel_observables(const HwRunResult& res) {
  Observables o = observe(make_report(*res.run, kEveryRequest), res.run->world->trace());
  o.has_ipvs = res.has_ipvs;
  o.ipvs = res.ipvs;
  o.vip_neighbours = res.vip_neighbours;
  return o;
}

}  // namespace lvs::hw
