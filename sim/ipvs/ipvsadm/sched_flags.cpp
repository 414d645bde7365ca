#include "sim/ipvs/ipvsadm/sched_flags.hpp"

namespace lvs::ipvs::ipvsadm {

namespace {

struct FlagName {
  const char* name;
  std::uint32_t bit;
  const char* only_for;  // scheduler the name belongs to, nullptr = any
};

constexpr FlagName kFlagNames[] = {
    {"flag-1", kSvcFlagSched1, nullptr},   {"flag-2", kSvcFlagSched2, nullptr}, {"flag-3", kSvcFlagSched3, nullptr},
    {"sh-fallback", kSvcFlagSched1, "sh"}, {"sh-port", kSvcFlagSched2, "sh"},   {"mh-fallback", kSvcFlagSched1, "mh"},
    {"mh-port", kSvcFlagSched2, "mh"},
};

const FlagName* find_flag(std::string_view name) {
  for (const auto& f : kFlagNames)
    if (name == f.name) return &f;
  return nullptr;
}

// strtok(text, ","): the non-empty pieces between commas.
template <class F>
void for_each_piece(std::string_view text, F&& f) {
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = text.find(',', start);
    const std::string_view piece =
        text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    if (!piece.empty() && !f(piece)) return;
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
}

}  // namespace

bool parse_sched_flags(std::string_view scheduler, std::string_view text, std::uint32_t& bits, std::string& error) {
  const std::string_view sched = scheduler.empty() ? std::string_view("wlc") : scheduler;
  bits = 0;
  bool ok = true;
  for_each_piece(text, [&](std::string_view piece) {
    const FlagName* f = find_flag(piece);
    if (!f) {
      error = "invalid scheduler flag `" + std::string(piece) + "'";
      return ok = false;
    }
    bits |= f->bit;
    if (f->only_for && sched != f->only_for) {
      error = "incompatible scheduler flag `" + std::string(piece) + "'";
      return ok = false;
    }
    return true;
  });
  return ok;
}

std::uint32_t sched_flags_bits(std::string_view text) {
  std::uint32_t bits = 0;
  for_each_piece(text, [&](std::string_view piece) {
    if (const FlagName* f = find_flag(piece)) bits |= f->bit;
    return true;
  });
  return bits;
}

std::string sched_flags_text(std::string_view scheduler, std::uint32_t bits) {
  const char* n1 = "flag-1";
  const char* n2 = "flag-2";
  if (scheduler == "sh") n1 = "sh-fallback", n2 = "sh-port";
  if (scheduler == "mh") n1 = "mh-fallback", n2 = "mh-port";
  std::string out;
  auto add = [&](const char* name) {
    if (!out.empty()) out += ',';
    out += name;
  };
  if (bits & kSvcFlagSched1) add(n1);
  if (bits & kSvcFlagSched2) add(n2);
  if (bits & kSvcFlagSched3) add("flag-3");
  return out;
}

}  // namespace lvs::ipvs::ipvsadm
