#pragma once
// The run report: what `lvslab run` prints, as text or as one JSON object. It is a view
// of the run's results and trace (server = the host whose application served the
// request's flow; path = sim/trace/paths).
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/report/report_summary.hpp"
#include "sim/scenario/actions.hpp"
#include "sim/scenario/scenario.hpp"

#include "sim/trace/cause.hpp"
#include "sim/trace/nfs_view.hpp"
#include "sim/trace/paths.hpp"
#include "sim/trace/vip_arp.hpp"

namespace lvs {

struct ScenarioRun;

struct RequestReport {
  std::uint32_t id = 0;
  std::string client, url;
  SimTime start_ns = 0, end_ns = -1;
  int status = 0;
  std::string body, server, error;
  bool body_dropped = false;  // a long run kept only its length (body_bytes)
  std::size_t body_bytes = 0;
  bool ok = false;
  RequestPath path;
  RequestStorage storage;  // the NFS leg and storage notes of this request (nfs_view.hpp)
  // Why it failed, did not go where the lab model says, or bypassed the director
  // (sim/trace/diagnosis); nullopt when the request is healthy.
  std::optional<Cause> cause;
};

// Requests of one traffic entry that never started: the run stopped (--until, the event
// limit, the client host powered off) before they were due. They did not succeed, so they
// count against the run like failed ones.
struct NotRunReport {
  std::string pointer;  // the traffic entry, "/traffic/0"
  std::string client, url;
  std::uint32_t planned = 0, started = 0;
  SimTime first_due = 0;  // when the first request that never started was due
  std::uint32_t missing() const { return planned - started; }
};

struct RunReport {
  std::string scenario;
  std::uint64_t seed = 0;
  std::string stop_reason;
  SimTime end_time = 0;
  std::uint64_t events = 0, frames = 0, drops = 0;
  std::vector<RequestReport> requests;              // those listed (all, up to summary.limit)
  std::size_t request_count = 0, failed_count = 0;  // every request
  // Health apart from the scenario's expect: requests that met it but are unhealthy (a
  // demonstration of a mistake), and requests that failed it although healthy.
  std::size_t unhealthy_ok_count = 0, healthy_failed_count = 0;
  RequestSummary summary;
  std::vector<VipArpEvent> vip_arp;         // the ARP story of the VIPs
  std::vector<HostConfigLog> host_config;   // each host's transcript and warnings, from loading
  std::vector<ActionResult> actions;        // timed actions and what they did
  std::vector<StorageLogLine> storage_log;  // NFS client / mountd / automount messages
  std::vector<NotRunReport> not_run;        // traffic entries with requests that never started
  std::size_t failed() const;
  std::size_t not_run_count() const;
  // Every planned request started and succeeded (exit code 0).
  bool all_ok() const { return failed() == 0 && not_run_count() == 0; }
};

// `listed`: how many requests are listed one by one (then as many failed ones); the
// others are only counted in the summary.
RunReport make_report(const ScenarioRun& run, std::size_t listed = kDefaultListedRequests);
std::string report_text(const RunReport& r);
// A terminal session as the student saw it: prompt and command, then what it printed,
// each line after `indent` (the run report's and the grader's).
void transcript_text(std::ostream& out, const std::vector<config::TranscriptEntry>& entries, const char* indent);
nlohmann::ordered_json report_json(const RunReport& r);

}  // namespace lvs
