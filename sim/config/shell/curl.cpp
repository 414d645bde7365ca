// `curl [-s] [-o F] URL` and `wget [-q] [-O F] URL`: a request from this machine, played
// by the run and shown in its report (Machine::requests). Nothing is fetched now, so the
// line prints nothing here; the report has the answer.
#include "sim/config/shell/commands.hpp"

namespace lvs::config::shell {
namespace {

CommandResult request(CommandContext& ctx, const std::vector<std::string>& argv, std::string_view quiet_flags,
                      std::string_view value_flags) {
  std::string url;
  for (std::size_t i = 1; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (value_flags.find(a) != std::string_view::npos && a.size() == 2) {
      ++i;  // the option's value (an output file): the body is not kept by lvslab anyway
      continue;
    }
    if (a.size() >= 2 && a[0] == '-') {
      if (a.find_first_not_of(quiet_flags, 1) != std::string::npos)
        return not_understood(ctx, argv[0] + " option " + a + " in: " + join_args(argv));
      continue;
    }
    if (!url.empty()) return not_understood(ctx, argv[0] + " with several URLs: " + join_args(argv));
    url = a;
  }
  if (url.empty()) return not_understood(ctx, join_args(argv));
  if (!url.starts_with("http://")) url = "http://" + url;
  // HttpRequestPlan wants a dotted quad host; anything else is the run's to refuse.
  HttpRequestPlan plan;
  plan.url = url;
  ctx.machine.requests().push_back(plan);
  return {};
}

}  // namespace

CommandResult cmd_curl(CommandContext& ctx, const std::vector<std::string>& argv) {
  return request(ctx, argv, "sSLvi", "-o -m");
}

CommandResult cmd_wget(CommandContext& ctx, const std::vector<std::string>& argv) {
  return request(ctx, argv, "qvS", "-O -T");
}

}  // namespace lvs::config::shell
