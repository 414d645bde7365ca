#include "sim/net/world.hpp"

#include "sim/net/host.hpp"
#include "sim/net/segment.hpp"

namespace lvs {
namespace {

// The keys a student checks first on an LVS box (ip-sysctl.rst).
constexpr const char* kKeySysctls[] = {"arp_ignore", "arp_announce", "arp_filter", "rp_filter"};

TraceHostConfig capture_config(const Host& h) {
  TraceHostConfig c;
  c.addresses = h.show_addresses();
  c.routes = h.show_routes();
  const Sysctls& s = h.sysctls();
  const auto line = [&](const std::string& key) {
    if (auto v = s.get(key)) c.sysctls.push_back(key + " = " + *v);
  };
  line("net.ipv4.ip_forward");
  std::vector<std::string> devs{"all"};
  for (const auto& ifc : h.interfaces()) devs.push_back(ifc.name);
  for (const auto& dev : devs)
    for (const char* knob : kKeySysctls) line("net.ipv4.conf." + dev + "." + knob);
  for (const auto& ifc : h.interfaces()) {
    TraceIfaceSysctls e;
    e.iface = ifc.name;
    e.arp_ignore = s.effective(ConfKnob::kArpIgnore, ifc.index);
    e.arp_announce = s.effective(ConfKnob::kArpAnnounce, ifc.index);
    e.arp_filter = s.effective(ConfKnob::kArpFilter, ifc.index);
    e.rp_filter = s.effective(ConfKnob::kRpFilter, ifc.index);
    e.forwarding = s.effective(ConfKnob::kForwarding, ifc.index);
    c.effective.push_back(std::move(e));
  }
  return c;
}

}  // namespace

World::World(std::uint64_t seed, TraceLevel trace_level) : sim_(seed), trace_(trace_level) {}

// Hosts hold pointers into segments and the other way round; both go together.
World::~World() = default;

Segment& World::add_segment(std::string name, const LinkParams& defaults) {
  const auto id = static_cast<SegmentId>(segments_.size());
  segments_.push_back(std::make_unique<Segment>(*this, id, std::move(name), defaults));
  return *segments_.back();
}

Host& World::add_host(std::string name, std::string role) {
  const auto id = static_cast<HostId>(hosts_.size());
  hosts_.push_back(std::make_unique<Host>(*this, id, std::move(name), std::move(role)));
  return *hosts_.back();
}

Host* World::find_host(std::string_view name) {
  for (const auto& h : hosts_)
    if (h->name() == name) return h.get();
  return nullptr;
}

Segment* World::find_segment(std::string_view name) {
  for (const auto& s : segments_)
    if (s->name() == name) return s.get();
  return nullptr;
}

void World::describe_into_trace(std::string scenario_name) {
  TraceMeta& meta = trace_.meta();
  meta.scenario = std::move(scenario_name);
  meta.seed = sim_.seed();
  meta.hosts.clear();
  meta.segments.clear();
  for (const auto& h : hosts_) {
    TraceHostInfo info;
    info.name = h->name();
    info.role = h->role();
    for (const auto& ifc : h->interfaces()) {
      TraceInterfaceInfo i;
      i.name = ifc.name;
      i.mac = ifc.mac;
      i.segment = ifc.segment ? ifc.segment->id() : kNoId;
      for (const auto& a : ifc.addresses) {
        i.addresses.push_back(a.prefix.str());
        i.address_roles.push_back(a.role);
      }
      info.interfaces.push_back(std::move(i));
    }
    info.config = capture_config(*h);
    meta.hosts.push_back(std::move(info));
  }
  for (const auto& s : segments_) meta.segments.push_back(TraceSegmentInfo{s->name()});
  trace_.start_digest();
}

void World::trace_host_config(HostId id) {
  if (!trace_.enabled()) return;
  if (!trace_.keeps_everything()) return trace_.count_record(now());  // numbered, not kept
  const std::uint32_t index = trace_.add_host_config(capture_config(host(id)));
  trace_.record(now(), HostConfigChange{id, index});
}

}  // namespace lvs
