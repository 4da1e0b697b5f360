#!/bin/sh
# formats.sh BIN - DOCX drafts and OFD documents (#15):
#  1. every fixture's DOCX twin (LibreOffice's save of the same source) and OFD twin
#     (tools/ofd.py: the fixture PDF's glyphs and rules as OFD) gives the golden's facts
#     and findings (fixtures/formats, by tests/samefacts.py);
#  2. a draft as Word writes one (fixtures/word/tracked.docx: tracked changes, a field, a
#     recorded page break, merged cells, a header) reads as a reviewer would;
#  3. --annotate on a DOCX: a copy with Word comments on the stated figures, the original
#     untouched; LibreOffice opens the copy (PDF and ODT conversions) and keeps the comments;
#  4. bad containers (truncated, missing parts, entity and zip bombs, deep nesting) give one
#     line naming the file, their error code and exit 2, within seconds;
#  5. the real OFD samples (BUDGETLINT_CORPUS/ofd) read without a crash: text, or
#     no-text-layer for the ones that draw their text as outlines; page counts right.
. "$(dirname "$0")/lib.sh"
BIN=${1:-build/budgetlint}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
REPO=$(cd "$(dirname "$0")/.." && pwd)
cd "$REPO" || exit 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 1. twins
python3 tests/samefacts.py "$BIN" --golden fixtures/formats

# 2. a draft as Word writes one
"$BIN" check --format json fixtures/word/tracked.docx > "$tmp/tracked.json"
expect_rc "formats: tracked.docx checks (a warning: exit 0)" 0 $?
python3 - "$tmp/tracked.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))[0]
facts = {(f["kind"], f["scope"], f["value"]): f for f in r["facts"]}
def check(name, ok, detail=""):
    print(("PASS: formats: tracked.docx: %s" if ok else "FAIL: formats: tracked.docx: %s " + detail) % name)
check("the inserted figure is read, at page 1", facts.get(("budget", "total", "120.00"), {}).get("page") == 1)
check("the deleted figures are not", not any(f["value"] in ("150.00", "130.00") for f in r["facts"]))
check("the header's figure is not", not any(f["value"] == "999.00" for f in r["facts"]))
check("the field's result is, not its code", ("score", "total", "91.5") in facts and
      not any(f["value"] in ("45", "46.5") for f in r["facts"]))
check("rate against budget and spending", ("rate", "total", "90.00") in facts and ("executed", "total", "108.00") in facts)
ind = [f for f in r["facts"] if f["scope"].startswith("indicator:")]
check("indicator rows on page 2 (Word's recorded break)", len(ind) == 16 and all(f["page"] == 2 for f in ind), str(len(ind)))
check("the merged 一级指标 leaves its second row whole", ("actual", "indicator:培训合格率", "97") in facts)
check("the 总分 row spanning five columns gives weight and score",
      ("weight", "sum", "100") in facts and sum(1 for f in r["facts"] if f["kind"] == "score" and f["value"] == "91.5") == 2)
rules = sorted(f["rule"] for f in r["findings"])
check("its one finding: the missed 农民增收 target's score", rules == ["indicator-score-mismatch"], str(rules))
EOF

