#!/bin/sh
# eval/run.sh BUILD_DIR - the mutation harness (make eval; a measurement, not a test).
# From each clean document of the fixture corpus (prose PDFs and text sources, and the
# twelve 自评表 PDFs, whose tables are written out as "| a | b |" rows) it writes
# variants with exactly one injected change (eval/mutate.c), checks them all, and
# prints per family and step: variants, how many the oracle calls errors, caught (a
# new error or warning finding, or rate-truncated, that the clean text does not
# have), missed, and the variants that leave every figure consistent; then the
# error-level findings on clean documents (false alarms), and the 22 real PDFs'
# findings when they are present.
set -u
B=${1:-build/release}
BIN=$B/budgetlint
cd "$(dirname "$0")/.." || exit 2
out=build/eval
rm -rf "$out"
mkdir -p "$out"
docs="fixtures/seed.pdf fixtures/fullwidth.pdf fixtures/chinese-percent.pdf fixtures/yuan.pdf fixtures/forms.pdf fixtures/src/seed.txt fixtures/seed-gb18030.txt"
# the clean 自评表 fixtures (one per layout family; tests/tables.sh keeps their facts golden)
for t in national sichuan transfer guizhou hunan chongqing ningxia city forest scoring multi glued; do
    docs="$docs fixtures/tables/$t.pdf"
done
: > "$out/results.tsv"
# What a document is flagged with: its error and warning findings, and rate-truncated
# (R1's finding, at info severity by the rulebook when the stated rate is the truncation).
sig() {
    grep -o '"rule":"[a-z-]*","severity":"\(error\|warning\)"\|"rule":"rate-truncated"' | sort | tr '\n' ' '
}
k=0
for doc in $docs; do
    k=$((k + 1))
    dir=$out/d$k
    "$B/mutate" "$doc" "$dir" > /dev/null || continue
    # the clean text's own findings: a variant is caught by what it adds
    base=$("$BIN" check -j0 --format jsonl "$dir/base.txt" | sig)
    "$BIN" check -j0 --format jsonl "$dir" 2>/dev/null > "$dir/out.jsonl"
    while IFS='	' read -r file family step verdict desc; do
        line=$(grep "\"file\":\"$dir/$file\"" "$dir/out.jsonl")
        got=$(printf '%s' "$line" | sig)
        if [ "$got" != "$base" ]; then c=caught; else c=missed; fi
        rules=$(printf '%s' "$line" | grep -o '"rule":"[a-z-]*"' | sed 's/"rule":"//; s/"//' | sort -u | tr '\n' ',')
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$doc" "$family" "$step" "$c" "$rules" "$desc" "$verdict" >> "$out/results.tsv"
    done < "$dir/manifest.tsv"
done
# An injected error counts when the oracle in eval/mutate.c says it breaks a relation
# the report states, or when it is an error by construction (a grade, a score over its
# weight, a year, a dropped row). A change that leaves every figure consistent with
# every other at its printed precision (66.55% -> 66.54% still fits 228.21/342.94; a
# 年初预算数 no rate or sum uses) is no error a reader of the report can see: those are
# counted apart, with how many were flagged anyway.
printf '%-9s %-20s %8s %8s %8s %8s %7s %11s\n' family step variants errors caught missed caught% consistent
awk -F'\t' '{ k = $2 "\t" $3; n[k]++; N++
          if ($7 == "consistent") { q[k]++; Q++; next }
          e[k]++; E++; if ($4 == "caught") { c[k]++; C++ } }
    END { for (k in n) { split(k, p, "\t")
                         printf "%-9s %-20s %8d %8d %8d %8d %6.1f%% %11d\n", p[1], p[2], n[k], e[k], c[k], e[k] - c[k], e[k] ? 100 * c[k] / e[k] : 100, q[k] }
          printf "%-9s %-20s %8d %8d %8d %8d %6.1f%% %11d\n", "all", "", N, E, C, E - C, 100 * C / E, Q }' "$out/results.tsv" | sort
awk -F'\t' '$7 == "consistent" { n++; if ($4 == "caught") c++ } $4 == "caught" { all++ }
    END { printf "every variant, consistent ones included: %d of %d caught (%.1f%%); consistent variants flagged anyway: %d of %d\n", all, NR, 100 * all / NR, c, n }' "$out/results.tsv"
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
# The second table: real published reports rebuilt (../shared/corpus/real-texts), scored as
# a reviewer would by their own expectations (facts found, certain inconsistencies caught,
# clean reports without an error, consistent reports without a warning), misses by case.
if [ -d ../shared/corpus/real-texts ] && [ -f ../shared/tools/realscore.py ]; then
    echo
    echo "real reports (../shared/corpus/real-texts, the PDFs): misses by case, then the totals"
    python3 ../shared/tools/realscore.py "$BIN" | sed 's/^/  /'
    echo "the same reports from their text markup (--txt)"
    python3 ../shared/tools/realscore.py --txt "$BIN" | tail -1 | sed 's/^/  /'
    echo "the same reports laid out seven ways by tools/layouts.py (#13), per layout"
    sh tests/layouts-real.sh "$BIN" --table
    echo "the same reports as DOCX and OFD (#15), per format"
    sh tests/formats-real.sh "$BIN" --table
else
    echo "real reports: ../shared/corpus/real-texts absent, skipped"
fi
echo "details: $out/results.tsv (document, family, step, caught/missed, rules fired, variant, oracle)"
