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

std::string host_param(const JsonNode& check, const nlohmann::json& scenario, std::string_view key) {
  const JsonNode node = check.at(key);
  const std::string name = node.nonempty_string();
  if (scenario.contains("hosts") && scenario["hosts"].is_array())
    for (const auto& h : scenario["hosts"])
      if (h.is_object() && h.value("name", "") == name) return name;
  node.fail("unknown host '" + name + "' (not in /scenario/hosts)");
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

const char* traffic_set_name(TrafficSet set) {
  switch (set) {
    case TrafficSet::kVisible: return "visible";
    case TrafficSet::kHidden: return "hidden";
    case TrafficSet::kAll: return "all";
  }
  return "?";
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
