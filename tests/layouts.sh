#!/bin/sh
# layouts.sh BIN - the metamorphic layout test (#13): every fixture laid out as another
# program prints it - grid (a document character grid), dense (A4 landscape, 9 pt cells),
# narrow (12 pt cells in narrow columns) - in fixtures/layouts/LAYOUT/NAME.pdf (made by
# `make layouts` from the same sources as the fixtures) gives the facts of its golden
# output. Known gaps: tests/layouts-known.txt.
BIN=${1:-build/budgetlint}
cd "$(dirname "$0")/.." || exit 2
exec python3 tests/samefacts.py "$BIN" --golden fixtures/layouts tests/layouts-known.txt
