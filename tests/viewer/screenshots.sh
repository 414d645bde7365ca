# The viewer without a display: `lvslab view --screenshot --dump-state` under Xvfb (Mesa
# software OpenGL) on the NAT scenario at the director's first forwarded SYN and on the
# DR ARP problem at the moment the gateway's entry for the VIP points to a real server.
# Checks: the PNG has the window's size and real content; the event the viewer opened at
# is the one jq finds in `lvslab run --trace`; the state panel (--dump-state) equals the
# state the trace implies at that event (every neighbour entry, the IPVS connection).
# Usage: screenshots.sh LVSLAB SOURCE_DIR WORK_DIR PNG_STATS
source "$(dirname "$0")/../e2e/lib.sh" "$@"
PNG_STATS=$4
XVFB=(xvfb-run -a -s "-screen 0 1280x800x24")

# neighbours_from_trace TRACE N: "host dev ip STATE mac" of every entry after event N.
neighbours_from_trace() {
  jq -s -r --argjson n "$2" '
    [.[1:][:($n + 1)][] | select(.type == "neigh")]
    | reduce .[] as $r ({}; .["\($r.host) \($r.iface) \($r.ip)"] = {state: $r.to, mac: $r.mac})
    | to_entries[] | select(.value.state != "NONE") | "\(.key) \(.value.state) \(.value.mac)"' "$1" | sort
}
neighbours_from_dump() {
  jq -r '.hosts[] as $h | $h.neighbours[] | "\($h.name) \(.dev) \(.ip) \(.state) \(.lladdr)"' "$1" | sort
}
check_png() {  # check_png WHAT FILE
  local stats
  stats=$("$PNG_STATS" "$2") || { fail "$1: unreadable PNG"; return; }
  read -r w h colours <<<"$stats"
  expect_eq "$1 size" "${w}x${h}" "1280x800"
  if ((colours >= 200)); then pass "$1 has $colours colours"; else fail "$1 looks blank: $colours colours"; fi
}

# --- LVS-NAT at the director's first forwarded SYN -------------------------------------
nat=$SRC/scenarios/lvs-nat.json
run_lvslab run.out run.err run "$nat" --trace nat.jsonl
expect_eq "lvs-nat run exit" "$rc" 0
syn=$(jq -s '[.[1:][] ] | to_entries | map(select(.value.type == "frame_tx" and .value.host == "director"
              and (.value.summary | test("^TCP .* \\[S\\]")))) | first.key' nat.jsonl)
run_lvslab view.out view.err view "$nat" --at-event first-forwarded-syn --select 1 --dump-state nat-state.json
expect_eq "dump-state without a display exits" "$rc" 0
expect_eq "first-forwarded-syn is the event jq finds" "$(jq .event nat-state.json)" "$syn"
set +e
"${XVFB[@]}" "$LVSLAB" view "$nat" --at-event first-forwarded-syn --select 1 --screenshot nat.png \
  --dump-state nat-state2.json >shot.out 2>shot.err
