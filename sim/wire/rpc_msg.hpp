#pragma once
// ONC RPC version 2 message headers (RFC 5531 section 9): a CALL names program,
// version and procedure and carries credentials (AUTH_NONE or AUTH_SYS, section 14 /
// appendix A); a REPLY is accepted (with an accept_stat) or denied.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/wire/xdr.hpp"

namespace lvs::wire {

inline constexpr std::uint32_t kRpcVersion = 2;
enum RpcMsgType : std::uint32_t { kRpcCall = 0, kRpcReply = 1 };
enum RpcAuthFlavor : std::uint32_t { kAuthNone = 0, kAuthSys = 1 };
enum RpcReplyStat : std::uint32_t { kMsgAccepted = 0, kMsgDenied = 1 };
enum RpcAcceptStat : std::uint32_t {
  kRpcSuccess = 0,
  kProgUnavail = 1,
  kProgMismatch = 2,
  kProcUnavail = 3,
  kGarbageArgs = 4,
  kSystemErr = 5
};
enum RpcRejectStat : std::uint32_t { kRpcMismatch = 0, kAuthError = 1 };

// AUTH_SYS credentials (what a Linux client sends: the host name and the caller's ids).
struct AuthSys {
  std::uint32_t stamp = 0;
  std::string machine;
  std::uint32_t uid = 0, gid = 0;
  std::vector<std::uint32_t> gids;
};

struct RpcCallHeader {
  std::uint32_t xid = 0;
  std::uint32_t prog = 0, vers = 0, proc = 0;
  std::uint32_t cred_flavor = kAuthNone;
  AuthSys sys;  // when cred_flavor == kAuthSys
};

struct RpcReplyHeader {
  std::uint32_t xid = 0;
  std::uint32_t reply_stat = kMsgAccepted;
  std::uint32_t stat = kRpcSuccess;  // accept_stat, or reject_stat when denied
  std::uint32_t low = 0, high = 0;   // PROG_MISMATCH / RPC_MISMATCH versions
};

void encode_call_header(XdrWriter& w, const RpcCallHeader& h);
void encode_reply_header(XdrWriter& w, const RpcReplyHeader& h);  // verifier AUTH_NONE
// Parse a header; the reader is left at the procedure's arguments / results.
// nullopt when the message is not a well-formed CALL / REPLY.
std::optional<RpcCallHeader> parse_call_header(XdrReader& r);
std::optional<RpcReplyHeader> parse_reply_header(XdrReader& r);

}  // namespace lvs::wire
