// Timers a model runs lazily (the IPVS connection table) are recorded at the time they
// fire: a trace that keeps everything has them run before it takes each record.
#include <doctest/doctest.h>

#include <vector>

#include "sim/trace/trace.hpp"

using namespace lvs;

namespace {

// Fires one note at each of `due` (ascending), when asked to run up to a time.
class Notes final : public LazyTimers {
 public:
  Notes(Trace& trace, std::vector<SimTime> due) : trace_(trace), due_(std::move(due)) {}
  void run_timers(SimTime now) override {
    ++calls_;
    while (next_ < due_.size() && due_[next_] <= now) {
      trace_.record(due_[next_], WorldNote{kNoId, 0});  // asks for the timers again: not nested
      ++next_;
    }
  }
  int calls() const { return calls_; }

 private:
  Trace& trace_;
  std::vector<SimTime> due_;
  std::size_t next_ = 0;
  int calls_ = 0;
};

std::vector<SimTime> times(const Trace& t) {
  std::vector<SimTime> out;
  for (const TraceRecord& r : t.records()) out.push_back(r.time);
  return out;
}

}  // namespace

TEST_CASE("lazy timers run before each record, so their records stand at their own time") {
  Trace trace(TraceLevel::kFull);
  trace.add_string("timer");
  Notes notes(trace, {5, 10, 10, 30, 45});
  trace.add_lazy_timers(&notes);
  trace.record(7, AppEvent{});   // timer at 5 first
  trace.record(10, AppEvent{});  // both timers at 10 before the record at 10
  trace.record(20, AppEvent{});
  CHECK(times(trace) == std::vector<SimTime>{5, 7, 10, 10, 10, 20});
  CHECK(notes.calls() == 3);  // once per outside record: the notes' own records do not nest
  trace.run_lazy_timers(40);  // the end of the run
  CHECK(times(trace).back() == 30);
  trace.remove_lazy_timers(&notes);
  trace.record(50, AppEvent{});
  CHECK(times(trace).back() == 50);  // 45 is no longer asked for
  CHECK(trace.records().size() == 8);
}

TEST_CASE("a trace that records runs lazy timers at every level; one that records nothing does not") {
  // The report-only trace runs them too, so that its records are numbered as the whole
  // trace numbers them (Cause::event is the number `lvslab view --at-event` opens).
  Trace report(TraceLevel::kReport);
  Notes report_notes(report, {1});
  report.add_lazy_timers(&report_notes);
  report.record(2, AppEvent{});
  CHECK(report_notes.calls() == 1);
  CHECK(report.records_made() == 2);  // the timer's record, then the AppEvent

  Trace off(TraceLevel::kOff);
  Notes off_notes(off, {1});
  off.add_lazy_timers(&off_notes);
  off.record(2, AppEvent{});
  CHECK(off_notes.calls() == 0);
}
