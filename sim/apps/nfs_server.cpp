#include "sim/apps/nfs_server.hpp"

#include <algorithm>
#include <vector>

#include "sim/apps/exports.hpp"
#include "sim/apps/slot_pool.hpp"
#include "sim/net/host.hpp"
#include "sim/net/tcp.hpp"
#include "sim/net/world.hpp"
#include "sim/wire/nfs3_proto.hpp"
#include "sim/wire/rpc_msg.hpp"
#include "sim/wire/rpc_record.hpp"

namespace lvs {
namespace {

constexpr std::uint32_t kMaxRead = 1024 * 1024;  // nfsd's maximum READ payload
constexpr std::uint16_t kReservedPorts = 1024;   // IPPORT_RESERVED

// One file or directory of an exported tree.
struct Node {
  std::string path;  // absolute on the server
  bool dir = false;
  const std::string* content = nullptr;
  std::uint64_t fileid = 0;
  std::uint32_t export_index = 0;
  std::string parent;  // path of the parent ("" for an export's root)
};

class NfsServer final : public Application, public TcpAcceptor {
 public:
  NfsServer(Host& host, std::map<std::string, std::string> files) : host_(host), own_files_(std::move(files)) {}

  void start() override {
    load_exports();
    if (listening_) return;  // listeners survive a host stop
    listening_ = host_.tcp().listen(Ipv4Addr(), wire::kNfsPort, this);
    listening_ = host_.tcp().listen(Ipv4Addr(), wire::kMountdPort, this) && listening_;
    if (!listening_) host_.note("nfsd: could not bind TCP port 2049 or 20048: Address already in use");
  }

  // `systemctl stop nfs-server` (rpc.nfsd 0): the nfsd threads go and their sockets
  // close (svc_close_net()): listeners, and every client connection with a FIN.
  bool stop_service() override {
    if (listening_) {
      host_.tcp().unlisten(Ipv4Addr(), wire::kNfsPort, this);
      host_.tcp().unlisten(Ipv4Addr(), wire::kMountdPort, this);
    }
    listening_ = false;
    for (std::size_t i = 0; i < sessions_.size(); ++i)
      if (TcpConnection* c = sessions_[i].conn) c->close();
    return true;
  }

  std::string describe() const override {
    return "nfsd (NFSv3, TCP 2049) + rpc.mountd (TCP 20048), " + std::to_string(exports_.entries.size()) + " exports";
  }

  TcpHandler* on_accept(TcpConnection& c) override {
    Session& s = sessions_.acquire([this](Session& fresh, std::size_t slot) {
      fresh.server = this;
      fresh.index = slot;
    });
    s.reader.clear();
    s.port = c.endpoint().local_port;
    s.conn = &c;
    return &s;
  }

 private:
  struct Session final : TcpHandler {
    NfsServer* server = nullptr;
    std::size_t index = 0;
    std::uint16_t port = 0;
    wire::RpcRecordReader reader;
    std::vector<std::uint8_t> record;
    TcpConnection* conn = nullptr;  // while the session is in use
    void on_connected(TcpConnection&) override {}
    void on_data(TcpConnection& c, wire::Bytes data) override { server->on_data(*this, c, data); }
    void on_peer_closed(TcpConnection& c) override { c.close(); }
    void on_closed(TcpConnection&, TcpCloseReason) override {
      conn = nullptr;
      server->sessions_.release(index);
    }
  };

  // exportfs -r at boot: read /etc/exports, build the exported trees.
  void load_exports() {
    nodes_.clear();
    const auto it = files_->find("/etc/exports");
    exports_ = parse_exports(it == files_->end() ? std::string_view() : std::string_view(it->second));
    if (!exports_.ok()) {
      host_.note("exportfs: " + exports_.error);
      exports_.entries.clear();
      return;
    }
    if (host_.tracing()) {
      const ExportfsOutput out = exportfs_rv(exports_);
      for (const std::string* text : {&out.err, &out.out}) {
        std::size_t start = 0;
        while (start < text->size()) {
          const auto nl = text->find('\n', start);
          const std::string line = text->substr(start, nl - start);
          if (!line.empty()) host_.note(line);
          start = nl == std::string::npos ? text->size() : nl + 1;
        }
      }
    }
    std::vector<std::string> paths;
    for (std::uint32_t e = 0; e < exports_.entries.size(); ++e) {
      const std::string& root = exports_.entries[e].path;
      add_node(root, true, nullptr, e, "");
      const std::string under = root == "/" ? root : root + "/";
      for (const auto& [path, content] : *files_) {
        if (!path.starts_with(under)) continue;
        // Directories leading to the file, then the file.
        std::size_t pos = under.size();
        for (std::size_t slash = path.find('/', pos); slash != std::string::npos; slash = path.find('/', slash + 1))
          add_node(path.substr(0, slash), true, nullptr, e, parent_of(path.substr(0, slash), root));
        add_node(path, false, &content, e, parent_of(path, root));
      }
    }
  }

