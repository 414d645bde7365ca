# Bad input: exit code 2 and one clear message naming file and place; --help everywhere.
source "$(dirname "$0")/lib.sh" "$@"
run_lvslab out.txt err.txt --help
expect_eq "lvslab --help" "$rc" 0
expect_match "usage text" "$(cat out.txt)" "usage: lvslab <command>"
for c in run validate; do
  run_lvslab out.txt err.txt $c --help
  expect_eq "$c --help exit" "$rc" 0
  expect_match "$c --help text" "$(cat out.txt)" "usage: lvslab $c SCENARIO"
done
run_lvslab out.txt err.txt frobnicate
expect_eq "unknown command" "$rc" 2
run_lvslab out.txt err.txt run
expect_eq "run without scenario" "$rc" 2
expect_match "missing scenario message" "$(cat err.txt)" "missing SCENARIO"
run_lvslab out.txt err.txt run "$SRC/scenarios/web-basic.json" --until soon
expect_eq "bad --until" "$rc" 2
expect_match "bad --until message" "$(cat err.txt)" "--until: expected a duration"
run_lvslab out.txt err.txt run no-such-file.json
expect_eq "missing file" "$rc" 2
expect_match "missing file message" "$(cat err.txt)" "no-such-file.json"

run_lvslab out.txt err.txt validate "$SRC/scenarios/web-basic.json"
expect_eq "validate web-basic" "$rc" 0
expect_match "validate ok" "$(cat out.txt)" ": ok"

# A scenario with a misspelt key: the message names the file and the JSON pointer.
jq '.hosts[0].interfaces[0].adresses = .hosts[0].interfaces[0].addresses | del(.hosts[0].interfaces[0].addresses)' \
  "$SRC/scenarios/web-basic.json" > typo.json
run_lvslab out.txt err.txt validate typo.json
expect_eq "typo exit" "$rc" 2
expect_match "typo message" "$(cat err.txt)" "typo.json: /hosts/0/interfaces/0.*adresses"
run_lvslab out.txt err.txt run typo.json
expect_eq "run refuses the typo" "$rc" 2
expect_eq "nothing printed on stdout" "$(wc -c <out.txt)" 0

# JSON syntax error: file:line:col.
printf '{\n  "name": "x",\n  "hosts": [,]\n}\n' > syntax.json
run_lvslab out.txt err.txt validate syntax.json
expect_eq "syntax exit" "$rc" 2
expect_match "syntax message" "$(cat err.txt)" "syntax.json:3:"

# ipvsadm: its own errors and exit codes, and a refused rule in a scenario.
run_lvslab out.txt err.txt ipvsadm --help
expect_eq "ipvsadm --help" "$rc" 0
run_lvslab out.txt err.txt ipvsadm "$SRC/scenarios/lvs-nat.json" -- -d -t 192.168.0.100:80 -r 192.168.10.99:80
expect_eq "ipvsadm kernel error exit" "$rc" 255
expect_eq "ipvsadm kernel error text" "$(cat err.txt)" "No such destination"
run_lvslab out.txt err.txt ipvsadm "$SRC/scenarios/web-basic.json" -- -Ln
expect_eq "ipvsadm without a director" "$rc" 2
expect_match "ipvsadm without a director: message" "$(cat err.txt)" "no host in this scenario runs IPVS"
jq '.hosts[2].ipvsadm[1] = "-a -t 192.168.0.100:80 -r 192.168.10.11:80 -m -w -3"' "$SRC/scenarios/lvs-nat.json" > badrule.json
run_lvslab out.txt err.txt validate badrule.json
expect_eq "bad ipvsadm rule: exit" "$rc" 2
expect_match "bad ipvsadm rule: message" "$(cat err.txt)" "badrule.json: /hosts/2/ipvsadm/1: ipvsadm -a .*: illegal weight specified"
jq '.hosts[2].ipvsadm += ["-a -t 192.168.0.100:80 -r 192.168.10.11:80 -m"]' "$SRC/scenarios/lvs-nat.json" > duprule.json
run_lvslab out.txt err.txt validate duprule.json
expect_eq "refused ipvsadm rule: exit" "$rc" 2
expect_match "refused ipvsadm rule: message" "$(cat err.txt)" "duprule.json: /hosts/2/ipvsadm/3: ipvsadm .*: Destination already exists"
finish
