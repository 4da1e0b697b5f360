#!/bin/sh
# run.sh SECONDS - build the libFuzzer targets with clang and run each for
# SECONDS (0: one pass over the seeds only, the smoke run of `make check`).
# FUZZ_TARGETS="numeral" (or "normalize", "container") runs one of them.
# Seeds come from the spec cases (tests/spec/numbers.txt) and the fixtures.
set -u
secs=${1:-60}
cd "$(dirname "$0")/.." || exit 2
out=build/fuzz
[ "$secs" = 0 ] && out=build/fuzz-smoke
if ! command -v clang >/dev/null 2>&1; then
    echo "fuzz: clang not found (Debian: clang); skipped"
    exit 0
fi
mkdir -p "$out/seeds-numeral" "$out/seeds-normalize" "$out/seeds-container"
i=0
sed -n 's/ => .*//p' tests/spec/numbers.txt | while IFS= read -r l; do
    i=$((i + 1))
    printf '%s' "$l" > "$out/seeds-normalize/spec$i"
done
grep -o '[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億元角分整点人民币]\{2,\}' tests/spec/numbers.txt |
    sort -u | awk -v d="$out/seeds-numeral" '{ f = d "/n" NR; printf "%s", $0 > f; close(f) }'
cp fixtures/src/seed.txt "$out/seeds-normalize/seed.txt"
# container seeds: a selector byte (0 DOCX, 1 OFD) and the main part of a fixture twin
for f in fixtures/formats/docx/seed.docx fixtures/formats/docx/heads.docx fixtures/word/tracked.docx; do
    { printf '\0'; unzip -p "$f" word/document.xml; } > "$out/seeds-container/docx-$(basename "$f" .docx)"
done
for f in fixtures/formats/ofd/heads.ofd fixtures/formats/ofd/seed.ofd; do
    { printf '\1'; unzip -p "$f" Doc_0/Pages/Page_0/Content.xml; } > "$out/seeds-container/ofd-$(basename "$f" .ofd)"
done
# inputs that once crashed a target stay in its seeds
for f in fuzz/regressions/*; do
    [ -f "$f" ] || continue
    case $(basename "$f") in
    numeral-*) cp "$f" "$out/seeds-numeral/" ;;
    container-*) cp "$f" "$out/seeds-container/" ;;
    *) cp "$f" "$out/seeds-normalize/" ;;
    esac
done
PKG_CFLAGS=$(pkg-config --cflags poppler-glib glib-2.0 libpcre2-8 libcjson opencc libzip libxml-2.0 tesseract | sed 's/-I/-isystem /g')
PKG_LIBS="$(pkg-config --libs poppler-glib glib-2.0 libpcre2-8 libcjson opencc libzip libxml-2.0 tesseract) -lm"
SRCS="core/core.c core/doc.c extract/extract.c extract/layout.c extract/segments.c extract/rows.c extract/rules.c extract/zip.c extract/docx.c extract/ofd.c extract/glyphs.c extract/ocr.c normalize/normalize.c normalize/t2s.c normalize/numerals.c normalize/arabic.c normalize/quantity.c parse/parse.c parse/clause.c parse/tables.c parse/cells.c parse/counts.c parse/roles.c parse/subject.c validate/validate.c validate/check.c validate/rates.c validate/sums.c validate/scores.c validate/conflicts.c validate/report.c validate/profiles.c emit/emit.c"
mkdir -p "$out/gen"
sh tools/gen_rules_doc.sh validate/rules/*.txt > "$out/gen/rules_doc.inc"
rc=0
for t in ${FUZZ_TARGETS:-numeral normalize container}; do
    clang -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
        -I"$out/gen" $PKG_CFLAGS -o "$out/fuzz_$t" fuzz/fuzz_$t.c $SRCS $PKG_LIBS || exit 2
    mkdir -p "$out/corpus-$t"
    if [ "$secs" = 0 ]; then
        args="-runs=0 -print_final_stats=1"
    else
        maxlen=4096
        [ "$t" = container ] && maxlen=65536 # a document part, not a sentence
        args="-max_total_time=$secs -timeout=10 -rss_limit_mb=2048 -max_len=$maxlen -print_final_stats=1 -artifact_prefix=$out/"
    fi
    # shellcheck disable=SC2086
    if "$out/fuzz_$t" $args "$out/corpus-$t" "$out/seeds-$t" > "$out/$t.log" 2>&1; then
        echo "PASS: fuzz $t ($(grep -o 'stat::number_of_executed_units: *[0-9]*' "$out/$t.log" | grep -o '[0-9]*$' || echo 0) runs): $(grep -E '^(Done|#[0-9]+ *DONE)' "$out/$t.log" | tail -1)"
    else
        rc=1
        echo "FAIL: fuzz $t"
        tail -30 "$out/$t.log" | sed 's/^/    /'
    fi
done
exit $rc
