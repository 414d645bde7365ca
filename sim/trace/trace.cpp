#include "sim/trace/trace.hpp"

#include "sim/trace/report_digest.hpp"

namespace lvs {

const char* drop_reason_name(DropReason r) {
  switch (r) {
    case DropReason::kTxQueueFull: return "tx-queue-full";
    case DropReason::kSwitchQueueFull: return "switch-queue-full";
    case DropReason::kLinkDown: return "link-down";
    case DropReason::kHostDown: return "host-down";
    case DropReason::kNotForUs: return "not-for-us";
    case DropReason::kMalformed: return "malformed";
    case DropReason::kNoRoute: return "no-route";
    case DropReason::kNotForwarding: return "not-forwarding";
    case DropReason::kRpFilter: return "rp-filter";
    case DropReason::kMartianSource: return "martian-source";
    case DropReason::kMartianDestination: return "martian-destination";
    case DropReason::kTtlExceeded: return "ttl-exceeded";
    case DropReason::kNeighbourFailed: return "neighbour-failed";
    case DropReason::kNeighbourQueueFull: return "neighbour-queue-full";
    case DropReason::kNoSocket: return "no-socket";
    case DropReason::kUnsupportedProtocol: return "unsupported-protocol";
    case DropReason::kFragmentation: return "fragmentation";
    case DropReason::kFiltered: return "filtered";
    case DropReason::kTooBig: return "too-big";
    case DropReason::kCount: break;
  }
  return "?";
}

const char* neigh_state_name(NeighState s) {
  switch (s) {
    case NeighState::kNone: return "NONE";
    case NeighState::kIncomplete: return "INCOMPLETE";
    case NeighState::kReachable: return "REACHABLE";
    case NeighState::kStale: return "STALE";
    case NeighState::kDelay: return "DELAY";
    case NeighState::kProbe: return "PROBE";
    case NeighState::kFailed: return "FAILED";
    case NeighState::kPermanent: return "PERMANENT";
    case NeighState::kNoArp: return "NOARP";
  }
  return "?";
}

const char* arp_verdict_name(ArpVerdict v) {
  switch (v) {
    case ArpVerdict::kReplied: return "replied";
    case ArpVerdict::kIgnoredArpIgnore: return "ignored-arp_ignore";
    case ArpVerdict::kIgnoredArpFilter: return "ignored-arp_filter";
    case ArpVerdict::kNotLocal: return "not-local";
    case ArpVerdict::kRouteInputFailed: return "source-rejected";
    case ArpVerdict::kAnnounce: return "gratuitous";
  }
  return "?";
}

const char* tcp_state_name(TcpStateId s) {
  switch (s) {
    case TcpStateId::kClosed: return "CLOSED";
    case TcpStateId::kListen: return "LISTEN";
    case TcpStateId::kSynSent: return "SYN_SENT";
    case TcpStateId::kSynReceived: return "SYN_RECV";
    case TcpStateId::kEstablished: return "ESTABLISHED";
    case TcpStateId::kFinWait1: return "FIN_WAIT1";
    case TcpStateId::kFinWait2: return "FIN_WAIT2";
    case TcpStateId::kCloseWait: return "CLOSE_WAIT";
    case TcpStateId::kClosing: return "CLOSING";
    case TcpStateId::kLastAck: return "LAST_ACK";
    case TcpStateId::kTimeWait: return "TIME_WAIT";
  }
  return "?";
}

std::optional<MacOwner> TraceMeta::mac_owner(const MacAddr& mac) const {
  if (mac.is_zero()) return std::nullopt;
  for (std::size_t h = 0; h < hosts.size(); ++h)
    for (std::size_t i = 0; i < hosts[h].interfaces.size(); ++i) {
      const TraceInterfaceInfo& ifc = hosts[h].interfaces[i];
      if (ifc.mac == mac && ifc.segment != kNoId) return MacOwner{static_cast<HostId>(h), static_cast<IfIndex>(i)};
    }
  return std::nullopt;
}

Trace::Trace(TraceLevel level) : level_(level) {}
Trace::~Trace() = default;

std::uint32_t Trace::add_frame(wire::Bytes bytes) {
  if (digest_) {
    pending_frame_.assign(bytes.begin(), bytes.end());
    return frames_added_++;
  }
  const std::uint64_t offset = frame_bytes_.size();
  frame_bytes_.insert(frame_bytes_.end(), bytes.begin(), bytes.end());
  frame_offsets_.push_back((offset << 16) | static_cast<std::uint64_t>(bytes.size() & 0xffff));
  return static_cast<std::uint32_t>(frame_offsets_.size() - 1);
}

bool Trace::has_frame(std::uint32_t index) const {
  return digest_ ? kept_frames_.contains(index) : index < frame_offsets_.size();
}

wire::Bytes Trace::frame(std::uint32_t index) const {
  std::uint64_t packed = 0;
  if (digest_) {
    const auto it = kept_frames_.find(index);
    if (it == kept_frames_.end()) return wire::Bytes();
    packed = it->second;
  } else {
    packed = frame_offsets_.at(index);
  }
  return wire::Bytes(frame_bytes_.data() + (packed >> 16), packed & 0xffff);
}

void Trace::keep_frame_bytes(std::uint32_t index, wire::Bytes bytes) {
  const std::uint64_t offset = frame_bytes_.size();
  frame_bytes_.insert(frame_bytes_.end(), bytes.begin(), bytes.end());
  kept_frames_[index] = (offset << 16) | static_cast<std::uint64_t>(bytes.size() & 0xffff);
}

void Trace::start_digest() {
  if (level_ != TraceLevel::kReport || digest_) return;
  // Frame indices go on from those already kept (the build phase keeps everything).
  for (std::uint32_t i = 0; i < frame_offsets_.size(); ++i) kept_frames_[i] = frame_offsets_[i];
  frames_added_ = static_cast<std::uint32_t>(frame_offsets_.size());
  frame_offsets_.clear();
  for (std::uint64_t n = 0; n < records_.size(); ++n) kept_numbers_.push_back(n);
  digest_ = std::make_unique<ReportDigest>(*this);
}

const PathBuilder* Trace::online_paths() const { return digest_ ? &digest_->paths() : nullptr; }
const DiagnosisEvidence* Trace::online_evidence() const { return digest_ ? &digest_->evidence() : nullptr; }

namespace {

// The string a record refers to, if any.
std::optional<std::uint32_t> text_of(const TraceBody& body) {
  if (const auto* n = std::get_if<WorldNote>(&body)) return n->text;
  if (const auto* a = std::get_if<AppEvent>(&body)) return a->text;
  if (const auto* r = std::get_if<IpvsRules>(&body)) return r->text;
  return std::nullopt;
}

}  // namespace

// Every add_string() is followed by the record that uses it: a record not kept gives its
// string back, so the string table holds only the kept records' text.
void Trace::digest_record(SimTime t, const TraceBody& body) {
  const TraceRecord rec{t, body};
  const auto* tx = std::get_if<FrameTx>(&body);
  const bool pending = tx && tx->frame + 1 == frames_added_;
  const wire::Bytes frame = pending ? wire::Bytes(pending_frame_.data(), pending_frame_.size()) : wire::Bytes();
  const ReportDigest::Verdict v = digest_->take(rec, frame, records_made_ - 1);
  if (v.keep_frame && pending) keep_frame_bytes(tx->frame, frame);
  if (v.keep_record) {
    records_.push_back(rec);
    kept_numbers_.push_back(records_made_ - 1);
    return;
  }
  if (const auto text = text_of(body); text && *text + 1 == strings_.size()) strings_.pop_back();
}

std::uint32_t Trace::add_string(std::string_view s) {
  strings_.emplace_back(s);
  return static_cast<std::uint32_t>(strings_.size() - 1);
}

void Trace::add_lazy_timers(LazyTimers* timers) {
  if (enabled()) lazy_timers_.push_back(timers);
}

void Trace::remove_lazy_timers(LazyTimers* timers) { std::erase(lazy_timers_, timers); }

void Trace::run_lazy_timers(SimTime now) {
  if (running_lazy_timers_) return;
  running_lazy_timers_ = true;
  for (LazyTimers* timers : lazy_timers_) timers->run_timers(now);
  running_lazy_timers_ = false;
}

std::uint32_t Trace::add_ipvs_tables(TraceIpvsTables tables) {
  ipvs_tables_.push_back(std::move(tables));
  return static_cast<std::uint32_t>(ipvs_tables_.size() - 1);
}

std::uint32_t Trace::add_host_config(TraceHostConfig config) {
  host_configs_.push_back(std::move(config));
  return static_cast<std::uint32_t>(host_configs_.size() - 1);
}

}  // namespace lvs
