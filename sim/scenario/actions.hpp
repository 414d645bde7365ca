#pragma once
// Runs a scenario's timed actions (ActionSpec) at their simulated times and keeps a log
// of what each did (for the report: an ipvsadm command that the kernel refused is shown
// with ipvsadm's message).
#include <string>
#include <vector>

#include "sim/net/world.hpp"
#include "sim/scenario/spec.hpp"

namespace lvs {

class Host;
class LiveConfig;

struct ActionResult {
  SimTime at = 0;
  std::string host;
  std::string what;    // ActionSpec::describe()
  std::string output;  // what a command printed
  std::string error;   // "" = done
  // A shell action: each line as the terminal showed it.
  std::vector<config::TranscriptEntry> transcript;
};

class ActionRunner final : public EventHandler {
 public:
  // `live`: runs shell and reboot actions (null when there are none).
  ActionRunner(World& world, const std::vector<ActionSpec>& actions, std::vector<ActionResult>* log,
               LiveConfig* live = nullptr);
  void schedule();  // once, before the run starts
  void on_event(const Event& ev) override;

 private:
  enum : std::uint32_t { kRunAction = 1 };
  std::string apply(Host& host, const ActionSpec& a, ActionResult& result);
  World& world_;
  const std::vector<ActionSpec>& actions_;
  std::vector<ActionResult>* log_;
  LiveConfig* live_;
};

}  // namespace lvs
