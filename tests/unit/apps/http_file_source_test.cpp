// httpd reading its files through a FileSource that answers later (as NFS does):
// errno -> status, and a client that leaves before the read completes.
#include <doctest/doctest.h>

#include <cerrno>

#include "sim/apps/http_client.hpp"
#include "sim/apps/http_server.hpp"
#include "tests/unit/net/tcp_fixture.hpp"

namespace lvs::test {
namespace {

// Answers every read after `delay` with `error` (or the path as content).
struct SlowSource final : FileSource, EventHandler {
  Host& host;
  SimTime delay;
  int error;
  std::vector<std::function<void(FileReadResult)>> waiting;
  std::vector<std::string> paths;
  SlowSource(Host& h, SimTime d, int e) : host(h), delay(d), error(e) {}
  void read_file(const std::string& path, std::uint32_t, std::function<void(FileReadResult)> done) override {
    paths.push_back(path);
    waiting.push_back(std::move(done));
    host.sim().schedule_in(delay, this, 1, static_cast<std::uint32_t>(waiting.size() - 1));
  }
  void on_event(const Event& ev) override {
    FileReadResult r;
    r.error = error;
    if (!error) r.data = "content of " + paths[ev.a];
    waiting[ev.a](std::move(r));
  }
};

struct Lab : TwoHop {
  std::vector<HttpResult> results;
  SlowSource source;
  Lab(SimTime delay, int error, SimTime timeout = 10 * kSecond) : source(server, delay, error) {
    HttpServerConfig cfg;
    cfg.source = &source;
    server.add_app(make_http_server(server, cfg));
    server.start_apps();
    HttpRequestPlan p;
    p.url = "http://10.0.2.10/";
    p.at = 100 * kMillisecond;
    p.timeout = timeout;
    client.add_app(make_http_client(client, {p}, &results));
    client.start_apps();
  }
};

}  // namespace

TEST_CASE("httpd: a slow file source delays the answer; errno gives the status") {
  {
    Lab lab(2 * kSecond, 0);
    lab.run_until(5 * kSecond);
    REQUIRE(lab.results.size() == 1);
    CHECK(lab.results[0].status == 200);
    CHECK(lab.results[0].body == "content of /var/www/html/index.html");
    CHECK(lab.results[0].end - lab.results[0].start >= 2 * kSecond);
  }
  for (const auto& [error, status] :
       std::vector<std::pair<int, int>>{{EIO, 500}, {ENOENT, 404}, {EACCES, 403}, {ESTALE, 500}}) {
    Lab lab(kSecond, error);
    lab.run_until(5 * kSecond);
    REQUIRE(lab.results.size() == 1);
    CHECK(lab.results[0].status == status);
    CHECK(lab.results[0].body.find("<title>" + std::to_string(status)) != std::string::npos);
  }
}

TEST_CASE("httpd: the client gives up before the file arrives; the late answer is dropped") {
  Lab lab(5 * kSecond, 0, 1 * kSecond);
  lab.run_until(10 * kSecond);
  REQUIRE(lab.results.size() == 1);
  CHECK(lab.results[0].status == 0);
  CHECK(lab.results[0].error.find("Operation timed out") == 0);
  CHECK(lab.source.waiting.size() == 1);  // the read completed at 5.1 s into a closed session
}

}  // namespace lvs::test
