#pragma once
// An NFS server host as nfs-utils + knfsd set it up: at start `exportfs -r` reads
// /etc/exports (its `exportfs -rv` text goes to the trace), rpc.mountd answers the
// MOUNT program on TCP port 20048 and nfsd the NFS program version 3 on TCP port 2049.
// There is no rpcbind (port 111): clients use the well-known ports.
//
// The exported tree is the host's own files (the scenario's `files` map): every file
// under an exported path, with the directories leading to it. Files are mode 0644,
// directories 0755, owned by root; nothing is writable (lvslab's clients only read).
//
// What is checked, as Linux does:
//  * MNT: the path must be exported (else MNT3ERR_NOENT, "not exported"), the client
//    must match a client spec (else MNT3ERR_ACCES, "unmatched host"), and with `secure`
//    the request must come from a port below 1024 (else MNT3ERR_ACCES, "illegal port").
//  * every NFS call: the handle must name a node (NFS3ERR_BADHANDLE), the client must
//    still match the export (else NFS3ERR_STALE, as fh_verify() answers when the export
//    has no entry for the client), `secure` ports (NFS3ERR_PERM, "nfsd: request from
//    insecure port"), ro exports grant no MODIFY/EXTEND/DELETE, and root_squash /
//    all_squash map the caller to anonuid before permissions are checked.
#include <map>
#include <memory>
#include <string>

#include "sim/apps/exports.hpp"
#include "sim/net/application.hpp"

namespace lvs {

class Host;

class NfsService : public Application {
 public:
  // What the kernel's export table says (exportfs, nfs-server.service): served from now
  // on instead of /etc/exports as start() reads it. A client whose export went gets
  // NFS3ERR_STALE on its next call, as fh_verify() answers.
  virtual void set_export_table(const ExportTable& table) = 0;
};

// `files`: the host's files (path -> content), /etc/exports among them.
std::unique_ptr<NfsService> make_nfs_server(Host& host, std::map<std::string, std::string> files);

}  // namespace lvs
