#include "sim/ipvs/ipvsadm/rules_file.hpp"

namespace lvs::ipvs::ipvsadm {

namespace {

// config_stream_read(): blank-separated words, "ipvsadm" dropped; '#' comments (ours).
std::vector<std::string> line_words(std::string_view line) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    if (i == line.size()) break;
    std::size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '\r') ++j;
    std::string w(line.substr(i, j - i));
    i = j;
    if (w[0] == '#') break;
    if (w != "ipvsadm") words.push_back(std::move(w));
  }
  return words;
}

}  // namespace

RulesParse parse_rules(std::string_view text, std::string_view file_name) {
  RulesParse r;
  int line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t nl = text.find('\n', pos);
    const std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    const std::vector<std::string> words = line_words(line);
    if (words.empty()) continue;
    IpvsadmParse p = parse_ipvsadm(words);
    if (p.ok() && p.command->command == Command::kRestore)  // "avoid infinite loop"
      p = IpvsadmParse{std::nullopt, "Try `ipvsadm -h' or 'ipvsadm --help' for more information.", 255};
    if (!p.ok()) {
      r.error = std::string(file_name) + ":" + std::to_string(line_no) + ": " + p.error;
      r.error_line = line_no;
      return r;
    }
    r.commands.push_back(RulesLine{line_no, std::move(*p.command)});
  }
  return r;
}

}  // namespace lvs::ipvs::ipvsadm
