#include "sim/scenario/json_node.hpp"

#include <algorithm>

namespace lvs {

std::string describe_json_type(const nlohmann::json& v) {
  switch (v.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::string: return "a string";
    case nlohmann::json::value_t::boolean: return v.get<bool>() ? "true" : "false";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float: return "the number " + v.dump();
    default: return "an unsupported value";
  }
}

std::string join(std::span<const std::string_view> words) {
  std::string out;
  for (auto w : words) {
    if (!out.empty()) out += ", ";
    out += w;
  }
  return out;
}

void JsonNode::fail(std::string message) const { throw ScenarioError(*file_, pointer_, std::move(message)); }

JsonNode JsonNode::child(std::string_view key) const {
  return JsonNode(value_->find(key).value(), pointer_ + "/" + json_pointer_token(key), *file_);
}

void JsonNode::expect_object(std::initializer_list<std::string_view> allowed) const {
  if (!value_->is_object()) fail("expected an object, got " + describe_json_type(*value_));
  for (const auto& [key, v] : value_->items()) {
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    JsonNode(v, pointer_ + "/" + json_pointer_token(key), *file_)
        .fail("unknown key '" + key + "' (expected one of: " + join(allowed) + ")");
  }
}

bool JsonNode::has(std::string_view key) const { return value_->is_object() && value_->contains(key); }

JsonNode JsonNode::at(std::string_view key) const {
  if (!has(key)) fail("missing required key '" + std::string(key) + "'");
  return child(key);
}

std::optional<JsonNode> JsonNode::get(std::string_view key) const {
  if (!has(key)) return std::nullopt;
  return child(key);
}

std::vector<std::pair<std::string, JsonNode>> JsonNode::members() const {
  if (!value_->is_object()) fail("expected an object, got " + describe_json_type(*value_));
  std::vector<std::pair<std::string, JsonNode>> out;
  for (const auto& [key, v] : value_->items())
    out.emplace_back(key, JsonNode(v, pointer_ + "/" + json_pointer_token(key), *file_));
  return out;
}

std::vector<JsonNode> JsonNode::items() const {
  if (!value_->is_array()) fail("expected an array, got " + describe_json_type(*value_));
  std::vector<JsonNode> out;
  out.reserve(value_->size());
  for (std::size_t i = 0; i < value_->size(); ++i)
    out.emplace_back((*value_)[i], pointer_ + "/" + std::to_string(i), *file_);
  return out;
}

std::string JsonNode::string() const {
  if (!value_->is_string()) fail("expected a string, got " + describe_json_type(*value_));
  return value_->get<std::string>();
}

std::string JsonNode::nonempty_string() const {
  std::string s = string();
  if (s.empty()) fail("must not be empty");
  return s;
}

std::uint64_t JsonNode::unsigned_integer(std::uint64_t min, std::uint64_t max) const {
  const auto range = " (" + std::to_string(min) + " to " + std::to_string(max) + ")";
  if (value_->is_number_unsigned()) {
    const auto v = value_->get<std::uint64_t>();
    if (v < min || v > max) fail("expected an integer" + range + ", got " + std::to_string(v));
    return v;
  }
  if (value_->is_number_integer()) {  // signed storage (a value built in C++, or negative)
    const auto v = value_->get<std::int64_t>();
    if (v >= 0 && static_cast<std::uint64_t>(v) >= min && static_cast<std::uint64_t>(v) <= max)
      return static_cast<std::uint64_t>(v);
    fail("expected an integer" + range + ", got " + std::to_string(v));
  }
  fail("expected an integer" + range + ", got " + describe_json_type(*value_));
}

bool JsonNode::boolean() const {
  if (!value_->is_boolean()) fail("expected true or false, got " + describe_json_type(*value_));
  return value_->get<bool>();
}

}  // namespace lvs
