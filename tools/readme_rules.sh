#!/bin/sh
# readme_rules.sh [BIN] - write the README's rule table from `budgetlint rules --markdown`
# (between <!-- rules:begin --> and <!-- rules:end -->). tests/rules.sh checks it is current.
BIN=${1:-build/budgetlint}
cd "$(dirname "$0")/.." || exit 2
"$BIN" rules --markdown > build/rules.md.tmp
awk 'FNR == NR { table = table $0 "\n"; next }
     /<!-- rules:begin -->/ { print; printf "%s", table; skip = 1; next }
     /<!-- rules:end -->/ { skip = 0 }
     !skip { print }' build/rules.md.tmp README.md > README.md.tmp && mv README.md.tmp README.md
rm -f build/rules.md.tmp
