#!/bin/sh
# layouts-real.sh BIN [--table] - the real reports (../shared/corpus/real-texts, or
# $BUDGETLINT_CORPUS/real-texts) laid out as standard, grid, dense, narrow, threeline, borderless and middle by
# tools/layouts.py (into build/layouts/real, redone when the tool changes), scored per
# layout by ../shared/tools/realscore.py. As a test: each layout's facts rate is within
# one point of the standard layout's. With --table: print the per-layout table (make eval).
# Skips, saying why, without the corpus or without soffice.
BIN=${1:-build/budgetlint}
cd "$(dirname "$0")/.." || exit 2
CORPUS=${BUDGETLINT_CORPUS:-../shared/corpus}
SCORE=$CORPUS/../tools/realscore.py
say() { if [ "${2:-}" = --table ] || [ "${3:-}" = --table ]; then echo "$1"; else echo "PASS: layouts-real: skipped: $1"; fi; }
if [ ! -d "$CORPUS/real-texts" ] || [ ! -f "$SCORE" ]; then say "no $CORPUS/real-texts" "$@"; exit 0; fi
if ! command -v soffice >/dev/null 2>&1; then say "no soffice to lay the reports out (libreoffice-writer-nogui)" "$@"; exit 0; fi
out=build/layouts/real
if [ ! -f "$out/.done" ] || [ tools/layouts.py -nt "$out/.done" ]; then
    rm -rf "$out"
    python3 tools/layouts.py --out "$out" "$CORPUS"/real-texts/*.txt || { echo "FAIL: layouts-real: tools/layouts.py failed"; exit 0; }
    for l in standard grid dense narrow threeline borderless middle; do cp "$CORPUS"/real-texts/*.expect.json "$out/$l/"; done
    touch "$out/.done"
fi
std=""
for l in standard grid dense narrow threeline borderless middle; do
    line=$(python3 "$SCORE" --dir "$out/$l" "$BIN" | tail -1)
    got=$(printf '%s' "$line" | sed -n 's/.*facts \([0-9]*\)\/\([0-9]*\).*/\1 \2/p')
    if [ "${2:-}" = --table ]; then printf '  %-10s %s\n' "$l" "$line"; continue; fi
    if [ "$l" = standard ]; then std=$got; echo "PASS: layouts-real: standard $line"; continue; fi
    # within one point: |got/n - std/n| <= 1%
    if printf '%s %s\n' "$std" "$got" | awk '{ d = ($1 - $3) / $2 * 100; exit !(d <= 1 && d >= -1) }'; then
        echo "PASS: layouts-real: $l within a point of standard: $line"
    else
        echo "FAIL: layouts-real: $l not within a point of standard ($std): $line"
    fi
done
# each report the same facts in every layout (tests/samefacts.py: kind, scope, value, basis):
# a floor on how many of the 33 x 6 comparisons are exact (measured 196 of 198: grid, dense and
# narrow 97 of 99, threeline and borderless 66 of 66, middle 33 of 33)
[ "${2:-}" = --table ] && exit 0
python3 tests/samefacts.py "$BIN" "$out" grid dense narrow threeline borderless middle > build/layouts/samefacts-real.txt 2>/dev/null
same=$(grep -c '^PASS' build/layouts/samefacts-real.txt)
total=$(( $(ls "$out"/standard/*.pdf | wc -l) * 6 ))
if [ "$same" -ge 196 ]; then echo "PASS: layouts-real: $same of $total reports give the standard layout's exact facts (floor 196)"; else
    echo "FAIL: layouts-real: $same of $total reports give the standard layout's exact facts (floor 196)"; fi
# and a ceiling on the facts that differ in the rest (measured 6, in grid and narrow - 32 before a
# row could go on over three pages, 19 before words could go on under a figure that ran to its
# cell's rule; threeline and borderless none - 24 before a row of words set in from the header's
# first cell was read as a row rather than a header, 16 before label rows without rules went on
# over a page break)
differ=$(sed -n 's/^facts differing from the standard layout.s (missing and extra): \([0-9]*\)$/\1/p' build/layouts/samefacts-real.txt)
if [ -n "$differ" ] && [ "$differ" -le 6 ]; then echo "PASS: layouts-real: $differ facts differ from the standard layout's (ceiling 6)"; else
    echo "FAIL: layouts-real: ${differ:-?} facts differ from the standard layout's (ceiling 6)"; fi
