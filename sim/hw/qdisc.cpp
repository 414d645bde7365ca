#include "sim/hw/qdisc.hpp"

#include <netlink/netlink.h>
#include <netlink/route/qdisc.h>
#include <netlink/route/qdisc/netem.h>
#include <netlink/route/qdisc/tbf.h>
#include <netlink/route/tc.h>

#include <sched.h>

#include <cerrno>
#include <climits>
#include <memory>
#include <thread>

#include "sim/hw/error.hpp"
#include "sim/hw/rtnl.hpp"
#include "sim/net/link.hpp"

namespace lvs::hw {
namespace {

constexpr std::uint32_t kFullFrameBytes = ethernet_wire_bytes(1514);  // what tbf's queue is counted in
// netem holds the frames in flight for the delay besides the queue: room for them.
constexpr std::uint32_t kNetemInFlight = 10'000;

std::int64_t bytes_per_second(std::int64_t bps) { return (bps + 7) / 8; }

struct QdiscDeleter {
  void operator()(rtnl_qdisc* q) const { rtnl_qdisc_put(q); }
};
using QdiscPtr = std::unique_ptr<rtnl_qdisc, QdiscDeleter>;

QdiscPtr new_qdisc(int ifindex, std::uint32_t parent, std::uint32_t handle, const char* kind) {
  QdiscPtr q(rtnl_qdisc_alloc());
  if (!q) throw HwError("out of memory");
  rtnl_tc_set_ifindex(TC_CAST(q.get()), ifindex);
  rtnl_tc_set_parent(TC_CAST(q.get()), parent);
  rtnl_tc_set_handle(TC_CAST(q.get()), handle);
  if (const int err = rtnl_tc_set_kind(TC_CAST(q.get()), kind); err < 0)
    throw HwError(std::string("qdisc ") + kind + ": " + nl_geterror(err));
  return q;
}

int whole_us(SimTime t) { return static_cast<int>(t / kMicrosecond); }

std::string duration_text(SimTime t) {
  if (t % kMillisecond == 0) return std::to_string(t / kMillisecond) + "ms";
  return std::to_string(t / kMicrosecond) + "us";
}

}  // namespace

LinkShape shape_from_host(const SegmentSpec& segment) {
  return LinkShape{segment.link.delay, 0, segment.link.bandwidth_bps, segment.link.queue_frames};
}

LinkShape shape_towards_host(const SegmentSpec& segment, const HostSpec& host) {
  LinkShape s = shape_from_host(segment);
  s.delay += host.rx_delay + host.rx_jitter / 2;
  s.jitter = host.rx_jitter / 2;
  return s;
}

LinkShape scaled(const LinkShape& shape, double speed) {
  LinkShape s = shape;
  s.delay = static_cast<SimTime>(static_cast<double>(shape.delay) / speed);
  s.jitter = static_cast<SimTime>(static_cast<double>(shape.jitter) / speed);
  s.bandwidth_bps = static_cast<std::int64_t>(static_cast<double>(shape.bandwidth_bps) * speed);
  return s;
}

std::string shape_error(const LinkShape& shape) {
  if (bytes_per_second(shape.bandwidth_bps) > INT_MAX)
    return "a bandwidth of " + std::to_string(shape.bandwidth_bps) +
           " bit/s: the kernel's tbf takes at most 17 Gbit/s through libnl (a 32-bit rate in bytes per second)";
  if (shape.delay / kMicrosecond > INT_MAX || shape.jitter / kMicrosecond > INT_MAX)
    return "a delay of " + format_time(shape.delay) + ": netem takes at most 2147 s";
  return "";
}

bool delays_with_netem(const LinkShape& shape) { return shape.delay + shape.jitter >= kMinNetemDelay; }

std::string shape_text(const LinkShape& shape) {
  std::string out;
  if (delays_with_netem(shape)) {
    out = "netem delay " + duration_text(shape.delay);
    if (shape.jitter) out += " " + duration_text(shape.jitter);
  } else {
    out = "delay " + duration_text(shape.delay + shape.jitter) + " not added (under " + duration_text(kMinNetemDelay) +
          ")";
  }
  if (shape.bandwidth_bps)
    out += ", tbf rate " + std::to_string(shape.bandwidth_bps) + "bit limit " + std::to_string(shape.queue_frames + 1) +
           " frames";
  return out;
}

bool needs_shaping(const ScenarioSpec& spec) {
  const LinkParams defaults;
  for (const auto& seg : spec.segments)
    if (seg.link.bandwidth_bps != defaults.bandwidth_bps || seg.link.delay != defaults.delay ||
        seg.link.queue_frames != defaults.queue_frames)
      return true;
  for (const auto& h : spec.hosts)
    if (h.rx_delay != 0 || h.rx_jitter != 0) return true;
  return false;
}

std::string shaping_unavailable() {
  std::string error;
  std::thread probe([&] {
    try {
      if (::unshare(CLONE_NEWNET) != 0) throw_errno("unshare(CLONE_NEWNET)", errno);
      Rtnl rt;
      rt.set_up("lo", true);
      rt.set_shape("lo", LinkShape{kMinNetemDelay, 0, 1'000'000'000, 10});  // both qdiscs
    } catch (const std::exception& e) {
      error = e.what();
    }
  });
  probe.join();
  return error;
}

void Rtnl::set_shape(const std::string& dev, const LinkShape& shape) {
  if (const std::string why = shape_error(shape); !why.empty()) throw HwError(dev + ": " + why);
  const int ifindex = require_ifindex(dev);
  const bool netem = delays_with_netem(shape);
  if (netem) {
    const QdiscPtr q = new_qdisc(ifindex, TC_H_ROOT, TC_HANDLE(1, 0), "netem");
    rtnl_netem_set_delay(q.get(), whole_us(shape.delay));
    rtnl_netem_set_jitter(q.get(), whole_us(shape.jitter));
    rtnl_netem_set_limit(q.get(), static_cast<int>(shape.queue_frames + 1 + kNetemInFlight));
    if (const int err = rtnl_qdisc_add(sk_, q.get(), NLM_F_CREATE | NLM_F_EXCL); err < 0)
      throw HwError("tc qdisc add dev " + dev + " root handle 1: " + shape_text(shape) + ": " + nl_geterror(err));
  }
  if (!shape.bandwidth_bps) return;
  // Under netem (its one class, 1:1), or the root itself.
  const QdiscPtr tbf = new_qdisc(ifindex, netem ? TC_HANDLE(1, 1) : TC_H_ROOT, TC_HANDLE(10, 0), "tbf");
  const auto rate = static_cast<int>(bytes_per_second(shape.bandwidth_bps));
  const int bucket = std::max<int>(kFullFrameBytes, rate / 1000);
  rtnl_qdisc_tbf_set_rate(tbf.get(), rate, bucket, 0);
  rtnl_qdisc_tbf_set_limit(tbf.get(), static_cast<int>((shape.queue_frames + 1) * std::int64_t{kFullFrameBytes}));
  if (const int err = rtnl_qdisc_add(sk_, tbf.get(), NLM_F_CREATE | NLM_F_EXCL); err < 0)
    throw HwError("tc qdisc add dev " + dev + (netem ? " parent 1:1" : " root") + " handle 10: " + shape_text(shape) +
                  ": " + nl_geterror(err));
}

}  // namespace lvs::hw
