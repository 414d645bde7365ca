#pragma once
// An immutable text that copies share: what many per-request records repeat (the URL of
// a traffic entry, the same page answered a thousand times) is held once. Reads as a
// const std::string; assigning a new text replaces it (the others keep theirs).
#include <memory>
#include <string>
#include <string_view>

namespace lvs {

class SharedText {
 public:
  SharedText() = default;
  explicit SharedText(std::string text) { *this = std::move(text); }
  SharedText& operator=(std::string text) {
    text_ = text.empty() ? nullptr : std::make_shared<const std::string>(std::move(text));
    return *this;
  }
  SharedText& operator=(std::string_view text) { return *this = std::string(text); }
  SharedText& operator=(const char* text) { return *this = std::string(text); }
  // `text`, sharing `same`'s copy when it holds the same characters.
  void assign_like(std::string_view text, const SharedText& same) {
    if (same.str() == text) text_ = same.text_;
    else *this = text;
  }

  const std::string& str() const { return text_ ? *text_ : no_text(); }
  operator const std::string&() const { return str(); }  // NOLINT: reads as a string
  operator std::string_view() const { return str(); }    // NOLINT
  bool empty() const { return str().empty(); }
  std::size_t size() const { return str().size(); }
  std::size_t find(std::string_view what, std::size_t from = 0) const { return str().find(what, from); }
  friend bool operator==(const SharedText& a, std::string_view b) { return a.str() == b; }

 private:
  static const std::string& no_text() {
    static const std::string none;
    return none;
  }
  std::shared_ptr<const std::string> text_;
};

}  // namespace lvs
