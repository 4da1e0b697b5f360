#!/bin/sh
# demo.sh BIN - the main job on the bundled sample reports: every fixture
# report (a clean seed report, 3 clean rewritings, 10 with one injected error)
# and the unreadable inputs, checked in one batch, findings printed for people.
set -u
BIN=$1
cd "$(dirname "$0")/.." || exit 2
echo "== budgetlint: checking the sample reports in fixtures/ =="
"$BIN" check --format text fixtures/*.pdf fixtures/*.txt fixtures/bad/*.pdf
rc=$?
echo "== exit status $rc (0 clean, 1 findings, 2 some inputs unreadable; see README) =="
# the samples hold errors and bad files on purpose: 1 or 2 is the expected outcome
[ $rc -lt 128 ] || { echo "demo: budgetlint crashed (exit $rc)"; exit 1; }
exit 0
