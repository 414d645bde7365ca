// Writing a class output folder: the class files and every student's reports.
#include <filesystem>
#include <system_error>

#include "sim/grade/class_grade.hpp"
#include "sim/trace/output_file.hpp"

namespace lvs::grade {
namespace {

namespace fs = std::filesystem;

void write_file(const std::string& path, const std::string& bytes) {
  OutputFile f(path);
  f.write(bytes);
  f.commit();
}

// An existing folder is written into only when it is empty or an earlier class output:
// a typo in --out must not scatter files through (or delete from) someone's home folder.
void prepare(const std::string& out_dir) {
  std::error_code ec;
  if (!fs::exists(out_dir, ec)) {
    if (!fs::create_directories(out_dir, ec))
      throw OutputError(out_dir + ": cannot create the folder: " + ec.message());
    return;
  }
  if (!fs::is_directory(out_dir, ec)) throw ClassError("--out " + out_dir + ": exists and is not a folder");
  const bool empty = fs::is_empty(out_dir, ec);
  if (ec) throw OutputError(out_dir + ": " + ec.message());
  if (!empty && !fs::exists(fs::path(out_dir) / "class.json", ec))
    throw ClassError("--out " + out_dir +
                     ": the folder is not empty and holds no class.json (not an earlier class output); "
                     "not writing into it");
  fs::remove_all(fs::path(out_dir) / "students", ec);
  if (ec) throw OutputError(out_dir + "/students: cannot remove the earlier reports: " + ec.message());
}

// As `lvslab grade --format json` prints a report (bytes that are not UTF-8 become U+FFFD).
std::string json_text(const nlohmann::ordered_json& j) {
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace

void write_class_outputs(const ClassResult& r, const std::string& out_dir, const std::string& lang) {
  prepare(out_dir);
  std::error_code ec;
  const fs::path dir(out_dir);
  fs::create_directories(dir / "students", ec);
  if (ec) throw OutputError(out_dir + "/students: cannot create the folder: " + ec.message());
  for (const GradeReport& g : r.reports) {
    write_file((dir / student_report_path(g.student, "json")).string(), json_text(grade_json(g)));
    write_file((dir / student_report_path(g.student, "txt")).string(), grade_text(g, lang));
    write_file((dir / student_report_path(g.student, "md")).string(), grade_markdown(g, lang));
    write_file((dir / student_report_path(g.student, "html")).string(), grade_html(g, lang));
  }
  write_file((dir / "class.json").string(), json_text(class_json(r)));
  write_file((dir / "class.csv").string(), class_csv(r));
  write_file((dir / "junit.xml").string(), grade_junit(r.reports));
  write_file((dir / "index.html").string(), class_index_html(r, lang));
}

}  // namespace lvs::grade
