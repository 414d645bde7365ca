// The HTTP server and client applications across a router.
#include <doctest/doctest.h>

#include "sim/apps/http_client.hpp"
#include "sim/apps/http_message.hpp"
#include "sim/apps/http_server.hpp"
#include "tests/unit/net/tcp_fixture.hpp"

namespace lvs::test {
namespace {

const char* kIndex = "<html><body>rs1</body></html>\n";

struct HttpLab : TwoHop {
  std::vector<HttpResult> results;

  explicit HttpLab(std::vector<HttpRequestPlan> plans, bool with_server = true) {
    if (with_server) {
      HttpServerConfig cfg;
      cfg.files["/var/www/html/index.html"] = kIndex;
      cfg.files["/var/www/html/big.html"] = std::string(20000, 'x');
      server.add_app(make_http_server(server, cfg));
      server.start_apps();
    }
    client.add_app(make_http_client(client, std::move(plans), &results));
    client.start_apps();
  }

  std::vector<AppEvent> app_events(AppEventKind kind) const {
    std::vector<AppEvent> out;
    for (const auto& [t, e] : records_of<AppEvent>())
      if (e.kind == kind) out.push_back(e);
    return out;
  }
  const std::string& text(std::uint32_t i) { return world.trace().string(i); }
};

HttpRequestPlan plan(std::string url, SimTime at = 0, SimTime timeout = 10 * kSecond) {
  HttpRequestPlan p;
  p.url = std::move(url);
  p.at = at;
  p.timeout = timeout;
  return p;
}

}  // namespace

TEST_CASE("http: the client GETs /index.html from a server across a router") {
  HttpLab lab({plan("http://10.0.2.10/index.html", 100 * kMillisecond)});
  lab.run_until(5 * kSecond);
  REQUIRE(lab.results.size() == 1);
  const HttpResult& r = lab.results[0];
  CHECK(r.status == 200);
  CHECK(r.error == "");
  CHECK(r.ok());
  CHECK(r.body == kIndex);
  CHECK(r.client == "client");
  CHECK(r.url == "http://10.0.2.10/index.html");
  CHECK(r.start == 100 * kMillisecond);
  CHECK(r.end > r.start);
  CHECK(r.end < r.start + 10 * kMillisecond);
  CHECK(r.flow != 0);

  // The server's record names the same flow (its connection adopted the SYN's tag).
  const auto served = lab.app_events(AppEventKind::kServed);
  REQUIRE(served.size() == 1);
  CHECK(served[0].host == lab.server.id());
  CHECK(served[0].flow == r.flow);
  CHECK(served[0].status == 200);
  CHECK(lab.text(served[0].text) == "/index.html");
  CHECK(served[0].ep.local == lab.server_ip);
  CHECK(served[0].ep.remote == lab.client_ip);
  const auto started = lab.app_events(AppEventKind::kRequestStart);
  REQUIRE(started.size() == 1);
  CHECK(lab.text(started[0].text) == "http://10.0.2.10/index.html");
  const auto done = lab.app_events(AppEventKind::kRequestDone);
  REQUIRE(done.size() == 1);
  CHECK(done[0].flow == r.flow);
  CHECK(done[0].status == 200);
  // Both ends closed; only the server (active closer) lingers in TIME_WAIT.
  CHECK(lab.client.tcp().connection_count() == 0);
  CHECK(lab.server.tcp().connection_count() == 1);
}

TEST_CASE("http: / is /index.html, a missing file is 404, a large body arrives whole") {
  HttpLab lab({plan("http://10.0.2.10/"), plan("http://10.0.2.10/nope.html", 10 * kMillisecond),
               plan("http://10.0.2.10/big.html", 20 * kMillisecond)});
  lab.run_until(5 * kSecond);
  REQUIRE(lab.results.size() == 3);
  CHECK(lab.results[0].status == 200);
  CHECK(lab.results[0].body == kIndex);
  CHECK(lab.results[1].status == 404);
  CHECK(lab.results[1].error == "");
  CHECK_FALSE(lab.results[1].ok());
  CHECK(lab.results[1].body.find("<title>404 Not Found</title>") != std::string::npos);
  CHECK(lab.results[2].status == 200);
  CHECK(lab.results[2].body == std::string(20000, 'x'));
  const auto served = lab.app_events(AppEventKind::kServed);
  REQUIRE(served.size() == 3);
  CHECK(lab.text(served[0].text) == "/index.html");
  CHECK(served[1].status == 404);
  CHECK(lab.text(served[1].text) == "/nope.html");
}

TEST_CASE("http: repeated requests each get their own flow") {
  HttpRequestPlan p = plan("http://10.0.2.10/index.html", 0);
  p.every = 1 * kSecond;
  p.count = 3;
  HttpLab lab({p});
  lab.run_until(10 * kSecond);
  REQUIRE(lab.results.size() == 3);
  for (int i = 0; i < 3; ++i) {
    CHECK(lab.results[i].status == 200);
    CHECK(lab.results[i].start == i * kSecond);
  }
  CHECK(lab.results[0].flow != lab.results[1].flow);
  CHECK(lab.results[1].flow != lab.results[2].flow);
}

TEST_CASE("http: server answers 400 and 501 to raw requests") {
  TwoHop net;
  HttpServerConfig cfg;
  cfg.files["/var/www/html/index.html"] = kIndex;
  net.server.add_app(make_http_server(net.server, cfg));
  net.server.start_apps();
  const auto ask = [&](const std::string& request) {
    Recorder cli;
    cli.when_connected = [&](TcpConnection& c) { c.send(as_bytes(request)); };
    cli.when_peer_closed = [](TcpConnection& c) { c.close(); };
    REQUIRE(net.client.tcp().connect(net.server_ip, 80, &cli));
    net.run_until(net.now() + 1 * kSecond);
    return cli.data;
  };
  CHECK(ask("POST /index.html HTTP/1.1\r\nHost: x\r\n\r\n").starts_with("HTTP/1.1 501 Not Implemented\r\n"));
  CHECK(ask("GET /index.html HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 400 Bad Request\r\n"));  // no Host
  CHECK(ask("GARBAGE\r\n\r\n").starts_with("HTTP/1.1 400 Bad Request\r\n"));
  CHECK(ask("GET /" + std::string(9000, 'a')).starts_with("HTTP/1.1 400 Bad Request\r\n"));
  const std::string head = ask("HEAD / HTTP/1.0\r\n\r\n");
  CHECK(head.starts_with("HTTP/1.1 200 OK\r\n"));
  CHECK(head.find("Content-Length: " + std::to_string(std::string(kIndex).size()) + "\r\n") != std::string::npos);
  CHECK(head.find("Connection: close\r\n") != std::string::npos);
  CHECK(head.find("Content-Type: text/html\r\n") != std::string::npos);
  CHECK(head.ends_with("\r\n\r\n"));  // no body for HEAD
}

TEST_CASE("http: connection refused when nothing listens") {
  HttpLab lab({plan("http://10.0.2.10:8080/index.html")});
  lab.run_until(5 * kSecond);
  REQUIRE(lab.results.size() == 1);
  CHECK(lab.results[0].status == 0);
  CHECK(lab.results[0].error == "Connection refused");
  CHECK(lab.results[0].end >= 0);
  const auto failed = lab.app_events(AppEventKind::kRequestFailed);
  REQUIRE(failed.size() == 1);
  CHECK(lab.text(failed[0].text) == "Connection refused");
}

TEST_CASE("http: --max-time against a silent server") {
  // Warm the caches with one good request, then power the server off.
  HttpLab lab({plan("http://10.0.2.10/index.html", 0), plan("http://10.0.2.10/index.html", 1 * kSecond, 3 * kSecond)});
  lab.run_until(500 * kMillisecond);
  REQUIRE(lab.results.size() == 1);
  CHECK(lab.results[0].status == 200);
  lab.server.set_powered(false);
  lab.run_until(10 * kSecond);
  REQUIRE(lab.results.size() == 2);
  const HttpResult& r = lab.results[1];
  CHECK(r.status == 0);
  CHECK(r.error == "Connection timed out after 3000 milliseconds");
  CHECK(r.end == 4 * kSecond);
  CHECK(lab.app_events(AppEventKind::kRequestFailed).size() == 1);
}

TEST_CASE("http: a server that stops answering mid-transfer: Operation timed out") {
  HttpLab lab({plan("http://10.0.2.10/big.html", 0, 2 * kSecond)});
  // Once the first bytes of the response reach the client, cut the server's cable.
  const auto client_got_data = [&] {
    for (const auto& [t, rx] : lab.records_of<FrameRx>())
      if (rx.host == lab.client.id() && lab.world.trace().frame(rx.frame).size() > 200) return true;
    return false;
  };
  bool cut = false;
  for (int i = 0; i < 5000 && !cut; ++i) {
    lab.run_until(lab.now() + 2 * kMicrosecond);
    if (client_got_data()) {
      lab.lan2.set_port_up(lab.server_port, false);
      cut = true;
    }
  }
  REQUIRE(cut);
  lab.run_until(5 * kSecond);
  REQUIRE(lab.results.size() == 1);
  const HttpResult& r = lab.results[0];
  CHECK(r.error.starts_with("Operation timed out after 2000 milliseconds with "));
  CHECK(r.error.ends_with(" out of 20000 bytes received"));
  CHECK(r.end == 2 * kSecond);
}

TEST_CASE("http: unfinished request keeps end = -1") {
  HttpLab lab({plan("http://10.0.2.10/index.html", 1 * kSecond)});
  lab.run_until(1 * kSecond + 1 * kMicrosecond);
  REQUIRE(lab.results.size() == 1);
  CHECK(lab.results[0].end == -1);
  CHECK(lab.results[0].start == 1 * kSecond);
}

}  // namespace lvs::test

