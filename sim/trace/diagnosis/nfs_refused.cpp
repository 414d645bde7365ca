// nfs-refused: rpc.mountd refused a real server's MNT (the export's client list does not
// match it): mount.nfs says "access denied by server", the mount point stays empty and
// the web server has nothing to serve.
#include "sim/trace/diagnosis/kinds.hpp"

namespace lvs {

std::optional<Cause> find_nfs_refused(const DiagnosisContext& cx, const RequestFacts& q, const FlowFacts* f) {
  if (!f) return std::nullopt;
  for (const NoteFacts& n : f->notes) {
    if (n.text.find("access denied by server") == std::string::npos) continue;
    const std::string h = cx.host(n.host);
    std::string who = h;
    if (const LabDest* d = cx.dest_on(n.host)) who += " (" + d->addr.str() + ")";
    std::string text = h + "'s NFS mount was refused at " + cause_time(n.time) + " (" + n.text +
                       "): the NFS server's export (/etc/exports) does not include " + who;
    if (q.status != 0) text += ", so " + h + " answered " + std::to_string(q.status) + " with nothing mounted";
    return make_cause("nfs-refused", text, n.event, h);
  }
  return std::nullopt;
}

}  // namespace lvs
