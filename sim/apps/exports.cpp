#include "sim/apps/exports.hpp"

#include <algorithm>
#include <charconv>

namespace lvs {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// Logical lines: comments removed, backslash-newline joined; each keeps the number
// of the physical line it starts on.
struct Line {
  std::string text;
  int number = 0;
};

std::vector<Line> logical_lines(std::string_view text) {
  std::vector<Line> out;
  Line cur;
  int number = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t nl = std::min(text.find('\n', pos), text.size());
    std::string_view phys = text.substr(pos, nl - pos);
    ++number;
    pos = nl + 1;
    if (cur.text.empty()) cur.number = number;
    bool quoted = false;
    std::size_t cut = phys.size();
    for (std::size_t i = 0; i < phys.size(); ++i) {
      if (phys[i] == '"') quoted = !quoted;
      if (phys[i] == '#' && !quoted) {
        cut = i;
        break;
      }
    }
    phys = phys.substr(0, cut);
    while (!phys.empty() && is_space(phys.back())) phys.remove_suffix(1);
    if (!phys.empty() && phys.back() == '\\') {
      cur.text.append(phys.substr(0, phys.size() - 1));
      cur.text.push_back(' ');
      continue;
    }
    cur.text.append(phys);
    // Blank means what words() skips: a line of only '\r' (a CRLF file) has no words.
    if (std::any_of(cur.text.begin(), cur.text.end(), [](char c) { return !is_space(c); })) out.push_back(cur);
    cur = Line{};
    if (nl == text.size()) break;
  }
  return out;
}

// Splits a line into words; a double-quoted word may contain blanks (paths).
std::vector<std::string> words(const std::string& line, bool* bad_quote) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_space(line[i])) ++i;
    if (i >= line.size()) break;
    std::string w;
    bool quoted = false;
    while (i < line.size() && (quoted || !is_space(line[i]))) {
      if (line[i] == '"') quoted = !quoted;
      else w.push_back(line[i]);
      ++i;
    }
    if (quoted) *bad_quote = true;
    out.push_back(std::move(w));
  }
  return out;
}

bool parse_id(std::string_view v, std::uint32_t* out) {
  const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), *out);
  return ec == std::errc() && p == v.data() + v.size() && !v.empty();
}

// One comma-separated option list into `o`; "" or the unknown/bad word.
std::string apply_options(std::string_view list, ExportOptions& o) {
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    const std::string_view opt = list.substr(start, comma - start);
    start = comma + 1;
    if (opt.empty()) continue;
    if (opt == "ro") o.read_only = true;
    else if (opt == "rw") o.read_only = false;
    else if (opt == "sync") o.sync = o.sync_given = true;
    else if (opt == "async") {
      o.sync = false;
      o.sync_given = true;
    } else if (opt == "root_squash") o.root_squash = true;
    else if (opt == "no_root_squash") o.root_squash = false;
    else if (opt == "all_squash") o.all_squash = true;
    else if (opt == "no_all_squash") o.all_squash = false;
    else if (opt == "secure") o.secure = true;
    else if (opt == "insecure") o.secure = false;
    else if (opt == "subtree_check") o.subtree_check = o.subtree_check_given = true;
    else if (opt == "no_subtree_check") {
      o.subtree_check = false;
      o.subtree_check_given = true;
    } else if (opt == "wdelay" || opt == "no_wdelay") {
      o.wdelay = opt == "wdelay";
    } else if (opt == "hide" || opt == "nohide") {
      o.hide = opt == "hide";
    } else if (opt.starts_with("anonuid=")) {
      if (!parse_id(opt.substr(8), &o.anonuid)) return "bad anonuid \"" + std::string(opt) + "\"";
    } else if (opt.starts_with("anongid=")) {
      if (!parse_id(opt.substr(8), &o.anongid)) return "bad anongid \"" + std::string(opt) + "\"";
    } else {
      return "unknown keyword \"" + std::string(opt) + "\"";
    }
  }
  return {};
}

bool valid_hostname(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
          c == '_'))
      return false;
  return true;
}

// nfs-utils client_gettype(): "*" anyone, wildcard characters, a '/', else a host.
std::string classify_client(ExportClient& c) {
  const std::string& s = c.spec;
  if (s.empty() || s == "*") {
    c.type = ExportClientType::kAnyone;
    return {};
  }
  if (s[0] == '@') return "netgroup \"" + s + "\": netgroups need NIS, which lvslab does not model";
  if (s.starts_with("gss/")) return "\"" + s + "\": Kerberos (gss/) clients are not modelled";
  if (s.find_first_of("*?[") != std::string::npos) {
    c.type = ExportClientType::kWildcard;
    return {};
  }
  if (s.find('/') != std::string::npos) {
    const auto p = Ipv4Prefix::parse(s);
    if (!p) return "invalid network \"" + s + "\" (expected a.b.c.d/nn or a.b.c.d/m.m.m.m)";
    c.type = ExportClientType::kSubnet;
    c.subnet = *p;
    return {};
  }
  c.type = ExportClientType::kHost;
  if (const auto a = Ipv4Addr::parse(s)) {
    c.subnet = Ipv4Prefix{*a, 32};
    c.by_address = true;
    return {};
  }
  if (!valid_hostname(s)) return "invalid client \"" + s + "\"";
  return {};
}

}  // namespace

