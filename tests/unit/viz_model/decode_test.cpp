// The packet panel's decode: every layer and field with its bytes, never past the end.
#include <doctest/doctest.h>

#include <string>

#include "viz/model/decode.hpp"
#include "viz/model/event_index.hpp"
#include "viz/model/find_event.hpp"
#include "viz/model/session.hpp"

using namespace lvs;
using namespace lvs::viz;

namespace {

std::string scenario(const char* name) { return std::string(LVSLAB_SOURCE_DIR) + "/scenarios/" + name; }

const Field* find_field(const std::vector<Layer>& layers, const std::string& layer, const std::string& field) {
  for (const Layer& l : layers)
    if (l.name == layer)
      for (const Field& f : l.fields)
        if (f.name == field) return &f;
  return nullptr;
}

}  // namespace

TEST_CASE("a forwarded SYN decodes into Ethernet, IPv4 and TCP with options; NAT shows as changed fields") {
  const Session s = run_session(scenario("lvs-nat.json"), std::nullopt, std::nullopt);
  const Trace& trace = s.trace();
  const EventIndex index(trace);
  const auto syn = find_event(trace, index, "first-forwarded-syn", nullptr);
  REQUIRE(syn);
  const EventInfo& e = index[*syn];
  REQUIRE(e.frame);
  const wire::Bytes bytes = trace.frame(e.frame_index);
  const auto layers = decode_frame(bytes);
  REQUIRE(layers.size() == 3);
  CHECK(layers[0].name == "Ethernet II");
  CHECK(layers[1].name == "IPv4");
  CHECK(layers[2].name == "TCP");
  for (const Layer& l : layers) {
    CHECK(l.error.empty());
    for (const Field& f : l.fields) {
      CAPTURE(f.name);
      CHECK(f.length > 0);
      CHECK(f.offset + f.length <= bytes.size());
    }
  }
  const Field* dst = find_field(layers, "IPv4", "Destination");
  REQUIRE(dst);
  CHECK(dst->value == "192.168.10.12");
  CHECK(dst->offset == 14 + 16);
  CHECK(find_field(layers, "TCP", "Flags")->value == "0x002 [SYN]");
  CHECK(find_field(layers, "TCP", "Option: MSS")->value == "1460");

  // Against the same packet as the director received it: the NAT rewrite.
  REQUIRE(e.prev_frame_event != 0xffffffffu);
  const auto before = decode_frame(trace.frame(index[e.prev_frame_event].frame_index));
  CHECK(find_field(before, "IPv4", "Destination")->value == "192.168.0.100");
  const auto changes = changed_fields(before, layers);
  bool dst_changed = false, src_changed = false;
  for (const FieldChange& c : changes) {
    const Field& f = layers[c.layer].fields[c.field];
    if (layers[c.layer].name == "IPv4" && f.name == "Destination") dst_changed = c.before == "192.168.0.100";
    if (layers[c.layer].name == "IPv4" && f.name == "Source") src_changed = true;
  }
  CHECK(dst_changed);
  CHECK_FALSE(src_changed);
}

TEST_CASE("a truncated frame stops decoding with a reason instead of reading past the end") {
  const Session s = run_session(scenario("lvs-nat.json"), std::nullopt, std::nullopt);
  const Trace& trace = s.trace();
  const EventIndex index(trace);
  const auto syn = find_event(trace, index, "first-forwarded-syn", nullptr);
  REQUIRE(syn);
  const wire::Bytes full = trace.frame(index[*syn].frame_index);
  for (std::size_t cut : {0u, 5u, 14u, 20u, 33u, 40u, 57u}) {
    CAPTURE(cut);
    const auto layers = decode_frame(full.first(cut));
    REQUIRE_FALSE(layers.empty());
    CHECK_FALSE(layers.back().error.empty());
    for (const Layer& l : layers)
      for (const Field& f : l.fields) CHECK(f.offset + f.length <= cut);
  }
}

TEST_CASE("HTTP payload is decoded line by line") {
  const Session s = run_session(scenario("lvs-nat.json"), std::nullopt, std::nullopt);
  const Trace& trace = s.trace();
  const EventIndex index(trace);
  bool seen_request = false;
  for (std::size_t i = 0; i < index.size() && !seen_request; ++i) {
    if (!index[i].frame || index[i].kind != EventKind::kTcp) continue;
    const auto layers = decode_frame(trace.frame(index[i].frame_index));
    if (layers.back().name != "HTTP") continue;
    const Field& start = layers.back().fields.front();
    if (start.value.rfind("GET ", 0) != 0) continue;
    seen_request = true;
    CHECK(start.name == "Start line");
    CHECK(start.value == "GET / HTTP/1.1");
  }
  CHECK(seen_request);
}
