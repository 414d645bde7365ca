// http-error: the request reached a web server, which answered with an error status
// (404: the file is not there, e.g. an NFS export not mounted).
#include "sim/trace/diagnosis/kinds.hpp"

namespace lvs {

std::optional<Cause> find_http_error(const DiagnosisContext& cx, const RequestFacts& q, const FlowFacts* f) {
  if (q.status < 400 || !f || !f->served) return std::nullopt;
  const NoteFacts& s = *f->served;
  std::string text = cx.host(s.host) + " answered " + std::to_string(f->served_status) + " for " + s.text + " at " +
                     cause_time(s.time);
  for (const NoteFacts& n : f->notes)
    if (n.host == s.host && n.text.starts_with("httpd:")) {
      text += " (" + n.text + ")";
      break;
    }
  return make_cause("http-error", text, s.event, cx.host(s.host));
}

}  // namespace lvs
