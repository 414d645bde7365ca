#pragma once
// lvslab's own small HTTP server and client on real sockets, each on a thread that has
// entered its host's network namespace. They speak exactly what the simulated ones
// speak (sim/apps/http_server.hpp, http_client.hpp): the server answers GET/HEAD for
// the scenario's files with Content-Length and `Connection: close` and closes first;
// the client sends curl's request and reads to the end. Each side logs what it did
// so that the run can say which real server answered which request (by the client's
// address and port, which IPVS never rewrites).
#include <netinet/in.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "sim/apps/http_client.hpp"
#include "sim/apps/http_server.hpp"
#include "sim/wire/addr.hpp"

namespace lvs::hw {

// One request a server answered.
struct ServedRecord {
  std::int64_t t_ns = 0;  // CLOCK_REALTIME
  Ipv4Addr peer;
  std::uint16_t peer_port = 0;
  int status = 0;
  std::string path;
};

class HttpServerThread {
 public:
  // Starts listening in namespace `ns`; returns once the socket listens (throws HwError
  // when it cannot: the message is httpd's).
  // `file_root`: where the host's own file tree is reached from this process
  // ("/proc/PID/root", nfs_services.hpp); "" = the scenario's files (config.files).
  HttpServerThread(std::string ns, HttpServerConfig config, std::string file_root = "");
  ~HttpServerThread();
  HttpServerThread(const HttpServerThread&) = delete;
  HttpServerThread& operator=(const HttpServerThread&) = delete;

  void stop();
  std::vector<ServedRecord> served() const;

 private:
  void serve(int listener);
  void answer(int fd, const sockaddr_in& peer);

  std::string ns_;
  HttpServerConfig config_;
  std::string file_root_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  mutable std::mutex mu_;
  std::vector<ServedRecord> served_;
};

// One planned request, played at `at_ns` after the run's origin.
struct ClientRequest {
  std::uint32_t flow = 0;
  std::size_t traffic = 0;  // index of the traffic entry
  std::string client;       // host name
  std::string url;
  std::int64_t at_ns = 0;
  std::int64_t timeout_ns = 0;
  bool keep_body = true;
  std::uint16_t local_port = 0;  // bound before connect() (curl --local-port); 0 = the kernel's choice
};

// What a request gave, plus the local port its connection used.
struct ClientOutcome {
  HttpResult result;
  Ipv4Addr local;
  std::uint16_t local_port = 0;
};

// Told once a request's connect() has returned (its SYN sent or queued behind ARP), or
// once it failed before that: the player starts the next item of its schedule only then.
class IssuedSignal {
 public:
  void notify();
  void wait();

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool issued_ = false;
};

// Plays one request in namespace `ns` now (blocking; run it on its own thread).
// `origin` is the CLOCK_REALTIME ns of scenario time 0; times in the result are
// relative to it.
ClientOutcome play_request(const std::string& ns, const ClientRequest& req, std::int64_t origin_ns,
                           IssuedSignal& issued);

std::int64_t realtime_ns();

// The response the server gives (also used by tests): status line, headers, body.
std::string http_response(const HttpServerConfig& config, const std::string& request_head, int* status,
                          std::string* path, const std::string& file_root = "");

}  // namespace lvs::hw
