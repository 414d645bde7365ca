#include "sim/hw/compare.hpp"

#include <algorithm>
#include <sstream>

#include "sim/hw/compare_arp.hpp"
#include "sim/hw/compare_rows.hpp"

namespace lvs::hw {
namespace {

std::string role_of(const ScenarioSpec& spec, const std::string& host) {
  const HostSpec* h = spec.find_host(host);
  return h ? h->role : "";
}

// The gateway's VIP entry owner per side (first gateway entry), "" = none.
std::string vip_owner(const Observables& o) {
  for (const auto& n : o.vip_neighbours)
    if (n.has_mac) return n.mac_owner;
  return "";
}

struct Rules {
  bool race = false;                                 // the kernel's captures show an ARP race
  std::vector<Ipv4Addr> raced_vips;                  // ... for these virtual IPs
  const PendingConfirmArtifact* artifact = nullptr;  // detected on the kernel
  std::optional<SimTime> artifact_from;              // when the simulator's entry went PROBE
};

Verdict server_verdict(const RequestObs& s, const RequestObs& h, const std::string& sim_winner,
                       const std::string& hw_winner, const Rules& rules) {
  if (s.server == h.server) return Verdict::kSame;
  // Each side's request went to its own ARP winner, and a race was seen: timing.
  if (rules.race && s.server == sim_winner && h.server == hw_winner) return Verdict::kTiming;
  // The kernel kept sending to the artifact's owner after the simulator's entry went PROBE.
  if (rules.artifact && rules.artifact_from && s.start >= *rules.artifact_from && h.server == rules.artifact->owner)
    return Verdict::kArtifact;
  return Verdict::kDiffers;
}

void compare_requests(const Observables& sim, const Observables& hw, const Rules& rules, Rows& rows) {
  const std::string sim_winner = vip_owner(sim), hw_winner = vip_owner(hw);
  const std::size_t n = std::max(sim.requests.size(), hw.requests.size());
  for (std::size_t i = 0; i < n; ++i) {
    const RequestObs none{"(no request)", 0, "", "(no request)", 0};
    const RequestObs& s = i < sim.requests.size() ? sim.requests[i] : none;
    const RequestObs& h = i < hw.requests.size() ? hw.requests[i] : none;
    const std::string q = "request " + std::to_string(i + 1);
    const std::string ss = s.server.empty() ? "-" : s.server, hs = h.server.empty() ? "-" : h.server;
    const Verdict v = server_verdict(s, h, sim_winner, hw_winner, rules);
    if (v == Verdict::kTiming) rows.add(q + " server", ss + " (ARP winner)", hs + " (ARP winner)", v);
    else rows.add(q + " server", ss, hs, v);
    rows.same_or_differs(q + " status", std::to_string(s.status), std::to_string(h.status));
    const std::string sp = s.path.empty() ? "-" : s.path, hp = h.path.empty() ? "-" : h.path;
    if (v == Verdict::kArtifact && sp != hp) rows.add(q + " path", sp, hp, Verdict::kArtifact);
    else rows.same_or_differs(q + " path", sp, hp);
    rows.same_or_differs(q + " expect", s.expect, h.expect);
  }
  rows.same_or_differs("requests that never started", std::to_string(sim.not_run), std::to_string(hw.not_run));
}

void compare_neighbours(const ScenarioSpec& spec, const Observables& sim, const Observables& hw, const Rules& rules,
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
    if (st == kt) {
      rows.add(what, st, kt, Verdict::kSame);
    } else if (rules.artifact && rules.artifact->gateway == host && rules.artifact->vip == vip) {
      rows.add(what, st, kt, Verdict::kArtifact);
    } else if (std::find(rules.raced_vips.begin(), rules.raced_vips.end(), vip) != rules.raced_vips.end() && s && k &&
               s->has_mac && k->has_mac && s->mac_owner != k->mac_owner) {
      // Both must be bypasses (a real server's MAC) in the same state.
      const bool both_rs = role_of(spec, s->mac_owner) == "realserver" && role_of(spec, k->mac_owner) == "realserver";
      rows.add(what, st, kt, both_rs && s->state == k->state ? Verdict::kTiming : Verdict::kDiffers);
    } else {
      rows.add(what, st, kt, Verdict::kDiffers);
    }
  }
}

std::size_t count_verdict(const Comparison& c, Verdict v) {
  return static_cast<std::size_t>(
      std::count_if(c.rows.begin(), c.rows.end(), [v](const auto& r) { return r.verdict == v; }));
}

std::size_t expect_failures(const Observables& o) {
  return o.not_run + static_cast<std::size_t>(std::count_if(o.requests.begin(), o.requests.end(),
                                                            [](const RequestObs& q) { return q.expect != "met"; }));
}

}  // namespace

