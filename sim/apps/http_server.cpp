#include "sim/apps/http_server.hpp"

#include <cerrno>
#include <cstring>
#include <optional>
#include <string_view>
#include <vector>

#include "sim/apps/app_note.hpp"
#include "sim/apps/http_message.hpp"
#include "sim/apps/slot_pool.hpp"

#include "sim/net/host.hpp"
#include "sim/net/tcp.hpp"
#include "sim/net/world.hpp"

namespace lvs {

namespace {

constexpr std::size_t kMaxRequestHead = 8192;  // request line + headers (Apache's limits are ~8 KiB)

struct Response {
  int status = 200;
  std::string path;  // what was asked for (after "/" -> "/index.html")
  std::optional<std::string> file;
};

}  // namespace

int status_for_errno(int error) {
  switch (error) {
    case ENOENT:
    case ENOTDIR: return 404;
    case EACCES:
    case EPERM:
    case EISDIR: return 403;
  }
  return 500;
}

namespace {

int hex_value(char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}

// Request-target -> decoded absolute path; false for a target we must reject (400).
bool target_path(std::string_view target, std::string* path) {
  if (target.starts_with("http://")) {  // absolute-form (RFC 9112 3.2.2)
    target.remove_prefix(7);
    const auto slash = target.find('/');
    target = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
  }
  if (target.empty() || target[0] != '/') return false;
  target = target.substr(0, target.find_first_of("?#"));
  path->clear();
  for (std::size_t i = 0; i < target.size(); ++i) {
    if (target[i] != '%') {
      path->push_back(target[i]);
      continue;
    }
    if (i + 2 >= target.size() || hex_value(target[i + 1]) < 0 || hex_value(target[i + 2]) < 0) return false;
    const char decoded = static_cast<char>(hex_value(target[i + 1]) * 16 + hex_value(target[i + 2]));
    if (decoded == '\0' || decoded == '/') return false;  // Apache: AllowEncodedSlashes Off -> 404/400
    path->push_back(decoded);
    i += 2;
  }
  // No way above the document root.
  if (path->find("/../") != std::string::npos || path->ends_with("/..")) return false;
  if (path->back() == '/') *path += "index.html";  // DirectoryIndex index.html
  return true;
}

bool is_token(std::string_view s) {
  if (s.empty()) return false;
  for (char ch : s)
    if (ch <= ' ' || ch >= 127 || std::string_view("()<>@,;:\\\"/[]?={}").find(ch) != std::string_view::npos)
      return false;
  return true;
}

}  // namespace

class HttpServer : public Application, public TcpAcceptor {
 public:
  HttpServer(Host& host, HttpServerConfig config)
      : host_(host),
        config_(std::move(config)),
        local_(&config_.files),
        source_(config_.source ? config_.source : &local_) {
    while (config_.document_root.size() > 1 && config_.document_root.back() == '/') config_.document_root.pop_back();
  }

  void start() override {
    // Listeners survive a host stop (TcpStack::host_stopped), so listen only once.
    if (listening_) return;
    listening_ = host_.tcp().listen(config_.bind, config_.port, this);
    if (!listening_)
      host_.note("httpd: (98)Address already in use: could not bind to " + config_.bind.str() + ":" +
                 std::to_string(config_.port));
  }

  // CentOS 7's httpd.service and Debian 12's apache2.service stop with graceful-stop
  // (SIGWINCH / apachectl graceful-stop): the listening socket closes at once, requests
  // already accepted are answered.
  bool stop_service() override {
    if (listening_) host_.tcp().unlisten(config_.bind, config_.port, this);
    listening_ = false;
    return true;
  }

  std::string describe() const override {
    return "httpd on " + config_.bind.str() + ":" + std::to_string(config_.port) + " (" +
           std::to_string(config_.files.size()) + " files under " + config_.document_root + ")";
  }

  TcpHandler* on_accept(TcpConnection&) override {
    Session& s = sessions_.acquire([this](Session& fresh, std::size_t slot) {
      fresh.server = this;
      fresh.index = slot;
    });
    s.request.clear();
    s.answered = false;
    s.serial = ++serials_;
    return &s;
  }

 private:
  // One accepted connection.
  struct Session final : TcpHandler {
    HttpServer* server = nullptr;
    std::size_t index = 0;
    std::string request;
    bool answered = false;
    std::uint64_t serial = 0;  // tells a late file read whether this session still waits for it
    void on_connected(TcpConnection&) override {}
    void on_data(TcpConnection& c, wire::Bytes data) override { server->on_data(*this, c, data); }
    void on_peer_closed(TcpConnection& c) override {
      if (!answered) {  // the client went away before a complete request: just close
        answered = true;
        c.close();
      }
    }
    void on_closed(TcpConnection&, TcpCloseReason) override {
      serial = 0;
      server->sessions_.release(index);
    }
  };

