// dropped: a packet of the request was dropped for a reason no other kind explains; the
// first drop is the evidence, with its reason as the trace names it.
#include "sim/trace/diagnosis/kinds.hpp"

namespace lvs {

std::optional<Cause> find_dropped(const DiagnosisContext& cx, const RequestFacts& q, const FlowFacts* f) {
  if (!f || !f->first_drop || (q.status != 0 && q.status < 400 && q.error.empty())) return std::nullopt;
  const DropFacts& d = *f->first_drop;
  const std::string where =
      d.host != kNoId ? cx.host(d.host) + " " + cx.iface(d.host, d.iface)
                      : "the switch of " + (d.segment < cx.meta().segments.size() ? cx.meta().segments[d.segment].name
                                                                                  : std::string("?"));
  return make_cause("dropped",
                    where + " dropped " + cx.packet_words(d.packet, *f) + " at " + cause_time(d.time) + " (" +
                        drop_reason_name(d.reason) + ")",
                    d.event, d.host != kNoId ? cx.host(d.host) : "");
}

}  // namespace lvs
