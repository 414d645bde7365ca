#include "sim/hw/compare.hpp"

#include <algorithm>
#include <map>
#include <sstream>

#include "sim/ipvs/ipvsadm/format.hpp"

namespace lvs::hw {
namespace {

std::string role_of(const ScenarioSpec& spec, const std::string& host) {
  const HostSpec* h = spec.find_host(host);
  return h ? h->role : "";
}

std::string endpoint(Ipv4Addr a, std::uint16_t port) { return a.str() + ":" + std::to_string(port); }

std::string service_name(const ipvs::ServiceKey& k) {
  if (k.fwmark) return "FWM " + std::to_string(k.fwmark);
  return std::string(ipvs::protocol_name(k.protocol)) + " " + endpoint(k.addr, k.port);
}

const ipvs::ServiceEntry* find_service(const ipvs::Snapshot& s, const ipvs::ServiceKey& k) {
  for (const auto& e : s.services)
    if (e.spec.key == k) return &e;
  return nullptr;
}

const ipvs::DestEntry* find_dest(const ipvs::ServiceEntry* s, Ipv4Addr a, std::uint16_t port) {
  if (!s) return nullptr;
  for (const auto& d : s->dests)
    if (d.addr == a && d.port == port) return &d;
  return nullptr;
}

class Rows {
 public:
  explicit Rows(Comparison& c) : c_(c) {}
  void same_or_differs(const std::string& what, const std::string& sim, const std::string& hw) {
    c_.rows.push_back({what, sim, hw, sim == hw ? Verdict::kSame : Verdict::kDiffers});
  }
  void add(const std::string& what, const std::string& sim, const std::string& hw, Verdict v) {
    c_.rows.push_back({what, sim, hw, v});
  }

