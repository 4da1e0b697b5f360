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
# stores: merge never creates a missing input, never writes into another program's
# database; --db refuses a foreign file unchanged; report never writes over the store
rm -rf st
mkdir st
"$BIN" check --db st/shard1.sqlite "$REPO/fixtures/wrong-rate.pdf" > /dev/null 2>&1
"$BIN" merge st/all.sqlite st/shard1.sqlite st/shard2.sqlite 2> err.txt
rc=$?
expect_rc "merge with a missing shard exits 2" 2 $rc
expect_eq "merge with a missing shard: the shard is not created" "no" "$([ -e st/shard2.sqlite ] && echo yes || echo no)"
expect_match "merge with a missing shard: said on stderr" "st/shard2.sqlite" "$(cat err.txt)"
python3 -c "import sqlite3; c = sqlite3.connect('st/other.db'); c.execute('create table t(x)'); c.commit()"
before=$(cksum < st/other.db)
"$BIN" merge st/all.sqlite st/other.db > /dev/null 2>&1
expect_rc "merge from another program's database exits 2" 2 $?
"$BIN" check --db st/other.db "$REPO/fixtures/seed.pdf" > /dev/null 2> err.txt
expect_rc "--db on another program's database exits 2" 2 $?
expect_match "--db on another program's database: not a budgetlint store" "not a budgetlint store" "$(cat err.txt)"
expect_eq "another program's database left as it was" "$before" "$(cksum < st/other.db)"
for opt in --csv --html --xlsx; do
    "$BIN" report --db st/shard1.sqlite $opt st/shard1.sqlite 2> err.txt
    rc=$?
    expect_rc "report $opt onto the store itself is refused (exit 2)" 2 $rc
    expect_match "report $opt onto the store: both named" "refusing to write 'st/shard1.sqlite': it is the store" "$(cat err.txt)"
done
n=$(python3 -c "import sqlite3; print(sqlite3.connect('st/shard1.sqlite').execute('select count(*) from reports').fetchone()[0])")
expect_eq "the store still holds its report" 1 "$n"
"$BIN" report --db st/shard1.sqlite --csv st/r.csv --html st/r.html --xlsx st/r.xlsx
expect_rc "report: three outputs written" 0 $?
expect_eq "report: no temporary files left" "" "$(find st -name '.*' -type f)"
if command -v setpriv > /dev/null && [ "$(id -u)" = 0 ]; then
    chmod 755 "$tmp" st && chmod 644 st/shard1.sqlite && mkdir -p w && chmod 777 w
    setpriv --reuid=nobody --regid=nogroup --clear-groups "$BIN" report --db "$tmp/st/shard1.sqlite" --csv "$tmp/w/x.csv" 2> err.txt
    expect_rc "report from a store the user cannot write (read-only)" 0 $?
else
    echo "SKIP: report from a read-only store: needs root and setpriv"
fi
# two writers on one store at once (WAL, a busy timeout): both succeed, both stored
rm -rf cw
mkdir cw cw/a cw/b
for k in 1 2 3 4; do cp "$REPO/fixtures/seed.pdf" "cw/a/s$k.pdf"; cp "$REPO/fixtures/wrong-rate.pdf" "cw/b/w$k.pdf"; done
printf '\n%s' "$k" >> cw/b/w4.pdf # different bytes: stored apart
"$BIN" check -j 2 --format jsonl --db cw/s.sqlite cw/a > /dev/null 2> cw/e1 &
P1=$!
"$BIN" check -j 2 --format jsonl --db cw/s.sqlite cw/b > /dev/null 2> cw/e2 &
P2=$!
wait $P1
r1=$?
wait $P2
r2=$?
expect_eq "two writers on one store: both finish (exit 0/1, no trouble)" "ok ok" \
    "$([ $r1 -le 1 ] && echo ok || echo "rc=$r1 $(cat cw/e1)") $([ $r2 -le 1 ] && echo ok || echo "rc=$r2 $(cat cw/e2)")"
expect_eq "two writers on one store: all eight stored" 8 \
    "$(python3 -c "import sqlite3; print(sqlite3.connect('cw/s.sqlite').execute('select count(*) from reports').fetchone()[0])")"
# hostile text where it is shown: a file name that is a formula, a severity that is markup
cp "$REPO/fixtures/wrong-rate.pdf" '=1+1.pdf'
"$BIN" check --db st/f.sqlite '=1+1.pdf' > /dev/null 2>&1
"$BIN" report --db st/f.sqlite --csv st/f.csv
expect_match "CSV: a cell starting with = is written as text" "^\"'=1\+1.pdf\"," "$(sed -n 2p st/f.csv)"
python3 - st/f.sqlite <<'PY'
import json, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
rec = {"schema": "budgetlint/1", "file": "evil.pdf", "status": "ok", "pages": 1, "facts": [],
       "findings": [{"rule": "rate-mismatch", "severity": "error\"><img src=x onerror=alert(1)><x class=\"",
                     "page": 1, "line": 1, "message": "m", "facts": []}],
       "summary": {"errors": 1, "warnings": 0, "infos": 0}, "report": {"title": None, "department": None, "year": None}}
