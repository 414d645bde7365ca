#!/usr/bin/env bash
# The tutorial's three labs (examples/textbook/), configured only by each host's files
# (ifcfg-*, sysctl.conf, exports, auto.*) and typed commands (setup.sh): each runs, every
# request is answered by the server and along the path the lab's model says, the
# transcript shows what the commands print, nothing is "not understood", and the
# director's tables hold what the commands made.
source "$(dirname "$0")/lib.sh" "$@"
LABS=$SRC/examples/textbook

# lab_run LAB: runs it (text and --json), sets $out and $json
lab_run() {
  run_lvslab out.txt err.txt run "$LABS/$1/lab.json"
  expect_eq "$1: exit status" "$rc" 0
  out=$(cat out.txt)
  expect_match "$1: every request ok" "$out" '^4 requests, 4 ok, 0 failed'
  expect_eq "$1: nothing on stderr" "$(cat err.txt)" ""
  expect_eq "$1: no warnings section" "$(grep -c '^warnings:' out.txt || true)" 0
  expect_eq "$1: nothing 'not understood'" "$(grep -c 'not understood' out.txt || true)" 0
  run_lvslab out.json err.json run "$LABS/$1/lab.json" --json
  json=$(cat out.json)
  run_lvslab val.txt val.err validate "$LABS/$1/lab.json"
  expect_eq "$1: validate" "$rc $(cat val.txt) $(cat val.err)" "0 $LABS/$1/lab.json: ok ($2) "
}

# --- LVS-NAT -----------------------------------------------------------------------------
lab_run lvs-nat "4 hosts, 2 segments"
expect_eq "nat: servers in turn" "$(jq -r '[.requests[].server] | join(" ")' <<<"$json")" "rs2 rs1 rs2 rs1"
expect_eq "nat: paths" "$(jq -r '[.requests[].path] | unique | join(" ")' <<<"$json")" "CIP-VIP-RIP-DIP-CIP"
expect_match "nat: ip_forward came from /etc/sysctl.conf (sysctl -p)" "$out" '^  net\.ipv4\.ip_forward = 1$'
expect_match "nat: the director's -Ln in the transcript" "$out" '^    -> 192\.168\.20\.102:80            Masq    1      0          0         $'
expect_match "nat: rs1's route from GATEWAY= in ifcfg-ens33" "$out" '^  default via 192\.168\.20\.100 dev ens33 $'
expect_match "nat: systemctl enable's message" "$out" 'Created symlink from /etc/systemd/system/multi-user.target.wants/ipvsadm.service'
run_lvslab ln.txt ln.err ipvsadm "$LABS/lvs-nat/lab.json" --at 5s -- -Ln
expect_eq "nat: -Ln at 5 s" "$rc $(tail -n 3 ln.txt | tr -s ' ')" \
  "0 TCP 192.168.10.100:80 rr
 -> 192.168.20.101:80 Masq 1 0 2 
 -> 192.168.20.102:80 Masq 1 0 2 "

# --- LVS-DR ------------------------------------------------------------------------------
lab_run lvs-dr "4 hosts, 1 segment"
expect_eq "dr: servers in turn" "$(jq -r '[.requests[].server] | join(" ")' <<<"$json")" "rs2 rs1 rs2 rs1"
expect_eq "dr: paths" "$(jq -r '[.requests[].path] | unique | join(" ")' <<<"$json")" "CIP-VIP-RIP-CIP"
expect_match "dr: the VIP on lo:0 from ifcfg-lo:0" "$out" '^          inet 192\.168\.10\.10  netmask 255\.255\.255\.255$'
expect_match "dr: arp_ignore from /etc/sysctl.conf" "$out" '^  net\.ipv4\.conf\.lo\.arp_ignore = 1$'
expect_match "dr: only the director answers ARP for the VIP" "$out" 'director ens33: answers who-has 192\.168\.10\.10 with'
expect_eq "dr: no real server answers ARP for the VIP" "$(grep -c 'rs[12] ens33: answers who-has 192.168.10.10' out.txt || true)" 0

# --- LVS-DR with NFS ---------------------------------------------------------------------
lab_run lvs-dr-nfs "5 hosts, 1 segment"
expect_eq "nfs: every page from the NFS server" "$(jq '[.requests[].body] | unique' -c <<<"$json")" '["from nfs server!\n"]'
expect_match "nfs: exportfs -rv" "$out" '^  exporting 192\.168\.10\.0/24:/public$'
expect_match "nfs: autofs mounted the export" "$out" 'mounted 192\.168\.10\.103:/public on /var/www/html'

finish
