#include "sim/report/report.hpp"

#include <algorithm>
#include <optional>
#include <sstream>

#include "sim/core/printable.hpp"
#include "sim/net/world.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/trace/diagnosis.hpp"

namespace lvs {
namespace {

// Body for a one-line summary: first line, at most 40 characters (never cutting a UTF-8
// character in two), control characters escaped.
std::string body_excerpt(const std::string& body) {
  std::string_view line = std::string_view(body).substr(0, body.find('\n'));
  if (utf8_length(line) <= 40) return printable(line);
  return printable(utf8_prefix(line, 37)) + "...";
}

// The scenario's expectations for the n-th request of a traffic entry; "" when they hold.
std::string unmet_expectation(const HttpExpect& ex, std::size_t n, const RequestReport& q, const HttpResult& res) {
  std::string why;
  auto add = [&why](const std::string& s) { why += (why.empty() ? "" : "; ") + s; };
  if (ex.status && q.status != *ex.status)
    add("expected status " + std::to_string(*ex.status) + ", got " + (q.status ? std::to_string(q.status) : "none"));
  if (ex.body && q.status != 0 && !body_is(res, *ex.body))
    add("expected body " + nlohmann::json(*ex.body).dump() + ", got " +
        (!q.body_dropped ? nlohmann::json(q.body).dump()
                         : "another body of " + std::to_string(q.body_bytes) + " bytes"));
  if (!ex.servers.empty() && q.status != 0) {
    const std::string& want = ex.servers[n % ex.servers.size()];
    if (q.server != want) add("expected an answer from " + want + ", got " + (q.server.empty() ? "none" : q.server));
  }
  if (ex.path && q.path.notation() != *ex.path) add(path_mismatch(*ex.path, q.path));
  return why;
}

}  // namespace

std::size_t RunReport::failed() const { return failed_count; }

std::size_t RunReport::not_run_count() const {
  std::size_t n = 0;
  for (const auto& e : not_run) n += e.missing();
  return n;
}

RunReport make_report(const ScenarioRun& run, std::size_t listed) {
  const Trace& trace = run.world->trace();
  RunReport r;
  r.scenario = run.name;
  r.seed = run.seed;
  r.stop_reason = stop_reason_name(run.stop_reason);
  r.end_time = run.world->now();
  r.events = run.world->sim().events_processed();
  r.frames = run.world->frames_transmitted;
  r.drops = run.world->frames_dropped;
  r.summary.limit = listed;
  // Paths and servers: built while the run went (a report-only trace), or from the
  // whole trace now.
  std::optional<PathBuilder> replayed;
  const PathBuilder* flows = trace.online_paths();
  if (!flows) flows = &replayed.emplace(build_paths(trace));
  const auto storage = storage_by_flow(trace);
  const Diagnosis diagnosis(trace);
  std::vector<std::size_t> issued(run.traffic.size(), 0);  // requests seen per traffic entry
  for (std::size_t k = 0; k < run.results.size(); ++k) {
    const HttpResult& res = *run.results[k];
    RequestReport q;
    q.id = res.flow;
    q.client = res.client;
    q.url = res.url;
    q.start_ns = res.start;
    q.end_ns = res.end;
    q.status = res.status;
    q.body = res.body;
    q.body_dropped = res.body_dropped;
    q.body_bytes = res.body_bytes;
    q.error = res.end < 0 && res.error.empty() ? "not finished when the run ended" : res.error;
    q.ok = res.ok() && res.end >= 0;
    if (const HostId s = flows->server(res.flow); s != kNoId) q.server = trace.meta().hosts[s].name;
    if (auto p = flows->path(res.flow)) q.path = std::move(*p);
    if (auto st = storage.find(res.flow); st != storage.end()) q.storage = st->second;
    q.cause = diagnosis.cause(
        RequestFacts{q.id, q.client, q.url, q.start_ns, q.end_ns, q.status, q.error, q.server, &q.path, &q.storage});
    if (k < run.result_traffic.size() && run.result_traffic[k] < run.traffic.size()) {
      const std::size_t t = run.result_traffic[k];
      const std::string unmet = unmet_expectation(run.traffic[t].expect, issued[t]++, q, res);
      if (!unmet.empty()) {
        q.ok = false;
        q.error += (q.error.empty() ? "" : "; ") + unmet;
      }
    }
    ++r.request_count;
    r.failed_count += q.ok ? 0 : 1;
    r.unhealthy_ok_count += q.ok && q.cause ? 1 : 0;
    r.healthy_failed_count += !q.ok && !q.cause ? 1 : 0;
    if (r.summary.add(q)) r.requests.push_back(std::move(q));
  }
  for (std::size_t t = 0; t < run.traffic.size(); ++t) {
    const HttpRequestPlan& plan = run.traffic[t].plan;
    const std::size_t started = t < run.traffic_results.size() ? run.traffic_results[t].size() : 0;
    if (started >= plan.count) continue;
    const auto n = static_cast<std::uint32_t>(started);
    r.not_run.push_back(
        {run.traffic[t].pointer, run.traffic[t].client, plan.url, plan.count, n, plan.at + plan.every * n});
  }
  r.vip_arp = vip_arp_history(trace);
  r.host_config = run.host_config;
  r.actions = run.action_log;
  r.storage_log = storage_log(trace);
  std::sort(r.requests.begin(), r.requests.end(), [](const auto& a, const auto& b) {
    return a.start_ns != b.start_ns ? a.start_ns < b.start_ns : a.id < b.id;
  });
  return r;
}

// Health in words, apart from the scenario's expect, so that "ok" never means two things.
static void health_text(std::ostream& out, const RequestReport& q) {
  if (q.cause && q.ok) out << "    as this scenario expects: " << health_words(*q.cause) << "\n";
  if (q.cause)
    out << "    cause: " << printable(q.cause->text) << "  [" << q.cause->kind << ", event " << q.cause->event << "]\n";
  if (!q.cause && !q.ok)
    out << "    the cluster works: the request went where the lab model says and was answered by "
        << (q.server.empty() ? "?" : q.server) << "; only this scenario's expect differs\n";
}

// A terminal session as the student saw it: prompt and command, then what it printed.
void transcript_text(std::ostream& out, const std::vector<config::TranscriptEntry>& entries, const char* indent) {
  for (const auto& e : entries) {
    out << indent << printable(e.prompt + e.command) << "\n";
    std::size_t start = 0;
    while (start < e.output.size()) {
      const std::size_t nl = std::min(e.output.find('\n', start), e.output.size());
      out << indent << printable(e.output.substr(start, nl - start)) << "\n";
      start = nl + 1;
    }
  }
}

// Each host's transcript (at load: after its boot), then what the administrator should know.
static void host_config_text(std::ostream& out, const std::vector<HostConfigLog>& hosts) {
  bool any_warning = false;
  for (const auto& h : hosts) {
    any_warning = any_warning || !h.warnings.empty();
    if (h.transcript.empty()) continue;
    out << h.host << " (" << printable(h.origin) << "):\n";
    transcript_text(out, h.transcript, "  ");
    out << "\n";
  }
  if (!any_warning) return;
  out << "warnings:\n";
  for (const auto& h : hosts)
    for (const auto& w : h.warnings) out << "  " << h.host << ": " << printable(w) << "\n";
  out << "\n";
}

std::string report_text(const RunReport& r) {
  std::ostringstream out;
  out << "scenario " << r.scenario << "  seed " << r.seed << "\n\n";
  host_config_text(out, r.host_config);
  for (const auto& q : r.requests) {
    out << "#" << q.id << "  " << format_time(q.start_ns) << "  " << q.client << "  GET " << printable(q.url) << "\n";
    if (q.status != 0) {
      out << "    " << q.status << " from " << (q.server.empty() ? "?" : q.server);
      if (q.end_ns >= 0) out << " in " << format_duration(q.end_ns - q.start_ns);
      if (!q.body_dropped) out << "  \"" << body_excerpt(q.body) << "\"\n";
      else out << "  (" << q.body_bytes << " bytes)\n";
    }
    if (!q.error.empty()) out << "    FAILED: " << printable(q.error) << "\n";
    if (!q.path.hops.empty()) {
      out << "    path " << q.path.notation() << (q.path.complete ? "" : " (incomplete)") << "\n";
      out << "         " << q.path.detailed() << "\n";
    }
    if (!q.storage.calls.empty()) out << "    nfs  " << printable(q.storage.summary()) << "\n";
    for (const auto& n : q.storage.notes) out << "    " << printable(n) << "\n";
    health_text(out, q);
  }
  if (!r.not_run.empty()) {
    out << "\nnot run (the run stopped at " << format_time(r.end_time) << ", " << r.stop_reason << "):\n";
    for (const auto& e : r.not_run)
      out << "  " << e.client << "  GET " << printable(e.url) << "  " << e.missing() << " of " << e.planned
          << (e.planned == 1 ? " request" : " requests") << " never started (the first due at "
          << format_time(e.first_due) << ")\n";
  }
  out << r.summary.text(r.request_count);
  if (!r.actions.empty()) {
    out << "\nactions:\n";
    for (const auto& a : r.actions) {
      out << "  " << format_time(a.at) << "  " << a.host << ": " << printable(a.what);
      if (!a.error.empty()) out << "  FAILED: " << printable(a.error);
      out << "\n";
      transcript_text(out, a.transcript, "    ");
    }
  }
  if (!r.storage_log.empty()) {
    out << "\nstorage log:\n";
    for (const auto& l : r.storage_log)
      out << "  " << format_time(l.time) << "  " << l.host << ": " << printable(l.text) << "\n";
  }
  if (!r.vip_arp.empty()) {
    out << "\nARP for the VIP:\n";
    for (const auto& e : r.vip_arp) out << "  " << format_time(e.time) << "  " << printable(e.text()) << "\n";
  }
  out << "\n"
      << r.request_count << " requests, " << (r.request_count - r.failed()) << " ok, " << r.failed() << " failed";
  if (r.not_run_count() != 0) out << ", " << r.not_run_count() << " not run";
  if (r.unhealthy_ok_count != 0)
    out << " (" << r.unhealthy_ok_count << " of the ok ones unhealthy, as this scenario expects)";
  if (r.healthy_failed_count != 0)
    out << " (" << r.healthy_failed_count << " of the failed ones healthy: only the scenario's expect differs)";
  out << "; " << r.events << " events, " << r.frames << " frames (" << r.drops << " dropped); stopped at "
      << format_time(r.end_time) << " (" << r.stop_reason << ")\n";
  return out.str();
}

static nlohmann::ordered_json transcript_json(const std::vector<config::TranscriptEntry>& entries) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& e : entries)
    out.push_back({{"file", e.origin.file},
                   {"line", e.origin.line},
                   {"prompt", e.prompt},
                   {"command", e.command},
                   {"output", e.output},
                   {"status", e.status},
                   {"understood", e.understood},
                   {"ignored", e.ignored}});
  return out;
}

