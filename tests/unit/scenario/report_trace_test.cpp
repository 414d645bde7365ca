// A report-only trace (TraceLevel::kReport, `lvslab run` without --trace/--pcap) keeps
// nothing per request (issue 9 §3: 13.6 KB per request before), yet gives the report's
// views what the whole trace gives: the same paths and servers for every request of
// every shipped scenario, the same VIP ARP story and storage notes.
#include <doctest/doctest.h>

#include <filesystem>

#include "sim/scenario/scenario.hpp"
#include "sim/trace/nfs_view.hpp"
#include "sim/trace/paths.hpp"
#include "sim/trace/vip_arp.hpp"

using namespace lvs;
using nlohmann::json;

namespace {

std::vector<std::string> shipped_scenarios() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(std::string(LVSLAB_SOURCE_DIR) + "/scenarios"))
    if (e.path().extension() == ".json" && e.path().filename() != "schema.json") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

std::unique_ptr<ScenarioRun> run_at(const ScenarioSpec& spec, TraceLevel level) {
  auto run = build_run(spec, std::nullopt, level);
  execute(*run, std::nullopt);
  return run;
}

// lvs-nat with `count` requests, 10 ms apart.
ScenarioSpec busy_nat(std::uint32_t count) {
  ScenarioSpec spec = load_scenario_file(std::string(LVSLAB_SOURCE_DIR) + "/scenarios/lvs-nat.json");
  spec.duration = seconds(2) + count * milliseconds(10);
  spec.traffic.resize(1);
  spec.traffic[0].plan.at = seconds(1);
  spec.traffic[0].plan.every = milliseconds(10);
  spec.traffic[0].plan.count = count;
  return spec;
}

}  // namespace

TEST_CASE("report-only trace: the same paths, servers, VIP ARP story and storage notes as the whole trace") {
  for (const std::string& file : shipped_scenarios()) {
    CAPTURE(file);
    const ScenarioSpec spec = load_scenario_file(file);
    const auto full = run_at(spec, TraceLevel::kFull);
    const auto report = run_at(spec, TraceLevel::kReport);
    const Trace& ft = full->world->trace();
    const Trace& rt = report->world->trace();
    REQUIRE(rt.online_paths() != nullptr);
    const PathBuilder whole = build_paths(ft);
    REQUIRE(full->results.size() == report->results.size());
    for (std::size_t i = 0; i < full->results.size(); ++i) {
      const std::uint32_t flow = full->results[i]->flow;
      CHECK(report->results[i]->flow == flow);
      CHECK(rt.online_paths()->server(flow) == whole.server(flow));
      const auto a = whole.path(flow), b = rt.online_paths()->path(flow);
      REQUIRE(a.has_value() == b.has_value());
      if (a) {
        CHECK(a->notation() == b->notation());
        CHECK(a->detailed() == b->detailed());
        CHECK(a->complete == b->complete);
      }
    }
    const auto va = vip_arp_history(ft), vb = vip_arp_history(rt);
    REQUIRE(va.size() == vb.size());
    for (std::size_t i = 0; i < va.size(); ++i) CHECK(va[i].text() == vb[i].text());
    const auto la = storage_log(ft), lb = storage_log(rt);
    REQUIRE(la.size() == lb.size());
    for (std::size_t i = 0; i < la.size(); ++i) CHECK(la[i].text == lb[i].text);
    const auto sa = storage_by_flow(ft), sb = storage_by_flow(rt);
    CHECK(sa.size() == sb.size());
    for (const auto& [flow, s] : sa) {
      REQUIRE(sb.count(flow));
      CHECK(s.summary() == sb.at(flow).summary());
      CHECK(s.notes == sb.at(flow).notes);
    }
  }
}

// Cause::event and `lvslab view --at-event N` name records by number: a report-only trace
// numbers the records it keeps as the whole trace does (the director's lazy connection
// timers run at every level that records; a host's configuration is counted, not kept).
TEST_CASE("report-only trace: every record it keeps has the number the whole trace gives it") {
  std::vector<std::string> files = shipped_scenarios();
  for (const auto& e : std::filesystem::directory_iterator(std::string(LVSLAB_SOURCE_DIR) + "/tests/data/diagnosis"))
    files.push_back(e.path().string());
  for (const std::string& file : files) {
    CAPTURE(file);
    const ScenarioSpec spec = load_scenario_file(file);
    const auto full = run_at(spec, TraceLevel::kFull);
    const auto report = run_at(spec, TraceLevel::kReport);
    const Trace& ft = full->world->trace();
    const Trace& rt = report->world->trace();
    CHECK(ft.records_made() == ft.records().size());
    CHECK(rt.records_made() == ft.records_made());
    for (std::size_t i = 0; i < rt.records().size(); ++i) {
      const std::uint64_t n = rt.number_of(i);
      REQUIRE(n < ft.records().size());
      CHECK(ft.records()[n].time == rt.records()[i].time);
      CHECK(ft.records()[n].body.index() == rt.records()[i].body.index());
    }
  }
}

TEST_CASE("report-only trace: what it holds does not grow with the number of requests") {
  const auto small = run_at(busy_nat(200), TraceLevel::kReport);
  const auto large = run_at(busy_nat(2000), TraceLevel::kReport);
  const Trace& s = small->world->trace();
  const Trace& l = large->world->trace();
  REQUIRE(large->results.size() == 2000);
  // Records and kept frames: the run's ARP story, not its requests (a whole trace of
  // 2000 requests has ~130,000 records).
  CHECK(l.records().size() <= s.records().size() + 20);
  CHECK(l.records().size() < 200);
  // Requests that ended leave nothing open in the path builder.
  CHECK(l.online_paths()->open_flows() == 0);
  CHECK(l.online_paths()->tracked_packets() == 0);
  // Every request still has its path.
  for (const HttpResult* r : large->results)
    CHECK(l.online_paths()->path(r->flow)->notation() == "CIP-DGW-VIP-RIP-DIP-DGW-CIP");
}

TEST_CASE("report-only trace: a sysctl action keeps no copy of the host's tables (4.7 KB each before)") {
  ScenarioSpec spec = load_scenario_file(std::string(LVSLAB_SOURCE_DIR) + "/scenarios/lvs-nat.json");
  for (int i = 0; i < 200; ++i) {
    ActionSpec a;
    a.at = seconds(1) + i * milliseconds(10);
    a.host = "director";
    a.kind = ActionSpec::Kind::kSysctl;
    a.sysctls.push_back(
        SysctlEntry{"net.ipv4.conf.all.arp_ignore", std::to_string(i % 2), "/actions/" + std::to_string(i)});
    spec.actions.push_back(a);
  }
  const auto full = run_at(spec, TraceLevel::kFull);
  const auto report = run_at(spec, TraceLevel::kReport);
  CHECK(full->world->trace().host_config_count() == 200);  // the viewer shows the host after each
  CHECK(report->world->trace().host_config_count() == 0);
  CHECK(report->action_log.size() == 200);
}
