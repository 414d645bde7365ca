// What the check kinds share: the common keys, host and traffic parameters, and how a
// request is named and shown.
#include <algorithm>

#include "sim/core/printable.hpp"
#include "sim/grade/check.hpp"
#include "sim/net/host.hpp"
#include "sim/net/world.hpp"

namespace lvs::grade {

namespace {

// Traffic entry `t` of the assembled scenario: visible entries first, then hidden ones,
// then the requests the student's own curl/wget lines made (in no set).
bool traffic_in_set(const LabPack& lab, std::size_t t, TrafficSet set) {
  const bool visible = t < lab.visible_traffic;
  const bool hidden = !visible && t < lab.visible_traffic + lab.hidden_traffic;
  switch (set) {
    case TrafficSet::kVisible: return visible;
    case TrafficSet::kHidden: return hidden;
    case TrafficSet::kAll: return visible || hidden;
  }
  return false;
}

}  // namespace

bool GradeWorld::in_set(std::size_t request, TrafficSet set) const {
  return request < request_traffic.size() && traffic_in_set(lab, request_traffic[request], set);
}

std::vector<const RequestReport*> GradeWorld::requests(TrafficSet set) const {
  std::vector<const RequestReport*> out;
  if (!report) return out;
  for (std::size_t i = 0; i < report->requests.size(); ++i)
    if (in_set(i, set)) out.push_back(&report->requests[i]);
  return out;
}

std::size_t GradeWorld::not_run(TrafficSet set) const {
  std::size_t n = 0;
  if (!report) return n;
  for (const NotRunReport& e : report->not_run) {
    // "/traffic/N"
    const std::size_t t = std::stoul(e.pointer.substr(e.pointer.find_last_of('/') + 1));
    if (traffic_in_set(lab, t, set)) n += e.missing();
  }
  return n;
}

const CheckKind* find_check_kind(std::string_view name) {
  for (const CheckKind* k : check_kinds())
    if (k->name == name) return k;
  return nullptr;
}

void expect_check_keys(const JsonNode& check, std::initializer_list<std::string_view> own) {
  std::vector<std::string_view> keys(std::begin(kCommonCheckKeys), std::end(kCommonCheckKeys));
  keys.insert(keys.end(), own.begin(), own.end());
  if (!check.is_object()) check.fail("expected a check object, got " + describe_json_type(check.value()));
  for (const auto& [key, v] : check.value().items()) {
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
    check.at(key).fail("unknown key '" + key + "' for a check of kind '" + check.value().value("kind", "") +
                       "' (expected one of: " + join(keys) + ")");
  }
}

bool scenario_has_host(const nlohmann::json& scenario, const std::string& name) {
  if (!scenario.contains("hosts") || !scenario["hosts"].is_array()) return false;
  for (const auto& h : scenario["hosts"])
    if (h.is_object() && h.value("name", "") == name) return true;
  return false;
}

std::string host_param(const JsonNode& check, const nlohmann::json& scenario, std::string_view key) {
  const JsonNode node = check.at(key);
  const std::string name = node.nonempty_string();
  if (!scenario_has_host(scenario, name)) node.fail("unknown host '" + name + "' (not in /scenario/hosts)");
  return name;
}

std::string director_param(const JsonNode& check, const nlohmann::json& scenario, std::string_view key) {
  if (check.has(key)) return host_param(check, scenario, key);
  std::vector<std::string> found;
  if (scenario.contains("hosts") && scenario["hosts"].is_array())
    for (const auto& h : scenario["hosts"])
      if (h.is_object() && h.value("role", "") == "director") found.push_back(h.value("name", ""));
  if (found.size() != 1)
    check.fail("name the director with '" + std::string(key) + "' (the scenario has " + std::to_string(found.size()) +
               " hosts with the role director)");
  return found.front();
}

PageExpect page_param(const JsonNode& check) {
  PageExpect p;
  if (auto s = check.get("status")) p.status = static_cast<int>(s->unsigned_integer(100, 599));
  if (auto b = check.get("body")) p.body = b->string();
  if (auto b = check.get("body_contains")) p.body_contains = b->nonempty_string();
  return p;
}

std::string page_problem(const PageExpect& want, const RequestReport& q) {
  if (q.status == 0) return q.error.empty() ? "no answer" : q.error;
  if (q.end_ns < 0) return "not finished when the run ended";
  if (q.status != want.status)
    return "status " + std::to_string(q.status) + ", expected " + std::to_string(want.status);
  if (q.body_dropped) return "";
  if (want.body && q.body != *want.body)
    return "the page was " + nlohmann::json(q.body).dump() + ", expected " + nlohmann::json(*want.body).dump();
  if (want.body_contains && q.body.find(*want.body_contains) == std::string::npos)
    return "the page " + nlohmann::json(q.body).dump() + " does not contain " +
           nlohmann::json(*want.body_contains).dump();
  return "";
}

Finding request_finding(GradeWorld& w, const RequestReport& q, const std::string& problem, std::size_t bad,
                        std::size_t total, const std::string& what_failed) {
  Finding f;
  const std::string diagnosed = cause_text(q);
  f.cause = "request " + describe_request(q) + ": " + printable(problem) + (diagnosed.empty() ? "" : " — " + diagnosed);
  f.evidence =
      std::to_string(bad) + " of " + std::to_string(total) + " requests " + what_failed + "; " + describe_request(q) +
      ": " + (q.status ? "status " + std::to_string(q.status) : "no answer") +
      (q.path.hops.empty() ? ", no path" : ", path " + q.path.detailed() + (q.path.complete ? "" : " (incomplete)"));
  f.event = request_event(w.run.world->trace(), q);
  return f;
}

TrafficSet traffic_param(const JsonNode& check, TrafficSet fallback) {
  const auto node = check.get("traffic");
  if (!node) return fallback;
  const std::string v = node->string();
  if (v == "visible") return TrafficSet::kVisible;
  if (v == "hidden") return TrafficSet::kHidden;
  if (v == "all") return TrafficSet::kAll;
  node->fail("expected one of: visible, hidden, all; got '" + v + "'");
}

std::string traffic_words(TrafficSet set) {
  switch (set) {
    case TrafficSet::kVisible: return "the visible traffic";
    case TrafficSet::kHidden: return "the hidden traffic";
    case TrafficSet::kAll: return "the lab's traffic";
  }
  return "?";
}

Ipv4Prefix prefix_param(const JsonNode& node) {
  const std::string text = node.nonempty_string();
  if (auto p = Ipv4Prefix::parse(text)) return *p;
  node.fail("'" + text + "' is not an IPv4 address with a prefix length (a.b.c.d/nn)");
}

std::string lines_of(const std::string& title, const std::vector<std::string>& lines) {
  std::string out = title + ":\n";
  for (const auto& l : lines) out += l + "\n";
  return out;
}

Host& world_host(GradeWorld& w, const std::string& name) {
  Host* h = w.run.world->find_host(name);
  if (!h) throw std::logic_error("grade: host '" + name + "' is not in the built world");
  return *h;
}

std::optional<std::uint64_t> request_start_event(const Trace& trace, std::uint32_t flow) {
  const auto& recs = trace.records();
  for (std::size_t i = 0; i < recs.size(); ++i) {
    const auto* app = std::get_if<AppEvent>(&recs[i].body);
    if (app && app->kind == AppEventKind::kRequestStart && app->flow == flow) return i;
  }
  return std::nullopt;
}

std::string describe_request(const RequestReport& q) {
  return "#" + std::to_string(q.id) + " at " + format_time(q.start_ns) + " (" + q.client + " GET " + printable(q.url) +
         ")";
}

std::string cause_text(const RequestReport& q) { return q.cause ? q.cause->text : ""; }

std::optional<std::uint64_t> request_event(const Trace& trace, const RequestReport& q) {
  if (q.cause) return q.cause->event;
  return request_start_event(trace, q.id);
}

}  // namespace lvs::grade
