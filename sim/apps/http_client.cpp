#include "sim/apps/http_client.hpp"

#include <algorithm>
#include <charconv>
#include <string_view>

#include "sim/apps/http_message.hpp"
#include "sim/apps/slot_pool.hpp"
#include "sim/net/host.hpp"
#include "sim/net/tcp.hpp"
#include "sim/net/world.hpp"

namespace lvs {

namespace {

bool iequals_prefix(std::string_view line, std::string_view name) {
  if (line.size() < name.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char ch = line[i];
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    if (ch != name[i]) return false;
  }
  return true;
}

}  // namespace

std::uint64_t http_body_digest(std::string_view body) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (const char c : body) h = (h ^ static_cast<std::uint8_t>(c)) * 0x100000001b3ull;
  return h;
}

bool body_is(const HttpResult& r, std::string_view expected) {
  if (!r.body_dropped) return r.body == expected;
  return r.body_digest == http_body_digest(expected);
}

class HttpClient : public Application, public EventHandler {
 public:
  HttpClient(Host& host, std::vector<HttpRequestPlan> plans, std::vector<HttpResult>* results)
      : host_(host), plans_(std::move(plans)), results_(results ? results : &own_results_) {
    for (const auto& p : plans_) {
      targets_.push_back(parse_http_url(p.url));
      urls_.emplace_back(p.url);
    }
    last_body_.resize(plans_.size());
  }

  // Schedules each plan's next occurrence from now on (also after a host restart).
  void start() override {
    stopped_ = false;
    ++epoch_;
    for (std::uint32_t i = 0; i < plans_.size(); ++i) {
      const HttpRequestPlan& p = plans_[i];
      std::uint32_t k = 0;
      while (k < p.count && occurrence(p, k) < host_.now()) {
        if (p.every <= 0) {
          k = p.count;
          break;
        }
        ++k;
      }
      if (k < p.count) host_.sim().schedule_at(occurrence(p, k), this, kFire, i, (std::uint64_t{epoch_} << 32) | k);
    }
  }

  // Nothing more is started; requests in flight end with the host's connections.
  void stop() override {
    stopped_ = true;
    ++epoch_;
  }

  std::string describe() const override {
    std::string text = "curl";
    for (const auto& p : plans_) text += " " + p.url;
    return text;
  }

  void on_event(const Event& ev) override {
    if (ev.kind == kFire) return fire(ev);
    if (ev.kind == kTimeout && ev.a < requests_.size()) {
      Request& q = requests_[ev.a];
      if (!q.in_use || q.serial != ev.b) return;
      if (!q.finished) return timed_out(q);
      if (q.conn) q.conn->close();  // done, but the server's FIN never came
    }
  }

 private:
  enum EventKind : std::uint32_t { kFire = 1, kTimeout = 2 };

  // One request in flight (a curl process).
  struct Request final : TcpHandler {
    HttpClient* client = nullptr;
    std::uint32_t slot = 0;
    std::uint64_t serial = 0;
    bool in_use = false;
    bool finished = false;  // the result is written
    bool connected = false;
    std::size_t result = 0;
    std::uint32_t plan = 0;
    TcpConnection* conn = nullptr;
    Endpoint4 ep{};
    std::string rx;
    bool headers_done = false;
    bool server_closes = false;  // the response said `Connection: close`
    std::size_t body_start = 0;
    long long content_length = -1;
    int status = 0;

    void on_connected(TcpConnection& c) override { client->connected(*this, c); }
    void on_data(TcpConnection& c, wire::Bytes data) override { client->received(*this, c, data); }
    void on_peer_closed(TcpConnection& c) override { client->peer_closed(*this, c); }
    void on_closed(TcpConnection&, TcpCloseReason reason) override { client->closed(*this, reason); }
  };

  static SimTime occurrence(const HttpRequestPlan& p, std::uint32_t k) { return p.at + p.every * k; }

  void fire(const Event& ev) {
    if (stopped_ || (ev.b >> 32) != epoch_) return;
    const std::uint32_t k = static_cast<std::uint32_t>(ev.b);
    const HttpRequestPlan& p = plans_[ev.a];
    if (k + 1 < p.count)
      host_.sim().schedule_at(occurrence(p, k + 1), this, kFire, ev.a, (std::uint64_t{epoch_} << 32) | (k + 1));
    begin(ev.a);
  }

