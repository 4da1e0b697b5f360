#!/bin/sh
# hostile.sh BIN - the whole CLI over a generated set of hostile inputs (#16): for each,
# a record, a documented exit status, one stderr line per unreadable file and no other,
# and nothing outside the output folder touched (a listing and checksums of the inputs
# compared before and after). Run with the release and the ASan/UBSan builds.
. "$(dirname "$0")/lib.sh"
BIN=$1
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
REPO=$(pwd)
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
mkdir -p in/deep/a/b/c/d out
cp "$REPO/fixtures/wrong-rate.pdf" in/ok.pdf
cp "$REPO/fixtures/seed.pdf" "in/deep/a/b/c/d/same name.pdf"
cp "$REPO/fixtures/seed.pdf" in/deep/twin.pdf
: > in/empty.pdf
printf 'not a pdf at all\n' > in/text-as.pdf
head -c 20000 "$REPO/fixtures/seed.pdf" > in/truncated.pdf
head -c 4096 /dev/urandom > in/junk.pdf
printf '%%PDF-1.7\n%s\n' "$(head -c 3000 /dev/zero | tr '\0' '(')" > in/nested.pdf
mkdir in/folder.pdf
mkfifo in/fifo.pdf
ln -s . in/deep/loop
ln -s /nonexistent in/dangling.pdf
cp "$REPO/fixtures/seed.pdf" "in/bad$(printf '\377').pdf"
cp "$REPO/fixtures/seed.pdf" "in/new
line.pdf"
printf '全年预算数 100 万元\0执行数 90 万元，执行率 90%%。\n' > in/nul.txt
python3 -c "print('执行率' * 200000)" > in/long-line.txt
printf '\265\304\310\253\304\352\324\244\313\343\312\375 100 \315\362\324\252\n' > in/gbk.txt
listing() { (cd in && find . -print0 | sort -z | xargs -0 stat -c '%n %s %F' 2> /dev/null; \
    find . -type f -print0 | sort -z | xargs -0 sha256sum 2> /dev/null) }
before=$(listing)
n_in=$(cd in && find . \( -name '*.pdf' -o -name '*.txt' \) ! -type d ! -name '.*' ! -path '*/loop/*' -print0 | tr -cd '\0' | wc -c)
timeout 300 "$BIN" check -j 2 --timeout 20 --format jsonl --db out/s.sqlite --annotate out/marked in \
    > out/records.jsonl 2> out/err.txt
rc=$?
expect_eq "hostile inputs: the exit status is a documented one (2: some unreadable)" 2 "$rc"
expect_eq "hostile inputs: nothing in the input folder changed" "$before" "$(listing)"
records=$(wc -l < out/records.jsonl)
expect_eq "hostile inputs: one record per input found (the loop walked once)" "$n_in" "$records"
expect_eq "hostile inputs: every record is one valid JSON line" "ok" "$(python3 -c "
import json
for l in open('out/records.jsonl', 'rb'):
    json.loads(l)
print('ok')" 2>&1)"
errors=$(grep -ac '"status":"error"' out/records.jsonl)
expect_eq "hostile inputs: one stderr line per unreadable file, and none else" "$errors" "$(wc -l < out/err.txt)"
expect_eq "hostile inputs: every stderr line names budgetlint" "" "$(grep -v '^budgetlint: ' out/err.txt)"
expect_eq "hostile inputs: no temporary file left in the output folder" "" "$(find out -name '.*' -type f)"
stored=$(python3 -c "import sqlite3; print(sqlite3.connect('out/s.sqlite').execute('select count(*) from reports').fetchone()[0])")
expect_eq "hostile inputs: every input in the store, unreadable ones included" "$n_in" "$stored"
