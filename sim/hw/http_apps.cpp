#include "sim/hw/http_apps.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <ctime>

#include "sim/apps/http_message.hpp"
#include "sim/hw/error.hpp"
#include "sim/hw/netns.hpp"
#include "sim/hw/ready.hpp"

namespace lvs::hw {
namespace {

constexpr int kPollMs = 50;
constexpr std::int64_t kServerReadTimeoutNs = 5'000'000'000;

sockaddr_in sockaddr_of(Ipv4Addr a, std::uint16_t port) {
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(a.value);
  sa.sin_port = htons(port);
  return sa;
}

// Waits until fd is ready for `events` or the deadline (realtime ns); false on timeout.
bool wait_fd(int fd, short events, std::int64_t deadline) {
  for (;;) {
    const std::int64_t left = deadline - realtime_ns();
    if (left <= 0) return false;
    pollfd p{fd, events, 0};
    const int r = ::poll(&p, 1, static_cast<int>(std::min<std::int64_t>(left / 1'000'000 + 1, 1000)));
    if (r > 0) return true;
    if (r < 0 && errno != EINTR) return false;
  }
}

}  // namespace

std::int64_t realtime_ns() {
  timespec ts{};
  ::clock_gettime(CLOCK_REALTIME, &ts);
  return std::int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
}

namespace {

// The file at `path` of this machine, read whole; errno on failure (an automounted NFS
// document root answers here: the open() triggers the mount, a soft mount's timeout
// comes back as EIO).
int read_real_file(const std::string& path, std::string* out) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno;
  char buf[8192];
  int err = 0;
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      err = errno;
      break;
    }
    out->append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return err;
}

}  // namespace

std::string http_response(const HttpServerConfig& config, const std::string& head, int* status, std::string* path,
                          const std::string& file_root) {
  const HttpRequestLine request_line = split_request_line(std::string_view(head).substr(0, head.find("\r\n")));
  const std::string_view method = request_line.method;
  const std::string_view target = request_line.target;
  const std::string_view version = request_line.version;
  int st = 200;
  std::string file_path;
  const std::string* body_file = nullptr;
  std::string real_file;
  if (method.empty() || target.empty() || target[0] != '/' || (version != "HTTP/1.0" && version != "HTTP/1.1")) {
    st = 400;
  } else if (method != "GET" && method != "HEAD") {
    st = 501;
  } else {
    std::string p(target.substr(0, target.find_first_of("?#")));
    if (p.back() == '/') p += "index.html";  // DirectoryIndex index.html
    std::string root = config.document_root;
    while (root.size() > 1 && root.back() == '/') root.pop_back();
    file_path = p;
    if (p.find("/../") != std::string::npos) {
      st = 404;
    } else if (!file_root.empty()) {
      // The host has a file tree of its own (nfs_services.hpp): the real file, as httpd
      // reads it, answered as the simulated httpd answers a failed read.
      if (const int err = read_real_file(file_root + root + p, &real_file); err != 0) st = status_for_errno(err);
      else body_file = &real_file;
    } else if (const auto it = config.files.find(root + p); it == config.files.end()) {
      st = 404;
    } else {
      body_file = &it->second;
    }
  }
  // Apache's error document without its explanation paragraph (unlike the simulated
  // httpd's: see apache_error_text()).
  const std::string body = body_file ? *body_file : http_error_page(st, "");
  std::string out =
      http_response_message(st, config.server_header, body_file ? http_content_type(file_path) : kHttpErrorContentType,
                            body, method == "HEAD");
  if (status) *status = st;
  if (path) *path = file_path;
  return out;
}

HttpServerThread::HttpServerThread(std::string ns, HttpServerConfig config, std::string file_root)
    : ns_(std::move(ns)), config_(std::move(config)), file_root_(std::move(file_root)) {
  auto ready = std::make_shared<ReadySignal>();
  thread_ = std::thread([this, ready] {
    int listener = -1;
    std::string err;
    try {
      enter_netns(ns_);
      listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
      const int one = 1;
      ::setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
      const sockaddr_in sa = sockaddr_of(config_.bind, config_.port);
      if (::bind(listener, reinterpret_cast<const sockaddr*>(&sa), sizeof sa) != 0 || ::listen(listener, 128) != 0)
        err = "httpd: (" + std::to_string(errno) + ")" + std::strerror(errno) + ": could not bind to " +
              config_.bind.str() + ":" + std::to_string(config_.port);
    } catch (const std::exception& e) {
      err = e.what();
    }
    ready->notify(err);
    if (err.empty()) serve(listener);
    if (listener >= 0) ::close(listener);
  });
  if (const std::string error = ready->wait(); !error.empty()) {
    thread_.join();
    throw HwError(ns_ + ": " + error);
  }
}

