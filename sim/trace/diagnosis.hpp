#pragma once
// The diagnosis: for each request that failed, did not go where the lab model says, or
// bypassed the director, one Cause (sim/trace/cause.hpp) with evidence from the trace.
// Shared by the run report (text, --json "cause"), the viewer ("jump to the cause") and
// the grader's feedback, so the same mistake is explained the same way everywhere.
// The kinds of cause are in sim/trace/diagnosis/ (one file each, one table); docs/
// diagnosis.md lists them.
#include <memory>
#include <optional>

#include "sim/trace/diagnosis/context.hpp"

namespace lvs {

class Diagnosis {
 public:
  // Reads the evidence the run gathered as it went (a report-only trace), or replays the
  // whole trace. The trace must outlive the diagnosis.
  explicit Diagnosis(const Trace& trace);
  ~Diagnosis();

  // The cause for this request; nullopt when it is healthy: answered, through the
  // director, where the lab model says.
  std::optional<Cause> cause(const RequestFacts& q) const;

  const DiagnosisContext& context() const { return *context_; }

 private:
  std::unique_ptr<DiagnosisEvidence> replayed_;
  const DiagnosisEvidence* evidence_ = nullptr;
  std::unique_ptr<DiagnosisContext> context_;
};

// What an unhealthy request shows, in a few words ("the director is bypassed"), for
// "as this scenario expects: ...".
std::string health_words(const Cause& cause);

// The request answered (a status below 400, no error): only the kinds that explain a
// request that did not go where it should are tried.
bool request_answered(const RequestFacts& q);

}  // namespace lvs
