// `lvslab view SCENARIO`: runs the scenario once and opens the viewer on its trace.
// The command line is read here, as for every command; the window is viz/app's
// (viz::App, viz::run_window). Compiled into the lvslab program only when the viewer is
// built (viz/CMakeLists.txt adds this file).
#include <algorithm>
#include <boost/program_options.hpp>
#include <charconv>
#include <iostream>
#include <memory>
#include <optional>
#include <string_view>

#include "sim/cli/commands.hpp"
#include "sim/cli/options.hpp"
#include "sim/report/report.hpp"
#include "sim/trace/output_file.hpp"
#include "viz/app/app.hpp"
#include "viz/app/window.hpp"
#include "viz/model/dump.hpp"
#include "viz/model/find_event.hpp"
#include "viz/model/session.hpp"

namespace po = boost::program_options;

namespace lvs::cli {
namespace {

po::options_description view_options() {
  po::options_description opts("options");
  opts.add_options()("help,h", "show this help")("seed", po::value<std::string>(),
                                                 "random seed (default: the scenario's \"seed\")")(
      "until", po::value<std::string>(),
      "stop the run at this simulated time, e.g. 5s (default: the scenario's \"duration\")")(
      "at-event", po::value<std::string>(),
      "open at this event: a number, first-forwarded-syn, vip-flip, last, or cause:N (the record that shows why "
      "request N failed or bypassed the director, as `lvslab run` names it; selects request N)")(
      "select", po::value<std::uint32_t>(), "select this request (flow number, as in the event list)")(
      "screenshot", po::value<std::string>(), "render one frame in a hidden window, write it to FILE (PNG) and exit")(
      "dump-state", po::value<std::string>(),
      "write the host-state panel's content at that event to FILE as JSON ('-' = stdout)")(
      "size", po::value<std::string>()->default_value("1280x800"), "window size WIDTHxHEIGHT");
  return opts;
}

int view_help(const po::options_description& opts) {
  std::cout << "usage: lvslab view SCENARIO [options]\n\n"
               "Runs SCENARIO once and opens a window to step through what happened, event by event and\n"
               "back: the topology with the current frame on its link, the event list, the frame decoded\n"
               "layer by layer with its bytes, and each host's neighbour cache, sysctls and (on the\n"
               "director) ipvsadm -Ln / -Lnc as they were at that instant.\n"
               "Keys: space play/pause, left/right one event, shift+left/right previous/next frame of the\n"
               "selected request, Home/End.\n\n"
            << opts;
  return kExitOk;
}

// "1280x800": two decimal numbers and nothing else (sscanf's %d overflowed on
// "99999999999x800" and accepted trailing text).
bool parse_window_size(std::string_view text, int* width, int* height) {
  const auto x = text.find('x');
  if (x == std::string_view::npos) return false;
  auto number = [](std::string_view t, int* out) {
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), *out);
    return ec == std::errc() && end == t.data() + t.size() && !t.empty();
  };
  return number(text.substr(0, x), width) && number(text.substr(x + 1), height);
}

// --size, from 320x240 to 8192x8192.
int read_window_size(const po::variables_map& vm, viz::WindowOptions* wopt) {
  const std::string size = vm["size"].as<std::string>();
  if (!parse_window_size(size, &wopt->width, &wopt->height) || wopt->width < 320 || wopt->height < 240 ||
      wopt->width > 8192 || wopt->height > 8192)
    return usage_error("view", "--size: expected WIDTHxHEIGHT like 1280x800, got '" + size + "'");
  return kExitOk;
}

// The files --dump-state (unless '-': standard output) and --screenshot write.
struct ViewOutputs {
  std::unique_ptr<OutputFile> dump_state, screenshot;
};

// Outputs are opened before the run: a bad path fails now, with its reason.
int open_view_outputs(const po::variables_map& vm, const std::string& scenario, ViewOutputs* out) {
  if (vm.count("dump-state") && vm["dump-state"].as<std::string>() != "-")
    if (const int status =
            open_output("view", "dump-state", vm["dump-state"].as<std::string>(), scenario, &out->dump_state);
        status != kExitOk)
      return status;
  if (vm.count("screenshot"))
    return open_output("view", "screenshot", vm["screenshot"].as<std::string>(), scenario, &out->screenshot);
  return kExitOk;
}

// Every unhealthy request's cause (the run report's diagnosis), for the viewer's "cause"
// button and --at-event cause:N.
void fill_causes(const viz::Session& session, viz::App& app) {
  const RunReport report = make_report(*session.run, SIZE_MAX);
  for (const RequestReport& q : report.requests)
    if (q.cause) app.causes.emplace(q.id, *q.cause);
}

