#include "viz/model/state_index.hpp"

#include <algorithm>
#include <unordered_set>

namespace lvs::viz {

StateIndex::StateIndex(const Trace& trace, std::size_t interval)
    : trace_(trace), interval_(std::max<std::size_t>(interval, 1)) {
  StepState s = initial_state(trace);
  checkpoints_.push_back(s);
  const std::size_t n = trace.records().size();
  while (s.applied < n) {
    apply_next(trace, s);
    if (s.applied % interval_ == 0) checkpoints_.push_back(s);
  }
}

std::size_t StateIndex::checkpoint_conn_bytes() const {
  std::unordered_set<const void*> chunks;
  std::size_t pointers = 0;
  for (const StepState& s : checkpoints_)
    for (const HostState& h : s.hosts) {
      pointers += h.conns.chunk_count();
      for (std::size_t i = 0; i < h.conns.chunk_count(); ++i) chunks.insert(h.conns.chunk_identity(i));
    }
  return chunks.size() * ConnList::chunk_bytes() + pointers * sizeof(std::shared_ptr<void>);
}

StepState StateIndex::state_after(std::size_t applied) const {
  StepState s;
  move(s, applied);
  return s;
}

void StateIndex::move(StepState& state, std::size_t applied) const {
  applied = std::min(applied, size());
  const std::size_t k = applied / interval_;
  const bool replay_forward = !state.hosts.empty() && state.applied <= applied && state.applied >= k * interval_;
  if (!replay_forward) state = checkpoints_[k];
  while (state.applied < applied) apply_next(trace_, state);
}

Cursor::Cursor(const StateIndex& index) : index_(index) { seek(0); }

void Cursor::seek(std::size_t step) {
  const std::size_t n = index_.size();
  step_ = n == 0 ? 0 : std::min(step, n - 1);
  index_.move(state_, n == 0 ? 0 : step_ + 1);
}

}  // namespace lvs::viz