HttpServerThread::~HttpServerThread() { stop(); }

void HttpServerThread::stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

std::vector<ServedRecord> HttpServerThread::served() const {
  std::lock_guard lock(mu_);
  return served_;
}

void HttpServerThread::serve(int listener) {
  while (!stop_) {
    pollfd p{listener, POLLIN, 0};
    if (::poll(&p, 1, kPollMs) <= 0) continue;
    sockaddr_in peer{};
    socklen_t len = sizeof peer;
    const int fd = ::accept4(listener, reinterpret_cast<sockaddr*>(&peer), &len, SOCK_CLOEXEC);
    if (fd < 0) continue;
    answer(fd, peer);
    ::close(fd);  // Connection: close, the server closes first (as httpd does)
  }
}

void HttpServerThread::answer(int fd, const sockaddr_in& peer) {
  std::string request;
  const std::int64_t deadline = realtime_ns() + kServerReadTimeoutNs;
  char buf[4096];
  while (request.find("\r\n\r\n") == std::string::npos && request.size() < 65536) {
    if (!wait_fd(fd, POLLIN, deadline)) return;
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return;
    request.append(buf, static_cast<std::size_t>(n));
  }
  ServedRecord rec;
  const std::string response =
      http_response(config_, request.substr(0, request.find("\r\n\r\n")), &rec.status, &rec.path, file_root_);
  for (std::size_t off = 0; off < response.size();) {
    const ssize_t n = ::send(fd, response.data() + off, response.size() - off, MSG_NOSIGNAL);
    if (n <= 0) break;
    off += static_cast<std::size_t>(n);
  }
  rec.t_ns = realtime_ns();
  rec.peer = Ipv4Addr(ntohl(peer.sin_addr.s_addr));
  rec.peer_port = ntohs(peer.sin_port);
  std::lock_guard lock(mu_);
  served_.push_back(std::move(rec));
}

namespace {

// Opens the connection as curl does, from `local_port` when the schedule gave one
// (curl --local-port: bind() to that port, then connect(); schedule.hpp says why), else
// from the port connect() picks. connect() has sent the SYN (or queued it behind ARP)
// when it returns: `issued` is told then. Notes the local address and port in `out`;
// returns curl's error, or "".
std::string connect_to(int fd, const HttpTarget& t, std::uint16_t local_port, std::int64_t deadline,
                       std::int64_t timeout_ns, ClientOutcome& out, IssuedSignal& issued) {
  if (local_port) {
    const sockaddr_in any = sockaddr_of(Ipv4Addr(), local_port);
    if (::bind(fd, reinterpret_cast<const sockaddr*>(&any), sizeof any) != 0)
      return "bind failed with errno " + std::to_string(errno) + ": " + std::strerror(errno);
  }
  const sockaddr_in dst = sockaddr_of(t.ip, t.port);
  const int rc = ::connect(fd, reinterpret_cast<const sockaddr*>(&dst), sizeof dst);
  const int connect_errno = errno;
  issued.notify();
  sockaddr_in local{};
  socklen_t len = sizeof local;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &len) == 0) {
    out.local = Ipv4Addr(ntohl(local.sin_addr.s_addr));
    out.local_port = ntohs(local.sin_port);
  }
  const std::string where = t.ip.str() + " port " + std::to_string(t.port);
  if (rc != 0 && connect_errno != EINPROGRESS)
    return "Failed to connect to " + where + ": " + std::strerror(connect_errno);
  // curl --max-time running out while connecting (multi.c), as the simulated client says it.
  if (!wait_fd(fd, POLLOUT, deadline))
    return "Connection timed out after " + std::to_string(timeout_ns / 1'000'000) + " milliseconds";
  int soerr = 0;
  socklen_t sl = sizeof soerr;
  ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl);
  if (soerr != 0) return "Failed to connect to " + where + ": " + std::strerror(soerr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &len);
  out.local = Ipv4Addr(ntohl(local.sin_addr.s_addr));
  return "";
}

