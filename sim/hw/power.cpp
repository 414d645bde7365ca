#include "sim/hw/power.hpp"

#include "sim/hw/error.hpp"
#include "sim/hw/http_apps.hpp"
#include "sim/hw/names.hpp"
#include "sim/hw/netns.hpp"
#include "sim/hw/rtnl.hpp"

namespace lvs::hw {

PowerSwitch::PowerSwitch(const Lab& lab, const ScenarioSpec& spec, std::vector<HwServer>& servers)
    : lab_(lab), spec_(spec), servers_(servers) {}

void PowerSwitch::off(const std::string& host) {
  const HostSpec* h = spec_.find_host(host);
  if (!h) throw HwError("no host " + host);
  if (!off_.insert(host).second) return;  // already off: nothing changes (set_powered)
  for (auto& s : servers_)
    if (spec_.hosts[s.host].name == host) s.thread->stop();
  run_in_netns(lab_.host_ns(host), [&] {
    Rtnl rt;
    std::vector<std::string>& up = up_at_off_[host];
    up.clear();
    for (const auto& ifc : h->interfaces)
      if (rt.is_up(ifc.name)) up.push_back(ifc.name);
    for (const auto& dev : up) rt.set_up(dev, false);
    // Linux flushes a device's neighbours when it goes down (neigh_ifdown); the flush is
    // explicit so that a device that was down already loses its entries too.
    for (const auto& ifc : h->interfaces) rt.flush_neighbours(ifc.name);
  });
}

void PowerSwitch::on(const std::string& host) {
  const HostSpec* h = spec_.find_host(host);
  if (!h) throw HwError("no host " + host);
  if (off_.erase(host) == 0) return;  // on already
  run_in_netns(lab_.host_ns(host), [&] {
    Rtnl rt;
    for (const auto& dev : up_at_off_[host]) rt.set_up(dev, true);
    for (const auto& r : h->routes) rt.add_route(r.route, /*replace=*/true);
  });
  for (HostId i = 0; i < spec_.hosts.size(); ++i) {
    if (spec_.hosts[i].name != host) continue;
    for (const auto& svc : spec_.hosts[i].services)
      if (auto config = hw_http_server(svc))
        servers_.push_back(HwServer{i, std::make_unique<HttpServerThread>(lab_.host_ns(host), std::move(*config))});
  }
}

}  // namespace lvs::hw