const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::kSame: return "same";
    case Verdict::kDiffers: return "DIFFERS";
    case Verdict::kTiming: return "timing";
    case Verdict::kArtifact: return "artifact";
    case Verdict::kInfo: return "info";
  }
  return "?";
}

std::size_t Comparison::differences() const { return count_verdict(*this, Verdict::kDiffers); }

Observables observe(const RunReport& report, const Trace& trace) {
  Observables o;
  for (const auto& q : report.requests)
    o.requests.push_back({q.server, q.status, q.path.notation(), q.ok ? "met" : "not met: " + q.error, q.start_ns});
  o.not_run = report.not_run_count();
  o.arp_answers = arp_answers(trace);
  o.vip_probes = vip_probes(trace);
  return o;
}

Comparison compare(const ScenarioSpec& spec, const Observables& sim, const Observables& hw,
                   const CompareOptions& options) {
  Comparison c;
  // (Without IPVS there are no expiry times to compare.)
  c.expiry_compared = options.expiry || (!sim.has_ipvs && !hw.has_ipvs);
  c.kernel_races = arp_races(hw.arp_answers);
  c.artifact = pending_confirm_artifact(spec, sim, hw);
  c.expect_failed_sim = expect_failures(sim);
  c.expect_failed_hw = expect_failures(hw);
  Rules rules;
  rules.race = c.arp_race();
  for (const auto& r : c.kernel_races) rules.raced_vips.push_back(r.vip);
  if (c.artifact) {
    rules.artifact = &*c.artifact;
    rules.artifact_from = artifact_from(*c.artifact, sim);
  }
  Rows rows(c);
  compare_requests(sim, hw, rules, rows);
  compare_ipvs_tables(sim, hw, rows);
  compare_conn_table(sim, hw, options.expiry, rows);
  compare_arp_answers(sim, hw, rows);
  for (const auto& r : c.kernel_races) rows.add("ARP race", "", r.text(), Verdict::kInfo);
  compare_neighbours(spec, sim, hw, rules, rows);
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
  if (c.arp_race())
    out << "ARP race: the kernel's captures show a who-has for a VIP answered by two or more hosts (rows 'ARP race').\n"
           "Which answer arrives first is timing, so a request each side sent to its own ARP winner is 'timing',\n"
           "not a difference; anything else that differs is.\n\n";
  if (!c.expiry_compared)
    out << "Expiry times are shown but not compared: the schedule was played faster than real time (--speed), and\n"
           "the kernel's timers run in real time.\n\n";
  if (c.artifact) out << c.artifact->text() << "\nRows it explains say 'artifact'.\n\n";
  for (const auto& r : c.rows)
    if (r.verdict == Verdict::kArtifact)
      out << "ARTIFACT: " << r.what << ": simulator " << r.sim << ", kernel " << r.hw << "\n";
  for (const auto& r : c.rows)
    if (r.verdict == Verdict::kDiffers)
      out << "DIFFERS: " << r.what << ": simulator " << r.sim << ", kernel " << r.hw << "\n";
  const std::size_t d = c.differences();
  out << (d == 0 ? "the simulator and the kernel agree" : std::to_string(d) + " difference(s)") << " (" << c.rows.size()
      << " observables";
  if (const std::size_t a = count_verdict(c, Verdict::kArtifact)) out << ", " << a << " explained by the artifact";
  out << ")\n";
  if (c.expect_failed_sim || c.expect_failed_hw)
    out << "the scenario's expect is not met: " << c.expect_failed_sim << " request(s) in the simulator, "
        << c.expect_failed_hw << " on the kernel (lvslab run would exit 1)\n";
  else out << "the scenario's expect is met on both sides\n";
  return out.str();
}

}  // namespace lvs::hw
