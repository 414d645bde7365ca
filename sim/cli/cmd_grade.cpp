// `lvslab grade LAB SUBMISSION`: grade one student's submission against a lab pack and
// print the report (text, json, md, html or junit). docs/grading.md.
#include <boost/program_options.hpp>
#include <filesystem>
#include <iostream>
#include <optional>

#include "sim/cli/commands.hpp"
#include "sim/cli/options.hpp"
#include "sim/grade/grade.hpp"
#include "sim/grade/lab_pack.hpp"
#include "sim/trace/output_file.hpp"

namespace po = boost::program_options;

namespace lvs::cli {
namespace {

po::options_description grade_options() {
  po::options_description opts("options");
  opts.add_options()("help,h", "show this help")("format", po::value<std::string>()->default_value("text"),
                                                 "report format: text, json, md, html or junit")(
      "lang", po::value<std::string>()->default_value("en"), "language of the pack's texts and the report: en or zh")(
      "output,o", po::value<std::string>(), "write the report to FILE instead of standard output")(
      "keep-scenario", po::value<std::string>(),
      "write the scenario the submission was graded in to DIR/scenario.json (the replay commands use it)")(
      "max-events", po::value<std::uint64_t>(), "stop each run after this many events (a runaway is a graded failure)")(
      "seed", po::value<std::string>(), "run only this seed instead of the pack's seeds");
  return opts;
}

int grade_help(const po::options_description& opts) {
  std::cout << "usage: lvslab grade LAB SUBMISSION [options]\n\n"
               "Grades SUBMISSION (a folder with one sub-folder per host the student configures: HOST/root/\n"
               "holds the host's files under /, HOST/setup.sh what was typed) against the lab pack LAB (a\n"
               "lab.json, see docs/grading.md): every check with its points, and for each failed one the\n"
               "cause, the evidence and, for behaviour checks, a command that replays the run in the viewer\n"
               "at the event that shows it. The same submission always gives the same report, byte for byte.\n\n"
               "Exit code 0 when the submission has full marks, 1 when it was graded and lost points, 2 on\n"
               "bad input (a lab pack that does not load, no such submission folder, a bad option), 3 when\n"
               "the report or the kept scenario could not be written.\n\n"
            << opts;
  return kExitOk;
}

std::string render(const grade::GradeReport& r, const std::string& format, const std::string& lang) {
  if (format == "json")
    return grade::grade_json(r).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
  if (format == "md") return grade::grade_markdown(r, lang);
  if (format == "html") return grade::grade_html(r, lang);
  if (format == "junit") return grade::grade_junit({r});
  return grade::grade_text(r, lang);
}

int check_choice(const std::string& option, const std::string& value, std::initializer_list<const char*> allowed) {
  for (const char* a : allowed)
    if (value == a) return kExitOk;
  std::string list;
  for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  return usage_error("grade", "--" + option + ": expected one of " + list + ", got '" + value + "'");
}

}  // namespace

int cmd_grade(const std::vector<std::string>& args) {
  const po::options_description opts = grade_options();
  po::options_description hidden;
  hidden.add_options()("lab", po::value<std::string>())("submission", po::value<std::string>());
  po::positional_options_description pos;
  pos.add("lab", 1).add("submission", 1);
  po::variables_map vm;
  if (!parse_args(args, opts, hidden, pos, vm, "grade")) return kExitBadInput;
  if (vm.count("help")) return grade_help(opts);
  if (!vm.count("lab")) return usage_error("grade", "missing LAB (a lab pack's lab.json)");
  if (!vm.count("submission")) return usage_error("grade", "missing SUBMISSION (a folder)");
  const std::string format = vm["format"].as<std::string>();
  const std::string lang = vm["lang"].as<std::string>();
  if (const int s = check_choice("format", format, {"text", "json", "md", "html", "junit"}); s != kExitOk) return s;
  if (const int s = check_choice("lang", lang, {"en", "zh"}); s != kExitOk) return s;

  const std::string lab_path = vm["lab"].as<std::string>();
  const std::string submission = vm["submission"].as<std::string>();
  std::shared_ptr<const grade::LabPack> lab;
  try {
    lab = grade::load_lab_pack(lab_path);
  } catch (const grade::LabError& e) {
    return io_error(e.what());
  }
  std::error_code ec;
  if (!std::filesystem::is_directory(submission, ec))
    return io_error(submission + ": " + (std::filesystem::exists(submission, ec) ? "not a folder" : "no such folder") +
                    " (a submission is a folder with one sub-folder per host you configure)");

  grade::GradeOptions options;
  options.lab_arg = lab_path;
  options.submission_arg = submission;
  if (vm.count("max-events")) options.max_events = vm["max-events"].as<std::uint64_t>();
  std::optional<std::uint64_t> seed;
  if (!read_seed(vm, "grade", seed)) return kExitBadInput;
  if (seed) options.seeds = {*seed};
  std::unique_ptr<OutputFile> out;
  if (vm.count("output"))
    if (const int s = open_output("grade", "output", vm["output"].as<std::string>(), lab_path, &out); s != kExitOk)
      return s;
  if (vm.count("keep-scenario")) {
    options.keep_scenario_dir = vm["keep-scenario"].as<std::string>();
    std::filesystem::create_directories(options.keep_scenario_dir, ec);
    if (ec) return output_error("--keep-scenario: " + options.keep_scenario_dir + ": " + ec.message());
  }

  grade::GradeReport report;
  try {
    report = grade::grade_submission(*lab, submission, options);
  } catch (const OutputError& e) {
    return output_error("--keep-scenario: " + std::string(e.what()));
  }
  const std::string text = render(report, format, lang);
  if (!out) std::cout << text;
  else {
    try {
      out->write(text);
      out->commit();
    } catch (const OutputError& e) {
      return output_error("--output: " + std::string(e.what()));
    }
  }
  return report.score == report.max_score ? kExitOk : kExitFailedRequests;
}

}  // namespace lvs::cli
