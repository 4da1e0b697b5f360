#!/bin/sh
# eval/run.sh BUILD_DIR - the mutation harness (make eval; a measurement, not a test).
# From each clean document of the fixture corpus (PDFs and text sources) it writes
# variants with exactly one injected error (eval/mutate.c), checks them all, and
# prints per family and step: variants, caught (a new error or warning finding that
# the clean text does not have), missed; then the error-level findings on clean
# documents (false alarms), including the 22 real PDFs when present.
set -u
B=${1:-build/release}
BIN=$B/budgetlint
cd "$(dirname "$0")/.." || exit 2
out=build/eval
rm -rf "$out"
mkdir -p "$out"
docs="fixtures/seed.pdf fixtures/fullwidth.pdf fixtures/chinese-percent.pdf fixtures/yuan.pdf fixtures/forms.pdf fixtures/src/seed.txt fixtures/seed-gb18030.txt"
: > "$out/results.tsv"
k=0
for doc in $docs; do
    k=$((k + 1))
    dir=$out/d$k
    "$B/mutate" "$doc" "$dir" > /dev/null || continue
    # the clean text's own findings: a variant is caught by what it adds
    base=$("$BIN" check -j0 --format jsonl "$dir/base.txt" | grep -o '"rule":"[a-z-]*","severity":"\(error\|warning\)"' | sort | tr '\n' ' ')
    "$BIN" check -j0 --format jsonl "$dir" 2>/dev/null > "$dir/out.jsonl"
    while IFS='	' read -r file family step desc; do
        line=$(grep "\"file\":\"$dir/$file\"" "$dir/out.jsonl")
        got=$(printf '%s' "$line" | grep -o '"rule":"[a-z-]*","severity":"\(error\|warning\)"' | sort | tr '\n' ' ')
        if [ "$got" != "$base" ]; then c=caught; else c=missed; fi
        rules=$(printf '%s' "$line" | grep -o '"rule":"[a-z-]*"' | sed 's/"rule":"//; s/"//' | sort -u | tr '\n' ',')
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$doc" "$family" "$step" "$c" "$rules" "$desc" >> "$out/results.tsv"
    done < "$dir/manifest.tsv"
done
printf '%-8s %-22s %8s %8s %8s %7s\n' family step variants caught missed caught%
awk -F'\t' '{ k = $2 "\t" $3; n[k]++; if ($4 == "caught") c[k]++; N++; if ($4 == "caught") C++ }
    END { for (k in n) { split(k, p, "\t"); printf "%-8s %-22s %8d %8d %8d %6.1f%%\n", p[1], p[2], n[k], c[k], n[k] - c[k], 100 * c[k] / n[k] }
          printf "%-8s %-22s %8d %8d %8d %6.1f%%\n", "all", "", N, C, N - C, 100 * C / N }' "$out/results.tsv" | sort
# A change of one unit in the last printed digit can leave every figure consistent at
# the stated precision (66.55% -> 66.54% still fits 228.21/342.94): no checker can
# call those wrong. The line below leaves those two steps out.
awk -F'\t' '!($2 == "amount" && $3 == "last digit") && !($2 == "rate" && $3 == "1 unit") { n++; if ($4 == "caught") c++ }
    END { printf "beyond the last printed unit: %d of %d caught (%.1f%%)\n", c, n, 100 * c / n }' "$out/results.tsv"
echo
echo "false alarms: error-level findings on the clean fixtures (the seed and its re-dressings)"
clean="$docs"
for k in $(seq 1 $(echo $docs | wc -w)); do clean="$clean $out/d$k/base.txt"; done
# shellcheck disable=SC2086
"$BIN" check -j0 --format jsonl $clean 2>/dev/null > "$out/clean.jsonl"
printf '  documents: %d, error-level findings: %d, warnings: %d\n' "$(wc -l < "$out/clean.jsonl")" \
    "$(grep -o '"severity":"error"' "$out/clean.jsonl" | wc -l)" "$(grep -o '"severity":"warning"' "$out/clean.jsonl" | wc -l)"
if [ -d ../shared/corpus/real-pdfs ]; then
    echo "the 22 real PDFs (not known to be clean: each finding listed for a reviewer)"
    "$BIN" check -j0 --format jsonl ../shared/corpus/real-pdfs/*.pdf 2>/dev/null > "$out/real.jsonl"
    sed -n 's/.*"file":"\([^"]*\)".*/\1/p' "$out/real.jsonl" > /dev/null
    grep -o '"file":"[^"]*"\|"rule":"[a-z-]*","severity":"[a-z]*","page":[0-9]*,"line":[0-9]*,"message":"[^"]*"' "$out/real.jsonl" |
        awk '/^"file"/ { f = $0; next } { print "  " f " " $0 }' | sed 's/"file"://; s/"rule"://; s/,"severity"/ /'
fi
echo "details: $out/results.tsv (document, family, step, caught/missed, rules fired, variant)"
