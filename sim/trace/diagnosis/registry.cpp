#include "sim/trace/diagnosis/kinds.hpp"

namespace lvs {

const std::vector<CauseKind>& cause_kinds() {
  static const std::vector<CauseKind> kinds = {
      {"host-down", "a host on the way is powered off", false, find_host_down},
      {"wrong-method",
       "the real servers were added with the forwarding method of another LVS model (-g in NAT, -m in DR)", false,
       find_wrong_method},
      {"realserver-no-vip", "a DR/TUN real server got a packet for the VIP but does not have the VIP", false,
       find_realserver_no_vip},
      {"realserver-other-subnet", "a DR real server is not on the director's LAN", false, find_realserver_other_subnet},
      {"wrong-gateway", "a NAT real server's replies do not go back through the director (its gateway is not the DIP)",
       false, find_wrong_gateway},
      {"forwarding-off", "a director or gateway that must route has forwarding off (net.ipv4.ip_forward=0)", false,
       find_forwarding_off},
      {"rp-filter", "the reverse-path filter dropped a packet (a TUN real server's tunl0)", false, find_rp_filter},
      {"no-route", "a host has no route for a packet", false, find_no_route},
      {"no-arp-answer", "nobody answered ARP for the next hop", false, find_no_arp_answer},
      {"nothing-listening", "nothing listens on the port the request was sent to", false, find_nothing_listening},
      {"nfs-refused", "the NFS server refused a real server's mount", false, find_nfs_refused},
      {"autofs-not-running", "a web server's pages are on an automount, but autofs does not run", false,
       find_autofs_not_running},
      {"vip-arp-announce", "a real server's own ARP request carried the VIP (arp_announce=0): director bypassed", true,
       find_vip_arp_announce},
      {"vip-arp-realserver", "a real server answered ARP for the VIP (arp_ignore=0): director bypassed", true,
       find_vip_arp_realserver},
      {"director-bypassed", "the request reached a real server without passing the director", true,
       find_director_bypassed},
      {"http-error", "the server answered with an HTTP error status", false, find_http_error},
      {"dropped", "a packet of the request was dropped (any other reason)", false, find_dropped},
      {"no-answer", "the request got no answer and nothing on the way dropped it", false, find_no_answer},
  };
  return kinds;
}

}  // namespace lvs
