#pragma once
// The kinds of cause, one file each (sim/trace/diagnosis/<kind>.cpp), registered in one
// table (registry.cpp) in the order they are tried: the first kind that explains a
// request is its cause. A new kind is a file plus one line in the table, and a section
// in docs/diagnosis.md.
#include <optional>
#include <vector>

#include "sim/trace/diagnosis/context.hpp"

namespace lvs {

// `f` is the request's evidence (nullptr when nothing went wrong on the way).
using CauseFinder = std::optional<Cause> (*)(const DiagnosisContext& cx, const RequestFacts& q, const FlowFacts* f);

struct CauseKind {
  const char* name;     // stable: JSON "kind", tests, lab packs
  const char* summary;  // one line, as docs/diagnosis.md lists it
  // Also tried for a request that got its answer (a healthy-looking request that did not
  // go where the lab model says); the others only explain failures.
  bool answered_too;
  CauseFinder find;
};

const std::vector<CauseKind>& cause_kinds();

std::optional<Cause> find_host_down(const DiagnosisContext&, const RequestFacts&, const FlowFacts*);
std::optional<Cause> find_wrong_method(const DiagnosisContext&, const RequestFacts&, const FlowFacts*);
std::optional<Cause> find_realserver_no_vip(const DiagnosisContext&, const RequestFacts&, const FlowFacts*);
std::optional<Cause> find_realserver_other_subnet(const DiagnosisContext&, const RequestFacts&, const FlowFacts*);
std::optional<Cause> find_wrong_gateway(const DiagnosisContext&, const RequestFacts&, const FlowFacts*);
std::optional<Cause> find_forwarding_off(const DiagnosisContext&, const RequestFacts&, const FlowFacts*);
std::optional<Cause> find_rp_filter(const DiagnosisContext&, const RequestFacts&, const FlowFacts*);
std::optional<Cause> find_no_route(const DiagnosisContext&, const RequestFacts&, const FlowFacts*);
std::optional<Cause> find_no_arp_answer(const DiagnosisContext&, const RequestFacts&, const FlowFacts*);
std::optional<Cause> find_nothing_listening(const DiagnosisContext&, const RequestFacts&, const FlowFacts*);
std::optional<Cause> find_nfs_refused(const DiagnosisContext&, const RequestFacts&, const FlowFacts*);
std::optional<Cause> find_autofs_not_running(const DiagnosisContext&, const RequestFacts&, const FlowFacts*);
std::optional<Cause> find_vip_arp_announce(const DiagnosisContext&, const RequestFacts&, const FlowFacts*);
std::optional<Cause> find_vip_arp_realserver(const DiagnosisContext&, const RequestFacts&, const FlowFacts*);
std::optional<Cause> find_director_bypassed(const DiagnosisContext&, const RequestFacts&, const FlowFacts*);
std::optional<Cause> find_http_error(const DiagnosisContext&, const RequestFacts&, const FlowFacts*);
std::optional<Cause> find_dropped(const DiagnosisContext&, const RequestFacts&, const FlowFacts*);
std::optional<Cause> find_no_answer(const DiagnosisContext&, const RequestFacts&, const FlowFacts*);

}  // namespace lvs
