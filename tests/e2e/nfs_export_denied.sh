# A real server outside the export's client list (scenarios/nfs-export-denied.json):
# rpc.mountd refuses its MNT, the mount fails, its httpd answers 404 and the CLI says why.
source "$(dirname "$0")/lib.sh" "$@"
run_lvslab out.txt err.txt run "$SRC/scenarios/nfs-export-denied.json"
expect_eq "exit code (rs3's requests fail)" "$rc" 1
expect_match "summary" "$(cat out.txt)" "^6 requests, 4 ok, 2 failed"
expect_match "404 from rs3" "$(cat out.txt)" "404 from rs3"
expect_match "mount.nfs says why" "$(cat out.txt)" "rs3: mount.nfs: access denied by server while mounting 192.168.10.103:/public"
expect_match "mountd says why" "$(cat out.txt)" "rpc.mountd: refused mount request from 192.168.10.13 for /public \(/public\): unmatched host"
expect_match "autofs gives up" "$(cat out.txt)" "rs3: automount: failed to mount /var/www/html"
run_lvslab out.json err.txt run "$SRC/scenarios/nfs-export-denied.json" --json
expect_eq "statuses by server" "$(jq -c '[.requests[] | "\(.server):\(.status)"]' out.json)" '["rs3:404","rs2:200","rs1:200","rs3:404","rs2:200","rs1:200"]'
expect_eq "MNT refused" "$(jq -r '[.requests[0].nfs.calls[] | select(.proc == "MNT") | .status][0]' out.json)" "NFS3ERR_ACCES"
expect_eq "no second MNT from rs3 (negative cache)" "$(jq '[.requests[] | select(.server == "rs3") | .nfs.calls[]? | select(.proc == "MNT")] | length' out.json)" 1
# A typo in /etc/exports is refused at load time, naming the file and the line.
jq '(.hosts[] | select(.name == "nfs") | .files["/etc/exports"]) = "# exports\n/public 192.168.10.11(ro) 192.168.10.12(rx)\n"' \
  "$SRC/scenarios/nfs-export-denied.json" > typo.json
run_lvslab out.txt err.txt validate typo.json
expect_eq "typo: exit code" "$rc" 2
expect_match "typo: file and line" "$(cat err.txt)" "typo.json: /hosts/6/files/~1etc~1exports: /etc/exports:2: unknown keyword \"rx\""
jq '(.hosts[] | select(.name == "rs1") | .files["/etc/auto.htmount"]) = "html -ro,soft\n"' \
  "$SRC/scenarios/nfs-export-denied.json" > badmap.json
run_lvslab out.txt err.txt validate badmap.json
expect_match "bad map: file and line" "$(cat err.txt)" "/hosts/3/files/~1etc~1auto.htmount: /etc/auto.htmount:1: entry \"html\" has no location"
finish
