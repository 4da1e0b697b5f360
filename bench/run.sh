#!/bin/sh
# bench/run.sh BIN - the speed and memory figures of issue 6, measured in one run.
# Medians of RUNS runs (default 3). Prints a table; writes nothing into the tree
# but build/bench/. Corpora: ../shared/corpus/real-pdfs (22 real PDFs, skipped
# when absent) and a generated corpus of GEN (default 1000) report PDFs made
# from the fixture PDFs with qpdf (1-4 fixtures each: varying sizes, errors
# injected by the error variants among them).
set -u
BIN=${1:-build/budgetlint}
RUNS=${RUNS:-3}
GEN=${GEN:-1000}
cd "$(dirname "$0")/.." || exit 2
out=build/bench
mkdir -p "$out"
for t in pdftotext qpdf /usr/bin/time; do
    command -v $t >/dev/null 2>&1 || { echo "bench: needs $t (Debian: poppler-utils qpdf time)"; exit 2; }
done
real=../shared/corpus/real-pdfs
# ---- the generated corpus ----
gen=$out/gen
if [ "$(ls "$gen" 2>/dev/null | wc -l)" -lt "$GEN" ]; then
    rm -rf "$gen"
    mkdir -p "$gen"
    set -- fixtures/*.pdf
    nfix=$#
    i=0
    seed=7
    while [ $i -lt "$GEN" ]; do
        seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
        k=$(( seed / 65536 % 4 + 1 ))  # high bits: an LCG's low bits cycle fast
        files=""
        j=0
        while [ $j -lt $k ]; do
            seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
            n=$(( seed / 65536 % nfix + 1 ))
            eval "files=\"\$files \${$n}\""
            j=$((j + 1))
        done
        # shellcheck disable=SC2086
        qpdf --empty --pages $files -- "$gen/$(printf '%04d' $i).pdf" 2>/dev/null
        i=$((i + 1))
    done
fi
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
secs() { # COMMAND... -> elapsed seconds
    s=$(date +%s.%N)
    "$@" > /dev/null 2>&1
    e=$(date +%s.%N)
    echo "$e - $s" | bc -l
}
timed() { # NAME COMMAND...: median seconds of RUNS runs
    name=$1
    shift
    r=1
    while [ $r -le "$RUNS" ]; do secs "$@"; r=$((r + 1)); done | median
}
pdftotext_all() { for f in "$@"; do pdftotext -q "$f" - > /dev/null; done; }
ratio() { echo "scale=3; $1 / $2" | bc -l; }
printf '%-58s %12s %12s %8s\n' "measure" "value" "baseline" "ratio"
row() { printf '%-58s %12s %12s %8s\n' "$@"; }
for corpus in real gen; do
    if [ $corpus = real ]; then
        [ -d "$real" ] || { row "real PDFs: absent, skipped" - - -; continue; }
        set -- "$real"/*.pdf
    else
        set -- "$gen"/*.pdf
    fi
    nf=$#
    pages=$("$BIN" check --format jsonl -j 2 "$@" 2>/dev/null | sed -n 's/.*"pages":\([0-9]*\).*/\1/p' | paste -sd+ | bc)
    t_pt=$(timed pdftotext pdftotext_all "$@")
    t_j1=$(timed j1 "$BIN" check --format jsonl -j 1 "$@")
    row "$corpus: $nf files, $pages pages; -j 1 vs pdftotext (s)" "$t_j1" "$t_pt" "$(ratio "$t_j1" "$t_pt")"
    t_j0=$(timed j0 "$BIN" check --format jsonl -j 0 "$@")
    row "$corpus: in-process (-j 0) vs pdftotext (s)" "$t_j0" "$t_pt" "$(ratio "$t_j0" "$t_pt")"
    t_j2=$(timed j2 "$BIN" check --format jsonl -j 2 "$@")
    row "$corpus: -j 2 throughput vs -j 1 (files/s)" "$(ratio "$nf" "$t_j2")" "$(ratio "$nf" "$t_j1")" "$(ratio "$t_j1" "$t_j2")"
    big=$(ls -S "$@" | head -1)
    w=$("$BIN" check --stats --format jsonl -j 1 "$big" 2>&1 >/dev/null | sed -n 's/.*largest worker \([0-9]*\) KB.*/\1/p')
    row "$corpus: peak RSS of the worker on the largest file (MB)" "$((w / 1024))" "100" "$(ratio "$w" 102400)"
    wb=$("$BIN" check --stats --format jsonl -j 2 "$@" 2>&1 >/dev/null | sed -n 's/.*largest worker \([0-9]*\) KB.*/\1/p')
    row "$corpus: largest worker over the whole batch (MB)" "$((wb / 1024))" "$((w / 1024))" "$(ratio "$wb" "$w")"
    /usr/bin/time -f '%M' -o "$out/time.txt" "$BIN" check --format jsonl -j 2 "$@" > /dev/null 2>&1
    pr=$(tail -1 "$out/time.txt")
    row "$corpus: parent process peak RSS over the batch (MB)" "$((pr / 1024))" "-" "-"
