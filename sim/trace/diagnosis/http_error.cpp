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
  // The page was looked up on an NFS mount and the server said it is not there
  // (NFS3ERR_NOENT): the file is missing on the export, not on the web server's disk.
  if (q.storage && f->served_status == 404)
    for (const NfsCallView& c : q.storage->calls)
      if (c.proc == "LOOKUP" && c.status == "NFS3ERR_NOENT") {
        text += ": the page is read over NFS from " + q.storage->server_host + " (" + q.storage->server_addr.str() +
                "), whose export does not hold it (LOOKUP: NFS3ERR_NOENT) — put it in the exported directory";
        break;
      }
  return make_cause("http-error", text, s.event, cx.host(s.host));
}

}  // namespace lvs
