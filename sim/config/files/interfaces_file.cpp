// ifupdown 0.8.41 config.c, read_interfaces_defn():
//  * get_line(): leading blanks dropped; a line whose first character is then '#' is a
//    comment (only whole lines: a '#' later in a line is part of it); a trailing '\'
//    joins the next line; trailing blanks dropped;
//  * "iface NAME FAMILY METHOD [inherits OTHER]": families inet, inet6, ipx, can;
//    "too few parameters for iface line", "unknown or no address type and no inherits
//    keyword specified", "unknown or no method and no inherits keyword specified" refuse
//    the whole file;
//  * "auto A B", "allow-CLASS A B" (alone inside a stanza: that stanza's interface);
//    "no-auto-down", "no-scripts", "rename"; "mapping" stanzas with "script"/"map";
//  * "source PATTERN" (relative to the sourcing file's directory; wordexp globbing) and
//    "source-directory DIR" (the files run-parts would pick: names of [A-Za-z0-9_-]);
//  * any other line is an option of the current stanza: "post-up" is "up", "pre-down" is
//    "down"; "option with empty value" and, outside a stanza, "misplaced option" refuse
//    the file; a repeated option (but up/down lines) gets the values joined by '\n'.
// A file is read once ("already_seen").
#include "sim/config/files/interfaces_file.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <set>

#include "sim/config/files/interfaces.hpp"

namespace lvs::config::files {
namespace {

constexpr int kMaxSourceDepth = 8;
constexpr std::size_t kMaxStanzas = 256;
constexpr std::size_t kMaxOptions = 256;

const std::set<std::string> kFamilies = {"inet", "inet6", "ipx", "can"};
// inet.defn, inet6.defn, ipx.defn, can.defn methods.
const std::set<std::string> kMethods = {"loopback", "static", "manual", "dhcp",     "bootp", "tunnel", "ppp",
                                        "wvdial",   "ipv4ll", "auto",   "v4tunnel", "6to4",  "frame",  "can"};

struct Line {
  std::string text;
  std::uint32_t number = 0;
};

// get_line(): the logical lines of a file.
std::vector<Line> logical_lines(std::string_view text) {
  std::vector<Line> lines;
  const std::vector<std::string_view> raw = split_lines(text);
  for (std::size_t i = 0; i < raw.size(); ++i) {
    std::string_view first = raw[i];
    while (!first.empty() && std::isspace(static_cast<unsigned char>(first.front()))) first.remove_prefix(1);
    if (!first.empty() && first.front() == '#') continue;
    Line line{std::string(first), static_cast<std::uint32_t>(i + 1)};
    while (!line.text.empty() && line.text.back() == '\\' && i + 1 < raw.size()) {
      line.text.pop_back();
      line.text += raw[++i];
    }
    while (!line.text.empty() && std::isspace(static_cast<unsigned char>(line.text.back()))) line.text.pop_back();
    lines.push_back(std::move(line));
  }
  return lines;
}

// next_word(): the first blank-separated word and the rest after the blanks.
std::pair<std::string, std::string> next_word(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  std::size_t end = 0;
  while (end < s.size() && !std::isspace(static_cast<unsigned char>(s[end]))) ++end;
  std::string_view rest = s.substr(end);
  while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.front()))) rest.remove_prefix(1);
  return {std::string(s.substr(0, end)), std::string(rest)};
}

std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  while (true) {
    auto [w, rest] = next_word(s);
    if (w.empty()) return out;
    out.push_back(std::move(w));
    s = s.substr(s.size() - rest.size());
  }
}

class Reader {
 public:
  Reader(const FileMap& files, PlanWriter& out) : files_(files), out_(out) {}

  bool read(const std::string& path, int depth) {
    if (!seen_.insert(path).second) return true;
    if (!files_.count(path)) return true;  // a pattern matching nothing: wordexp's word fails stat(), skipped
    const std::string* text = bounded_file(files_, path, out_);
    if (!text) return false;  // over the bound: refused, with a problem
    out_.read(path);
    enum { kNone, kIface, kMapping } state = kNone;
    for (const Line& line : logical_lines(*text)) {
      auto [first, rest] = next_word(line.text);
      if (first.empty()) continue;
      const auto fail = [&](const std::string& what) {
        out_.problem(path, line.number, what);
        return false;
      };
      if (first == "mapping") {
        out_.problem(path, line.number, "mapping stanzas are not modelled by lvslab; ignored");
        state = kMapping;
      } else if (first == "source" ||
                 (first.starts_with("source-dir") && std::string_view("source-directory").starts_with(first))) {
        if (depth >= kMaxSourceDepth)
          return fail("sources nested deeper than " + std::to_string(kMaxSourceDepth) + " files");
        for (const auto& sourced : first == "source" ? source_glob(path, rest) : source_directory(path, rest))
          if (!read(sourced, depth + 1)) return false;
        state = kNone;
      } else if (first == "iface") {
        if (!iface_line(path, line, rest)) return false;
        state = kIface;
      } else if (first == "auto" || (first.starts_with("allow-") && first.size() > 6)) {
        const std::string cls = first == "auto" ? "auto" : first.substr(6);
        if (rest.empty() && state == kIface) {
          allow(cls, result_.ifaces.back().name, path, line.number);
        } else {
          for (const auto& w : words(rest)) allow(cls, w, path, line.number);
          state = kNone;
        }
      } else if (first == "no-auto-down" || first == "no-scripts") {
        if (!(rest.empty() && state == kIface)) state = kNone;
      } else if (first == "rename") {
        out_.problem(path, line.number, "rename is not modelled by lvslab; ignored");
        state = kNone;
      } else if (state == kIface) {
        if (rest.empty()) return fail("option with empty value");
        if (!option(path, line, first, rest)) return false;
      } else if (state == kMapping) {
        if (first != "script" && first != "map") return fail("misplaced option");
      } else {
        return fail("misplaced option");
      }
    }
    return true;
  }

