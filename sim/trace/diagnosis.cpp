#include "sim/trace/diagnosis.hpp"

#include "sim/trace/diagnosis/kinds.hpp"

namespace lvs {

Diagnosis::Diagnosis(const Trace& trace) {
  evidence_ = trace.online_evidence();
  if (!evidence_) {
    replayed_ = std::make_unique<DiagnosisEvidence>(replay_evidence(trace));
    evidence_ = replayed_.get();
  }
  context_ = std::make_unique<DiagnosisContext>(trace, *evidence_);
}

Diagnosis::~Diagnosis() = default;

std::string health_words(const Cause& cause) {
  if (cause.kind == "vip-arp-realserver" || cause.kind == "vip-arp-announce" || cause.kind == "director-bypassed")
    return "the director is bypassed";
  if (cause.kind == "http-error") return "the server answers with an error";
  return "the request fails";
}

bool request_answered(const RequestFacts& q) { return q.status > 0 && q.status < 400 && q.error.empty(); }

std::optional<Cause> Diagnosis::cause(const RequestFacts& q) const {
  const FlowFacts* f = evidence_->flow(q.flow);
  const bool answered = request_answered(q);
  for (const CauseKind& kind : cause_kinds()) {
    if (answered && !kind.answered_too) continue;
    if (auto c = kind.find(*context_, q, f)) return c;
  }
  return std::nullopt;
}

}  // namespace lvs
