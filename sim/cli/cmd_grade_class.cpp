// `lvslab grade LAB CLASS_DIR --out DIR` and `lvslab grade merge DIR... --out DIR`: a whole
// class graded on every core, in shards, and shard outputs joined (docs/grading-class.md).
#include "sim/cli/cmd_grade_class.hpp"

#include <unistd.h>

#include <boost/program_options.hpp>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "sim/cli/commands.hpp"
#include "sim/cli/options.hpp"
#include "sim/core/printable.hpp"
#include "sim/grade/class_grade.hpp"
#include "sim/grade/class_stats.hpp"
#include "sim/grade/lab_pack.hpp"
#include "sim/trace/output_file.hpp"

namespace po = boost::program_options;

namespace lvs::cli {

namespace {

using grade::ClassError;

bool is_tty() { return ::isatty(STDERR_FILENO) == 1; }

// A whole number from lo to hi, digits only.
bool whole_number(const std::string& text, std::uint64_t lo, std::uint64_t hi, std::uint64_t& out) {
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return !text.empty() && ec == std::errc() && ptr == end && out >= lo && out <= hi;
}

bool seconds_value(const std::string& text, double& out) {
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return !text.empty() && ec == std::errc() && ptr == end && out > 0 && out <= 86400;
}

// The progress line on a terminal: "grading lvs-dr: 37/200 · 2 running · last alice 80/100".
class ProgressLine {
 public:
  explicit ProgressLine(std::string lab) : lab_(std::move(lab)), start_(Clock::now()) {}
  void operator()(const grade::Progress& p) {
    const auto now = Clock::now();
    if (p.done != p.total && now - shown_ < std::chrono::milliseconds(100)) return;
    shown_ = now;
    std::string line = "\rgrading " + lab_ + ": " + std::to_string(p.done) + "/" + std::to_string(p.total) + ", " +
                       std::to_string(p.running) + " running";
    if (p.unfinished) line += ", " + std::to_string(p.unfinished) + " not graded to the end";
    if (p.last)
      line += " · last " + printable(p.last->student) + " " + std::to_string(p.last->score) + "/" +
              std::to_string(p.last->max_score);
    std::cerr << line << "\x1b[K" << std::flush;
  }
  void end(std::size_t students) {
    const double s = std::chrono::duration<double>(Clock::now() - start_).count();
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.1f", s);
    std::cerr << "\rgraded " << students << " students in " << buf << " s\x1b[K\n";
  }

