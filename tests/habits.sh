#!/bin/sh
# habits.sh BIN - what CI jobs and departments rely on (#17): fingerprints that survive a
# re-laid-out draft, baselines, findings accepted with a reason, GitHub workflow
# commands, SARIF locations unique within a file, partial fingerprints and suppressions.
. "$(dirname "$0")/lib.sh"
BIN=$1
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
REPO=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fps() { # FILE... -> "rule fingerprint" per finding
    "$BIN" check --format json --fail-on none "$@" | python3 -c '
import json, sys
for r in json.load(sys.stdin):
    for f in r["findings"]:
        print(f["rule"], f.get("fingerprint", "-"))'
}
# the same draft laid out again (the PDF, and its text with no pages at all): the same fingerprint
python3 -c "
s = open('fixtures/src/seed.txt', encoding='utf-8').read()
open('$tmp/wrong-rate.txt', 'w', encoding='utf-8').write(s.replace('完成预算数的 91.44%', '完成预算数的 92.44%'))"
a=$(fps fixtures/wrong-rate.pdf)
b=$(fps "$tmp/wrong-rate.txt")
expect_match "a finding has a 16-digit fingerprint" '^rate-mismatch [0-9a-f]{16}$' "$a"
expect_eq "the fingerprint survives the draft's page breaks (PDF page 4 line 5, text line 24)" "$a" "$b"
c=$(fps fixtures/wrong-rate-p3.pdf)
if [ "$a" != "$c" ]; then pass "another wrong rate has another fingerprint"; else fail "another wrong rate has another fingerprint" "$c"; fi
# baselines
cd "$tmp" || exit 2
cp "$REPO/fixtures/wrong-rate.pdf" "$REPO/fixtures/conflict.pdf" .
"$BIN" check --write-baseline base.json wrong-rate.pdf conflict.pdf > out.txt
expect_rc "--write-baseline: the run still fails on its findings" 1 $?
expect_eq "--write-baseline records each finding" 2 "$(python3 -c 'import json; print(len(json.load(open("base.json"))["findings"]))')"
"$BIN" check --baseline base.json wrong-rate.pdf conflict.pdf > out.txt
expect_rc "--baseline: only new findings count; none here" 0 $?
expect_match "--baseline: says how many were left out" '2 in the baseline, not shown' "$(tail -1 out.txt)"
"$BIN" check --baseline base.json "$tmp/wrong-rate.txt" > out.txt
expect_rc "--baseline holds for the re-laid-out draft" 0 $?
"$BIN" check --baseline base.json "$REPO/fixtures/wrong-rate-p3.pdf" > out.txt
expect_rc "--baseline: a new finding still fails" 1 $?
"$BIN" check --write-baseline wrong-rate.pdf wrong-rate.pdf > /dev/null 2> err.txt
expect_rc "--write-baseline over an input is refused" 2 $?
expect_eq "... and the input is untouched" "$(cksum < "$REPO/fixtures/wrong-rate.pdf")" "$(cksum < wrong-rate.pdf)"
printf 'not json' > bad.json
"$BIN" check --baseline bad.json wrong-rate.pdf > /dev/null 2> err.txt
expect_rc "--baseline that is not one exits 2" 2 $?
expect_match "... with one line naming it" "^budgetlint: error: 'bad.json': not a baseline" "$(cat err.txt)"
# accepted findings: budgetlint.json "accept"
fp=$(fps wrong-rate.pdf | cut -d' ' -f2)
printf '{"accept": [{"fingerprint": "%s", "reason": "执行率按年初预算计算，见报告说明"}]}\n' "$fp" > budgetlint.json
"$BIN" check wrong-rate.pdf > out.txt
expect_rc "an accepted finding does not fail the run" 0 $?
expect_match "... is shown, marked with its reason" '\[rate-mismatch\] 已说明：执行率按年初预算计算' "$(cat out.txt)"
"$BIN" check --format json wrong-rate.pdf > out.json
expect_eq "... JSON: accepted.reason" "执行率按年初预算计算，见报告说明" \
    "$(python3 -c 'import json; print(json.load(open("out.json"))[0]["findings"][0]["accepted"]["reason"])')"
