// From text to a validated spec: file reading, JSON syntax errors as file:line:col, and
// duplicate keys (which nlohmann::json would silently collapse to the last one).
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim/scenario/scenario.hpp"

namespace lvs {
namespace {

constexpr std::size_t kMaxNesting = 64;

// Line and column (1-based) of the character at byte offset `index` of `text`.
std::pair<int, int> line_col(std::string_view text, std::size_t index) {
  index = std::min(index, text.size());
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < index; ++i)
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  return {line, static_cast<int>(index - line_start) + 1};
}

// nlohmann's what() is "[json.exception.parse_error.101] parse error at line 3, column
// 7: syntax error while parsing ..."; keep what follows the position.
std::string parse_error_text(const std::string& what) {
  const auto col = what.find("column ");
  if (col != std::string::npos) {
    const auto colon = what.find(": ", col);
    if (colon != std::string::npos) return what.substr(colon + 2);
  }
  const auto bracket = what.find("] ");
  return bracket == std::string::npos ? what : what.substr(bracket + 2);
}

// nlohmann's what() for a number too large for a double is "[json.exception.out_of_range.406]
// number overflow parsing '1e400'": name the number (cut if very long) and the limit.
std::string number_overflow_text(const std::string& what) {
  constexpr std::size_t kShown = 40;
  const auto open = what.find('\'');
  const auto close = what.rfind('\'');
  if (open == std::string::npos || close <= open) return "number out of range";
  std::string number = what.substr(open + 1, close - open - 1);
  if (number.size() > kShown) number = number.substr(0, kShown) + "...";
  return "the number " + number + " is out of range (a JSON number here must fit in a double, at most about 1.8e308)";
}

// Follows the parser's SAX-like callbacks to know the JSON pointer of the current
// position, and fails on a key that the enclosing object already has.
class DuplicateKeyCheck {
 public:
  explicit DuplicateKeyCheck(const std::string& file) : file_(file) {}

  bool operator()(int /*depth*/, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using E = nlohmann::json::parse_event_t;
    switch (event) {
      case E::object_start:
      case E::array_start:
        if (frames_.size() >= kMaxNesting)
          throw ScenarioError(file_, pointer(frames_.size()),
                              "nested too deeply (more than " + std::to_string(kMaxNesting) + " levels)");
        frames_.push_back(Frame{event == E::array_start, 0, {}, {}});
        break;
      case E::key: {
        Frame& top = frames_.back();
        top.key = parsed.get<std::string>();
        if (!top.keys.insert(top.key).second)
          throw ScenarioError(file_, pointer(frames_.size()), "duplicate key '" + top.key + "'");
        break;
      }
      case E::value: value_done(); break;
      case E::object_end:
      case E::array_end:
        frames_.pop_back();
        value_done();
        break;
    }
    return true;
  }

  // Pointer of the value being read now (the member after its key, the next array
  // element), for errors that nlohmann reports without a position.
  std::string current_pointer() const { return pointer(frames_.size()); }

 private:
  struct Frame {
    bool array;
    std::size_t index;
    std::string key;
    std::set<std::string> keys;
  };
  void value_done() {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
  }
  // Pointer of the current element in the innermost `levels` containers.
  std::string pointer(std::size_t levels) const {
    std::string p;
    for (std::size_t i = 0; i < levels && i < frames_.size(); ++i)
      p += "/" + (frames_[i].array ? std::to_string(frames_[i].index) : json_pointer_token(frames_[i].key));
    return p;
  }

  const std::string& file_;
  std::vector<Frame> frames_;
};

}  // namespace

nlohmann::json parse_json_text(std::string_view text, const std::string& file) {
  if (text.size() > kMaxScenarioFileBytes)
    throw ScenarioError(file, "file too large (" + std::to_string(text.size()) + " bytes; at most " +
                                  std::to_string(kMaxScenarioFileBytes) + ")");
  nlohmann::json doc;
  DuplicateKeyCheck check(file);
  try {
    doc = nlohmann::json::parse(text.begin(), text.end(), std::ref(check));
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte counts the characters read; the offending one is the last of them.
    const auto [line, col] = line_col(text, e.byte > 0 ? e.byte - 1 : 0);
    throw ScenarioError(file, line, col, parse_error_text(e.what()));
  } catch (const nlohmann::json::out_of_range& e) {
    // 406: a number beyond a double's range (1e400); the parser gives no position.
    if (e.id != 406) throw;
    throw ScenarioError(file, check.current_pointer(), number_overflow_text(e.what()));
  }
  return doc;
}

ScenarioSpec parse_scenario_text(std::string_view text, const std::string& file) {
  return parse_scenario(parse_json_text(text, file), file);
}

namespace {

// Closes a file descriptor when it goes out of scope.
struct FdCloser {
  int fd;
  ~FdCloser() { ::close(fd); }
};

}  // namespace

// The limit is checked while reading, not after: /dev/zero, /dev/urandom or a pipe never
// end, and a file may grow while it is read. At most `max_bytes` + 1 bytes are ever held,
// the extra byte saying "larger than the limit".
std::optional<std::string> read_bounded_file(const std::string& path, std::size_t max_bytes, std::string* text) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::string("cannot open file: ") + std::strerror(errno);
  const FdCloser closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) return std::string("is a directory, not a file");
  std::size_t size = 0;
  while (size <= max_bytes) {
    const std::size_t want = std::min<std::size_t>(64 * 1024, max_bytes + 1 - size);
    text->resize(size + want);
    const ssize_t got = ::read(fd, text->data() + size, want);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return std::string("cannot read file: ") + std::strerror(errno);
    if (got == 0) break;
    size += static_cast<std::size_t>(got);
  }
  text->resize(size);
  if (size > max_bytes)
    return "file too large (more than " + std::to_string(max_bytes) + " bytes, the most lvslab reads here); " +
           "reading stopped there";
  return std::nullopt;
}

std::string read_scenario_bytes(const std::string& path) {
  std::string text;
  if (auto err = read_bounded_file(path, kMaxScenarioFileBytes, &text)) {
    if (err->starts_with("is a directory"))
      throw ScenarioError(path, "is a directory, not a scenario file (give the path of a .json file)");
    if (err->starts_with("file too large"))
      throw ScenarioError(path, "file too large (more than " + std::to_string(kMaxScenarioFileBytes) +
                                    " bytes, the most a scenario may have); reading stopped there");
    throw ScenarioError(path, *err);
  }
  return text;
}

ScenarioSpec load_scenario_file(const std::string& path) {
  return parse_scenario_text(read_scenario_bytes(path), path);
}

}  // namespace lvs