  static std::string parent_of(const std::string& path, const std::string& root) {
    if (path == root) return "";
    const auto slash = path.rfind('/');
    return slash == 0 ? "/" : path.substr(0, slash);
  }

  void add_node(const std::string& path, bool dir, const std::string* content, std::uint32_t e, std::string parent) {
    for (const auto& n : nodes_)
      if (n.path == path && n.export_index == e) return;
    Node n;
    n.path = path;
    n.dir = dir;
    n.content = content;
    n.fileid = nodes_.size() + 2;  // inode 2 is a file system's root on ext*
    n.export_index = e;
    n.parent = std::move(parent);
    nodes_.push_back(std::move(n));
  }

  // File handle: version, fsid (export + 1), inode number.
  static wire::FileHandle handle_of(const Node& n) {
    wire::FileHandle fh(16, 0);
    fh[0] = 1;
    wire::put32(fh.data() + 4, n.export_index + 1);
    wire::put32(fh.data() + 8, static_cast<std::uint32_t>(n.fileid >> 32));
    wire::put32(fh.data() + 12, static_cast<std::uint32_t>(n.fileid));
    return fh;
  }

  const Node* node_of(const wire::FileHandle& fh) const {
    if (fh.size() != 16 || fh[0] != 1) return nullptr;
    const std::uint64_t id = (std::uint64_t{wire::get32(fh.data() + 8)} << 32) | wire::get32(fh.data() + 12);
    if (id < 2 || id - 2 >= nodes_.size()) return nullptr;
    const Node& n = nodes_[id - 2];
    return wire::get32(fh.data() + 4) == n.export_index + 1 ? &n : nullptr;
  }

  const Node* find(const std::string& path, std::uint32_t e) const {
    for (const auto& n : nodes_)
      if (n.path == path && n.export_index == e) return &n;
    return nullptr;
  }

  wire::Fattr3 attr_of(const Node& n) const {
    wire::Fattr3 a;
    a.type = n.dir ? wire::kNf3Dir : wire::kNf3Reg;
    a.mode = n.dir ? 0755 : 0644;
    a.nlink = n.dir ? 2 : 1;
    a.size = n.dir ? 4096 : n.content->size();
    a.used = (a.size + 4095) / 4096 * 4096;
    a.fsid = n.export_index + 1;
    a.fileid = n.fileid;
    return a;
  }

  // The host name of the client (lvslab has no DNS: the host owning the address).
  std::string client_name(Ipv4Addr a) const {
    for (const auto& h : host_.world().hosts())
      if (h.get() != &host_ && h->is_local_address(a)) return h->name();
    return {};
  }

  void on_data(Session& s, TcpConnection& c, wire::Bytes data) {
    s.reader.feed(data);
    for (;;) {
      const auto status = s.reader.next(&s.record);
      if (status == wire::RpcRecordReader::Status::kNeedMore) return;
      if (status == wire::RpcRecordReader::Status::kError) {
        host_.note("nfsd: RPC fragment too large from " + c.endpoint().remote.str());
        c.abort();
        return;
      }
      std::vector<std::uint8_t> reply = dispatch(s, c, wire::Bytes(s.record.data(), s.record.size()));
      if (!reply.empty()) {
        const auto rec = wire::rpc_record(reply);
        c.send(wire::Bytes(rec.data(), rec.size()));
      }
    }
  }

  // One call in, one reply out (empty: the message was not a call; nothing is sent).
  std::vector<std::uint8_t> dispatch(Session& s, TcpConnection& c, wire::Bytes msg) {
    wire::XdrReader r(msg);
    const auto call = wire::parse_call_header(r);
    std::vector<std::uint8_t> out;
    if (!call) return out;
    wire::XdrWriter w(out);
    wire::RpcReplyHeader h;
    h.xid = call->xid;
    const std::uint32_t prog = s.port == wire::kNfsPort ? wire::kNfsProgram : wire::kMountProgram;
    if (call->prog != prog) {
      h.stat = wire::kProgUnavail;
    } else if (call->vers != 3) {
      h.stat = wire::kProgMismatch;
      h.low = prog == wire::kMountProgram ? 1 : 3;
      h.high = 3;
    }
    if (h.stat != wire::kRpcSuccess) {
      wire::encode_reply_header(w, h);
      return out;
    }
    std::vector<std::uint8_t> results;
    wire::XdrWriter rw(results);
    const bool known = prog == wire::kMountProgram ? mount_proc(*call, r, rw, c) : nfs_proc(*call, r, rw, c);
    if (!known) h.stat = wire::kProcUnavail;
    else if (!r.ok()) h.stat = wire::kGarbageArgs;
    wire::encode_reply_header(w, h);
    if (h.stat == wire::kRpcSuccess) out.insert(out.end(), results.begin(), results.end());
    return out;
  }

