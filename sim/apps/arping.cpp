// The rules follow iputils' arping.c (send_pack, recv_pack, event_loop): which answers
// count, when it turns to unicast, when it stops.
#include "sim/apps/arping.hpp"

#include "sim/core/timer.hpp"
#include "sim/net/application.hpp"
#include "sim/net/host.hpp"

namespace lvs {
namespace {

class Arping final : public Application, public EventHandler, public ArpListener {
 public:
  Arping(Host& host, ArpingPlan plan) : host_(host), plan_(std::move(plan)) {
    interval_.bind(this, kInterval);
    deadline_.bind(this, kDeadline);
  }
  ~Arping() override { finish(); }

  void start() override {
    if (started_) return;  // a process: a reboot does not bring it back
    started_ = true;
    const Interface* dev = host_.find_iface(plan_.device);
    if (!dev) return;
    dev_ = dev->index;
    he_ = MacAddr::broadcast();
    running_ = true;
    host_.add_arp_listener(this);
    send_pack();
    if (plan_.unsolicited && sent_ == plan_.count) return finish();
    interval_.arm_in(host_.sim(), plan_.interval);
    if (plan_.timeout > 0) deadline_.arm_in(host_.sim(), plan_.timeout);
  }

  void stop() override { finish(); }

  std::string describe() const override { return "arping " + plan_.target.str() + " on " + plan_.device; }

  void on_event(const Event& ev) override {
    if (!running_) return;
    if (ev.kind == kDeadline) {
      if (deadline_.should_fire(host_.sim(), ev.b)) finish();
      return;
    }
    if (ev.kind != kInterval || !interval_.should_fire(host_.sim(), ev.b)) return;
    ++expires_;
    if (plan_.count > 0 && plan_.count < expires_) return finish();
    send_pack();
    if (plan_.unsolicited && sent_ == plan_.count) return finish();
    interval_.arm_in(host_.sim(), plan_.interval);
  }

  // recv_pack(): only the answer this probe asked for counts.
  void on_arp(IfIndex dev, const wire::ArpRepr& arp, bool /*to_host*/) override {
    if (!running_ || dev != dev_) return;
    if (arp.op != wire::kArpRequest && arp.op != wire::kArpReply) return;
    const MacAddr& me = host_.iface(dev_).mac;
    if (arp.sender_ip != plan_.target) return;
    if (!plan_.dad) {
      if (arp.target_ip != plan_.source || arp.target_mac != me) return;
    } else {
      if (arp.sender_mac == me) return;
      if (!plan_.source.is_unspecified() && plan_.source != arp.target_ip) return;
    }
    ++received_;
    if (plan_.timeout > 0 && received_ == plan_.count) return finish();
    if (plan_.quit_on_reply || (plan_.count == 0 && received_ == sent_)) return finish();
    if (!plan_.broadcast_only) he_ = arp.sender_mac;
  }

 private:
  enum : std::uint32_t { kInterval = 1, kDeadline = 2 };

  // send_pack(): a request asks for the target from our address (the target's MAC field
  // is where the frame goes: the broadcast address until someone answered); a reply (-A)
  // announces our MAC for the address.
  void send_pack() {
    const MacAddr& me = host_.iface(dev_).mac;
    const std::uint16_t op = plan_.advert ? wire::kArpReply : wire::kArpRequest;
    host_.send_arp_packet(dev_, op, plan_.source, plan_.advert ? me : he_, plan_.target, he_);
    ++sent_;
  }

  void finish() {
    if (!running_) return;
    running_ = false;
    interval_.disarm();
    deadline_.disarm();
    host_.remove_arp_listener(this);
  }

  Host& host_;
  ArpingPlan plan_;
  Timer interval_;
  Timer deadline_;
  IfIndex dev_ = 0;
  MacAddr he_;
  bool started_ = false;
  bool running_ = false;
  std::int64_t sent_ = 0;
  std::int64_t received_ = 0;
  std::int64_t expires_ = 1;  // event_loop's total_expires starts at 1
};

}  // namespace

std::unique_ptr<Application> make_arping(Host& host, ArpingPlan plan) {
  return std::make_unique<Arping>(host, std::move(plan));
}

}  // namespace lvs
