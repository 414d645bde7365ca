#include "sim/apps/nfs_client.hpp"

#include <cerrno>

#include "sim/apps/app_note.hpp"
#include "sim/net/host.hpp"
#include "sim/net/world.hpp"

namespace lvs {

int nfs_status_errno(std::uint32_t status) {
  switch (status) {
    case wire::kNfs3Ok: return 0;
    case wire::kNfs3ErrPerm: return EPERM;
    case wire::kNfs3ErrNoent: return ENOENT;
    case wire::kNfs3ErrAcces: return EACCES;
    case wire::kNfs3ErrNotdir: return ENOTDIR;
    case wire::kNfs3ErrIsdir: return EISDIR;
    case wire::kNfs3ErrInval: return EINVAL;
    case wire::kNfs3ErrStale:
    case wire::kNfs3ErrBadhandle: return ESTALE;
  }
  return EIO;
}

// One open()+read() in progress.
struct NfsMount::ReadOp {
  std::vector<std::string> parts;  // path components still to LOOKUP
  std::size_t next = 0;
  wire::FileHandle fh;
  enum class Phase : std::uint8_t { kLookup, kAccess, kGetattr, kRead } phase = Phase::kLookup;
  std::uint64_t size = 0;
  std::vector<std::string> chunks;
  std::size_t outstanding = 0;
  int error = 0;
  bool finished = false;
  std::uint32_t flow = 0;
  std::function<void(FileReadResult)> done;
};

NfsMount::NfsMount(Host& host, NfsMountSpec spec) : host_(host), spec_(std::move(spec)) {}
NfsMount::~NfsMount() = default;

wire::AuthSys NfsMount::cred(std::uint32_t uid) const {
  wire::AuthSys a;
  a.machine = host_.name();
  a.uid = a.gid = uid;
  a.gids = {uid};
  return a;
}

RpcClientConfig NfsMount::client_config(std::uint16_t port, const char* program, bool soft, bool soft_connect,
                                        const RpcTimeout& timeout) const {
  RpcClientConfig c;
  c.server = spec_.server;
  c.port = port;
  c.program_name = program;
  c.soft = soft;
  c.soft_connect = soft_connect;
  c.timeout = timeout;
  c.cred = cred(0);
  return c;
}

std::string NfsMount::listing() const {
  return spec_.source() + " on " + spec_.mount_point + " type nfs (" +
         nfs_mount_listing_options(spec_.options, spec_.server.str()) + ")";
}

// A new client of rpc.mountd (the old one is retired: its events may still arrive), as
// mount.nfs and umount.nfs open it: soft, RPC_TASK_SOFTCONN, 10 s then 20 s, one retry.
// Returns the export's dirpath in XDR, the argument of both MNT and UMNT.
std::vector<std::uint8_t> NfsMount::open_mountd() {
  RpcTimeout t;
  t.initval = t.increment = 10 * kSecond;
  t.retries = 1;
  t.maxval = 20 * kSecond;
  if (mountd_) retired_.push_back(std::move(mountd_));
  mountd_ = std::make_unique<RpcClient>(host_, client_config(wire::kMountdPort, "mount", true, true, t));
  std::vector<std::uint8_t> args;
  wire::XdrWriter w(args);
  wire::encode_dirpath(w, spec_.export_path);
  return args;
}

// mount.nfs: one MNT call over its own TCP connection to rpc.mountd, from a reserved
// port; it gives up when it cannot connect (RPC_TASK_SOFTCONN) or after its timeout.
void NfsMount::mount(std::uint32_t flow, MountDone done) {
  const std::vector<std::uint8_t> args = open_mountd();
  mountd_->call(wire::kMountProgram, wire::kMountVersion3, wire::kMountMnt, args, flow,
                [this, flow, done = std::move(done)](RpcCallResult&& r) mutable {
                  got_mnt(std::move(r), flow, std::move(done));
                });
}

void NfsMount::got_mnt(RpcCallResult&& r, std::uint32_t flow, MountDone done) {
  mountd_->shutdown();  // clnt_destroy(): mount.nfs closes the MOUNT connection
  const std::string src = spec_.source();
  auto fail = [&](int error, const std::string& why) { done(error, "mount.nfs: " + why); };
  if (r.error != 0) return fail(r.error, std::strerror(r.error) + std::string(" while mounting ") + src);
  if (r.header.reply_stat != wire::kMsgAccepted || r.header.stat != wire::kRpcSuccess)
    return fail(EPROTONOSUPPORT, "requested NFS version or transport protocol is not supported");
  wire::XdrReader rd(wire::Bytes(r.body.data(), r.body.size()));
  const auto res = wire::decode_mnt_result(rd);
  if (!res) return fail(EIO, "mount(2): Input/output error");
  if (res->status == wire::kNfs3ErrAcces) return fail(EACCES, "access denied by server while mounting " + src);
  if (res->status != wire::kNfs3Ok)
    return fail(nfs_status_errno(res->status),
                "mounting " + src + " failed, reason given by server: " + std::strerror(nfs_status_errno(res->status)));
  root_ = res->fh;
  // mount(2): the kernel's NFS client connects to port 2049 and checks the root.
  if (nfs_) retired_.push_back(std::move(nfs_));
  nfs_ = std::make_unique<RpcClient>(
      host_, client_config(wire::kNfsPort, "nfs", spec_.options.soft, false, nfs_rpc_timeout(spec_.options)));
  std::vector<std::uint8_t> args;
  wire::XdrWriter w(args);
  wire::encode_fh(w, root_);
  const wire::AuthSys root_cred = cred(0);
  nfs_call(
      wire::kNfsGetattr, args, flow,
      [this, done = std::move(done)](int error, wire::NfsResult&& res2) {
        if (error == 0 && res2.status != wire::kNfs3Ok) error = nfs_status_errno(res2.status);
        if (error != 0) {
          nfs_->shutdown();
          return done(error, "mount.nfs: mount system call failed: " + std::string(std::strerror(error)));
        }
        mounted_ = true;
        done(0, {});
      },
      &root_cred);
}

void NfsMount::nfs_call(std::uint32_t proc, const std::vector<std::uint8_t>& args, std::uint32_t flow,
                        std::function<void(int error, wire::NfsResult&&)> done, const wire::AuthSys* c) {
  nfs_->call(
      wire::kNfsProgram, wire::kNfsVersion3, proc, args, flow,
      [proc, done = std::move(done)](RpcCallResult&& r) {
        wire::NfsResult empty;
        if (r.error != 0) return done(r.error, std::move(empty));
        if (r.header.reply_stat != wire::kMsgAccepted || r.header.stat != wire::kRpcSuccess)
          return done(EIO, std::move(empty));
        wire::XdrReader rd(wire::Bytes(r.body.data(), r.body.size()));
        auto res = wire::decode_nfs_result(rd, proc);
        if (!res) return done(EIO, std::move(empty));
        done(0, std::move(*res));
      },
      c);
}

void NfsMount::read_file(const std::string& path, std::uint32_t flow, std::function<void(FileReadResult)> done) {
  auto op = std::make_shared<ReadOp>();
  op->flow = flow;
  op->done = std::move(done);
  op->fh = root_;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = std::min(path.find('/', start), path.size());
    std::string part = path.substr(start, slash - start);
    if (!part.empty() && part != ".") op->parts.push_back(std::move(part));
    start = slash + 1;
  }
  if (!mounted_ || !nfs_) {
    op->done(FileReadResult{ESTALE, {}});
    return;
  }
  step(op);
}

