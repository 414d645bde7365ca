// ipvs_saved: the rules saved in the file the ipvsadm service restores at boot
// (/etc/sysconfig/ipvsadm; ipvsadm-restore reads it as `ipvsadm -R` does) are the rules
// running after boot: restored into empty tables, both print the same `ipvsadm -Sn`.
// With "enabled": true, the ipvsadm unit must also be enabled (else nothing restores them).
//   {"kind": "ipvs_saved", "host": "director", "file": "/etc/sysconfig/ipvsadm", "enabled": true}
#include "sim/grade/check.hpp"
#include "sim/ipvs/control.hpp"
#include "sim/ipvs/director.hpp"
#include "sim/ipvs/ipvsadm/format.hpp"
#include "sim/ipvs/ipvsadm/rules_file.hpp"

namespace lvs::grade {
namespace {

struct Params {
  std::string host;
  std::string file = "/etc/sysconfig/ipvsadm";
  bool enabled = false;
};

Params read(const JsonNode& check, const nlohmann::json& scenario) {
  expect_check_keys(check, {"host", "file", "enabled"});
  Params p;
  p.host = host_param(check, scenario);
  if (auto f = check.get("file")) {
    p.file = f->nonempty_string();
    if (!p.file.starts_with("/")) f->fail("'" + p.file + "' is not an absolute path");
  }
  if (auto e = check.get("enabled")) p.enabled = e->boolean();
  return p;
}

void validate(const JsonNode& check, const nlohmann::json& scenario) { (void)read(check, scenario); }

// The rules of `text` restored into empty tables, as `ipvsadm -Sn` prints them; an error
// (the line ipvsadm-restore stops at) in *error.
std::string restored(const std::string& text, const std::string& file, std::string* error) {
  const auto parsed = ipvs::ipvsadm::parse_rules(text, file);
  ipvs::IpvsTables tables;
  for (const auto& line : parsed.commands) {
    const auto out = ipvs::run_ipvsadm(tables, line.command, 0);
    if (out.exit_status != 0 && error->empty())
      *error = file + ":" + std::to_string(line.line) + ": " + out.err.substr(0, out.err.find('\n'));
  }
  if (!parsed.ok() && error->empty()) *error = parsed.error;
  return ipvs::ipvsadm::format_save(tables.snapshot(0));
}

Finding evaluate(const JsonNode& check, GradeWorld& w) {
  const Params p = read(check, w.lab.scenario);
  Host& host = world_host(w, p.host);
  const HostSpec* spec = w.spec.find_host(p.host);
  Finding f;
  ipvs::Director* director = ipvs::find_director(host);
  const std::string running = director ? ipvs::ipvsadm::format_save(director->tables().snapshot(host.now())) : "";
  if (running.empty()) {
    f.cause = p.host + " runs no IPVS rules, so none can be saved";
    return f;
  }
  const auto file = spec->files.find(p.file);
  if (file == spec->files.end()) {
    f.cause = p.file + " does not exist on " + p.host + ": the rules are not saved (ipvsadm -Sn > " + p.file + ")";
    f.evidence = "ipvsadm -Sn on " + p.host + ":\n" + (running.empty() ? "(no rules)\n" : running);
    return f;
  }
  std::string error;
  const std::string saved = restored(file->second, p.file, &error);
  f.evidence = "ipvsadm -Sn on " + p.host + ":\n" + (running.empty() ? "(no rules)\n" : running) + p.file +
               " restored:\n" + (saved.empty() ? "(no rules)\n" : saved);
  if (!error.empty()) {
    f.cause = "ipvsadm-restore stops in " + p.file + " on " + p.host + ": " + error;
    return f;
  }
  if (saved != running) {
    f.cause = "the rules in " + p.file + " on " + p.host +
              " are not the running rules (save them again: ipvsadm -Sn > " + p.file + ")";
    return f;
  }
  const auto unit = spec->units.find("ipvsadm");
  if (p.enabled && (unit == spec->units.end() || !unit->second.enabled)) {
    f.cause = "the ipvsadm service is not enabled on " + p.host + ": nothing restores " + p.file +
              " at boot (systemctl enable ipvsadm)";
    return f;
  }
  f.passed = true;
  return f;
}

}  // namespace

extern const CheckKind kIpvsSavedCheck{"ipvs_saved", Stage::kConfig, validate, evaluate};

}  // namespace lvs::grade
