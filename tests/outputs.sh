#!/bin/sh
# outputs.sh BIN - the outputs for other readers: SARIF 2.1.0 checked against its
# published JSON schema (vendored in tests/schemas/, with python3-jsonschema).
. "$(dirname "$0")/lib.sh"
BIN=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$BIN" check --format sarif fixtures > "$tmp/log.sarif" 2>/dev/null
expect_rc "--format sarif on findings exits 2 (unreadable files among them)" 2 $?
expect_match "sarif: one result per finding" '"ruleId":[[:space:]]*"rate-mismatch"' "$(cat "$tmp/log.sarif")"
expect_match "sarif: the page beside the line" '"page":[[:space:]]*4' "$(cat "$tmp/log.sarif")"
expect_match "sarif: unreadable files are notifications" '"toolExecutionNotifications"' "$(cat "$tmp/log.sarif")"
"$BIN" check --format sarif fixtures/seed.pdf > "$tmp/clean.sarif"
expect_rc "sarif: a clean report exits 0" 0 $?
# the schema is vendored (tests/schemas/); python3-jsonschema validates it: no network needed
PYJ=$(python_with jsonschema)
if [ -z "$PYJ" ]; then
    fail "sarif schema" "python3-jsonschema is needed (tools/deps.sh installs it)"
else
    out=$("$PYJ" tests/xcheck/sarif_validate.py < "$tmp/log.sarif")
    expect_rc "sarif: valid against the SARIF 2.1.0 schema" 0 $?
    expect_match "sarif: every rule in tool.driver.rules" "valid: [0-9]+ results, $("$BIN" rules | wc -l | tr -d ' ') rules" "$out"
    "$PYJ" tests/xcheck/sarif_validate.py < "$tmp/clean.sarif" > /dev/null
    expect_rc "sarif: a log with no results is valid too" 0 $?
    printf '{"version":"2.1.0","runs":[{"tool":{}}]}' | "$PYJ" tests/xcheck/sarif_validate.py > /dev/null
    expect_rc "sarif: the validator rejects a broken log" 1 $?
fi

