# The class summary index.html in a real browser (headless Chromium, Debian's chromium
# package): it loads from file:// without a script error and without asking the network
# for anything, the students' table sorts by the column the address names
# (#sort=score:desc, #sort=CHECK:asc: the same code a click on a header runs), every
# student links to a report that exists, and the screenshot shows the table's colours.
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh" "$@"
PACK=$SRC/tests/data/grade/lvs-nat
CHROMIUM=$(command -v chromium || true)
if [[ -z $CHROMIUM ]]; then
  echo "FAIL: chromium is not installed (.ci/install-deps installs it)"
  exit 1
fi

python3 "$SRC/tests/bench/gen_class.py" "$PACK/solution" class 12
run_lvslab out.txt err.txt grade "$PACK/lab.json" class --out out --jobs 2
expect_eq "grade class exit" "$rc" 0
students=$(jq '.students | length' out/class.json)

# --no-sandbox: the test may run as root (CI containers), where Chromium's sandbox refuses
# to start; the page is our own file. A private profile; no network needed.
browse() {
  "$CHROMIUM" --headless --no-sandbox --disable-gpu --user-data-dir="$PWD/profile" --no-first-run \
    --enable-logging=stderr --v=0 --window-size=1280,1400 "$@" 2>>chromium.log
}
url() { echo "file://$PWD/out/index.html$1"; }

# rows DOM: "score data-v,first check data-v,student" of each body row, in the order shown.
rows() {
  python3 - "$1" <<'PY'
import sys
from html.parser import HTMLParser
class Students(HTMLParser):
    """The #students table's body rows (each cell's data-v), its sorted header, the first
    cell's links; and any element that would load something (src= or a stylesheet link)."""
    def __init__(self):
        super().__init__()
        self.table = self.body = False
        self.rows, self.row, self.sorted, self.links, self.external = [], None, [], [], 0
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "src" in a or (tag == "link" and "href" in a): self.external += 1
        if tag == "table": self.table = a.get("id") == "students"
        if not self.table: return
        if tag == "th" and a.get("aria-sort"): self.sorted.append(a["data-key"] + ":" + a["aria-sort"])
        if tag == "tbody": self.body = True
        if tag == "tr" and self.body: self.row = []
        if tag == "td" and self.row is not None: self.row.append(a.get("data-v"))
        if tag == "a" and self.row is not None and len(self.row) == 1: self.links.append(a["href"])
    def handle_endtag(self, tag):
        if tag == "tr" and self.row is not None: self.rows.append(self.row); self.row = None
        if tag == "tbody": self.body = False
        if tag == "table": self.table = False
p = Students()
p.feed(open(sys.argv[1], encoding="utf-8").read())
print("sorted", " ".join(p.sorted) or "-")
print("external", p.external)
for r in p.rows: print("row", r[1], r[2], r[0])
for l in p.links: print("link", l)
PY
}

browse --dump-dom "$(url '#sort=score:desc')" >desc.html
rows desc.html >desc.txt
expect_eq "rows shown" "$(grep -c '^row ' desc.txt)" "$students"
expect_eq "the score header says it sorts descending" "$(grep '^sorted' desc.txt)" "sorted score:descending"
expect_eq "nothing loaded from elsewhere" "$(grep '^external' desc.txt)" "external 0"
scores=$(awk '/^row/ {print $2}' desc.txt)
expect_eq "sorted by score, highest first" "$scores" "$(sort -rn <<<"$scores")"
expect_eq "ties in name order" "$(awk '/^row/ {print $2, $4}' desc.txt)" "$(awk '/^row/ {print $2, $4}' desc.txt | sort -k1,1rn -k2,2)"
best=$(jq -r '[.students[] | .score] | max' out/class.json)
expect_eq "the first row has the best score" "$(awk '/^row/ {print $2; exit}' desc.txt)" "$best"

check=$(jq -r '.checks[0].id' out/class.json)
browse --dump-dom "$(url "#sort=$check:asc")" >asc.html
rows asc.html >asc.txt
expect_eq "the check header says it sorts ascending" "$(grep '^sorted' asc.txt)" "sorted $check:ascending"
firsts=$(awk '/^row/ {print $3}' asc.txt)
expect_eq "failed ($check) first" "$firsts" "$(sort -n <<<"$firsts")"

browse --dump-dom "$(url '')" >plain.html
rows plain.html >plain.txt
expect_eq "without #sort: by name, as written" "$(awk '/^row/ {print $4}' plain.txt | paste -sd' ')" \
  "$(jq -r '[.students[].student] | join(" ")' out/class.json)"
n=0
while read -r _ href; do
  [[ -s out/$href ]] || fail "link $href: no such report"
  n=$((n + 1))
done < <(grep '^link ' plain.txt | grep '\.html$')
expect_eq "every student links to an existing report" "$n" "$students"

browse --screenshot="$PWD/shot.png" "$(url '#sort=score:asc')" >/dev/null
# The colours of index.html's stylesheet: a passed cell, a failed cell, a pass-rate bar.
read -r w h passed failed bars < <(python3 "$HERE/png_colours.py" shot.png dafbe1 ffebe9 2f81f7)
expect_eq "screenshot size" "$w x $h" "1280 x 1400"
[[ $passed -gt 5000 ]] && pass "passed cells shown ($passed px)" || fail "no passed cells in the screenshot ($passed px)"
[[ $failed -gt 1000 ]] && pass "failed cells shown ($failed px)" || fail "no failed cells in the screenshot ($failed px)"
[[ $bars -gt 1000 ]] && pass "pass-rate bars shown ($bars px)" || fail "no bars in the screenshot ($bars px)"

errors=$(grep -a ':CONSOLE' chromium.log || true)
expect_eq "no script error or console message" "$errors" ""
finish
