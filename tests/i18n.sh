#!/bin/sh
# i18n.sh BIN - messages for people in the user's language (gettext, po/zh_CN.po): summaries,
# progress, error causes, usage errors and help in Chinese under a Chinese locale, English
# otherwise; the records programs read (JSON, SARIF) the same in every language; the
# catalogue complete for the sources.
. "$(dirname "$0")/lib.sh"
BIN=$1
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
zh() { env -u LC_ALL -u LANGUAGE LANG=zh_CN.UTF-8 "$@"; }
# the catalogue: every message the sources mark has a translation, none fuzzy
if command -v xgettext >/dev/null 2>&1 && command -v msgcmp >/dev/null 2>&1; then
    xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=die_usage:1 \
        --package-name=budgetlint -o "$tmp/now.pot" cli/*.c emit/emit.c 2> /dev/null
    msgcmp po/zh_CN.po "$tmp/now.pot" > "$tmp/cmp" 2>&1
    expect_rc "po/zh_CN.po has every message the sources mark (make po-update)" 0 $?
    expect_match "... each translated, none fuzzy, formats as in the English (msgfmt --check)" '^[0-9]+ translated messages\.$' \
        "$(msgfmt --check --statistics -o /dev/null po/zh_CN.po 2>&1)"
else
    fail "catalogue checks" "xgettext and msgcmp (Debian: gettext) are needed"
fi
f=fixtures/wrong-rate.pdf
# the summary, a file that cannot be checked, and the exit status
zh "$BIN" check $f fixtures/bad/empty.pdf > "$tmp/out" 2> "$tmp/err"
expect_rc "Chinese locale: the exit status is the same" 2 $?
expect_match "the summary in Chinese" '^2 个文件，1 个错误，0 个警告，0 个提示；1 个无法核对$' "$(cat "$tmp/out")"
expect_match "a file's line in Chinese" '^fixtures/wrong-rate\.pdf: 1 个错误，0 个警告，0 个提示$' "$(cat "$tmp/out")"
expect_match "a finding keeps its rule and severity tokens (CI parsers read them)" '^fixtures/wrong-rate\.pdf:4:5: error: 执行率 .* \[rate-mismatch\]$' "$(cat "$tmp/out")"
expect_eq "the error cause in Chinese, the record's message after it" \
    "budgetlint: 错误：'fixtures/bad/empty.pdf'：文件为空（file is empty）" "$(cat "$tmp/err")"
zh "$BIN" check /nonexistent/x.pdf > /dev/null 2> "$tmp/err"
expect_eq "a system error's text stays readable (no '?' for a message in another charset)" \
    "budgetlint: 错误：'/nonexistent/x.pdf'：文件不存在（cannot open: No such file or directory）" "$(cat "$tmp/err")"
zh "$BIN" check --form json $f > /dev/null 2> "$tmp/err"
expect_rc "a usage error: exit 2" 2 $?
expect_eq "... in Chinese, with its suggestion" "budgetlint: 错误：未知选项 '--form'（是不是 --format？）|（见 'budgetlint --help'）" \
    "$(tr '\n' '|' < "$tmp/err" | sed 's/|$//')"
zh "$BIN" check --help > "$tmp/help"
expect_match "check --help in Chinese: its groups" '^批量：$' "$(cat "$tmp/help")"
expect_match "... and each option's description" '^  --baseline=文件 +不列出文件中记录的问题' "$(cat "$tmp/help")"
expect_match "extract --help in Chinese" '^打印规范化后的文本及页:行' "$(zh "$BIN" extract --help)"
expect_match "budgetlint --help in Chinese" '^退出状态：0 ' "$(zh "$BIN" --help)"
zh "$BIN" check --progress --stats -j 1 $f fixtures/seed.pdf > /dev/null 2> "$tmp/err"
expect_match "progress in Chinese" '2/2 个文件  每秒 [0-9.]+ 页  0 个无法读取  1 条问题' "$(cat "$tmp/err")"
expect_match "the --stats line in Chinese" '^budgetlint: 2/2 个文件，用时 [0-9.]+ 秒（[0-9]+ 页），0 个无法读取' "$(tr '\r' '\n' < "$tmp/err" | sed 's/\x1b\[K//g')"
# LANGUAGE picks the language too; C and English locales stay English
expect_match "LANGUAGE=zh_CN with LANG=C.UTF-8: Chinese" '^1 个文件' "$(env -u LC_ALL LANG=C.UTF-8 LANGUAGE=zh_CN "$BIN" check $f | tail -1)"
expect_match "LANG=C: English" '^1 file, 1 error, 0 warnings, 0 infos$' "$(env -u LC_ALL LANG=C "$BIN" check $f | tail -1)"
expect_match "LANG=en_US.UTF-8: English" '^1 file, 1 error' "$(env -u LC_ALL LANG=en_US.UTF-8 "$BIN" check $f | tail -1)"
expect_match "no catalogue where BUDGETLINT_LOCALEDIR points: English, no failure" '^1 file, 1 error' \
    "$(BUDGETLINT_LOCALEDIR=/nonexistent zh "$BIN" check $f | tail -1)"
# what programs read does not change with the language
for fmt in json sarif jsonl github gitlab; do
    "$BIN" check --format $fmt $f fixtures/bad/empty.pdf > "$tmp/c.$fmt" 2> /dev/null
    zh "$BIN" check --format $fmt $f fixtures/bad/empty.pdf > "$tmp/z.$fmt" 2> /dev/null
    if cmp -s "$tmp/c.$fmt" "$tmp/z.$fmt"; then pass "--format $fmt: the same bytes in every language"; else
        fail "--format $fmt: the same bytes in every language" "$(diff "$tmp/c.$fmt" "$tmp/z.$fmt" | head -4)"; fi
done
zh "$BIN" check --format json /nonexistent/x.pdf > "$tmp/z.json" 2> /dev/null
expect_eq "a record's error message stays English under a Chinese locale" "cannot open: No such file or directory" \
    "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["error"]["message"])' "$tmp/z.json")"
