# Numbers at and beyond the ranges lvslab accepts: each was a crash (an abort, a
# segfault or "event scheduled in the past") and is now refused with exit code 2 and a
# message naming the file and the JSON pointer (or the option), or accepted and run.
source "$(dirname "$0")/lib.sh" "$@"
WEB=$SRC/scenarios/web-basic.json
NFS=$SRC/scenarios/lvs-dr-nfs.json

# expect_refused WHAT FILE POINTER-AND-MESSAGE-REGEX [COMMAND]
expect_refused() {
  run_lvslab out.txt err.txt "${4:-run}" "$2"
  expect_eq "$1: exit" "$rc" 2
  expect_match "$1: message" "$(cat err.txt)" "^lvslab: $2: $3"
  expect_eq "$1: nothing on stdout" "$(wc -c <out.txt)" 0
}

# A JSON number beyond a double's range, anywhere (was an uncaught out_of_range, exit 134).
sed 's/"seed": 1,/"seed": 1e400,/' "$WEB" > seed.json
expect_refused "seed 1e400" seed.json "/seed: the number 1e400 is out of range" validate
sed 's/"queue": 1000 }/"queue": -1e999 }/' "$WEB" > queue.json
expect_refused "queue -1e999" queue.json "/segments/0/queue: the number -1e999 is out of range" run

# Durations whose sums overflowed int64 nanoseconds (was "event scheduled in the past").
too_long="is longer than 365 days, the longest time lvslab simulates"
jq '.segments[0].delay = "9223372036s"' "$WEB" > delay.json
expect_refused "segment delay" delay.json "/segments/0/delay: '9223372036s' $too_long"
jq '.hosts[0].rx_delay = {"base": "9000000000s", "jitter": "9000000000s"}' "$WEB" > rx.json
expect_refused "rx_delay" rx.json "/hosts/0/rx_delay/base: '9000000000s' $too_long"
jq '.traffic[0].timeout = "9223372036s"' "$WEB" > timeout.json
expect_refused "traffic timeout" timeout.json "/traffic/0/timeout: '9223372036s' $too_long"
run_lvslab out.txt err.txt run "$WEB" --until 99999999999999999999s
expect_eq "--until too long: exit" "$rc" 2
expect_match "--until too long: message" "$(cat err.txt)" "^lvslab run: --until: '99999999999999999999s' $too_long"
# At the limit everything still runs: a year-long delay simply never arrives.
jq '.segments[0].delay = "525600min" | .hosts[0].rx_delay = {"base": "525600min", "jitter": "525600min"}
    | .traffic[0].timeout = "525600min"' "$WEB" > year.json
run_lvslab out.txt err.txt run year.json --until 20s
expect_eq "a year of delay: exit (requests fail, no crash)" "$rc" 1
expect_match "a year of delay: report" "$(cat out.txt)" "3 requests, 0 ok, 3 failed"

# Neighbour sysctls beyond what the kernel stores (was a signed overflow).
jq '.hosts[1].sysctls["net.ipv4.neigh.eth0.base_reachable_time_ms"] = 9000000000000' "$WEB" > neigh.json
expect_refused "base_reachable_time_ms 9e12" neigh.json \
  "/hosts/1/sysctls/net.ipv4.neigh.eth0.base_reachable_time_ms: sysctl: setting key .*Invalid argument \(at most 8589934588" validate

# /etc/exports with a carriage return before a continuation (was a segfault).
jq --arg e $'/public 192.168.10.0/24(ro)\n\r\\\n' '(.hosts[] | select(.name == "nfs") | .files["/etc/exports"]) = $e' \
  "$NFS" > exports.json
run_lvslab out.txt err.txt validate exports.json
expect_eq "exports with CR and continuation: exit" "$rc" 0
# An out-of-range NFS mount option is refused when autofs mounts, as mount.nfs would.
jq '(.hosts[] | select(.name == "rs1") | .files["/etc/auto.htmount"]) = "html -ro,soft,timeo=0 192.168.10.103:/public\n"' \
  "$NFS" > timeo.json
run_lvslab out.txt err.txt run timeo.json --until 3s
expect_match "timeo=0 refused at mount" "$(cat out.txt)" "an incorrect mount option was specified: timeo=0"

# hw --speed that would overflow the schedule: refused before anything is touched.
for speed in inf 1e-300 nan 0 1000; do
  run_lvslab out.txt err.txt hw compare "$SRC/scenarios/lvs-nat.json" --speed "$speed"
  expect_eq "hw --speed $speed: exit" "$rc" 2
  expect_match "hw --speed $speed: message" "$(cat err.txt)" "^lvslab hw compare: --speed: expected a number from 0.01 to 100"
done
# The viewer's --size (was sscanf's %d, which overflows), when the viewer is built.
if "$LVSLAB" --help | grep -q "^  view "; then
  for size in 99999999999x800 1280x800junk 1280x; do
    run_lvslab out.txt err.txt view "$WEB" --size "$size" --dump-state -
    expect_eq "view --size $size: exit" "$rc" 2
    expect_match "view --size $size: message" "$(cat err.txt)" "^lvslab view: --size: expected WIDTHxHEIGHT"
  done
fi
finish
