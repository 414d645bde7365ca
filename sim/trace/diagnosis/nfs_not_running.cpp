// nfs-not-running: a real server's NFS mount met no NFS service on the server: mount.nfs
// says "Connection refused" (nothing is registered with rpcbind for MOUNT/NFS, or rpcbind
// itself does not answer: nfs-server.service is not running there), the mount point stays
// empty and the web server has nothing to serve.
#include "sim/trace/diagnosis/kinds.hpp"

namespace lvs {

std::optional<Cause> find_nfs_not_running(const DiagnosisContext& cx, const RequestFacts& q, const FlowFacts* f) {
  if (!f) return std::nullopt;
  static const std::string kRefused = "mount.nfs: Connection refused while mounting ";
  for (const NoteFacts& n : f->notes) {
    const auto at = n.text.find(kRefused);
    if (at == std::string::npos) continue;
    const std::string source = n.text.substr(at + kRefused.size());  // "192.168.10.103:/public"
    const std::string server = source.substr(0, source.find(':'));
    std::string who = server;
    if (const auto addr = Ipv4Addr::parse(server)) who = cx.addr_of(*addr);
    const std::string h = cx.host(n.host);
    std::string text = h + "'s NFS mount of " + source + " failed at " + cause_time(n.time) + " (" + n.text +
                       "): no NFS server runs on " + who +
                       " — start it there (systemctl start rpcbind nfs-server, and enable both)";
    if (q.status != 0) text += "; " + h + " answered " + std::to_string(q.status) + " with nothing mounted";
    return make_cause("nfs-not-running", text, n.event, h);
  }
  return std::nullopt;
}

}  // namespace lvs