  InterfacesFile take() { return std::move(result_); }

 private:
  void allow(const std::string& cls, const std::string& name, const std::string& path, std::uint32_t line) {
    auto& list = result_.allow[cls];
    if (list.size() >= kMaxStanzas) return;
    list.push_back(AllowEntry{name, path, line});
  }

  bool iface_line(const std::string& path, const Line& line, const std::string& rest) {
    const std::vector<std::string> w = words(rest);
    const auto fail = [&](const std::string& what) {
      out_.problem(path, line.number, what);
      return false;
    };
    if (w.empty()) return fail("too few parameters for iface line");
    if (result_.ifaces.size() >= kMaxStanzas)
      return fail("more than " + std::to_string(kMaxStanzas) + " iface stanzas; lvslab reads no more");
    IfaceStanza stanza{w[0], w.size() > 1 ? w[1] : "", w.size() > 2 ? w[2] : "", path, line.number, {}};
    std::size_t next = 3;
    if (!kFamilies.count(stanza.family) && stanza.family != "inherits")
      return fail("unknown or no address type and no inherits keyword specified");
    if (kFamilies.count(stanza.family) && !kMethods.count(stanza.method) && stanza.method != "inherits")
      return fail("unknown or no method and no inherits keyword specified");
    if (stanza.family == "inherits" || stanza.method == "inherits") next = stanza.family == "inherits" ? 1 : 2;
    if (next < w.size()) {
      if (w[next] != "inherits") {
        out_.problem(path, line.number, "extra parameter for the iface line not understood and ignored: " + w[next]);
      } else if (next + 1 >= w.size()) {
        return fail("'inherits' keyword is missing a parameter");
      } else {
        const auto other = std::find_if(result_.ifaces.begin(), result_.ifaces.end(),
                                        [&](const IfaceStanza& s) { return s.name == w[next + 1]; });
        if (other == result_.ifaces.end())
          return fail("unknown iface to inherit from: " + w[next + 1] + " (" +
                      (kFamilies.count(stanza.family) ? stanza.family : "*") + ")");
        stanza.options = other->options;
        if (!kFamilies.count(stanza.family)) stanza.family = other->family;
        if (!kMethods.count(stanza.method)) stanza.method = other->method;
      }
    }
    if ((stanza.family == "inet" || stanza.family == "inet6") && stanza.method == "loopback")
      result_.has_loopback = true;
    result_.ifaces.push_back(std::move(stanza));
    return true;
  }

  bool option(const std::string& path, const Line& line, std::string name, const std::string& value) {
    if (name == "post-up") name = "up";
    if (name == "pre-down") name = "down";
    auto& options = result_.ifaces.back().options;
    const bool command = name == "pre-up" || name == "up" || name == "down" || name == "post-down";
    if (!command) {
      for (auto& o : options) {
        if (o.name != name) continue;
        o.value += "\n" + value;
        out_.problem(
            path, line.number,
            name + " given again in this stanza: ifupdown joins the values with a newline; lvslab uses the first");
        return true;
      }
    }
    if (options.size() >= kMaxOptions) {
      out_.problem(path, line.number, "more than " + std::to_string(kMaxOptions) + " options in one stanza; not read");
      return true;
    }
    options.push_back(IfaceOption{name, value, path, line.number});
    return true;
  }

  static std::string dir_of(const std::string& path) { return path.substr(0, path.rfind('/')); }

  // wordexp(): a pattern in its last component, matched against the files lvslab has.
  std::vector<std::string> source_glob(const std::string& from, const std::string& pattern) const {
    const std::string full = pattern.starts_with("/") ? pattern : dir_of(from) + "/" + pattern;
    const std::string dir = full.substr(0, full.rfind('/'));
    const std::string name = full.substr(full.rfind('/') + 1);
    std::vector<std::string> found;
    for (const auto& path : files_in(files_, dir, "", ""))
      if (fnmatch(name.c_str(), path.substr(dir.size() + 1).c_str(), FNM_PERIOD) == 0) found.push_back(path);
    return found;
  }

  // run-parts' valid names: [A-Za-z0-9_-]+.
  std::vector<std::string> source_directory(const std::string& from, const std::string& dir_text) const {
    std::string dir = dir_text.starts_with("/") ? dir_text : dir_of(from) + "/" + dir_text;
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    std::vector<std::string> found;
    for (const auto& path : files_in(files_, dir, "", "")) {
      const std::string name = path.substr(dir.size() + 1);
      if (std::all_of(name.begin(), name.end(),
                      [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; }))
        found.push_back(path);
    }
    return found;
  }

  const FileMap& files_;
  PlanWriter& out_;
  std::set<std::string> seen_;
  InterfacesFile result_;
};

}  // namespace

const IfaceOption* IfaceStanza::option(std::string_view wanted) const {
  for (const auto& o : options)
    if (o.name == wanted) return &o;
  return nullptr;
}

std::optional<InterfacesFile> read_interfaces(const FileMap& files, PlanWriter& out) {
  Reader reader(files, out);
  if (!reader.read(kInterfaces, 0)) {
    out.problem(kInterfaces, 0, std::string("ifup: couldn't read interfaces file \"") + kInterfaces + "\"");
    return std::nullopt;
  }
  return reader.take();
}

}  // namespace lvs::config::files
