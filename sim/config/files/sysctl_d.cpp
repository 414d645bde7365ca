// systemd-sysctl (src/sysctl/sysctl.c) as sysctl.d(5) describes it:
//  * configuration files: *.conf in /etc/sysctl.d, /run/sysctl.d, /usr/local/lib/sysctl.d
//    and /usr/lib/sysctl.d; "a file in /etc overrides the one with the same name in /run
//    and /usr/lib"; all are read "sorted by their filename in lexicographic order,
//    regardless of which of the directories they reside in";
//  * /etc/sysctl.conf is read as /etc/sysctl.d/99-sysctl.conf: both distributions ship
//    that name as a symlink to ../sysctl.conf (systemd on CentOS 7, procps on Debian 12),
//    so a file of the user's own at /etc/sysctl.d/99-sysctl.conf takes its place;
//  * a line: blank, or a comment when its first non-blank character is '#' or ';', or
//    "key = value" (blanks around both stripped); "-key = value": a failed write is
//    ignored; "-key" alone excludes the key from globs; any other line "is not an
//    assignment, ignoring";
//  * "If multiple files specify the same option, the entry in the file with the
//    lexicographically latest name will take precedence": parse_line() drops the earlier
//    assignment and appends the new one, so the writes follow the last assignments'
//    order; an assignment of the same value keeps the earlier place;
//  * a glob key writes every matching /proc/sys entry that has no explicit setting.
//    lvslab knows which entries exist only for the devices' part of net.ipv4.conf.* and
//    net.ipv4.neigh.*, so only globs there are expanded (others are a problem).
// The shipped files of /usr/lib/sysctl.d (50-default.conf ...) are not assumed: a host's
// defaults are the kernel's, as lvslab models them.
#include "sim/config/files/sysctl_d.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <list>
#include <optional>

namespace lvs::config::files {
namespace {

constexpr const char* kSysctlDirs[] = {"/etc/sysctl.d", "/run/sysctl.d", "/usr/local/lib/sysctl.d",
                                       "/usr/lib/sysctl.d"};
constexpr std::size_t kMaxSysctlKeys = 4096;

struct Option {
  std::string key;                   // normalized: "net/ipv4/ip_forward"
  std::optional<std::string> value;  // none: "-key", an exclusion from globs
  bool ignore_failure = false;
  std::string file;
  std::uint32_t line = 0;
};

// The configuration files in the order systemd-sysctl parses them: name -> path read.
std::map<std::string, std::string> config_files(const FileMap& files, PlanWriter& out) {
  std::map<std::string, std::string> by_name;
  for (const char* dir : kSysctlDirs) {
    for (const auto& path : files_in(files, dir, "", ".conf")) {
      const std::string name = path.substr(std::string_view(dir).size() + 1);
      if (name.starts_with(".")) continue;  // conf_files_list() skips hidden files
      const auto [it, fresh] = by_name.emplace(name, path);
      if (!fresh)
        out.problem(path, 0,
                    "is overridden by " + it->second + " (sysctl.d(5): the file of the same name in the " +
                        "directory of higher priority is read instead), so it is not read");
    }
    if (std::string_view(dir) == "/etc/sysctl.d" && files.count("/etc/sysctl.conf")) {
      const auto [it, fresh] = by_name.emplace("99-sysctl.conf", "/etc/sysctl.conf");
      if (!fresh)
        out.problem("/etc/sysctl.conf", 0,
                    "is not read: /etc/sysctl.d/99-sysctl.conf, normally a symlink to it, is a file of its own here");
    }
  }
  return by_name;
}

// The assignments in the order systemd-sysctl applies them (its ordered hashmap): a list,
// with an index by key so that a file of many lines stays linear.
class Options {
 public:
  explicit Options(PlanWriter& out) : out_(out) {}

  void parse_file(const std::string& path, std::string_view text) {
    std::uint32_t number = 0;
    for (std::string_view line : split_lines(text)) {
      ++number;
      parse_line(path, number, trim(line));
    }
  }

  const std::list<Option>& in_order() const { return options_; }
  bool has(const std::string& key) const { return index_.count(key) > 0; }