"$BIN" check --format sarif wrong-rate.pdf > out.sarif
expect_eq "... SARIF: a suppression with its justification" "external 执行率按年初预算计算，见报告说明" \
    "$(python3 -c 'import json; s = json.load(open("out.sarif"))["runs"][0]["results"][0]["suppressions"][0]; print(s["kind"], s["justification"])')"
"$BIN" check "$tmp/wrong-rate.txt" > /dev/null
expect_rc "... and stays accepted after the draft's page breaks move" 0 $?
printf '{"accept": [{"fingerprint": "%s"}]}\n' "$fp" > budgetlint.json
"$BIN" check wrong-rate.pdf > /dev/null 2> err.txt
expect_rc "an acceptance without a reason is refused" 2 $?
expect_match "... naming the file and the line" "budgetlint.json': line 1: accept: finding $fp needs a \"reason\"" "$(cat err.txt)"
# ... and the bureau's store, workbook, CSV and page show it as 已说明, apart from the open problems
printf '{"accept": [{"fingerprint": "%s", "reason": "执行率按年初预算计算，见报告说明"}]}\n' "$fp" > budgetlint.json
"$BIN" check --db acc.sqlite wrong-rate.pdf conflict.pdf > /dev/null
expect_eq "store: the accepted finding keeps its reason; the report counts it apart" \
    "conflict.pdf 1 0|wrong-rate.pdf 0 1|rate-mismatch 执行率按年初预算计算，见报告说明|figure-conflict -" \
    "$(sqlite3 acc.sqlite "SELECT group_concat(path || ' ' || errors || ' ' || accepted, '|') FROM (SELECT * FROM reports ORDER BY path)")|$(sqlite3 acc.sqlite "SELECT group_concat(rule || ' ' || coalesce(accepted, '-'), '|') FROM (SELECT * FROM findings ORDER BY rule DESC)")"
"$BIN" report --db acc.sqlite --csv acc.csv --html acc.html
expect_match "csv: 已说明 with its reason" '^wrong-rate\.pdf,4,5,rate-mismatch,error,.*,%,执行率按年初预算计算，见报告说明$' "$(tr -d '\r' < acc-findings.csv)"
expect_match "csv: the report's 已说明 count, no open error" '^wrong-rate\.pdf,.*,优,0,0,1,已核对$' "$(tr -d '\r' < acc.csv)"
expect_match "html: the summary counts it apart" '1 个错误，0 个警告，1 条问题；另有 1 条已说明。' "$(cat acc.html)"
expect_match "html: its row marked and its reason shown" '<tr class="accepted">.*rate-mismatch.*<td class="accepted">执行率按年初预算计算' "$(cat acc.html)"
expect_eq "html: the bars count open problems only" 'figure-conflict' "$(sed -n '/id="by-rule"/,/<\/section>/p' acc.html | grep -o 'class="bar" data-key="[^"]*"' | cut -d'"' -f4 | tr '\n' ' ' | sed 's/ $//')"
# the acceptance withdrawn: stored again, open again (the file itself unchanged)
rm -f budgetlint.json
"$BIN" check --db acc.sqlite wrong-rate.pdf > /dev/null
expect_eq "store: an acceptance withdrawn is stored again (the finding open)" "1 0 -" \
    "$(sqlite3 -separator ' ' acc.sqlite "SELECT r.errors, r.accepted, coalesce(f.accepted, '-') FROM reports r JOIN findings f ON f.report_id = r.id WHERE r.path = 'wrong-rate.pdf'")"
# a store written before findings could be accepted: read as it is, given the columns when written
sqlite3 acc.sqlite 'ALTER TABLE findings DROP COLUMN accepted; ALTER TABLE findings DROP COLUMN fingerprint; ALTER TABLE reports DROP COLUMN accepted;'
"$BIN" report --db acc.sqlite --csv old.csv 2> err.txt
expect_rc "report from a store without the acceptance columns" 0 $?
printf '{"accept": [{"fingerprint": "%s", "reason": "已说明理由"}]}\n' "$fp" > budgetlint.json
"$BIN" check --force --db acc.sqlite wrong-rate.pdf > /dev/null 2> err.txt
expect_eq "... and --db on it adds them, then stores the acceptance" "0 1 已说明理由" \
    "$(sqlite3 -separator ' ' acc.sqlite "SELECT r.errors, r.accepted, f.accepted FROM reports r JOIN findings f ON f.report_id = r.id WHERE r.path = 'wrong-rate.pdf'")"
rm -f budgetlint.json
# GitHub workflow commands, parsed back
"$BIN" check --format github wrong-rate.pdf conflict.pdf "$REPO/fixtures/bad/empty.pdf" > gh.txt 2> /dev/null
expect_rc "--format github: exit status as for text" 2 $?
expect_eq "--format github: a command a finding or unreadable file, nothing else" 3 \
    "$(grep -cE '^::(error|warning|notice) file=[^,:]+(,line=[0-9]+)?,title=[a-z-]+::.+$' gh.txt)"
expect_eq "--format github: % escaped in the message" "" "$(grep -E '::.*[0-9]%[^0-9]' gh.txt | grep -v '%25' )"
# SARIF: a report with findings on two pages has distinct lines; partial fingerprints
"$BIN" check --format sarif "$REPO/fixtures/tables/national-weight.pdf" > w.sarif
expect_eq "SARIF: findings on two pages, distinct startLines" "3 3" \
    "$(python3 -c '
import json
rs = json.load(open("w.sarif"))["runs"][0]["results"]
lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in rs]
print(len(lines), len(set(lines)))')"
expect_match "SARIF: partialFingerprints" '"budgetlint/v1":[[:space:]]*"[0-9a-f]{16}"' "$(cat w.sarif)"
# SARIF: URIs relative to %SRCROOT% under the working directory, percent-encoded
mkdir -p "a b#c"
cp "$REPO/fixtures/wrong-rate.pdf" "a b#c/报告 1.pdf"
"$BIN" check --format sarif "a b#c/报告 1.pdf" > rel.sarif
expect_eq "SARIF: a file under the working directory is relative to %SRCROOT%, percent-encoded" \
    "a%20b%23c/%E6%8A%A5%E5%91%8A%201.pdf %SRCROOT% file://$(pwd)/" "$(python3 -c '
