#include "sim/scenario/error.hpp"

namespace lvs {
namespace {

// The document itself has the empty pointer; it is shown as "/" so that the text
// always reads "FILE: POINTER: message".
std::string located(const std::string& file, const std::string& pointer, const std::string& message) {
  return file + ": " + (pointer.empty() ? std::string("/") : pointer) + ": " + message;
}

}  // namespace

ScenarioError::ScenarioError(std::string file, std::string pointer, std::string message)
    : std::runtime_error(located(file, pointer, message)),
      file_(std::move(file)),
      pointer_(std::move(pointer)),
      message_(std::move(message)) {}

ScenarioError::ScenarioError(std::string file, std::string message)
    : std::runtime_error(file + ": " + message), file_(std::move(file)), message_(std::move(message)) {}

ScenarioError::ScenarioError(std::string file, int line, int column, std::string message)
    : std::runtime_error(file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message),
      file_(std::move(file)),
      message_(std::move(message)),
      line_(line),
      column_(column) {}

std::string json_pointer_token(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

}  // namespace lvs