 private:
  using Clock = std::chrono::steady_clock;
  std::string lab_;
  Clock::time_point start_, shown_{};
};

// What both forms print on standard output once the files are written.
void summary(const grade::ClassResult& r, const std::string& out_dir) {
  const auto j = grade::class_json(r);
  const auto& s = j["summary"];
  std::cout << "graded " << r.reports.size() << " student" << (r.reports.size() == 1 ? "" : "s") << " of lab "
            << printable(r.lab);
  if (r.shard_n > 1) {
    std::cout << " (shard";
    for (std::size_t i = 0; i < r.shard_ks.size(); ++i)
      std::cout << (i ? ", " : " ") << r.shard_ks[i] << "/" << r.shard_n;
    std::cout << ")";
  }
  std::cout << ": mean " << grade::score_text(s["mean"].get<double>()) << "/" << r.max_score << ", median "
            << grade::score_text(s["median"].get<double>()) << ", " << s["full_marks"].get<std::size_t>()
            << " with full marks\n";
  for (const auto& g : r.reports)
    if (!g.aborted.empty())
      std::cout << "not graded to the end: " << printable(g.student) << ": " << printable(g.aborted) << "\n";
  std::cout << "wrote " << printable(out_dir) << "/index.html, class.csv, class.json, junit.xml and students/ ("
            << r.reports.size() << " × txt, md, html, json)\n";
}

int write_outputs(const grade::ClassResult& r, const std::string& out_dir, const std::string& lang,
                  const std::string& command) {
  try {
    grade::write_class_outputs(r, out_dir, lang);
  } catch (const ClassError& e) {
    return usage_error(command, e.what());
  } catch (const OutputError& e) {
    return output_error(e.what());
  }
  summary(r, out_dir);
  return kExitOk;
}

// True when `dir` is, or would be, a sub-folder of `parent` (spelling and links do not matter).
bool inside(const std::string& dir, const std::string& parent) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path p = fs::weakly_canonical(parent, ec);
  if (ec) return false;
  for (fs::path d = fs::weakly_canonical(dir, ec); !ec && d.has_relative_path(); d = d.parent_path())
    if (d == p) return true;
  return false;
}

bool read_lang(const po::variables_map& vm, const std::string& command, std::string& lang) {
  lang = vm["lang"].as<std::string>();
  if (lang == "en" || lang == "zh") return true;
  usage_error(command, "--lang: expected en or zh, got '" + lang + "'");
  return false;
}

po::options_description class_options() {
  po::options_description opts("class options");
  opts.add_options()("help,h", "show this help")("out", po::value<std::string>(),
                                                 "write the class outputs into this folder (required)")(
      "shard", po::value<std::string>(), "grade only shard K of N: every N-th student, from the K-th")(
      "jobs,j", po::value<std::string>(), "workers at once (default: every CPU this process may use)")(
      "timeout", po::value<std::string>()->default_value("60"),
      "wall-time bound per submission, in seconds (then it is stopped and graded as it stands)")(
      "max-events", po::value<std::string>(), "event bound per run (default: the lab's own)")(
      "max-memory", po::value<std::string>()->default_value("2048"),
      "address-space bound per worker, in MiB (0: none)")("lang", po::value<std::string>()->default_value("en"),
                                                          "language of the reports: en or zh");
  return opts;
}

po::options_description merge_options() {
  po::options_description opts("merge options");
  opts.add_options()("help,h", "show this help")("out", po::value<std::string>(),
                                                 "the merged output folder (required)")(
      "partial", "merge even when shards are missing (the summary says which are there)")(
      "lang", po::value<std::string>()->default_value("en"), "language of the reports: en or zh");
  return opts;
}

}  // namespace

void print_grade_class_help(std::ostream& out) {
  out << "\nA whole class (docs/grading-class.md):\n"
         "  lvslab grade LAB CLASS_DIR --out DIR [--shard K/N] [--jobs N] [--timeout S] [--max-events N]\n"
         "  lvslab grade merge DIR... --out DIR [--partial]\n\n"
         "Grades every sub-folder of CLASS_DIR as one student's submission (names starting with '.' are\n"
         "skipped), each in its own worker process, on every CPU; a submission that crashes, runs away or\n"
         "hangs is stopped at its bound and graded as not finished, with the reason. Writes DIR/index.html\n"
         "(the class summary), class.csv, class.json, junit.xml and students/NAME.{txt,md,html,json}: the\n"
         "same bytes for the same class, whatever --jobs. Progress goes to standard error when it is a\n"
         "terminal. Exit 0 once the outputs are written, whatever the scores.\n"
         "merge joins the output folders of --shard runs into the output one run would write; it refuses\n"
         "outputs of different labs or lab.json versions, a shard or a student given twice, and missing\n"
         "shards (unless --partial).\n\n"
      << class_options() << "\n"
      << merge_options();
}

bool is_grade_class_form(const std::vector<std::string>& args) {
  if (!args.empty() && args.front() == "merge") return true;
  for (const std::string& a : args)
    if (a == "--out" || a.rfind("--out=", 0) == 0) return true;
  return false;
}

