// bash's builtin `printf FORMAT [ARGS]`: backslash escapes and %s / %d / %% (the format
// is reused while arguments remain, as bash does).
#include "sim/config/shell/commands.hpp"

namespace lvs::config::shell {

CommandResult cmd_printf(CommandContext& ctx, const std::vector<std::string>& argv) {
  if (argv.size() < 2) return fail("printf: usage: printf [-v var] format [arguments]", 2);
  const std::string format = expand_escapes(argv[1], nullptr);
  CommandResult r;
  std::size_t next = 2;
  do {
    for (std::size_t i = 0; i < format.size(); ++i) {
      if (format[i] != '%' || i + 1 >= format.size()) {
        r.out.push_back(format[i]);
        continue;
      }
      const char c = format[++i];
      if (c == '%') r.out.push_back('%');
      else if (c == 's' || c == 'd') r.out += next < argv.size() ? argv[next++] : (c == 'd' ? "0" : "");
      else return not_understood(ctx, "printf conversion %" + std::string(1, c));
    }
  } while (next < argv.size() && format.find('%') != std::string::npos);
  return r;
}

}  // namespace lvs::config::shell