import json
r = json.load(open("rel.sarif"))["runs"][0]
a = r["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
print(a["uri"], a["uriBaseId"], r["originalUriBaseIds"]["%SRCROOT%"]["uri"])')"
# SARIF after an interrupt: executionSuccessful false, the log still whole
mkdir -p int
cp "$REPO/fixtures/seed.pdf" int/1.pdf
printf 'BUDGETLINT-TEST-HANG\n' > int/2.txt
BUDGETLINT_TEST_HOOKS=1 "$BIN" check --format sarif -j 1 --timeout 0 int > int.sarif 2> /dev/null &
pid=$!
sleep 1.5
kill -INT $pid
wait $pid
expect_eq "SARIF after Ctrl-C: exit 130" 130 $?
expect_eq "SARIF after Ctrl-C: a whole log, executionSuccessful false" "False" \
    "$(python3 -c 'import json; print(json.load(open("int.sarif"))["runs"][0]["invocations"][0]["executionSuccessful"])' 2>&1)"
# --format json after Ctrl-C: still one document
BUDGETLINT_TEST_HOOKS=1 "$BIN" check --format json -j 1 --timeout 0 int > int.json 2> /dev/null &
pid=$!
sleep 1.5
kill -INT $pid
wait $pid
expect_eq "--format json after Ctrl-C: the array is closed (1 record)" 1 "$(nrecords int.json)"
# --output FILE: the same bytes as stdout, written whole; never over an input
"$BIN" check --format json wrong-rate.pdf > direct.json
"$BIN" check --format json --output via.json wrong-rate.pdf > stdout.txt
expect_rc "--output: the exit status as without it" 1 $?
expect_eq "--output: the file holds what stdout would" "$(cksum < direct.json)" "$(cksum < via.json)"
expect_eq "--output: nothing on stdout" "" "$(cat stdout.txt)"
"$BIN" check --output ./conflict.pdf wrong-rate.pdf conflict.pdf > /dev/null 2> err.txt
expect_rc "--output over an input is refused (however spelled)" 2 $?
expect_eq "... and the input is untouched" "$(cksum < "$REPO/fixtures/conflict.pdf")" "$(cksum < conflict.pdf)"
expect_eq "--output leaves no temporary file" "" "$(ls -a | grep -E '^\..*tmp|\.tmp$' || true)"
# --format gitlab: GitLab Code Quality, read back
"$BIN" check --format gitlab wrong-rate.pdf conflict.pdf "$REPO/fixtures/bad/empty.pdf" > gl.json 2> /dev/null
expect_rc "--format gitlab: exit status as for text" 2 $?
expect_eq "--format gitlab: one array, an issue a finding or unreadable file, each with the required fields" \
    "3 critical,critical,critical" "$(python3 -c '
import json
d = json.load(open("gl.json"))
ok = all(set(i) >= {"description", "check_name", "fingerprint", "severity", "location"} and i["location"]["path"]
         and i["location"]["lines"]["begin"] >= 1 for i in d)
print(len(d) if ok else "missing fields", ",".join(i["severity"] for i in d))')"
# explain: in Chinese what to fix, and no paths of this repository; rules: the severity here
cd "$REPO" || exit 2
bad=""
for r in $("$BIN" rules | awk '{print $1}'); do
    out=$("$BIN" explain "$r")
    printf '%s\n' "$out" | grep -q '^整改建议：..' || bad="$bad $r(no 整改建议)"
    printf '%s\n' "$out" | grep -qE '(^|[ (])(fixtures|tests|validate|parse|eval)/|shared/' && bad="$bad $r(a path)"
    printf '%s\n' "$out" | grep -q '^级别：[a-z]*（[错警提]' || bad="$bad $r(no 级别)"
    printf '%s\n' "$out" | grep -q '^检查：.' || bad="$bad $r(no 检查)"
    printf '%s\n' "$out" | grep -q '^依据：.' || bad="$bad $r(no 依据)"
    # the body in Chinese: the description's lines (before the examples) that hold no Chinese at all
    printf '%s\n' "$out" | awk '/^--- /{exit} {print}' | grep -v '^$' | grep -vP '[\x{4e00}-\x{9fff}]' | grep -q . && bad="$bad $r(English)"
done
expect_eq "explain: every rule in Chinese (级别, 检查, 依据), says what to fix, without this repository's paths" "" "$bad"
cd "$tmp" || exit 2
printf '{"rules": {"missing-section": "off", "rate-truncated": "warning"}}\n' > budgetlint.json
expect_match "rules: the severity budgetlint.json sets" '^rate-truncated +warning .*set in budgetlint.json' "$("$BIN" rules)"
expect_match "rules: a rule switched off says so" '^missing-section +off ' "$("$BIN" rules)"
rm -f budgetlint.json
# budgetlint.json travels with the drafts: each input takes the one nearest its own folder
mkdir -p dept-a dept-b
cp "$REPO/fixtures/wrong-rate.pdf" dept-a/
cp "$REPO/fixtures/wrong-rate.pdf" dept-b/
printf '{"accept": [{"fingerprint": "%s", "reason": "甲单位已说明"}]}\n' "$fp" > dept-a/budgetlint.json
"$BIN" check --format json --fail-on none dept-a/wrong-rate.pdf dept-b/wrong-rate.pdf > two.json
expect_eq "each input takes the budgetlint.json of its own folder (accepted in dept-a only)" "甲单位已说明 -" \
    "$(python3 -c '
import json
d = json.load(open("two.json"))
print(" ".join(r["findings"][0].get("accepted", {}).get("reason", "-") for r in d))')"
(cd dept-a/.. && "$BIN" check dept-a/wrong-rate.pdf > /dev/null)
expect_rc "... so the department's acceptance holds from any working directory" 0 $?
printf '{"bogus": 1}\n' > dept-b/budgetlint.json
"$BIN" check dept-b/wrong-rate.pdf > /dev/null 2> err.txt
expect_rc "a bad budgetlint.json beside an input stops the run" 2 $?
expect_match "... naming it" "dept-b/budgetlint.json': line 1: unknown setting 'bogus'" "$(cat err.txt)"
rm -f dept-b/budgetlint.json
