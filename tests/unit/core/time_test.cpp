#include <doctest/doctest.h>

#include <optional>

#include "sim/core/time.hpp"

using lvs::format_duration;
using lvs::format_time;
using lvs::parse_duration;
using lvs::SimTime;

TEST_CASE("time: unit helpers") {
  CHECK(lvs::microseconds(3) == 3'000);
  CHECK(lvs::milliseconds(3) == 3'000'000);
  CHECK(lvs::seconds(3) == 3'000'000'000);
}

TEST_CASE("time: format_time is seconds with a fixed 9-digit fraction") {
  CHECK(format_time(0) == "0.000000000s");
  CHECK(format_time(1'000'250'000) == "1.000250000s");
  CHECK(format_time(1) == "0.000000001s");
  CHECK(format_time(lvs::seconds(12)) == "12.000000000s");
  CHECK(format_time(-1) == "-0.000000001s");
  CHECK(format_time(-1'500'000'000) == "-1.500000000s");
  CHECK(format_time(lvs::kTimeNever) == "9223372036.854775807s");
  CHECK(format_time(std::numeric_limits<SimTime>::min()) == "-9223372036.854775808s");
}

TEST_CASE("time: format_duration picks a unit") {
  CHECK(format_duration(0) == "0ns");
  CHECK(format_duration(999) == "999ns");
  CHECK(format_duration(1'000) == "1us");
  CHECK(format_duration(412'500) == "412.5us");
  CHECK(format_duration(1'250'000) == "1.25ms");
  CHECK(format_duration(lvs::seconds(3)) == "3s");
  CHECK(format_duration(1'500'000'000) == "1.5s");
  CHECK(format_duration(lvs::seconds(120)) == "120s");
  CHECK(format_duration(1'234'567'891) == "1.23457s");  // 6 significant digits
}

TEST_CASE("time: parse_duration accepts the documented forms") {
  CHECK(parse_duration("10s") == lvs::seconds(10));
  CHECK(parse_duration("1.5s") == 1'500'000'000);
  CHECK(parse_duration("250ms") == lvs::milliseconds(250));
  CHECK(parse_duration("20us") == lvs::microseconds(20));
  CHECK(parse_duration("100ns") == 100);
  CHECK(parse_duration("2min") == lvs::seconds(120));
  CHECK(parse_duration("12345") == 12345);
  CHECK(parse_duration("0") == 0);
  CHECK(parse_duration("0.000000001s") == 1);
  CHECK(parse_duration(".5s") == 500'000'000);
  CHECK(parse_duration("1.5us") == 1'500);
  CHECK(parse_duration("1.500000000000000000000s") == 1'500'000'000);    // digits past 18 ignored
  CHECK(parse_duration("10000000000000000") == 10'000'000'000'000'000);  // 1e16 ns
  CHECK(parse_duration("9223372036s") == 9'223'372'036'000'000'000);
}

TEST_CASE("time: parse_duration rejects bad input") {
  for (const char* bad : {"",
                          "s",
                          "ms",
                          ".",
                          ".s",
                          "-1s",
                          "+1s",
                          "1h",
                          "1 s",
                          " 1s",
                          "1s ",
                          "1sec",
                          "1.5",
                          "0.5ns",
                          "1.0000000001s",
                          "1e3",
                          "abc",
                          "10S",
                          "1..5s",
                          "9223372037s",
                          "9223372036854775808",
                          "99999999999999999999",
                          "153722867280912931min"}) {
    CAPTURE(bad);
    CHECK(parse_duration(bad) == std::nullopt);
  }
}

TEST_CASE("time: format_time / parse_duration round trip") {
  for (SimTime t : {SimTime{0}, SimTime{1}, SimTime{999'999'999}, SimTime{1'000'250'000}, lvs::seconds(4000) + 17}) {
    const std::string s = format_time(t);
    CAPTURE(s);
    CHECK(parse_duration(s) == t);
  }
}

TEST_CASE("time: durations a user gives are at most 365 days") {
  std::string why;
  CHECK(lvs::parse_user_duration("525600min", &why) == lvs::kMaxUserTime);
  CHECK(lvs::parse_user_duration("31536000.000000001s", &why) == std::nullopt);
  CHECK(why == "is longer than 365 days, the longest time lvslab simulates");
  for (const char* huge : {"9223372036s", "9223372037s", "99999999999999999999", "123456789012345678901234567890min"}) {
    why.clear();
    CHECK(lvs::parse_user_duration(huge, &why) == std::nullopt);
    CHECK(why == "is longer than 365 days, the longest time lvslab simulates");
    CHECK(lvs::is_duration_syntax(huge));
  }
  CHECK(lvs::parse_user_duration("1h", &why) == std::nullopt);
  CHECK(why.rfind("is not a duration", 0) == 0);
  CHECK_FALSE(lvs::is_duration_syntax("1h"));
}

TEST_CASE("time: time_after saturates at kTimeNever instead of wrapping into the past") {
  CHECK(lvs::time_after(5, 7) == 12);
  CHECK(lvs::time_after(lvs::kTimeNever - 1, 1) == lvs::kTimeNever);
  CHECK(lvs::time_after(lvs::kTimeNever - 1, 2) == lvs::kTimeNever);
  CHECK(lvs::time_after(lvs::kMaxUserTime, lvs::kTimeNever) == lvs::kTimeNever);
}
