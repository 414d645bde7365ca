# Hardware mode never harms what is not its own (root, network namespaces; no IPVS
# needed): two segments never share a bridge; `hw down` signals only the lab's own
# servers' process, never a process that got its pid later; `hw down --all` keeps the
# lab of a run that is still going; lvslab hw processes take turns (a lock) and say who
# they are waiting for. Everything this test makes is removed on the way out; it touches
# no namespace and no process it did not make, and does not run beside a standing lab.
source "$(dirname "$0")/lib.sh" "$@"
lab_ns() { { ls /run/netns 2>/dev/null || true; } | { grep -E "^$1" || true; } | sort | tr '\n' ' '; }
# wait_until SECONDS COMMAND...: polls every 50 ms; false when the time ran out.
wait_until() {
  local tries=$(($1 * 20)); shift
  for ((i = 0; i < tries; i++)); do "$@" && return 0; sleep 0.05; done
  return 1
}
has_ns() { [[ -n "$(lab_ns "$1")" ]]; }
# "running" or "gone" (a zombie no one has reaped yet is gone: it ended).
state() {
  local s
  s=$(sed -E 's/.*\) ([A-Za-z]).*/\1/' "/proc/$1/stat" 2>/dev/null || true)
  [[ -n "$s" && "$s" != Z && "$s" != X ]] && echo running || echo gone
}

if [[ -n "$(lab_ns 'lvslab-')" || -s /run/lvslab/lab.pid ]]; then
  echo "SKIPPED: a standing lab (lvslab-*, /run/lvslab/lab.pid) is up on this machine; this test would remove it"
  exit 77
fi

started=()   # processes this test started (killed on the way out if still its children)
made_ns=()   # namespaces this test made by hand
made_files=()  # records this test wrote by hand
cleanup() {
  for p in "${started[@]}"; do
    [[ "$(sed -E 's/.*\) [A-Za-z] ([0-9]+) .*/\1/' "/proc/$p/stat" 2>/dev/null)" == "$$" ]] && kill "$p" 2>/dev/null
  done
  for n in "${made_ns[@]}"; do ip netns delete "$n" 2>/dev/null || true; done
  "$LVSLAB" hw down >/dev/null 2>&1 || true  # the lvslab- lab: this test's (see above)
  for f in "${made_files[@]}"; do rm -f "$f"; done
}
trap cleanup EXIT

# web-basic with the default links, which this machine's kernel runs on plain veth pairs
# also when it has no netem to shape them with (sim/hw/preflight.cpp).
jq 'del(.segments[].bandwidth, .segments[].delay, .segments[].queue)' "$SRC/scenarios/web-basic.json" >plain.json
# web-basic with segments "br1" and "server-network-1": lvslab used to name a segment
# that is no valid interface name "br<index>", here "br1" too, and made one bridge of both.
jq '.name = "bridges"
    | .segments[0].name = "br1" | .segments[1].name = "server-network-1"
    | .hosts[0].interfaces[0].segment = "br1"
    | .hosts[1].interfaces[0].segment = "br1" | .hosts[1].interfaces[1].segment = "server-network-1"
    | .hosts[2].interfaces[0].segment = "server-network-1"' plain.json >bridges.json
# web-basic with 150 more clients: a lab that takes a while to come up.
jq '.name = "many" | .hosts += [range(0; 150) as $i | {name: "c\($i)", role: "client",
    interfaces: [{name: "eth0", segment: "client-net", addresses: ["10.0.1.\(1 + $i)/16"]}]}]' \
  plain.json >many.json

echo "--- two segments, two bridges"
run_lvslab up.txt err.txt hw up bridges.json
cat up.txt err.txt
expect_eq "hw up exit" "$rc" 0
expect_eq "bridges in lvslab-switch" "$(ip -n lvslab-switch -o link show type bridge | wc -l)" 2
master() { ip -n lvslab-switch -o link show "$1" | grep -o 'master [^ ]*' || true; }
expect_eq "client-side port" "$(master gw-eth0)" "master br1"
expect_eq "server-side port" "$(master gw-eth1)" "master server-~twork-1"
expect_match "hw up says which bridge is which segment" "$(cat up.txt)" "bridge server-~twork-1 = segment server-network-1"
servers=$(cut -d' ' -f1 /run/lvslab/lab.pid)
run_lvslab down.txt err.txt hw down
expect_eq "hw down exit" "$rc" 0
expect_eq "the lab's servers' process was stopped" "$(state "$servers")" gone
expect_eq "the lab is gone" "$(lab_ns 'lvslab-')" ""

