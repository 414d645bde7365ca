// XDR, RPC record marking and RPC/NFS/MOUNT encodings, as byte vectors.
#include <doctest/doctest.h>

#include <vector>

#include "sim/wire/nfs3_proto.hpp"
#include "sim/wire/rpc_msg.hpp"
#include "sim/wire/rpc_record.hpp"
#include "sim/wire/xdr.hpp"

namespace lvs::wire {
namespace {
using V = std::vector<std::uint8_t>;
Bytes b(const V& v) { return Bytes(v.data(), v.size()); }
}  // namespace

TEST_CASE("xdr: integers, strings with padding, opaque limits") {
  V out;
  XdrWriter w(out);
  w.u32(0x01020304);
  w.u64(0x1122334455667788ull);
  w.string("abcde");
  w.boolean(true);
  CHECK(out == V{1, 2, 3,   4,   0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0, 0,
                 0, 5, 'a', 'b', 'c',  'd',  'e',  0,    0,    0,    0,    0,    0, 1});
  XdrReader r(b(out));
  CHECK(r.u32() == 0x01020304);
  CHECK(r.u64() == 0x1122334455667788ull);
  CHECK(r.string(5) == "abcde");
  CHECK(r.boolean());
  CHECK(r.ok());
  CHECK(r.remaining() == 0);
  XdrReader over(b(out));
  over.u32();
  over.u64();
  CHECK(over.string(4).empty());  // longer than allowed
  CHECK_FALSE(over.ok());
  XdrReader past(Bytes(out.data(), 2));
  CHECK(past.u32() == 0);
  CHECK_FALSE(past.ok());
}

TEST_CASE("rpc record marking: one fragment out, fragments and pieces in") {
  const V msg{9, 8, 7};
  CHECK(rpc_record(b(msg)) == V{0x80, 0, 0, 3, 9, 8, 7});
  RpcRecordReader rr;
  V rec;
  // Two fragments (first without the last-fragment bit), fed byte by byte, then a second record.
  const V stream{0, 0, 0, 2, 'a', 'b', 0x80, 0, 0, 1, 'c', 0x80, 0, 0, 0};
  for (std::size_t i = 0; i < 10; ++i) {
    rr.feed(Bytes(stream.data() + i, 1));
    CHECK(rr.next(&rec) == RpcRecordReader::Status::kNeedMore);
  }
  rr.feed(Bytes(stream.data() + 10, 5));
  REQUIRE(rr.next(&rec) == RpcRecordReader::Status::kRecord);
  CHECK(rec == V{'a', 'b', 'c'});
  REQUIRE(rr.next(&rec) == RpcRecordReader::Status::kRecord);  // the empty record
  CHECK(rec.empty());
  CHECK(rr.next(&rec) == RpcRecordReader::Status::kNeedMore);
  RpcRecordReader bad;
  const V huge{0x80, 0x7f, 0xff, 0xff};
  bad.feed(b(huge));
  CHECK(bad.next(&rec) == RpcRecordReader::Status::kError);
}

TEST_CASE("rpc: CALL header with AUTH_SYS, REPLY header") {
  V out;
  XdrWriter w(out);
  RpcCallHeader h;
  h.xid = 0xdeadbeef;
  h.prog = kNfsProgram;
  h.vers = 3;
  h.proc = kNfsRead;
  h.cred_flavor = kAuthSys;
  h.sys.machine = "rs1";
  h.sys.uid = h.sys.gid = 48;
  h.sys.gids = {48};
  encode_call_header(w, h);
  const V expect{0xde, 0xad, 0xbe, 0xef, 0, 0, 0, 0, 0,   0,   0,   2, 0,  0x01, 0x86, 0xa3, 0, 0, 0,
                 3,    0,    0,    0,    6, 0, 0, 0, 1,   0,   0,   0, 28,  // AUTH_SYS, body length
                 0,    0,    0,    0,    0, 0, 0, 3, 'r', 's', '1', 0, 0,  0,    0,    48,   0, 0, 0,
                 48,   0,    0,    0,    1, 0, 0, 0, 48,  0,   0,   0, 0,  0,    0,    0,    0};  // verifier AUTH_NONE
  CHECK(out == expect);
  XdrReader r(b(out));
  const auto back = parse_call_header(r);
  REQUIRE(back);
  CHECK(back->xid == 0xdeadbeef);
  CHECK(back->prog == kNfsProgram);
  CHECK(back->proc == kNfsRead);
  CHECK(back->sys.machine == "rs1");
  CHECK(back->sys.uid == 48);
  CHECK(r.remaining() == 0);

  V rep;
  XdrWriter rw(rep);
  RpcReplyHeader rh;
  rh.xid = 7;
  encode_reply_header(rw, rh);
  CHECK(rep == V{0, 0, 0, 7, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  XdrReader rr(b(rep));
  const auto parsed = parse_reply_header(rr);
  REQUIRE(parsed);
  CHECK(parsed->xid == 7);
  CHECK(parsed->stat == kRpcSuccess);
  XdrReader not_reply(b(out));
  CHECK_FALSE(parse_reply_header(not_reply));
}

TEST_CASE("nfs3: READ arguments and result, MNT result, LOOKUP failure") {
  V out;
  XdrWriter w(out);
  encode_read_args(w, ReadArgs{FileHandle{1, 2, 3, 4, 5}, 0x100000000ull, 4096});
  CHECK(out == V{0, 0, 0, 5, 1, 2, 3, 4, 5, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0x10, 0});
  XdrReader r(b(out));
  const auto a = decode_read_args(r);
  REQUIRE(a);
  CHECK(a->offset == 0x100000000ull);
  CHECK(a->count == 4096);

  NfsResult res;
  res.attr = Fattr3{};
  res.attr->size = 3;
  res.count = 3;
  res.eof = true;
  res.data = {'a', 'b', 'c'};
  V enc;
  XdrWriter ew(enc);
  encode_nfs_result(ew, kNfsRead, res);
  CHECK(enc.size() == 4 + 4 + 84 + 4 + 4 + 4 + 4);  // status, attr follows, fattr3, count, eof, len, data+pad
  XdrReader er(b(enc));
  const auto back = decode_nfs_result(er, kNfsRead);
  REQUIRE(back);
  CHECK(back->data == V{'a', 'b', 'c'});
  CHECK(back->eof);
  CHECK(back->attr->size == 3);

  NfsResult miss;
  miss.status = kNfs3ErrNoent;
  miss.dir_attr = Fattr3{};
  V m;
  XdrWriter mw(m);
  encode_nfs_result(mw, kNfsLookup, miss);
  CHECK(m.size() == 4 + 4 + 84);
  XdrReader mr(b(m));
  CHECK(decode_nfs_result(mr, kNfsLookup)->status == kNfs3ErrNoent);

  V mnt;
  XdrWriter nw(mnt);
  encode_mnt_result(nw, MntResult{kNfs3Ok, FileHandle{9, 9}, {kAuthSys}});
  CHECK(mnt == V{0, 0, 0, 0, 0, 0, 0, 2, 9, 9, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1});
  V denied;
  XdrWriter dw(denied);
  encode_mnt_result(dw, MntResult{kNfs3ErrAcces, {}, {}});
  CHECK(denied == V{0, 0, 0, 13});
  // A READ result whose data length disagrees with its count is refused.
  V lie = enc;
  lie[4 + 4 + 84 + 3] = 2;
  XdrReader lr(b(lie));
  CHECK_FALSE(decode_nfs_result(lr, kNfsRead));
}

}  // namespace lvs::wire
