// Connection-table lookups (issue 14): in_get, ct_in_get and out_get find the entry the
// kernel's walk of a bucket chain finds (the first match, newest hashed first), without
// walking the chain: the work per lookup is the entries of the client's own
// (protocol, address, port), however long the bucket chains are.
#include <doctest/doctest.h>

#include <vector>

#include "sim/core/rng.hpp"
#include "sim/ipvs/conn.hpp"

using namespace lvs;
using namespace lvs::ipvs;

namespace {

ConnParam param(std::uint8_t ipproto, std::uint32_t client, std::uint16_t cport, std::uint16_t vport) {
  ConnParam p;
  p.ipproto = ipproto;
  p.caddr = Ipv4Addr(0x0a000000u | client);
  p.cport = cport;
  p.vaddr = Ipv4Addr(192, 0, 2, 100);
  p.vport = vport;
  return p;
}

// The kernel's walk: the first entry in /proc/net/ip_vs_conn order that matches. All
// matches share one bucket, so this is the first match of that bucket's chain.
template <class Match>
const Conn* chain_walk(const ConnTable& table, Match match) {
  const Conn* found = nullptr;
  table.for_each([&](const Conn& c) {
    if (found == nullptr && match(c)) found = &c;
  });
  return found;
}

const Conn* walk_in_get(const ConnTable& t, const ConnParam& p) {
  return chain_walk(t, [&](const Conn& c) {
    return c.cport == p.cport && c.vport == p.vport && c.caddr == p.caddr && c.vaddr == p.vaddr &&
           c.ipproto == p.ipproto;
  });
}
const Conn* walk_ct_in_get(const ConnTable& t, const ConnParam& p) {
  return chain_walk(t, [&](const Conn& c) {
    return c.is_template && c.cport == p.cport && c.vport == p.vport && c.caddr == p.caddr && c.vaddr == p.vaddr &&
           c.ipproto == p.ipproto;
  });
}
const Conn* walk_out_get(const ConnTable& t, std::uint8_t ipproto, Ipv4Addr rs, std::uint16_t rport, Ipv4Addr client,
                         std::uint16_t cport) {
  return chain_walk(t, [&](const Conn& c) {
    return c.cport == cport && c.dport == rport && c.caddr == client && c.daddr == rs && c.ipproto == ipproto;
  });
}

}  // namespace

TEST_CASE("lookups find what a walk of the bucket chain finds, duplicates and invalidated templates included") {
  ProtoTimeouts timeouts;
  ConnTable table(&timeouts, 4);  // 16 buckets: long chains, many keys per bucket
  Rng rng(14);
  Dest dests[3];
  for (auto& d : dests) d.available = true;
  const Ipv4Addr rs[3] = {Ipv4Addr(192, 0, 2, 11), Ipv4Addr(192, 0, 2, 12), Ipv4Addr(192, 0, 2, 13)};
  std::vector<Conn*> live;
  SimTime now = 0;
  int duplicates = 0, invalidated = 0;
  for (int step = 0; step < 20'000; ++step) {
    now += kMillisecond * static_cast<SimTime>(rng.below(20));
    table.expire(now);
    std::erase_if(live, [](const Conn* c) { return !c->in_use; });
    // Few clients, ports and protocols, so that the same key comes back while an entry
    // with it is still there (the kernel allows duplicates: a new entry goes first).
    const auto ipproto = rng.below(4) == 0 ? kIpProtoUdp : kIpProtoTcp;
    const ConnParam p = param(ipproto, static_cast<std::uint32_t>(rng.below(12)),
                              static_cast<std::uint16_t>(rng.below(3) == 0 ? 0 : 40000 + rng.below(4)),
                              static_cast<std::uint16_t>(rng.below(2) == 0 ? 80 : 443));
    const std::size_t d = rng.below(3);
    const std::uint16_t dport = static_cast<std::uint16_t>(rng.below(2) == 0 ? 80 : 8080);
    switch (rng.below(6)) {
      case 0:
      case 1: {
        duplicates += table.in_get(p) != nullptr ? 1 : 0;
        const bool is_template = p.cport == 0;
        live.push_back(table.create(p, rs[d], dport, is_template, false, &dests[d], 0, now));
        break;
      }
      case 2:
        if (!live.empty()) table.put(*live[rng.below(live.size())], now);
        break;
      case 3:
        if (!live.empty()) table.expire_now(*live[rng.below(live.size())], now);
        break;
      case 4:
        if (!live.empty()) {
          Conn* ct = live[rng.below(live.size())];
          if (ct->is_template && ct->vport != 0xffff) {  // its dest goes: invalidated, hashed again
            ct->dest->available = false;
            invalidated += table.check_template(*ct, false) ? 0 : 1;
            ct->dest->available = true;
          }
        }
        break;
      default: break;
    }
    CHECK(table.in_get(p) == walk_in_get(table, p));
    CHECK(table.ct_in_get(p) == walk_ct_in_get(table, p));
    CHECK(table.out_get(p.ipproto, rs[d], dport, p.caddr, p.cport) ==
          walk_out_get(table, p.ipproto, rs[d], dport, p.caddr, p.cport));
    const ConnParam dead{p.ipproto, p.caddr, 0, p.vaddr, 0xffff};  // an invalidated template's key
    CHECK(table.in_get(dead) == walk_in_get(table, dead));
  }
  CHECK(duplicates > 100);
  CHECK(invalidated > 10);
}

TEST_CASE("a lookup examines the entries of its own client address and port, not a bucket chain") {
  ProtoTimeouts timeouts;
  ConnTable table(&timeouts);  // the kernel's 4096 buckets
  // 120,000 entries (a director at 1000 new connections per second holds its TIME_WAIT
  // entries 120 s): ~29 per bucket chain.
  constexpr std::uint32_t kEntries = 120'000;
  for (std::uint32_t i = 0; i < kEntries; ++i)
    table.create(param(kIpProtoTcp, i / 1000, static_cast<std::uint16_t>(32768 + i % 1000), 80),
                 Ipv4Addr(192, 0, 2, 11), 80, false, false, nullptr, 0, 0);
  const std::uint64_t before = table.lookup_entries_examined();
  std::uint32_t found = 0;
  for (std::uint32_t i = 0; i < kEntries; ++i) {
    const ConnParam p = param(kIpProtoTcp, i / 1000, static_cast<std::uint16_t>(32768 + i % 1000), 80);
    found += table.in_get(p) != nullptr ? 1 : 0;
    found += table.out_get(kIpProtoTcp, Ipv4Addr(192, 0, 2, 11), 80, p.caddr, p.cport) != nullptr ? 1 : 0;
    // A new connection's SYN: no entry of its own, so nothing is compared.
    CHECK(table.in_get(param(kIpProtoTcp, 200 + i / 1000, p.cport, 80)) == nullptr);
  }
  CHECK(found == 2 * kEntries);
  CHECK(table.lookup_entries_examined() - before == 2 * kEntries);  // one entry per hit
}