  // rpc.mountd: MNT, UMNT, NULL.
  bool mount_proc(const wire::RpcCallHeader& call, wire::XdrReader& r, wire::XdrWriter& w, TcpConnection& c) {
    const Ipv4Addr peer = c.endpoint().remote;
    const std::uint16_t peer_port = c.endpoint().remote_port;
    switch (call.proc) {
      case wire::kMountNull: return true;
      case wire::kMountUmnt: {
        const auto path = wire::decode_dirpath(r);
        if (path)
          host_.note("rpc.mountd: authenticated unmount request from " + peer.str() + ":" + std::to_string(peer_port) +
                     " for " + *path + " (" + *path + ")");
        return true;
      }
      case wire::kMountMnt: break;
      default: return false;
    }
    const auto path_in = wire::decode_dirpath(r);
    if (!path_in) return true;
    std::string path = *path_in;
    while (path.size() > 1 && path.back() == '/') path.pop_back();
    wire::MntResult res;
    const std::string what = " mount request from " + peer.str() + " for " + *path_in + " (" + path + ")";
    const ExportEntry* entry = nullptr;
    for (const auto& e : exports_.entries)
      if (e.path == path) entry = &e;
    const ExportClient* client =
        entry ? match_export(exports_.entries, path, peer, client_name(peer), &entry) : nullptr;
    if (!entry) {
      res.status = wire::kNfs3ErrNoent;
      host_.note("rpc.mountd: refused" + what + ": not exported");
    } else if (!client) {
      res.status = wire::kNfs3ErrAcces;
      host_.note("rpc.mountd: refused" + what + ": unmatched host");
    } else if (client->options.secure && peer_port >= kReservedPorts) {
      res.status = wire::kNfs3ErrAcces;
      host_.note("rpc.mountd: refused" + what + ": illegal port " + std::to_string(peer_port));
    } else {
      res.fh = handle_of(*find(path, static_cast<std::uint32_t>(entry - exports_.entries.data())));
      res.flavors = {wire::kAuthSys};
      host_.note("rpc.mountd: authenticated mount request from " + peer.str() + ":" + std::to_string(peer_port) +
                 " for " + *path_in + " (" + path + ")");
    }
    wire::encode_mnt_result(w, res);
    return true;
  }

  // The export options that apply to this client for node n, or nullptr (no access).
  const ExportClient* client_for(const Node& n, TcpConnection& c) const {
    const Ipv4Addr peer = c.endpoint().remote;
    return match_export(exports_.entries, exports_.entries[n.export_index].path, peer, client_name(peer));
  }

  // ACCESS3 bits the caller gets on n: mode bits of owner root (uid 0) or others,
  // after squashing; a read-only export never grants changes.
  static std::uint32_t access_of(const Node& n, const ExportClient& client, std::uint32_t uid) {
    const ExportOptions& o = client.options;
    if (o.all_squash || (uid == 0 && o.root_squash)) uid = o.anonuid;
    const std::uint32_t mode = n.dir ? 0755 : 0644;
    const std::uint32_t bits = uid == 0 ? (mode >> 6) & 7 : mode & 7;
    std::uint32_t a = 0;
    if (bits & 4) a |= wire::kAccessRead;
    if ((bits & 2) || uid == 0) a |= wire::kAccessModify | wire::kAccessExtend | wire::kAccessDelete;
    if (bits & 1) a |= n.dir ? wire::kAccessLookup : wire::kAccessExecute;
    if (o.read_only) a &= ~(wire::kAccessModify | wire::kAccessExtend | wire::kAccessDelete);
    return a;
  }