namespace lvs::test {

TEST_CASE("http: 300 requests in a row reuse connection slots cleanly") {
  HttpRequestPlan p;
  p.url = "http://10.0.2.10/index.html";
  p.every = 2 * kMillisecond;
  p.count = 300;
  HttpLab lab({p});
  lab.run_until(70 * kSecond);  // past every TIME_WAIT
  REQUIRE(lab.results.size() == 300);
  int ok = 0;
  for (const auto& r : lab.results) ok += r.ok() && r.body == kIndex;
  CHECK(ok == 300);
  CHECK(lab.records_of<TcpRetransmit>().empty());
  CHECK(lab.client.tcp().connection_count() == 0);
  CHECK(lab.server.tcp().connection_count() == 0);
  CHECK(lab.world.pool().in_use() == 0);  // every packet slot came back
}

}  // namespace lvs::test

namespace lvs::test {

TEST_CASE("http: no route: the error is the connect() errno text") {
  HttpLab lab({plan("http://10.9.0.1/index.html")});
  NetFixture::route(lab.client, "unreachable 10.9.0.0/16");
  HttpLab lab2({plan("http://10.9.0.1/index.html")});
  lab.run_until(1 * kSecond);
  REQUIRE(lab.results.size() == 1);
  CHECK(lab.results[0].error == "No route to host");  // RTN_UNREACHABLE -> EHOSTUNREACH
  CHECK(lab.results[0].end == 0);
  // Without it the SYN goes to the router, which has no route either and answers with
  // ICMP net unreachable: the connect attempt ends at once (tcp_v4_err).
  lab2.run_until(10 * kSecond);
  REQUIRE(lab2.results.size() == 1);
  CHECK(lab2.results[0].error == "No route to host");
  CHECK(lab2.results[0].end < 10 * kMillisecond);
}

}  // namespace lvs::test

