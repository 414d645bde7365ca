#include "sim/ipvs/ipvsadm/popt_scan.hpp"

namespace lvs::ipvs::ipvsadm {

PoptScanner::PoptScanner(std::span<const PoptOption> table, const std::vector<std::string>& argv)
    : table_(table), argv_(argv) {}

const PoptOption* PoptScanner::find_long(std::string_view name) const {
  for (const auto& o : table_)
    if (o.long_name && name == o.long_name) return &o;
  return nullptr;
}

const PoptOption* PoptScanner::find_short(char c) const {
  for (const auto& o : table_)
    if (o.short_name != '\0' && o.short_name == c) return &o;
  return nullptr;
}

// The argument of an option given without an attached value: the next word.
int PoptScanner::take_argument(const PoptOption& opt, PoptEvent& ev) {
  if (opt.arg == PoptArg::kNone) return opt.tag;
  if (next_ < argv_.size() && !only_args_) {
    const std::string& w = argv_[next_];
    // POPT_ARGFLAG_OPTIONAL: a following option is not taken as the value.
    if (opt.arg == PoptArg::kRequired || w.empty() || w[0] != '-') {
      ev.has_arg = true;
      ev.arg = w;
      ++next_;
      return opt.tag;
    }
  }
  if (opt.arg == PoptArg::kOptional) return opt.tag;
  bad_ = current_word_;
  return kErrNoArg;
}

int PoptScanner::next(PoptEvent& ev) {
  ev = PoptEvent{};
  if (!pending_shorts_.empty()) {
    const char c = pending_shorts_[0];
    pending_shorts_.erase(0, 1);
    const PoptOption* opt = find_short(c);
    if (!opt) {
      bad_ = current_word_;
      pending_shorts_.clear();
      return kErrBadOpt;
    }
    if (opt->arg != PoptArg::kNone && !pending_shorts_.empty()) {
      // "-w3": the rest of the word is the value (popt skips one leading '=').
      std::string rest = pending_shorts_;
      pending_shorts_.clear();
      if (rest[0] == '=') rest.erase(0, 1);
      ev.has_arg = true;
      ev.arg = rest;
      return opt->tag;
    }
    if (opt->arg != PoptArg::kNone) return take_argument(*opt, ev);
    return opt->tag;
  }
  while (next_ < argv_.size()) {
    const std::string& w = argv_[next_++];
    current_word_ = w;
    if (only_args_ || w.size() < 2 || w[0] != '-') {
      args_.push_back(w);
      continue;
    }
    if (w == "--") {
      only_args_ = true;
      continue;
    }
    if (w[1] == '-') {
      const std::string body = w.substr(2);
      const std::size_t eq = body.find('=');
      const PoptOption* opt = find_long(std::string_view(body).substr(0, eq));
      if (!opt) {
        bad_ = w;
        return kErrBadOpt;
      }
      if (eq != std::string::npos) {
        if (opt->arg == PoptArg::kNone) {
          bad_ = w;
          return kErrUnwantedArg;
        }
        ev.has_arg = true;
        ev.arg = body.substr(eq + 1);
        return opt->tag;
      }
      return take_argument(*opt, ev);
    }
    pending_shorts_ = w.substr(1);
    return next(ev);
  }
  return kEnd;
}

const char* PoptScanner::strerror(int code) {
  switch (code) {
    case kErrNoArg: return "missing argument";
    case kErrBadOpt: return "unknown option";
    case kErrUnwantedArg: return "option does not take an argument";
    default: return "unknown error";
  }
}

}  // namespace lvs::ipvs::ipvsadm
