// The shell's reading of a line: prompts, comments, quoting, joiners, redirections.
#include <doctest/doctest.h>

#include "sim/config/shell/lexer.hpp"

namespace lvs::config::shell {
namespace {

bool known(std::string_view w) { return w == "ip" || w == "ipvsadm"; }

TEST_CASE("prompts a student copies are stripped; a '# ' comment is not a prompt") {
  CHECK(strip_prompt("[root@rs1 ~]# ip addr", known) == "ip addr");
  CHECK(strip_prompt("[root@lvs network-scripts]# ipvsadm -Ln", known) == "ipvsadm -Ln");
  CHECK(strip_prompt("root@rs1:~# ip route", known) == "ip route");
  CHECK(strip_prompt("$ ip route", known) == "ip route");
  CHECK(strip_prompt("# ip route", known) == "ip route");
  CHECK(strip_prompt("# rules for the real servers", known) == "# rules for the real servers");
  CHECK(strip_prompt("  ipvsadm -C", known) == "ipvsadm -C");
}

TEST_CASE("words, quotes and comments") {
  const LexedLine l = lex_line("echo 'a  b' \"c d\" e\\ f # comment");
  REQUIRE(l.parts.size() == 1);
  CHECK(l.parts[0].command.argv == std::vector<std::string>{"echo", "a  b", "c d", "e f"});
  CHECK(lex_line("   # only a comment").parts.empty());
  CHECK(lex_line("").parts.empty());
}

TEST_CASE("joiners ; && || split simple commands") {
  const LexedLine l = lex_line("ip link set eth0 up && ip addr; ip route || echo no");
  REQUIRE(l.parts.size() == 4);
  CHECK(l.parts[0].joiner == Joiner::kFirst);
  CHECK(l.parts[1].joiner == Joiner::kAnd);
  CHECK(l.parts[2].joiner == Joiner::kSeq);
  CHECK(l.parts[3].joiner == Joiner::kOr);
  CHECK(l.parts[1].command.text == "ip addr");
  CHECK(lex_line("ip addr;").parts.size() == 1);
}

TEST_CASE("redirections and here-documents") {
  const LexedLine l = lex_line("echo 1 > /proc/sys/net/ipv4/ip_forward");
  REQUIRE(l.parts.size() == 1);
  CHECK(l.parts[0].command.argv == std::vector<std::string>{"echo", "1"});
  REQUIRE(l.parts[0].command.redirects.size() == 1);
  CHECK(l.parts[0].command.redirects[0].kind == RedirectKind::kOut);
  CHECK(l.parts[0].command.redirects[0].target == "/proc/sys/net/ipv4/ip_forward");
  const LexedLine a = lex_line("echo x >>/etc/rc.local 2>/dev/null");
  REQUIRE(a.parts[0].command.redirects.size() == 2);
  CHECK(a.parts[0].command.redirects[0].kind == RedirectKind::kAppend);
  CHECK(a.parts[0].command.redirects[1].kind == RedirectKind::kErrOut);
  const LexedLine h = lex_line("cat > /etc/exports <<'EOF'");
  CHECK(h.heredoc_words() == std::vector<std::string>{"EOF"});
  CHECK(lex_line("ipvsadm -R < /etc/sysconfig/ipvsadm").parts[0].command.redirects[0].kind == RedirectKind::kIn);
  CHECK(lex_line("cmd 2>&1").parts[0].command.redirects[0].kind == RedirectKind::kErrToOut);
}

TEST_CASE("bash's syntax errors and what lvslab does not model") {
  CHECK(lex_line("; ls").syntax_error == "syntax error near unexpected token `;'");
  CHECK(lex_line("echo >").syntax_error == "syntax error near unexpected token `newline'");
  CHECK(lex_line("echo 'open").syntax_error == "unexpected EOF while looking for matching `''");
  CHECK(lex_line("ip a &&").syntax_error == "syntax error: unexpected end of file");
  CHECK(lex_line("ipvsadm -Ln | grep 80").unsupported == "pipes (|)");
  CHECK(lex_line("echo $HOSTNAME").unsupported.starts_with("variables"));
  CHECK(lex_line("echo '$HOSTNAME'").unsupported.empty());
  CHECK(lex_line("echo 5$").unsupported.empty());
  CHECK(lex_line("cat /etc/sysconfig/network-scripts/ifcfg-*").unsupported.starts_with("file name patterns"));
  CHECK(lex_line("cp ~/a /tmp").parts[0].command.argv[1] == "/root/a");
}

}  // namespace
}  // namespace lvs::config::shell
