#include "sim/hw/switch_names.hpp"

#include <cctype>
#include <set>

#include "sim/hw/names.hpp"

namespace lvs::hw {
namespace {

constexpr std::size_t kKeepEachSide = (kIfNameMax - 1) / 2;  // 7 + '~' + 7

bool utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The first `n` bytes of `s`, shortened to a whole number of UTF-8 characters.
std::string_view head(std::string_view s, std::size_t n) {
  if (n >= s.size()) return s;
  while (n > 0 && utf8_continuation(s[n])) --n;
  return s.substr(0, n);
}

// The last `n` bytes of `s`, shortened to a whole number of UTF-8 characters.
std::string_view tail(std::string_view s, std::size_t n) {
  if (n >= s.size()) return s;
  std::size_t start = s.size() - n;
  while (start < s.size() && utf8_continuation(s[start])) ++start;
  return s.substr(start);
}

class Planner {
 public:
  explicit Planner(const std::vector<std::string>& existing) : taken_(existing.begin(), existing.end()) {}

  // Step 1: the name itself, if valid and free.
  bool take_as_is(const std::string& name) {
    if (!valid_ifname(name) || taken_.count(name)) return false;
    taken_.insert(name);
    return true;
  }

  // Steps 2 and 3.
  std::string take_derived(const std::string& name) {
    std::string base = shorten_ifname(name);
    for (unsigned n = 2; taken_.count(base); ++n) {
      const std::string tag = "~" + std::to_string(n);
      base = std::string(head(shorten_ifname(name), kIfNameMax - tag.size())) + tag;
    }
    taken_.insert(base);
    return base;
  }

 private:
  std::set<std::string> taken_;
};

}  // namespace

std::string shorten_ifname(std::string_view name) {
  std::string s(name);
  for (char& c : s)
    if (c == '/' || c == ':' || c == '%' || std::isspace(static_cast<unsigned char>(c))) c = '_';
  if (s.empty() || s == "." || s == "..") s = std::string(s.size() + 1, '_');
  if (s.size() <= kIfNameMax) return s;
  return std::string(head(s, kKeepEachSide)) + "~" + std::string(tail(s, kKeepEachSide));
}

SwitchNames plan_switch_names(const ScenarioSpec& spec, const std::vector<std::string>& existing) {
  SwitchNames out;
  out.bridges.resize(spec.segments.size());
  out.ports.resize(spec.hosts.size());
  std::vector<std::vector<std::string>> wanted(spec.hosts.size());
  for (std::size_t h = 0; h < spec.hosts.size(); ++h) {
    out.ports[h].resize(spec.hosts[h].interfaces.size());
    for (const auto& ifc : spec.hosts[h].interfaces)
      wanted[h].push_back(ifc.type == InterfaceType::kEthernet ? spec.hosts[h].name + "-" + ifc.name : "");
  }
  Planner plan(existing);
  for (std::size_t s = 0; s < spec.segments.size(); ++s)
    if (plan.take_as_is(spec.segments[s].name)) out.bridges[s] = spec.segments[s].name;
  for (std::size_t h = 0; h < wanted.size(); ++h)
    for (std::size_t i = 0; i < wanted[h].size(); ++i)
      if (!wanted[h][i].empty() && plan.take_as_is(wanted[h][i])) out.ports[h][i] = wanted[h][i];
  for (std::size_t s = 0; s < spec.segments.size(); ++s)
    if (out.bridges[s].empty()) out.bridges[s] = plan.take_derived(spec.segments[s].name);
  for (std::size_t h = 0; h < wanted.size(); ++h)
    for (std::size_t i = 0; i < wanted[h].size(); ++i)
      if (!wanted[h][i].empty() && out.ports[h][i].empty()) out.ports[h][i] = plan.take_derived(wanted[h][i]);
  return out;
}

}  // namespace lvs::hw
