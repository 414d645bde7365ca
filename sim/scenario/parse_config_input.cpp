#include "sim/scenario/parse_config_input.hpp"

#include <algorithm>
#include <filesystem>

#include "sim/scenario/scenario.hpp"

namespace lvs {
namespace {

// The units the labs use (systemd unit names on CentOS 7 / Debian 12), and the other
// names systemctl/service accept for them.
const std::vector<std::string_view> kUnits = {"network", "networking", "ipvsadm", "nfs-server",
                                              "rpcbind", "autofs",     "httpd"};
const std::vector<std::pair<std::string_view, std::string_view>> kUnitAliases = {{"nfs", "nfs-server"},
                                                                                 {"apache2", "httpd"}};

std::string canonical_unit(std::string name) {
  if (name.ends_with(".service")) name.resize(name.size() - 8);
  for (const auto& [alias, unit] : kUnitAliases)
    if (name == alias) return std::string(unit);
  return name;
}

}  // namespace

bool HostSpec::has_config_input() const {
  if (!files.empty() || shell || !enable.empty()) return true;
  return std::any_of(routes.begin(), routes.end(), [](const RouteEntry& r) { return r.net_tools; });
}

std::string ShellInput::pointer_of_line(std::uint32_t line) const {
  if (from_file || line == 0) return pointer;
  return pointer + "/" + std::to_string(line - 1);
}

ShellInput parse_shell_lines(const JsonNode& node) {
  ShellInput in;
  in.pointer = node.pointer();
  in.origin = node.pointer();
  std::vector<JsonNode> lines;
  if (node.is_string()) lines.push_back(node);
  else if (node.value().is_array()) lines = node.items();
  else node.fail("expected a shell line or an array of lines, got " + describe_json_type(node.value()));
  if (lines.size() > kMaxShellLines)
    node.fail("too many shell lines (" + std::to_string(lines.size()) + "; at most " + std::to_string(kMaxShellLines) +
              ")");
  for (const JsonNode& item : lines) {
    const std::string line = item.string();
    // One item is one line, so that a message's line number is the item's index + 1.
    if (line.find('\n') != std::string::npos || line.find('\r') != std::string::npos)
      item.fail("one line per item: split this string at its line breaks into several items");
    in.text += line + "\n";
  }
  return in;
}

ShellInput read_shell_file(const JsonNode& node) {
  const std::string name = node.nonempty_string();
  if (name.find('\0') != std::string::npos) node.fail("a file name cannot contain a NUL byte");
  const std::filesystem::path given(name);
  const std::filesystem::path path =
      given.is_absolute() ? given : std::filesystem::path(node.file()).parent_path() / given;
  ShellInput in;
  in.pointer = node.pointer();
  in.origin = name;
  in.from_file = true;
  // A transcript is a file someone wrote: not a device, a pipe or a directory, whose
  // text would change from one read to the next (a load must be reproducible).
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
    node.fail("'" + name + "' (" + path.string() + "): not a regular file");
  if (auto err = read_bounded_file(path.string(), kMaxShellFileBytes, &in.text))
    node.fail("'" + name + "' (" + path.string() + "): " + *err);
  std::size_t lines = std::count(in.text.begin(), in.text.end(), '\n');
  if (!in.text.empty() && in.text.back() != '\n') {
    in.text += '\n';
    ++lines;
  }
  if (lines > kMaxShellLines)
    node.fail("'" + name + "' has " + std::to_string(lines) + " lines; at most " + std::to_string(kMaxShellLines) +
              " are read");
  return in;
}

std::vector<std::string> parse_enable(const JsonNode& node) {
  std::vector<std::string> out;
  for (const JsonNode& item : node.items()) {
    const std::string given = item.nonempty_string();
    const std::string unit = canonical_unit(given);
    if (std::find(kUnits.begin(), kUnits.end(), unit) == kUnits.end())
      item.fail("unknown unit '" + given + "' (lvslab models: " + join(kUnits) + "; also nfs, apache2)");
    if (std::find(out.begin(), out.end(), unit) != out.end()) item.fail("unit '" + unit + "' is already enabled");
    out.push_back(unit);
  }
  return out;
}

void read_files_dir(const JsonNode& node, HostSpec& host, std::map<std::string, std::string>* pointers) {
  namespace fs = std::filesystem;
  const std::string name = node.nonempty_string();
  if (name.find('\0') != std::string::npos) node.fail("a folder name cannot contain a NUL byte");
  const fs::path given(name);
  const fs::path dir = given.is_absolute() ? given : fs::path(node.file()).parent_path() / given;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) node.fail("'" + name + "' (" + dir.string() + ") is not a folder");
  // In name order, so that messages and the host's files never depend on the file system's.
  std::vector<fs::path> found;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    const fs::file_status st = it->symlink_status(ec);
    if (fs::is_directory(st)) continue;
    const std::string rel = it->path().lexically_relative(dir).generic_string();
    if (fs::is_symlink(st)) node.fail("'" + name + "/" + rel + "' is a symbolic link: lvslab reads regular files only");
    if (!fs::is_regular_file(st)) node.fail("'" + name + "/" + rel + "' is not a regular file");
    if (found.size() == kMaxFilesDirFiles)
      node.fail("'" + name + "' holds more than " + std::to_string(kMaxFilesDirFiles) + " files");
    found.push_back(it->path());
  }
  if (ec) node.fail("'" + name + "' (" + dir.string() + "): " + ec.message());
  std::sort(found.begin(), found.end());
  std::size_t total = 0;
  for (const fs::path& file : found) {
    const std::string path = "/" + file.lexically_relative(dir).generic_string();
    if (host.files.count(path))
      node.fail("'" + path + "' is given twice: in \"files\" and in '" + name + "'; keep one");
    std::string text;
    if (auto err = read_bounded_file(file.string(), kMaxShellFileBytes, &text))
      node.fail("'" + name + path + "': " + *err);
    total += text.size();
    if (total > kMaxFilesDirBytes)
      node.fail("'" + name + "' holds more than " + std::to_string(kMaxFilesDirBytes) + " bytes of files");
    host.files[path] = std::move(text);
    (*pointers)[path] = node.pointer();
  }
  if (host.files_pointer.empty()) host.files_pointer = node.pointer();
}

}  // namespace lvs