// The next call of an open(): LOOKUP per component, ACCESS, GETATTR.
void NfsMount::step(const std::shared_ptr<ReadOp>& op) {
  const wire::AuthSys httpd = cred(kHttpdUid);
  std::vector<std::uint8_t> args;
  wire::XdrWriter w(args);
  std::uint32_t proc = 0;
  if (op->next < op->parts.size()) {
    proc = wire::kNfsLookup;
    wire::encode_lookup_args(w, wire::LookupArgs{op->fh, op->parts[op->next]});
  } else if (op->phase == ReadOp::Phase::kLookup) {
    op->phase = ReadOp::Phase::kAccess;
    proc = wire::kNfsAccess;
    // nfs3_proc_access(): a regular file is asked for every bit at once.
    wire::encode_access_args(
        w, wire::AccessArgs{op->fh, wire::kAccessRead | wire::kAccessLookup | wire::kAccessModify |
                                        wire::kAccessExtend | wire::kAccessDelete | wire::kAccessExecute});
  } else {
    op->phase = ReadOp::Phase::kGetattr;
    proc = wire::kNfsGetattr;
    wire::encode_fh(w, op->fh);
  }
  nfs_call(
      proc, args, op->flow,
      [this, op, proc](int error, wire::NfsResult&& res) {
        if (error == 0) error = nfs_status_errno(res.status);
        if (error == 0 && proc == wire::kNfsAccess && !(res.access & wire::kAccessRead)) error = EACCES;
        if (error == 0 && proc == wire::kNfsGetattr && res.attr && res.attr->type == wire::kNf3Dir) error = EISDIR;
        if (error != 0) return op->done(FileReadResult{error, {}});
        if (proc == wire::kNfsLookup) {
          op->fh = std::move(res.fh);
          ++op->next;
          return step(op);
        }
        if (proc == wire::kNfsAccess) return step(op);
        op->size = res.attr ? res.attr->size : 0;
        read_data(op);
      },
      &httpd);
}