 private:
  Comparison& c_;
};

// The gateway's VIP entry owner per side (first gateway entry), "" = none.
std::string vip_owner(const Observables& o) {
  for (const auto& n : o.vip_neighbours)
    if (n.has_mac) return n.mac_owner;
  return "";
}

void compare_requests(const ScenarioSpec&, const Observables& sim, const Observables& hw, bool race, Rows& rows) {
  const std::string sim_winner = vip_owner(sim), hw_winner = vip_owner(hw);
  const std::size_t n = std::max(sim.requests.size(), hw.requests.size());
  for (std::size_t i = 0; i < n; ++i) {
    const RequestObs none{"(no request)", 0, ""};
    const RequestObs& s = i < sim.requests.size() ? sim.requests[i] : none;
    const RequestObs& h = i < hw.requests.size() ? hw.requests[i] : none;
    const std::string q = "request " + std::to_string(i + 1);
    const std::string ss = s.server.empty() ? "-" : s.server, hs = h.server.empty() ? "-" : h.server;
    if (race && ss != hs) {
      const bool both_winners = ss == sim_winner && hs == hw_winner;
      rows.add(q + " server", ss + " (ARP winner)", hs + " (ARP winner)",
               both_winners ? Verdict::kTiming : Verdict::kDiffers);
    } else {
      rows.same_or_differs(q + " server", ss, hs);
    }
    rows.same_or_differs(q + " status", std::to_string(s.status), std::to_string(h.status));
    rows.same_or_differs(q + " path", s.path.empty() ? "-" : s.path, h.path.empty() ? "-" : h.path);
  }
}

void compare_ipvs(const Observables& sim, const Observables& hw, Rows& rows) {
  if (!sim.has_ipvs && !hw.has_ipvs) return;
  std::vector<ipvs::ServiceKey> keys;
  for (const auto* o : {&sim, &hw})
    for (const auto& s : o->ipvs.services)
      if (std::find(keys.begin(), keys.end(), s.spec.key) == keys.end()) keys.push_back(s.spec.key);
  for (const auto& k : keys) {
    const auto* ss = find_service(sim.ipvs, k);
    const auto* hs = find_service(hw.ipvs, k);
    const std::string svc = service_name(k);
    rows.same_or_differs(svc + " scheduler", ss ? ss->spec.scheduler : "-", hs ? hs->spec.scheduler : "-");
    rows.same_or_differs(svc + " Conns", ss ? std::to_string(ss->stats.conns) : "-",
                         hs ? std::to_string(hs->stats.conns) : "-");
    auto pkts = [](const ipvs::Stats& st) {
      return std::to_string(st.inpkts) + "/" + std::to_string(st.outpkts) + " pkts " + std::to_string(st.inbytes) +
             "/" + std::to_string(st.outbytes) + " B";
    };
    // Packet and byte counters are compared: the simulator's TCP sends what Linux 6.1
    // sends (quick ACK of the request, timestamps on every segment, the SYN options),
    // so both count the same segments of the same sizes.
    rows.same_or_differs(svc + " in/out", ss ? pkts(ss->stats) : "-", hs ? pkts(hs->stats) : "-");
    std::vector<std::pair<Ipv4Addr, std::uint16_t>> dests;
    for (const auto* s : {ss, hs})
      if (s)
        for (const auto& d : s->dests)
          if (std::find(dests.begin(), dests.end(), std::make_pair(d.addr, d.port)) == dests.end())
            dests.emplace_back(d.addr, d.port);
    std::sort(dests.begin(), dests.end());
    for (const auto& [a, p] : dests) {
      const auto* sd = find_dest(ss, a, p);
      const auto* hd = find_dest(hs, a, p);
      const std::string d = "  -> " + endpoint(a, p);
      auto fw = [](const ipvs::DestEntry* e) {
        return e ? std::string(ipvs::fwd_method_name(e->method)) + " w" + std::to_string(e->weight) : std::string("-");
      };
      auto num = [](const ipvs::DestEntry* e, auto get) { return e ? std::to_string(get(*e)) : std::string("-"); };
      rows.same_or_differs(d + " forward/weight", fw(sd), fw(hd));
      rows.same_or_differs(d + " Conns", num(sd, [](const auto& e) { return e.stats.conns; }),
                           num(hd, [](const auto& e) { return e.stats.conns; }));
      rows.same_or_differs(d + " ActiveConn", num(sd, [](const auto& e) { return e.active_conns; }),
                           num(hd, [](const auto& e) { return e.active_conns; }));
      rows.same_or_differs(d + " InActConn", num(sd, [](const auto& e) { return e.inactive_conns; }),
                           num(hd, [](const auto& e) { return e.inactive_conns; }));
      const bool direct = (sd && sd->method != ipvs::FwdMethod::kMasq) || (hd && hd->method != ipvs::FwdMethod::kMasq);
      if (direct)  // DR/TUN: replies bypass the director, so nothing goes out
        rows.same_or_differs(d + " OutPkts", num(sd, [](const auto& e) { return e.stats.outpkts; }),
                             num(hd, [](const auto& e) { return e.stats.outpkts; }));
      rows.same_or_differs(d + " in/out", sd ? pkts(sd->stats) : "-", hd ? pkts(hd->stats) : "-");
    }
  }
  // Connection entries per (state, destination).
  auto census = [](const ipvs::Snapshot& s) {
    std::map<std::string, int> m;
    for (const auto& c : s.conns)
      if (!c.is_template) ++m[c.state + " -> " + endpoint(c.dest_addr, c.dest_port)];
    return m;
  };
  const auto sc = census(sim.ipvs), hc = census(hw.ipvs);
  std::map<std::string, int> keys_all = sc;
  keys_all.insert(hc.begin(), hc.end());
  if (keys_all.empty()) rows.same_or_differs("connection entries", "0", "0");
  for (const auto& [k, unused] : keys_all) {
    (void)unused;
    const auto a = sc.find(k), b = hc.find(k);
    rows.same_or_differs("conns " + k, std::to_string(a == sc.end() ? 0 : a->second),
                         std::to_string(b == hc.end() ? 0 : b->second));
  }
}

void compare_neighbours(const ScenarioSpec& spec, const Observables& sim, const Observables& hw, bool race,
                        Rows& rows) {
  std::vector<std::pair<std::string, Ipv4Addr>> keys;
  for (const auto* o : {&sim, &hw})
    for (const auto& n : o->vip_neighbours)
      if (std::find(keys.begin(), keys.end(), std::make_pair(n.host, n.vip)) == keys.end())
        keys.emplace_back(n.host, n.vip);
  for (const auto& [host, vip] : keys) {
    auto find = [&, h = host, v = vip](const Observables& o) -> const VipNeighbour* {
      for (const auto& n : o.vip_neighbours)
        if (n.host == h && n.vip == v) return &n;
      return nullptr;
    };
    const VipNeighbour* s = find(sim);
    const VipNeighbour* k = find(hw);
    const std::string what = host + " neigh " + vip.str();
    const std::string st = s ? s->text() : "(none)", kt = k ? k->text() : "(none)";
    if (race && s && k && s->has_mac && k->has_mac && s->mac_owner != k->mac_owner) {
      // Both must be bypasses (a real server's MAC) in the same state.
      const bool both_rs = role_of(spec, s->mac_owner) == "realserver" && role_of(spec, k->mac_owner) == "realserver";
      rows.add(what, st, kt, both_rs && s->state == k->state ? Verdict::kTiming : Verdict::kDiffers);
    } else {
      rows.same_or_differs(what, st, kt);
    }
  }
}

void compare_arp_answers(const Observables& sim, const Observables& hw, Rows& rows) {
  auto join = [](const Observables& o, const std::string& vip) {
    std::string out;
    if (auto it = o.vip_answers.find(vip); it != o.vip_answers.end())
      for (const auto& x : it->second) out += (out.empty() ? "" : ", ") + x;
    return out.empty() ? std::string("nobody") : out;
  };
  std::map<std::string, int> vips;
  for (const auto* o : {&sim, &hw})
    for (const auto& [vip, unused] : o->vip_answers) vips[vip] = 0;
  for (const auto& [vip, unused] : vips)
    rows.same_or_differs("ARP who-has " + vip + " answered by", join(sim, vip), join(hw, vip));
}

}  // namespace

const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::kSame: return "same";
    case Verdict::kDiffers: return "DIFFERS";
    case Verdict::kTiming: return "timing";
    case Verdict::kInfo: return "info";
  }
  return "?";
}

