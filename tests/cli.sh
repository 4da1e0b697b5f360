#!/bin/sh
# cli.sh BIN - command-line behaviour: exit codes, messages, streams, batches.
. "$(dirname "$0")/lib.sh"
BIN=$1
case "$BIN" in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$BIN" --version > "$tmp/out"; expect_rc "--version exits 0" 0 $?
expect_match "--version prints the version" '^budgetlint [0-9]+\.[0-9]+\.[0-9]+$' "$(cat "$tmp/out")"
"$BIN" --help > "$tmp/out"; expect_rc "--help exits 0" 0 $?
expect_match "--help documents the exit status" 'exit status: 0' "$(cat "$tmp/out")"

"$BIN" check --bogus fixtures/seed.pdf > "$tmp/out" 2> "$tmp/err"; expect_rc "unknown option exits 2" 2 $?
expect_match "unknown option is named" "^budgetlint: error: unknown option '--bogus'" "$(cat "$tmp/err")"
expect_eq "usage error writes nothing to stdout" "" "$(cat "$tmp/out")"
"$BIN" check --format xml fixtures/seed.pdf 2> "$tmp/err"; expect_rc "unknown format exits 2" 2 $?
"$BIN" check 2> "$tmp/err"; expect_rc "no files exits 2" 2 $?
"$BIN" frobnicate 2> "$tmp/err"; expect_rc "unknown command exits 2" 2 $?

# clean report: exit 0, one JSON object, nothing on stderr
"$BIN" check --format json fixtures/seed.pdf > "$tmp/out" 2> "$tmp/err"; expect_rc "clean report exits 0" 0 $?
expect_eq "clean report: stderr empty" "" "$(cat "$tmp/err")"
expect_match "clean report: schema" '"schema":[[:space:]]*"budgetlint/1"' "$(cat "$tmp/out")"
# findings: exit 1; text format is file:page:line: severity: message [rule]
"$BIN" check --format text fixtures/wrong-rate.pdf > "$tmp/out" 2> "$tmp/err"; expect_rc "error finding exits 1" 1 $?
expect_match "text format: file:page:line: severity: message [rule]" \
    '^fixtures/wrong-rate\.pdf:4:5: error: 执行率 92\.44% .* \[rate-mismatch\]$' "$(head -1 "$tmp/out")"
expect_match "text format quotes the facts used" '^    F1 4:4 全年预算数 3,392\.15 万元$' "$(cat "$tmp/out")"
# --fail-on
"$BIN" check --format json fixtures/truncated.pdf > /dev/null; expect_rc "info finding exits 0 by default" 0 $?
"$BIN" check --format json --fail-on info fixtures/truncated.pdf > /dev/null; expect_rc "--fail-on info exits 1 on info" 1 $?
"$BIN" check --format json --fail-on=warning fixtures/truncated.pdf > /dev/null; expect_rc "--fail-on=warning ignores info" 0 $?
"$BIN" check --format json --fail-on none fixtures/wrong-rate.pdf > /dev/null; expect_rc "--fail-on none exits 0" 0 $?