# ---- the bureau's workbook, CSV and HTML page, from one store ----
"$BIN" check --db "$tmp/r.sqlite" --format jsonl fixtures > /dev/null 2>&1
"$BIN" report --db "$tmp/r.sqlite" --xlsx "$tmp/r.xlsx" --csv "$tmp/r.csv" --html "$tmp/r.html"
expect_rc "report: exit 0" 0 $?
"$BIN" report --db "$tmp/missing.sqlite" --xlsx "$tmp/x.xlsx" 2> "$tmp/err"
expect_rc "report: a missing store exits 2" 2 $?
expect_eq "csv: UTF-8 with a BOM, headers in Chinese" "$(printf '\357\273\277')文件,部门,年度,类型,预算数（万元）,执行数（万元）,执行率（%）,自评得分（分）,等级,错误,警告,已说明,状态" "$(head -1 "$tmp/r.csv" | tr -d '\r')"
expect_match "csv: the seed's row" '^fixtures/seed\.pdf,广州市花都区人民政府办公室,2022,部门整体支出,3392\.15,3101\.73,91\.44,91\.44,优,0,0,0,已核对' "$(tr -d '\r' < "$tmp/r.csv")"
expect_match "csv: findings beside it" '^fixtures/wrong-rate\.pdf,4,5,rate-mismatch,error,' "$(tr -d '\r' < "$tmp/r-findings.csv")"
if /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
    out=$(/usr/bin/python3 - "$tmp/r.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws, wf = wb['报告'], wb['问题']
print('sheets', wb.sheetnames)
print('header', [c.value for c in ws[1]][:6])
seed = [r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == 'fixtures/seed.pdf'][0]
print('seed', seed[1], seed[2], seed[4], type(seed[4]).__name__, seed[6], seed[8])
print('frozen', ws.freeze_panes, wf.freeze_panes, 'filter', bool(ws.auto_filter.ref), bool(wf.auto_filter.ref))
print('widths', ws.column_dimensions['B'].width >= 28)
rows = [r for r in wf.iter_rows(min_row=2, values_only=True) if r[0] == 'fixtures/wrong-rate.pdf']
print('finding', rows[0][1], rows[0][2], rows[0][3], rows[0][6], rows[0][7])
print('stated', type(rows[0][6]).__name__, rows[0][8])
cell = [c for c in wf['A'] if c.value == 'fixtures/wrong-rate.pdf'][0]
print('link', cell.hyperlink.target if cell.hyperlink else None)
print('print', ws.page_setup.orientation, wf.page_setup.orientation, ws.sheet_properties.pageSetUpPr.fitToPage, ws.print_title_rows, wf.print_title_rows)
sr = wb['规则汇总']
print('rulesheet', [c.value for c in sr[1]], [r for r in sr.iter_rows(min_row=2, values_only=True) if r[0] == 'rate-mismatch'][0][1:3])
PY
)
    expect_match "xlsx: three sheets (reports, findings, 规则汇总)" "sheets \['报告', '问题', '规则汇总'\]" "$out"
    expect_match "xlsx: stated and recomputed as numbers, the unit in a column of its own" "stated float %" "$out"
    expect_match "xlsx: a file's cell links to the file" "link file:///.*/fixtures/wrong-rate.pdf" "$out"
    expect_match "xlsx: printed landscape, one page wide, the header repeated" "print landscape landscape True \\\$1:\\\$1 \\\$1:\\\$1" "$out"
    expect_match "xlsx: 规则汇总 counts findings and reports per rule" "rulesheet \['规则', '说明', '级别', '问题数', '涉及报告数', '已说明'\] \('执行率与其执行数、预算数不符', 'error'\)" "$out"
    expect_match "xlsx: units in the headers" "header \['文件', '部门', '年度', '类型', '预算数（万元）', '执行数（万元）'\]" "$out"
    expect_match "xlsx: numbers as numbers" "seed 广州市花都区人民政府办公室 2022 3392.15 float 91.44 优" "$out"
    expect_match "xlsx: frozen header rows and filters" "frozen A2 A2 filter True True" "$out"
    expect_match "xlsx: columns wide enough for Chinese" "widths True" "$out"
    expect_match "xlsx: a finding with stated and recomputed" "finding 4 5 rate-mismatch 92.44 91.44" "$out"
else
    echo "SKIP: xlsx read-back: python3-openpyxl is not installed (tools/deps.sh installs it)"
fi
if command -v chromium >/dev/null 2>&1; then
    prof=$(mktemp -d)
    flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=$prof"
    # shellcheck disable=SC2086
    timeout 120 chromium $flags --dump-dom "file://$tmp/r.html" > "$tmp/dom.html" 2>/dev/null
    expect_match "html: the page renders (DOM)" 'id="summary">[0-9]+ 份报告' "$(cat "$tmp/dom.html")"
    expect_eq "html: one row per report" "$(sqlite3 "$tmp/r.sqlite" 'SELECT count(*) FROM reports' 2>/dev/null || grep -c . /dev/null)" \
        "$(sed -n '/id="reports"/,/<\/table>/p' "$tmp/dom.html" | grep -c '<tr class=')"
    expect_match "html: a bar per rule, labelled with its title in Chinese" 'data-key="rate-mismatch".*class="label">执行率与其执行数、预算数不符' "$(cat "$tmp/dom.html")"
    expect_eq "html: bars to scale (each bar's length over the largest's is its count over the largest count)" "ok" \
        "$(python3 -c '