nlohmann::ordered_json report_json(const RunReport& r) {
  nlohmann::ordered_json j;
  j["scenario"] = r.scenario;
  j["seed"] = r.seed;
  j["hosts"] = nlohmann::ordered_json::array();
  for (const auto& h : r.host_config)
    j["hosts"].push_back(
        {{"host", h.host},
         {"shell", h.origin.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(h.origin)},
         {"transcript", transcript_json(h.transcript)},
         {"warnings", h.warnings}});
  j["requests"] = nlohmann::ordered_json::array();
  for (const auto& q : r.requests) {
    nlohmann::ordered_json o;
    o["id"] = q.id;
    o["client"] = q.client;
    o["url"] = q.url;
    o["start_ns"] = q.start_ns;
    o["end_ns"] = q.end_ns >= 0 ? nlohmann::ordered_json(q.end_ns) : nlohmann::ordered_json(nullptr);
    o["status"] = q.status;
    o["body"] = q.body_dropped ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(q.body);
    o["server"] = q.server.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(q.server);
    o["ok"] = q.ok;
    o["error"] = q.error.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(q.error);
    o["healthy"] = !q.cause.has_value();
    o["cause"] = q.cause ? nlohmann::ordered_json{{"text", q.cause->text},
                                                  {"event", q.cause->event},
                                                  {"host", q.cause->host},
                                                  {"kind", q.cause->kind}}
                         : nlohmann::ordered_json(nullptr);
    o["path"] = q.path.notation();
    o["path_complete"] = q.path.complete;
    o["hops"] = nlohmann::ordered_json::array();
    for (const auto& h : q.path.hops) o["hops"].push_back({{"role", h.role}, {"addr", h.addr.str()}, {"host", h.host}});
    if (!q.storage.calls.empty() || !q.storage.notes.empty()) {
      nlohmann::ordered_json nfs;
      nfs["path"] = q.storage.notation;
      nfs["client"] = q.storage.client_host;
      nfs["server"] = q.storage.server_host;
      nfs["calls"] = nlohmann::ordered_json::array();
      for (const auto& c : q.storage.calls)
        nfs["calls"].push_back(
            {{"program", c.program},
             {"proc", c.proc},
             {"xid", c.xid},
             {"status", c.status},
             {"call_ns", c.call_ns},
             {"reply_ns", c.reply_ns >= 0 ? nlohmann::ordered_json(c.reply_ns) : nlohmann::ordered_json(nullptr)}});
      nfs["notes"] = q.storage.notes;
      o["nfs"] = std::move(nfs);
    }
    j["requests"].push_back(std::move(o));
  }
  j["vip_arp"] = nlohmann::ordered_json::array();
  for (const auto& e : r.vip_arp) {
    static const char* kinds[] = {"answered", "reply-taken", "reply-ignored", "cache-changed"};
    j["vip_arp"].push_back({{"t_ns", e.time},
                            {"kind", kinds[static_cast<int>(e.kind)]},
                            {"host", e.host},
                            {"iface", e.iface},
                            {"vip", e.vip.str()},
                            {"mac", e.mac.str()},
                            {"mac_owner", e.mac_owner},
                            {"detail", e.detail}});
  }
  j["storage_log"] = nlohmann::ordered_json::array();
  for (const auto& l : r.storage_log)
    j["storage_log"].push_back({{"t_ns", l.time}, {"host", l.host}, {"text", l.text}});
  j["actions"] = nlohmann::ordered_json::array();
  for (const auto& a : r.actions) {
    nlohmann::ordered_json o = {
        {"t_ns", a.at},
        {"host", a.host},
        {"what", a.what},
        {"output", a.output},
        {"error", a.error.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(a.error)}};
    if (!a.transcript.empty()) o["transcript"] = transcript_json(a.transcript);
    j["actions"].push_back(std::move(o));
  }
  j["not_run"] = nlohmann::ordered_json::array();
  for (const auto& e : r.not_run)
    j["not_run"].push_back({{"traffic", e.pointer},
                            {"client", e.client},
                            {"url", e.url},
                            {"planned", e.planned},
                            {"started", e.started},
                            {"not_run", e.missing()},
                            {"first_due_ns", e.first_due}});
  j["stats"] = {{"events", r.events},
                {"frames", r.frames},
                {"dropped", r.drops},
                {"end_ns", r.end_time},
                {"stop_reason", r.stop_reason},
                {"requests", r.request_count},
                {"failed", r.failed()},
                {"not_run", r.not_run_count()},
                {"unhealthy_ok", r.unhealthy_ok_count},
                {"healthy_failed", r.healthy_failed_count}};
  if (r.summary.truncated()) j["summary"] = r.summary.json();
  return j;
}

}  // namespace lvs