c.execute("insert into reports(path, sha256, version, status, json) values(?, ?, ?, ?, ?)",
          ("evil.pdf", "0" * 64, "0", "ok", json.dumps(rec)))
c.commit()
PY
"$BIN" merge st/bureau.sqlite st/f.sqlite 2> /dev/null
"$BIN" report --db st/bureau.sqlite --html st/b.html
expect_eq "HTML: a merged store's severity is never markup" "" "$(grep -o '<img src=x' st/b.html)"
"$BIN" check --db st/empty.sqlite "$REPO/fixtures/bad/empty.pdf" > /dev/null 2>&1
"$BIN" report --db st/empty.sqlite --html st/e.html
expect_rc "HTML from a store without findings" 0 $?
# hostile names and shapes: a newline or ESC in a name, bytes that are not UTF-8, a folder
# that links to itself, a FIFO among the inputs, a name that is not a URI
rm -rf hn
mkdir hn
: > "hn/x
budgetlint: error: forged.pdf: all good.pdf"
"$BIN" check --format jsonl hn/x* > /dev/null 2> err.txt
expect_eq "a newline in a name: one stderr line" 1 "$(wc -l < err.txt)"
cp "$REPO/fixtures/seed.pdf" "hn/e$(printf '\033')[31mred.pdf"
expect_eq "ESC in a name: shown, not sent to the terminal" "" \
    "$("$BIN" check --format text --color never hn/e*red.pdf | grep "$(printf '\033')")"
rm -f hn/x* hn/e*
cp "$REPO/fixtures/wrong-rate.pdf" "hn/bad$(printf '\377\376').pdf"
cp "$REPO/fixtures/seed.pdf" hn/good.pdf
"$BIN" check -j 2 --format jsonl --db hn/s.sqlite hn > hn.jsonl 2> /dev/null
"$BIN" check -j 2 --format sarif hn > hn.sarif 2> /dev/null
expect_eq "a name that is not UTF-8: JSON Lines and SARIF stay valid JSON" "ok" "$(python3 -c "
import json
[json.loads(l) for l in open('hn.jsonl', 'rb')]
json.loads(open('hn.sarif', 'rb').read())
print('ok')" 2>&1)"
"$BIN" report --db hn/s.sqlite --xlsx hn.xlsx
expect_eq "a name that is not UTF-8: the workbook opens" "ok" \
    "$(/usr/bin/python3 -c "import openpyxl; openpyxl.load_workbook('hn.xlsx'); print('ok')" 2>&1)"
rm -rf loop
mkdir loop
cp "$REPO/fixtures/seed.pdf" loop/a.pdf
ln -s . loop/s1
ln -s . loop/s2
timeout 30 "$BIN" check -j 2 --format jsonl loop > loop.jsonl 2> /dev/null
rc=$?
expect_rc "a folder linked to itself twice: the walk ends" 0 $rc
expect_eq "a folder linked to itself: each file once" 1 "$(wc -l < loop.jsonl)"
rm -rf ff
mkdir ff
cp "$REPO/fixtures/seed.pdf" ff/a.pdf
mkfifo ff/b.pdf
timeout 20 "$BIN" check -j 2 --timeout 3 --format jsonl ff > ff.jsonl 2> /dev/null
rc=$?
expect_rc "a FIFO among the inputs: the batch ends, exit 2" 2 $rc
expect_match "a FIFO: its own record, never opened" '"code":"not-a-file"' "$(cat ff.jsonl)"
timeout 20 "$BIN" check -j 1 --timeout 3 --format jsonl --db ff/s.sqlite ff/b.pdf > /dev/null 2>&1
expect_rc "a FIFO with --db: refused, not hashed forever" 2 $?
cp "$REPO/fixtures/wrong-rate.pdf" 'a b#c%20.pdf'
"$BIN" check --format sarif 'a b#c%20.pdf' > u.sarif 2> /dev/null
expect_eq "SARIF: the artifact's URI is percent-encoded" "a%20b%23c%2520.pdf" \
    "$(python3 -c "import json; print(json.load(open('u.sarif'))['runs'][0]['results'][0]['locations'][0]['physicalLocation']['artifactLocation']['uri'])")"
