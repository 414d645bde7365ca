// bash's builtin `echo` [-n] [-e] [-E] ARGS: the words joined with blanks and a newline.
// With -e, the escapes \n \t \\ \a \b \r \v and \c (stop) are interpreted.
#include "sim/config/shell/commands.hpp"

namespace lvs::config::shell {

std::string expand_escapes(std::string_view s, bool* stop) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 >= s.size()) {
      out.push_back(s[i]);
      continue;
    }
    const char c = s[++i];
    switch (c) {
      case 'n': out.push_back('\n'); break;
      case 't': out.push_back('\t'); break;
      case 'r': out.push_back('\r'); break;
      case 'a': out.push_back('\a'); break;
      case 'b': out.push_back('\b'); break;
      case 'v': out.push_back('\v'); break;
      case '\\': out.push_back('\\'); break;
      case 'c':
        if (stop) *stop = true;
        return out;
      default: out.push_back('\\'); out.push_back(c);
    }
  }
  return out;
}

CommandResult cmd_echo(CommandContext&, const std::vector<std::string>& argv) {
  bool newline = true, escapes = false;
  std::size_t i = 1;
  // Only words made of n, e, E after '-' are options.
  for (; i < argv.size() && argv[i].size() > 1 && argv[i][0] == '-' &&
         argv[i].find_first_not_of("neE", 1) == std::string::npos;
       ++i) {
    for (char c : argv[i].substr(1)) {
      if (c == 'n') newline = false;
      else if (c == 'e') escapes = true;
      else escapes = false;
    }
  }
  CommandResult r;
  bool stop = false;
  for (std::size_t j = i; j < argv.size() && !stop; ++j) {
    if (j > i) r.out += ' ';
    r.out += escapes ? expand_escapes(argv[j], &stop) : argv[j];
  }
  if (newline && !stop) r.out += '\n';
  return r;
}

}  // namespace lvs::config::shell
