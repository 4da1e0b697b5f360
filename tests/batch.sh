#!/bin/sh
# batch.sh BIN - bulk checking: hostile inputs in one batch, order under -j,
# directories, duplicates, the results store, resume after kill -9, shards and
# merge, Ctrl-C.
. "$(dirname "$0")/lib.sh"
BIN=$1
case "$BIN" in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
root=$(pwd)

# ---- hostile inputs: each gets its error record, every other file its result ----
h=$tmp/hostile
mkdir -p "$h"
cp fixtures/seed.pdf "$h/01-seed.pdf"
head -c 30000 fixtures/seed.pdf > "$h/02-truncated.pdf"
: > "$h/03-empty.pdf"
cp fixtures/bad/not-a-pdf.pdf "$h/04-not-a-pdf.pdf"
cp fixtures/bad/encrypted.pdf "$h/05-encrypted.pdf"
printf 'BUDGETLINT-TEST-CRASH\n' > "$h/06-crash.txt"
printf 'BUDGETLINT-TEST-HANG\n' > "$h/07-hang.txt"
printf 'BUDGETLINT-TEST-OOM\n' > "$h/08-oom.txt"
cp fixtures/wrong-rate.pdf "$h/09-wrong-rate.pdf"
BUDGETLINT_TEST_HOOKS=1 "$BIN" check --format jsonl -j 3 --timeout 3 --max-memory 300 "$h" > "$tmp/out" 2> "$tmp/err"
expect_rc "hostile batch exits 2" 2 $?
expect_eq "hostile batch: one record per file" 9 "$(wc -l < "$tmp/out" | tr -d ' ')"
code() { sed -n "s/.*\"file\":\"[^\"]*$1\".*\"code\":\"\([^\"]*\)\".*/\1/p" "$tmp/out"; }
status() { sed -n "s/.*\"file\":\"[^\"]*$1\",\"status\":\"\([a-z]*\)\".*/\1/p" "$tmp/out"; }
expect_eq "hostile: seed checked" ok "$(status 01-seed.pdf)"
expect_match "hostile: truncated PDF has a record" '^(ok|error)$' "$(status 02-truncated.pdf)"
expect_eq "hostile: empty" empty "$(code 03-empty.pdf)"
expect_eq "hostile: not a PDF" not-pdf "$(code 04-not-a-pdf.pdf)"
expect_eq "hostile: encrypted" encrypted "$(code 05-encrypted.pdf)"
expect_eq "hostile: a crashing worker" crashed "$(code 06-crash.txt)"
expect_eq "hostile: a hanging worker" timeout "$(code 07-hang.txt)"
if grep -q 'BL_ASAN_BUILD' /dev/null 2>/dev/null || "$BIN" --version | grep -q asan; then :; fi
expect_match "hostile: a worker out of memory" '^(out-of-memory|crashed)$' "$(code 08-oom.txt)"
expect_eq "hostile: the last file still checked" ok "$(status 09-wrong-rate.pdf)"
expect_match "hostile: its finding reported" '"file":"[^"]*09-wrong-rate.pdf".*"rule":"rate-mismatch"' "$(cat "$tmp/out")"
expect_match "hostile: crash named on stderr" "06-crash.txt': the worker crashed" "$(cat "$tmp/err")"

# ---- order: -j 1 and -j 4 give byte-identical output, in input order ----
"$BIN" check --format jsonl -j 1 fixtures > "$tmp/j1" 2>/dev/null
"$BIN" check --format jsonl -j 4 fixtures > "$tmp/j4" 2>/dev/null
if cmp -s "$tmp/j1" "$tmp/j4"; then pass "-j 1 and -j 4: byte-identical JSONL"; else fail "-j 1 and -j 4: byte-identical JSONL"; fi
expect_eq "directory: every .pdf, .txt, .docx and .ofd below, recursively" \
    "$(find fixtures -name '*.pdf' -o -name '*.txt' -o -name '*.docx' -o -name '*.ofd' | wc -l | tr -d ' ')" \
    "$(grep -c . "$tmp/j1")"
