#!/bin/sh
# run.sh RELEASE_DIR [ASAN_DIR] - every suite; ends with "N passed, N failed".
# The release build runs all suites; the ASan/UBSan build runs the unit tests,
# the fixtures and the CLI suite again (any sanitizer report fails the run).
cd "$(dirname "$0")/.." || exit 2
LC_ALL=C.UTF-8
export LC_ALL
unset LANGUAGE # messages in English: the suites read them (tests/i18n.sh sets its own)
rel=$1
asan=${2:-}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
suite() { # NAME COMMAND...
    name=$1
    shift
    "$@" 2>&1 | sed "s/^\(PASS\|FAIL\): /\1: [$name] /" | tee -a "$log" | grep -v '^PASS' 
}
suite unit "$rel/unit_tests"
suite fixtures sh tests/fixtures.sh "$rel/budgetlint"
suite cli sh tests/cli.sh "$rel/budgetlint"
suite rules sh tests/rules.sh "$rel/budgetlint"
suite forms sh tests/forms.sh "$rel/budgetlint"
suite tables sh tests/tables.sh "$rel/budgetlint"
suite layouts sh tests/layouts.sh "$rel/budgetlint"
suite layouts-real sh tests/layouts-real.sh "$rel/budgetlint"
suite formats sh tests/formats.sh "$rel/budgetlint"
suite formats-real sh tests/formats-real.sh "$rel/budgetlint"
suite ocr sh tests/ocr.sh "$rel/budgetlint"
suite batch sh tests/batch.sh "$rel/budgetlint"
suite outputs sh tests/outputs.sh "$rel/budgetlint"
suite pathological sh tests/pathological.sh "$rel/budgetlint"
suite safety sh tests/safety.sh "$rel/budgetlint"
suite hostile sh tests/hostile.sh "$rel/budgetlint"
suite traditional sh tests/traditional.sh "$rel/budgetlint" "$rel/s2t" "$rel/mutate"
suite habits sh tests/habits.sh "$rel/budgetlint"
suite i18n sh tests/i18n.sh "$rel/budgetlint"
suite install sh tests/install.sh
suite recipes sh tests/recipes.sh "$rel/budgetlint"
suite nzh sh tests/nzh.sh "$rel/xcheck"
suite fuzz sh fuzz/run.sh 0
if [ -n "$asan" ]; then
    ASAN_OPTIONS=abort_on_error=0:exitcode=99:detect_leaks=1
    LSAN_OPTIONS=suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
    export ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS
    suite asan-unit "$asan/unit_tests"
    suite asan-fixtures sh tests/fixtures.sh "$asan/budgetlint"
    suite asan-cli sh tests/cli.sh "$asan/budgetlint"
    suite asan-safety sh tests/safety.sh "$asan/budgetlint"
    suite asan-hostile sh tests/hostile.sh "$asan/budgetlint"
    suite asan-formats sh tests/formats.sh "$asan/budgetlint"
fi
passed=$(grep -c '^PASS' "$log")
failed=$(grep -c '^FAIL' "$log")
# a suite that died without reporting would show as no lines: require some
[ "$passed" -gt 0 ] || failed=$((failed + 1))
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