std::size_t Comparison::differences() const {
  return static_cast<std::size_t>(
      std::count_if(rows.begin(), rows.end(), [](const auto& r) { return r.verdict == Verdict::kDiffers; }));
}

Comparison compare(const ScenarioSpec& spec, const Observables& sim, const Observables& hw) {
  Comparison c;
  auto bypass = [&](const Observables& o) {
    const std::string owner = vip_owner(o);
    return !owner.empty() && role_of(spec, owner) == "realserver";
  };
  c.arp_race = bypass(sim) || bypass(hw);
  Rows rows(c);
  compare_requests(spec, sim, hw, c.arp_race, rows);
  compare_ipvs(sim, hw, rows);
  compare_arp_answers(sim, hw, rows);
  compare_neighbours(spec, sim, hw, c.arp_race, rows);
  return c;
}

std::string comparison_text(const Comparison& c, const std::string& title, const std::string& hw_label) {
  std::size_t w0 = 10, w1 = 9, w2 = hw_label.size();
  for (const auto& r : c.rows) {
    w0 = std::max(w0, r.what.size());
    w1 = std::max(w1, r.sim.size());
    w2 = std::max(w2, r.hw.size());
  }
  auto pad = [](const std::string& s, std::size_t w) { return s + std::string(w > s.size() ? w - s.size() : 0, ' '); };
  std::ostringstream out;
  out << title << "\n\n";
  out << pad("observable", w0) << "  " << pad("simulator", w1) << "  " << pad(hw_label, w2) << "  verdict\n";
  out << std::string(w0, '-') << "  " << std::string(w1, '-') << "  " << std::string(w2, '-') << "  -------\n";
  for (const auto& r : c.rows)
    out << pad(r.what, w0) << "  " << pad(r.sim, w1) << "  " << pad(r.hw, w2) << "  " << verdict_name(r.verdict)
        << "\n";
  out << "\n";
  if (c.arp_race)
    out << "ARP race: a gateway holds a real server's MAC for the VIP (the director is bypassed). Which real server\n"
           "wins depends on who answers the broadcast first, so it is shown as 'timing'; agreement means both sides\n"
           "bypass the director to their ARP winner.\n\n";
  for (const auto& r : c.rows)
    if (r.verdict == Verdict::kDiffers)
      out << "DIFFERS: " << r.what << ": simulator " << r.sim << ", kernel " << r.hw << "\n";
  const std::size_t d = c.differences();
  out << (d == 0 ? "the simulator and the kernel agree" : std::to_string(d) + " difference(s)") << " (" << c.rows.size()
      << " observables)\n";
  return out.str();
}

}  // namespace lvs::hw
