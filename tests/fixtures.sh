#!/bin/sh
# fixtures.sh BIN - every fixture's JSON record against its golden file beside it
# (fixtures/NAME.expected.json, the record as tests/record.py prints it). A missing golden file fails and leaves
# fixtures/NAME.actual.json to review; golden files are never written here.
. "$(dirname "$0")/lib.sh"
BIN=$1
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for f in fixtures/*.pdf fixtures/*.txt fixtures/prose/*.txt fixtures/bad/*.pdf; do
    exp=${f%.*}.expected.json
    "$BIN" check --format json "$f" > "$tmp" 2>/dev/null
    rc=$?
    if [ $rc -ge 128 ]; then fail "fixture $f" "crashed: exit $rc"; continue; fi
    # the document is an array of one record; the golden file is that record
    out=$(python3 tests/record.py < "$tmp")
    if [ ! -f "$exp" ]; then
        printf '%s\n' "$out" > "${f%.*}.actual.json"
        fail "fixture $f" "no golden file $exp; wrote ${f%.*}.actual.json to review"
        continue
    fi
    if [ "$out" = "$(cat "$exp")" ]; then pass "fixture $f"; else
        printf '%s\n' "$out" > "${f%.*}.actual.json"
        fail "fixture $f" "differs from $exp (see ${f%.*}.actual.json):" "$(printf '%s\n' "$out" | diff "$exp" - | head -20)"
    fi
done
