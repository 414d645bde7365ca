#include "sim/apps/rpc_client.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>

#include "sim/apps/app_note.hpp"
#include "sim/net/host.hpp"
#include "sim/wire/nfs3_proto.hpp"

namespace lvs {
namespace {

constexpr std::uint16_t kMinResvPort = 665;         // xprt_min_resvport
constexpr std::uint16_t kMaxResvPort = 1023;        // xprt_max_resvport
constexpr SimTime kInitReestablish = 3 * kSecond;   // XS_TCP_INIT_REEST_TO
constexpr SimTime kMaxReestablish = 300 * kSecond;  // XS_TCP_MAX_REEST_TO

std::string hex_xid(std::uint32_t xid) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08x", xid);
  return buf;
}

}  // namespace

RpcClient::RpcClient(Host& host, RpcClientConfig config) : host_(host), config_(std::move(config)) {
  next_xid_ = static_cast<std::uint32_t>(host_.rng().next());  // xprt_init_xid(): random start
}

RpcClient::~RpcClient() = default;

std::size_t RpcClient::pending() const {
  std::size_t n = 0;
  for (const auto& c : calls_) n += c->live;
  return n;
}

std::string RpcClient::program_label(std::uint32_t prog) const {
  return prog == wire::kNfsProgram ? "NFS" : prog == wire::kMountProgram ? "MOUNT" : std::to_string(prog);
}

std::string RpcClient::proc_label(std::uint32_t prog, std::uint32_t proc) const {
  if (prog == wire::kNfsProgram) return wire::nfs_proc_name(proc);
  if (prog == wire::kMountProgram) return wire::mount_proc_name(proc);
  return std::to_string(proc);
}

void RpcClient::note_call(const Call& call, const char* what, std::string_view extra) const {
  Endpoint4 ep{};
  if (conn_) ep = conn_->endpoint();
  else ep.remote = config_.server, ep.remote_port = config_.port;
  app_note(host_, call.flow, ep, [&] {
    std::string s = std::string(what) + " " + program_label(call.prog) + " " + proc_label(call.prog, call.proc) +
                    " xid=" + hex_xid(call.xid);
    if (!extra.empty()) s += " " + std::string(extra);
    return s;
  });
}

void RpcClient::call(std::uint32_t prog, std::uint32_t vers, std::uint32_t proc, const std::vector<std::uint8_t>& args,
                     std::uint32_t flow, Done done, const wire::AuthSys* cred) {
  std::uint32_t slot = 0;
  while (slot < calls_.size() && calls_[slot]->live) ++slot;
  if (slot == calls_.size()) calls_.push_back(std::make_unique<Call>());
  Call& c = *calls_[slot];
  c = Call{};
  c.live = true;
  c.slot = slot;
  c.serial = ++serials_;
  c.xid = next_xid_++;
  c.prog = prog;
  c.proc = proc;
  c.flow = flow;
  c.done = std::move(done);
  c.timeout = config_.timeout.initval;
  c.major_at = host_.now() + config_.timeout.major_span();
  std::vector<std::uint8_t> msg;
  wire::XdrWriter w(msg);
  wire::RpcCallHeader h;
  h.xid = c.xid;
  h.prog = prog;
  h.vers = vers;
  h.proc = proc;
  h.cred_flavor = wire::kAuthSys;
  h.sys = cred ? *cred : config_.cred;
  wire::encode_call_header(w, h);
  msg.insert(msg.end(), args.begin(), args.end());
  c.record = wire::rpc_record(msg);
  host_.sim().schedule_in(c.timeout, this, kCallTimer, slot, c.serial);
  if (state_ == State::kConnected) send(c);
  else if (state_ == State::kIdle) connect();
}

void RpcClient::send(Call& call) {
  if (!conn_ || call.sent_on == conn_gen_) return;
  note_call(call, call.sent_on == 0 ? "rpc-call" : "rpc-call (retransmission)", {});
  call.sent_on = conn_gen_;
  conn_->set_flow(call.flow);
  conn_->send(wire::Bytes(call.record.data(), call.record.size()));
}

// xs_tcp_setup_socket(): bind the reserved port (the previous one when free), connect.
void RpcClient::connect() {
  if (state_ == State::kShutdown) return;
  if (src_port_ == 0)
    src_port_ = static_cast<std::uint16_t>(kMinResvPort + host_.rng().below(kMaxResvPort - kMinResvPort + 1));
  reader_.clear();
  for (int tries = 0; tries <= kMaxResvPort - kMinResvPort; ++tries) {
    RouteError err = RouteError::kNone;
    conn_ = host_.tcp().connect(config_.server, config_.port, this, 0, Ipv4Addr(), src_port_, &err);
    if (conn_) {
      state_ = State::kConnecting;
      return;
    }
    if (err != RouteError::kNone) break;  // no route, or a broadcast address: no port will help
    src_port_ =
        src_port_ <= kMinResvPort ? kMaxResvPort : static_cast<std::uint16_t>(src_port_ - 1);  // xs_next_srcport
  }
  state_ = State::kIdle;
  connection_lost(false);
}

void RpcClient::on_connected(TcpConnection& c) {
  if (&c != conn_) return;
  state_ = State::kConnected;
  ++conn_gen_;
  reestablish_ = 0;
  // Calls waiting for the connection go out in XID order (the order they were made).
  std::vector<Call*> waiting;
  for (auto& call : calls_)
    if (call->live) waiting.push_back(call.get());
  std::sort(waiting.begin(), waiting.end(), [](const Call* a, const Call* b) { return a->serial < b->serial; });
  for (Call* call : waiting) send(*call);
}

