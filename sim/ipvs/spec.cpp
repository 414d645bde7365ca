// Names of protocols and forwarding methods as ipvsadm prints them (ipvsadm.c
// protocol_name(), fwd_name()).
#include "sim/ipvs/spec.hpp"

namespace lvs::ipvs {

const char* protocol_name(Protocol p) {
  switch (p) {
    case Protocol::kTcp: return "TCP";
    case Protocol::kUdp: return "UDP";
    case Protocol::kSctp: return "SCTP";
  }
  return "?";
}

const char* fwd_method_name(FwdMethod f) {
  switch (f) {
    case FwdMethod::kMasq: return "Masq";
    case FwdMethod::kLocal: return "Local";
    case FwdMethod::kTunnel: return "Tunnel";
    case FwdMethod::kRoute: return "Route";
  }
  return "?";
}

}  // namespace lvs::ipvs