// curl --max-time running out once connected (multi.c), as the simulated client says it
// (sim/apps/http_client.cpp timed_out()): "... with B [out of L] bytes received", B the
// body bytes so far and L the Content-Length when the headers gave one.
std::string operation_timed_out(std::int64_t timeout_ns, const std::string& rx) {
  std::size_t body = 0;
  long long length = -1;
  if (const auto head_end = rx.find("\r\n\r\n"); head_end != std::string::npos) {
    body = rx.size() - head_end - 4;
    std::string head = rx.substr(0, head_end);
    for (auto& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (const auto at = head.find("\r\ncontent-length:"); at != std::string::npos)
      length = std::atoll(head.c_str() + at + 17);
  }
  std::string text = "Operation timed out after " + std::to_string(timeout_ns / 1'000'000) + " milliseconds with " +
                     std::to_string(body);
  if (length >= 0) text += " out of " + std::to_string(length);
  return text + " bytes received";
}

// Sends all of `data` before the deadline; curl's error, or "".
std::string send_all(int fd, const std::string& data, std::int64_t deadline, std::int64_t timeout_ns) {
  for (std::size_t off = 0; off < data.size();) {
    if (!wait_fd(fd, POLLOUT, deadline)) return operation_timed_out(timeout_ns, "");
    const ssize_t n = ::send(fd, data.data() + off, data.size() - off, MSG_NOSIGNAL);
    if (n < 0 && errno != EAGAIN) return std::string("Send failure: ") + std::strerror(errno);
    if (n > 0) off += static_cast<std::size_t>(n);
  }
  return "";
}

// Reads into `rx` until the server closes (a reset after some data ends it too); curl's
// error, or "".
std::string receive_all(int fd, std::int64_t deadline, std::int64_t timeout_ns, std::string& rx) {
  char buf[8192];
  for (;;) {
    if (!wait_fd(fd, POLLIN, deadline)) return operation_timed_out(timeout_ns, rx);
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n == 0) return "";
    if (n < 0) {
      if (errno == EAGAIN || errno == EINTR) continue;
      if (rx.empty()) return std::string("Recv failure: ") + std::strerror(errno);
      return "";
    }
    rx.append(buf, static_cast<std::size_t>(n));
  }
}

// The status and body of the response `rx` into `r`; curl's error, or "".
std::string read_response(const std::string& rx, bool keep_body, HttpResult& r) {
  const auto head_end = rx.find("\r\n\r\n");
  if (head_end == std::string::npos || !rx.starts_with("HTTP/1.") || rx.size() < 12)
    return rx.empty() ? "Empty reply from server" : "Unsupported HTTP/1 subversion in response";
  r.status = std::atoi(rx.c_str() + 9);
  std::string body = rx.substr(head_end + 4);
  r.body_bytes = body.size();
  if (keep_body) r.body = std::move(body);
  return "";
}

// One GET from namespace `ns`, as curl makes it; curl's error, or "".
std::string fetch(const std::string& ns, const ClientRequest& req, std::int64_t deadline, ClientOutcome& out,
                  IssuedSignal& issued) {
  const HttpTarget t = parse_http_url(req.url);
  if (!t.valid) return "URL using bad/illegal format or missing URL";
  try {
    enter_netns(ns);
  } catch (const std::exception& e) {
    return e.what();
  }
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) return std::strerror(errno);
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  if (std::string e = connect_to(fd, t, req.local_port, deadline, req.timeout_ns, out, issued); !e.empty()) return e;
  if (std::string e = send_all(fd, curl_get_request(t), deadline, req.timeout_ns); !e.empty()) return e;
  std::string rx;
  if (std::string e = receive_all(fd, deadline, req.timeout_ns, rx); !e.empty()) return e;
  return read_response(rx, req.keep_body, out.result);
}

}  // namespace

void IssuedSignal::notify() {
  std::lock_guard lock(mu_);
  if (issued_) return;
  issued_ = true;
  cv_.notify_all();
}

void IssuedSignal::wait() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [this] { return issued_; });
}

ClientOutcome play_request(const std::string& ns, const ClientRequest& req, std::int64_t origin_ns,
                           IssuedSignal& issued) {
  ClientOutcome out;
  HttpResult& r = out.result;
  r.flow = req.flow;
  r.client = req.client;
  r.url = req.url;
  const std::int64_t start = realtime_ns();
  r.start = start - origin_ns;
  r.error = fetch(ns, req, start + req.timeout_ns, out, issued);
  issued.notify();  // also when it failed before connect()
  r.end = realtime_ns() - origin_ns;
  return out;
}

}  // namespace lvs::hw
