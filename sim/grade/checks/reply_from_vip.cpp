// reply_from_vip: the answers reach the client from the address it asked (the VIP in its
// URL): every IPv4 packet of a request's flow that the client receives has that source.
// A real server answering with its own address (the RIP) is what the client's TCP drops.
//   {"kind": "reply_from_vip", "traffic": "all"}
#include <unordered_map>

#include "sim/grade/check.hpp"
#include "sim/net/host.hpp"
#include "sim/net/world.hpp"
#include "sim/wire/ethernet.hpp"
#include "sim/wire/ipv4.hpp"

namespace lvs::grade {
namespace {

struct Params {
  TrafficSet traffic = TrafficSet::kAll;
};

Params read(const JsonNode& check, const nlohmann::json&) {
  expect_check_keys(check, {"traffic"});
  return {traffic_param(check, TrafficSet::kAll)};
}

void validate(const JsonNode& check, const nlohmann::json& scenario) { (void)read(check, scenario); }

// "http://192.168.10.100:80/x" -> 192.168.10.100 (URLs were checked when loaded).
std::optional<Ipv4Addr> url_host(const std::string& url) {
  const std::string rest = url.substr(std::min(url.size(), std::string("http://").size()));
  return Ipv4Addr::parse(rest.substr(0, rest.find_first_of(":/")));
}

// What the client of one request received, from one pass over the trace.
struct Received {
  std::size_t packets = 0;
  std::optional<std::pair<std::size_t, Ipv4Addr>> stray;  // the first from another address: record, source
};

// For each request (by flow), the IPv4 packets its client host received of that flow.
std::unordered_map<std::uint32_t, Received> received_by_flow(const Trace& trace,
                                                             const std::vector<const RequestReport*>& requests,
                                                             World& world) {
  struct Want {
    HostId client;
    Ipv4Addr from;
  };
  std::unordered_map<std::uint32_t, Want> wants;
  for (const RequestReport* q : requests) {
    const auto vip = url_host(q->url);
    const Host* client = world.find_host(q->client);
    if (vip && client) wants[q->id] = {client->id(), *vip};
  }
  std::unordered_map<std::uint32_t, Received> out;
  const auto& recs = trace.records();
  for (std::size_t i = 0; i < recs.size(); ++i) {
    const auto* rx = std::get_if<FrameRx>(&recs[i].body);
    if (!rx) continue;
    const auto want = wants.find(rx->flow);
    if (want == wants.end() || rx->host != want->second.client || !trace.has_frame(rx->frame)) continue;
    const wire::Bytes frame = trace.frame(rx->frame);
    const auto eth = wire::parse_ethernet(frame);
    if (!eth || eth->ethertype != wire::kEtherTypeIpv4) continue;
    const auto ip = wire::parse_ipv4(wire::ethernet_payload(frame), false);
    if (!ip) continue;
    Received& r = out[rx->flow];
    ++r.packets;
    if (ip->src != want->second.from && !r.stray) r.stray = std::make_pair(i, ip->src);
  }
  return out;
}

Finding evaluate(const JsonNode& check, GradeWorld& w) {
  const Params p = read(check, w.lab.scenario);
  const Trace& trace = w.run.world->trace();
  Finding f;
  const auto requests = w.requests(p.traffic);
  if (requests.empty()) {
    f.cause = "no request of " + traffic_words(p.traffic) + " ran";
    return f;
  }
  const auto received = received_by_flow(trace, requests, *w.run.world);
  for (const RequestReport* q : requests) {
    const auto vip = url_host(q->url);
    if (!vip) continue;
    const auto it = received.find(q->id);
    if (it != received.end() && it->second.stray) {
      f.cause = "request " + describe_request(*q) + ": " + q->client + " received an answer from " +
                it->second.stray->second.str() + ", not from " + vip->str() +
                " (the address it asked): its TCP does not take it";
      f.event = it->second.stray->first;
      f.evidence = "path " + q->path.detailed();
      return f;
    }
    if (it == received.end() || it->second.packets == 0) {
      f.cause = "request " + describe_request(*q) + ": no answer reached " + q->client +
                (q->cause ? " — " + q->cause->text : "");
      f.event = request_event(trace, *q);
      f.evidence = q->path.hops.empty() ? "no path" : "path " + q->path.detailed();
      return f;
    }
  }
  f.passed = true;
  f.evidence = std::to_string(requests.size()) + " requests, every answer from the address asked";
  return f;
}

}  // namespace

extern const CheckKind kReplyFromVipCheck{"reply_from_vip", Stage::kRun, validate, evaluate};

}  // namespace lvs::grade
