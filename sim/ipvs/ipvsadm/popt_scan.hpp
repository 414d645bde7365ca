#pragma once
// A scanner for argv with the rules of libpopt as ipvsadm uses it: long options
// "--name" / "--name=value", bundled short options "-Lnc", short arguments attached
// ("-w3") or separate ("-w 3"), optional arguments (-p [timeout]: taken only when the
// next word does not start with '-'), "--" ends options, other words are collected
// as leftover arguments (poptGetArg). Errors carry popt's texts (poptStrerror).
#include <span>
#include <string>
#include <vector>

namespace lvs::ipvs::ipvsadm {

enum class PoptArg { kNone, kRequired, kOptional };

struct PoptOption {
  const char* long_name;  // nullptr = none
  char short_name;        // '\0' = none
  PoptArg arg;
  int tag;  // returned by next()
};

struct PoptEvent {
  int tag = 0;
  bool has_arg = false;
  std::string arg;
};

class PoptScanner {
 public:
  static constexpr int kEnd = -1;
  static constexpr int kErrNoArg = -10;        // POPT_ERROR_NOARG
  static constexpr int kErrBadOpt = -11;       // POPT_ERROR_BADOPT
  static constexpr int kErrUnwantedArg = -12;  // POPT_ERROR_UNWANTEDARG

  PoptScanner(std::span<const PoptOption> table, const std::vector<std::string>& argv);

  // The next option's tag (>= 0), kEnd, or a negative error code.
  int next(PoptEvent& ev);
  // poptGetArg(): leftover (non-option) words, in order.
  const std::vector<std::string>& args() const { return args_; }
  // poptBadOption(): the word being processed when an error was returned.
  const std::string& bad_option() const { return bad_; }
  static const char* strerror(int code);

 private:
  const PoptOption* find_long(std::string_view name) const;
  const PoptOption* find_short(char c) const;
  int take_argument(const PoptOption& opt, PoptEvent& ev);

  std::span<const PoptOption> table_;
  const std::vector<std::string>& argv_;
  std::size_t next_ = 0;        // next argv word
  std::string pending_shorts_;  // rest of a bundled "-abc" word
  std::string current_word_;
  bool only_args_ = false;  // after "--"
  std::vector<std::string> args_;
  std::string bad_;
};

}  // namespace lvs::ipvs::ipvsadm
