#include "sim/grade/submission.hpp"

#include <algorithm>
#include <filesystem>

namespace lvs::grade {
namespace {

namespace fs = std::filesystem;

bool is_folder(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(fs::symlink_status(p, ec));
}

bool is_file(const fs::path& p) {
  std::error_code ec;
  return fs::exists(fs::symlink_status(p, ec));
}

// The names in a folder, sorted (never the file system's order); dot-files left out.
std::vector<std::string> folder_names(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!name.starts_with(".")) out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : ", ") + w;
  return out;
}

void add_host_input(nlohmann::json& host, const fs::path& sub, const std::string& name,
                    std::vector<std::string>& problems) {
  const fs::path dir = sub / name;
  if (!is_folder(dir)) {
    problems.push_back(name + "/: missing: nothing of " + name + " was handed in (expected " + name + "/root/ and/or " +
                       name + "/setup.sh)");
    return;
  }
  if (is_folder(dir / "root")) host["files_dir"] = name + "/root";
  else if (is_file(dir / "root")) problems.push_back(name + "/root: not a folder (it stands for the host's /)");
  if (is_file(dir / "setup.sh")) host["shell_file"] = name + "/setup.sh";
  for (const auto& entry : folder_names(dir))
    if (entry != "root" && entry != "setup.sh")
      problems.push_back(name + "/" + entry + ": not read (a host's folder holds root/ and setup.sh)");
}

}  // namespace

std::string submission_name(const std::string& submission_dir) {
  fs::path p = fs::path(submission_dir).lexically_normal();
  if (p.filename().empty()) p = p.parent_path();
  std::string name = p.filename().string();
  if (name.empty() || name == "." || name == "..") name = fs::absolute(p).lexically_normal().filename().string();
  return name;
}

AssembledScenario assemble_submission(const LabPack& lab, const std::string& submission_dir) {
  AssembledScenario out;
  out.doc = lab.scenario;
  const fs::path sub(submission_dir);
  out.file = (sub / (lab.name + ".scenario.json")).string();
  for (auto& host : out.doc["hosts"]) {
    const std::string name = host.value("name", "");
    if (std::find(lab.configured_hosts.begin(), lab.configured_hosts.end(), name) != lab.configured_hosts.end())
      add_host_input(host, sub, name, out.problems);
  }
  for (const auto& entry : folder_names(sub))
    if (std::find(lab.configured_hosts.begin(), lab.configured_hosts.end(), entry) == lab.configured_hosts.end())
      out.problems.push_back(
          entry + ": not a host of this lab, not read (the hosts you configure: " + joined(lab.configured_hosts) + ")");
  return out;
}

nlohmann::json with_reboots(const nlohmann::json& doc, const LabPack& lab, const std::string& at) {
  nlohmann::json out = doc;
  if (!out.contains("actions")) out["actions"] = nlohmann::json::array();
  for (const auto& name : lab.configured_hosts)
    out["actions"].push_back({{"at", at}, {"host", name}, {"power", "reboot"}});
  return out;
}

nlohmann::json with_absolute_paths(const nlohmann::json& doc, const std::string& file) {
  nlohmann::json out = doc;
  const fs::path dir = fs::absolute(fs::path(file).parent_path());
  for (auto& host : out["hosts"])
    for (const char* key : {"files_dir", "shell_file"})
      if (host.contains(key) && host[key].is_string() && fs::path(host[key].get<std::string>()).is_relative())
        host[key] = (dir / host[key].get<std::string>()).lexically_normal().string();
  return out;
}

}  // namespace lvs::grade
