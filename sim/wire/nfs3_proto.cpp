#include "sim/wire/nfs3_proto.hpp"

namespace lvs::wire {
namespace {

constexpr std::size_t kMaxReadData = 1024 * 1024;
constexpr std::size_t kMaxFlavors = 16;

Bytes bytes_of(const std::vector<std::uint8_t>& v) { return Bytes(v.data(), v.size()); }

void encode_fattr(XdrWriter& w, const Fattr3& a) {
  w.u32(a.type);
  w.u32(a.mode);
  w.u32(a.nlink);
  w.u32(a.uid);
  w.u32(a.gid);
  w.u64(a.size);
  w.u64(a.used);
  w.u32(0);  // rdev specdata1
  w.u32(0);  // specdata2
  w.u64(a.fsid);
  w.u64(a.fileid);
  for (int i = 0; i < 3; ++i) {  // atime, mtime, ctime
    w.u32(a.time_sec);
    w.u32(a.time_nsec);
  }
}

Fattr3 decode_fattr(XdrReader& r) {
  Fattr3 a;
  a.type = r.u32();
  a.mode = r.u32();
  a.nlink = r.u32();
  a.uid = r.u32();
  a.gid = r.u32();
  a.size = r.u64();
  a.used = r.u64();
  r.u32();
  r.u32();
  a.fsid = r.u64();
  a.fileid = r.u64();
  a.time_sec = r.u32();
  a.time_nsec = r.u32();
  for (int i = 0; i < 4; ++i) r.u32();  // mtime, ctime (same as atime here)
  return a;
}

void encode_post_op_attr(XdrWriter& w, const std::optional<Fattr3>& a) {
  w.boolean(a.has_value());
  if (a) encode_fattr(w, *a);
}

std::optional<Fattr3> decode_post_op_attr(XdrReader& r) {
  if (!r.boolean()) return std::nullopt;
  return decode_fattr(r);
}

}  // namespace

const char* nfs_proc_name(std::uint32_t proc) {
  switch (proc) {
    case kNfsNull: return "NULL";
    case kNfsGetattr: return "GETATTR";
    case kNfsLookup: return "LOOKUP";
    case kNfsAccess: return "ACCESS";
    case kNfsRead: return "READ";
  }
  return "?";
}

const char* mount_proc_name(std::uint32_t proc) {
  switch (proc) {
    case kMountNull: return "NULL";
    case kMountMnt: return "MNT";
    case kMountUmnt: return "UMNT";
  }
  return "?";
}

const char* nfs_stat_name(std::uint32_t s) {
  switch (s) {
    case kNfs3Ok: return "NFS3_OK";
    case kNfs3ErrPerm: return "NFS3ERR_PERM";
    case kNfs3ErrNoent: return "NFS3ERR_NOENT";
    case kNfs3ErrIo: return "NFS3ERR_IO";
    case kNfs3ErrAcces: return "NFS3ERR_ACCES";
    case kNfs3ErrNotdir: return "NFS3ERR_NOTDIR";
    case kNfs3ErrIsdir: return "NFS3ERR_ISDIR";
    case kNfs3ErrInval: return "NFS3ERR_INVAL";
    case kNfs3ErrStale: return "NFS3ERR_STALE";
    case kNfs3ErrBadhandle: return "NFS3ERR_BADHANDLE";
  }
  return "NFS3ERR_?";
}

void encode_dirpath(XdrWriter& w, const std::string& path) { w.string(path); }

std::optional<std::string> decode_dirpath(XdrReader& r) {
  std::string p = r.string(kMntPathLen);
  if (!r.ok()) return std::nullopt;
  return p;
}

void encode_mnt_result(XdrWriter& w, const MntResult& m) {
  w.u32(m.status);
  if (m.status != kNfs3Ok) return;
  w.opaque(bytes_of(m.fh));
  w.u32(static_cast<std::uint32_t>(m.flavors.size()));
  for (auto f : m.flavors) w.u32(f);
}

std::optional<MntResult> decode_mnt_result(XdrReader& r) {
  MntResult m;
  m.status = r.u32();
  if (m.status == kNfs3Ok) {
    const Bytes fh = r.opaque(kNfs3FhSize);
    m.fh.assign(fh.begin(), fh.end());
    const std::uint32_t n = r.u32();
    if (n > kMaxFlavors) return std::nullopt;
    for (std::uint32_t i = 0; i < n; ++i) m.flavors.push_back(r.u32());
  }
  if (!r.ok()) return std::nullopt;
  return m;
}

void encode_fh(XdrWriter& w, const FileHandle& fh) { w.opaque(bytes_of(fh)); }

std::optional<FileHandle> decode_fh(XdrReader& r) {
  const Bytes b = r.opaque(kNfs3FhSize);
  if (!r.ok()) return std::nullopt;
  return FileHandle(b.begin(), b.end());
}

void encode_lookup_args(XdrWriter& w, const LookupArgs& a) {
  encode_fh(w, a.dir);
  w.string(a.name);
}

std::optional<LookupArgs> decode_lookup_args(XdrReader& r) {
  LookupArgs a;
  auto fh = decode_fh(r);
  a.name = r.string(kNfsMaxName);
  if (!fh || !r.ok()) return std::nullopt;
  a.dir = std::move(*fh);
  return a;
}

void encode_access_args(XdrWriter& w, const AccessArgs& a) {
  encode_fh(w, a.object);
  w.u32(a.access);
}

std::optional<AccessArgs> decode_access_args(XdrReader& r) {
  AccessArgs a;
  auto fh = decode_fh(r);
  a.access = r.u32();
  if (!fh || !r.ok()) return std::nullopt;
  a.object = std::move(*fh);
  return a;
}

void encode_read_args(XdrWriter& w, const ReadArgs& a) {
  encode_fh(w, a.file);
  w.u64(a.offset);
  w.u32(a.count);
}

std::optional<ReadArgs> decode_read_args(XdrReader& r) {
  ReadArgs a;
  auto fh = decode_fh(r);
  a.offset = r.u64();
  a.count = r.u32();
  if (!fh || !r.ok()) return std::nullopt;
  a.file = std::move(*fh);
  return a;
}

void encode_nfs_result(XdrWriter& w, std::uint32_t proc, const NfsResult& res) {
  w.u32(res.status);
  const bool ok = res.status == kNfs3Ok;
  switch (proc) {
    case kNfsGetattr:
      if (ok && res.attr) encode_fattr(w, *res.attr);
      break;
    case kNfsLookup:
      if (ok) {
        encode_fh(w, res.fh);
        encode_post_op_attr(w, res.attr);
      }
      encode_post_op_attr(w, res.dir_attr);
      break;
    case kNfsAccess:
      encode_post_op_attr(w, res.attr);
      if (ok) w.u32(res.access);
      break;
    case kNfsRead:
      encode_post_op_attr(w, res.attr);
      if (ok) {
        w.u32(res.count);
        w.boolean(res.eof);
        w.opaque(bytes_of(res.data));
      }
      break;
    default: break;
  }
}

std::optional<NfsResult> decode_nfs_result(XdrReader& r, std::uint32_t proc) {
  NfsResult res;
  res.status = r.u32();
  const bool ok = res.status == kNfs3Ok;
  switch (proc) {
    case kNfsGetattr:
      if (ok) res.attr = decode_fattr(r);
      break;
    case kNfsLookup:
      if (ok) {
        auto fh = decode_fh(r);
        if (fh) res.fh = std::move(*fh);
        res.attr = decode_post_op_attr(r);
      }
      res.dir_attr = decode_post_op_attr(r);
      break;
    case kNfsAccess:
      res.attr = decode_post_op_attr(r);
      if (ok) res.access = r.u32();
      break;
    case kNfsRead:
      res.attr = decode_post_op_attr(r);
      if (ok) {
        res.count = r.u32();
        res.eof = r.boolean();
        const Bytes d = r.opaque(kMaxReadData);
        res.data.assign(d.begin(), d.end());
        if (res.data.size() != res.count) return std::nullopt;
      }
      break;
    default: break;
  }
  if (!r.ok()) return std::nullopt;
  return res;
}

}  // namespace lvs::wire
