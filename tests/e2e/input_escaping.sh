# Text that came from the input is printed escaped and whole: a NUL does not cut an error
# message, a URL with a space or CR/LF is refused as curl refuses it (and would otherwise
# forge report lines and HTTP headers), a response body's control characters do not reach
# the terminal, and the report never cuts a UTF-8 character in two.
source "$(dirname "$0")/lib.sh" "$@"
web="$SRC/scenarios/web-basic.json"

jq '.traffic[0].client = "cli\u0000ent"' "$web" >nul.json
run_lvslab out.txt err.txt validate nul.json
expect_eq "NUL in a string: exit" "$rc" 2
expect_eq "NUL in a string: the whole message" "$(cat err.txt)" \
  "lvslab: nul.json: /traffic/0/client: unknown host 'cli\\0ent'"

jq '.traffic[0].url = "http://192.168.10.11/a b"' "$web" >space.json
run_lvslab out.txt err.txt run space.json
expect_eq "URL with a space: exit" "$rc" 2
expect_match "URL with a space: message" "$(cat err.txt)" \
  "space.json: /traffic/0/url: 'http://192.168.10.11/a b': a space at byte 23, which curl refuses"
jq '.traffic[0].url = "http://192.168.10.11/x\r\nX-Injected: 1"' "$web" >crlf.json
run_lvslab out.txt err.txt run crlf.json
expect_eq "URL with CR/LF: exit" "$rc" 2
expect_match "URL with CR/LF: message, escaped" "$(cat err.txt)" \
  "'http://192.168.10.11/x\\\\r\\\\nX-Injected: 1': a control character at byte 23.*%0D"
expect_eq "URL with CR/LF: one line on stderr, no CR" "$(wc -l <err.txt) $(tr -cd '\r' <err.txt | wc -c)" "1 0"

# A body with terminal escapes and 50 two-byte characters: the excerpt is cut at 37
# characters (not bytes) and the escapes are shown, not sent to the terminal.
body='x\u001b[2J\u001b[31méééééééééééééééééééééééééééééééééééééééééééééééééé\n'
jq --arg b "$(printf "$body")" '(.hosts[] | select(.name == "web1") | .services[0].files["/var/www/html/index.html"]) = $b
     | del(.traffic[0].expect.body)' "$web" >body.json
run_lvslab out.txt err.txt run body.json
expect_eq "odd body: exit" "$rc" 0
expect_eq "odd body: the report is valid UTF-8" "$(iconv -f UTF-8 -t UTF-8 out.txt >/dev/null 2>&1 && echo valid)" "valid"
expect_eq "odd body: no ESC byte in the report" "$(tr -cd '\033' <out.txt | wc -c)" 0
want="\"x\\x1b[2J\\x1b[31m$(printf 'é%.0s' $(seq 1 27))...\""
expect_eq "odd body: the excerpt" "$(grep -m1 -o '".*"' out.txt)" "$want"
run_lvslab out.json err.txt run body.json --json
expect_eq "odd body: --json keeps the body" "$(jq -r '.requests[0].body' out.json)" "$(printf "$body")"
finish