  void begin(std::uint32_t plan_index) {
    const HttpRequestPlan& plan = plans_[plan_index];
    const HttpTarget& target = targets_[plan_index];
    HttpResult r;
    r.flow = host_.world().next_flow_id();
    r.client = host_.name();
    r.url = urls_[plan_index];
    r.start = host_.now();
    results_->push_back(std::move(r));
    const std::size_t index = results_->size() - 1;
    trace((*results_)[index].flow, AppEventKind::kRequestStart, 0, plan.url, Endpoint4{});
    if (!target.valid) return fail_result(index, "URL using bad/illegal format or missing URL", Endpoint4{});

    Request& q = allocate();
    q.result = index;
    q.plan = plan_index;
    RouteError error = RouteError::kNone;
    q.conn = host_.tcp().connect(target.ip, target.port, &q, (*results_)[index].flow, Ipv4Addr(), 0, &error);
    if (!q.conn) {  // connect() failed at once (ENETUNREACH / EHOSTUNREACH, no free port)
      q.in_use = false;
      requests_.release(q.slot);
      return fail_result(index, error == RouteError::kNone ? "No route to host" : route_error_text(error), Endpoint4{});
    }
    q.ep = q.conn->endpoint();
    if (plan.timeout > 0) host_.sim().schedule_in(plan.timeout, this, kTimeout, q.slot, q.serial);
  }

  Request& allocate() {
    Request& q = requests_.acquire([this](Request& fresh, std::size_t slot) {
      fresh.client = this;
      fresh.slot = static_cast<std::uint32_t>(slot);
    });
    q.serial = ++serials_;
    q.in_use = true;
    q.finished = q.connected = q.headers_done = q.server_closes = false;
    q.conn = nullptr;
    q.ep = Endpoint4{};
    q.rx.clear();
    q.body_start = 0;
    q.content_length = -1;
    q.status = 0;
    return q;
  }

  void connected(Request& q, TcpConnection& c) {
    q.connected = true;
    const std::string request = curl_get_request(targets_[q.plan]);
    c.send(wire::Bytes(reinterpret_cast<const std::uint8_t*>(request.data()), request.size()));
  }

  void received(Request& q, TcpConnection& c, wire::Bytes data) {
    if (q.finished) return;
    q.rx.append(reinterpret_cast<const char*>(data.data()), data.size());
    if (!q.headers_done && !parse_head(q)) return;
    if (q.content_length >= 0 && q.rx.size() - q.body_start >= static_cast<std::size_t>(q.content_length)) {
      complete(q);
      // curl closes its socket now. A server that said `Connection: close` has sent its
      // FIN right behind the body, and curl wakes up after it arrived: close then, so
      // the server stays the active closer as in real captures.
      if (!q.server_closes) c.close();
    }
  }

  // Status line and headers; false while they are incomplete (or were garbage).
  bool parse_head(Request& q) {
    const auto end = q.rx.find("\r\n\r\n");
    if (end == std::string::npos) return false;
    const std::string_view head = std::string_view(q.rx).substr(0, end);
    // "HTTP/1.1 200 OK"
    const auto digit = [&](std::size_t i) { return head.size() > i && head[i] >= '0' && head[i] <= '9'; };
    if (!head.starts_with("HTTP/1.") || head.size() < 12 || head[8] != ' ' || !digit(9) || !digit(10) || !digit(11)) {
      fail(q, "Unsupported HTTP/1 subversion in response");
      if (q.conn) q.conn->close();
      return false;
    }
    q.status = (head[9] - '0') * 100 + (head[10] - '0') * 10 + (head[11] - '0');
    std::size_t pos = head.find("\r\n");
    while (pos != std::string_view::npos) {
      const std::size_t next = head.find("\r\n", pos + 2);
      const std::string_view line = head.substr(pos + 2, next == std::string_view::npos ? next : next - pos - 2);
      if (iequals_prefix(line, "content-length:")) {
        std::string_view v = line.substr(15);
        while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
        long long n = 0;
        const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
        if (ec == std::errc() && n >= 0) q.content_length = n;
        (void)ptr;
      } else if (iequals_prefix(line, "connection:") && line.find("close") != std::string_view::npos) {
        q.server_closes = true;
      }
      pos = next;
    }
    q.headers_done = true;
    q.body_start = end + 4;
    return true;
  }

  void peer_closed(Request& q, TcpConnection& c) {
    if (!q.finished) {
      const std::size_t body = q.headers_done ? q.rx.size() - q.body_start : 0;
      if (q.rx.empty()) fail(q, "Empty reply from server");
      else if (!q.headers_done) fail(q, "transfer closed with outstanding read data remaining");
      else if (q.content_length < 0) complete(q);  // body delimited by the close
      else
        fail(q, "transfer closed with " + std::to_string(q.content_length - static_cast<long long>(body)) +
                    " bytes remaining to read");
    }
    c.close();
  }

