// The connection tables of both sides (`ipvsadm -Lnc`): persistence templates row by
// row, connections per (protocol, state, destination) with their expiry times.
#include <algorithm>
#include <map>
#include <tuple>

#include "sim/hw/compare_rows.hpp"
#include "sim/ipvs/ipvsadm/format.hpp"

namespace lvs::hw {
namespace {

// Whole seconds, as the kernel shows them (ip_vs_conn_seq_show: jiffies / HZ, rounded down).
std::string seconds(std::uint32_t ms) { return std::to_string(ms / 1000) + " s"; }

// `expiry` false: expiry times are not compared (CompareOptions).
bool within_tolerance(std::uint32_t a, std::uint32_t b, bool expiry) {
  const std::uint32_t d = a > b ? a - b : b - a;
  return !expiry || d <= kExpiryToleranceMs;
}

std::string proto_text(const ipvs::ConnEntry& c) {
  return c.fwmark ? "FWM " + std::to_string(c.fwmark) : std::string(ipvs::protocol_name(c.protocol));
}

// A template is keyed by what the kernel hashes it by (ip_vs_sched_persist: the client
// address under the service's netmask, port 0, the virtual address and port or the
// firewall mark); its destination, state and expiry are its values.
using TemplateKey = std::tuple<std::string, std::uint32_t, std::uint32_t, std::uint16_t>;
std::map<TemplateKey, const ipvs::ConnEntry*> templates(const ipvs::Snapshot& s) {
  std::map<TemplateKey, const ipvs::ConnEntry*> out;
  for (const auto& c : s.conns)
    if (c.is_template) out[{proto_text(c), c.client_addr.value, c.virtual_addr.value, c.virtual_port}] = &c;
  return out;
}

std::string template_text(const ipvs::ConnEntry* c) {
  if (!c) return "(none)";
  return "-> " + endpoint(c->dest_addr, c->dest_port) + " " + c->state + " " + seconds(c->expires_ms);
}

void compare_templates(const Observables& sim, const Observables& hw, bool expiry, Rows& rows) {
  const auto st = templates(sim.ipvs), ht = templates(hw.ipvs);
  std::map<TemplateKey, int> keys;
  for (const auto* m : {&st, &ht})
    for (const auto& [k, unused] : *m) keys[k] = 0;
  for (const auto& [k, unused] : keys) {
    const auto s = st.find(k), h = ht.find(k);
    const ipvs::ConnEntry* a = s == st.end() ? nullptr : s->second;
    const ipvs::ConnEntry* b = h == ht.end() ? nullptr : h->second;
    const bool same = a && b && a->dest_addr == b->dest_addr && a->dest_port == b->dest_port && a->state == b->state &&
                      within_tolerance(a->expires_ms, b->expires_ms, expiry);
    const std::string what =
        "template " + std::get<0>(k) + " " + Ipv4Addr(std::get<1>(k)).str() + " " +
        (std::get<0>(k).starts_with("FWM") ? "" : endpoint(Ipv4Addr(std::get<2>(k)), std::get<3>(k)));
    rows.add(what, template_text(a), template_text(b), same ? Verdict::kSame : Verdict::kDiffers);
  }
}

// Connections (not templates) per (protocol, state, destination): their expiry times,
// soonest first. Client ports are the clients' ephemeral ports: not compared.
using Group = std::map<std::string, std::vector<std::uint32_t>>;
Group connection_groups(const ipvs::Snapshot& s) {
  Group g;
  for (const auto& c : s.conns)
    if (!c.is_template)
      g[proto_text(c) + " " + c.state + " -> " + endpoint(c.dest_addr, c.dest_port)].push_back(c.expires_ms);
  for (auto& [k, v] : g) std::sort(v.begin(), v.end());
  return g;
}

std::string group_text(const std::vector<std::uint32_t>* v) {
  if (!v || v->empty()) return "0";
  const std::string lo = std::to_string(v->front() / 1000), hi = std::to_string(v->back() / 1000);
  return std::to_string(v->size()) + ", expiring in " + (lo == hi ? lo : lo + "-" + hi) + " s";
}

}  // namespace

void compare_conn_table(const Observables& sim, const Observables& hw, bool expiry, Rows& rows) {
  if (!sim.has_ipvs && !hw.has_ipvs) return;
  compare_templates(sim, hw, expiry, rows);
  const Group sg = connection_groups(sim.ipvs), hg = connection_groups(hw.ipvs);
  Group keys = sg;
  keys.insert(hg.begin(), hg.end());
  if (keys.empty()) rows.same_or_differs("connection entries", "0", "0");
  for (const auto& [k, unused] : keys) {
    const auto s = sg.find(k), h = hg.find(k);
    const auto* a = s == sg.end() ? nullptr : &s->second;
    const auto* b = h == hg.end() ? nullptr : &h->second;
    // Paired soonest with soonest: the same number, each pair within the tolerance.
    bool same = a && b && a->size() == b->size();
    for (std::size_t i = 0; same && i < a->size(); ++i) same = within_tolerance((*a)[i], (*b)[i], expiry);
    rows.add("conns " + k, group_text(a), group_text(b), same ? Verdict::kSame : Verdict::kDiffers);
  }
}

}  // namespace lvs::hw
