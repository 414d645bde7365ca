#pragma once
// Fast access to the state at any step: a checkpoint (a StepState) every `interval`
// records, built in one pass; a seek copies the nearest checkpoint at or before the step
// and replays at most interval-1 records. Checkpoints are incremental: a director's
// connection entries (ConnList) share their unchanged chunks with the checkpoint before,
// so a checkpoint costs what changed in its interval, not the whole table. A Cursor walks forward by
// replaying only the new records and backward by seeking, so stepping back is as cheap
// as stepping forward and always gives the state a fresh seek gives.
#include <cstddef>
#include <vector>

#include "viz/model/step_state.hpp"

namespace lvs::viz {

class StateIndex {
 public:
  explicit StateIndex(const Trace& trace, std::size_t interval = 512);

  const Trace& trace() const { return trace_; }
  std::size_t size() const { return trace_.records().size(); }
  std::size_t interval() const { return interval_; }
  std::size_t checkpoint_count() const { return checkpoints_.size(); }
  // The bytes the checkpoints' connection entries take: each chunk counted once, however
  // many checkpoints share it, plus each checkpoint's chunk pointers.
  std::size_t checkpoint_conn_bytes() const;

  // The state after records [0, applied): applied = step + 1 is "at step `step`".
  StepState state_after(std::size_t applied) const;
  // Moves `state` to `applied`, replaying forward when that is shorter than a seek.
  void move(StepState& state, std::size_t applied) const;

 private:
  const Trace& trace_;
  std::size_t interval_;
  std::vector<StepState> checkpoints_;  // checkpoints_[k] = state after k*interval records
};

// The viewer's position: the event under the cursor and the state after it.
class Cursor {
 public:
  explicit Cursor(const StateIndex& index);

  std::size_t step() const { return step_; }  // index of the current record
  const StepState& state() const { return state_; }
  void seek(std::size_t step);
  void forward() { seek(step_ + 1); }
  void back() { seek(step_ == 0 ? 0 : step_ - 1); }
  void home() { seek(0); }
  void end() { seek(index_.size() == 0 ? 0 : index_.size() - 1); }

 private:
  const StateIndex& index_;
  std::size_t step_ = 0;
  StepState state_;
};

}  // namespace lvs::viz
