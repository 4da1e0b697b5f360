#!/bin/sh
# nzh.sh XCHECK - cross-check the Chinese number reader against the npm package nzh (an
# independent encoder): 100,000 generated numbers (integers up to 10^12, 大写, 人民币
# money, decimals) and nzh's Chinese for each must decode back exactly. The answers are
# recorded in tests/xcheck/nzh-answers.tsv.gz, so the check needs no network; `make
# nzh-refresh` records them again with npm and node (tests/xcheck/nzh_gen.js).
. "$(dirname "$0")/lib.sh"
XCHECK=$1
table=tests/xcheck/nzh-answers.tsv.gz
if [ ! -f "$table" ]; then
    fail "nzh cross-check" "no recorded table $table (make nzh-refresh records it)"
    exit 0
fi
gzip -dc "$table" | "$XCHECK"