rc=$?
set -e
expect_eq "screenshot exit (stderr: $(head -c 300 shot.err))" "$rc" 0
check_png "NAT screenshot" nat.png
expect_eq "dump-state is the same with a window" "$(cmp -s nat-state.json nat-state2.json && echo same)" same
expect_eq "NAT neighbours at event $syn" "$(neighbours_from_dump nat-state.json)" "$(neighbours_from_trace nat.jsonl "$syn")"
# The connection the director just scheduled, from the trace's last ipvs_conn record...
conn=$(jq -s -r --argjson n "$syn" '[.[1:][:($n + 1)][] | select(.type == "ipvs_conn")] | last
          | "\(.client) \(.virtual) \(.dest)"' nat.jsonl)
read -r client virtual dest <<<"$conn"
lnc=$(jq -r '.hosts[] | select(.name == "director") | .ipvs.connections' nat-state.json)
expect_match "director -Lnc shows the new connection" "$lnc" "^TCP [0-9:]+ +SYN_RECV +$client +$virtual +$dest"
# ... and exactly what `lvslab ipvsadm` prints when the run is stopped at that instant.
t=$(jq .time nat-state.json)
run_lvslab ipvsadm.out ipvsadm.err ipvsadm "$nat" --at "${t}ns" -- -Lnc
expect_eq "-Lnc equals lvslab ipvsadm --at ${t}ns" "$lnc" "$(cat ipvsadm.out)"
run_lvslab ipvsadm.out ipvsadm.err ipvsadm "$nat" --at "${t}ns" -- -Ln
expect_eq "-Ln equals lvslab ipvsadm --at ${t}ns" \
  "$(jq -r '.hosts[] | select(.name == "director") | .ipvs.list' nat-state.json)" "$(cat ipvsadm.out)"

# --- LVS-DR ARP problem: the gateway's entry for the VIP gets a real server's MAC ------
dr=$SRC/scenarios/lvs-dr-arp-problem.json
run_lvslab run.out run.err run "$dr" --trace dr.jsonl
rs_macs=$(jq -c 'select(.type == "meta") | [.hosts[] | select(.role == "realserver") | .interfaces[].mac
          | select(. != "00:00:00:00:00:00")]' dr.jsonl)
vip=$(jq -r 'select(.type == "meta") | .hosts[] | select(.role == "director") | .interfaces[].addresses[]' dr.jsonl |
      grep -v '^127\.' | sed -n 2p | cut -d/ -f1)
flip=$(jq -s --argjson rs "$rs_macs" --arg vip "$vip" '[.[1:][]] | to_entries | map(select(.value.type == "neigh"
          and .value.host == "gw" and .value.ip == $vip and (.value.mac as $m | $rs | any(.[]; . == $m))))
          | first.key' dr.jsonl)
set +e
"${XVFB[@]}" "$LVSLAB" view "$dr" --at-event vip-flip --screenshot dr.png --dump-state dr-state.json \
  >shot.out 2>shot.err
rc=$?
set -e
expect_eq "DR screenshot exit (stderr: $(head -c 300 shot.err))" "$rc" 0
check_png "DR-ARP screenshot" dr.png
expect_eq "vip-flip is the event jq finds (VIP $vip)" "$(jq .event dr-state.json)" "$flip"
want=$(jq -s -r --argjson n "$flip" --arg vip "$vip" '[.[1:][:($n + 1)][] | select(.type == "neigh" and .host == "gw"
          and .ip == $vip)] | last.mac' dr.jsonl)
got=$(jq -r --arg vip "$vip" '.hosts[] | select(.name == "gw") | .neighbours[] | select(.ip == $vip) | .lladdr' dr-state.json)
expect_eq "gateway's entry for the VIP in the state panel" "$got" "$want"
expect_match "the explanation names the bypass" "$(jq -r .explanation dr-state.json)" "bypass the director"
expect_eq "DR neighbours at event $flip" "$(neighbours_from_dump dr-state.json)" "$(neighbours_from_trace dr.jsonl "$flip")"

# --- a screenshot cut by a full disk (a file-size limit: write(2) fails EFBIG) ------------
set +e
"${XVFB[@]}" bash -c "trap '' XFSZ; ulimit -f 4; exec \"\$0\" view \"\$1\" --screenshot cut.png" "$LVSLAB" "$nat" \
  >cut.out 2>cut.err
rc=$?
set -e
expect_eq "screenshot on a full disk: exit" "$rc" 3
expect_match "screenshot on a full disk: reason" "$(cat cut.err)" "--screenshot: cut.png: File too large"
expect_eq "screenshot on a full disk: no cut PNG, no temporary" "$(ls -A | grep -c 'cut.png\|lvslab-tmp' || true)" 0

# --- bad input -------------------------------------------------------------------------
run_lvslab bad.out bad.err view "$nat" --at-event nowhere --dump-state -
expect_eq "unknown --at-event exit" "$rc" 2
expect_match "unknown --at-event message" "$(cat bad.err)" "expected an event number or one of"
run_lvslab bad.out bad.err view "$nat" --select 99 --dump-state -
expect_eq "unknown --select exit" "$rc" 2
finish