  void on_data(Session& s, TcpConnection& c, wire::Bytes data) {
    if (s.answered) return;
    const std::size_t scan_from = s.request.size() >= 3 ? s.request.size() - 3 : 0;
    s.request.append(reinterpret_cast<const char*>(data.data()), data.size());
    const auto end = s.request.find("\r\n\r\n", scan_from);
    if (end == std::string::npos) {
      if (s.request.size() > kMaxRequestHead) answer(s, c, Response{400, {}, std::nullopt}, "GET");
      return;
    }
    if (end + 4 > kMaxRequestHead) return answer(s, c, Response{400, {}, std::nullopt}, "GET");
    handle(s, c, std::string_view(s.request).substr(0, end));
  }

  // Request line and headers (RFC 9112 3 and 5), then the file.
  void handle(Session& s, TcpConnection& c, std::string_view head) {
    const auto line_end = head.find("\r\n");
    const HttpRequestLine request_line = split_request_line(head.substr(0, line_end));
    if (!request_line.well_formed) return answer(s, c, Response{400, {}, std::nullopt}, "GET");
    const std::string_view method = request_line.method;
    const std::string_view target = request_line.target;
    const std::string_view version = request_line.version;
    if (!is_token(method) || (version != "HTTP/1.0" && version != "HTTP/1.1"))
      return answer(s, c, Response{400, {}, std::nullopt}, method);
    bool has_host = false;
    std::string_view rest = line_end == std::string_view::npos ? std::string_view() : head.substr(line_end + 2);
    while (!rest.empty()) {
      const auto eol = rest.find("\r\n");
      const std::string_view field = rest.substr(0, eol);
      rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 2);
      const auto colon = field.find(':');
      if (colon == std::string_view::npos || colon == 0 || !is_token(field.substr(0, colon)))
        return answer(s, c, Response{400, {}, std::nullopt}, method);
      std::string name(field.substr(0, colon));
      for (auto& ch : name) ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
      if (name == "host") has_host = true;
    }
    // RFC 9112 3.2: an HTTP/1.1 request without Host is answered 400.
    if (version == "HTTP/1.1" && !has_host) return answer(s, c, Response{400, {}, std::nullopt}, method);
    Response r;
    if (!target_path(target, &r.path)) {
      r.status = 400;
    } else if (method != "GET" && method != "HEAD") {
      r.status = 501;
    } else {
      return read_and_answer(s, c, std::move(r), std::string(method));
    }
    answer(s, c, r, method);
  }

  // Reads the file from the source (maybe later: NFS), then answers if the client is
  // still there.
  void read_and_answer(Session& s, TcpConnection& c, Response r, std::string method) {
    const std::string file = config_.document_root + r.path;
    const std::uint64_t serial = s.serial;
    Session* sp = &s;
    TcpConnection* cp = &c;
    FileSource* from = config_.mounts && config_.mounts->covers(file) ? config_.mounts : source_;
    from->read_file(file, c.flow(), [this, from, sp, cp, serial, file, method, r](FileReadResult got) mutable {
      if (sp->serial != serial || sp->answered) return;  // the connection went away meanwhile
      if (got.error == 0) {
        r.file = std::move(got.data);
      } else {
        r.status = status_for_errno(got.error);
        if (from != &local_)
          app_note(host_, cp->flow(), cp->endpoint(), [&] {
            return "httpd: (" + std::to_string(got.error) + ")" + std::strerror(got.error) + ": reading " + file +
                   " -> " + std::to_string(r.status);
          });
      }
      answer(*sp, *cp, r, method);
    });
  }

  // Writes the response, records it, and closes (Connection: close).
  void answer(Session& s, TcpConnection& c, const Response& r, std::string_view method) {
    s.answered = true;
    const std::string body = r.file ? *r.file : http_error_page(r.status, apache_error_text(r.status, method));
    const std::string out =
        http_response_message(r.status, config_.server_header,
                              r.file ? http_content_type(r.path) : kHttpErrorContentType, body, method == "HEAD");
    if (host_.tracing()) {
      Trace& trace = host_.world().trace();
      const std::uint32_t text = trace.add_string(r.path);
      trace.record(host_.now(), AppEvent{host_.id(), AppEventKind::kServed, c.flow(),
                                         static_cast<std::uint16_t>(r.status), text, c.endpoint()});
    }
    c.send(wire::Bytes(reinterpret_cast<const std::uint8_t*>(out.data()), out.size()));
    c.close();
  }

  Host& host_;
  HttpServerConfig config_;
  MapFileSource local_;
  FileSource* source_;
  std::uint64_t serials_ = 0;
  bool listening_ = false;
  SlotPool<Session> sessions_;
};

std::unique_ptr<Application> make_http_server(Host& host, HttpServerConfig config) {
  return std::make_unique<HttpServer>(host, std::move(config));
}

}  // namespace lvs
