#pragma once
// A submission folder -> the scenario it is graded in: the pack's scenario with each
// configured host given files_dir = HOST/root and shell_file = HOST/setup.sh when they
// exist. What is missing or not read is a problem in the report, never an error:
//   rs2/: missing: nothing of rs2 was handed in (expected rs2/root/ and/or rs2/setup.sh)
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/grade/lab_pack.hpp"

namespace lvs::grade {

struct AssembledScenario {
  nlohmann::json doc;  // the scenario document to run
  // Where the document is taken to be (SUBMISSION/<lab>.scenario.json, never written):
  // the configured hosts' "rs1/root" and "rs1/setup.sh" are relative to it, so that
  // transcripts and messages name them as the student's folder does.
  std::string file;
  std::vector<std::string> problems;
};

AssembledScenario assemble_submission(const LabPack& lab, const std::string& submission_dir);

// The same document with every configured host rebooted at `at` (a duration string):
// what survives_reboot runs.
nlohmann::json with_reboots(const nlohmann::json& doc, const LabPack& lab, const std::string& at);

// The document with every relative files_dir / shell_file made absolute (from the
// folder of `file`): a scenario file that runs from anywhere (--keep-scenario).
nlohmann::json with_absolute_paths(const nlohmann::json& doc, const std::string& file);

// The student's name: the submission folder's own name.
std::string submission_name(const std::string& submission_dir);

}  // namespace lvs::grade