int cmd_grade_class(const std::vector<std::string>& args) {
  const std::string command = "grade";
  const po::options_description opts = class_options();
  po::options_description hidden;
  hidden.add_options()("lab", po::value<std::string>())("class", po::value<std::string>())(
      "extra", po::value<std::vector<std::string>>());
  po::positional_options_description pos;
  pos.add("lab", 1).add("class", 1).add("extra", -1);
  po::variables_map vm;
  if (!parse_args(args, opts, hidden, pos, vm, command)) return kExitBadInput;
  if (vm.count("help")) {
    print_grade_class_help(std::cout);
    return kExitOk;
  }
  if (!vm.count("lab") || !vm.count("class")) return usage_error(command, "expected LAB CLASS_DIR --out DIR");
  if (vm.count("extra"))
    return usage_error(command, "unexpected argument '" + vm["extra"].as<std::vector<std::string>>()[0] + "'");
  if (!vm.count("out")) return usage_error(command, "--out DIR is required to grade a class");
  std::string lang;
  if (!read_lang(vm, command, lang)) return kExitBadInput;
  grade::WorkerOptions wo;
  grade::Shard shard;
  std::uint64_t n = 0;
  try {
    if (vm.count("shard")) shard = grade::parse_shard(vm["shard"].as<std::string>());
  } catch (const ClassError& e) {
    return usage_error(command, e.what());
  }
  if (vm.count("jobs")) {
    if (!whole_number(vm["jobs"].as<std::string>(), 1, 1024, n))
      return usage_error(command, "--jobs: expected a whole number from 1 to 1024");
    wo.jobs = static_cast<int>(n);
  }
  if (!seconds_value(vm["timeout"].as<std::string>(), wo.timeout_seconds))
    return usage_error(command, "--timeout: expected seconds, more than 0 and at most 86400");
  if (vm.count("max-events") && !whole_number(vm["max-events"].as<std::string>(), 1, UINT64_MAX, wo.max_events))
    return usage_error(command, "--max-events: expected a whole number of at least 1");
  if (!whole_number(vm["max-memory"].as<std::string>(), 0, 1u << 20, wo.max_memory_mb))
    return usage_error(command, "--max-memory: expected MiB, a whole number from 0 (no bound) to 1048576");
  const std::string lab_path = vm["lab"].as<std::string>();
  const std::string class_dir = vm["class"].as<std::string>();
  const std::string out_dir = vm["out"].as<std::string>();
  wo.lab_arg = lab_path;
  if (inside(out_dir, class_dir))
    return usage_error(command, "--out " + out_dir + " is inside the class folder " + class_dir +
                                    ": the next run would grade it as a student; write the results elsewhere");
  std::shared_ptr<const grade::LabPack> lab;
  try {
    lab = grade::load_lab_pack(lab_path);
  } catch (const grade::LabError& e) {
    return io_error(e.what());
  }
  grade::ClassResult result;
  try {
    if (is_tty()) {
      ProgressLine line(lab->name);
      result = grade::grade_class(*lab, lab_path, class_dir, shard, wo, [&](const grade::Progress& p) { line(p); });
      line.end(result.reports.size());
    } else {
      result = grade::grade_class(*lab, lab_path, class_dir, shard, wo, nullptr);
    }
  } catch (const ClassError& e) {
    return io_error(e.what());
  }
  return write_outputs(result, out_dir, lang, command);
}

int cmd_grade_merge(const std::vector<std::string>& args) {
  const std::string command = "grade merge";
  const po::options_description opts = merge_options();
  po::options_description hidden;
  hidden.add_options()("dirs", po::value<std::vector<std::string>>());
  po::positional_options_description pos;
  pos.add("dirs", -1);
  po::variables_map vm;
  if (!parse_args(args, opts, hidden, pos, vm, command)) return kExitBadInput;
  if (vm.count("help")) {
    print_grade_class_help(std::cout);
    return kExitOk;
  }
  if (!vm.count("dirs")) return usage_error(command, "expected the output folders of the shard runs");
  if (!vm.count("out")) return usage_error(command, "--out DIR is required");
  std::string lang;
  if (!read_lang(vm, command, lang)) return kExitBadInput;
  const auto dirs = vm["dirs"].as<std::vector<std::string>>();
  const std::string out_dir = vm["out"].as<std::string>();
  for (const std::string& d : dirs)
    if (same_file(d, out_dir))
      return usage_error(command, "--out " + out_dir + " is one of the folders being merged; choose a new folder");
  grade::ClassResult merged;
  try {
    merged = grade::merge_class_outputs(dirs, vm.count("partial") > 0);
  } catch (const ClassError& e) {
    return io_error(e.what());
  }
  return write_outputs(merged, out_dir, lang, command);
}

}  // namespace lvs::cli
