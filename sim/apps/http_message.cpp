#include "sim/apps/http_message.hpp"

#include <charconv>

namespace lvs {

std::size_t url_junk_at(std::string_view url) {
  for (std::size_t i = 0; i < url.size(); ++i) {
    const auto c = static_cast<unsigned char>(url[i]);
    if (c <= 0x20 || c == 0x7f) return i;
  }
  return std::string_view::npos;
}

HttpTarget parse_http_url(std::string_view url) {
  HttpTarget t;
  if (url_junk_at(url) != std::string_view::npos || !url.starts_with("http://")) return t;
  url.remove_prefix(7);
  const auto slash = url.find('/');
  const std::string_view authority = url.substr(0, slash);
  if (slash != std::string_view::npos) t.path = std::string(url.substr(slash));
  std::string_view host = authority;
  if (const auto colon = authority.find(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    const std::string_view port = authority.substr(colon + 1);
    unsigned value = 0;
    const auto [ptr, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc() || ptr != port.data() + port.size() || value == 0 || value > 65535) return t;
    t.port = static_cast<std::uint16_t>(value);
  }
  const auto ip = Ipv4Addr::parse(host);
  if (!ip) return t;
  t.ip = *ip;
  t.authority = std::string(authority);
  t.valid = true;
  return t;
}

std::string curl_get_request(const HttpTarget& target) {
  return "GET " + target.path + " HTTP/1.1\r\nHost: " + target.authority +
         "\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n";
}

HttpRequestLine split_request_line(std::string_view line) {
  HttpRequestLine r;
  const auto sp1 = line.find(' ');
  const auto sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos) return r;
  r.method = line.substr(0, sp1);
  r.target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  r.version = line.substr(sp2 + 1);
  r.well_formed = r.version.find(' ') == std::string_view::npos;
  return r;
}

const char* http_reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
  }
  return "Unknown";
}

std::string_view http_content_type(std::string_view path) {
  if (path.ends_with(".txt")) return "text/plain";
  if (path.ends_with(".css")) return "text/css";
  if (path.ends_with(".js")) return "application/javascript";
  if (path.ends_with(".json")) return "application/json";
  return "text/html";
}

std::string apache_error_text(int status, std::string_view method) {
  switch (status) {
    case 400: return "<p>Your browser sent a request that this server could not understand.<br />\n</p>\n";
    case 403: return "<p>You don't have permission to access this resource.</p>\n";
    case 404: return "<p>The requested URL was not found on this server.</p>\n";
    case 500:
      return "<p>The server encountered an internal error or\nmisconfiguration and was unable to complete\n"
             "your request.</p>\n<p>More information about this error may be available\nin the server error log.</p>\n";
    case 501: return "<p>" + std::string(method) + " not supported for current URL.<br />\n</p>\n";
  }
  return "";
}

std::string http_error_page(int status, std::string_view text) {
  const std::string title = std::to_string(status) + " " + http_reason_phrase(status);
  return "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>" + title +
         "</title>\n</head><body>\n<h1>" + http_reason_phrase(status) + "</h1>\n" + std::string(text) +
         "</body></html>\n";
}

std::string http_response_message(int status, std::string_view server, std::string_view content_type,
                                  std::string_view body, bool head_only) {
  std::string out = "HTTP/1.1 " + std::to_string(status) + " " + http_reason_phrase(status) + "\r\n";
  out += "Server: ";
  out += server;
  out += "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  out += "Connection: close\r\n";
  out += "Content-Type: ";
  out += content_type;
  out += "\r\n\r\n";
  if (!head_only) out += body;
  return out;
}

}  // namespace lvs