void RpcClient::on_data(TcpConnection& c, wire::Bytes data) {
  if (&c != conn_) return;
  reader_.feed(data);
  for (;;) {
    const auto status = reader_.next(&record_);
    if (status == wire::RpcRecordReader::Status::kNeedMore) return;
    if (status == wire::RpcRecordReader::Status::kError) {  // a broken stream: start over
      c.abort();
      return;
    }
    wire::XdrReader r(wire::Bytes(record_.data(), record_.size()));
    const auto header = wire::parse_reply_header(r);
    if (!header) continue;  // not a reply: ignored (xs_tcp_read_reply)
    for (auto& call : calls_) {
      if (!call->live || call->xid != header->xid) continue;
      RpcCallResult result;
      result.header = *header;
      const std::size_t at = r.position();
      result.body.assign(record_.begin() + static_cast<std::ptrdiff_t>(at), record_.end());
      finish(*call, std::move(result));
      break;
    }
    if (state_ != State::kConnected || conn_ != &c) return;  // a callback shut us down
  }
}

void RpcClient::finish(Call& call, RpcCallResult&& result) {
  call.live = false;
  if (result.error == 0) {
    std::string status;
    if (result.header.reply_stat != wire::kMsgAccepted) status = "MSG_DENIED";
    else if (result.header.stat != wire::kRpcSuccess) status = "accept_stat=" + std::to_string(result.header.stat);
    else if (result.body.size() >= 4 && call.proc != 0 &&
             !(call.prog == wire::kMountProgram && call.proc == wire::kMountUmnt))
      status = wire::nfs_stat_name(wire::get32(result.body.data()));
    note_call(call, "rpc-reply", status);
    if (call.major_seen && host_.tracing())
      host_.note(config_.program_name + ": server " + config_.server.str() + " OK");
  }
  Done done = std::move(call.done);
  call.done = nullptr;
  if (done) done(std::move(result));
}

void RpcClient::on_event(const Event& ev) {
  if (ev.kind == kReconnect) {
    if (ev.b == reconnect_serial_ && state_ == State::kIdle && pending() > 0) connect();
    return;
  }
  if (ev.kind != kCallTimer || ev.a >= calls_.size()) return;
  Call& call = *calls_[ev.a];
  if (!call.live || call.serial != ev.b || state_ == State::kShutdown) return;
  timer(call);
}

// call_timeout() with xprt_adjust_timeout().
void RpcClient::timer(Call& call) {
  const RpcTimeout& to = config_.timeout;
  if (host_.now() >= call.major_at) {
    if (config_.soft) {
      if (host_.tracing())
        host_.note(config_.program_name + ": server " + config_.server.str() + " not responding, timed out");
      note_call(call, "rpc-timeout", "EIO");
      RpcCallResult r;
      r.error = EIO;
      return finish(call, std::move(r));
    }
    if (!call.major_seen && host_.tracing())
      host_.note(config_.program_name + ": server " + config_.server.str() + " not responding, still trying");
    call.major_seen = true;
    call.timeout = to.initval;
    call.retries = 0;
    call.major_at = host_.now() + to.major_span();
  } else {
    call.timeout = std::min(call.timeout + to.increment, to.maxval);
    ++call.retries;
  }
  if (state_ == State::kIdle) connect();
  host_.sim().schedule_in(call.timeout, this, kCallTimer, call.slot, call.serial);
}

void RpcClient::on_peer_closed(TcpConnection& c) {
  // xs_tcp_state_change(TCP_CLOSE_WAIT): the server closed; close our side too.
  if (&c == conn_) c.close();
}

void RpcClient::on_closed(TcpConnection& c, TcpCloseReason reason) {
  if (&c != conn_) return;
  conn_ = nullptr;
  const bool was_connected = state_ == State::kConnected;
  if (state_ == State::kShutdown) return;
  state_ = State::kIdle;
  if (reason == TcpCloseReason::kHostDown) return;  // our host stopped: the owner resets us
  if (!was_connected && config_.soft_connect) {
    fail_all(reason == TcpCloseReason::kReset         ? ECONNREFUSED
             : reason == TcpCloseReason::kUnreachable ? EHOSTUNREACH
                                                      : ETIMEDOUT);
    return;
  }
  connection_lost(was_connected);
}

void RpcClient::connection_lost(bool was_connected) {
  if (pending() == 0) return;
  if (!was_connected && config_.soft_connect) return fail_all(ENETUNREACH);
  const SimTime delay = reestablish_;
  reestablish_ = reestablish_ == 0 ? kInitReestablish : std::min(reestablish_ * 2, kMaxReestablish);
  host_.sim().schedule_in(delay, this, kReconnect, 0, ++reconnect_serial_);
}

void RpcClient::fail_all(int error) {
  for (std::size_t i = 0; i < calls_.size(); ++i) {  // callbacks may add calls
    if (!calls_[i]->live) continue;
    RpcCallResult r;
    r.error = error;
    finish(*calls_[i], std::move(r));
  }
}

void RpcClient::shutdown() {
  state_ = State::kShutdown;
  for (auto& call : calls_) {
    call->live = false;
    call->done = nullptr;
  }
  if (conn_) conn_->close();
}

}  // namespace lvs
