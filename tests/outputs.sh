#!/bin/sh
# outputs.sh BIN - the outputs for other readers: SARIF 2.1.0 checked against its
# published JSON schema (npm @microsoft/jest-sarif's copy, with ajv).
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
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    fail "sarif schema" "node and npm are needed (tools/deps.sh installs them)"
    exit 0
fi
dir=build/node
if [ ! -f "$dir/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json" ] ||
   [ ! -f "$dir/node_modules/ajv-draft-04/package.json" ]; then
    mkdir -p "$dir"
    if ! npm install --silent --no-audit --no-fund --prefix "$dir" ajv@8 ajv-draft-04@1 \
            @microsoft/jest-sarif@1.0.0-beta.0 > "$dir/install.log" 2>&1; then
        fail "sarif schema" "npm install failed:" "$(tail -3 "$dir/install.log")"
        exit 0
    fi
fi
mods=$(pwd)/$dir/node_modules
out=$(node tests/xcheck/sarif_validate.js "$mods" < "$tmp/log.sarif")
expect_rc "sarif: valid against the SARIF 2.1.0 schema" 0 $?
expect_match "sarif: every rule in tool.driver.rules" "valid: [0-9]+ results, $("$BIN" rules | wc -l | tr -d ' ') rules" "$out"
node tests/xcheck/sarif_validate.js "$mods" < "$tmp/clean.sarif" > /dev/null
expect_rc "sarif: a log with no results is valid too" 0 $?
printf '{"version":"2.1.0","runs":[{"tool":{}}]}' | node tests/xcheck/sarif_validate.js "$mods" > /dev/null
expect_rc "sarif: the validator rejects a broken log" 1 $?
