// host-down: a host on the request's way is powered off (a real server switched off, a
// stopped machine): it drops what reaches it.
#include "sim/trace/diagnosis/kinds.hpp"

namespace lvs {

std::optional<Cause> find_host_down(const DiagnosisContext& cx, const RequestFacts&, const FlowFacts* f) {
  if (!f || !f->first_drop || f->first_drop->reason != DropReason::kHostDown) return std::nullopt;
  const DropFacts& d = *f->first_drop;
  return make_cause("host-down",
                    cx.host(d.host) + " is down: " + cx.packet_words(d.packet, *f) + " reached it at " +
                        cause_time(d.time) + " and went no further",
                    d.event, cx.host(d.host));
}

}  // namespace lvs
