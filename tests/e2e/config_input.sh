#!/usr/bin/env bash
# Hosts configured the way students configure real machines (docs/config-input.md): an
# LVS-NAT lab whose director gets its addresses and IPVS rules from a shell_file and
# ip_forward from /etc/sysctl.conf, its real servers from "shell" lines (ifconfig, route
# add, echo > /var/www/html/index.html, systemctl start httpd), and a timed shell action
# that removes a real server; an LVS-DR lab whose rs1 is configured by typed commands only
# (ifconfig lo:0, route add -host VIP dev lo:0, echo > /proc/sys/.../arp_ignore) and rs2
# by persistent files (ifcfg-eth0, ifcfg-lo:0, sysctl.conf, enable httpd), both rebooted:
# only rs2's configuration survives. Then warnings (unread files, lines not understood)
# and the errors of the new keys.
source "$(dirname "$0")/lib.sh" "$@"

mkdir -p director
cat > nat.json <<'JSON'
{
  "name": "nat-from-shell",
  "description": "The LVS-NAT lab written as a student configures it: addresses, routes and IPVS rules typed in a shell, ip_forward from /etc/sysctl.conf.",
  "duration": "10s",
  "segments": [ { "name": "client-net" }, { "name": "wan" }, { "name": "lan" } ],
  "hosts": [
    { "name": "client1", "role": "client",
      "interfaces": [ { "name": "eth0", "segment": "client-net", "addresses": ["10.0.0.5/24"] } ],
      "routes": ["route add default gw 10.0.0.1"] },
    { "name": "gw", "role": "gateway",
      "interfaces": [ { "name": "eth0", "segment": "client-net", "addresses": ["10.0.0.1/24"] },
                      { "name": "eth1", "segment": "wan", "addresses": ["192.168.0.1/24"] } ],
      "files": { "/etc/sysctl.conf": "net.ipv4.ip_forward = 1\n" } },
    { "name": "director", "role": "director",
      "interfaces": [ { "name": "eth0", "segment": "wan" }, { "name": "eth1", "segment": "lan" } ],
      "files": { "/etc/sysctl.conf": "# LVS-NAT forwards\nnet.ipv4.ip_forward = 1\n" },
      "shell_file": "director/setup.sh" },
    { "name": "rs1", "role": "realserver",
      "interfaces": [ { "name": "eth0", "segment": "lan" } ],
      "shell": ["[root@rs1 ~]# ifconfig eth0 192.168.10.11 netmask 255.255.255.0 up",
                "[root@rs1 ~]# route add default gw 192.168.10.1",
                "[root@rs1 ~]# echo rs1 > /var/www/html/index.html",
                "[root@rs1 ~]# systemctl start httpd"] },
    { "name": "rs2", "role": "realserver",
      "interfaces": [ { "name": "eth0", "segment": "lan" } ],
      "shell": ["ip addr add 192.168.10.12/24 dev eth0", "ip route add default via 192.168.10.1",
                "echo rs2 > /var/www/html/index.html", "systemctl start httpd"] }
  ],
  "traffic": [
    { "client": "client1", "type": "http", "url": "http://192.168.0.100/", "at": "1s", "every": "1s", "count": 6,
      "expect": { "status": 200, "path": "CIP-DGW-VIP-RIP-DIP-DGW-CIP" } }
  ],
  "actions": [
    { "at": "3500ms", "host": "director", "shell": ["ipvsadm -d -t 192.168.0.100:80 -r 192.168.10.11:80", "ipvsadm -Ln"] }
  ]
}
JSON
cat > director/setup.sh <<'SH'
[root@director ~]# ifconfig eth0 192.168.0.10 netmask 255.255.255.0 up
[root@director ~]# ifconfig eth0:0 192.168.0.100 netmask 255.255.255.0 up
[root@director ~]# ifconfig eth1 192.168.10.1 netmask 255.255.255.0 up
[root@director ~]# route add default gw 192.168.0.1
[root@director ~]# ipvsadm -A -t 192.168.0.100:80 -s rr
[root@director ~]# ipvsadm -a -t 192.168.0.100:80 -r 192.168.10.11:80 -m
[root@director ~]# ipvsadm -a -t 192.168.0.100:80 -r 192.168.10.12:80 -m
[root@director ~]# ipvsadm -Ln
SH
cat > dr.json <<'JSON'
{
  "name": "dr-reboot",
  "description": "LVS-DR: rs1 configured by typed commands only, rs2 by persistent files; both reboot at 3.5s.",
  "duration": "10s",
  "segments": [ { "name": "client-net" }, { "name": "lan" } ],
  "hosts": [
    { "name": "client1", "role": "client",
      "interfaces": [ { "name": "eth0", "segment": "client-net", "addresses": ["10.0.0.5/24"] } ],
      "routes": ["ip route add default via 10.0.0.1"] },
    { "name": "gw", "role": "gateway",
      "interfaces": [ { "name": "eth0", "segment": "client-net", "addresses": ["10.0.0.1/24"] },
                      { "name": "eth1", "segment": "lan", "addresses": ["192.168.10.254/24"] } ],
      "sysctls": { "net.ipv4.ip_forward": 1 } },
    { "name": "director", "role": "director",
      "interfaces": [ { "name": "eth0", "segment": "lan", "addresses": ["192.168.10.10/24"] } ],
      "shell": ["ifconfig eth0:0 192.168.10.100 netmask 255.255.255.255 broadcast 192.168.10.100 up",
                "route add default gw 192.168.10.254",
                "ipvsadm -A -t 192.168.10.100:80 -s rr",
                "ipvsadm -a -t 192.168.10.100:80 -r 192.168.10.11:80 -g",
                "ipvsadm -a -t 192.168.10.100:80 -r 192.168.10.12:80 -g"] },
    { "name": "rs1", "role": "realserver",
      "interfaces": [ { "name": "eth0", "segment": "lan" } ],
      "shell": ["[root@rs1 ~]# ifconfig eth0 192.168.10.11 netmask 255.255.255.0 up",
                "[root@rs1 ~]# route add default gw 192.168.10.254",
                "[root@rs1 ~]# ifconfig lo:0 192.168.10.100 netmask 255.255.255.255 broadcast 192.168.10.100 up",
                "[root@rs1 ~]# route add -host 192.168.10.100 dev lo:0",
                "[root@rs1 ~]# echo 1 > /proc/sys/net/ipv4/conf/lo/arp_ignore",
                "[root@rs1 ~]# echo 2 > /proc/sys/net/ipv4/conf/lo/arp_announce",
                "[root@rs1 ~]# echo 1 > /proc/sys/net/ipv4/conf/all/arp_ignore",
                "[root@rs1 ~]# echo 2 > /proc/sys/net/ipv4/conf/all/arp_announce",
                "[root@rs1 ~]# echo rs1 > /var/www/html/index.html",
                "[root@rs1 ~]# systemctl start httpd",
                "[root@rs1 ~]# ip route show"] },
    { "name": "rs2", "role": "realserver",
      "interfaces": [ { "name": "eth0", "segment": "lan" } ],
      "enable": ["httpd"],
      "files": {
        "/etc/sysconfig/network-scripts/ifcfg-eth0": "DEVICE=eth0\nBOOTPROTO=static\nONBOOT=yes\nIPADDR=192.168.10.12\nNETMASK=255.255.255.0\nGATEWAY=192.168.10.254\n",
        "/etc/sysconfig/network-scripts/ifcfg-lo:0": "DEVICE=lo:0\nIPADDR=192.168.10.100\nNETMASK=255.255.255.255\nONBOOT=yes\nNAME=loopback\n",
        "/etc/sysctl.conf": "net.ipv4.conf.lo.arp_ignore = 1\nnet.ipv4.conf.lo.arp_announce = 2\nnet.ipv4.conf.all.arp_ignore = 1\nnet.ipv4.conf.all.arp_announce = 2\n",
        "/var/www/html/index.html": "rs2\n"
      } }
  ],
  "traffic": [
    { "client": "client1", "type": "http", "url": "http://192.168.10.100/", "at": "1s", "every": "1s", "count": 6,
      "timeout": "1s" }
  ],
  "actions": [
    { "at": "3500ms", "host": "rs1", "power": "reboot" },
    { "at": "3500ms", "host": "rs2", "power": "reboot" }
  ]
}
JSON

