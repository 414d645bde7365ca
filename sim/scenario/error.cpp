#include "sim/scenario/error.hpp"

#include "sim/core/printable.hpp"

namespace lvs {
namespace {

// The document itself has the empty pointer; it is shown as "/" so that the text
// always reads "FILE: POINTER: message". Messages quote the input: printable() so that
// a NUL does not cut what() and a newline does not make a second line.
std::string located(const std::string& file, const std::string& pointer, const std::string& message) {
  return printable(file + ": " + (pointer.empty() ? std::string("/") : pointer) + ": " + message);
}

}  // namespace

ScenarioError::ScenarioError(std::string file, std::string pointer, std::string message)
    : std::runtime_error(located(file, pointer, message)),
      file_(std::move(file)),
      pointer_(std::move(pointer)),
      message_(printable(message)) {}

ScenarioError::ScenarioError(std::string file, std::string message)
    : std::runtime_error(printable(file + ": " + message)), file_(std::move(file)), message_(printable(message)) {}

ScenarioError::ScenarioError(std::string file, int line, int column, std::string message)
    : std::runtime_error(printable(file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message)),
      file_(std::move(file)),
      message_(printable(message)),
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
