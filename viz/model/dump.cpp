#include "viz/model/dump.hpp"

#include "sim/trace/jsonl.hpp"
#include "viz/model/explain.hpp"
#include "viz/model/host_view.hpp"

namespace lvs::viz {

using Json = nlohmann::ordered_json;

namespace {

Json host_json(const Trace& trace, const HostView& v) {
  Json h;
  h["name"] = v.name;
  h["role"] = v.role;
  h["addresses"] = v.addresses;
  h["routes"] = v.routes;
  h["sysctls"] = v.sysctls;
  Json eff = Json::object();
  for (const auto& e : v.effective)
    eff[e.iface] = Json{{"arp_ignore", e.arp_ignore},
                        {"arp_announce", e.arp_announce},
                        {"arp_filter", e.arp_filter},
                        {"rp_filter", e.rp_filter},
                        {"forwarding", e.forwarding}};
  h["effective"] = std::move(eff);
  Json neigh = Json::array();
  const HostId id = [&] {
    for (std::size_t i = 0; i < trace.meta().hosts.size(); ++i)
      if (trace.meta().hosts[i].name == v.name) return static_cast<HostId>(i);
    return kNoId;
  }();
  for (const auto& r : v.neighbour_rows) {
    const auto& ifs = trace.meta().hosts.at(id).interfaces;
    neigh.push_back(Json{{"ip", r.ip.str()},
                         {"dev", r.iface < ifs.size() ? ifs[r.iface].name : "?"},
                         {"lladdr", r.mac.str()},
                         {"state", neigh_state_name(r.state)}});
  }
  h["neighbours"] = std::move(neigh);
  h["ip_neigh"] = v.neighbours;
  if (v.director) h["ipvs"] = Json{{"rules", v.ipvs_rules}, {"list", v.ipvs_list}, {"connections", v.ipvs_connections}};
  return h;
}

}  // namespace

Json state_json(const Trace& trace, const EventIndex& index, std::size_t step, const StepState& state) {
  Json j;
  j["scenario"] = trace.meta().scenario;
  j["event"] = step;
  j["time"] = state.time;
  if (step < trace.records().size()) {
    j["type"] = record_type_name(trace.records()[step].body);
    j["summary"] = describe_record(trace, trace.records()[step]);
    j["explanation"] = explain_event(trace, index, step);
  }
  Json hosts = Json::array();
  for (std::size_t h = 0; h < trace.meta().hosts.size(); ++h)
    hosts.push_back(host_json(trace, host_view(trace, state, static_cast<HostId>(h))));
  j["hosts"] = std::move(hosts);
  return j;
}

}  // namespace lvs::viz