# --- the published schema knows the new keys ------------------------------------------------
for f in nat.json dr.json; do
  if python3 - "$SRC/scenarios/schema.json" "$f" <<'PY'
import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))
PY
  then pass "$f matches schema.json"; else fail "$f does not match schema.json"; fi
done

# --- NAT from a shell_file, shell lines and sysctl.conf -----------------------------------
run_lvslab out err validate nat.json
expect_eq "validate nat exit" "$rc" 0
expect_eq "validate nat stderr (no warnings)" "$(cat err)" ""
run_lvslab out err run nat.json
expect_eq "run nat exit" "$rc" 0
expect_match "director transcript: -Ln typed" "$(cat out)" '^  \[root@director ~\]# ipvsadm -Ln$'
expect_match "director transcript: -Ln output" "$(cat out)" '^    -> 192\.168\.10\.11:80             Masq    1      0          0 +$'
expect_match "rs1 transcript: typed prompt kept once" "$(cat out)" '^  \[root@rs1 ~\]# route add default gw 192\.168\.10\.1$'
expect_eq "requests answered by rs1 (before the 3.5s action removed it)" "$(grep -c '200 from rs1' out)" 1
expect_eq "requests answered by rs2" "$(grep -c '200 from rs2' out)" 5
expect_match "timed shell action in the action log" "$(cat out)" \
  '^  3\.500000000s  director: shell: ipvsadm -d -t 192\.168\.0\.100:80 -r 192\.168\.10\.11:80; ipvsadm -Ln$'
