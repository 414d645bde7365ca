#include "sim/trace/nfs_view.hpp"

#include <string_view>

#include "sim/trace/paths.hpp"

namespace lvs {
namespace {

// "rpc-call NFS READ xid=0x0000002a [extra]" -> program, proc, xid, extra.
bool split_rpc_note(std::string_view text, std::string_view prefix, NfsCallView* out, std::string* extra) {
  if (!text.starts_with(prefix)) return false;
  text.remove_prefix(prefix.size());
  auto word = [&text]() {
    const auto sp = text.find(' ');
    const std::string_view w = text.substr(0, sp);
    text = sp == std::string_view::npos ? std::string_view() : text.substr(sp + 1);
    return std::string(w);
  };
  out->program = word();
  out->proc = word();
  std::string xid = word();
  if (!xid.starts_with("xid=")) return false;
  out->xid = xid.substr(4);
  *extra = std::string(text);
  return true;
}

// Host owning `a` according to the trace's metadata, or kNoId.
HostId host_of(const TraceMeta& meta, Ipv4Addr a) {
  for (HostId h = 0; h < meta.hosts.size(); ++h)
    for (const auto& ifc : meta.hosts[h].interfaces)
      for (const auto& cidr : ifc.addresses)
        if (const auto p = Ipv4Prefix::parse(cidr); p && p->addr == a) return h;
  return kNoId;
}

}  // namespace

std::string RequestStorage::summary() const {
  std::size_t replies = 0, timeouts = 0;
  std::string procs;
  for (const auto& c : calls) {
    replies += c.reply_ns >= 0 && c.status != "EIO";
    timeouts += c.status == "EIO";
    procs += (procs.empty() ? "" : " ") + c.proc;
  }
  std::string s = notation + "  " + client_host + " " + client_addr.str() + " -> " + server_host + " " +
                  server_addr.str() + ": " + procs + " (" + std::to_string(calls.size()) + " calls, " +
                  std::to_string(replies) + " replies";
  if (timeouts) s += ", " + std::to_string(timeouts) + " timed out";
  return s + ")";
}

std::unordered_map<std::uint32_t, RequestStorage> storage_by_flow(const Trace& trace) {
  const TraceMeta& meta = trace.meta();
  std::unordered_map<std::uint32_t, RequestStorage> out;
  for (const auto& rec : trace.records()) {
    const auto* app = std::get_if<AppEvent>(&rec.body);
    if (!app || app->kind != AppEventKind::kNote || app->flow == 0 || app->host >= meta.hosts.size()) continue;
    const std::string& text = trace.string(app->text);
    const std::string& host = meta.hosts[app->host].name;
    NfsCallView call;
    std::string extra;
    if (split_rpc_note(text, "rpc-call ", &call, &extra) ||
        split_rpc_note(text, "rpc-call (retransmission) ", &call, &extra)) {
      RequestStorage& s = out[app->flow];
      bool seen = false;
      for (const auto& c : s.calls) seen = seen || c.xid == call.xid;
      if (seen) continue;
      if (s.calls.empty()) {
        s.client_host = host;
        s.client_addr = app->ep.local;
        s.server_addr = app->ep.remote;
        const HostId server = host_of(meta, app->ep.remote);
        s.server_host = server == kNoId ? "?" : meta.hosts[server].name;
        const std::string client_role = address_role(meta, app->host, app->ep.local);
        s.notation = client_role + "-" + (server == kNoId ? "?" : address_role(meta, server, app->ep.remote)) + "-" +
                     client_role;
      }
      call.call_ns = rec.time;
      s.calls.push_back(std::move(call));
    } else if (split_rpc_note(text, "rpc-reply ", &call, &extra) ||
               split_rpc_note(text, "rpc-timeout ", &call, &extra)) {
      for (auto& c : out[app->flow].calls)
        if (c.xid == call.xid && c.reply_ns < 0) {
          c.reply_ns = rec.time;
          c.status = extra;
        }
    } else {
      out[app->flow].notes.push_back(host + ": " + text);
    }
  }
  return out;
}

namespace {

// World notes of the storage layer start with one of these.
constexpr std::string_view kStoragePrefixes[] = {
    "nfs: ", "mount: ", "rpc.mountd: ", "nfsd: ", "exportfs: ", "exporting ", "automount: "};

bool is_storage_note(std::string_view text) {
  for (const auto p : kStoragePrefixes)
    if (text.starts_with(p)) return true;
  return false;
}

}  // namespace

bool storage_views_read(const TraceBody& body, const Trace& trace) {
  if (const auto* app = std::get_if<AppEvent>(&body)) return app->kind == AppEventKind::kNote && app->flow != 0;
  if (const auto* note = std::get_if<WorldNote>(&body)) return is_storage_note(trace.string(note->text));
  return false;
}

std::vector<StorageLogLine> storage_log(const Trace& trace) {
  std::vector<StorageLogLine> out;
  for (const auto& rec : trace.records()) {
    const auto* note = std::get_if<WorldNote>(&rec.body);
    if (!note || note->host >= trace.meta().hosts.size()) continue;
    const std::string& text = trace.string(note->text);
    if (is_storage_note(text)) out.push_back({rec.time, trace.meta().hosts[note->host].name, text});
  }
  return out;
}

}  // namespace lvs
