// no-answer: the request failed or did not finish and nothing on the way dropped any of
// its packets (e.g. an answer that takes longer than the run).
#include "sim/trace/diagnosis/kinds.hpp"

namespace lvs {

std::optional<Cause> find_no_answer(const DiagnosisContext&, const RequestFacts& q, const FlowFacts* f) {
  if (q.status != 0 && q.error.empty()) return std::nullopt;
  const std::string why = q.error.empty() ? "no answer" : q.error;
  return make_cause("no-answer", q.client + " got no answer to GET " + q.url + " (" + why + ")", f ? f->start_event : 0,
                    q.client);
}

}  // namespace lvs
