// autofs: the automounter's chain on a host after boot: /etc/auto.master names a map for
// `mountpoint`, the map has `key` (exactly, or `*` with & replaced), and the entry mounts
// `location` (server:/path). With "running": true, the autofs unit must be running too.
//   {"kind": "autofs", "host": "rs1", "mountpoint": "/var/www", "key": "html",
//    "location": "192.168.10.103:/public"}
#include "sim/apps/autofs_maps.hpp"
#include "sim/grade/check.hpp"

namespace lvs::grade {
namespace {

struct Params {
  std::string host, mountpoint, key, location;
  bool running = false;
};

Params read(const JsonNode& check, const nlohmann::json& scenario) {
  expect_check_keys(check, {"host", "mountpoint", "key", "location", "running"});
  Params p;
  p.host = host_param(check, scenario);
  const JsonNode mp = check.at("mountpoint");
  p.mountpoint = mp.nonempty_string();
  if (!p.mountpoint.starts_with("/")) mp.fail("'" + p.mountpoint + "' is not an absolute path");
  p.key = check.at("key").nonempty_string();
  const JsonNode loc = check.at("location");
  p.location = loc.nonempty_string();
  if (p.location.find(":/") == std::string::npos) loc.fail("'" + p.location + "' is not SERVER:/PATH");
  if (auto r = check.get("running")) p.running = r->boolean();
  return p;
}

void validate(const JsonNode& check, const nlohmann::json& scenario) { (void)read(check, scenario); }

Finding evaluate(const JsonNode& check, GradeWorld& w) {
  const Params p = read(check, w.lab.scenario);
  const HostSpec* spec = w.spec.find_host(p.host);
  Finding f;
  const auto text = [&](const std::string& path) -> const std::string* {
    const auto it = spec->files.find(path);
    return it == spec->files.end() ? nullptr : &it->second;
  };
  const std::string* master = text("/etc/auto.master");
  if (!master) {
    f.cause = p.host + " has no /etc/auto.master";
    return f;
  }
  f.evidence = "/etc/auto.master on " + p.host + ":\n" + *master;
  const AutoMasterParse m = parse_auto_master(*master);
  if (!m.ok()) {
    f.cause = "automount refuses " + p.host + "'s " + m.error;
    return f;
  }
  const auto entry = std::find_if(m.entries.begin(), m.entries.end(),
                                  [&](const AutoMasterEntry& e) { return e.mount_point == p.mountpoint; });
  if (entry == m.entries.end()) {
    f.cause = "/etc/auto.master on " + p.host + " has no line for " + p.mountpoint;
    return f;
  }
  std::string map_file = entry->map;
  if (map_file.starts_with("file:")) map_file = map_file.substr(5);
  const std::string* map_text = text(map_file);
  if (!map_text) {
    f.cause = "/etc/auto.master:" + std::to_string(entry->line) + " names the map " + map_file + ", which " + p.host +
              " does not have";
    return f;
  }
  f.evidence += map_file + " on " + p.host + ":\n" + *map_text;
  const AutoMapParse map = parse_auto_map(*map_text, map_file);
  if (!map.ok()) {
    f.cause = "automount refuses " + p.host + "'s " + map.error;
    return f;
  }
  AutoMapEntry found;
  if (!lookup_auto_map(map, p.key, &found)) {
    f.cause = map_file + " on " + p.host + " has no key '" + p.key + "' (so " + p.mountpoint + "/" + p.key +
              " cannot be mounted)";
    return f;
  }
  const std::string location = found.host + ":" + found.path;
  if (location != p.location) {
    f.cause = map_file + ":" + std::to_string(found.line) + " on " + p.host + " mounts " + location + " on " +
              p.mountpoint + "/" + p.key + ", expected " + p.location;
    return f;
  }
  const auto unit = spec->units.find("autofs");
  if (p.running && (unit == spec->units.end() || !unit->second.running)) {
    f.cause = "autofs is not running on " + p.host + " (systemctl start autofs)";
    return f;
  }
  f.passed = true;
  return f;
}

}  // namespace

extern const CheckKind kAutofsCheck{"autofs", Stage::kConfig, validate, evaluate};

}  // namespace lvs::grade