expect_match "timed action's -Ln shows rs2 only" "$(cat out)" '^      -> 192\.168\.10\.12:80             Masq    1      0          2 +$'
run_lvslab out.json err run nat.json --json
expect_eq "run nat --json exit" "$rc" 0
expect_eq "--json: director's transcript" \
  "$(python3 -c 'import json,sys; d=json.load(open("out.json")); h=[h for h in d["hosts"] if h["host"]=="director"][0]; print(h["shell"], len(h["transcript"]), h["transcript"][7]["command"], h["transcript"][7]["status"])')" \
  "director/setup.sh 8 ipvsadm -Ln 0"
expect_eq "--json: the action's transcript" \
  "$(python3 -c 'import json; d=json.load(open("out.json")); t=d["actions"][0]["transcript"]; print(len(t), t[0]["prompt"], "192.168.10.11" in t[1]["output"])')" \
  "2 [root@director ~]#  False"

# --- DR: what survives a reboot ------------------------------------------------------------
run_lvslab out err run dr.json
expect_eq "run dr exit (rs1's requests after the reboot fail)" "$rc" 1
expect_match "rs1: route add -host VIP dev lo:0 is dev lo src VIP" "$(cat out)" \
  '^  192\.168\.10\.100 dev lo scope link src 192\.168\.10\.100 $'
expect_eq "rs1 answered before its reboot only" "$(grep -c '200 from rs1' out)" 1
expect_eq "rs2 (persistent files) answered before and after" "$(grep -c '200 from rs2' out)" 3
expect_eq "requests to rs1 after its reboot time out" "$(grep -c 'FAILED: Connection timed out' out)" 2
expect_match "reboot in the action log" "$(cat out)" '^  3\.500000000s  rs2: reboot$'

# --- warnings: files nothing reads, lines not understood, failed commands --------------------
cat > warn.json <<'JSON'
{ "name": "warn", "duration": "1s", "segments": [ { "name": "lan" } ],
  "hosts": [ { "name": "c", "role": "client",
               "interfaces": [ { "name": "eth0", "segment": "lan", "addresses": ["10.0.0.5/24"] } ],
               "files": { "/etc/sysctl.conf": "net.ipv4.ip_forward = 1\n", "/etc/ipvsadm.rules": "-C\n" },
               "shell": ["frobnicate --now", "route add default gw 172.16.0.1"] } ] }
