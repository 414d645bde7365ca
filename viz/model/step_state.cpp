#include "viz/model/step_state.hpp"

#include <algorithm>
#include <variant>

namespace lvs::viz {
namespace {

// ip_vs_conn_expire(): a template that still controls connections is re-armed.
constexpr SimTime kTemplateRearm = seconds(60);

ConnRow* find_conn(HostState& h, std::uint32_t seq) {
  auto it = std::lower_bound(h.conns.begin(), h.conns.end(), seq,
                             [](const ConnRow& r, std::uint32_t s) { return r.conn.seq < s; });
  return it != h.conns.end() && it->conn.seq == seq ? &*it : nullptr;
}

void uncontrol(HostState& h, const ConnRow& row) {
  if (row.conn.control_seq == 0) return;
  if (ConnRow* ct = find_conn(h, row.conn.control_seq)) --ct->n_control;
}

void recompute_next_expiry(HostState& h) {
  h.next_expiry = kTimeNever;
  for (const ConnRow& r : h.conns) h.next_expiry = std::min(h.next_expiry, r.conn.expires);
}

bool same_connection(const IpvsConnUpdate& a, const IpvsConnUpdate& b) {
  return a.ipproto == b.ipproto && a.caddr == b.caddr && a.cport == b.cport && a.vaddr == b.vaddr &&
         a.vport == b.vport;
}

// The kernel frees an uncontrolled TIME_WAIT/CLOSE entry when a SYN for the same
// connection arrives (conn_reuse_mode); the new entry's record is how the trace says so.
void free_reused(HostState& h, const IpvsConnUpdate& fresh) {
  if ((fresh.flags & kIpvsConnTemplate) != 0) return;
  for (std::size_t i = 0; i < h.conns.size(); ++i) {
    const IpvsConnUpdate& c = h.conns[i].conn;
    if ((c.flags & kIpvsConnTemplate) == 0 && same_connection(c, fresh)) {
      const ConnRow gone = h.conns[i];
      h.conns.erase(h.conns.begin() + static_cast<std::ptrdiff_t>(i));
      uncontrol(h, gone);
      return;
    }
  }
}

void apply_conn(HostState& h, SimTime now, const IpvsConnUpdate& r) {
  expire_conns(h, now);
  if (ConnRow* row = find_conn(h, r.seq)) {
    if (row->conn.control_seq != r.control_seq) {
      uncontrol(h, *row);
      if (ConnRow* ct = find_conn(h, r.control_seq)) ++ct->n_control;
      row = find_conn(h, r.seq);
    }
    row->conn = r;
  } else {
    free_reused(h, r);
    ConnRow fresh{r, now, 0};
    auto at = std::lower_bound(h.conns.begin(), h.conns.end(), r.seq,
                               [](const ConnRow& c, std::uint32_t s) { return c.conn.seq < s; });
    h.conns.insert(at, fresh);
    if (r.control_seq != 0)
      if (ConnRow* ct = find_conn(h, r.control_seq)) ++ct->n_control;
  }
  h.next_expiry = std::min(h.next_expiry, r.expires);
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
    if (HostState* h = host_of(state, c->host)) apply_conn(*h, rec.time, *c);
  } else if (const auto* r = std::get_if<IpvsRules>(&rec.body)) {
    if (HostState* h = host_of(state, r->host)) h->rules = r->text;
  } else if (const auto* g = std::get_if<HostConfigChange>(&rec.body)) {
    if (HostState* h = host_of(state, g->host)) h->config = g->config;
  }
}

// Mirrors ConnTable::expire(): due timers in (expires, seq) order; a re-armed template
// goes back while its new time is still due.
void expire_conns(HostState& h, SimTime now) {
  if (now < h.next_expiry) return;
  std::vector<std::uint32_t> due;  // seqs
  for (const ConnRow& r : h.conns)
    if (r.conn.expires <= now) due.push_back(r.conn.seq);
  const auto later = [&h](std::uint32_t a, std::uint32_t b) {
    const ConnRow* ra = find_conn(h, a);
    const ConnRow* rb = find_conn(h, b);
    return ra->conn.expires != rb->conn.expires ? ra->conn.expires > rb->conn.expires : a > b;
  };
  std::make_heap(due.begin(), due.end(), later);
  while (!due.empty()) {
    std::pop_heap(due.begin(), due.end(), later);
    const std::uint32_t seq = due.back();
    due.pop_back();
    ConnRow* row = find_conn(h, seq);
    if (row == nullptr) continue;
    if (row->n_control > 0) {
      row->conn.expires += kTemplateRearm;
      if (row->conn.expires <= now) {
        due.push_back(seq);
        std::push_heap(due.begin(), due.end(), later);
      }
      continue;
    }
    const ConnRow gone = *row;
    h.conns.erase(h.conns.begin() + (row - h.conns.data()));
    uncontrol(h, gone);
  }
  recompute_next_expiry(h);
}

}  // namespace lvs::viz