# batches that must not lose or mix up files: stdin bigger than the cap, unreadable and
# missing inputs in the store, a crash that is not remembered as the file's result
head -c 3000000 /dev/zero | tr '\0' 'x' > big.txt
"$BIN" check --format jsonl - < big.txt > /dev/null 2>&1
expect_rc "stdin within the cap is checked" 0 $?
rm -rf bt
mkdir bt
cp "$REPO/fixtures/seed.pdf" bt/a.pdf
"$BIN" check --format jsonl --db bt/s.sqlite bt/a.pdf bt/missing.pdf > bt.jsonl 2> /dev/null
expect_eq "a missing input is in the store too" "2" \
    "$(python3 -c "import sqlite3; print(sqlite3.connect('bt/s.sqlite').execute('select count(*) from reports').fetchone()[0])")"
{ echo BUDGETLINT-TEST-CRASH; cat "$REPO/fixtures/src/seed.txt"; } > bt/c.txt
cp bt/c.txt bt/c_twin.txt
BUDGETLINT_TEST_HOOKS=1 "$BIN" check -j 2 --format jsonl --db bt/s.sqlite bt/c.txt bt/c_twin.txt > /dev/null 2> err.txt
expect_eq "a crashed file: one stderr line each" 2 "$(wc -l < err.txt)"
"$BIN" check -j 2 --format jsonl --db bt/s.sqlite bt/c.txt bt/c_twin.txt > bt2.jsonl 2> /dev/null
expect_eq "a crash is tried again, not read back from the store" 0 "$(grep -c crashed bt2.jsonl)"
# a small memory cap: out-of-memory, not a crash; --password leaves a PDF that opens without one
out=$("$BIN" check -j 1 --max-memory 20 --format jsonl "$REPO/fixtures/wrong-rate.pdf" 2> /dev/null)
case $out in *'"code":"crashed"'*) fail "--max-memory 20: out-of-memory, not crashed" "$out" ;;
*) pass "--max-memory 20: not reported as a crash" ;; esac
out=$("$BIN" check --password secret --format jsonl "$REPO/fixtures/seed.pdf" 2> /dev/null)
expect_match "--password: a PDF without one is read as it is" '"status":"ok"' "$out"
# secrets off the command line: --password-file and BUDGETLINT_PASSWORD open the encrypted fixture
printf 'budget\n' > pw.txt
out=$("$BIN" check --format jsonl --password-file pw.txt "$REPO/fixtures/bad/encrypted.pdf" 2> /dev/null)
expect_match "--password-file: the encrypted PDF opens" '"status":"ok"' "$out"
out=$(BUDGETLINT_PASSWORD=budget "$BIN" check --format jsonl "$REPO/fixtures/bad/encrypted.pdf" 2> /dev/null)
expect_match "BUDGETLINT_PASSWORD: the encrypted PDF opens" '"status":"ok"' "$out"
"$BIN" check --format jsonl --password-file missing-pw.txt "$REPO/fixtures/seed.pdf" > /dev/null 2> err.txt
expect_rc "--password-file that cannot be read exits 2" 2 $?
expect_match "HTML: a Content-Security-Policy forbids remote loads" "Content-Security-Policy\" content=\"default-src 'none'" "$(cat st/b.html)"
# -j 0 (in process): --timeout and Ctrl-C stop the run, records already written stay whole
{ echo BUDGETLINT-TEST-HANG; echo x; } > hang.txt
BUDGETLINT_TEST_HOOKS=1 timeout 20 "$BIN" check -j 0 --timeout 2 --format jsonl "$REPO/fixtures/seed.pdf" hang.txt > j0.jsonl 2> err.txt
rc=$?
expect_rc "-j 0 --timeout 2 on a file that hangs: exit 2, not a hang" 2 $rc
expect_match "-j 0 --timeout: one line says why" "took longer than --timeout" "$(cat err.txt)"
expect_eq "-j 0 --timeout: the record written before is whole" "ok" \
    "$(python3 -c "import json; [json.loads(l) for l in open('j0.jsonl')]; print('ok')" 2>&1)"
BUDGETLINT_TEST_HOOKS=1 "$BIN" check -j 0 --timeout 60 --format jsonl hang.txt > /dev/null 2> err.txt &
P=$!
sleep 1
kill -INT $P
sleep 1
if kill -0 $P 2> /dev/null; then
    fail "-j 0: Ctrl-C during a file stops the run" "still running 1 s after SIGINT"
    kill -9 $P
else
    wait $P
    expect_eq "-j 0: Ctrl-C during a file stops the run (exit 130)" 130 $?
fi
# a page whose only words are a filled-in form field and a free-text annotation is read,
# not reported as a scan; a scan still is
python3 "$REPO/tests/formpdf.py" form.pdf
out=$("$BIN" check --format jsonl --fail-on none form.pdf 2> /dev/null)
expect_match "a form's filled-in fields are read: not a scan" '"status":"ok"' "$out"
expect_match "a form's fields give their facts" '"kind":"rate","scope":"total","value":"92.00"' "$out"
expect_match "a free-text annotation gives its facts" '"kind":"grade"' "$out"
out=$("$BIN" check --format jsonl "$REPO/fixtures/bad/scanned.pdf" 2> /dev/null)
expect_match "a scan is still no-text-layer" '"code":"no-text-layer"' "$out"
# kill -9 of the parent: its workers die with it (never run on past --timeout)
BUDGETLINT_TEST_HOOKS=1 "$BIN" check -j 1 --timeout 30 --format jsonl hang.txt > /dev/null 2>&1 &
P=$!
sleep 1
W=$(pgrep -P $P | head -1)
kill -9 $P
sleep 1
state=$([ -n "$W" ] && awk '{ print $3 }' "/proc/$W/stat" 2> /dev/null)
if [ -n "$state" ] && [ "$state" != Z ]; then # a zombie is dead, waiting to be reaped
    fail "kill -9 of the parent: no worker left running" "worker $W alive"
    kill -9 "$W"
else
    pass "kill -9 of the parent: no worker left running"
fi
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
