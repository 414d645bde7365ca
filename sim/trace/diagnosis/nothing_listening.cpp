// nothing-listening: a SYN reached a host that has no socket listening on the port: it
// answers with a reset (tcp_v4_send_reset) and the client reports "Connection refused".
#include "sim/trace/diagnosis/kinds.hpp"

namespace lvs {

std::optional<Cause> find_nothing_listening(const DiagnosisContext& cx, const RequestFacts& q, const FlowFacts* f) {
  if (!f || !f->first_drop || f->first_drop->reason != DropReason::kNoSocket) return std::nullopt;
  const DropFacts& d = *f->first_drop;
  if (d.host == f->client || !d.packet.is_syn()) return std::nullopt;
  const std::string h = cx.host(d.host);
  const std::string where = d.packet.conn_dst().str() + ":" + std::to_string(d.packet.dport);
  if (cx.is_director(d.host) && !cx.service_for(d.packet.conn_dst(), d.packet.dport))
    return make_cause("nothing-listening",
                      h + " has no virtual service for " + where +
                          " (ipvsadm -Ln) and nothing listening on it: it "
                          "refused the connection at " +
                          cause_time(d.time),
                      d.event, h);
  std::string text = h + " has nothing listening on " + where + ": it refused the connection at " + cause_time(d.time);
  if (const LabService* svc = cx.service_for(q); svc && cx.dest_on(d.host))
    text += " (the director sends " + svc->vip.str() + ":" + std::to_string(svc->port) + " to port " +
            std::to_string(d.packet.dport) + " of its real servers)";
  return make_cause("nothing-listening", text, d.event, h);
}

}  // namespace lvs
