# `lvslab hw` on this machine's own kernel (root, network namespaces): web-basic needs no
# IPVS, so it runs everywhere CI does; an LVS scenario on a kernel without IPVS must be
# refused with exit 2 and leave nothing behind. (The LVS comparisons on a real IPVS
# kernel are the `kernel` test: tests/kernel/.)
#
# The test runs as on a machine that never created a network namespace (no /run/netns,
# issue 9): in a private mount namespace over an empty tmpfs /run. That view of /run is
# also its own, so `hw down --all` below never meets another lab standing on this machine.
source "$(dirname "$0")/fresh_run.sh" "$@"
source "$(dirname "$0")/lib.sh" "$@"
expect_eq "no /run/netns at the start (a fresh machine)" "$([[ -e /run/netns ]] && echo exists || echo absent)" absent
# web-basic with the default links: hardware mode shapes links with netem and tbf, and on
# a kernel without them (this machine's may have none) runs the default links as plain
# veth pairs, with a warning. Its own 50 us links are refused there (checked below).
jq 'del(.segments[].bandwidth, .segments[].delay, .segments[].queue)' "$SRC/scenarios/web-basic.json" >plain.json
scenario=$PWD/plain.json
# The lab's namespaces (lvslab-HOST, lvslab<pid>-HOST). /run/netns exists only once some
# namespace was ever created on this machine: a missing directory means none (a bare
# `ls /run/netns` would fail there and, under pipefail, end the script).
netns() {
  [[ -d /run/netns ]] || return 0
  find /run/netns -mindepth 1 -maxdepth 1 -printf '%f\n' | { grep -E '^lvslab[0-9]*-' || true; } | sort | tr '\n' ' '
}
before=$(netns)

run_lvslab shaped.json shaped.err hw run "$SRC/scenarios/web-basic.json" --json --speed 4
cat shaped.err
if grep -q "cannot shape links with the netem and tbf qdiscs" shaped.err; then
  expect_eq "links this kernel cannot shape: refused" "$rc" 2
  expect_eq "nothing made for the refused run" "$(netns)" "$before"
else
  expect_eq "shaped links: hw run exit" "$rc" 0
fi

run_lvslab out.json err.txt hw run "$scenario" --json --speed 4
cat err.txt
expect_eq "hw run exit" "$rc" 0
run_lvslab sim.json err2.txt run "$scenario" --json
expect_eq "same JSON shape as lvslab run" "$(jq -c '[keys_unsorted[] | select(. != "kernel")]' out.json)" \
  "$(jq -c '[keys_unsorted[]]' sim.json)"
expect_eq "same request fields" "$(jq -c '.requests[0] | keys_unsorted' out.json)" "$(jq -c '.requests[0] | keys_unsorted' sim.json)"
expect_eq "servers" "$(jq -c '[.requests[].server]' out.json)" '["web1","web1","web1"]'
expect_eq "paths from the captures" "$(jq -c '[.requests[].path] | unique' out.json)" '["CIP-DGW-SIP-DGW-CIP"]'
expect_eq "hops" "$(jq -c '.requests[0].hops' out.json)" "$(jq -c '.requests[0].hops' sim.json)"
expect_eq "kernel release" "$(jq -r '.kernel.release' out.json)" "$(uname -r)"
expect_eq "namespaces removed after the run" "$(netns)" "$before"

run_lvslab cmp.txt err.txt hw compare "$scenario" --speed 4
cat cmp.txt err.txt
expect_eq "hw compare exit" "$rc" 0
expect_match "compare table" "$(cat cmp.txt)" "request 3 path +CIP-DGW-SIP-DGW-CIP +CIP-DGW-SIP-DGW-CIP +same"

# A killed run leaves its namespaces; hw down --all removes them.
"$LVSLAB" hw run "$scenario" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 50); do [[ -n "$(netns)" && "$(netns)" != "$before" ]] && break; sleep 0.1; done
kill -9 "$pid"; wait "$pid" 2>/dev/null || true
expect_match "a killed run leaves namespaces" "$(netns)" "lvslab$pid-"
run_lvslab down.txt err.txt hw down --all
expect_eq "hw down --all exit" "$rc" 0
# (Only the killed run's: the labs of runs still going are kept, see hw_safety.sh.)
expect_eq "hw down --all removed them" "$(netns | tr ' ' '\n' | { grep "^lvslab$pid-" || true; })" ""

if [[ ! -d /sys/module/ip_vs ]] && ! grep -q IPVS /proc/net/genetlink 2>/dev/null; then
  modprobe -q ip_vs 2>/dev/null || true
  if [[ ! -d /sys/module/ip_vs ]]; then
    pre=$(netns)
    run_lvslab out.txt err.txt hw run "$SRC/scenarios/lvs-nat.json"
    expect_eq "no IPVS: exit 2" "$rc" 2
    expect_match "no IPVS: says what is missing" "$(cat err.txt)" "has no IP Virtual Server.*modprobe ip_vs"
    expect_eq "no IPVS: nothing created" "$(netns)" "$pre"
  fi
fi
finish