ExportsParse parse_exports(std::string_view text, std::string_view file) {
  ExportsParse out;
  auto fail = [&](int line, const std::string& msg) {
    out.error = std::string(file) + ":" + std::to_string(line) + ": " + msg;
    out.error_line = line;
    return out;
  };
  for (const Line& line : logical_lines(text)) {
    bool bad_quote = false;
    std::vector<std::string> w = words(line.text, &bad_quote);
    if (bad_quote) return fail(line.number, "missing closing quote");
    ExportEntry e;
    e.line = line.number;
    e.path = w[0];
    if (e.path.empty() || e.path[0] != '/') return fail(line.number, "\"" + e.path + "\" is not an absolute path");
    while (e.path.size() > 1 && e.path.back() == '/') e.path.pop_back();
    ExportOptions defaults;
    std::size_t i = 1;
    if (i < w.size() && w[i].starts_with("-")) {  // default options for this line
      if (auto bad = apply_options(std::string_view(w[i]).substr(1), defaults); !bad.empty())
        return fail(line.number, bad);
      ++i;
    }
    if (i == w.size()) w.push_back("*");  // no client: everyone, with the defaults
    for (; i < w.size(); ++i) {
      ExportClient c;
      c.line = line.number;
      c.options = defaults;
      const std::string& word = w[i];
      const auto open = word.find('(');
      c.spec = word.substr(0, open);
      if (open != std::string::npos) {
        if (word.back() != ')') return fail(line.number, "missing ')' in \"" + word + "\"");
        const std::string list = word.substr(open + 1, word.size() - open - 2);
        if (auto bad = apply_options(list, c.options); !bad.empty()) return fail(line.number, bad);
      }
      if (auto bad = classify_client(c); !bad.empty()) return fail(line.number, bad);
      if (c.spec.empty()) c.spec = "*";
      e.clients.push_back(std::move(c));
    }
    out.entries.push_back(std::move(e));
  }
  return out;
}

ExportfsOutput exportfs_rv(const ExportsParse& exports, std::string_view file) {
  ExportfsOutput o;
  // support/nfs/exports.c warns, while reading, for each client without a subtree option.
  for (const auto& e : exports.entries)
    for (const auto& c : e.clients)
      if (!c.options.subtree_check_given)
        o.err += "exportfs: " + std::string(file) + " [" + std::to_string(c.line) +
                 "]: Neither 'subtree_check' or 'no_subtree_check' specified for export \"" + c.spec + ":" + e.path +
                 "\".\n  Assuming default behaviour ('no_subtree_check').\n"
                 "  NOTE: this default has changed since nfs-utils version 1.0.x\n\n";
  // export_all(): one list per client type, in type order.
  for (auto type :
       {ExportClientType::kHost, ExportClientType::kSubnet, ExportClientType::kWildcard, ExportClientType::kAnyone})
    for (const auto& e : exports.entries)
      for (const auto& c : e.clients)
        if (c.type == type) o.out += "exporting " + c.spec + ":" + e.path + "\n";
  return o;
}

void export_all(ExportTable& table, const ExportsParse& exports, bool replace) {
  if (replace) table.clear();
  for (auto type :
       {ExportClientType::kHost, ExportClientType::kSubnet, ExportClientType::kWildcard, ExportClientType::kAnyone})
    for (const auto& e : exports.entries)
      for (const auto& c : e.clients) {
        if (c.type != type) continue;
        ExportEntry one{e.path, {c}, e.line};
        // export_lookup(): the same client and path is one entry, updated in place.
        bool updated = false;
        for (auto& t : table)
          if (t.path == e.path && t.clients[0].spec == c.spec) {
            t = one;
            updated = true;
          }
        if (updated) continue;
        // Each client type is its own list (exportlist[htype]): a new entry goes last of its type.
        auto at = table.end();
        for (auto it = table.begin(); it != table.end(); ++it)
          if (it->clients[0].type > type) {
            at = it;
            break;
          }
        table.insert(at, std::move(one));
      }
}

bool unexport(ExportTable& table, std::string_view client, std::string_view path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);  // unexportfs_parsed()
  const auto before = table.size();
  std::erase_if(table, [&](const ExportEntry& e) { return e.path == path && e.clients[0].spec == client; });
  return table.size() != before;
}

