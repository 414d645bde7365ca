#include "sim/report/report_summary.hpp"

#include <algorithm>
#include <sstream>

#include "sim/report/report.hpp"

namespace lvs {

void CountTable::add(const std::string& key) {
  for (auto& [k, n] : rows_)
    if (k == key) {
      ++n;
      return;
    }
  if (rows_.size() < kMaxRows) rows_.emplace_back(key, 1);
  else ++others_;
}

std::vector<std::pair<std::string, std::size_t>> CountTable::rows() const {
  auto out = rows_;
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

namespace {

// What a request came to, as one short key: "200", or the failure.
std::string result_key(const RequestReport& q) {
  if (q.ok) return "ok (" + std::to_string(q.status) + ")";
  return "FAILED: " + (q.error.empty() ? "status " + std::to_string(q.status) : q.error.substr(0, 120));
}

void print_table(std::ostringstream& out, const char* title, const CountTable& t) {
  out << "  " << title << "\n";
  for (const auto& [key, n] : t.rows()) out << "    " << n << "  " << key << "\n";
  if (t.others()) out << "    " << t.others() << "  (others)\n";
}

nlohmann::ordered_json table_json(const CountTable& t) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const auto& [key, n] : t.rows()) j[key] = n;
  if (t.others()) j["(others)"] = t.others();
  return j;
}

}  // namespace

bool RequestSummary::add(const RequestReport& q) {
  results.add(result_key(q));
  servers.add(q.server.empty() ? "(none)" : q.server);
  paths.add(q.path.hops.empty() ? "(none)" : q.path.notation());
  causes.add(q.cause ? q.cause->kind : "(healthy)");
  // After the limit, failed requests are listed, and so are unhealthy ones that met
  // their scenario's expect (a bypassed director is news).
  const bool failed_after_limit = listed >= limit && (!q.ok || q.cause) && listed_failed < limit;
  if (listed < limit || failed_after_limit) {
    ++listed;
    listed_failed += failed_after_limit ? 1 : 0;
    return true;
  }
  ++not_listed;
  not_listed_failed += q.ok ? 0 : 1;
  return false;
}

std::string RequestSummary::text(std::size_t total) const {
  if (!truncated()) return "";
  std::ostringstream out;
  out << "\n"
      << not_listed << " more requests not listed (" << not_listed_failed
      << " failed among them): the report lists the first " << limit << " requests and up to " << limit
      << " failed ones after them (--list-requests N or all changes it).\n";
  out << "all " << total << " requests:\n";
  print_table(out, "by result", results);
  print_table(out, "by server", servers);
  print_table(out, "by path", paths);
  print_table(out, "by cause", causes);
  return out.str();
}

nlohmann::ordered_json RequestSummary::json() const {
  nlohmann::ordered_json j;
  j["listed"] = listed;
  j["not_listed"] = not_listed;
  j["not_listed_failed"] = not_listed_failed;
  j["by_result"] = table_json(results);
  j["by_server"] = table_json(servers);
  j["by_path"] = table_json(paths);
  j["by_cause"] = table_json(causes);
  return j;
}

}  // namespace lvs
