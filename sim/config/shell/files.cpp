#include "sim/config/shell/files.hpp"

#include <vector>

#include "sim/net/host.hpp"

namespace lvs::config::shell {
namespace {

constexpr std::string_view kProcSys = "/proc/sys/";
constexpr std::string_view kNoSuchFile = "No such file or directory";

bool is_dev_null(std::string_view path) { return path == "/dev/null"; }

// The kernel's proc_dointvec & co. read the value up to the first newline.
std::string proc_value(std::string_view text) {
  std::string_view v = text.substr(0, text.find('\n'));
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r')) v.remove_suffix(1);
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  return std::string(v);
}

}  // namespace

std::string absolute_path(const Machine& m, std::string_view name) {
  std::string full = name.starts_with("/") ? std::string(name) : m.cwd() + "/" + std::string(name);
  std::vector<std::string> parts;
  std::size_t i = 0;
  while (i <= full.size()) {
    const std::size_t slash = std::min(full.find('/', i), full.size());
    const std::string part = full.substr(i, slash - i);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    i = slash + 1;
  }
  std::string out;
  for (const auto& p : parts) out += "/" + p;
  return out.empty() ? "/" : out;
}

std::optional<std::string> proc_sys_key(std::string_view path) {
  if (!path.starts_with(kProcSys)) return std::nullopt;
  std::string key(path.substr(kProcSys.size()));
  for (char& c : key)
    if (c == '/') c = '.';
  return key;
}

FileText read_file(const Machine& m, std::string_view path) {
  FileText r;
  if (is_dev_null(path)) {
    r.text = "";
    return r;
  }
  if (const auto key = proc_sys_key(path)) {
    if (const auto v = m.host().sysctls().get(*key)) r.text = *v + "\n";
    else r.error = std::string(kNoSuchFile);
    return r;
  }
  const auto it = m.files().find(std::string(path));
  if (it == m.files().end()) r.error = std::string(kNoSuchFile);
  else r.text = it->second;
  return r;
}

std::optional<WriteError> open_for_write(Machine& m, std::string_view path, bool append) {
  if (is_dev_null(path)) return std::nullopt;
  if (const auto key = proc_sys_key(path)) {
    if (!m.host().sysctls().get(*key)) return WriteError{true, std::string(kNoSuchFile)};
    return std::nullopt;
  }
  if (path.ends_with("/")) return WriteError{true, "Is a directory"};
  std::string& text = m.files()[std::string(path)];
  if (!append) text.clear();
  return std::nullopt;
}

std::optional<WriteError> write_file(Machine& m, const Origin& origin, std::string_view path, std::string_view text,
                                     bool append) {
  if (is_dev_null(path)) return std::nullopt;
  if (const auto key = proc_sys_key(path)) {
    const std::string value = proc_value(text);
    if (value.empty()) return std::nullopt;  // an empty write changes nothing
    if (const auto err = m.host().set_sysctl(*key, value)) {
      const bool missing = err->find(std::string(kNoSuchFile)) != std::string::npos;
      return WriteError{missing, missing ? std::string(kNoSuchFile) : "Invalid argument"};
    }
    record_sysctl(m, origin, *key, value);
    return std::nullopt;
  }
  std::string& file = m.files()[std::string(path)];
  if (!append) file.clear();
  if (file.size() + text.size() > kMaxFileBytes) return WriteError{false, "File too large"};
  file.append(text);
  return std::nullopt;
}

void record_sysctl(Machine& m, const Origin& origin, std::string key, std::string value) {
  m.sysctl_writes().push_back(Machine::SysctlWrite{std::move(key), std::move(value), origin});
}

}  // namespace lvs::config::shell