expect_eq "directory: in byte order of paths" "$(sed 's/.*"file":"\([^"]*\)".*/\1/' "$tmp/j1" | head -3 | tr '\n' ' ')" \
    "fixtures/bad/damaged.pdf fixtures/bad/empty.pdf fixtures/bad/encrypted.pdf "

# ---- duplicates and Chinese names ----
d=$tmp/dups
mkdir -p "$d"
cp fixtures/seed.pdf "$d/区府办-2022.pdf"
cp fixtures/seed.pdf "$d/副本.pdf"
"$BIN" check --format jsonl "$d/副本.pdf" "$d/区府办-2022.pdf" > "$tmp/out"
expect_rc "duplicates: exit 0" 0 $?
expect_match "duplicates: the second names the first" "\"file\":\"$d/区府办-2022.pdf\".*\"duplicate_of\":\"$d/副本.pdf\"" "$(cat "$tmp/out")"
# --files-from
printf '%s\n' fixtures/seed.pdf fixtures/wrong-grade.pdf > "$tmp/list"
"$BIN" check --format jsonl --files-from "$tmp/list" > "$tmp/out"
expect_rc "--files-from: exit 1 (a finding)" 1 $?
expect_eq "--files-from: both files" 2 "$(wc -l < "$tmp/out" | tr -d ' ')"

# ---- the store ----
if command -v sqlite3 >/dev/null 2>&1; then
    c=$tmp/corpus
    mkdir -p "$c"
    for f in fixtures/*.pdf; do cp "$f" "$c/"; done
    (cd "$tmp" && "$BIN" check --format jsonl -j 2 --db a.sqlite corpus > a.out 2>/dev/null)
    expect_eq "store: one report row per file" "$(ls "$c" | wc -l | tr -d ' ')" \
        "$(sqlite3 "$tmp/a.sqlite" 'SELECT count(*) FROM reports')"
    expect_eq "store: findings by rule" "rate-mismatch|3" \
        "$(sqlite3 "$tmp/a.sqlite" "SELECT rule, count(*) FROM findings WHERE rule='rate-mismatch' GROUP BY rule")"
    expect_eq "store: department and year" "广州市花都区人民政府办公室|2022" \
        "$(sqlite3 "$tmp/a.sqlite" "SELECT DISTINCT department, year FROM reports WHERE path LIKE '%seed.pdf'")"
    ids=$(sqlite3 "$tmp/a.sqlite" 'SELECT group_concat(id) FROM reports')
    (cd "$tmp" && "$BIN" check --format jsonl --db a.sqlite corpus > a2.out 2>/dev/null)
    expect_eq "store: a re-run checks nothing again (rows kept)" "$ids" "$(sqlite3 "$tmp/a.sqlite" 'SELECT group_concat(id) FROM reports')"
    if cmp -s "$tmp/a.out" "$tmp/a2.out"; then pass "store: a re-run prints the same records"; else
        fail "store: a re-run prints the same records" "$(diff "$tmp/a.out" "$tmp/a2.out" | head -5)"; fi
    (cd "$tmp" && "$BIN" check --format jsonl --db a.sqlite --force corpus/seed.pdf > /dev/null 2>&1)
    expect_eq "store: --force re-checks (a new row)" 1 \
        "$(sqlite3 "$tmp/a.sqlite" "SELECT count(*) FROM reports WHERE path='corpus/seed.pdf' AND id > $(echo "$ids" | tr ',' '\n' | sort -n | tail -1)")"
    # resume: kill -9 mid-batch, re-run; the store ends as an uninterrupted run's
    for i in 1 2 3 4 5 6 7 8 9 10 11 12; do mkdir -p "$c/copy$i"; for f in fixtures/*.pdf; do cp "$f" "$c/copy$i/$i-$(basename "$f")"; done; done
    (cd "$tmp" && "$BIN" check --format jsonl -j 2 --db full.sqlite corpus > /dev/null 2>&1)
    (cd "$tmp" && exec "$BIN" check --format jsonl -j 1 --db cut.sqlite corpus > /dev/null 2>&1) &
    pid=$!
    n=0
    while [ "$n" -lt 4 ] && kill -0 $pid 2>/dev/null; do
        n=$(sqlite3 "$tmp/cut.sqlite" 'SELECT count(*) FROM reports' 2>/dev/null || echo 0)
        sleep 0.02
    done
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    before=$(sqlite3 "$tmp/cut.sqlite" 'SELECT count(*) FROM reports')
    total=$(sqlite3 "$tmp/full.sqlite" 'SELECT count(*) FROM reports')
    if [ "$before" -gt 0 ] && [ "$before" -lt "$total" ]; then pass "resume: killed midway ($before of $total stored)"; else
        fail "resume: killed midway" "$before of $total stored"; fi
    (cd "$tmp" && "$BIN" check --format jsonl -j 2 --db cut.sqlite corpus > /dev/null 2>&1)
    q='SELECT path, sha256, status, errors, warnings, json FROM reports ORDER BY path'
    if [ "$(sqlite3 "$tmp/full.sqlite" "$q")" = "$(sqlite3 "$tmp/cut.sqlite" "$q")" ]; then
        pass "resume: the store ends identical to an uninterrupted run"; else
        fail "resume: the store ends identical to an uninterrupted run"; fi
    qf='SELECT r.path, f.rule, f.page, f.line FROM findings f JOIN reports r ON r.id = f.report_id ORDER BY 1, 2, 3, 4'
    expect_eq "resume: findings identical" "$(sqlite3 "$tmp/full.sqlite" "$qf")" "$(sqlite3 "$tmp/cut.sqlite" "$qf")"
    # shards and merge
    (cd "$tmp" && "$BIN" check --format jsonl --shard 1/2 --db s1.sqlite corpus > s1.out 2>/dev/null;
                  "$BIN" check --format jsonl --shard 2/2 --db s2.sqlite corpus > s2.out 2>/dev/null)
    expect_eq "shards: together every file, once" "$total" "$(cat "$tmp/s1.out" "$tmp/s2.out" | wc -l | tr -d ' ')"
    "$BIN" merge "$tmp/m.sqlite" "$tmp/s1.sqlite" "$tmp/s2.sqlite" 2> "$tmp/err"
    expect_rc "merge exits 0" 0 $?
    q2='SELECT path, sha256, status, json FROM reports ORDER BY path'
    if [ "$(sqlite3 "$tmp/full.sqlite" "$q2")" = "$(sqlite3 "$tmp/m.sqlite" "$q2")" ]; then
        pass "merge: shards merge into the uninterrupted run's store"; else
        fail "merge: shards merge into the uninterrupted run's store"; fi
    "$BIN" merge "$tmp/m.sqlite" "$tmp/s1.sqlite" 2> "$tmp/err"
    expect_match "merge: merging again adds nothing" "merged 0 reports" "$(cat "$tmp/err")"
else
    fail "store tests" "sqlite3 (Debian: sqlite3) is needed"
fi

# ---- Ctrl-C: stops cleanly, prints what was done ----
i=$tmp/int
mkdir -p "$i"
cp fixtures/seed.pdf "$i/1.pdf"
printf 'BUDGETLINT-TEST-HANG\n' > "$i/2.txt"
cp fixtures/seed.pdf "$i/3-copy.pdf"
BUDGETLINT_TEST_HOOKS=1 "$BIN" check --format jsonl -j 1 --timeout 0 "$i" > "$tmp/out" 2> "$tmp/err" &
pid=$!
sleep 1.5
kill -INT $pid
wait $pid
expect_eq "Ctrl-C exits 130 (documented, not a crash)" 130 $?
expect_eq "Ctrl-C: the finished file was written" 1 "$(wc -l < "$tmp/out" | tr -d ' ')"
expect_match "Ctrl-C: says what was done" 'interrupted: 1 of 3 files checked' "$(cat "$tmp/err")"