std::string exportfs_dump(const ExportTable& table, bool verbose) {
  std::string out;
  for (const ExportEntry& e : table) {
    const ExportClient& c = e.clients[0];
    const std::string host = c.type == ExportClientType::kAnyone ? "<world>" : c.spec;
    std::string path = e.path;
    if (path.size() > 14) {
      out += path + "\n\t\t" + host;
    } else {
      path.resize(14, ' ');
      out += path + "\t" + host;
    }
    if (!verbose) {
      out += "\n";
      continue;
    }
    const ExportOptions& o = c.options;
    std::string opts = o.sync ? "sync" : "async";
    opts += o.wdelay ? ",wdelay" : ",no_wdelay";
    opts += o.hide ? ",hide" : ",nohide";
    if (!o.subtree_check) opts += ",no_subtree_check";
    if (o.anonuid != 65534) opts += ",anonuid=" + std::to_string(o.anonuid);
    if (o.anongid != 65534) opts += ",anongid=" + std::to_string(o.anongid);
    // secinfo_show(): the flags the kernel keeps per security flavour.
    opts += ",sec=sys";
    opts += o.read_only ? ",ro" : ",rw";
    opts += o.secure ? ",secure" : ",insecure";
    opts += o.root_squash ? ",root_squash" : ",no_root_squash";
    opts += o.all_squash ? ",all_squash" : ",no_all_squash";
    out += "(" + opts + ")\n";
  }
  return out;
}

namespace {

// One pattern element that is not '*' (a literal, '?', or a [...] class) against one
// character: whether it matches and how many pattern characters it spans. A '[' with no
// closing ']' is a literal '['.
std::pair<bool, std::size_t> match_element(std::string_view p, std::size_t at, char c) {
  if (p[at] == '?') return {true, 1};
  if (p[at] == '[') {
    const auto close = p.find(']', at + 1);
    if (close != std::string_view::npos) {
      const std::string_view set = p.substr(at + 1, close - at - 1);
      const bool negate = !set.empty() && (set[0] == '!' || set[0] == '^');
      bool hit = false;
      for (std::size_t k = negate ? 1 : 0; k < set.size(); ++k) {
        if (k + 2 < set.size() && set[k + 1] == '-') {
          hit = hit || (c >= set[k] && c <= set[k + 2]);
          k += 2;
        } else {
          hit = hit || c == set[k];
        }
      }
      return {hit != negate, close - at + 1};
    }
  }
  return {p[at] == c, 1};
}

}  // namespace

// Glob matching without recursion: on a mismatch, go back to the last '*' and let it
// take one more character. Only the last '*' matters (what precedes it has matched
// already, and a '*' matches any run), so the work is at most (|p|+1) x (|t|+1) steps,
// not the exponential number of ways to split the text among the stars.
bool export_wildcard_match(std::string_view p, std::string_view t, std::uint64_t* steps) {
  std::size_t pi = 0, ti = 0;
  std::size_t star_p = std::string_view::npos, star_t = 0;
  while (ti < t.size()) {
    if (steps) ++*steps;
    if (pi < p.size() && p[pi] == '*') {
      star_p = pi++;
      star_t = ti;
      continue;
    }
    if (pi < p.size()) {
      const auto [ok, len] = match_element(p, pi, t[ti]);
      if (ok) {
        pi += len;
        ++ti;
        continue;
      }
    }
    if (star_p == std::string_view::npos) return false;
    pi = star_p + 1;
    ti = ++star_t;
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

const ExportClient* match_export(const std::vector<ExportEntry>& entries, std::string_view path, Ipv4Addr client,
                                 std::string_view client_name, const ExportEntry** entry) {
  const std::string dotted = client.str();
  for (auto type :
       {ExportClientType::kHost, ExportClientType::kSubnet, ExportClientType::kWildcard, ExportClientType::kAnyone})
    for (const auto& e : entries) {
      if (e.path != path) continue;
      for (const auto& c : e.clients) {
        if (c.type != type) continue;
        bool hit = false;
        switch (type) {
          case ExportClientType::kHost: hit = c.by_address ? c.subnet.addr == client : c.spec == client_name; break;
          case ExportClientType::kSubnet: hit = c.subnet.contains(client); break;
          case ExportClientType::kWildcard:
            hit = export_wildcard_match(c.spec, dotted) ||
                  (!client_name.empty() && export_wildcard_match(c.spec, client_name));
            break;
          case ExportClientType::kAnyone: hit = true; break;
        }
        if (hit) {
          if (entry) *entry = &e;
          return &c;
        }
      }
    }
  return nullptr;
}

}  // namespace lvs