# 3. --annotate on DOCX drafts
mkdir -p "$tmp/in" "$tmp/out"
cp fixtures/word/tracked.docx fixtures/formats/docx/wrong-rate.docx fixtures/formats/docx/heads.docx "$tmp/in/"
sums_before=$(cd "$tmp/in" && sha256sum ./*)
"$BIN" check --annotate "$tmp/out" --format json "$tmp/in" > "$tmp/ann.json"
expect_rc "formats: --annotate DOCX drafts" 1 $?
expect_eq "formats: the drafts are untouched" "$sums_before" "$(cd "$tmp/in" && sha256sum ./*)"
python3 - "$tmp/ann.json" "$tmp/out" <<'EOF'
import json, os, re, sys, zipfile
recs = json.load(open(sys.argv[1]))
for r in recs:
    name = os.path.basename(r["file"])
    copy = r.get("annotated")
    ok = copy and os.path.exists(copy) and os.path.dirname(copy) == sys.argv[2]
    if not ok:
        print("FAIL: formats: annotate %s: no copy (%s)" % (name, r.get("annotate_error")))
        continue
    z = zipfile.ZipFile(copy)
    comments = z.read("word/comments.xml").decode()
    doc = z.read("word/document.xml").decode()
    ids = re.findall(r'<w:comment w:id="(\d+)"', comments)
    refs = re.findall(r'<w:commentReference w:id="(\d+)"', doc)
    starts = re.findall(r'<w:commentRangeStart w:id="(\d+)"', doc)
    want = sum(1 for f in r["findings"])
    rules_ok = all(("[%s]" % f["rule"]) in comments for f in r["findings"])
    types = z.read("[Content_Types].xml").decode()
    rels = z.read("word/_rels/document.xml.rels").decode()
    good = (len(ids) >= want and sorted(ids) == sorted(refs) == sorted(starts) and rules_ok
            and "/word/comments.xml" in types and "relationships/comments" in rels)
    print(("PASS: formats: annotate %s: %d comments, each anchored" if good else
           "FAIL: formats: annotate %s: %d comments, refs %s starts %s") % ((name, len(ids)) if good else (name, len(ids), refs, starts)))
    # the stated figure carries its comment: the run between the range marks holds it
    for f in r["findings"]:
        if f.get("stated"):
            figure = re.sub(r"[^0-9.]", "", f["stated"])
            m = re.search(r'<w:commentRangeStart w:id="\d+"/>(?:(?!commentRangeEnd).)*?%s' % re.escape(figure), doc)
            print(("PASS: formats: annotate %s: the stated %s is marked" if m else
                   "FAIL: formats: annotate %s: the stated %s is not marked") % (name, f["stated"]))
EOF
if command -v soffice >/dev/null 2>&1; then
    mkdir -p "$tmp/lo"
    HOME="$tmp/lo" soffice --headless --convert-to pdf --outdir "$tmp/lo" "$tmp/out/wrong-rate.docx" >/dev/null 2>&1
    HOME="$tmp/lo" soffice --headless --convert-to odt --outdir "$tmp/lo" "$tmp/out/wrong-rate.docx" >/dev/null 2>&1
    pages=$(pdfinfo "$tmp/lo/wrong-rate.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
    expect_match "formats: LibreOffice opens the annotated copy (converts it to a PDF of ${pages:-no} pages)" '^[1-9]' "${pages:-none}"
    n=$(unzip -p "$tmp/lo/wrong-rate.odt" content.xml 2>/dev/null | grep -o '<office:annotation[ >]' | wc -l)
    expect_match "formats: LibreOffice keeps the comments (office:annotation in its ODT)" '^[1-9]' "$n"
else
    echo "formats: LibreOffice (soffice) not installed: the annotated copy is not opened (skipped, not failed)" >&2
fi

# 4. bad containers
mkdir -p "$tmp/bad"
python3 tests/hostile_zip.py "$tmp/bad" fixtures/formats/docx/seed.docx fixtures/formats/ofd/seed.ofd
while IFS="	" read -r name code; do
    start=$(date +%s)
    timeout 60 "$BIN" check --format json "$tmp/bad/$name" > "$tmp/bad.json" 2> "$tmp/bad.err"
    rc=$?
    secs=$(( $(date +%s) - start ))
    got=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))[0]; print((r.get("error") or {}).get("code") or r["status"])' "$tmp/bad.json" 2>/dev/null)
    if [ "$code" = ok ]; then
        expect_eq "formats: $name reads (exit 0/1, ${secs}s)" "ok" "$( [ $rc -le 1 ] && echo "$got")"
        continue
    fi
    lines=$(wc -l < "$tmp/bad.err")
    if [ "$rc" = 2 ] && [ "$got" = "$code" ] && [ "$lines" = 1 ] && grep -q "$name" "$tmp/bad.err" && [ "$secs" -lt 20 ]; then
        pass "formats: $name: $code, exit 2, one line (${secs}s)"
    else
        fail "formats: $name" "exit $rc (want 2), code ${got:-none} (want $code), $lines stderr lines, ${secs}s" "$(head -c 300 "$tmp/bad.err")"
    fi
    if grep -q "root:" "$tmp/bad.json" "$tmp/bad.err"; then fail "formats: $name: a local file was read through an entity"; fi
done < "$tmp/bad/expect.tsv"

# 5. the real OFD samples
CORPUS=${BUDGETLINT_CORPUS:-../shared/corpus}
if [ -d "$CORPUS/ofd" ]; then
    for f in "$CORPUS"/ofd/*.ofd; do
        name=$(basename "$f")
        "$BIN" check --format json "$f" > "$tmp/ofd.json" 2>/dev/null
        rc=$?
        want=$(python3 - "$f" <<'EOF'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = {n.lower().lstrip("/"): n for n in z.namelist()}
root = z.read(names["ofd.xml"]).decode("utf-8", "replace")
doc = re.search(r"<ofd:DocRoot>\s*/?([^<]+?)\s*</ofd:DocRoot>", root).group(1)
d = z.read(names[doc.lower()]).decode("utf-8", "replace")
texts = sum(z.read(n).count(b"TextCode") for n in z.namelist() if n.endswith(".xml"))
print(len(re.findall(r"<ofd:Page\b", d)), "text" if texts else "outlines")
EOF
)
        got=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))[0]; print(r["pages"], (r.get("error") or {}).get("code") or r["status"])' "$tmp/ofd.json" 2>/dev/null)
        case "$want" in
            *text) ok="${want% text} ok" ;;
            *) ok="${want% outlines} no-text-layer" ;;
        esac
        if [ "$rc" -ge 128 ] || [ "$got" != "$ok" ]; then
            fail "formats: real OFD $name" "exit $rc, got '$got', want '$ok'"
        else
            pass "formats: real OFD $name ($got)"
        fi
    done
else
    echo "formats: no OFD samples in $CORPUS/ofd (set BUDGETLINT_CORPUS): skipped, not failed" >&2
fi
