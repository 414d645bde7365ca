#include "sim/trace/jsonl.hpp"

#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <variant>

#include "sim/wire/summary.hpp"

namespace lvs {

using Json = nlohmann::ordered_json;

const char* route_kind_name(RouteKind k) {
  switch (k) {
    case RouteKind::kLocal: return "local";
    case RouteKind::kForward: return "forward";
    case RouteKind::kOutput: return "output";
    case RouteKind::kUnreachable: return "unreachable";
  }
  return "?";
}

const char* app_event_kind_name(AppEventKind k) {
  switch (k) {
    case AppEventKind::kRequestStart: return "request-start";
    case AppEventKind::kRequestDone: return "request-done";
    case AppEventKind::kRequestFailed: return "request-failed";
    case AppEventKind::kServed: return "served";
    case AppEventKind::kNote: return "note";
  }
  return "?";
}

namespace {

// Fixed by the variant's alternative order (TraceBody).
constexpr const char* kRecordTypes[] = {
    "frame_tx", "frame_wire", "frame_rx", "drop",      "neigh",      "arp",         "route",       "tcp_state",
    "tcp_rtx",  "app",        "note",     "ipvs_conn", "ipvs_rules", "host_config", "ipvs_expire", "ipvs_dest_conns"};
static_assert(std::size(kRecordTypes) == std::variant_size_v<TraceBody>);

// Id -> name through the meta; ids outside it get a generated name ("host7") so that a
// partial meta still gives readable output. kNoId -> empty.
class Names {
 public:
  explicit Names(const TraceMeta& meta) : meta_(meta) {}

  std::string host(HostId h) const {
    if (h == kNoId) return {};
    return h < meta_.hosts.size() ? meta_.hosts[h].name : "host" + std::to_string(h);
  }
  std::string iface(HostId h, IfIndex i) const {
    if (i == kNoId) return {};
    if (h < meta_.hosts.size() && i < meta_.hosts[h].interfaces.size()) return meta_.hosts[h].interfaces[i].name;
    return "if" + std::to_string(i);
  }
  std::string segment(SegmentId s) const {
    if (s == kNoId) return {};
    return s < meta_.segments.size() ? meta_.segments[s].name : "segment" + std::to_string(s);
  }

 private:
  const TraceMeta& meta_;
};

Json name_or_null(const std::string& name) { return name.empty() ? Json(nullptr) : Json(name); }

std::string endpoint_text(Ipv4Addr a, std::uint16_t port) { return a.str() + ":" + std::to_string(port); }

bool has_frame(const Trace& trace, std::uint32_t frame) { return frame < trace.frame_count(); }

std::string frame_summary(const Trace& trace, std::uint32_t frame) {
  return has_frame(trace, frame) ? wire::summarize_frame(trace.frame(frame)) : std::string("(no frame)");
}

// "frame", "len", "summary" of a frame record (null when the index is not in the arena).
void add_frame_fields(Json& j, const Trace& trace, std::uint32_t frame) {
  if (!has_frame(trace, frame)) {
    j["frame"] = nullptr;
    j["len"] = nullptr;
    j["summary"] = nullptr;
    return;
  }
  const wire::Bytes bytes = trace.frame(frame);
  j["frame"] = frame;
  j["len"] = bytes.size();
  j["summary"] = wire::summarize_frame(bytes);
}

void add_endpoint(Json& j, const Endpoint4& ep) {
  j["local"] = ep.local.str();
  j["local_port"] = ep.local_port;
  j["remote"] = ep.remote.str();
  j["remote_port"] = ep.remote_port;
}

// One record's fields after "t" and "type".
class RecordJson {
 public:
  RecordJson(const Trace& trace, Json& j) : trace_(trace), names_(trace.meta()), j_(j) {}

