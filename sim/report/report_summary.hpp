#pragma once
// The run report of a long run: requests are listed one by one only up to a limit (the
// first N, then the first N failed ones among the rest), and every request is counted
// in a summary (by result, by server, by path), so that a report of a million
// requests stays readable and its memory bounded. Nothing changes for a run of at most
// N requests: everything is listed and no summary is printed.
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace lvs {

struct RequestReport;

inline constexpr std::size_t kDefaultListedRequests = 1000;

// Counts per key, at most kMaxRows distinct keys (the others are counted together), so
// that a table stays small whatever the errors say.
class CountTable {
 public:
  static constexpr std::size_t kMaxRows = 20;
  void add(const std::string& key);
  // Rows by count (largest first, then first seen), and what did not fit.
  std::vector<std::pair<std::string, std::size_t>> rows() const;
  std::size_t others() const { return others_; }

 private:
  std::vector<std::pair<std::string, std::size_t>> rows_;  // first-seen order
  std::size_t others_ = 0;
};

struct RequestSummary {
  std::size_t limit = kDefaultListedRequests;  // requests listed one by one (and failed ones after them)
  std::size_t listed = 0, listed_failed = 0;   // listed so far (all / after the first `limit`)
  std::size_t not_listed = 0, not_listed_failed = 0;
  CountTable results, servers, paths, causes;  // over every request (causes: by kind)

  // Counts `q` and says whether it is listed (in the order of the report).
  bool add(const RequestReport& q);
  bool truncated() const { return not_listed > 0; }
  // "not listed: ..." and the tables, for the text report; "" when nothing was left out.
  std::string text(std::size_t total) const;
  nlohmann::ordered_json json() const;
};

}  // namespace lvs
