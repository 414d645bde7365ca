#include "sim/scenario/parse_services.hpp"

#include <type_traits>

#include "sim/apps/autofs_maps.hpp"
#include "sim/apps/exports.hpp"

namespace lvs {
namespace {

// --- one parser per service type ------------------------------------------------------

HttpServiceSpec parse_service_body(const JsonNode& node, std::type_identity<HttpServiceSpec>) {
  node.expect_object({"type", "port", "bind", "document_root", "files"});
  HttpServiceSpec s;
  HttpServerConfig& c = s.server;
  if (auto p = node.get("port")) c.port = static_cast<std::uint16_t>(p->unsigned_integer(1, 65535));
  if (auto b = node.get("bind")) {
    const std::string text = b->string();
    const auto a = Ipv4Addr::parse(text);
    if (!a) b->fail("'" + text + "' is not an IPv4 address (a.b.c.d; 0.0.0.0 = every address)");
    c.bind = *a;
  }
  if (auto d = node.get("document_root")) {
    std::string root = d->nonempty_string();
    if (root[0] != '/') d->fail("document_root '" + root + "' must be an absolute path");
    while (root.size() > 1 && root.back() == '/') root.pop_back();
    c.document_root = root;
  }
  if (auto files = node.get("files")) {
    const std::string& root = c.document_root;
    const std::string under = root == "/" ? root : root + "/";
    for (const auto& [path, content] : files->members()) {
      if (path.compare(0, under.size(), under) != 0 || path.size() == under.size())
        content.fail("'" + path + "' is not a file under document_root " + root +
                     ", so the server could never send it");
      c.files[path] = content.string();
    }
  }
  return s;
}

// nfs and autofs take their configuration from the host's `files`.
NfsServiceSpec parse_service_body(const JsonNode& node, std::type_identity<NfsServiceSpec>) {
  node.expect_object({"type"});
  return {};
}

AutofsServiceSpec parse_service_body(const JsonNode& node, std::type_identity<AutofsServiceSpec>) {
  node.expect_object({"type"});
  return {};
}

// The alternative of ServiceConfig whose kType is `type`, parsed from `item`.
template <std::size_t I = 0>
ServiceConfig parse_service_config(const JsonNode& item, const JsonNode& type, const std::string& t) {
  if constexpr (I < std::variant_size_v<ServiceConfig>) {
    using Spec = std::variant_alternative_t<I, ServiceConfig>;
    if (t == Spec::kType) return parse_service_body(item, std::type_identity<Spec>{});
    return parse_service_config<I + 1>(item, type, t);
  } else {
    type.fail("unknown service type '" + t + "' (expected one of: " + join(service_types()) + ")");
  }
}

// --- the files a service reads --------------------------------------------------------

// Checks each service's configuration files as the service reads them when it starts;
// remembers the automounter's mount points.
class ServiceFilesCheck {
 public:
  ServiceFilesCheck(const JsonNode& host_node, const HostSpec& h, const std::map<std::string, std::string>& pointers)
      : host_node_(host_node), h_(h), pointers_(pointers) {}

  void check(const ServiceSpec& s) {
    service_ = &s;
    std::visit(*this, s.config);
  }

  // An HTTP server's files are its own (or come through an automount).
  void operator()(const HttpServiceSpec&) {}

  void operator()(const NfsServiceSpec&) {
    const auto& [path, text] = read("/etc/exports");
    const ExportsParse e = parse_exports(text);
    if (!e.ok()) file_error(path, e.error);
  }

  void operator()(const AutofsServiceSpec&) {
    const auto& [path, text] = read("/etc/auto.master");
    const AutoMasterParse m = parse_auto_master(text);
    if (!m.ok()) file_error(path, m.error);
    for (const auto& entry : m.entries) {
      automounts_.push_back(entry);
      const auto map = h_.files.find(entry.map);
      if (map == h_.files.end()) continue;  // automount logs it and carries on (the lab's /etc/auto.misc)
      const AutoMapParse parsed = parse_auto_map(map->second, entry.map);
      if (!parsed.ok()) file_error(map->first, parsed.error);
    }
  }

  const std::vector<AutoMasterEntry>& automounts() const { return automounts_; }

 private:
  // The host's file at `path`, which the current service needs.
  const std::pair<const std::string, std::string>& read(const std::string& path) const {
    const auto it = h_.files.find(path);
    if (it == h_.files.end())
      throw ScenarioError(host_node_.file(), service_->pointer,
                          "a '" + std::string(service_->type()) + "' service reads " + path +
                              ": give its text in the host's \"files\"");
    return *it;
  }

  [[noreturn]] void file_error(const std::string& path, const std::string& message) const {
    throw ScenarioError(host_node_.file(), pointers_.at(path), message);
  }

  const JsonNode& host_node_;
  const HostSpec& h_;
  const std::map<std::string, std::string>& pointers_;
  const ServiceSpec* service_ = nullptr;
  std::vector<AutoMasterEntry> automounts_;
};

}  // namespace

std::vector<ServiceSpec> parse_services(const JsonNode& node) {
  std::vector<ServiceSpec> out;
  std::map<std::uint16_t, std::string> ports;  // port -> pointer of the service using it
  for (const auto& item : node.items()) {
    if (!item.is_object()) item.fail("expected an object, got " + describe_json_type(item.value()));
    const JsonNode type = item.at("type");
    ServiceSpec s{parse_service_config(item, type, type.string()), item.pointer()};
    const bool one_per_host = std::visit([](const auto& spec) { return spec.kOnePerHost; }, s.config);
    for (const auto& other : out)
      if (one_per_host && other.config.index() == s.config.index())
        item.fail("a second '" + std::string(s.type()) + "' service (the first is at " + other.pointer + ")");
    // bind(2): EADDRINUSE when another listener has the port (0.0.0.0 overlaps all).
    for (const std::uint16_t port : std::visit([](const auto& spec) { return spec.ports(); }, s.config)) {
      const auto [it, inserted] = ports.emplace(port, item.pointer());
      if (!inserted) item.fail("port " + std::to_string(port) + " is already used by the service at " + it->second);
    }
    out.push_back(std::move(s));
  }
  return out;
}

void check_service_files(const JsonNode& host_node, const HostSpec& h,
                         const std::map<std::string, std::string>& file_pointers) {
  ServiceFilesCheck files(host_node, h, file_pointers);
  for (const auto& s : h.services) files.check(s);
  // A document root on an automount point gets its files from NFS, not from `files`.
  for (const auto& s : h.services) {
    const auto* http = std::get_if<HttpServiceSpec>(&s.config);
    if (!http) continue;
    const HttpServerConfig& c = http->server;
    for (const auto& a : files.automounts()) {
      if (!(c.document_root + "/").starts_with(a.mount_point + "/")) continue;
      if (!c.files.empty())
        throw ScenarioError(host_node.file(), s.pointer + "/files",
                            "document_root " + c.document_root + " is on the automount point " + a.mount_point +
                                ": its files come from the map " + a.map +
                                ", so the service's own 'files' would never be read");
    }
  }
}

}  // namespace lvs