  void closed(Request& q, TcpCloseReason reason) {
    q.conn = nullptr;
    if (!q.finished) {
      switch (reason) {
        case TcpCloseReason::kHostDown: break;  // our host stopped: the request stays unfinished
        case TcpCloseReason::kReset:
          fail(q, q.connected ? "Recv failure: Connection reset by peer" : tcp_close_reason_text(reason));
          break;
        case TcpCloseReason::kTimeout:
          fail(q, q.connected ? "Recv failure: Connection timed out" : tcp_close_reason_text(reason));
          break;
        case TcpCloseReason::kNormal:
          fail(q, q.rx.empty() ? "Empty reply from server" : "transfer closed with outstanding read data remaining");
          break;
        default: fail(q, tcp_close_reason_text(reason)); break;
      }
    }
    q.in_use = false;
    requests_.release(q.slot);
  }

  // curl --max-time ran out (multi.c: the message depends on the phase).
  void timed_out(Request& q) {
    const HttpResult& r = (*results_)[q.result];
    const std::string ms = std::to_string((host_.now() - r.start) / kMillisecond);
    if (!q.connected) {
      fail(q, "Connection timed out after " + ms + " milliseconds");
    } else {
      const long long body = q.headers_done ? static_cast<long long>(q.rx.size() - q.body_start) : 0;
      std::string text = "Operation timed out after " + ms + " milliseconds with " + std::to_string(body);
      if (q.content_length >= 0) text += " out of " + std::to_string(q.content_length);
      fail(q, text + " bytes received");
    }
    // curl close()s its socket: FIN when connected, nothing while still connecting.
    if (q.conn) q.conn->close();
  }

  void complete(Request& q) {
    q.finished = true;
    HttpResult& r = (*results_)[q.result];
    r.status = q.status;
    const std::size_t available = q.rx.size() - q.body_start;
    const std::size_t n = q.content_length >= 0 ? static_cast<std::size_t>(q.content_length) : available;
    r.body_bytes = std::min(n, available);
    const HttpRequestPlan& plan = plans_[q.plan];
    const std::string_view body = std::string_view(q.rx).substr(q.body_start, r.body_bytes);
    const bool failed_status = r.status < 200 || r.status >= 400;
    if (plan.keep_body && (q.result < plan.keep_bodies || failed_status)) {
      r.body.assign_like(body, last_body_[q.plan]);
      last_body_[q.plan] = r.body;
    } else if (plan.keep_body) {
      r.body_dropped = true;
      r.body_digest = http_body_digest(body);
    }
    r.end = host_.now();
    trace(r.flow, AppEventKind::kRequestDone, static_cast<std::uint16_t>(r.status), r.body, q.ep);
  }

  void fail(Request& q, const std::string& error) {
    q.finished = true;
    (*results_)[q.result].status = q.status;
    fail_result(q.result, error, q.ep);
  }

  void fail_result(std::size_t index, const std::string& error, const Endpoint4& ep) {
    HttpResult& r = (*results_)[index];
    r.error = error;
    r.end = host_.now();
    trace(r.flow, AppEventKind::kRequestFailed, static_cast<std::uint16_t>(r.status), error, ep);
  }

  void trace(std::uint32_t flow, AppEventKind kind, std::uint16_t status, std::string_view text, const Endpoint4& ep) {
    if (!host_.tracing()) return;
    Trace& t = host_.world().trace();
    t.record(host_.now(), AppEvent{host_.id(), kind, flow, status, t.add_string(text), ep});
  }

  Host& host_;
  std::vector<HttpRequestPlan> plans_;
  std::vector<HttpTarget> targets_;
  std::vector<SharedText> urls_;       // per plan: shared by its results
  std::vector<SharedText> last_body_;  // per plan: the body kept last (the next equal one shares it)
  std::vector<HttpResult>* results_;
  std::vector<HttpResult> own_results_;
  SlotPool<Request> requests_;
  std::uint64_t serials_ = 0;
  std::uint32_t epoch_ = 0;
  bool stopped_ = false;
};

std::unique_ptr<Application> make_http_client(Host& host, std::vector<HttpRequestPlan> plans,
                                              std::vector<HttpResult>* results) {
  return std::make_unique<HttpClient>(host, std::move(plans), results);
}

}  // namespace lvs
