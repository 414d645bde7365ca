#include <doctest/doctest.h>

#include <string>

#include "sim/core/printable.hpp"

using namespace std::string_literals;

TEST_CASE("printable: control characters become visible, a NUL does not cut the text") {
  CHECK(lvs::printable("plain text, ünïcödé ✓ 🙂") == "plain text, ünïcödé ✓ 🙂");
  CHECK(lvs::printable("cli\0ent"s) == "cli\\0ent");
  CHECK(lvs::printable("a b\r\nX-Injected: 1") == "a b\\r\\nX-Injected: 1");
  CHECK(lvs::printable("tab\there") == "tab\\there");
  CHECK(lvs::printable("\x1b[31mred\x7f") == "\\x1b[31mred\\x7f");
  CHECK(lvs::printable("c1 \xc2\x9b here") == "c1 \\u009b here");  // CSI as a C1 control
  CHECK(lvs::printable("back\\slash") == "back\\slash");
}

TEST_CASE("printable: bytes that are not UTF-8 are shown as \\xNN") {
  CHECK(lvs::printable("\xff\xfe") == "\\xff\\xfe");
  CHECK(lvs::printable("cut \xe2\x9c") == "cut \\xe2\\x9c");            // a character cut short
  CHECK(lvs::printable("\xc0\xaf") == "\\xc0\\xaf");                    // overlong '/'
  CHECK(lvs::printable("\xed\xa0\x80") == "\\xed\\xa0\\x80");           // a UTF-16 surrogate
  CHECK(lvs::printable("\xf4\x90\x80\x80") == "\\xf4\\x90\\x80\\x80");  // above U+10FFFF
}

TEST_CASE("utf8_prefix: counts characters and never cuts one") {
  const std::string s = "héllo ✓🙂!";
  CHECK(lvs::utf8_length(s) == 9);
  CHECK(lvs::utf8_prefix(s, 2) == "hé");
  CHECK(lvs::utf8_prefix(s, 7) == "héllo ✓");
  CHECK(lvs::utf8_prefix(s, 8) == "héllo ✓🙂");
  CHECK(lvs::utf8_prefix(s, 100) == s);
  CHECK(lvs::utf8_prefix(s, 0).empty());
  CHECK(lvs::utf8_length("\xff\xfe"
                         "a") == 3);  // a stray byte counts as one
  CHECK(lvs::utf8_prefix("\xff\xfe"
                         "a",
                         2) == "\xff\xfe");
}