import re, sys
d = open(sys.argv[1], encoding="utf-8").read()
sec = d[d.index("id=\"by-rule\""):]
sec = sec[:sec.index("</svg>")]
bars = [(int(n), int(w)) for n, w in re.findall(r"data-n=\"(\d+)\".*?<rect[^>]*width=\"(\d+)\"", sec, re.S)]
mx = max(n for n, _ in bars); W = max(w for _, w in bars)
print("ok" if bars and all(abs(w - n * W / mx) <= 1 for n, w in bars) else bars)' "$tmp/dom.html")"
    expect_match "html: the summary counts the files not checked" 'id="summary">[0-9]+ 份报告，其中 [1-9][0-9]* 份未能核对' "$(cat "$tmp/dom.html")"
    expect_match "html: statuses in Chinese" '<td>未核对：空文件</td>' "$(cat "$tmp/dom.html")"
    expect_match "html: a finding links to its file at its page" '<a href="fixtures/wrong-rate.pdf#page=4">' "$(cat "$tmp/dom.html")"
    expect_match "html: a filter box over the rows" '<input id="filter" type="search"' "$(cat "$tmp/dom.html")"
    if grep -q 'http[s]*://' "$tmp/r.html"; then fail "html: self-contained (no network)"; else pass "html: self-contained (no network)"; fi
    mkdir -p build/screens
    # shellcheck disable=SC2086
    timeout 120 chromium $flags --window-size=1400,1000 --screenshot="$(pwd)/build/screens/report.png" "file://$tmp/r.html" > /dev/null 2>&1
    if [ -s build/screens/report.png ]; then pass "html: screenshot in build/screens/report.png"; else fail "html: screenshot"; fi
    rm -rf "$prof"
else
    echo "SKIP: html in a browser: chromium is not installed (tools/deps.sh installs it)"
fi

# ---- annotated PDFs: highlights over the evidence, read back with Poppler ----
ANNOTS=$(dirname "$BIN")/annots
[ -x "$ANNOTS" ] || ANNOTS=build/release/annots
before=$(cksum < fixtures/wrong-rate.pdf)
"$BIN" check --format jsonl --annotate "$tmp/ann" fixtures/wrong-rate.pdf fixtures/conflict.pdf fixtures/seed.pdf > "$tmp/out"
expect_rc "annotate: exit 1 (findings)" 1 $?
expect_eq "annotate: the original is untouched" "$before" "$(cksum < fixtures/wrong-rate.pdf)"
expect_match "annotate: the record names the copy" "\"annotated\":\"$tmp/ann/wrong-rate.pdf\"" "$(cat "$tmp/out")"
"$ANNOTS" "$tmp/ann/wrong-rate.pdf" > "$tmp/annots"
expect_eq "annotate: three highlights (the rate and its two figures)" 3 "$(grep -c '	highlight	' "$tmp/annots")"
expect_match "annotate: over the stated rate, on its page, with the rule and 陈述值" \
    '^4	highlight	完成预算数的 92\.44%	\[rate-mismatch\] error（陈述值）：执行率 92\.44% 与' "$(cat "$tmp/annots")"
expect_match "annotate: over the budget it was recomputed from" '^4	highlight	全年预算数 3,392\.15 万元	\[rate-mismatch\] error（复算依据）' "$(cat "$tmp/annots")"
"$ANNOTS" "$tmp/ann/conflict.pdf" > "$tmp/annots"
expect_match "annotate: both statements of a conflict" '^6	highlight	.*238\.21 万元.*\[figure-conflict\]' "$(cat "$tmp/annots")"
expect_eq "annotate: a clean report gets a copy with no highlight" "" "$("$ANNOTS" "$tmp/ann/seed.pdf")"
if command -v pdftoppm >/dev/null 2>&1; then
    mkdir -p build/screens
    pdftoppm -f 4 -l 4 -r 60 -png "$tmp/ann/wrong-rate.pdf" build/screens/annotated
    if [ -s build/screens/annotated-4.png ]; then pass "annotate: page rendered to build/screens/annotated-4.png"; else
        fail "annotate: page rendered"; fi
fi

# ---- the bureau's page links each finding to its annotated copy, at its page ----
"$BIN" check --db "$tmp/ann.sqlite" --annotate "$tmp/annpdf" --format jsonl fixtures/wrong-rate.pdf > /dev/null 2>&1
"$BIN" report --db "$tmp/ann.sqlite" --html "$tmp/ann.html" > /dev/null 2>&1
expect_match "html: a finding links to its annotated copy at its page" \
    "<a class=\"annotated\" href=\"$tmp/annpdf/wrong-rate.pdf#page=4\">批注版</a>" "$(cat "$tmp/ann.html")"
