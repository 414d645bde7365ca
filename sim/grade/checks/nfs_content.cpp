// nfs_content: the pages come from NFS, and every real server mounted the export once.
// Each request of the chosen traffic was answered (status 200) with a file its server
// read over NFS (an NFS READ answered NFS3_OK in the request's storage leg, from
// `nfs_server`); each of `servers` made exactly one successful MOUNT (autofs mounts once
// and keeps the mount while it is used).
//   {"kind": "nfs_content", "servers": ["rs1", "rs2"], "nfs_server": "nfs"}
#include "sim/grade/check.hpp"

namespace lvs::grade {
namespace {

struct Params {
  std::vector<std::string> servers;
  std::string nfs_server;
  TrafficSet traffic = TrafficSet::kAll;
};

Params read(const JsonNode& check, const nlohmann::json& scenario) {
  expect_check_keys(check, {"servers", "nfs_server", "traffic"});
  Params p;
  const JsonNode servers = check.at("servers");
  for (const JsonNode& s : servers.items()) {
    const std::string name = s.nonempty_string();
    if (!scenario_has_host(scenario, name)) s.fail("unknown host '" + name + "' (not in /scenario/hosts)");
    p.servers.push_back(name);
  }
  if (p.servers.empty()) servers.fail("name the real servers that mount the export");
  p.nfs_server = host_param(check, scenario, "nfs_server");
  p.traffic = traffic_param(check, TrafficSet::kAll);
  return p;
}

void validate(const JsonNode& check, const nlohmann::json& scenario) { (void)read(check, scenario); }

bool read_over_nfs(const RequestReport& q, const std::string& nfs) {
  if (q.storage.server_host != nfs) return false;
  return std::any_of(q.storage.calls.begin(), q.storage.calls.end(), [](const NfsCallView& c) {
    return c.program == "NFS" && c.proc == "READ" && c.status == "NFS3_OK";
  });
}

Finding evaluate(const JsonNode& check, GradeWorld& w) {
  const Params p = read(check, w.lab.scenario);
  const auto requests = w.requests(p.traffic);
  std::size_t bad = 0;
  const RequestReport* first = nullptr;
  for (const RequestReport* q : requests)
    if (q->status != 200 || !read_over_nfs(*q, p.nfs_server)) {
      if (!first) first = q;
      ++bad;
    }
  if (first) {
    std::string problem = first->status != 200 ? page_problem(PageExpect{}, *first)
                                               : "the page did not come from " + p.nfs_server + " over NFS";
    // The storage notes say what the automounter and the NFS client did, when the
    // diagnosis has no sentence for it.
    if (!first->cause)
      for (const auto& n : first->storage.notes) problem += "; " + n;
    Finding f = request_finding(w, *first, problem, bad, requests.size(), "were not served from NFS");
    if (!first->storage.calls.empty()) f.evidence += "\nnfs " + first->storage.summary();
    return f;
  }
  Finding f;
  if (requests.empty()) {
    f.cause = "no request of " + traffic_words(p.traffic) + " ran";
    return f;
  }
  // Successful MOUNTs per real server, over every request of the run.
  for (const std::string& server : p.servers) {
    std::size_t mounts = 0;
    for (const auto& q : w.report->requests)
      if (q.storage.client_host == server)
        for (const auto& c : q.storage.calls)
          mounts += c.program == "MOUNT" && c.proc == "MNT" && c.status == "NFS3_OK";
    f.evidence += server + ": " + std::to_string(mounts) + " mount(s) of " + p.nfs_server + "'s export\n";
    if (mounts != 1 && f.cause.empty())
      f.cause = server + " mounted " + p.nfs_server + "'s export " + std::to_string(mounts) + " times, expected once" +
                (mounts == 0 ? " (it never served a page from NFS)" : "");
  }
  f.passed = f.cause.empty();
  return f;
}

}  // namespace

extern const CheckKind kNfsContentCheck{"nfs_content", Stage::kRun, validate, evaluate};

}  // namespace lvs::grade
