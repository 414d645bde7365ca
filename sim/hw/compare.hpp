#pragma once
// `lvslab hw compare`: the simulator's and the kernel's observables of one scenario,
// side by side. What is compared (each row says same / DIFFERS / timing / info):
//  * per request: the real server whose page came back, the HTTP status, the path;
//  * per virtual service: scheduler and connections scheduled (Conns); per
//    destination: forwarding method and weight, Conns, ActiveConn, InActConn, and for
//    DR/TUN OutPkts (always 0: replies do not pass the director); packet and byte
//    counts are shown as info only (delayed ACKs make them vary run to run on Linux);
//  * the connection table: how many entries per (state, destination) (client ports
//    and expiry times are not deterministic);
//  * who answered ARP who-has for a virtual IP (the director only, or the real servers
//    too when arp_ignore lets them);
//  * the virtual IP's neighbour entry on each gateway: owner of the MAC and state.
// The ARP race (DR without arp_ignore/arp_announce): when either side's gateway has a
// real server's MAC for the VIP, which real server wins depends on timing (who
// answers the broadcast first). There "agree" means: both sides show a bypass (the
// entry holds a real server's MAC, not the director's), every request was answered by
// that side's ARP winner, and IPVS saw no connection. Which server won is printed with
// the verdict "timing", never counted as a difference.
#include <map>
#include <string>
#include <vector>

#include "sim/hw/run.hpp"
#include "sim/ipvs/snapshot.hpp"
#include "sim/scenario/spec.hpp"

namespace lvs::hw {

struct RequestObs {
  std::string server;  // "" = none
  int status = 0;
  std::string path;  // role notation
};

struct Observables {
  std::vector<RequestObs> requests;  // in start order
  bool has_ipvs = false;
  ipvs::Snapshot ipvs;
  std::vector<VipNeighbour> vip_neighbours;
  // Per virtual IP, "host iface" of every host that answered who-has VIP (sorted, unique).
  std::map<std::string, std::vector<std::string>> vip_answers;
};

enum class Verdict { kSame, kDiffers, kTiming, kInfo };
const char* verdict_name(Verdict v);  // "same", "DIFFERS", "timing", "info"

struct CompareRow {
  std::string what, sim, hw;
  Verdict verdict = Verdict::kSame;
};

struct Comparison {
  std::vector<CompareRow> rows;
  bool arp_race = false;  // the ARP-race rule was used
  std::size_t differences() const;
};

Comparison compare(const ScenarioSpec& spec, const Observables& sim, const Observables& hw);

// The table, then one line per difference ("DIFFERS: request 3 server: simulator rs1,
// kernel rs2").
std::string comparison_text(const Comparison& c, const std::string& title, const std::string& hw_label);

}  // namespace lvs::hw
