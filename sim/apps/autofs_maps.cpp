#include "sim/apps/autofs_maps.hpp"

#include <charconv>

namespace lvs {
namespace {

struct Line {
  std::vector<std::string> words;
  int number = 0;
};

// Logical lines split into words: '#' comments, backslash-newline continuation,
// double quotes group blanks.
std::vector<Line> tokenize(std::string_view text) {
  std::vector<Line> out;
  Line cur;
  int number = 0;
  std::string word;
  bool have_word = false;
  bool quoted = false;
  auto end_word = [&] {
    if (have_word) cur.words.push_back(word);
    word.clear();
    have_word = false;
  };
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t nl = std::min(text.find('\n', pos), text.size());
    std::string_view phys = text.substr(pos, nl - pos);
    ++number;
    const bool last = nl == text.size();
    pos = nl + 1;
    if (cur.words.empty() && !have_word) cur.number = number;
    bool continued = false;
    for (std::size_t i = 0; i < phys.size(); ++i) {
      const char c = phys[i];
      if (c == '"') {
        quoted = !quoted;
        have_word = true;
        continue;
      }
      if (!quoted && c == '#') break;
      if (!quoted && c == '\\' && phys.find_first_not_of(" \t\r", i + 1) == std::string_view::npos) {
        continued = true;
        break;
      }
      if (!quoted && (c == ' ' || c == '\t' || c == '\r')) {
        end_word();
        continue;
      }
      word.push_back(c);
      have_word = true;
    }
    if (!continued) {
      end_word();
      quoted = false;
      if (!cur.words.empty()) out.push_back(cur);
      cur = Line{};
    } else {
      end_word();
    }
    if (last) break;
  }
  return out;
}

bool seconds(std::string_view v, SimTime* out) {
  long long n = 0;
  const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || p != v.data() + v.size() || v.empty() || n < 0 || n > 10'000'000) return false;
  *out = n * kSecond;
  return true;
}

void split_options(std::string_view list, std::vector<std::string>* out) {
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    if (comma > start) out->emplace_back(list.substr(start, comma - start));
    start = comma + 1;
  }
}

// One auto.master line: MOUNTPOINT MAP [OPTIONS]. Returns the error ("" = fine).
std::string parse_master_line(const std::vector<std::string>& w, AutoMasterEntry& e) {
  e.mount_point = w[0];
  if (e.mount_point == "/-") return "direct maps (/-) are not modelled; use an indirect map";
  if (e.mount_point[0] != '/') return "mount point \"" + e.mount_point + "\" is not an absolute path";
  while (e.mount_point.size() > 1 && e.mount_point.back() == '/') e.mount_point.pop_back();
  if (w.size() < 2) return "no map given for mount point " + e.mount_point;
  e.map = w[1];
  if (e.map.starts_with("file:")) e.map = e.map.substr(5);
  else if (const auto colon = e.map.find(':'); colon != std::string::npos && e.map[0] != '/')
    return "map type \"" + e.map.substr(0, colon) + "\" is not modelled (only file maps)";
  if (e.map[0] != '/') e.map = "/etc/" + e.map;  // nsswitch "files": /etc/<name>
  for (std::size_t i = 2; i < w.size(); ++i) {
    const std::string& o = w[i];
    if (o.starts_with("--timeout=") || o.starts_with("-t=")) {
      if (!seconds(o.substr(o.find('=') + 1), &e.timeout)) return "bad timeout \"" + o + "\"";
    } else if (o == "--timeout" || o == "-t") {
      if (i + 1 < w.size() && seconds(w[i + 1], &e.timeout)) ++i;  // `--timeout 60`
      else e.mount_options.emplace_back("timeout");                // the lab's bare `--timeout`
    } else if (o == "--ghost" || o == "--browse" || o == "browse" || o == "nobrowse" || o == "-browse" ||
               o == "-nobrowse") {
    } else if (o.starts_with("--")) {
      return "unknown option \"" + o + "\"";
    } else if (o.starts_with("-")) {
      split_options(std::string_view(o).substr(1), &e.mount_options);
    } else {
      return "unexpected \"" + o + "\" (options start with '-')";
    }
  }
  return "";
}

// One indirect map line: KEY [-OPTIONS] LOCATION. Returns the error ("" = fine).
std::string parse_map_line(const std::vector<std::string>& w, AutoMapEntry& e) {
  e.key = w[0];
  std::size_t i = 1;
  if (i < w.size() && w[i].starts_with("-")) {
    e.options = w[i].substr(1);
    ++i;
  }
  if (i >= w.size()) return "entry \"" + e.key + "\" has no location (expected host:/path)";
  if (i + 1 < w.size())
    return "entry \"" + e.key + "\": several locations (replicated servers, multi-mounts) are not modelled";
  const std::string& loc = w[i];
  const auto colon = loc.find(':');
  if (colon == std::string::npos) return "location \"" + loc + "\" is not host:/path";
  e.host = loc.substr(0, colon);
  e.path = loc.substr(colon + 1);
  if (e.path.empty() || e.path[0] != '/') return "location \"" + loc + "\": the path must be absolute";
  std::vector<std::string> opts;
  split_options(e.options, &opts);
  for (const auto& o : opts)
    if (o.starts_with("fstype=")) e.fstype = o.substr(7);
  if (e.host.empty() && e.fstype == "nfs") return "location \"" + loc + "\" names no server (expected host:/path)";
  return "";
}

// Either file: an entry a logical line, '+' lines (+auto.master: a map from NIS /
// nsswitch) skipped; the first bad line ends the parse with "FILE:LINE: message".
template <class Parse, class ParseLine>
Parse parse_lines(std::string_view text, std::string_view file, ParseLine parse_line) {
  Parse out;
  for (const Line& l : tokenize(text)) {
    if (l.words[0][0] == '+') continue;
    typename decltype(out.entries)::value_type e;
    e.line = l.number;
    if (const std::string error = parse_line(l.words, e); !error.empty()) {
      out.error = std::string(file) + ":" + std::to_string(l.number) + ": " + error;
      out.error_line = l.number;
      return out;
    }
    out.entries.push_back(std::move(e));
  }
  return out;
}

}  // namespace

AutoMasterParse parse_auto_master(std::string_view text, std::string_view file) {
  return parse_lines<AutoMasterParse>(text, file, parse_master_line);
}

AutoMapParse parse_auto_map(std::string_view text, std::string_view file) {
  return parse_lines<AutoMapParse>(text, file, parse_map_line);
}

bool lookup_auto_map(const AutoMapParse& map, const std::string& key, AutoMapEntry* out) {
  for (const auto& e : map.entries)
    if (e.key == key) {
      *out = e;
      return true;
    }
  for (const auto& e : map.entries)
    if (e.key == "*") {
      *out = e;
      out->key = key;
      for (std::string* s : {&out->host, &out->path, &out->options})
        for (std::size_t p = s->find('&'); p != std::string::npos; p = s->find('&', p + key.size()))
          s->replace(p, 1, key);
      return true;
    }
  return false;
}

}  // namespace lvs
