// autofs-not-running: the web server's pages are on an NFS export that autofs mounts on
// demand (/etc/auto.master), but autofs does not run on that host: nothing is mounted
// there, so the files are missing and the web server answers 404.
#include "sim/trace/diagnosis/kinds.hpp"

namespace lvs {

std::optional<Cause> find_autofs_not_running(const DiagnosisContext& cx, const RequestFacts& q, const FlowFacts* f) {
  if (q.status < 400 || !f || !f->served || f->served->host >= cx.meta().hosts.size()) return std::nullopt;
  const NoteFacts& s = *f->served;
  const auto& idle = cx.meta().hosts[s.host].idle_automounts;
  if (idle.empty()) return std::nullopt;
  std::string points;
  for (const auto& p : idle) points += (points.empty() ? "" : ", ") + p;
  const std::string h = cx.host(s.host);
  return make_cause("autofs-not-running",
                    h + " answered " + std::to_string(f->served_status) + " for " + s.text + " at " +
                        cause_time(s.time) + ": its /etc/auto.master mounts " + points +
                        " on demand, but autofs is not running on " + h +
                        ", so nothing is mounted there — start it (systemctl enable --now autofs)",
                    s.event, h);
}

}  // namespace lvs
