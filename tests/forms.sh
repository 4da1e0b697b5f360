#!/bin/sh
# forms.sh BIN - end to end: a report whose figures are written in other forms
# (full-width, 百分之…, Chinese numerals, 3 392.15, 3，101.73, 萬元) gives the
# same facts as its plain-digit twin (the seed); a report full of numbers that
# are not figures (dates, document numbers, codes, phone numbers, names) gives
# no budget facts and no findings.
. "$(dirname "$0")/lib.sh"
BIN=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
facts() { # FILE -> "kind scope value unit" per fact
    "$BIN" check --format json --fail-on none "$1" | python3 tests/record.py | grep -E '"(kind|scope|value|unit)":' |
        sed 's/^[[:space:]]*"[a-z]*":[[:space:]]*"\(.*\)",\{0,1\}$/\1/' | paste -d' ' - - - -
}
facts fixtures/seed.pdf > "$tmp/seed"
expect_eq "seed: 13 facts" 13 "$(wc -l < "$tmp/seed" | tr -d ' ')"
for f in forms fullwidth chinese-percent; do
    facts fixtures/$f.pdf > "$tmp/$f"
    if cmp -s "$tmp/seed" "$tmp/$f"; then pass "$f.pdf: same facts as the seed"; else
        fail "$f.pdf: same facts as the seed" "$(diff "$tmp/seed" "$tmp/$f")"
    fi
done
# amounts in 元: the same kinds and scopes, values ×10^4 in 元
facts fixtures/yuan.pdf > "$tmp/yuan"
expect_eq "yuan.pdf: same kinds and scopes as the seed" "$(cut -d' ' -f1,2 "$tmp/seed")" "$(cut -d' ' -f1,2 "$tmp/yuan")"
expect_match "yuan.pdf: 叁佰肆拾贰万玖仟肆佰元 read as 3429400 元" '^budget project 3429400 元$' "$(cat "$tmp/yuan")"
# non-figures
facts fixtures/nonfigures.pdf > "$tmp/non"
expect_eq "nonfigures.pdf: no facts" "" "$(cat "$tmp/non")"
"$BIN" check --format json fixtures/nonfigures.pdf > "$tmp/out"
expect_rc "nonfigures.pdf: exit 0" 0 $?
expect_match "nonfigures.pdf: no findings" '"findings":[[:space:]]*\[\]' "$(cat "$tmp/out")"
"$BIN" numbers fixtures/nonfigures.pdf > "$tmp/nums"
expect_eq "nonfigures.pdf: no money, percent or score quantities" "" \
    "$(awk -F'\t' '$2 == "figure" && ($4 ~ /元|%|分/)' "$tmp/nums")"
expect_match "nonfigures.pdf: document numbers recognized" 'docno	2020' "$(cat "$tmp/nums")"
expect_match "nonfigures.pdf: phone numbers recognized" 'phone	13800138000' "$(cat "$tmp/nums")"
expect_match "nonfigures.pdf: dates recognized" 'date	' "$(cat "$tmp/nums")"
expect_match "nonfigures.pdf: codes recognized" 'code	30107' "$(cat "$tmp/nums")"
