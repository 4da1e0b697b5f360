#!/bin/sh
# safety.sh BIN - no output over an input, ever (#16): --annotate DIR where DIR is the
# inputs' own folder however it is spelled, copies of two inputs with one name, a symlink
# planted in DIR, findings with nothing to highlight, a full disk. Every case compares
# the inputs' checksums before and after.
. "$(dirname "$0")/lib.sh"
BIN=$1
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
REPO=$(pwd)
tmp=$(mktemp -d)
trap 'umount "$tmp/full" 2>/dev/null; rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
for v in ".|r.pdf" "d/|d/r.pdf" "$tmp/d|d/r.pdf" "d|./d/r.pdf" "dlink|d/r.pdf" "d|d/r.pdf"; do
    dir=${v%%|*}
    in=${v##*|}
    rm -rf d dlink r.pdf
    mkdir d
    cp "$REPO/fixtures/wrong-rate.pdf" d/r.pdf
    cp "$REPO/fixtures/wrong-rate.pdf" r.pdf
    ln -s d dlink
    before=$(cksum < "$in")
    "$BIN" check --format jsonl --annotate "$dir" "$in" > rec.jsonl 2> err.txt
    rc=$?
    expect_eq "--annotate '$dir' '$in': the input untouched" "$before" "$(cksum < "$in")"
    expect_rc "--annotate '$dir' '$in': refused, exit 2" 2 $rc
    expect_match "--annotate '$dir' '$in': one stderr line naming both paths" \
        "^budgetlint: error: '$in': refusing to write the annotated copy '.*r.pdf': it is the input '.*r.pdf'\$" "$(cat err.txt)"
    expect_match "--annotate '$dir' '$in': the record says why" '"annotate_error":"refusing' "$(cat rec.jsonl)"
done
# one name in two folders: two copies, each under its folder
rm -rf a b out
mkdir a b
cp "$REPO/fixtures/wrong-rate.pdf" a/r.pdf
cp "$REPO/fixtures/wrong-total.pdf" b/r.pdf
"$BIN" check -j 2 --format jsonl --annotate out a/r.pdf b/r.pdf > rec.jsonl 2> /dev/null
expect_eq "two inputs named r.pdf: two distinct copies" "out/a/r.pdf out/b/r.pdf" \
    "$(grep -o '"annotated":"[^"]*"' rec.jsonl | sed 's/"annotated":"//; s/"$//' | sort | tr '\n' ' ' | sed 's/ $//')"
expect_eq "out/a/r.pdf is a PDF" "%PDF" "$(head -c 4 out/a/r.pdf)"
expect_eq "out/b/r.pdf is a PDF" "%PDF" "$(head -c 4 out/b/r.pdf)"
# a symlink planted in DIR under the copy's name is replaced, not written through
rm -rf out d
mkdir out d
cp "$REPO/fixtures/wrong-rate.pdf" d/r.pdf
echo precious > victim.txt
ln -s "$tmp/victim.txt" out/r.pdf
"$BIN" check --format jsonl --annotate out d/r.pdf > /dev/null 2>&1
expect_eq "a symlink planted in DIR: its target untouched" "precious" "$(cat victim.txt)"
expect_eq "a symlink planted in DIR: replaced by the copy" "%PDF" "$(head -c 4 out/r.pdf)"
# a symlinked folder inside DIR is not followed
rm -rf out elsewhere
mkdir -p out elsewhere a b
cp "$REPO/fixtures/wrong-rate.pdf" a/r.pdf
ln -s "$tmp/elsewhere" out/a
"$BIN" check --format jsonl --annotate out a/r.pdf b/r.pdf > rec.jsonl 2> err.txt
expect_eq "a symlinked folder in DIR: nothing written through it" "" "$(ls elsewhere)"
expect_match "a symlinked folder in DIR: refused by name" "out/a' is a symlink" "$(cat err.txt)"
# findings with nothing to highlight: the copy still exists when the record names it
rm -rf out
"$BIN" check --format jsonl --annotate out "$REPO/fixtures/tables/glued.pdf" > rec.jsonl 2> /dev/null
a=$(grep -o '"annotated":"[^"]*"' rec.jsonl | sed 's/"annotated":"//; s/"$//')
expect_eq "findings without positions: the named copy exists" "yes" "$([ -n "$a" ] && [ -f "$a" ] && echo yes)"
expect_eq "no temporary file left beside the copies" "" "$(find out -name '.*' -type f)"
# a full disk: no record names a copy that is not whole (root and tmpfs only)
mkdir full in
if mount -t tmpfs -o size=1m tmpfs full 2> /dev/null; then
    cp "$REPO"/fixtures/*.pdf in/
    "$BIN" check -j 2 --format jsonl --annotate full/marked in > rec.jsonl 2> err.txt
    rc=$?
    bad=0
    for a in $(grep -o '"annotated":"[^"]*"' rec.jsonl | sed 's/"annotated":"//; s/"$//'); do
        pdfinfo "$a" > /dev/null 2>&1 || bad=$((bad + 1))
    done
    expect_eq "a full disk: every copy a record names is a whole PDF" 0 "$bad"
    expect_rc "a full disk: copies not written make exit 2" 2 $rc
    expect_match "a full disk: the cause on stderr" "disk full|No space left|incomplete|cannot write" "$(cat err.txt)"
    expect_eq "a full disk: no temporary file left" "" "$(find full -name '.*' -type f)"
    umount full
else
    echo "SKIP: a full disk: cannot mount a tmpfs here (needs root)"
fi