// read(): ceil(size / rsize) READs, all in flight together.
void NfsMount::read_data(const std::shared_ptr<ReadOp>& op) {
  const std::uint64_t rsize = spec_.options.rsize;
  const std::size_t n = static_cast<std::size_t>((op->size + rsize - 1) / rsize);
  if (n == 0) return op->done(FileReadResult{0, {}});
  op->phase = ReadOp::Phase::kRead;
  op->chunks.assign(n, {});
  op->outstanding = n;
  const wire::AuthSys httpd = cred(kHttpdUid);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t offset = i * rsize;
    const auto count = static_cast<std::uint32_t>(std::min<std::uint64_t>(rsize, op->size - offset));
    std::vector<std::uint8_t> args;
    wire::XdrWriter w(args);
    wire::encode_read_args(w, wire::ReadArgs{op->fh, offset, count});
    nfs_call(
        wire::kNfsRead, args, op->flow,
        [op, i](int error, wire::NfsResult&& res) {
          if (op->finished) return;
          if (error == 0) error = nfs_status_errno(res.status);
          if (error != 0) {
            op->finished = true;
            return op->done(FileReadResult{error, {}});
          }
          op->chunks[i].assign(res.data.begin(), res.data.end());
          if (--op->outstanding > 0) return;
          op->finished = true;
          FileReadResult out;
          for (auto& c : op->chunks) out.data += c;
          op->done(std::move(out));
        },
        &httpd);
  }
}

void NfsMount::unmount(std::uint32_t flow) {
  mounted_ = false;
  if (nfs_) nfs_->shutdown();
  const std::vector<std::uint8_t> args = open_mountd();
  RpcClient* client = mountd_.get();
  mountd_->call(wire::kMountProgram, wire::kMountVersion3, wire::kMountUmnt, args, flow,
                [client](RpcCallResult&&) { client->shutdown(); });
}

bool resolve_nfs_server(Host& host, const std::string& name, Ipv4Addr* out) {
  if (auto a = Ipv4Addr::parse(name)) {
    *out = *a;
    return true;
  }
  Host* h = host.world().find_host(name);
  if (!h) return false;
  for (const auto& dev : h->interfaces())
    for (const auto& a : dev.addresses)
      if (!a.prefix.addr.is_loopback()) {
        *out = a.prefix.addr;
        return true;
      }
  return false;
}

void NfsMount::stop() {
  mounted_ = false;
  if (nfs_) nfs_->shutdown();
  if (mountd_) mountd_->shutdown();
}

}  // namespace lvs
