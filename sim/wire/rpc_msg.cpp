#include "sim/wire/rpc_msg.hpp"

namespace lvs::wire {
namespace {

constexpr std::size_t kMaxAuthBody = 400;  // RFC 5531: opaque body<400>
constexpr std::size_t kMaxMachineName = 255;
constexpr std::size_t kMaxAuthGids = 16;

void encode_auth_sys(XdrWriter& w, const AuthSys& a) {
  std::vector<std::uint8_t> body;
  XdrWriter b(body);
  b.u32(a.stamp);
  b.string(a.machine);
  b.u32(a.uid);
  b.u32(a.gid);
  b.u32(static_cast<std::uint32_t>(a.gids.size()));
  for (auto g : a.gids) b.u32(g);
  w.u32(kAuthSys);
  w.opaque(body);
}

bool parse_auth_sys(Bytes body, AuthSys* out) {
  XdrReader r(body);
  out->stamp = r.u32();
  out->machine = r.string(kMaxMachineName);
  out->uid = r.u32();
  out->gid = r.u32();
  const std::uint32_t n = r.u32();
  if (n > kMaxAuthGids) return false;
  out->gids.clear();
  for (std::uint32_t i = 0; i < n; ++i) out->gids.push_back(r.u32());
  return r.ok() && r.remaining() == 0;
}

}  // namespace

void encode_call_header(XdrWriter& w, const RpcCallHeader& h) {
  w.u32(h.xid);
  w.u32(kRpcCall);
  w.u32(kRpcVersion);
  w.u32(h.prog);
  w.u32(h.vers);
  w.u32(h.proc);
  if (h.cred_flavor == kAuthSys) {
    encode_auth_sys(w, h.sys);
  } else {
    w.u32(kAuthNone);
    w.u32(0);
  }
  w.u32(kAuthNone);  // verifier
  w.u32(0);
}

void encode_reply_header(XdrWriter& w, const RpcReplyHeader& h) {
  w.u32(h.xid);
  w.u32(kRpcReply);
  w.u32(h.reply_stat);
  if (h.reply_stat == kMsgDenied) {
    w.u32(h.stat);
    if (h.stat == kRpcMismatch) {
      w.u32(h.low);
      w.u32(h.high);
    } else {
      w.u32(h.low);  // auth_stat
    }
    return;
  }
  w.u32(kAuthNone);  // verifier
  w.u32(0);
  w.u32(h.stat);
  if (h.stat == kProgMismatch) {
    w.u32(h.low);
    w.u32(h.high);
  }
}

std::optional<RpcCallHeader> parse_call_header(XdrReader& r) {
  RpcCallHeader h;
  h.xid = r.u32();
  if (r.u32() != kRpcCall || !r.ok()) return std::nullopt;
  if (r.u32() != kRpcVersion) return std::nullopt;
  h.prog = r.u32();
  h.vers = r.u32();
  h.proc = r.u32();
  h.cred_flavor = r.u32();
  const Bytes cred = r.opaque(kMaxAuthBody);
  r.u32();  // verifier flavor
  r.opaque(kMaxAuthBody);
  if (!r.ok()) return std::nullopt;
  if (h.cred_flavor == kAuthSys && !parse_auth_sys(cred, &h.sys)) return std::nullopt;
  return h;
}

std::optional<RpcReplyHeader> parse_reply_header(XdrReader& r) {
  RpcReplyHeader h;
  h.xid = r.u32();
  if (r.u32() != kRpcReply || !r.ok()) return std::nullopt;
  h.reply_stat = r.u32();
  if (h.reply_stat == kMsgDenied) {
    h.stat = r.u32();
    h.low = r.u32();
    if (h.stat == kRpcMismatch) h.high = r.u32();
  } else if (h.reply_stat == kMsgAccepted) {
    r.u32();  // verifier
    r.opaque(kMaxAuthBody);
    h.stat = r.u32();
    if (h.stat == kProgMismatch) {
      h.low = r.u32();
      h.high = r.u32();
    }
  } else {
    return std::nullopt;
  }
  if (!r.ok()) return std::nullopt;
  return h;
}

}  // namespace lvs::wire
