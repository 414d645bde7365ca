#pragma once
// An application's line in the trace (AppEvent kNote), tagged with the request (flow)
// it belongs to, so that reports can show it under that request. Nothing is formatted
// unless tracing is on: callers pass a function that builds the text.
#include <cstdint>
#include <string>

#include "sim/net/host.hpp"
#include "sim/net/world.hpp"

namespace lvs {

template <typename MakeText>
void app_note(Host& host, std::uint32_t flow, const Endpoint4& ep, MakeText&& make_text) {
  if (!host.tracing()) return;
  Trace& t = host.world().trace();
  const std::string text = make_text();
  t.record(host.now(), AppEvent{host.id(), AppEventKind::kNote, flow, 0, t.add_string(text), ep});
}

}  // namespace lvs