 private:
  void parse_line(const std::string& path, std::uint32_t number, std::string_view line) {
    if (line.empty() || line[0] == '#' || line[0] == ';') return;
    Option option{.file = path, .line = number};
    const bool assignment = line.find('=') != std::string_view::npos;
    if (line[0] == '-') {
      option.ignore_failure = true;
      line.remove_prefix(1);
    } else if (!assignment) {
      out_.problem(path, number, "Line is not an assignment, ignoring: " + std::string(line));
      return;
    }
    if (assignment) option.value = std::string(trim(line.substr(line.find('=') + 1)));
    option.key = sysctl_key_path(trim(line.substr(0, line.find('='))));
    if (option.key.empty()) {
      out_.problem(path, number, "no key before '=': " + std::string(line));
      return;
    }
    const auto existing = index_.find(option.key);
    if (existing != index_.end()) {
      Option& earlier = *existing->second;
      if (earlier.value == option.value) {
        earlier.ignore_failure = earlier.ignore_failure || option.ignore_failure;
        return;
      }
      options_.erase(existing->second);  // "Overwriting earlier assignment": the new one goes last
      index_.erase(existing);
    }
    if (options_.size() >= kMaxSysctlKeys) {
      out_.problem(path, number, "more than " + std::to_string(kMaxSysctlKeys) + " sysctl keys; this one is not set");
      return;
    }
    options_.push_back(std::move(option));
    index_[options_.back().key] = std::prev(options_.end());
  }

  PlanWriter& out_;
  std::list<Option> options_;
  std::map<std::string, std::list<Option>::iterator> index_;
};

bool is_glob(std::string_view key) { return key.find_first_of("*?[") != std::string_view::npos; }

std::vector<std::string> split_path(std::string_view key) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= key.size()) {
    const auto slash = key.find('/', start);
    const auto end = slash == std::string_view::npos ? key.size() : slash;
    parts.emplace_back(key.substr(start, end - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return parts;
}

void write(const Option& option, const std::string& key, PlanWriter& out) {
  out.step(option.file, option.line, "echo " + shell_word(*option.value) + " > " + shell_word("/proc/sys/" + key),
           "systemd-sysctl", option.ignore_failure);
}

// net/ipv4/conf/<glob>/X and net/ipv4/neigh/<glob>/X over the entries that exist: "all"
// (conf only), "default" and one per device; glob(3) returns them sorted.
void write_glob(const Option& option, const Options& options, const std::vector<std::string>& devices,
                PlanWriter& out) {
  std::vector<std::string> parts = split_path(option.key);
  const bool device_glob =
      parts.size() >= 5 && parts[0] == "net" && parts[1] == "ipv4" && (parts[2] == "conf" || parts[2] == "neigh") &&
      is_glob(parts[3]) &&
      std::none_of(parts.begin() + 4, parts.end(), [](const std::string& p) { return is_glob(p); });
  if (!device_glob) {
    out.problem(option.file, option.line,
                "the glob " + option.key + " is not applied: lvslab expands globs only in the device part of " +
                    "net.ipv4.conf.*.KEY and net.ipv4.neigh.*.KEY");
    return;
  }
  std::vector<std::string> entries = devices;
  entries.push_back("default");
  if (parts[2] == "conf") entries.push_back("all");
  std::sort(entries.begin(), entries.end());
  const std::string pattern = parts[3];
  for (const auto& entry : entries) {
    if (fnmatch(pattern.c_str(), entry.c_str(), 0) != 0) continue;
    parts[3] = entry;
    std::string key = parts[0];
    for (std::size_t i = 1; i < parts.size(); ++i) key += "/" + parts[i];
    if (options.has(key)) continue;  // "Not setting %s (explicit setting exists)."
    write(option, key, out);
  }
}

}  // namespace

std::string sysctl_key_path(std::string_view key) {
  std::string s(key);
  const auto first = s.find_first_of("./");
  if (first != std::string::npos && s[first] == '.') {
    for (std::size_t i = first; i < s.size(); ++i) {
      if (s[i] == '.') s[i] = '/';
      else if (s[i] == '/') s[i] = '.';
    }
  }
  // path_simplify(): no empty components; the leading slash goes.
  std::string out;
  for (char c : s) {
    if (c == '/' && (out.empty() || out.back() == '/')) continue;
    out += c;
  }
  if (!out.empty() && out.back() == '/') out.pop_back();
  return out;
}

void plan_sysctl(const FileMap& files, const std::vector<std::string>& device_names, PlanWriter& out) {
  Options options(out);
  for (const auto& [name, path] : config_files(files, out)) {
    const std::string* text = bounded_file(files, path, out);
    if (!text) continue;
    out.read(path);
    options.parse_file(path, *text);
  }
  std::vector<std::string> devices = device_names;
  if (std::find(devices.begin(), devices.end(), "lo") == devices.end()) devices.push_back("lo");
  for (const Option& option : options.in_order()) {
    if (!option.value) continue;  // "-key": only excludes the key from globs
    if (is_glob(option.key)) write_glob(option, options, devices, out);
    else write(option, option.key, out);
  }
}

}  // namespace lvs::config::files
