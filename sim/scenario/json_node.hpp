#pragma once
// A read-only view of one value of a scenario document that knows where it is (file
// and JSON pointer), so every check can fail with a located ScenarioError. The parser
// of each section asks for exactly the keys and types it accepts; anything else is an
// error, never silently ignored.
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/scenario/error.hpp"

namespace lvs {

class JsonNode {
 public:
  JsonNode(const nlohmann::json& value, std::string pointer, const std::string& file)
      : value_(&value), pointer_(std::move(pointer)), file_(&file) {}

  const nlohmann::json& value() const { return *value_; }
  const std::string& pointer() const { return pointer_; }
  const std::string& file() const { return *file_; }

  [[noreturn]] void fail(std::string message) const;

  // --- objects ------------------------------------------------------------------------
  // Checks that this is an object whose keys are all in `allowed`.
  // Error: "unknown key 'adress' (expected one of: address, label, role, scope)".
  void expect_object(std::initializer_list<std::string_view> allowed) const;
  bool has(std::string_view key) const;
  JsonNode at(std::string_view key) const;  // required key: "missing required key 'name'"
  std::optional<JsonNode> get(std::string_view key) const;
  // Members in key order (for maps such as "files" and "sysctls").
  std::vector<std::pair<std::string, JsonNode>> members() const;

  // --- arrays -------------------------------------------------------------------------
  std::vector<JsonNode> items() const;  // "expected an array, got string"

  // --- scalars ------------------------------------------------------------------------
  std::string string() const;           // any string
  std::string nonempty_string() const;  // "must not be empty"
  std::uint64_t unsigned_integer(std::uint64_t min, std::uint64_t max) const;
  bool boolean() const;
  bool is_string() const { return value_->is_string(); }
  bool is_object() const { return value_->is_object(); }

 private:
  JsonNode child(std::string_view key) const;

  const nlohmann::json* value_;
  std::string pointer_;
  const std::string* file_;
};

// "a string", "an object", "a number (1.5)" — the JSON type of a value, for messages.
std::string describe_json_type(const nlohmann::json& v);

// "a, b, c": the words of an "expected one of" list.
std::string join(std::span<const std::string_view> words);

}  // namespace lvs
