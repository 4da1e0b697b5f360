#!/bin/sh
# nzh.sh XCHECK - cross-check the Chinese number reader against the npm
# package nzh (an independent encoder): 100,000 generated numbers (integers up
# to 10^12, 大写, 人民币 money, decimals) must decode back exactly.
# nzh is installed into build/nzh with npm on first use.
. "$(dirname "$0")/lib.sh"
XCHECK=$1
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    fail "nzh cross-check" "node and npm are needed (Debian: nodejs npm); tools/deps.sh installs them"
    exit 0
fi
dir=build/nzh
if [ ! -f "$dir/node_modules/nzh/package.json" ]; then
    mkdir -p "$dir"
    if ! npm install --silent --no-audit --no-fund --prefix "$dir" nzh@1.0.14 > "$dir/install.log" 2>&1; then
        fail "nzh cross-check" "npm install nzh failed:" "$(tail -3 "$dir/install.log")"
        exit 0
    fi
fi
node tests/xcheck/nzh_gen.js "$(pwd)/$dir/node_modules/nzh" | "$XCHECK"
