# `lvslab run scenarios/lvs-dr-nfs.json --pcap out`: tshark decodes RPC/NFS/MOUNT with no
# malformed packet and no bad checksum. Port 2049 is NFS by default; rpc.mountd's port
# 20048 is decoded as RPC with -d. Every count goes through tshark_lines (lib.sh): a file
# tshark cannot read, or a filter it refuses, fails the checks instead of counting 0.
source "$(dirname "$0")/lib.sh" "$@"
command -v tshark >/dev/null || { echo "FAIL: tshark is not installed (run .ci/install-deps)"; exit 1; }
run_lvslab out.txt err.txt run "$SRC/scenarios/lvs-dr-nfs.json" --pcap out --trace trace.jsonl
expect_eq "exit code" "$rc" 0
f=out/lan.pcap
[[ -s $f ]] && pass "$f written" || fail "$f missing"
expect_pcap_frames "$f" trace.jsonl lan
ts() { tshark_lines "$f" -d tcp.port==20048,rpc -o ip.check_checksum:TRUE -o tcp.check_checksum:TRUE "$@"; }
# The negative checks below (0 malformed, 0 bad checksums...) cannot pass on a file tshark
# does not read: a cut copy, a file that is no capture, a misspelt filter.
head -c 1000 "$f" >cut.pcap
echo "not a capture" >text.pcap
expect_match "a cut capture is not 0 packets" "$(tshark_lines cut.pcap -Y _ws.malformed | grep -c .)" "^[1-9]"
expect_match "a text file is not 0 packets" "$(tshark_lines text.pcap -Y _ws.malformed)" "^TSHARK FAILED \(exit [1-9]"
expect_match "a filter tshark refuses is not 0 packets" "$(tshark_lines "$f" -Y 'nfs.no_such_field == 1')" "^TSHARK FAILED"
expect_eq "MNT calls" "$(ts -Y 'mount.procedure_v3 == 1 && rpc.msgtyp == 0' | grep -c 'V3 MNT Call /public')" 2
expect_eq "MNT replies OK" "$(ts -Y 'mount.procedure_v3 == 1 && rpc.msgtyp == 1 && mount.status == 0' | grep -c 'MNT Reply')" 2
expect_eq "READ calls" "$(ts -Y 'nfs.procedure_v3 == 6 && rpc.msgtyp == 0' | grep -c 'V3 READ Call')" 6
expect_eq "READ replies with the page" "$(ts -Y 'nfs.procedure_v3 == 6 && rpc.msgtyp == 1 && nfs.status == 0 && nfs.count3 == 17' | grep -c 'V3 READ Reply')" 6
expect_match "LOOKUP of index.html" "$(ts -Y 'nfs.procedure_v3 == 3')" "V3 LOOKUP Call, DH: 0x[0-9a-f]+/index.html"
expect_match "ACCESS allows read only (ro export)" "$(ts -Y 'nfs.procedure_v3 == 4 && rpc.msgtyp == 1')" "\[Allowed: RD\]"
expect_match "GETATTR" "$(ts -Y 'nfs.procedure_v3 == 1 && rpc.msgtyp == 1')" "Regular File mode: 0644"
expect_match "data in the READ reply" "$(ts -Y 'nfs.procedure_v3 == 6 && rpc.msgtyp == 1' -T fields -e nfs.data | head -1)" "^66726f6d206e66732073657276657221"
# AUTH_UNIX: the httpd worker (uid 48) reads; mount.nfs (uid 0) mounts.
expect_eq "READs as apache from rs1" "$(ts -Y 'rpc.auth.flavor == 1 && rpc.auth.machinename == "rs1" && rpc.auth.uid == 48 && nfs.procedure_v3 == 6' | grep -c .)" 3
expect_eq "MNT as root from rs1" "$(ts -Y 'rpc.auth.machinename == "rs1" && rpc.auth.uid == 0 && mount.procedure_v3 == 1' | grep -c .)" 1
# (Wireshark 4.0 refuses the set "{2049 20048}" without commas; the test read that as 0.)
expect_eq "calls to nfsd and mountd from reserved ports" "$([[ $(ts -Y '(tcp.dstport == 2049 || tcp.dstport == 20048) && tcp.srcport < 1024' | grep -c .) -gt 20 ]] && echo yes)" yes
expect_eq "reserved source ports" "$(ts -Y '(tcp.dstport == 2049 || tcp.dstport == 20048) && tcp.srcport >= 1024' | grep -c . || true)" 0
expect_eq "malformed" "$(ts -Y '_ws.malformed' | grep -c . || true)" 0
expect_eq "expert errors" "$(ts -Y '_ws.expert.severity == error' | grep -c . || true)" 0
expect_eq "bad checksums" "$(ts -Y 'ip.checksum.status == 0 || tcp.checksum.status == 0' | grep -c . || true)" 0
finish
