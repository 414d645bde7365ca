#pragma once
// HTTP/1.1 messages as lvslab's apps write and read them (RFC 9112): the URL a client
// is given, the request curl sends, the server's request line, and the response the
// server writes (Apache's reason phrases, default error documents, Content-Types and
// `Connection: close`). The simulated apps (http_client.cpp, http_server.cpp) and
// hardware mode's real-socket apps (sim/hw/http_apps.cpp) share these, so both modes
// put the same bytes on the wire.
#include <cstdint>
#include <string>
#include <string_view>

#include "sim/wire/addr.hpp"

namespace lvs {

// curl's junkscan() (lib/urlapi.c, curl 7.88): a URL holding a control character
// (0x00-0x1f, 0x7f) or a space is refused before anything is sent, "URL using
// bad/illegal format or missing URL" (CURLE_URL_MALFORMAT). Returns the offset of the
// first such byte, or npos when there is none.
std::size_t url_junk_at(std::string_view url);

// "http://A.B.C.D[:port][/path]" (no DNS in the lab: the host is a dotted quad). Not
// valid when url_junk_at() finds a byte curl refuses.
struct HttpTarget {
  bool valid = false;
  Ipv4Addr ip;
  std::uint16_t port = 80;
  std::string authority;  // Host header
  std::string path = "/";
};
HttpTarget parse_http_url(std::string_view url);

// What `curl URL` (curl 7.88.1) sends: GET with Host, User-Agent and Accept.
std::string curl_get_request(const HttpTarget& target);

// RFC 9112 3: request-line = method SP request-target SP HTTP-version, split at the
// first two spaces (the version keeps whatever follows). The fields are empty when a
// space is missing; `well_formed` = both spaces were there and no third one.
struct HttpRequestLine {
  std::string_view method, target, version;
  bool well_formed = false;
};
HttpRequestLine split_request_line(std::string_view line);

// Apache's reason phrase for the statuses the lab's httpd answers ("Unknown" else).
const char* http_reason_phrase(int status);

// Content-Type of a served file, by its name (Apache's mime.types for the lab's files).
std::string_view http_content_type(std::string_view path);
// Content-Type of an error document.
inline constexpr std::string_view kHttpErrorContentType = "text/html; charset=iso-8859-1";

// The explanation paragraph(s) of Apache's default error document for `status` (""
// when it has none); `method` is named by the 501 text.
std::string apache_error_text(int status, std::string_view method);
// Apache's default error document: title and heading "STATUS Reason", then `text`.
std::string http_error_page(int status, std::string_view text);

// A response as the lab's httpd writes it: status line, Server, Content-Length,
// `Connection: close`, Content-Type, then the body unless `head_only` (a HEAD request:
// RFC 9110 9.3.2, same headers, no content).
std::string http_response_message(int status, std::string_view server, std::string_view content_type,
                                  std::string_view body, bool head_only);

}  // namespace lvs
