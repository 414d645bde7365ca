// Timed actions: changes made while a run goes on (an ipvsadm command, sysctls, a link
// going down, a host powered off or on), at their time, in file order among equals.
#include "sim/scenario/actions.hpp"

#include <algorithm>

#include "sim/ipvs/director.hpp"
#include "sim/net/host.hpp"
#include "sim/scenario/live_config.hpp"

namespace lvs {

std::string ActionSpec::describe() const {
  switch (kind) {
    case Kind::kIpvsadm: return "ipvsadm " + ipvsadm.line;
    case Kind::kSysctl: {
      std::string s = "sysctl";
      for (const auto& e : sysctls) s += " " + e.key + "=" + e.value;
      return s;
    }
    case Kind::kLink: return "ip link set " + link + (up ? " up" : " down");
    case Kind::kPower: return std::string("power ") + (up ? "on" : "off");
    case Kind::kShell: {
      // The lines on one line, as a student would chain them.
      std::string s;
      for (std::size_t start = 0; start < shell.text.size();) {
        const std::size_t nl = std::min(shell.text.find('\n', start), shell.text.size());
        s += (s.empty() ? "" : "; ") + shell.text.substr(start, nl - start);
        start = nl + 1;
      }
      return "shell: " + s;
    }
    case Kind::kReboot: return "reboot";
  }
  return "?";
}

ActionRunner::ActionRunner(World& world, const std::vector<ActionSpec>& actions, std::vector<ActionResult>* log,
                           LiveConfig* live)
    : world_(world), actions_(actions), log_(log), live_(live) {}

void ActionRunner::schedule() {
  for (std::size_t i = 0; i < actions_.size(); ++i)
    world_.sim().schedule_at(actions_[i].at, this, kRunAction, static_cast<std::uint32_t>(i));
}

void ActionRunner::on_event(const Event& ev) {
  const ActionSpec& a = actions_.at(ev.a);
  Host* host = world_.find_host(a.host);
  ActionResult result{a.at, a.host, a.describe(), {}, {}};
  if (!host) {
    result.error = "no such host";
  } else {
    result.error = apply(*host, a, result);
    if (world_.tracing()) host->note("action: " + result.what + (result.error.empty() ? "" : "  => " + result.error));
    if (a.kind != ActionSpec::Kind::kIpvsadm) world_.trace_host_config(host->id());
  }
  if (log_) log_->push_back(std::move(result));
}

std::string ActionRunner::apply(Host& host, const ActionSpec& a, ActionResult& result) {
  std::string& output = result.output;
  switch (a.kind) {
    case ActionSpec::Kind::kIpvsadm: {
      ipvs::Director* d = ipvs::find_director(host);
      if (!d) return "host runs no IPVS";
      const auto out = d->ipvsadm(a.ipvsadm.command, a.ipvsadm.line);
      output = out.out;
      return out.exit_status == 0 ? std::string() : out.err.substr(0, out.err.find('\n'));
    }
    case ActionSpec::Kind::kSysctl:
      for (const auto& e : a.sysctls)
        if (auto err = host.set_sysctl(e.key, e.value)) return *err;
      return {};
    case ActionSpec::Kind::kLink: {
      Interface* dev = host.find_iface(a.link);
      if (!dev) return "Cannot find device \"" + a.link + "\"";
      host.set_link_up(dev->index, a.up);
      return {};
    }
    case ActionSpec::Kind::kPower: host.set_powered(a.up); return {};
    case ActionSpec::Kind::kShell: return live_ ? live_->run_shell(host, a.shell, result) : "no live configuration";
    case ActionSpec::Kind::kReboot: return live_ ? live_->reboot(host, result) : "no live configuration";
  }
  return "?";
}

}  // namespace lvs
