#include "sim/net/route.hpp"

#include <algorithm>
#include <charconv>

namespace lvs {

const char* route_type_name(RouteType t) {
  switch (t) {
    case RouteType::kUnicast: return "unicast";
    case RouteType::kLocal: return "local";
    case RouteType::kBroadcast: return "broadcast";
    case RouteType::kBlackhole: return "blackhole";
    case RouteType::kUnreachable: return "unreachable";
    case RouteType::kProhibit: return "prohibit";
  }
  return "?";
}

const char* scope_name(Scope s) {
  switch (s) {
    case Scope::kGlobal: return "global";
    case Scope::kLink: return "link";
    case Scope::kHost: return "host";
  }
  return "?";
}

namespace {

std::vector<std::string_view> words(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    const std::size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t') ++i;
    if (i > start) out.push_back(text.substr(start, i - start));
  }
  return out;
}

}  // namespace

std::optional<RouteSpec> parse_route(std::string_view text, std::string* error) {
  RouteSpec spec;
  spec.text = std::string(text);
  const auto w = words(text);
  std::size_t i = 0;
  auto fail = [&](std::string msg) -> std::optional<RouteSpec> {
    if (error) *error = std::move(msg);
    return std::nullopt;
  };
  if (w.empty()) return fail("empty route");
  if (w[i] == "blackhole" || w[i] == "unreachable" || w[i] == "prohibit" || w[i] == "unicast") {
    spec.type = w[i] == "blackhole"     ? RouteType::kBlackhole
                : w[i] == "unreachable" ? RouteType::kUnreachable
                : w[i] == "prohibit"    ? RouteType::kProhibit
                                        : RouteType::kUnicast;
    ++i;
  }
  if (i >= w.size()) return fail("missing destination");
  if (w[i] == "default" || w[i] == "0/0") {
    spec.dst = Ipv4Prefix{Ipv4Addr(), 0};
  } else {
    const auto p = Ipv4Prefix::parse(w[i]);
    if (!p) return fail("'" + std::string(w[i]) + "' is not a destination (a.b.c.d/nn, a.b.c.d or default)");
    if (p->addr != p->network())
      return fail("'" + std::string(w[i]) + "' has host bits set; did you mean " + p->network().str() + "/" +
                  std::to_string(p->len) + "?");
    spec.dst = *p;
  }
  ++i;
  while (i < w.size()) {
    const std::string_view key = w[i];
    if (key == "onlink") {  // a flag, no value
      spec.onlink = true;
      ++i;
      continue;
    }
    if (i + 1 >= w.size()) return fail("'" + std::string(key) + "' needs a value");
    const std::string_view val = w[i + 1];
    if (key == "via") {
      const auto a = Ipv4Addr::parse(val);
      if (!a) return fail("'" + std::string(val) + "' is not a gateway address");
      spec.gateway = *a;
    } else if (key == "dev") {
      spec.dev = std::string(val);
    } else if (key == "src") {
      const auto a = Ipv4Addr::parse(val);
      if (!a) return fail("'" + std::string(val) + "' is not a source address");
      spec.src = *a;
    } else if (key == "metric" || key == "preference" || key == "priority") {
      std::uint32_t m = 0;
      auto [p, ec] = std::from_chars(val.data(), val.data() + val.size(), m);
      if (ec != std::errc() || p != val.data() + val.size()) return fail("'" + std::string(val) + "' is not a metric");
      spec.metric = m;
    } else if (key == "scope") {
      if (val == "global" || val == "universe") spec.scope = Scope::kGlobal;
      else if (val == "link") spec.scope = Scope::kLink;
      else if (val == "host") spec.scope = Scope::kHost;
      else return fail("unknown scope '" + std::string(val) + "' (global, link or host)");
    } else if (key == "proto") {
      // accepted and ignored: lvslab does not keep route protocols
    } else {
      return fail("unknown route keyword '" + std::string(key) + "'");
    }
    i += 2;
  }
  if (spec.type == RouteType::kUnicast && !spec.gateway && spec.dev.empty())
    return fail("a route needs 'via GATEWAY' or 'dev DEVICE'");
  return spec;
}

void RouteTable::clear() {
  routes_.clear();
  next_.clear();
  heads_.clear();
  lengths_ = 0;
}

void RouteTable::add(const Route& r) {
  const auto index = static_cast<std::uint32_t>(routes_.size());
  routes_.push_back(r);
  next_.push_back(kEnd);
  const auto [it, fresh] = heads_.try_emplace(key(r.dst.network(), r.dst.len), Chain{index, index});
  if (!fresh) {
    next_[it->second.last] = index;
    it->second.last = index;
  }
  lengths_ |= std::uint64_t{1} << r.dst.len;
}

const Route* RouteTable::find_exact(const Ipv4Prefix& dst, std::uint32_t metric) const {
  const auto it = heads_.find(key(dst.network(), dst.len));
  if (it == heads_.end()) return nullptr;
  for (std::uint32_t i = it->second.first; i != kEnd; i = next_[i])
    if (routes_[i].metric == metric) return &routes_[i];
  return nullptr;
}

const Route* RoutingTable::lookup(Ipv4Addr dst) const {
  if (const Route* r = local_.best(dst)) return r;
  return main_.best(dst);
}

namespace {

std::string dst_text(const Route& r) {
  if (r.dst.len == 0) return "default";
  if (r.dst.len == 32) return r.dst.addr.str();
  return r.dst.str();
}

std::string format_route(const Route& r, const std::function<std::string(IfIndex)>& dev_name, bool local_table) {
  std::string s;
  if (local_table || r.type != RouteType::kUnicast) s += std::string(route_type_name(r.type)) + " ";
  s += dst_text(r);
  if (!r.gateway.is_unspecified()) s += " via " + r.gateway.str();
  if (r.dev != kNoId) s += " dev " + dev_name(r.dev);
  if (r.kernel) s += " proto kernel";
  if (r.scope != Scope::kGlobal) s += std::string(" scope ") + scope_name(r.scope);
  if (!r.prefsrc.is_unspecified()) s += " src " + r.prefsrc.str();
  if (r.metric) s += " metric " + std::to_string(r.metric);
  if (r.onlink) s += " onlink";  // iproute2 prints the nexthop flags last
  return s;
}

}  // namespace

std::vector<const Route*> trie_order(const RouteTable& table) {
  std::vector<const Route*> sorted;
  for (const auto& r : table.in_order()) sorted.push_back(&r);
  std::stable_sort(sorted.begin(), sorted.end(), [](const Route* a, const Route* b) {
    if (a->dst.addr != b->dst.addr) return a->dst.addr < b->dst.addr;
    if (a->dst.len != b->dst.len) return a->dst.len > b->dst.len;
    return a->metric < b->metric;
  });
  return sorted;
}

std::vector<std::string> RoutingTable::show_main(const std::function<std::string(IfIndex)>& dev_name) const {
  const std::vector<const Route*> sorted = trie_order(main_);
  std::vector<std::string> out;
  for (const Route* r : sorted) out.push_back(format_route(*r, dev_name, false));
  return out;
}

std::vector<std::string> RoutingTable::show_local(const std::function<std::string(IfIndex)>& dev_name) const {
  std::vector<std::string> out;
  for (const auto& r : local_.in_order()) out.push_back(format_route(r, dev_name, true));
  return out;
}

}  // namespace lvs
