#include "viz/model/step_state.hpp"

#include <algorithm>
#include <variant>

namespace lvs::viz {
namespace {

void apply_expire(HostState& h, const IpvsConnExpire& r) {
  // An entry no packet record showed is not listed.
  if (r.freed) h.conns.erase(r.seq);
  else h.conns.set_expires(r.seq, r.expires);
}

void apply_dest_conns(HostState& h, const IpvsDestConns& r) {
  if (r.dest >= h.dest_conns.size()) h.dest_conns.resize(r.dest + 1);
  h.dest_conns[r.dest] = r;
}

void apply_neigh(HostState& h, const NeighChange& r) {
  for (NeighRow& row : h.neighbours) {
    if (row.iface == r.iface && row.ip == r.ip) {
      row.state = r.to;
      row.mac = r.mac;
      return;
    }
  }
  h.neighbours.push_back(NeighRow{r.iface, r.ip, r.mac, r.to});
}

HostState* host_of(StepState& s, HostId id) { return id < s.hosts.size() ? &s.hosts[id] : nullptr; }

}  // namespace

StepState initial_state(const Trace& trace) {
  StepState s;
  s.hosts.resize(trace.meta().hosts.size());
  return s;
}

void apply_next(const Trace& trace, StepState& state) {
  const TraceRecord& rec = trace.records().at(state.applied);
  ++state.applied;
  state.time = rec.time;
  if (const auto* n = std::get_if<NeighChange>(&rec.body)) {
    if (HostState* h = host_of(state, n->host)) apply_neigh(*h, *n);
  } else if (const auto* c = std::get_if<IpvsConnUpdate>(&rec.body)) {
    if (HostState* h = host_of(state, c->host)) h->conns.put(*c);
  } else if (const auto* e = std::get_if<IpvsConnExpire>(&rec.body)) {
    if (HostState* h = host_of(state, e->host)) apply_expire(*h, *e);
  } else if (const auto* d = std::get_if<IpvsDestConns>(&rec.body)) {
    if (HostState* h = host_of(state, d->host)) apply_dest_conns(*h, *d);
  } else if (const auto* r = std::get_if<IpvsRules>(&rec.body)) {
    if (HostState* h = host_of(state, r->host)) {
      h->rules = r->text;
      h->tables = r->tables;
    }
  } else if (const auto* g = std::get_if<HostConfigChange>(&rec.body)) {
    if (HostState* h = host_of(state, g->host)) h->config = g->config;
  }
}

}  // namespace lvs::viz
