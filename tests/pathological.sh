#!/bin/sh
# pathological.sh BIN - inputs shaped to make a checker quadratic or hang: long
# unpunctuated text the layout joins into one paragraph, one line of a megabyte,
# thousands of count lists, a table of 20,000 rows, 5,000 pages, 30,000 同比
# sentences, 20,000 grades, a table of 10,000 blocks and 总分 rows, one of 20,000
# 执行率 rows. Each must be
# checked (exit 0 or 1, its findings on stdout) well inside a generous time limit.
# The limit guards against hangs and quadratic blow-ups (before the fixes, 20,000
# lines of the first shape took 16 s and 200,000 took 23 min; 50,000 同比 sentences
# 42 s; 20,000 grades 15 s; the block table 14 s, the 执行率 table 28 s); speed itself is
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
gen yoy 30000 '部门收入 792.22 万元，比上年增加 189.25 万元，增长 31.39%'
gen grades 20000 '评价得分为 85 分，等级为优。'
{ echo '| 一级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 | 偏差原因 |'
  awk 'BEGIN { for (i = 0; i < 10000; i++) { print "| 产出" i "(10分) | 指标" i " | ≥100个 | 90个 | 10 | 10 |  |"; print "| 总分 |  |  |  | 100 | 98 |  |" } }'; } > "$tmp/blocks.txt"
{ echo '| 项目资金（万元） | 全年预算数(A) | 全年执行数(B) | 执行率(B/A) | 分值 | 得分 |'
  awk 'BEGIN { for (i = 0; i < 20000; i++) print "| 年度资金总额 | 100.00 | 90.00 | 90.00% | 10 | 9 |" }'; } > "$tmp/totals.txt"
for shape in lines oneline counts table pages yoy grades blocks totals; do
    f=$tmp/$shape.txt
    timeout "$LIMIT" "$BIN" check --format jsonl --fail-on none "$f" > "$tmp/out" 2> "$tmp/err"
    rc=$?
    if [ $rc -eq 124 ]; then
        fail "pathological: $shape ($(wc -c < "$f") bytes) finishes" "still running after ${LIMIT}s"
        continue
    fi
    expect_rc "pathological: $shape ($(wc -c < "$f") bytes) is checked within ${LIMIT}s" 0 $rc
    expect_match "pathological: $shape gives its record" '"status":"ok"' "$(head -c 300 "$tmp/out")"
done
