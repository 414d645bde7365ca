// export: /etc/exports on the NFS server (as the host has it after boot) exports `path`
// to every given client, with the given options in effect for it. A client is an
// address or a host of the scenario (then any of its addresses); it is matched as
// rpc.mountd matches (exports(5): hosts, networks, wildcards, `*`; sim/apps/exports.cpp).
// With "running": true, the nfs-server unit must be running too.
//   {"kind": "export", "host": "nfs", "path": "/public", "clients": ["rs1", "rs2"], "options": ["ro"]}
#include "sim/apps/exports.hpp"
#include "sim/grade/check.hpp"
#include "sim/net/host.hpp"

namespace lvs::grade {
namespace {

const std::vector<std::string_view> kOptions = {
    "ro", "rw", "sync", "async", "root_squash", "no_root_squash", "all_squash", "no_all_squash", "secure", "insecure"};

struct Params {
  std::string host, path;
  std::vector<std::string> clients;
  std::vector<std::string> options;
  bool running = false;
};

Params read(const JsonNode& check, const nlohmann::json& scenario) {
  expect_check_keys(check, {"host", "path", "clients", "options", "running"});
  Params p;
  p.host = host_param(check, scenario);
  const JsonNode path = check.at("path");
  p.path = path.nonempty_string();
  if (!p.path.starts_with("/")) path.fail("'" + p.path + "' is not an absolute path");
  const JsonNode clients = check.at("clients");
  for (const JsonNode& c : clients.items()) {
    const std::string name = c.nonempty_string();
    if (!Ipv4Addr::parse(name) && !scenario_has_host(scenario, name))
      c.fail("'" + name + "' is neither an address nor a host of the scenario");
    p.clients.push_back(name);
  }
  if (p.clients.empty()) clients.fail("name at least one client (an address or a host)");
  if (auto o = check.get("options"))
    for (const JsonNode& item : o->items()) {
      const std::string word = item.nonempty_string();
      if (std::find(kOptions.begin(), kOptions.end(), word) == kOptions.end())
        item.fail("'" + word + "' is not an export option this check reads (one of: " + join(kOptions) + ")");
      p.options.push_back(word);
    }
  if (auto r = check.get("running")) p.running = r->boolean();
  return p;
}

void validate(const JsonNode& check, const nlohmann::json& scenario) { (void)read(check, scenario); }

bool option_holds(const ExportOptions& o, const std::string& word) {
  if (word == "ro") return o.read_only;
  if (word == "rw") return !o.read_only;
  if (word == "sync") return o.sync;
  if (word == "async") return !o.sync;
  if (word == "root_squash") return o.root_squash;
  if (word == "no_root_squash") return !o.root_squash;
  if (word == "all_squash") return o.all_squash;
  if (word == "no_all_squash") return !o.all_squash;
  if (word == "secure") return o.secure;
  return !o.secure;  // insecure
}

// The addresses a client stands for: itself, or every address of the host of that name.
std::vector<Ipv4Addr> addresses_of(GradeWorld& w, const std::string& client) {
  if (auto a = Ipv4Addr::parse(client)) return {*a};
  std::vector<Ipv4Addr> out;
  for (const Interface& dev : world_host(w, client).interfaces())
    if (dev.kind != IfKind::kLoopback)
      for (const IfAddress& a : dev.addresses) out.push_back(a.local());
  return out;
}

Finding evaluate(const JsonNode& check, GradeWorld& w) {
  const Params p = read(check, w.lab.scenario);
  const HostSpec* spec = w.spec.find_host(p.host);
  Finding f;
  const auto file = spec->files.find("/etc/exports");
  if (file == spec->files.end()) {
    f.cause = p.host + " has no /etc/exports: nothing is exported";
    return f;
  }
  f.evidence = "/etc/exports on " + p.host + ":\n" + file->second;
  const ExportsParse exports = parse_exports(file->second);
  if (!exports.ok()) {
    f.cause = "exportfs refuses " + p.host + "'s " + exports.error;
    return f;
  }
  if (std::none_of(exports.entries.begin(), exports.entries.end(),
                   [&](const ExportEntry& e) { return e.path == p.path; })) {
    f.cause = p.path + " is not exported by " + p.host;
    return f;
  }
  for (const std::string& client : p.clients) {
    const ExportClient* match = nullptr;
    std::string tried;
    for (const Ipv4Addr a : addresses_of(w, client)) {
      tried += (tried.empty() ? "" : ", ") + a.str();
      if ((match = match_export(exports.entries, p.path, a, Ipv4Addr::parse(client) ? "" : client))) break;
    }
    if (!match) {
      f.cause = p.host + " does not export " + p.path + " to " + client +
                (tried.empty() || tried == client ? "" : " (" + tried + ")") +
                ": no client of its line in /etc/exports matches, so rpc.mountd refuses the mount";
      return f;
    }
    for (const std::string& word : p.options)
      if (!option_holds(match->options, word)) {
        f.cause = p.path + " is exported to " + client + " (as " + match->spec +
                  ", /etc/exports:" + std::to_string(match->line) + ") without '" + word + "'";
        return f;
      }
  }
  const auto unit = spec->units.find("nfs-server");
  if (p.running && (unit == spec->units.end() || !unit->second.running)) {
    f.cause = "the NFS server is not running on " + p.host + " (systemctl start nfs-server)";
    return f;
  }
  f.passed = true;
  return f;
}

}  // namespace

extern const CheckKind kExportCheck{"export", Stage::kConfig, validate, evaluate};

}  // namespace lvs::grade
