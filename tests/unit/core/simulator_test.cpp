#include <doctest/doctest.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/core/simulator.hpp"

namespace {

using lvs::Event;
using lvs::RunLimits;
using lvs::SimTime;
using lvs::Simulator;
using lvs::StopReason;

// Records what fired; optionally reschedules itself (a periodic timer) or stops the run.
struct Recorder final : lvs::EventHandler {
  explicit Recorder(Simulator& s) : sim(s) {}
  void on_event(const Event& ev) override {
    fired.push_back({sim.now(), ev.kind});
    if (period > 0) sim.schedule_in(period, this, ev.kind + 1);
    if (stop_at_kind != 0 && ev.kind == stop_at_kind) sim.stop();
  }
  struct Fired {
    SimTime time;
    std::uint32_t kind;
  };
  Simulator& sim;
  std::vector<Fired> fired;
  SimTime period = 0;
  std::uint32_t stop_at_kind = 0;
};

}  // namespace

TEST_CASE("simulator: runs events in time order and advances the clock") {
  Simulator sim(1);
  Recorder r(sim);
  sim.schedule_at(300, &r, 3);
  sim.schedule_at(100, &r, 1);
  sim.schedule_at(200, &r, 2);
  sim.schedule_at(100, &r, 4);  // same time as kind 1, scheduled later: runs after it
  CHECK(sim.pending() == 4u);
  CHECK(sim.run() == StopReason::kQueueEmpty);
  REQUIRE(r.fired.size() == 4u);
  CHECK(r.fired[0].kind == 1u);
  CHECK(r.fired[1].kind == 4u);
  CHECK(r.fired[1].time == 100);
  CHECK(r.fired[2].kind == 2u);
  CHECK(r.fired[3].kind == 3u);
  CHECK(sim.now() == 300);
  CHECK(sim.events_processed() == 4u);
}

TEST_CASE("simulator: until stops before later events and sets the clock to until") {
  Simulator sim(1);
  Recorder r(sim);
  r.period = 10;
  sim.schedule_at(0, &r, 0);
  CHECK(sim.run(RunLimits{.until = 35}) == StopReason::kTimeLimit);
  CHECK(sim.now() == 35);
  REQUIRE(r.fired.size() == 4u);  // 0, 10, 20, 30
  CHECK(r.fired.back().time == 30);
  CHECK(sim.pending() == 1u);

  // Something scheduled between the last event (30) and the peeked one (40) runs first.
  sim.schedule_at(36, &r, 100);
  CHECK(sim.run(RunLimits{.until = 40}) == StopReason::kTimeLimit);
  REQUIRE(r.fired.size() == 6u);
  CHECK(r.fired[4].time == 36);
  CHECK(r.fired[4].kind == 100u);
  CHECK(r.fired[5].time == 40);  // an event exactly at `until` runs
  CHECK(sim.now() == 40);
}

TEST_CASE("simulator: an empty queue before until still ends the clock at until") {
  Simulator sim(1);
  Recorder r(sim);
  sim.schedule_at(5, &r, 1);
  CHECK(sim.run(RunLimits{.until = 1000}) == StopReason::kQueueEmpty);
  CHECK(sim.now() == 1000);
}

TEST_CASE("simulator: max_events limits a runaway and the run can continue") {
  Simulator sim(1);
  Recorder r(sim);
  r.period = 1;
  sim.schedule_at(0, &r, 0);
  CHECK(sim.run(RunLimits{.max_events = 100}) == StopReason::kEventLimit);
  CHECK(r.fired.size() == 100u);
  CHECK(sim.events_processed() == 100u);
  CHECK(sim.now() == 99);
  CHECK(sim.run(RunLimits{.max_events = 5}) == StopReason::kEventLimit);
  CHECK(r.fired.size() == 105u);
  CHECK(sim.events_processed() == 105u);
  CHECK(sim.run(RunLimits{.max_events = 0}) == StopReason::kEventLimit);
  CHECK(r.fired.size() == 105u);
}

TEST_CASE("simulator: stop() returns after the current event") {
  Simulator sim(1);
  Recorder r(sim);
  r.stop_at_kind = 2;
  sim.schedule_at(1, &r, 1);
  sim.schedule_at(2, &r, 2);
  sim.schedule_at(3, &r, 3);
  CHECK(sim.run() == StopReason::kStopped);
  CHECK(r.fired.size() == 2u);
  CHECK(sim.now() == 2);
  CHECK(sim.pending() == 1u);
  // A new run clears the stop request.
  CHECK(sim.run() == StopReason::kQueueEmpty);
  CHECK(r.fired.size() == 3u);
}

TEST_CASE("simulator: scheduling into the past throws") {
  Simulator sim(1);
  Recorder r(sim);
  sim.schedule_at(50, &r, 1);
  sim.run();
  CHECK_THROWS_AS(sim.schedule_at(49, &r, 1), std::logic_error);
  CHECK_NOTHROW(sim.schedule_at(50, &r, 1));
}

TEST_CASE("simulator: a delay past the end of time saturates instead of landing in the past") {
  Simulator sim(1);
  Recorder r(sim);
  sim.schedule_at(1000, &r, 1);
  sim.run();
  CHECK_NOTHROW(sim.schedule_in(lvs::kTimeNever, &r, 2));  // was: "event scheduled in the past"
  CHECK(sim.run(RunLimits{.until = lvs::kMaxUserTime}) == StopReason::kTimeLimit);
  CHECK(r.fired.size() == 1);
  CHECK(sim.pending() == 1);
}

TEST_CASE("simulator: stop reason names") {
  CHECK(std::string(lvs::stop_reason_name(StopReason::kQueueEmpty)) == "no more events");
  CHECK(std::string(lvs::stop_reason_name(StopReason::kTimeLimit)) == "time limit");
  CHECK(std::string(lvs::stop_reason_name(StopReason::kEventLimit)) == "event limit");
  CHECK(std::string(lvs::stop_reason_name(StopReason::kStopped)) == "stopped");
}

TEST_CASE("simulator: seed and rng") {
  Simulator a(42), b(42);
  CHECK(a.seed() == 42u);
  CHECK(a.rng().next() == b.rng().next());
}