namespace lvs::test {

TEST_CASE("http: a URL with a space or a control character is refused as curl refuses it") {
  CHECK(url_junk_at("http://10.0.2.10/index.html") == std::string_view::npos);
  CHECK(url_junk_at("http://10.0.2.10/a b") == 18);
  CHECK(url_junk_at("http://10.0.2.10/x\r\nX-Injected: 1") == 18);
  CHECK(url_junk_at(std::string_view("http://10.0.2.10/\0", 18)) == 17);
  CHECK(url_junk_at("http://10.0.2.10/\x7f") == 17);
  CHECK_FALSE(parse_http_url("http://10.0.2.10/x\r\nX-Injected: 1").valid);
  // Nothing is sent: no SYN carrying a forged header line later.
  HttpLab lab({plan("http://10.0.2.10/x\r\nX-Injected: 1")});
  lab.run_until(1 * kSecond);
  REQUIRE(lab.results.size() == 1);
  CHECK(lab.results[0].error == "URL using bad/illegal format or missing URL");
  CHECK(lab.sent_by(lab.client).empty());
}

}  // namespace lvs::test

namespace lvs::test {

TEST_CASE("http: a request to the subnet's broadcast address fails: Network is unreachable") {
  HttpLab lab({plan("http://10.0.1.255/")});
  lab.run_until(1 * kSecond);
  REQUIRE(lab.results.size() == 1);
  CHECK(lab.results[0].error == "Network is unreachable");
  CHECK(lab.results[0].end == 0);
  CHECK(lab.sent_by(lab.client).empty());  // no broadcast SYN
}

}  // namespace lvs::test

namespace lvs::test {

// Issue 14: a long run kept each result's URL and body as its own string (a farm's
// 1000-byte page 100,000 times: 100 MB). A traffic entry's results share its URL, and a
// body equal to the one kept before it shares that copy; a different body is its own.
TEST_CASE("http: results share the URL and a repeated body; a different body is kept apart") {
  HttpRequestPlan p = plan("http://10.0.2.10/index.html");
  p.every = 100 * kMillisecond;
  p.count = 3;
  HttpRequestPlan big = plan("http://10.0.2.10/big.html", 50 * kMillisecond);
  HttpLab lab({p, big});
  lab.run_until(5 * kSecond);
  REQUIRE(lab.results.size() == 4);
  const HttpResult& first = lab.results[0];
  const HttpResult& other = lab.results[1];  // big.html, between the first two
  REQUIRE(other.url == "http://10.0.2.10/big.html");
  CHECK(other.body == std::string(20000, 'x'));
  for (std::size_t i : {2u, 3u}) {
    const HttpResult& r = lab.results[i];
    CHECK(r.body == kIndex);
    CHECK(&r.body.str() == &first.body.str());
    CHECK(&r.url.str() == &first.url.str());
  }
  CHECK(&other.body.str() != &first.body.str());
}

TEST_CASE("shared text: reads as its string, assigning replaces it for one copy only") {
  SharedText a;
  CHECK(a.empty());
  CHECK(a == "");
  a = std::string("page");
  SharedText b = a;
  CHECK(&b.str() == &a.str());
  b = "other";
  CHECK(a == "page");
  CHECK(b == "other");
  SharedText c;
  c.assign_like("page", a);
  CHECK(&c.str() == &a.str());
  c.assign_like("pages", a);
  CHECK(c == "pages");
  CHECK(c.find("ge") == 2);
  CHECK(c.size() == 5);
}

}  // namespace lvs::test
