#!/bin/sh
# pathological.sh BIN - inputs shaped to make a checker quadratic or hang: long
# unpunctuated text the layout joins into one paragraph, one line of a megabyte,
# thousands of count lists, a table of 20,000 rows, 5,000 pages. Each must be
# checked (exit 0 or 1, its findings on stdout) well inside a generous time limit.
# The limit guards against hangs and quadratic blow-ups (before the fix, 20,000
# lines of the first shape took 16 s and 200,000 took 23 min); speed itself is
# measured by `make bench` (its "unpunctuated text" row gives the scaling ratio).
. "$(dirname "$0")/lib.sh"
BIN=$1
LIMIT=${PATHOLOGICAL_LIMIT:-60}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
command -v timeout >/dev/null 2>&1 || { pass "pathological: skipped (no timeout(1))"; exit 0; }
gen() { # NAME COUNT TEXT: TEXT repeated COUNT times, one per line
    awk -v n="$2" -v t="$3" 'BEGIN { for (i = 0; i < n; i++) print t }' > "$tmp/$1.txt"
}
gen lines 50000 '执行率 91.44%'
awk 'BEGIN { for (i = 0; i < 80000; i++) printf "执行率91.44%%"; }' > "$tmp/oneline.txt"
gen counts 20000 '本年度共实施项目15个，其中新建项目8个，续建项目8个'
{ echo '| 项目资金（万元） | 全年预算数(A) | 全年执行数(B) | 执行率(B/A) |'
  awk 'BEGIN { for (i = 0; i < 20000; i++) print "| 其中：资金" i " | 100.00 | 90.00 | 90.00% |" }'; } > "$tmp/table.txt"
awk 'BEGIN { for (i = 0; i < 5000; i++) printf "全年预算数 100 万元，执行数 90 万元，执行率 90%%。\n\f" }' > "$tmp/pages.txt"
for shape in lines oneline counts table pages; do
    f=$tmp/$shape.txt
    s=$(date +%s)
    timeout "$LIMIT" "$BIN" check --format jsonl --fail-on none "$f" > "$tmp/out" 2> "$tmp/err"
    rc=$?
    e=$(( $(date +%s) - s ))
    if [ $rc -eq 124 ]; then
        fail "pathological: $shape ($(wc -c < "$f") bytes) finishes" "still running after ${LIMIT}s"
        continue
    fi
    expect_rc "pathological: $shape ($(wc -c < "$f") bytes) is checked in ${e}s" 0 $rc
    expect_match "pathological: $shape gives its record" '"status":"ok"' "$(head -c 300 "$tmp/out")"
done
