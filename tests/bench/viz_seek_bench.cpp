// The viewer's model on a big trace (issue 5: "responsive on 100,000 events"): LVS-NAT
// (scenarios/lvs-nat.json) with its one client making many more requests, traced. Times
// what the viewer does: opening the trace (event index, state checkpoints), seeking to
// random steps (scrubbing), stepping forward and back, building the host-state panel of
// the director (ipvsadm -Ln / -Lnc with every connection) and filtering the event list.
//
//   bench_viz_seek [--requests N] [--interval K] [--write-scenario FILE]
// --write-scenario saves the generated scenario, e.g. to time real frames with
// `xvfb-run lvslab view FILE --bench-frames 600`.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "viz/model/event_index.hpp"
#include "viz/model/host_view.hpp"
#include "viz/model/session.hpp"
#include "viz/model/state_index.hpp"

using namespace lvs;
using namespace lvs::viz;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

struct Stats {
  double mean = 0, p50 = 0, p99 = 0, max = 0;
};
Stats stats(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  Stats s;
  for (double x : v) s.mean += x;
  s.mean /= static_cast<double>(v.size());
  s.p50 = v[v.size() / 2];
  s.p99 = v[v.size() * 99 / 100];
  s.max = v.back();
  return s;
}
long peak_rss_kb() {  // VmHWM from /proc/self/status
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
  return -1;
}

void print(const char* what, const Stats& s, const char* unit) {
  std::printf("  %-34s mean %8.3f  p50 %8.3f  p99 %8.3f  max %8.3f %s\n", what, s.mean, s.p50, s.p99, s.max, unit);
}

}  // namespace

int main(int argc, char** argv) {
  long requests = 1600;
  std::size_t interval = 512;
  std::string write_to;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--requests")) requests = std::atol(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--interval")) interval = static_cast<std::size_t>(std::atol(argv[i + 1]));
    else if (!std::strcmp(argv[i], "--write-scenario")) write_to = argv[i + 1];
  }

  // lvs-nat.json with `requests` requests, one every 10 ms.
  std::ifstream in(std::string(LVSLAB_SOURCE_DIR) + "/scenarios/lvs-nat.json");
  nlohmann::json doc = nlohmann::json::parse(in);
  doc["name"] = "lvs-nat-big";
  doc["traffic"][0]["count"] = requests;
  doc["traffic"][0]["every"] = "10ms";
  doc["traffic"][0].erase("expect");
  doc["duration"] = std::to_string(2 + requests / 100) + "s";
  const std::string path = write_to.empty() ? "/tmp/lvslab-viz-bench.json" : write_to;
  std::ofstream(path) << doc.dump(2) << "\n";

  auto t0 = Clock::now();
  const Session s = run_session(path, std::nullopt, std::nullopt);
  const double run_ms = ms_since(t0);
  const Trace& trace = s.trace();
  const std::size_t n = trace.records().size();
  std::printf("trace: %zu events, %zu frames, %ld requests (simulation with tracing %.0f ms, peak RSS %.1f MB)\n", n,
              trace.frame_count(), requests, run_ms, static_cast<double>(peak_rss_kb()) / 1024.0);

  t0 = Clock::now();
  const EventIndex events(trace);
  const double index_ms = ms_since(t0);
  t0 = Clock::now();
  const StateIndex states(trace, interval);
  const double states_ms = ms_since(t0);
  std::printf("open: event index %.1f ms, state checkpoints %.1f ms (%zu checkpoints, every %zu events)\n", index_ms,
              states_ms, states.checkpoint_count(), interval);
  std::printf("checkpoints' connection entries: %.1f MB (shared between checkpoints where unchanged)\n",
              static_cast<double>(states.checkpoint_conn_bytes()) / 1e6);

  // Scrubbing: the cursor jumps to random steps.
  std::vector<double> seek_us, forward_us, back_us, panel_ms;
  Cursor c(states);
  std::uint64_t x = 88172645463325252ull;
  const auto next = [&] {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    return static_cast<std::size_t>(x % n);
  };
  for (int i = 0; i < 2000; ++i) {
    const std::size_t to = next();
    const auto t = Clock::now();
    c.seek(to);
    seek_us.push_back(ms_since(t) * 1000);
  }
  c.seek(n / 2);
  for (int i = 0; i < 2000; ++i) {
    auto t = Clock::now();
    c.forward();
    forward_us.push_back(ms_since(t) * 1000);
  }
  for (int i = 0; i < 2000; ++i) {
    auto t = Clock::now();
    c.back();
    back_us.push_back(ms_since(t) * 1000);
  }
  // The director's panel (ipvsadm -Ln / -Lnc formatted from the state) at random steps.
  HostId director = 0;
  for (std::size_t h = 0; h < trace.meta().hosts.size(); ++h)
    if (trace.meta().hosts[h].role == "director") director = static_cast<HostId>(h);
  std::size_t max_conns = 0;
  for (int i = 0; i < 300; ++i) {
    c.seek(next());
    auto t = Clock::now();
    const HostView v = host_view(trace, c.state(), director);
    panel_ms.push_back(ms_since(t));
    max_conns = std::max(max_conns, c.state().hosts[director].conns.size());
  }
  std::printf("per operation (%zu events):\n", n);
  print("random seek (scrubbing)", stats(seek_us), "us");
  print("step forward", stats(forward_us), "us");
  print("step back", stats(back_us), "us");
  print("director panel (-Ln, -Lnc)", stats(panel_ms), "ms");
  std::printf("  (director connection table up to %zu entries)\n", max_conns);

  std::vector<double> filter_ms;
  for (int k = 0; k < 20; ++k) {
    EventFilter f;
    f.host = director;
    f.kinds = (k % 2) ? ~0u : (1u << static_cast<unsigned>(EventKind::kTcp));
    auto t = Clock::now();
    const auto rows = filter_events(events, f);
    filter_ms.push_back(ms_since(t));
    if (rows.empty()) return 1;
  }
  print("filter the event list", stats(filter_ms), "ms");

  // The same answer whichever way a step is reached.
  Cursor a(states);
  a.seek(n - 1);
  while (a.step() > n / 3) a.back();
  if (!(a.state() == states.state_after(n / 3 + 1))) {
    std::printf("MISMATCH: stepping back differs from a fresh seek\n");
    return 1;
  }
  std::printf("peak RSS %.1f MB (target <= 300 MB at 16,000 requests)\n", static_cast<double>(peak_rss_kb()) / 1024.0);
  return 0;
}
