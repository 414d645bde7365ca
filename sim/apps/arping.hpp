#pragma once
// arping (iputils, as Debian 12 and CentOS 7 ship it) as a process on a host: it sends
// ARP packets from a packet socket on one device and reads the answers. The shell line
// (sim/config/shell/arping.cpp) decides the options; this sends the frames at run time:
//   request mode: a broadcast request every interval, `count` of them; once someone
//   answers, the next ones go unicast to the answer's MAC (unless -b); -f / -D stop at
//   the first answer; -w ends it at its deadline;
//   unsolicited mode (-U: requests, -A: replies, sender = target = the address):
//   `count` broadcasts one interval apart, then it exits without waiting.
// A reboot ends the process (it is not started again).
#include <cstdint>
#include <memory>
#include <string>

#include "sim/core/time.hpp"
#include "sim/wire/addr.hpp"

namespace lvs {

class Application;
class Host;

struct ArpingPlan {
  std::string device;           // -I (or the route's device for the target)
  Ipv4Addr target;              // the operand
  Ipv4Addr source;              // -s, the target itself in unsolicited mode, or the route's source
  bool advert = false;          // -A: ARP replies
  bool unsolicited = false;     // -U or -A
  bool dad = false;             // -D: duplicate address detection (sender 0.0.0.0)
  bool broadcast_only = false;  // -b
  bool quit_on_reply = false;   // -f (and -D)
  std::int64_t count = -1;      // -c; -1 = until -w's deadline
  SimTime interval = kSecond;   // -i
  SimTime timeout = 0;          // -w; 0 = none
};

std::unique_ptr<Application> make_arping(Host& host, ArpingPlan plan);

}  // namespace lvs
