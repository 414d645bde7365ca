#pragma once
// Text that came from input (scenario strings, file contents, URLs, response bodies),
// made safe to print in a one-line message or a report line on a terminal:
//  * printable(): control characters become visible escapes, so that a NUL does not cut
//    a C string (an exception's what()), a CR/LF does not forge a report line and an ESC
//    does not drive the terminal. \0 \t \n \r by name, other C0 bytes and DEL as \xNN,
//    C1 controls (U+0080-U+009F) as \u00NN, bytes that are not UTF-8 as \xNN. Valid
//    UTF-8 is kept as it is; a backslash is kept (messages quote JSON, which has its own).
//  * utf8_prefix(): at most `max_chars` characters, never cutting one in the middle.
#include <cstddef>
#include <string>
#include <string_view>

namespace lvs {

std::string printable(std::string_view text);

// The first `max_chars` characters of `text` (a byte that is not part of a valid UTF-8
// sequence counts as one character), and utf8_length() counts them the same way.
std::string_view utf8_prefix(std::string_view text, std::size_t max_chars);
std::size_t utf8_length(std::string_view text);

}  // namespace lvs