  void operator()(const FrameTx& r) { host_frame(r.host, r.iface, r.frame, r.packet_id, r.flow); }
  void operator()(const FrameRx& r) { host_frame(r.host, r.iface, r.frame, r.packet_id, r.flow); }
  void operator()(const FrameWire& r) {
    j_["segment"] = name_or_null(names_.segment(r.segment));
    add_frame_fields(j_, trace_, r.frame);
  }
  void operator()(const FrameDrop& r) {
    j_["host"] = name_or_null(names_.host(r.host));
    j_["iface"] = name_or_null(names_.iface(r.host, r.iface));
    j_["segment"] = name_or_null(names_.segment(r.segment));
    j_["reason"] = drop_reason_name(r.reason);
    add_frame_fields(j_, trace_, r.frame);
    j_["packet_id"] = r.packet_id;
    j_["flow"] = r.flow;
  }
  void operator()(const NeighChange& r) {
    host_iface(r.host, r.iface);
    j_["ip"] = r.ip.str();
    j_["from"] = neigh_state_name(r.from);
    j_["to"] = neigh_state_name(r.to);
    j_["mac"] = r.mac.str();
    j_["old_mac"] = r.old_mac.str();
  }
  void operator()(const ArpDecision& r) {
    host_iface(r.host, r.iface);
    j_["sender_ip"] = r.sender_ip.str();
    j_["target_ip"] = r.target_ip.str();
    j_["sender_mac"] = r.sender_mac.str();
    j_["verdict"] = arp_verdict_name(r.verdict);
    j_["arp_ignore"] = r.arp_ignore;
  }
  void operator()(const RouteDecision& r) {
    j_["host"] = name_or_null(names_.host(r.host));
    j_["kind"] = route_kind_name(r.kind);
    j_["out_iface"] = name_or_null(names_.iface(r.host, r.out_iface));
    j_["dst"] = r.dst.str();
    j_["next_hop"] = r.next_hop.str();
    j_["packet_id"] = r.packet_id;
    j_["flow"] = r.flow;
  }
  void operator()(const TcpStateChange& r) {
    j_["host"] = name_or_null(names_.host(r.host));
    add_endpoint(j_, r.ep);
    j_["from"] = tcp_state_name(r.from);
    j_["to"] = tcp_state_name(r.to);
    j_["flow"] = r.flow;
  }
  void operator()(const TcpRetransmit& r) {
    j_["host"] = name_or_null(names_.host(r.host));
    add_endpoint(j_, r.ep);
    j_["seq"] = r.seq;
    j_["rto"] = r.rto;
    j_["flow"] = r.flow;
  }
  void operator()(const AppEvent& r) {
    j_["host"] = name_or_null(names_.host(r.host));
    j_["kind"] = app_event_kind_name(r.kind);
    j_["flow"] = r.flow;
    j_["status"] = r.status;
    j_["text"] = trace_.string(r.text);
    add_endpoint(j_, r.ep);
  }
  void operator()(const WorldNote& r) {
    j_["host"] = name_or_null(names_.host(r.host));
    j_["text"] = trace_.string(r.text);
  }
  void operator()(const IpvsConnUpdate& r) {
    j_["host"] = name_or_null(names_.host(r.host));
    j_["seq"] = r.seq;
    j_["control_seq"] = r.control_seq;
    j_["ipproto"] = r.ipproto;
    j_["client"] = endpoint_text(r.caddr, r.cport);
    j_["virtual"] = endpoint_text(r.vaddr, r.vport);
    j_["dest"] = endpoint_text(r.daddr, r.dport);
    j_["state_id"] = r.state;
    j_["template"] = (r.flags & kIpvsConnTemplate) != 0;
    j_["inactive"] = (r.flags & kIpvsConnInactive) != 0;
    j_["expires"] = r.expires;
  }
  void operator()(const IpvsRules& r) {
    j_["host"] = name_or_null(names_.host(r.host));
    j_["text"] = trace_.string(r.text);
  }
  void operator()(const IpvsConnExpire& r) {
    j_["host"] = name_or_null(names_.host(r.host));
    j_["seq"] = r.seq;
    j_["freed"] = r.freed;
    j_["n_control"] = r.n_control;
    j_["expires"] = r.freed ? Json(nullptr) : Json(r.expires);
  }
  void operator()(const IpvsDestConns& r) {
    j_["host"] = name_or_null(names_.host(r.host));
    j_["dest_id"] = r.dest;
    j_["dest"] = endpoint_text(r.addr, r.port);
    j_["active"] = r.active;
    j_["inactive"] = r.inactive;
    j_["persist"] = r.persist;
  }
  void operator()(const HostConfigChange& r) {
    j_["host"] = name_or_null(names_.host(r.host));
    const TraceHostConfig& c = trace_.host_config(r.config);
    j_["addresses"] = c.addresses;
    j_["routes"] = c.routes;
    j_["sysctls"] = c.sysctls;
  }