# every bad input: exit 2, exactly one line on stderr naming the file, a JSON error record
for case in "empty.pdf:empty" "not-a-pdf.pdf:not-pdf" "damaged.pdf:damaged" "encrypted.pdf:encrypted" \
            "scanned.pdf:no-text-layer"; do
    f=fixtures/bad/${case%%:*}
    code=${case#*:}
    "$BIN" check --format json "$f" > "$tmp/out" 2> "$tmp/err"
    expect_rc "$f exits 2" 2 $?
    expect_eq "$f: one line on stderr" 1 "$(wc -l < "$tmp/err" | tr -d ' ')"
    expect_match "$f: message names the file" "^budgetlint: error: '$f': " "$(cat "$tmp/err")"
    expect_match "$f: JSON error record with code $code" "\"code\":[[:space:]]*\"$code\"" "$(cat "$tmp/out")"
done
expect_match "scanned PDF: no-text-layer finding" '"rule":[[:space:]]*"no-text-layer"' "$(cat "$tmp/out")"
"$BIN" check --format json "$tmp/missing.pdf" > "$tmp/out" 2> "$tmp/err"; expect_rc "missing file exits 2" 2 $?
expect_match "missing file: message" "^budgetlint: error: '$tmp/missing.pdf': cannot open: No such file or directory$" "$(cat "$tmp/err")"
"$BIN" check --format json fixtures > "$tmp/out" 2> "$tmp/err"; expect_rc "a directory exits 2" 2 $?

# encrypted PDF with its password (fixtures: 'budget')
"$BIN" check --format json --password budget fixtures/bad/encrypted.pdf > "$tmp/out" 2> "$tmp/err"
expect_rc "encrypted PDF with --password exits 0" 0 $?
expect_eq "encrypted PDF with --password: 13 facts" 13 "$(nfacts "$tmp/out")"
"$BIN" check --format json --password wrong fixtures/bad/encrypted.pdf > "$tmp/out" 2> "$tmp/err"
expect_rc "wrong password exits 2" 2 $?
expect_match "wrong password: code bad-password" '"code":[[:space:]]*"bad-password"' "$(cat "$tmp/out")"

# a batch goes on past bad files, in order, one JSON line per file
"$BIN" check --format jsonl fixtures/bad/damaged.pdf fixtures/seed.pdf fixtures/bad/empty.pdf fixtures/wrong-rate.pdf \
    > "$tmp/out" 2> "$tmp/err"
expect_rc "batch with unreadable files exits 2" 2 $?
expect_eq "batch: one line per file" 4 "$(wc -l < "$tmp/out" | tr -d ' ')"
expect_eq "batch: files in the order given" "fixtures/bad/damaged.pdf fixtures/seed.pdf fixtures/bad/empty.pdf fixtures/wrong-rate.pdf" \
    "$(sed 's/.*"file":"\([^"]*\)".*/\1/' "$tmp/out" | tr '\n' ' ' | sed 's/ $//')"
expect_match "batch: the good files were checked" '"file":"fixtures/wrong-rate.pdf","status":"ok".*"rule":"rate-mismatch"' "$(cat "$tmp/out")"
expect_eq "batch: one stderr line per bad file" 2 "$(wc -l < "$tmp/err" | tr -d ' ')"
"$BIN" check --format json fixtures/seed.pdf fixtures/wrong-rate.pdf > "$tmp/out"
expect_rc "two files with findings exit 1" 1 $?
expect_eq "--format json with two files: one document, an array of two records" 2 "$(nrecords "$tmp/out")"
"$BIN" check --format json fixtures/seed.pdf > "$tmp/out"
expect_eq "--format json with one file: an array of one record (a script's shape never depends on the count)" 1 "$(nrecords "$tmp/out")"
"$BIN" check fixtures/wrong-rate.pdf > "$tmp/out"
expect_match "text is the default off a terminal too" '^fixtures/wrong-rate.pdf:[0-9]+:[0-9]+: error: ' "$(cat "$tmp/out")"
"$BIN" check --format jsonl fixtures/seed.pdf fixtures/wrong-rate.pdf > "$tmp/out"
expect_eq "--format jsonl: a record a line" 2 "$(python3 -c 'import json, sys; print(sum(1 for l in open(sys.argv[1]) if json.loads(l)["schema"]))' "$tmp/out")"

# stdin and encodings
"$BIN" check --format json - < fixtures/src/seed.txt > "$tmp/out"; expect_rc "stdin (-) exits 0" 0 $?
expect_match "stdin: file is -" '"file":[[:space:]]*"-"' "$(cat "$tmp/out")"
expect_eq "stdin: 13 facts" 13 "$(nfacts "$tmp/out")"
"$BIN" check --format json fixtures/seed-gb18030.txt > "$tmp/out"; expect_rc "GB18030 text detected" 0 $?
expect_eq "GB18030: 13 facts" 13 "$(nfacts "$tmp/out")"
"$BIN" check --format json --encoding GB18030 - < fixtures/seed-gb18030.txt > "$tmp/out"
expect_rc "--encoding GB18030 on stdin" 0 $?
expect_eq "--encoding GB18030: 13 facts" 13 "$(nfacts "$tmp/out")"
"$BIN" check --format json --encoding NOSUCH fixtures/src/seed.txt > "$tmp/out" 2> "$tmp/err"
expect_rc "unknown encoding exits 2" 2 $?
expect_match "unknown encoding: message" "unknown encoding 'NOSUCH'" "$(cat "$tmp/err")"
printf '\377\376\000\001binary\000' > "$tmp/blob.bin"
"$BIN" check --format json "$tmp/blob.bin" > /dev/null 2> "$tmp/err"; expect_rc "binary non-PDF exits 2" 2 $?
"$BIN" check - - < /dev/null 2> "$tmp/err"; expect_rc "stdin twice is a usage error" 2 $?

# a failed write is reported, not ignored
if [ -w /dev/full ]; then
    "$BIN" check --format json fixtures/seed.pdf > /dev/full 2> "$tmp/err"
    expect_rc "write to /dev/full exits 2" 2 $?
    expect_match "write failure: message" 'writing output failed' "$(cat "$tmp/err")"
fi

# extract, rules, explain
"$BIN" extract fixtures/seed.pdf > "$tmp/out"; expect_rc "extract exits 0" 0 $?
expect_match "extract: page:line before each paragraph" '^4:4: 2022 年度全年预算数 3,392\.15 万元，执行数 3,101\.73万元' "$(cat "$tmp/out")"
expect_match "extract: page footers dropped" '^[0-9]+:[0-9]+: ' "$(cat "$tmp/out")"
if grep -q '— [0-9]* —' "$tmp/out"; then fail "extract: no '— N —' footers left"; else pass "extract: no '— N —' footers left"; fi
"$BIN" extract fixtures/bad/empty.pdf > /dev/null 2>&1; expect_rc "extract of a bad file exits 2" 2 $?
"$BIN" explain rate-mismatch > "$tmp/out"; expect_rc "explain exits 0" 0 $?
"$BIN" explain no-such-rule > /dev/null 2> "$tmp/err"; expect_rc "explain unknown rule exits 2" 2 $?
"$BIN" check --format json --password budget - < fixtures/bad/encrypted.pdf > "$tmp/out"
expect_rc "encrypted PDF on stdin with --password" 0 $?

# text for people: colour only when asked or on a terminal; a summary line per file and per batch
"$BIN" check --format text --color always fixtures/wrong-rate.pdf > "$tmp/out"
if grep -q "$(printf '\033')\[1;31merror" "$tmp/out"; then pass "--color always: errors in red"; else fail "--color always: errors in red"; fi
"$BIN" check --format text --color never fixtures/wrong-rate.pdf > "$tmp/out"
if grep -q "$(printf '\033')" "$tmp/out"; then fail "--color never: no escapes"; else pass "--color never: no escapes"; fi
NO_COLOR=1 "$BIN" check --format text fixtures/wrong-rate.pdf > "$tmp/out"
if grep -q "$(printf '\033')" "$tmp/out"; then fail "NO_COLOR: no escapes"; else pass "NO_COLOR: no escapes"; fi
"$BIN" check --format text fixtures/wrong-rate.pdf fixtures/seed.pdf fixtures/bad/empty.pdf > "$tmp/out" 2>/dev/null
expect_match "text: a summary line per file" '^fixtures/seed\.pdf: 0 errors, 0 warnings, 0 infos$' "$(cat "$tmp/out")"
expect_match "text: an unreadable file says so" '^fixtures/bad/empty\.pdf: not checked \(empty\)$' "$(cat "$tmp/out")"
expect_eq "text: a summary line for the batch" "3 files, 1 error, 0 warnings, 0 infos; 1 could not be checked" "$(tail -1 "$tmp/out")"

# profiles and budgetlint.json
"$BIN" check --format json --profile guizhou fixtures/wrong-grade.pdf > "$tmp/out"
expect_match "--profile: findings name the profile" '"profile":[[:space:]]*"guizhou"' "$(cat "$tmp/out")"
expect_match "--profile: the message names its bands" '贵州档次' "$(cat "$tmp/out")"
"$BIN" check --profile nowhere fixtures/seed.pdf 2> "$tmp/err"
expect_rc "unknown profile exits 2" 2 $?
mkdir -p "$tmp/proj/sub"
printf '{\n  "profile": "sichuan",\n  "rules": {"grade-mismatch": "off", "rate-truncated": "error"},\n  "fail_on": "warning"\n}\n' > "$tmp/proj/budgetlint.json"
cp fixtures/wrong-grade.pdf fixtures/truncated.pdf "$tmp/proj/sub/"
(cd "$tmp/proj/sub" && "$BIN" check --format json wrong-grade.pdf > "$tmp/out")
expect_rc "budgetlint.json from a parent: a rule switched off (exit 0)" 0 $?
expect_match "budgetlint.json: no grade-mismatch" '"findings":[[:space:]]*\[\]' "$(cat "$tmp/out")"
(cd "$tmp/proj/sub" && "$BIN" check --format json truncated.pdf > "$tmp/out")
expect_rc "budgetlint.json: a severity raised to error (exit 1)" 1 $?
expect_match "budgetlint.json: rate-truncated now an error" '"severity":[[:space:]]*"error"' "$(cat "$tmp/out")"
(cd "$tmp/proj/sub" && "$BIN" check --format json --fail-on none truncated.pdf > /dev/null)
expect_rc "--fail-on wins over the file's fail_on" 0 $?
printf '{\n  "profile": "sichuan",\n  "rules": {\n    "bogus": true\n  }\n}\n' > "$tmp/bad.json"
"$BIN" check --config "$tmp/bad.json" fixtures/seed.pdf > /dev/null 2> "$tmp/err"
expect_rc "a malformed config exits 2" 2 $?
expect_eq "a malformed config: the file and the line" "budgetlint: error: '$tmp/bad.json': line 4: unknown rule 'bogus' (see 'budgetlint rules')" "$(cat "$tmp/err")"
printf '{\n  "profile": "sichuan",\n  "rules": {"x": 1\n' > "$tmp/bad2.json"
"$BIN" check --config "$tmp/bad2.json" fixtures/seed.pdf > /dev/null 2> "$tmp/err"
expect_rc "broken JSON in a config exits 2" 2 $?
expect_match "broken JSON: names a line" "^budgetlint: error: '$tmp/bad2.json': line [0-9]+: not valid JSON here$" "$(cat "$tmp/err")"
# rules --long: where each rule lives (its check's file and its doc), every path real
"$BIN" rules --long > "$tmp/long"
expect_rc "rules --long exits 0" 0 $?
expect_eq "rules --long lists every rule" "$("$BIN" rules | wc -l)" "$(wc -l < "$tmp/long")"
missing=$(awk '{ print $3; print $4 }' "$tmp/long" | while read -r f; do [ -f "$f" ] || echo "$f"; done)
expect_eq "rules --long: each rule's file and doc exist" "" "$missing"
"$BIN" rules --bogus > /dev/null 2>&1
expect_rc "rules with an unknown argument exits 2" 2 $?
# a command line people can explore (#17 item 3)
"$BIN" check --formt json fixtures/seed.pdf > /dev/null 2> "$tmp/err"
expect_rc "a mistyped option exits 2" 2 $?
expect_match "... and says what was meant" "unknown option '--formt' \(did you mean --format\?\)" "$(cat "$tmp/err")"
"$BIN" check --help > "$tmp/out"
expect_rc "check --help exits 0" 0 $?
expect_match "check --help lists check's options" '^  --baseline=FILE +leave out' "$(cat "$tmp/out")"
expect_match "... its batch options" '^  -j, --jobs=N ' "$(cat "$tmp/out")"
expect_match "... and the exit status" '^Exit status: 0 ' "$(cat "$tmp/out")"
"$BIN" extract --help > "$tmp/out"
expect_match "extract --help is extract's own" '^  budgetlint extract \[OPTION…\] FILE$' "$(cat "$tmp/out")"
expect_match "... with --tables" '^  --tables ' "$(cat "$tmp/out")"
if grep -q -- '--db' "$tmp/out" | grep -v "belong to"; then fail "extract --help lists no batch option"; else pass "extract --help lists no batch option"; fi
"$BIN" extract --db "$tmp/x.sqlite" fixtures/seed.pdf > /dev/null 2> "$tmp/err"
expect_rc "an option that does not apply is refused (extract --db)" 2 $?
expect_match "... saying where it belongs" "'--db' applies to 'budgetlint check' only" "$(cat "$tmp/err")"
