// Fuzz target: NFS over ONC RPC as lvslab's NFS server and client decode it: the TCP
// byte stream cut into records (RFC 5531 record marking), each record's RPC CALL or
// REPLY header (AUTH_SYS credentials included) and the MOUNT / NFSv3 arguments and
// results of every procedure modelled (sim/wire/rpc_record, rpc_msg, nfs3_proto, xdr).
//
// Input: byte 0 says how the stream is fed (a piece size, to check reassembly does not
// depend on how TCP cuts the stream); the rest is the stream.
// Invariants beyond "does not crash":
//  * the records are the same whether the stream arrives at once or in pieces;
//  * every header, argument and result decoded re-encodes to bytes that decode to the
//    same values, consuming exactly what was written (XDR round trip).
#include <vector>

#include "sim/wire/nfs3_proto.hpp"
#include "sim/wire/rpc_msg.hpp"
#include "sim/wire/rpc_record.hpp"
#include "sim/wire/xdr.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace lvs::wire {
namespace {

using Buffer = std::vector<std::uint8_t>;
Bytes view(const Buffer& b) { return Bytes(b.data(), b.size()); }

// All records of `stream` fed in pieces of `piece` bytes (0 = at once); stops at an error.
std::vector<Buffer> records(Bytes stream, std::size_t piece, bool* error) {
  RpcRecordReader reader;
  std::vector<Buffer> out;
  *error = false;
  std::size_t fed = 0;
  while (true) {
    Buffer rec;
    const auto status = reader.next(&rec);
    if (status == RpcRecordReader::Status::kRecord) {
      FUZZ_CHECK(rec.size() <= kRpcMaxRecord, "record larger than the limit");
      out.push_back(std::move(rec));
      continue;
    }
    if (status == RpcRecordReader::Status::kError) {
      *error = true;
      return out;
    }
    if (fed == stream.size()) return out;
    const std::size_t n = piece == 0 ? stream.size() - fed : std::min(piece, stream.size() - fed);
    reader.feed(stream.subspan(fed, n));
    fed += n;
  }
}

// Encodes with `encode`, decodes with `decode` and checks the values and the length.
template <class T, class Encode, class Decode, class Same>
void round_trip(const T& value, Encode encode, Decode decode, Same same, const char* what) {
  Buffer bytes;
  XdrWriter w(bytes);
  encode(w, value);
  FUZZ_CHECK(bytes.size() % 4 == 0, what);
  XdrReader r(view(bytes));
  const auto again = decode(r);
  FUZZ_CHECK(again.has_value(), what);
  FUZZ_CHECK(same(*again, value), what);
  FUZZ_CHECK(r.ok() && r.remaining() == 0, what);
}

bool same_fattr(const std::optional<Fattr3>& a, const std::optional<Fattr3>& b) {
  if (a.has_value() != b.has_value()) return false;
  if (!a) return true;
  return a->type == b->type && a->mode == b->mode && a->nlink == b->nlink && a->uid == b->uid && a->gid == b->gid &&
         a->size == b->size && a->used == b->used && a->fsid == b->fsid && a->fileid == b->fileid &&
         a->time_sec == b->time_sec && a->time_nsec == b->time_nsec;
}

bool same_call(const RpcCallHeader& a, const RpcCallHeader& b) {
  if (a.xid != b.xid || a.prog != b.prog || a.vers != b.vers || a.proc != b.proc) return false;
  // The encoder writes AUTH_SYS or AUTH_NONE; another flavor is sent as AUTH_NONE.
  const bool sys = a.cred_flavor == kAuthSys;
  if (sys != (b.cred_flavor == kAuthSys)) return false;
  return !sys || (a.sys.stamp == b.sys.stamp && a.sys.machine == b.sys.machine && a.sys.uid == b.sys.uid &&
                  a.sys.gid == b.sys.gid && a.sys.gids == b.sys.gids);
}

bool same_reply(const RpcReplyHeader& a, const RpcReplyHeader& b) {
  if (a.xid != b.xid || a.reply_stat != b.reply_stat || a.stat != b.stat) return false;
  if (a.reply_stat == kMsgDenied) return a.low == b.low && (a.stat != kRpcMismatch || a.high == b.high);
  return a.stat != kProgMismatch || (a.low == b.low && a.high == b.high);
}

bool same_result(const NfsResult& a, const NfsResult& b) {
  return a.status == b.status && same_fattr(a.attr, b.attr) && same_fattr(a.dir_attr, b.dir_attr) && a.fh == b.fh &&
         a.access == b.access && a.count == b.count && a.eof == b.eof && a.data == b.data;
}

// The arguments of a call, as the server's dispatch decodes them.
void check_call_args(const RpcCallHeader& call, XdrReader& r) {
  if (call.prog == kMountProgram && (call.proc == kMountMnt || call.proc == kMountUmnt)) {
    if (const auto p = decode_dirpath(r)) {
      FUZZ_CHECK(p->size() <= kMntPathLen, "dirpath longer than MNTPATHLEN");
      round_trip(*p, encode_dirpath, decode_dirpath, std::equal_to<>(), "dirpath round trip");
    }
    return;
  }
  if (call.prog != kNfsProgram) return;
  switch (call.proc) {
    case kNfsGetattr:
      if (const auto fh = decode_fh(r)) {
        FUZZ_CHECK(fh->size() <= kNfs3FhSize, "file handle longer than NFS3_FHSIZE");
        round_trip(*fh, encode_fh, decode_fh, std::equal_to<>(), "fh round trip");
      }
      break;
    case kNfsLookup:
      if (const auto a = decode_lookup_args(r))
        round_trip(
            *a, encode_lookup_args, decode_lookup_args,
            [](const LookupArgs& x, const LookupArgs& y) { return x.dir == y.dir && x.name == y.name; },
            "LOOKUP args round trip");
      break;
    case kNfsAccess:
      if (const auto a = decode_access_args(r))
        round_trip(
            *a, encode_access_args, decode_access_args,
            [](const AccessArgs& x, const AccessArgs& y) { return x.object == y.object && x.access == y.access; },
            "ACCESS args round trip");
      break;
    case kNfsRead:
      if (const auto a = decode_read_args(r))
        round_trip(
            *a, encode_read_args, decode_read_args,
            [](const ReadArgs& x, const ReadArgs& y) {
              return x.file == y.file && x.offset == y.offset && x.count == y.count;
            },
            "READ args round trip");
      break;
    default: break;
  }
}

// A reply's results: the client knows the procedure from its pending call; try each.
void check_reply_results(Bytes results) {
  {
    XdrReader r(results);
    if (const auto m = decode_mnt_result(r))
      round_trip(
          *m, encode_mnt_result, decode_mnt_result,
          [](const MntResult& x, const MntResult& y) {
            return x.status == y.status && x.fh == y.fh && x.flavors == y.flavors;
          },
          "MNT result round trip");
  }
  for (std::uint32_t proc : {kNfsNull, kNfsGetattr, kNfsLookup, kNfsAccess, kNfsRead}) {
    XdrReader r(results);
    const auto res = decode_nfs_result(r, proc);
    if (!res) continue;
    round_trip(
        *res, [proc](XdrWriter& w, const NfsResult& v) { encode_nfs_result(w, proc, v); },
        [proc](XdrReader& rd) { return decode_nfs_result(rd, proc); }, same_result, "NFS result round trip");
  }
}

void check_record(Bytes record) {
  {
    XdrReader r(record);
    if (const auto call = parse_call_header(r)) {
      round_trip(*call, encode_call_header, parse_call_header, same_call, "call header round trip");
      check_call_args(*call, r);
    }
  }
  XdrReader r(record);
  if (const auto reply = parse_reply_header(r)) {
    round_trip(*reply, encode_reply_header, parse_reply_header, same_reply, "reply header round trip");
    if (reply->reply_stat == kMsgAccepted && reply->stat == kRpcSuccess)
      check_reply_results(record.subspan(r.position()));
  }
}

}  // namespace
}  // namespace lvs::wire

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lvs::wire;
  if (size < 1) return 0;
  const std::size_t piece = data[0] % 32;  // 0: the whole stream at once
  const Bytes stream(data + 1, size - 1);
  bool error_whole = false, error_pieces = false;
  const auto whole = records(stream, 0, &error_whole);
  const auto pieces = records(stream, piece, &error_pieces);
  FUZZ_CHECK(whole == pieces && error_whole == error_pieces, "records depend on how the stream was cut");
  for (const auto& rec : whole) check_record(view(rec));
  // A stream that is one bare message (no record marking) is worth decoding too: it
  // reaches the decoders without the fuzzer having to learn the fragment header.
  check_record(stream);
  return 0;
}
