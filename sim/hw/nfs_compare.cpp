#include "sim/hw/nfs_compare.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <sstream>

#include "sim/apps/autofs.hpp"
#include "sim/apps/autofs_maps.hpp"
#include "sim/net/host.hpp"
#include "sim/net/world.hpp"
#include "sim/scenario/scenario.hpp"

namespace lvs::hw {
namespace {

constexpr std::size_t kPageShown = 40;
// Every request's page is compared, not only the ones a report lists.
constexpr std::size_t kEveryRequest = std::numeric_limits<std::size_t>::max();

std::vector<std::string> split_options(const std::string& options) {
  std::vector<std::string> out;
  std::istringstream in(options);
  std::string o;
  while (std::getline(in, o, ',')) out.push_back(o);
  return out;
}

bool has_option(const std::vector<std::string>& opts, const std::string& o) {
  return std::find(opts.begin(), opts.end(), o) != opts.end();
}

// The value of "name=VALUE" in opts, or "".
std::string option_value(const std::vector<std::string>& opts, const std::string& name) {
  for (const auto& o : opts)
    if (o.starts_with(name + "=")) return o.substr(name.size() + 1);
  return "";
}

// The page as one short line: control characters escaped, cut at kPageShown bytes.
std::string page_text(const RequestReport& r) {
  if (r.status == 0) return "none";
  std::string out;
  for (std::size_t i = 0; i < r.body.size() && i < kPageShown; ++i) {
    const char ch = r.body[i];
    if (ch == '\n') out += "\\n";
    else if (static_cast<unsigned char>(ch) < 0x20) out += "?";
    else out += ch;
  }
  if (r.body.size() > kPageShown) out += "...";
  return "\"" + out + "\"";
}

}  // namespace

std::vector<HwNfsMount> sim_nfs_mounts(const ScenarioRun& run) {
  std::vector<HwNfsMount> out;
  for (const auto& h : run.world->hosts())
    for (const auto& app : h->apps())
      if (const auto* autofs = dynamic_cast<const Autofs*>(app.get()))
        for (const auto& e : autofs->mounts().entries())
          out.push_back(HwNfsMount{h->name(), e.source, e.target, e.type, e.options});
  return out;
}

std::string mount_summary(const HwNfsMount& m, const std::string& asked) {
  const std::vector<std::string> opts = split_options(m.options), want = split_options(asked);
  std::string out = m.source + " " + m.type + " " + (has_option(opts, "ro") ? "ro" : "rw");
  out += has_option(opts, "soft") ? ",soft" : ",hard";  // hard is NFS's default
  for (const char* name : {"timeo", "retrans"})
    if (!option_value(want, name).empty()) out += std::string(",") + name + "=" + option_value(opts, name);
  return out;
}

std::vector<std::pair<std::string, std::string>> automount_places(const ScenarioSpec& spec) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& h : spec.hosts) {
    const bool automounter = std::any_of(h.services.begin(), h.services.end(), [](const ServiceSpec& s) {
      return std::holds_alternative<AutofsServiceSpec>(s.config);
    });
    const auto master = h.files.find("/etc/auto.master");
    if (!automounter || master == h.files.end()) continue;
    for (const auto& e : parse_auto_master(master->second).entries) {
      const auto map = h.files.find(e.map);
      if (map == h.files.end()) continue;
      for (const auto& k : parse_auto_map(map->second, e.map).entries)
        if (k.key != "*" && k.fstype == "nfs") out.emplace_back(h.name, e.mount_point + "/" + k.key);
    }
  }
  return out;
}

std::vector<CompareRow> compare_nfs_mounts(const std::vector<HwNfsMount>& sim, const std::vector<HwNfsMount>& hw,
                                           const std::vector<std::pair<std::string, std::string>>& places) {
  std::map<std::pair<std::string, std::string>, std::pair<const HwNfsMount*, const HwNfsMount*>> by_place;
  for (const auto& p : places) by_place[p];
  for (const auto& m : sim) by_place[{m.host, m.target}].first = &m;
  for (const auto& m : hw) by_place[{m.host, m.target}].second = &m;
  std::vector<CompareRow> rows;
  for (const auto& [place, sides] : by_place) {
    // The options the scenario asked for are the simulator's (it keeps them as given).
    const std::string asked = sides.first ? sides.first->options : sides.second ? sides.second->options : "";
    CompareRow row{place.first + " mount " + place.second,
                   sides.first ? mount_summary(*sides.first, asked) : "not mounted",
                   sides.second ? mount_summary(*sides.second, asked) : "not mounted", Verdict::kSame};
    if (row.sim != row.hw) row.verdict = Verdict::kDiffers;
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<CompareRow> compare_pages(const RunReport& sim, const RunReport& hw) {
  std::vector<CompareRow> rows;
  const std::size_t n = std::max(sim.requests.size(), hw.requests.size());
  for (std::size_t i = 0; i < n; ++i) {
    CompareRow row{"request " + std::to_string(i + 1) + " page",
                   i < sim.requests.size() ? page_text(sim.requests[i]) : "none",
                   i < hw.requests.size() ? page_text(hw.requests[i]) : "none", Verdict::kSame};
    if (row.sim != row.hw) row.verdict = Verdict::kDiffers;
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<CompareRow> nfs_compare_rows(const ScenarioSpec& spec, SimTime at, const HwRunResult& res) {
  auto sim = build_run(spec, std::nullopt, /*tracing=*/true);
  execute(*sim, at);
  std::vector<CompareRow> rows = compare_nfs_mounts(sim_nfs_mounts(*sim), res.nfs_mounts, automount_places(spec));
  for (auto& row : compare_pages(make_report(*sim, kEveryRequest), make_report(*res.run, kEveryRequest)))
    rows.push_back(std::move(row));
  return rows;
}

}  // namespace lvs::hw
