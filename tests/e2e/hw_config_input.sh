# Hardware mode builds a host written as shell lines and files (docs/config-input.md) from
# the same read-back keys as the simulator: a server whose address, lo:0 alias, `route add
# -host ... dev lo:0`, arp_ignore (from /etc/sysctl.conf), page and httpd come from its
# "shell" and "files"; `lvslab hw compare` must find the kernel and the simulator agree.
# (No IPVS: it runs wherever hw_mode.sh runs. The LVS labs are the qemu kernel test's.)
# Run in a private mount namespace over an empty /run, as hw_mode.sh, so that no lab
# standing on this machine is touched.
source "$(dirname "$0")/fresh_run.sh" "$@"
source "$(dirname "$0")/lib.sh" "$@"
cat > lab.json <<'JSON'
{"name":"hwweb","duration":"3s","segments":[{"name":"lan"}],
 "hosts":[{"name":"c","role":"client","interfaces":[{"name":"eth0","segment":"lan","addresses":["10.0.0.5/24"]}]},
  {"name":"s","role":"server","interfaces":[{"name":"eth0","segment":"lan"}],
   "files":{"/etc/sysctl.conf":"net.ipv4.conf.all.arp_ignore = 1\n"},
   "shell":["ifconfig eth0 10.0.0.10 netmask 255.255.255.0 up","ifconfig lo:0 10.0.0.100 netmask 255.255.255.255 up","route add -host 10.0.0.100 dev lo:0","echo hi > /var/www/html/index.html","systemctl start httpd"]}],
 "traffic":[{"client":"c","type":"http","url":"http://10.0.0.10/","at":"1s","expect":{"status":200,"body":"hi\n"}}]}
JSON
run_lvslab out.txt err.txt hw compare lab.json --speed 4
cat err.txt
expect_eq "hw compare exit" "$rc" 0
expect_match "kernel and simulator agree" "$(cat out.txt)" '^the simulator and the kernel agree \(5 observables\)$'
expect_match "expect met on both" "$(cat out.txt)" '^the scenario.s expect is met on both sides$'
expect_match "request served by s in both" "$(cat out.txt)" '^request 1 server +s +s +same$'
finish
