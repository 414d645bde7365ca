#include "sim/wire/ethernet.hpp"

namespace lvs::wire {

std::optional<EthernetRepr> parse_ethernet(Bytes frame) {
  if (frame.size() < kEthHeaderLen) return std::nullopt;
  EthernetRepr repr;
  repr.dst = get_mac(frame.data());
  repr.src = get_mac(frame.data() + 6);
  repr.ethertype = get16(frame.data() + 12);
  return repr;
}

void emit_ethernet(const EthernetRepr& repr, MutBytes out) {
  put_mac(out.data(), repr.dst);
  put_mac(out.data() + 6, repr.src);
  put16(out.data() + 12, repr.ethertype);
}

}  // namespace lvs::wire