done
# ---- the text path: normalize + parse + validate on pre-extracted text ----
txt=$out/text
if [ "$(ls "$txt" 2>/dev/null | wc -l)" -ne "$(ls "$gen" | wc -l)" ]; then
    rm -rf "$txt"
    mkdir -p "$txt"
    for f in "$gen"/*.pdf; do pdftotext -q "$f" "$txt/$(basename "$f" .pdf).txt"; done
fi
# the stages alone, the files already in memory (bench/textpath.c)
tp=$("$(dirname "$BIN")/release/textpath" "$txt"/*.txt)
mbs=$(echo "$tp" | sed -n 's/.* \([0-9.]*\) MB\/s$/\1/p')
row "text path in memory, one core ($(echo "$tp" | cut -d: -f1)) (MB/s)" "$mbs" "50" "$(ratio "$mbs" 50)"
# the same files through the CLI (-j 0: reading, sha256, JSON out included)
bytes=$(cat "$txt"/*.txt | wc -c)
t_txt=$(timed text "$BIN" check --format jsonl -j 0 "$txt")
mbs=$(echo "scale=3; $bytes / 1048576 / $t_txt" | bc -l)
row "text files through budgetlint check -j 0 (MB/s)" "$mbs" "-" "-"
# ---- scaling: unpunctuated text the layout joins into one paragraph ----
# (every backward scan once ran to the paragraph's start: quadratic; linear is 4.0)
for n in 25000 100000; do
    awk -v n=$n 'BEGIN { for (i = 0; i < n; i++) print "执行率 91.44%" }' > "$out/unpunct-$n.txt"
done
t_s=$(timed unpunct-s "$BIN" check --format jsonl "$out/unpunct-25000.txt")
t_l=$(timed unpunct-l "$BIN" check --format jsonl "$out/unpunct-100000.txt")
row "unpunctuated text: 100,000 lines vs 25,000 (s; linear = 4)" "$t_l" "$t_s" "$(ratio "$t_l" "$t_s")"
# ---- OCR (#14): image-only twins of the table fixtures (tools/scan.py, 300 dpi) ----
scans=$out/scans
if [ ! -d "$scans" ] && command -v pdftoppm >/dev/null 2>&1; then
    python3 tools/scan.py --out "$scans" fixtures/tables/*.pdf > /dev/null 2>&1 || rm -rf "$scans"
fi
if [ -d "$scans" ] && "$BIN" check --format jsonl "$scans/heads.pdf" 2>/dev/null | grep -q '"ocr":true'; then
    set -- "$scans"/*.pdf
    np=$("$BIN" check --format jsonl -j 2 "$@" 2>/dev/null | sed -n 's/.*"pages":\([0-9]*\).*/\1/p' | paste -sd+ | bc)
    t_o1=$(timed ocr1 "$BIN" check --format jsonl -j 1 "$@")
    t_o2=$(timed ocr2 "$BIN" check --format jsonl -j 2 "$@")
    row "OCR: $np scanned pages, one core (pages/s)" "$(ratio "$np" "$t_o1")" "-" "-"
    row "OCR: -j 2 throughput vs -j 1 (pages/s)" "$(ratio "$np" "$t_o2")" "$(ratio "$np" "$t_o1")" "$(ratio "$t_o1" "$t_o2")"
    w=$("$BIN" check --stats --format jsonl -j 1 "$scans/national.pdf" 2>&1 >/dev/null | sed -n 's/.*largest worker \([0-9]*\) KB.*/\1/p')
    row "OCR: peak RSS of the worker on a scanned form (MB)" "$((w / 1024))" "2048" "$(ratio "$w" 2097152)"
else
    row "OCR: Tesseract or its language data absent, skipped" - - -
fi
# ---- leaks: valgrind on a small batch, in process ----
if command -v valgrind >/dev/null 2>&1; then
    set -- $(ls "$gen"/*.pdf | head -20)
    valgrind --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=9 \
        "$BIN" check --format jsonl -j 0 "$@" > /dev/null 2> "$out/valgrind.log"
    vr=$?
    lost=$(sed -n 's/.*definitely lost: \([0-9,]*\) bytes.*/\1/p' "$out/valgrind.log" | tail -1)
    # exit 9: valgrind found an error or a definite leak; 0-2 are budgetlint's own statuses
    row "valgrind, 20 files in process: definitely lost (bytes)" "${lost:-0}" "0" "$( [ $vr != 9 ] && echo ok || echo LEAK)"
fi
