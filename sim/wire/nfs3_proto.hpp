#pragma once
// NFS version 3 and MOUNT version 3 on the wire (RFC 1813): the procedures lvslab's
// client and server speak (MOUNT MNT/UMNT; NFS NULL, GETATTR, LOOKUP, ACCESS, READ),
// as argument and result values encoded to / decoded from XDR.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/wire/xdr.hpp"

namespace lvs::wire {

inline constexpr std::uint32_t kNfsProgram = 100003;
inline constexpr std::uint32_t kNfsVersion3 = 3;
inline constexpr std::uint32_t kMountProgram = 100005;
inline constexpr std::uint32_t kMountVersion3 = 3;
inline constexpr std::uint16_t kNfsPort = 2049;
// rpc.mountd's port: lvslab models no rpcbind; mount.nfs behaves as with
// `-o mountport=20048` (the port nfs-utils' mountd is registered on by default in
// current distributions, /etc/services "mountd 20048/tcp").
inline constexpr std::uint16_t kMountdPort = 20048;
inline constexpr std::size_t kNfs3FhSize = 64;    // NFS3_FHSIZE
inline constexpr std::size_t kMntPathLen = 1024;  // MNTPATHLEN
inline constexpr std::size_t kNfsMaxName = 255;

enum NfsProc3 : std::uint32_t { kNfsNull = 0, kNfsGetattr = 1, kNfsLookup = 3, kNfsAccess = 4, kNfsRead = 6 };
enum MountProc3 : std::uint32_t { kMountNull = 0, kMountMnt = 1, kMountUmnt = 3 };
const char* nfs_proc_name(std::uint32_t proc);    // "READ"
const char* mount_proc_name(std::uint32_t proc);  // "MNT"

enum NfsStat3 : std::uint32_t {
  kNfs3Ok = 0,
  kNfs3ErrPerm = 1,
  kNfs3ErrNoent = 2,
  kNfs3ErrIo = 5,
  kNfs3ErrAcces = 13,
  kNfs3ErrNotdir = 20,
  kNfs3ErrIsdir = 21,
  kNfs3ErrInval = 22,
  kNfs3ErrStale = 70,
  kNfs3ErrBadhandle = 10001
};
// mountstat3 shares the values it has with nfsstat3 (MNT3ERR_ACCES = 13, ...).
const char* nfs_stat_name(std::uint32_t s);  // "NFS3ERR_ACCES"

// ACCESS3 bits.
inline constexpr std::uint32_t kAccessRead = 0x01, kAccessLookup = 0x02, kAccessModify = 0x04, kAccessExtend = 0x08,
                               kAccessDelete = 0x10, kAccessExecute = 0x20;

enum Ftype3 : std::uint32_t { kNf3Reg = 1, kNf3Dir = 2 };

struct Fattr3 {
  std::uint32_t type = kNf3Reg;
  std::uint32_t mode = 0644;
  std::uint32_t nlink = 1;
  std::uint32_t uid = 0, gid = 0;
  std::uint64_t size = 0, used = 0;
  std::uint64_t fsid = 0, fileid = 0;
  std::uint32_t time_sec = 0, time_nsec = 0;  // atime = mtime = ctime
};

using FileHandle = std::vector<std::uint8_t>;

// --- MOUNT -------------------------------------------------------------------------
struct MntResult {
  std::uint32_t status = kNfs3Ok;
  FileHandle fh;
  std::vector<std::uint32_t> flavors;  // auth flavors the export accepts
};
void encode_dirpath(XdrWriter& w, const std::string& path);  // MNT and UMNT arguments
std::optional<std::string> decode_dirpath(XdrReader& r);
void encode_mnt_result(XdrWriter& w, const MntResult& m);
std::optional<MntResult> decode_mnt_result(XdrReader& r);

// --- NFS arguments -------------------------------------------------------------------
struct LookupArgs {
  FileHandle dir;
  std::string name;
};
struct AccessArgs {
  FileHandle object;
  std::uint32_t access = 0;
};
struct ReadArgs {
  FileHandle file;
  std::uint64_t offset = 0;
  std::uint32_t count = 0;
};

void encode_fh(XdrWriter& w, const FileHandle& fh);
std::optional<FileHandle> decode_fh(XdrReader& r);  // GETATTR3args
void encode_lookup_args(XdrWriter& w, const LookupArgs& a);
std::optional<LookupArgs> decode_lookup_args(XdrReader& r);
void encode_access_args(XdrWriter& w, const AccessArgs& a);
std::optional<AccessArgs> decode_access_args(XdrReader& r);
void encode_read_args(XdrWriter& w, const ReadArgs& a);
std::optional<ReadArgs> decode_read_args(XdrReader& r);

// --- NFS results ----------------------------------------------------------------------
// One structure for the four results: which fields are meaningful depends on the
// procedure and on status (RFC 1813 GETATTR3res, LOOKUP3res, ACCESS3res, READ3res).
struct NfsResult {
  std::uint32_t status = kNfs3Ok;
  std::optional<Fattr3> attr;      // GETATTR obj_attributes; LOOKUP/ACCESS/READ post_op_attr
  std::optional<Fattr3> dir_attr;  // LOOKUP dir_attributes
  FileHandle fh;                   // LOOKUP object
  std::uint32_t access = 0;        // ACCESS
  std::uint32_t count = 0;         // READ
  bool eof = false;                // READ
  std::vector<std::uint8_t> data;  // READ
};
void encode_nfs_result(XdrWriter& w, std::uint32_t proc, const NfsResult& res);
std::optional<NfsResult> decode_nfs_result(XdrReader& r, std::uint32_t proc);

}  // namespace lvs::wire
