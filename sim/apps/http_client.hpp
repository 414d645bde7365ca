#pragma once
// An HTTP client that issues GET requests on a schedule (like `curl` in a loop) and
// records, per request: start/end time, status, body, error, and which host's
// application answered (from the trace, not from the body).
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sim/apps/shared_text.hpp"
#include "sim/core/time.hpp"
#include "sim/net/application.hpp"
#include "sim/wire/addr.hpp"

namespace lvs {

class Host;

struct HttpRequestPlan {
  std::string url;    // "http://192.168.0.10/index.html" (host must be a dotted quad)
  SimTime at = 0;     // first request
  SimTime every = 0;  // 0 = only once
  std::uint32_t count = 1;
  SimTime timeout = 10 * kSecond;  // curl --max-time
  // Keep each response body in the result (curl -o -). Off for load runs of thousands
  // of requests, where only body_bytes is kept (curl -o /dev/null -w %{size_download}).
  bool keep_body = true;
  // With keep_body, only the first `keep_bodies` requests keep their body; a later one
  // keeps it only when its status says it failed, else just its length and digest: what
  // a report that lists the first requests and the failed ones needs of a long run.
  std::uint32_t keep_bodies = UINT32_MAX;
};

// What one request gave. Collected by the client; reports read them.
struct HttpResult {
  std::uint32_t flow = 0;  // request id (trace flow tag)
  std::string client;      // host name
  SharedText url;          // the traffic entry's URL, shared by its requests
  SimTime start = 0;
  SimTime end = -1;               // -1 = not finished when the run ended
  int status = 0;                 // 0 = no response
  SharedText body;                // the same body as the request before shares its copy
  std::size_t body_bytes = 0;     // length of the body received (also when it is not kept)
  bool body_dropped = false;      // a body came and only its length and digest were kept (keep_bodies)
  std::uint64_t body_digest = 0;  // http_body_digest() of a dropped body
  std::string error;              // "" when a response arrived; else curl-like text
  bool ok() const { return status >= 200 && status < 400 && error.empty(); }
};

// FNV-1a of a body: compares a body that was not kept with an expected one.
std::uint64_t http_body_digest(std::string_view body);
// The response's body is `expected` (compared by digest when the body was not kept).
bool body_is(const HttpResult& r, std::string_view expected);

class HttpClient;
// Results are appended to *results (owned by the caller, e.g. the scenario run).
std::unique_ptr<Application> make_http_client(Host& host, std::vector<HttpRequestPlan> plans,
                                              std::vector<HttpResult>* results);

}  // namespace lvs
