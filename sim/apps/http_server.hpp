#pragma once
// A small HTTP/1.1 origin server (what httpd does in the labs): answers GET and HEAD
// for files of its document root, 404 for others, 400 for a malformed request, 501 for
// other methods. Every response carries Content-Length and `Connection: close`, and the
// server closes after answering (as the lab's httpd does for a curl/ab without
// keep-alive).
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "sim/apps/file_source.hpp"
#include "sim/net/application.hpp"
#include "sim/wire/addr.hpp"

namespace lvs {

class Host;

struct HttpServerConfig {
  Ipv4Addr bind;  // 0.0.0.0 = every address
  std::uint16_t port = 80;
  std::string document_root = "/var/www/html";
  std::map<std::string, std::string> files;  // absolute path -> content
  // Where the files are read from; nullptr = `files`. A network file system (autofs +
  // NFS) answers later: the response waits for it. A failed read is answered, never
  // fatal: ENOENT/ENOTDIR 404, EACCES/EPERM/EISDIR 403, anything else (EIO from a soft
  // NFS mount, ESTALE, ...) 500, with the reason in the trace.
  FileSource* source = nullptr;
  // NFS mounted by hand (NfsMounts): a path it covers at the time of the read is read
  // from it, before `source`.
  MountedFileSource* mounts = nullptr;
  std::string server_header = "Apache/2.4 (lvslab)";
};

// Apache's answer to a failed open()/read() of the file (errno): ENOENT/ENOTDIR 404,
// EACCES/EPERM/EISDIR 403, anything else 500. Hardware mode answers the same.
int status_for_errno(int error);

class HttpServer;  // defined in http_server.cpp
std::unique_ptr<Application> make_http_server(Host& host, HttpServerConfig config);

}  // namespace lvs
