#include "sim/ipvs/stats.hpp"

namespace lvs::ipvs {
namespace {

// avg += (rate - avg) >> 2, with the kernel's arithmetic (signed) shift.
void fold(std::int64_t& avg, std::uint64_t delta, int scale_shift) {
  const auto rate = static_cast<std::int64_t>(delta << scale_shift);
  avg += (rate - avg) >> 2;
}

}  // namespace

// ip_vs_est.c estimation_timer(): "scaled by 2^10, but divided 2 seconds" => << 9 for
// conns/packets; "scaled by 2^5, but divided 2 seconds" => << 4 for bytes.
void Estimator::tick(const Counters& now) {
  fold(cps, now.conns - last.conns, 9);
  fold(inpps, now.inpkts - last.inpkts, 9);
  fold(outpps, now.outpkts - last.outpkts, 9);
  fold(inbps, now.inbytes - last.inbytes, 4);
  fold(outbps, now.outbytes - last.outbytes, 4);
  last = now;
}

bool Estimator::idle(const Counters& now) const {
  return cps == 0 && inpps == 0 && outpps == 0 && inbps == 0 && outbps == 0 && now.conns == last.conns &&
         now.inpkts == last.inpkts && now.outpkts == last.outpkts && now.inbytes == last.inbytes &&
         now.outbytes == last.outbytes;
}

void Estimator::zero(const Counters& now) {
  last = now;
  cps = inpps = outpps = inbps = outbps = 0;
}

// ip_vs_read_estimator(): round to nearest when unscaling.
Stats IpvsStats::read() const {
  Stats s;
  s.conns = counters.conns;
  s.inpkts = counters.inpkts;
  s.outpkts = counters.outpkts;
  s.inbytes = counters.inbytes;
  s.outbytes = counters.outbytes;
  s.cps = static_cast<std::uint64_t>((est.cps + 0x1FF) >> 10);
  s.inpps = static_cast<std::uint64_t>((est.inpps + 0x1FF) >> 10);
  s.outpps = static_cast<std::uint64_t>((est.outpps + 0x1FF) >> 10);
  s.inbps = static_cast<std::uint64_t>((est.inbps + 0xF) >> 5);
  s.outbps = static_cast<std::uint64_t>((est.outbps + 0xF) >> 5);
  return s;
}

}  // namespace lvs::ipvs