echo "--- a stale pid file: its pid now belongs to another process"
# A process whose command line says "lvslab" (as the old check wanted), but not the lab's.
bash -c 'exec -a lvslab-decoy sleep 600' &
decoy=$!
started+=("$decoy")
wait_until 5 grep -q lvslab-decoy "/proc/$decoy/cmdline"
mkdir -p /run/lvslab
echo "$decoy 1" >/run/lvslab/lab.pid  # a process that started 1 tick after boot
run_lvslab down.txt err.txt hw down
cat down.txt err.txt
expect_eq "hw down exit" "$rc" 0
expect_eq "the other process was not signalled" "$(state "$decoy")" running
expect_match "hw down says why" "$(cat err.txt)" "names process $decoy, .*that pid now belongs to another process.*not signalled"
expect_eq "the stale pid file is gone" "$(ls /run/lvslab/lab.pid 2>/dev/null || true)" ""

echo "--- hw down --all beside a running hw run"
"$LVSLAB" hw run plain.json --json >run.json 2>run.err &
run=$!
started+=("$run")
wait_until 20 has_ns "lvslab$run-" || fail "hw run made no namespaces"
run_lvslab down.txt err.txt hw down --all
cat down.txt err.txt
expect_eq "hw down --all exit" "$rc" 0
expect_match "hw down --all says what it kept" "$(cat down.txt)" "^kept lvslab$run-\*: they belong to process $run \(.*hw run"
expect_match "the run's namespaces are still there" "$(lab_ns "lvslab$run-")" "lvslab$run-switch"
set +e; wait "$run"; run_rc=$?; set -e
cat run.err
expect_eq "the run finished undisturbed" "$run_rc" 0
expect_eq "its requests succeeded" "$(jq -c '[.requests[].status]' run.json)" "[200,200,200]"
expect_eq "the run removed its namespaces" "$(lab_ns "lvslab$run-")" ""

echo "--- hw down --all and a pid the kernel gave to another process"
ip netns add "lvslab$decoy-reused" && made_ns+=("lvslab$decoy-reused")
echo "$decoy 1" >"/run/lvslab/lvslab$decoy.pid" && made_files+=("/run/lvslab/lvslab$decoy.pid")
run_lvslab down.txt err.txt hw down --all
cat down.txt err.txt
expect_eq "hw down --all exit" "$rc" 0
expect_eq "the abandoned lab was removed" "$(lab_ns "lvslab$decoy-")" ""
expect_eq "its record too" "$(ls "/run/lvslab/lvslab$decoy.pid" 2>/dev/null || true)" ""
expect_eq "the process with that pid was left alone" "$(state "$decoy")" running
# Without a record, a running process of that pid may be the lab's maker: kept.
ip netns add "lvslab$decoy-norecord" && made_ns+=("lvslab$decoy-norecord")
run_lvslab down.txt err.txt hw down --all
cat down.txt
expect_match "no record and a running pid: kept" "$(cat down.txt)" "^kept lvslab$decoy-\*: there is no /run/lvslab/lvslab$decoy.pid"
expect_eq "still there" "$(lab_ns "lvslab$decoy-")" "lvslab$decoy-norecord "

echo "--- one lvslab hw process at a time, and who holds the lock"
flock /run/lvslab/lock sleep 3 &
holder=$!
started+=("$holder")
wait_until 5 grep -q " FLOCK .* $holder " /proc/locks
"$LVSLAB" hw up bridges.json >up.txt 2>up.err &
up=$!
started+=("$up")
sleep 1.5
expect_eq "hw up waits while another process holds the lock" "$(lab_ns 'lvslab-')" ""
expect_match "and says for whom" "$(cat up.err)" "waiting for process $holder \(flock /run/lvslab/lock sleep 3\)"
set +e; wait "$up"; up_rc=$?; set -e
expect_eq "then it brings the lab up" "$up_rc" 0
run_lvslab down.txt err.txt hw down
expect_eq "hw down exit" "$rc" 0

echo "--- hw down while hw up is still building the lab"
"$LVSLAB" hw up many.json >up.txt 2>up.err &
up=$!
started+=("$up")
wait_until 20 has_ns 'lvslab-' || fail "hw up made no namespaces"
run_lvslab down.txt err.txt hw down
set +e; wait "$up"; up_rc=$?; set -e
cat up.err err.txt
expect_eq "hw up was not disturbed" "$up_rc" 0
expect_eq "hw down exit" "$rc" 0
expect_match "hw down waited for hw up" "$(cat err.txt)" "waiting for process $up \(.*hw up .*many.json\)"
expect_eq "hw down removed the lab once it was up" "$(lab_ns 'lvslab-')" ""
expect_eq "and stopped its servers" "$(ls /run/lvslab/lab.pid 2>/dev/null || true)" ""
finish
