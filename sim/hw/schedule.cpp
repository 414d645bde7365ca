#include "sim/hw/schedule.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <queue>

namespace lvs::hw {
namespace {

// One scheduled event of the replay: a traffic entry's k-th request, or an action.
struct Pending {
  SimTime at = 0;
  std::uint64_t seq = 0;  // scheduling order: breaks ties between equal times (FIFO)
  ScheduleItem::Kind kind = ScheduleItem::Kind::kRequest;
  std::size_t index = 0;  // traffic entry or action
  std::uint32_t k = 0;    // which request of the entry
  bool operator>(const Pending& o) const { return at != o.at ? at > o.at : seq > o.seq; }
};

SimTime occurrence(const HttpRequestPlan& p, std::uint32_t k) { return p.at + p.every * SimTime{k}; }

// The traffic entries in the order their clients start: hosts in file order, each
// host's entries in file order (build.cpp adds one client application per entry).
std::vector<std::size_t> client_start_order(const ScenarioSpec& spec) {
  std::vector<std::size_t> out;
  for (const auto& h : spec.hosts)
    for (std::size_t t = 0; t < spec.traffic.size(); ++t)
      if (spec.traffic[t].client == h.name) out.push_back(t);
  return out;
}

ClientRequest request_of(const ScenarioSpec& spec, std::size_t t, std::uint32_t k, double speed) {
  const auto& tr = spec.traffic[t];
  ClientRequest r;
  r.traffic = t;
  r.client = tr.client;
  r.url = tr.plan.url;
  r.at_ns = static_cast<std::int64_t>(static_cast<double>(occurrence(tr.plan, k)) / speed);
  r.timeout_ns = tr.plan.timeout;
  r.keep_body = tr.plan.keep_body;
  return r;
}

std::string describe(const PlaySchedule& s, const ScenarioSpec& spec, const ScheduleItem& item) {
  if (item.kind == ScheduleItem::Kind::kAction) {
    const ActionSpec& a = spec.actions[item.index];
    return "the action '" + a.describe() + "' on " + a.host;
  }
  const ClientRequest& r = s.requests[item.index];
  return "request #" + std::to_string(r.flow) + " (" + r.client + ")";
}

// One warning per instant at which more than one thing is due (naming the first few).
void warn_about_ties(const ScenarioSpec& spec, PlaySchedule& s) {
  constexpr std::size_t kNamed = 5;
  for (std::size_t i = 0; i < s.order.size();) {
    std::size_t j = i + 1;
    bool has_action = s.order[i].kind == ScheduleItem::Kind::kAction;
    for (; j < s.order.size() && s.order[j].at == s.order[i].at; ++j)
      if (s.order[j].kind == ScheduleItem::Kind::kAction) has_action = true;
    if (j - i > 1) {
      const std::size_t named = std::min(j - i, kNamed);
      std::string what = describe(s, spec, s.order[i]);
      for (std::size_t k = i + 1; k < i + named; ++k)
        what += (k + 1 == i + named && named == j - i ? " and " : ", ") + describe(s, spec, s.order[k]);
      if (j - i > named) what += " and " + std::to_string(j - i - named) + " more";
      s.warnings.push_back("at " + format_time(s.order[i].at) + " " + what +
                           " are due at the same instant: hardware mode issues them in this order (the "
                           "simulator's), but real time cannot guarantee that the kernel sees them in it" +
                           (has_action ? "" : " (their packets race)"));
    }
    i = j;
  }
}

}  // namespace

PortRange local_port_range(const HostSpec& host) {
  PortRange r;
  for (const auto& s : host.sysctls) {
    if (s.key != "net.ipv4.ip_local_port_range" && s.key != "net/ipv4/ip_local_port_range") continue;
    unsigned first = 0, last = 0;
    // Checked when the scenario was loaded (sim/net/sysctl.cpp): 1 <= FIRST <= LAST <= 65535.
    if (std::sscanf(s.value.c_str(), "%u %u", &first, &last) == 2 && first >= 1 && first <= last && last <= 65535) {
      r.first = static_cast<std::uint16_t>(first);
      r.last = static_cast<std::uint16_t>(last);
    }
  }
  return r;
}

PlaySchedule plan_schedule(const ScenarioSpec& spec, double speed) {
  PlaySchedule s;
  std::priority_queue<Pending, std::vector<Pending>, std::greater<>> queue;
  std::uint64_t seq = 0;
  for (const std::size_t t : client_start_order(spec))
    if (spec.traffic[t].plan.count > 0)
      queue.push(Pending{occurrence(spec.traffic[t].plan, 0), seq++, ScheduleItem::Kind::kRequest, t, 0});
  for (std::size_t a = 0; a < spec.actions.size(); ++a)
    queue.push(Pending{spec.actions[a].at, seq++, ScheduleItem::Kind::kAction, a, 0});
  std::map<std::string, std::size_t> ports_used;  // per client host
  while (!queue.empty()) {
    const Pending p = queue.top();
    queue.pop();
    if (p.kind == ScheduleItem::Kind::kAction) {
      s.order.push_back(ScheduleItem{ScheduleItem::Kind::kAction, p.index, p.at});
      continue;
    }
    const HttpRequestPlan& plan = spec.traffic[p.index].plan;
    if (p.k + 1 < plan.count)  // HttpClient::fire() schedules the next one first
      queue.push(Pending{occurrence(plan, p.k + 1), seq++, ScheduleItem::Kind::kRequest, p.index, p.k + 1});
    ClientRequest r = request_of(spec, p.index, p.k, speed);
    r.flow = static_cast<std::uint32_t>(s.requests.size() + 1);
    if (const HostSpec* h = spec.find_host(r.client)) {
      const PortRange range = local_port_range(*h);
      if (const std::size_t n = ports_used[r.client]++; n < range.size())
        r.local_port = static_cast<std::uint16_t>(range.first + n);
    }
    s.order.push_back(ScheduleItem{ScheduleItem::Kind::kRequest, s.requests.size(), p.at});
    s.requests.push_back(std::move(r));
  }
  warn_about_ties(spec, s);
  return s;
}

}  // namespace lvs::hw
