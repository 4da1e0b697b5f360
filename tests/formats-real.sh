#!/bin/sh
# formats-real.sh BIN [--table] - the real reports (../shared/corpus/real-texts, or
# $BUDGETLINT_CORPUS/real-texts) as DOCX (LibreOffice saves their sources: tools/layouts.py
# --to docx) and as OFD (tools/ofd.py writes their PDFs' glyphs and rules), into
# build/formats/real, scored by ../shared/tools/realscore.py like the PDFs (#15). As a
# test: each format's facts, caught, clean and quiet counts equal the PDFs'. With --table:
# print the per-format table (make eval). Skips, saying why, without the corpus, soffice
# or python3-pdfminer.
BIN=${1:-build/budgetlint}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
cd "$(dirname "$0")/.." || exit 2
CORPUS=${BUDGETLINT_CORPUS:-../shared/corpus}
SCORE=$CORPUS/../tools/realscore.py
say() { if [ "${2:-}" = --table ] || [ "${3:-}" = --table ]; then echo "$1"; else echo "PASS: formats-real: skipped: $1"; fi; }
if [ ! -d "$CORPUS/real-texts" ] || [ ! -f "$SCORE" ]; then say "no $CORPUS/real-texts" "$@"; exit 0; fi
if ! command -v soffice >/dev/null 2>&1; then say "no soffice to save the reports as DOCX (libreoffice-writer-nogui)" "$@"; exit 0; fi
if ! /usr/bin/python3 -c "import pdfminer" 2>/dev/null; then say "no python3-pdfminer to write the reports as OFD" "$@"; exit 0; fi
out=build/formats/real
if [ ! -f "$out/.done" ] || [ tools/layouts.py -nt "$out/.done" ] || [ tools/ofd.py -nt "$out/.done" ]; then
    rm -rf "$out"
    python3 tools/layouts.py --out "$out" --layout standard --to docx "$CORPUS"/real-texts/*.txt &&
        mv "$out/standard" "$out/docx" &&
        /usr/bin/python3 tools/ofd.py --out "$out/ofd" "$CORPUS"/real-texts/*.pdf ||
        { echo "FAIL: formats-real: writing the DOCX and OFD versions failed"; exit 0; }
    for f in docx ofd; do cp "$CORPUS"/real-texts/*.expect.json "$out/$f/"; done
    touch "$out/.done"
fi
# realscore reads NAME.pdf: a shim hands the binary NAME.docx or NAME.ofd instead
pdf=$(python3 "$SCORE" "$BIN" | tail -1)
[ "${2:-}" = --table ] && printf '  %-9s %s\n' pdf "$pdf"
for f in docx ofd; do
    shim="$out/check-$f"
    # realscore runs: BIN check --format json DIR/NAME.pdf
    printf '#!/bin/sh\nexec "%s" "$1" "$2" "$3" "${4%%.pdf}.%s"\n' "$BIN" "$f" > "$shim"
    chmod +x "$shim"
    line=$(python3 "$SCORE" --dir "$out/$f" "$shim" | tail -1)
    if [ "${2:-}" = --table ]; then printf '  %-9s %s\n' "$f" "$line"; continue; fi
    if [ "${line#*: }" = "${pdf#*: }" ]; then
        echo "PASS: formats-real: $f reads as the PDFs do: $line"
    else
        echo "FAIL: formats-real: $f: $line; the PDFs: $pdf"
    fi
done
