#pragma once
// The storage side of each request, as a view of the trace: the NFS client's notes
// ("rpc-call NFS READ xid=0x...", "rpc-reply ... NFS3_OK", "rpc-timeout ... EIO") and
// the other application notes (automount, mount.nfs, httpd) tagged with the request's
// flow, plus the hosts' storage log lines (kernel NFS client messages such as
// "nfs: server 192.168.10.103 not responding, still trying", rpc.mountd, exportfs).
//
// The NFS leg of a request is written in path notation: the client's role, NFS, the
// client's role again ("RIP-NFS-RIP").
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/trace/trace.hpp"

namespace lvs {

struct NfsCallView {
  std::string program;  // "NFS", "MOUNT"
  std::string proc;     // "READ"
  std::string xid;      // "0x1a2b3c4d"
  std::string status;   // "NFS3_OK", "NFS3ERR_ACCES", "EIO" (timed out), "" (no reply)
  SimTime call_ns = 0;
  SimTime reply_ns = -1;  // -1: no reply
};

struct RequestStorage {
  std::string notation;  // "RIP-NFS-RIP"; "" when the request caused no RPC
  std::string client_host, server_host;
  Ipv4Addr client_addr, server_addr;
  std::vector<NfsCallView> calls;  // first transmission order
  std::vector<std::string> notes;  // "rs1: automount: attempting to mount entry /var/www/html"
  // "RIP-NFS-RIP  rs1 192.168.10.11 -> nfs 192.168.10.103: MNT GETATTR LOOKUP ACCESS GETATTR READ (6 calls, 6 replies)"
  std::string summary() const;
};

std::unordered_map<std::uint32_t, RequestStorage> storage_by_flow(const Trace& trace);

struct StorageLogLine {
  SimTime time = 0;
  std::string host, text;
};
// World notes of the storage layer: "nfs: ...", "mount: ...", "rpc.mountd: ...",
// "nfsd: ...", "exportfs: ...", "exporting ...", "automount: ...".
std::vector<StorageLogLine> storage_log(const Trace& trace);

// The records storage_by_flow() and storage_log() read, for a trace that keeps only
// what its report needs: applications' notes about a request, and world notes of the
// storage layer.
bool storage_views_read(const TraceBody& body, const Trace& trace);

}  // namespace lvs
