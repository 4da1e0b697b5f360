#!/bin/sh
# traditional.sh BIN S2T MUTATE - every fixture's Traditional twin (OpenCC s2t) gives the same
# facts at the same places: kind, scope, value, unit, page and line. Text fixtures are converted
# as they are; prose PDFs through their text (pdftotext, form feeds between pages); 自评表 PDFs
# through the text the eval writes of them (eval/mutate.c: tables as "| a | b |" rows).
. "$(dirname "$0")/lib.sh"
BIN=$1
S2T=$2
MUTATE=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
facts() {
    "$BIN" check --format json --fail-on none "$1" 2>/dev/null | python3 -c '
import json, sys
d = json.load(sys.stdin)
d = d[0] if isinstance(d, list) else d  # --format json: an array of one record
d = d[0] if isinstance(d, list) else d
for f in d.get("facts", []):
    print(f["kind"], f["scope"], f["value"], f["unit"], "%d:%d" % (f["page"], f["line"]))
'
}
for f in fixtures/src/*.txt fixtures/prose/*.txt fixtures/*.pdf fixtures/tables/*.pdf; do
    name=$(echo "$f" | tr '/' '_')
    case $f in
    fixtures/tables/*)
        "$MUTATE" "$f" "$tmp/$name.d" > /dev/null 2>&1 && cp "$tmp/$name.d/base.txt" "$tmp/$name.txt" ||
            { fail "traditional twin of $f" "mutate could not write its text"; continue; } ;;
    *.pdf) pdftotext -q "$f" "$tmp/$name.txt" || { fail "traditional twin of $f" "pdftotext failed"; continue; } ;;
    *) cp "$f" "$tmp/$name.txt" ;;
    esac
    "$S2T" < "$tmp/$name.txt" > "$tmp/$name.t.txt" || { fail "traditional twin of $f" "s2t failed"; continue; }
    cmp -s "$tmp/$name.txt" "$tmp/$name.t.txt" && continue # written in Traditional already
    want=$(facts "$tmp/$name.txt")
    got=$(facts "$tmp/$name.t.txt")
    if [ "$want" = "$got" ]; then
        pass "traditional twin of $f ($(printf '%s\n' "$want" | wc -l) facts)"
    else
        fail "traditional twin of $f" "$(printf '%s\n' "$want" > "$tmp/w"; printf '%s\n' "$got" | diff "$tmp/w" - | head -10)"
    fi
done