  bool nfs_proc(const wire::RpcCallHeader& call, wire::XdrReader& r, wire::XdrWriter& w, TcpConnection& c) {
    if (call.proc == wire::kNfsNull) return true;
    if (call.proc != wire::kNfsGetattr && call.proc != wire::kNfsLookup && call.proc != wire::kNfsAccess &&
        call.proc != wire::kNfsRead)
      return false;
    wire::NfsResult res;
    std::optional<wire::FileHandle> fh;
    std::optional<wire::LookupArgs> lookup;
    std::optional<wire::AccessArgs> access;
    std::optional<wire::ReadArgs> read;
    switch (call.proc) {
      case wire::kNfsGetattr: fh = wire::decode_fh(r); break;
      case wire::kNfsLookup:
        if ((lookup = wire::decode_lookup_args(r))) fh = lookup->dir;
        break;
      case wire::kNfsAccess:
        if ((access = wire::decode_access_args(r))) fh = access->object;
        break;
      case wire::kNfsRead:
        if ((read = wire::decode_read_args(r))) fh = read->file;
        break;
    }
    if (!fh) return true;  // GARBAGE_ARGS
    const Node* n = node_of(*fh);
    const ExportClient* client = n ? client_for(*n, c) : nullptr;
    const std::uint32_t uid = call.cred_flavor == wire::kAuthSys ? call.sys.uid : 65534;
    if (!n) {
      res.status = wire::kNfs3ErrBadhandle;
    } else if (!client) {
      res.status = wire::kNfs3ErrStale;
    } else if (client->options.secure && c.endpoint().remote_port >= kReservedPorts) {
      res.status = wire::kNfs3ErrPerm;
      host_.note("nfsd: request from insecure port " + c.endpoint().remote.str() +
                 ", port=" + std::to_string(c.endpoint().remote_port) + "!");
    } else {
      serve(call.proc, *n, *client, uid, lookup, access, read, res);
    }
    wire::encode_nfs_result(w, call.proc, res);
    return true;
  }

  void serve(std::uint32_t proc, const Node& n, const ExportClient& client, std::uint32_t uid,
             const std::optional<wire::LookupArgs>& lookup, const std::optional<wire::AccessArgs>& access,
             const std::optional<wire::ReadArgs>& read, wire::NfsResult& res) const {
    switch (proc) {
      case wire::kNfsGetattr: res.attr = attr_of(n); return;
      case wire::kNfsLookup: {
        res.dir_attr = attr_of(n);
        if (!n.dir) {
          res.status = wire::kNfs3ErrNotdir;
          return;
        }
        if (!(access_of(n, client, uid) & wire::kAccessLookup)) {
          res.status = wire::kNfs3ErrAcces;
          return;
        }
        const Node* child = nullptr;
        const std::string& name = lookup->name;
        if (name.empty() || name.find('/') != std::string::npos) {
          res.status = wire::kNfs3ErrInval;
          return;
        }
        if (name == ".") child = &n;
        else if (name == "..") child = n.parent.empty() ? &n : find(n.parent, n.export_index);
        else child = find(n.path == "/" ? "/" + name : n.path + "/" + name, n.export_index);
        if (!child) {
          res.status = wire::kNfs3ErrNoent;
          return;
        }
        res.fh = handle_of(*child);
        res.attr = attr_of(*child);
        return;
      }
      case wire::kNfsAccess:
        res.attr = attr_of(n);
        res.access = access->access & access_of(n, client, uid);
        return;
      case wire::kNfsRead: {
        res.attr = attr_of(n);
        if (n.dir) {
          res.status = wire::kNfs3ErrIsdir;
          return;
        }
        if (!(access_of(n, client, uid) & wire::kAccessRead)) {
          res.status = wire::kNfs3ErrAcces;
          return;
        }
        const std::string& data = *n.content;
        const std::uint64_t off = std::min<std::uint64_t>(read->offset, data.size());
        const std::uint64_t count = std::min<std::uint64_t>({read->count, kMaxRead, data.size() - off});
        res.data.assign(data.begin() + static_cast<std::ptrdiff_t>(off),
                        data.begin() + static_cast<std::ptrdiff_t>(off + count));
        res.count = static_cast<std::uint32_t>(count);
        res.eof = off + count >= data.size();
        return;
      }
    }
  }

  Host& host_;
  std::map<std::string, std::string> own_files_;
  const std::map<std::string, std::string>* files_ = &own_files_;
  ExportsParse exports_;
  std::vector<Node> nodes_;
  bool listening_ = false;
  SlotPool<Session> sessions_;
};

}  // namespace

std::unique_ptr<Application> make_nfs_server(Host& host, std::map<std::string, std::string> files) {
  return std::make_unique<NfsServer>(host, std::move(files));
}

}  // namespace lvs
