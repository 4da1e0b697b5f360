#!/bin/sh
# ocr.sh BIN - scanned reports read by OCR (#14). Image-only twins of the table fixtures,
# the seed and one of its error variants (tools/scan.py: pages rendered at 300 dpi and
# wrapped back into PDFs with no text layer) must give their originals' facts, or report
# a figure as damaged-number - never a misread value (tests/ocrscore.py); a scan under
# --ocr never stays a no-text-layer error; a PDF whose text layer is mojibake (its fonts'
# ToUnicode maps removed, qpdf) is detected and OCR'd; an OCR'd figure says so in JSON.
# Skips, saying so, when Tesseract's language data is absent.
. "$(dirname "$0")/lib.sh"
BIN=${1:-build/budgetlint}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
cd "$(dirname "$0")/.." || exit 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 tools/scan.py --out "$tmp/scans" fixtures/tables/*.pdf fixtures/seed.pdf fixtures/wrong-rate.pdf ||
    { fail "ocr: tools/scan.py could not make the scans (pdftoppm?)"; exit 0; }
"$BIN" check --format json "$tmp/scans/heads.pdf" > "$tmp/probe.json" 2> "$tmp/probe.err"
if grep -q "OCR is not available" "$tmp/probe.err" "$tmp/probe.json"; then
    echo "PASS: ocr: skipped: Tesseract's language data is not installed (Debian: tesseract-ocr-script-hans tesseract-ocr-eng)"
    exit 0
fi

# score_check NAME SCORE_FILE FACTS_FLOOR CLEAN_FLOOR CAUGHT_FLOOR: the last line of
# tests/ocrscore.py against floors (- for none; clean "all": every clean report's scan)
score_check() {
    tail -1 "$2"
    python3 - "$@" <<'EOF'
import re, sys
name, path, pfloor, qfloor, cfloor = sys.argv[1:6]
last = open(path).read().strip().splitlines()[-1]
m = re.match(r"ocr: facts (\d+)/(\d+) \(([\d.]+)%\), wrong (\d+), extra (\d+); clean (\d+)/(\d+) without errors; caught (\d+)/(\d+)", last)
if not m:
    print("FAIL: ocr: %s: no score line: %s" % (name, last))
    sys.exit()
right, n, pct, wrong, extra, quiet, clean, caught, nerr = map(float, m.groups())
def check(what, ok, detail):
    print(("PASS: ocr: %s: %s (%s)" if ok else "FAIL: ocr: %s: %s (%s)") % (name, what, detail))
check("no misread value becomes a fact", wrong == 0, "%d misread" % wrong)
if pfloor != "-":
    check("facts read from the scans", pct >= float(pfloor), "%.1f%% of %d, floor %s%%" % (pct, n, pfloor))
if qfloor != "-":
    want = clean if qfloor == "all" else float(qfloor)
    check("clean scans without error findings", quiet >= want, "%d of %d, floor %d" % (quiet, clean, want))
if cfloor != "-":
    check("injected errors still caught on the scans", caught >= float(cfloor), "%d of %d, floor %s" % (caught, nerr, cfloor))
EOF
}

# 1. the scans against their originals. Measured 2026-12-07 (session 9): facts 848/858 (98.8%),
#    0 misread, clean 19/19, caught 11/11 (the damaged ones of section 5: 166/227, 0 misread,
#    clean 6/6). Floors, not targets: a change that reads fewer fails here, one that reads more
#    raises the floor.
python3 tests/ocrscore.py "$BIN" "$tmp/scans" > "$tmp/score.txt"
score_check scans "$tmp/score.txt" 98.5 19 11

# 2. what a scan's record says
python3 - "$tmp/probe.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))[0]
ocr = [f for f in r["facts"] if f.get("ocr")]
info = [f for f in r["findings"] if f["rule"] == "no-text-layer"]
ok = r["status"] == "ok" and ocr and all(isinstance(f.get("ocr_confidence"), (int, float)) for f in ocr)
print(("PASS" if ok else "FAIL") + ": ocr: a scan's facts say ocr and their confidence (%d of %d)" % (len(ocr), len(r["facts"])))
ok = len(info) == 1 and info[0]["severity"] == "info" and "OCR" in info[0]["message"]
print(("PASS" if ok else "FAIL") + ": ocr: no-text-layer is an info that OCR read the page")
EOF
"$BIN" check --ocr never --format json "$tmp/scans/heads.pdf" > "$tmp/never.json" 2>/dev/null
expect_rc "ocr: --ocr never keeps a scan unreadable" 2 $?
expect_match "ocr: --ocr never: code no-text-layer" '"code":"no-text-layer"' "$(cat "$tmp/never.json")"

# 3. a figure the two readings disagree on: split-form's 巡护里程 weight 25, read 28 by the
#    first model and 25 by the second, is damaged-number, never 28 (the PDF is its standard layout,
#    made here when LibreOffice is present)
if command -v soffice >/dev/null 2>&1; then
    python3 tools/layouts.py --out "$tmp/lay" --layout standard fixtures/prose/split-form.txt >/dev/null 2>&1
    python3 tools/scan.py --out "$tmp/sf" "$tmp/lay/standard/split-form.pdf"
    "$BIN" check --format json "$tmp/sf/split-form.pdf" > "$tmp/sf.json" 2>/dev/null
    python3 - "$tmp/sf.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))[0]
w = [f["value"] for f in r["facts"] if f["kind"] == "weight" and f["scope"].endswith("巡护里程")]
dmg = [f for f in r["findings"] if f["rule"] == "damaged-number"]
ok = "28" not in w and (w == ["25"] or any("OCR" in f["message"] for f in dmg))
print(("PASS" if ok else "FAIL") + ": ocr: a digit the second reading does not confirm is damaged, never a value (%s)" % w)
EOF
fi

# 4. a text layer of mojibake: the fonts' ToUnicode maps removed
if command -v qpdf >/dev/null 2>&1; then
    qpdf --qdf --object-streams=disable fixtures/tables/heads.pdf "$tmp/qdf.pdf"
    python3 - "$tmp/qdf.pdf" "$tmp/moji.pdf" <<'EOF'
import re, sys
d = open(sys.argv[1], "rb").read()
open(sys.argv[2], "wb").write(re.sub(rb"/ToUnicode \d+ 0 R", lambda m: b" " * len(m.group(0)), d))
EOF
    "$BIN" check --format json "$tmp/moji.pdf" > "$tmp/moji.json" 2>/dev/null
    "$BIN" check --ocr never --format json "$tmp/moji.pdf" > "$tmp/moji-never.json" 2>/dev/null
    python3 - "$tmp/moji.json" "$tmp/moji-never.json" <<'EOF'
import json, sys
a = json.load(open(sys.argv[1]))[0]
b = json.load(open(sys.argv[2]))[0]
ocr = sum(1 for f in a["facts"] if f.get("ocr"))
print(("PASS" if ocr >= 10 and not b["facts"] else "FAIL") +
      ": ocr: a mojibake text layer is detected and read by OCR (%d OCR facts; %d facts from the layer itself)" % (ocr, len(b["facts"])))
EOF
fi

# 5. damaged scans (turned ±1.5°, speckle seeded: the same each run, JPEG quality 40, a red seal
#    over the figures): a figure is read right or reported damaged-number, never a misread value,
#    and a clean report's scan gets no error finding. Needs ImageMagick (tools/deps.sh installs it).
if command -v convert >/dev/null 2>&1; then
    python3 tools/scan.py --damage --out "$tmp/damaged" fixtures/tables/heads.pdf fixtures/tables/hunan.pdf \
        fixtures/tables/multi.pdf fixtures/tables/national.pdf fixtures/tables/national-weight.pdf \
        fixtures/tables/sichuan.pdf fixtures/tables/chongqing.pdf
    python3 tests/ocrscore.py "$BIN" "$tmp/damaged" > "$tmp/dscore.txt"
    score_check "damaged scans" "$tmp/dscore.txt" - all -
else
    echo "PASS: ocr: damaged scans skipped: ImageMagick (convert) is not installed"
fi
