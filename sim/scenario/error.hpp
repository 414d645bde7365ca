#pragma once
// The one error type of scenario loading and building. Its text names where the
// problem is, in the file, so a student can go straight to it:
//   "web.json: /hosts/1/interfaces/0/segment: unknown segment 'lann' (...)"
//   "web.json:12:7: syntax error while parsing object - ..."   (JSON syntax errors)
// Control characters from the input are escaped in the text (printable(): "\0", "\n").
#include <stdexcept>
#include <string>
#include <string_view>

namespace lvs {

class ScenarioError : public std::runtime_error {
 public:
  // A problem with a value: `pointer` is its JSON pointer (RFC 6901), "" = the document.
  ScenarioError(std::string file, std::string pointer, std::string message);
  // A problem with the file as a whole (cannot be read, too large): "FILE: message".
  ScenarioError(std::string file, std::string message);
  // A problem with the text itself (JSON syntax): 1-based line and column.
  ScenarioError(std::string file, int line, int column, std::string message);

  const std::string& file() const { return file_; }
  const std::string& pointer() const { return pointer_; }
  const std::string& message() const { return message_; }
  int line() const { return line_; }  // 0 when the error has a pointer instead
  int column() const { return column_; }

 private:
  std::string file_;
  std::string pointer_;
  std::string message_;
  int line_ = 0;
  int column_ = 0;
};

// Escapes one reference token of a JSON pointer: "~" -> "~0", "/" -> "~1".
std::string json_pointer_token(std::string_view token);

}  // namespace lvs