 private:
  void host_iface(HostId h, IfIndex i) {
    j_["host"] = name_or_null(names_.host(h));
    j_["iface"] = name_or_null(names_.iface(h, i));
  }
  void host_frame(HostId h, IfIndex i, std::uint32_t frame, std::uint32_t packet_id, std::uint32_t flow) {
    host_iface(h, i);
    add_frame_fields(j_, trace_, frame);
    j_["packet_id"] = packet_id;
    j_["flow"] = flow;
  }

  const Trace& trace_;
  Names names_;
  Json& j_;
};

Json meta_json(const TraceMeta& meta) {
  const Names names(meta);
  Json j;
  j["type"] = "meta";
  j["scenario"] = meta.scenario;
  j["seed"] = meta.seed;
  Json hosts = Json::array();
  for (const TraceHostInfo& h : meta.hosts) {
    Json host;
    host["name"] = h.name;
    host["role"] = h.role;
    Json ifaces = Json::array();
    for (const TraceInterfaceInfo& i : h.interfaces) {
      Json iface;
      iface["name"] = i.name;
      iface["mac"] = i.mac.str();
      iface["segment"] = name_or_null(names.segment(i.segment));
      iface["addresses"] = i.addresses;
      ifaces.push_back(std::move(iface));
    }
    host["interfaces"] = std::move(ifaces);
    hosts.push_back(std::move(host));
  }
  j["hosts"] = std::move(hosts);
  Json segments = Json::array();
  for (const TraceSegmentInfo& s : meta.segments) segments.push_back(Json{{"name", s.name}});
  j["segments"] = std::move(segments);
  return j;
}

// Compact, and invalid UTF-8 (application text is arbitrary bytes) replaced by U+FFFD
// instead of throwing.
void write_line(std::ostream& out, const Json& j) {
  out << j.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace

const char* record_type_name(const TraceBody& body) { return kRecordTypes[body.index()]; }

void write_jsonl(const Trace& trace, std::ostream& out) {
  write_line(out, meta_json(trace.meta()));
  for (const TraceRecord& rec : trace.records()) {
    if (!out) return;  // a failed write (full disk): the caller reports it; stop formatting
    Json j;
    j["t"] = rec.time;
    j["type"] = record_type_name(rec.body);
    std::visit(RecordJson(trace, j), rec.body);
    write_line(out, j);
  }
}

// --- human lines -----------------------------------------------------------------------

namespace {

class Describe {
 public:
  explicit Describe(const Trace& trace) : trace_(trace), names_(trace.meta()) {}

  std::string operator()(const FrameTx& r) const {
    return at(r.host, r.iface) + " tx " + frame_summary(trace_, r.frame);
  }
  std::string operator()(const FrameRx& r) const {
    return at(r.host, r.iface) + " rx " + frame_summary(trace_, r.frame);
  }
  std::string operator()(const FrameWire& r) const {
    return names_.segment(r.segment) + " wire " + frame_summary(trace_, r.frame);
  }
  std::string operator()(const FrameDrop& r) const {
    const std::string where = r.host != kNoId ? at(r.host, r.iface) : names_.segment(r.segment);
    return where + " drop " + drop_reason_name(r.reason) + ": " + frame_summary(trace_, r.frame);
  }
  std::string operator()(const NeighChange& r) const {
    std::string s =
        at(r.host, r.iface) + " neigh " + r.ip.str() + " " + neigh_state_name(r.from) + " -> " + neigh_state_name(r.to);
    if (!r.mac.is_zero()) s += " lladdr " + r.mac.str();
    if (!r.old_mac.is_zero() && r.old_mac != r.mac) s += " (was " + r.old_mac.str() + ")";
    return s;
  }
  std::string operator()(const ArpDecision& r) const {
    return at(r.host, r.iface) + " arp who-has " + r.target_ip.str() + " tell " + r.sender_ip.str() + " (" +
           r.sender_mac.str() + "): " + arp_verdict_name(r.verdict) + " (arp_ignore=" + std::to_string(r.arp_ignore) +
           ")";
  }
  std::string operator()(const RouteDecision& r) const {
    std::string s = names_.host(r.host) + " route " + r.dst.str() + " " + route_kind_name(r.kind);
    if (!r.next_hop.is_unspecified() && r.next_hop != r.dst) s += " via " + r.next_hop.str();
    if (r.out_iface != kNoId) s += " dev " + names_.iface(r.host, r.out_iface);
    return s;
  }
  std::string operator()(const TcpStateChange& r) const {
    return names_.host(r.host) + " tcp " + conn(r.ep) + " " + tcp_state_name(r.from) + " -> " + tcp_state_name(r.to);
  }
  std::string operator()(const TcpRetransmit& r) const {
    return names_.host(r.host) + " tcp " + conn(r.ep) + " retransmit seq " + std::to_string(r.seq) + " rto " +
           format_duration(r.rto);
  }
  std::string operator()(const AppEvent& r) const {
    std::string s = names_.host(r.host) + " app " + app_event_kind_name(r.kind);
    if (r.flow != 0) s += " flow " + std::to_string(r.flow);
    if (r.status != 0) s += " status " + std::to_string(r.status);
    const std::string& text = trace_.string(r.text);
    if (!text.empty()) s += ": " + text;
    return s;
  }
  std::string operator()(const WorldNote& r) const {
    return (r.host != kNoId ? names_.host(r.host) : std::string("world")) + " note: " + trace_.string(r.text);
  }
  std::string operator()(const IpvsConnUpdate& r) const {
    std::string s = names_.host(r.host) + " ipvs conn #" + std::to_string(r.seq) + " " +
                    endpoint_text(r.caddr, r.cport) + " -> " + endpoint_text(r.vaddr, r.vport) + " -> " +
                    endpoint_text(r.daddr, r.dport);
    if ((r.flags & kIpvsConnTemplate) != 0) s += " template";
    return s + " state " + std::to_string(r.state) + " expires " + format_duration(r.expires);
  }
  std::string operator()(const IpvsRules& r) const {
    return names_.host(r.host) + " ipvs rules: " + std::to_string(trace_.string(r.text).size()) + " bytes";
  }
  std::string operator()(const HostConfigChange& r) const { return names_.host(r.host) + " configuration changed"; }
  std::string operator()(const IpvsConnExpire& r) const {
    const std::string s = names_.host(r.host) + " ipvs conn #" + std::to_string(r.seq) + " timer expired: ";
    if (r.freed) return s + "freed";
    return s + "template still controls " + std::to_string(r.n_control) + ", re-armed, expires " +
           format_duration(r.expires);
  }
  std::string operator()(const IpvsDestConns& r) const {
    return names_.host(r.host) + " ipvs dest " + endpoint_text(r.addr, r.port) + " ActiveConn " +
           std::to_string(r.active) + " InActConn " + std::to_string(r.inactive) + " PersistConn " +
           std::to_string(r.persist);
  }

 private:
  std::string at(HostId h, IfIndex i) const { return names_.host(h) + " " + names_.iface(h, i); }
  static std::string conn(const Endpoint4& ep) {
    return endpoint_text(ep.local, ep.local_port) + " > " + endpoint_text(ep.remote, ep.remote_port);
  }

  const Trace& trace_;
  Names names_;
};

}  // namespace

std::string describe_record(const Trace& trace, const TraceRecord& record) {
  return std::visit(Describe(trace), record.body);
}

}  // namespace lvs