JSON
run_lvslab out err validate warn.json
expect_eq "validate with warnings exit" "$rc" 0
expect_match "validate counts the warnings" "$(cat out)" '^warn\.json: ok \(1 host, 1 segment, 3 warnings\)$'
expect_match "unread file warning" "$(cat err)" \
  '^warn\.json: warning: host c: /etc/ipvsadm\.rules is not read by anything lvslab models on this host; read are: /etc/sysctl\.conf$'
expect_match "not understood warning" "$(cat err)" '^warn\.json: warning: host c: /hosts/0/shell:1: not understood: frobnicate --now$'
expect_match "failed command warning, with Linux's message" "$(cat err)" \
  '^warn\.json: warning: host c: /hosts/0/shell:2: `route add default gw 172\.16\.0\.1` failed \(exit 7\): SIOCADDRT: Network is unreachable$'
run_lvslab out err run warn.json
expect_match "run prints the warnings" "$(cat out)" '^  c: /etc/ipvsadm\.rules is not read by anything'
expect_match "run prints the failed command's output" "$(cat out)" '^  SIOCADDRT: Network is unreachable$'

# --- no shipped scenario has a warning ------------------------------------------------------
for f in "$SRC"/scenarios/*.json; do
  [[ $(basename "$f") == schema.json ]] && continue
  run_lvslab out err validate "$f"
  expect_eq "validate $(basename "$f"): no warnings" "$rc $(grep -c 'warning' err || true)" "0 0"
done

# --- errors of the new keys ------------------------------------------------------------------
sed 's#"shell_file": "director/setup.sh"#"shell_file": "director/nosuch.sh"#' nat.json > missing.json
run_lvslab out err validate missing.json
expect_eq "missing shell_file exit" "$rc" 2
expect_match "missing shell_file message" "$(cat err)" \
  "^lvslab: missing\.json: /hosts/2/shell_file: 'director/nosuch\.sh' \(.*director/nosuch\.sh\): cannot open file: No such file or directory$"
sed 's#"ip route add default via 10.0.0.1"#"192.168.10.100/32 dev lo:0"#' dr.json > lo0.json
run_lvslab out err validate lo0.json
expect_eq "route via lo:0 exit" "$rc" 2
expect_match "route via lo:0 names the label" "$(cat err)" "'lo:0' is not a device but a label of lo"
sed 's#"power": "reboot"#"power": "restart"#' dr.json > power.json
run_lvslab out err validate power.json
expect_eq "bad power word exit" "$rc" 2
expect_match "bad power word message" "$(cat err)" "expected \"on\", \"off\" or \"reboot\", got 'restart'"
# --- timed actions: curl/wget are requests of the run; systemctl stop/start httpd ----------
cat > timed.json <<'JSON'
{
  "name": "timed-curl", "duration": "10s", "segments": [ { "name": "lan" } ],
  "hosts": [
    { "name": "c", "role": "client",
      "interfaces": [ { "name": "eth0", "segment": "lan", "addresses": ["10.0.0.5/24"] } ] },
    { "name": "s", "role": "server",
      "interfaces": [ { "name": "eth0", "segment": "lan", "addresses": ["10.0.0.10/24"] } ],
      "enable": ["httpd"], "files": { "/var/www/html/index.html": "page of s\n" } }
  ],
  "actions": [
    { "at": "2s", "host": "c", "shell": "curl -s http://10.0.0.10/" },
    { "at": "3s", "host": "s", "shell": "systemctl stop httpd" },
    { "at": "4s", "host": "c", "shell": "wget -q -O - http://10.0.0.10/" },
    { "at": "5s", "host": "s", "shell": "systemctl start httpd" },
    { "at": "6s", "host": "c", "shell": "curl http://10.0.0.10/" }
  ]
}
JSON
run_lvslab out err run timed.json
expect_eq "timed curl run exit (the request while httpd is stopped fails)" "$rc" 1
expect_match "curl at 2s is request #1 from c" "$(cat out)" '^#1  2\.000000000s  c  GET http://10\.0\.0\.10/$'
expect_eq "answered before the stop and after the start" "$(grep -c '200 from s' out)" 2
expect_match "wget while httpd is stopped: refused" "$(cat out)" 'FAILED: .*Connection refused'
expect_match "the summary counts the typed requests" "$(cat out)" '^3 requests, 2 ok, 1 failed;'
finish
