// The director's IPVS records in a whole trace: each connection entry's timer is recorded
// when it fires (freed, or a template re-armed), each destination's counters when they
// change, in time order with everything else; and recording them (which runs the lazy
// connection timers before each record) changes nothing in the run.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "sim/ipvs/director.hpp"
#include "sim/ipvs/ipvsadm/format.hpp"
#include "sim/scenario/scenario.hpp"

using namespace lvs;
using nlohmann::json;

namespace {

// lvs-lc-slow-server.json (lc: the counters choose the real server) or
// lvs-persistence.json (templates), with requests for about 200-300 s in a 320 s run:
// entries end their 120 s TIME_WAIT while new ones are scheduled, templates outlive
// their last connection's TIME_WAIT and are re-armed.
ScenarioSpec long_run(const char* name, const char* every, int count) {
  std::ifstream in(std::string(LVSLAB_SOURCE_DIR) + "/scenarios/" + name);
  json doc = json::parse(in);
  for (json& t : doc["traffic"]) {
    t["every"] = every;
    t["count"] = count;
    t.erase("expect");
  }
  doc["duration"] = "320s";
  const auto path = std::filesystem::temp_directory_path() / (std::string("lvslab-ipvs-trace-") + name);
  std::ofstream(path) << doc.dump(1);
  ScenarioSpec spec = load_scenario_file(path.string());
  std::filesystem::remove(path);
  return spec;
}

std::unique_ptr<ScenarioRun> run_at(const ScenarioSpec& spec, TraceLevel level) {
  auto run = build_run(spec, std::nullopt, level);
  execute(*run, std::nullopt);
  return run;
}

ipvs::Director& director_of(ScenarioRun& run) {
  for (const auto& h : run.world->hosts())
    if (ipvs::Director* d = ipvs::find_director(*h)) return *d;
  throw std::logic_error("no director");
}

std::string tables_text(ScenarioRun& run) {
  ipvs::Director& d = director_of(run);
  const ipvs::Snapshot s = d.tables().snapshot(run.world->now());
  ipvs::ipvsadm::ListOptions o;
  o.numeric = true;
  std::string out = ipvs::ipvsadm::format_list(s, o);
  o.stats = true;
  out += ipvs::ipvsadm::format_list(s, o);
  o = {};
  o.connections = true;
  return out + ipvs::ipvsadm::format_connections(s, o);
}

}  // namespace

TEST_CASE("recording the IPVS timers changes nothing in a run where entries expire during the traffic") {
  for (const auto& [name, every, count] :
       {std::tuple{"lvs-lc-slow-server.json", "700ms", 420}, std::tuple{"lvs-persistence.json", "2s", 100}}) {
    CAPTURE(name);
    const ScenarioSpec spec = long_run(name, every, count);
    const auto plain = run_at(spec, TraceLevel::kOff);
    const auto traced = run_at(spec, TraceLevel::kFull);
    REQUIRE(plain->results.size() == traced->results.size());
    for (std::size_t i = 0; i < plain->results.size(); ++i) {
      const HttpResult& a = *plain->results[i];
      const HttpResult& b = *traced->results[i];
      CAPTURE(i);
      CHECK(a.status == b.status);
      CHECK(a.body == b.body);  // the real server's page: who answered
      CHECK(a.end == b.end);
    }
    CHECK(plain->events_processed == traced->events_processed);
    CHECK(tables_text(*plain) == tables_text(*traced));

    // The traced run did record expiries while requests were still being scheduled.
    SimTime first_expiry = kTimeNever;
    for (const TraceRecord& r : traced->world->trace().records())
      if (std::holds_alternative<IpvsConnExpire>(r.body)) first_expiry = std::min(first_expiry, r.time);
    CHECK(first_expiry < traced->results.back()->start);
  }
}

TEST_CASE("each entry's timer is recorded when it fires, in time order; the counters follow the director") {
  const auto run = run_at(long_run("lvs-persistence.json", "2s", 100), TraceLevel::kFull);
  const Trace& trace = run->world->trace();
  std::map<std::uint32_t, SimTime> timer;  // live entries' timers as the records say
  std::map<std::uint32_t, IpvsDestConns> counters;
  SimTime last = 0;
  int freed = 0, rearmed = 0;
  for (const TraceRecord& r : trace.records()) {
    REQUIRE(r.time >= last);
    last = r.time;
    if (const auto* c = std::get_if<IpvsConnUpdate>(&r.body)) {
      timer[c->seq] = c->expires;
    } else if (const auto* e = std::get_if<IpvsConnExpire>(&r.body)) {
      CAPTURE(e->seq);
      if (!timer.contains(e->seq)) continue;  // a one-packet entry's template, never shown
      CHECK(timer[e->seq] == r.time);         // fired at its time, not when next looked at
      if (e->freed) {
        timer.erase(e->seq);
        ++freed;
      } else {
        CHECK(e->n_control > 0);
        CHECK(e->expires == r.time + seconds(60));  // ip_vs_conn_expire(): re-armed for 60 s
        timer[e->seq] = e->expires;
        ++rearmed;
      }
    } else if (const auto* d = std::get_if<IpvsDestConns>(&r.body)) {
      counters[d->dest] = *d;
    }
  }
  CHECK(freed > 100);
  CHECK(rearmed > 0);
  // Nothing overdue is left unrecorded at the end of the run...
  for (const auto& [seq, at] : timer) CHECK(at > run->end_time);
  // ... and the last counters recorded are the director's.
  ipvs::Director& d = director_of(*run);
  int dests = 0;
  for (const auto& svc : d.tables().services())
    for (const auto& dest : svc->dests) {
      ++dests;
      REQUIRE(counters.contains(dest->id));
      const IpvsDestConns& c = counters[dest->id];
      CHECK(c.addr == dest->addr);
      CHECK(c.active == static_cast<std::uint32_t>(dest->activeconns));
      CHECK(c.inactive == static_cast<std::uint32_t>(dest->inactconns));
      CHECK(c.persist == static_cast<std::uint32_t>(dest->persistconns));
    }
  CHECK(dests == 2);
}