// --at-event cause:N: request N selected, and the viewer at the record the diagnosis names
// for it (the run report's "cause: ... [kind, event E]"), as its "cause" button does.
int seek_cause(const std::string& spec, const viz::Session& session, viz::App& app) {
  std::uint32_t flow = 0;
  const std::string_view n = std::string_view(spec).substr(6);
  const auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), flow);
  if (ec != std::errc() || end != n.data() + n.size() || n.empty())
    return usage_error("view", "--at-event: expected cause:N with N a request number, got '" + spec + "'");
  const auto& flows = app.events.flows();
  if (std::find(flows.begin(), flows.end(), flow) == flows.end())
    return usage_error("view", "--at-event: no request " + std::to_string(flow) + " in this run (there are " +
                                   std::to_string(session.run->results.size()) + ")");
  app.selection.flow = flow;
  if (!app.jump_to_cause())
    return usage_error("view", "--at-event: request " + std::to_string(flow) +
                                   " is healthy (answered, through the director): it has no cause");
  return kExitOk;
}

// --at-event and --select: where the viewer opens, and the request it follows.
int place_cursor(const po::variables_map& vm, const viz::Session& session, viz::App& app) {
  const Trace& trace = session.trace();
  if (vm.count("at-event") && vm["at-event"].as<std::string>().starts_with("cause:")) {
    if (const int status = seek_cause(vm["at-event"].as<std::string>(), session, app); status != kExitOk) return status;
  } else if (vm.count("at-event")) {
    std::string error;
    const auto at = viz::find_event(trace, app.events, vm["at-event"].as<std::string>(), &error);
    if (!at) return usage_error("view", "--at-event: " + error);
    app.seek(*at);
  }
  if (vm.count("select")) {
    const std::uint32_t flow = vm["select"].as<std::uint32_t>();
    const auto& flows = app.events.flows();
    if (!std::binary_search(flows.begin(), flows.end(), flow))
      return usage_error("view", "--select: no request " + std::to_string(flow) + " in this run (there are " +
                                     std::to_string(flows.size()) + ")");
    app.selection.flow = flow;
  }
  return kExitOk;
}

// --dump-state: the host-state panel's content at the cursor, as JSON, to `file` (null:
// standard output).
int dump_state(const Trace& trace, viz::App& app, OutputFile* file) {
  const auto j = viz::state_json(trace, app.events, app.cursor.step(), app.cursor.state());
  const std::string text = j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  if (!file) {
    std::cout << text;
    return kExitOk;
  }
  try {
    file->write(text);
    file->commit();
  } catch (const OutputError& e) {
    return output_error("--dump-state: " + std::string(e.what()));
  }
  return kExitOk;
}

}  // namespace

int cmd_view(const std::vector<std::string>& args) {
  const po::options_description opts = view_options();
  po::options_description hidden;
  hidden.add_options()("scenario", po::value<std::string>())("bench-frames", po::value<int>());
  po::positional_options_description pos;
  pos.add("scenario", 1);

  po::variables_map vm;
  if (!parse_args(args, opts, hidden, pos, vm, "view")) return kExitBadInput;
  if (vm.count("help")) return view_help(opts);
  if (!vm.count("scenario")) return usage_error("view", "missing SCENARIO");

  std::optional<SimTime> until;
  if (!time_option(vm, "until", "view", "5s or 250ms", &until)) return kExitBadInput;
  viz::WindowOptions wopt;
  if (const int status = read_window_size(vm, &wopt); status != kExitOk) return status;
  std::optional<std::uint64_t> seed;
  if (!read_seed(vm, "view", seed)) return kExitBadInput;
  const std::string scenario = vm["scenario"].as<std::string>();
  ViewOutputs outputs;
  if (const int status = open_view_outputs(vm, scenario, &outputs); status != kExitOk) return status;

  viz::Session session;
  try {
    session = viz::run_session(scenario, seed, until);
  } catch (const ScenarioError& e) {
    std::cerr << "lvslab: " << e.what() << "\n";
    return kExitBadInput;
  }
  const Trace& trace = session.trace();
  viz::App app(trace, "lvslab view - " + trace.meta().scenario + " (" + session.file + ")");
  fill_causes(session, app);
  if (const int status = place_cursor(vm, session, app); status != kExitOk) return status;
  if (vm.count("dump-state"))
    if (const int status = dump_state(trace, app, outputs.dump_state.get()); status != kExitOk) return status;

  wopt.screenshot = outputs.screenshot.get();
  if (vm.count("bench-frames")) wopt.bench_frames = vm["bench-frames"].as<int>();
  if (vm.count("dump-state") && !wopt.screenshot && wopt.bench_frames == 0) return kExitOk;
  switch (viz::run_window(app, wopt)) {
    case viz::WindowResult::kOk: return kExitOk;
    case viz::WindowResult::kNoWindow: return kExitBadInput;  // unavailable here, as hw mode says it
    case viz::WindowResult::kScreenshotNotWritten: return kExitOutputError;
  }
  return kExitInternalError;
}

}  // namespace lvs::cli
