# lib.sh - helpers for the shell suites. Each check prints "PASS: name" or
# "FAIL: name" (+ details); tests/run.sh counts them.
LC_ALL=C.UTF-8
export LC_ALL
unset LANGUAGE # messages in English: the suites read them (tests/i18n.sh sets its own)
pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1"; shift; for l in "$@"; do echo "    $l"; done; }
# expect_rc NAME WANT GOT: an exact exit status; a signal (>= 128) never passes
expect_rc() {
    if [ "$3" -ge 128 ]; then fail "$1" "crashed: exit $3"; return 1; fi
    if [ "$3" -eq "$2" ]; then pass "$1"; return 0; fi
    fail "$1" "exit $3, want $2"; return 1
}
# expect_eq NAME WANT GOT
expect_eq() {
    if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "want: $2" "got:  $3"; fi
}
# expect_match NAME REGEX TEXT
expect_match() {
    if printf '%s\n' "$3" | grep -Eq -- "$2"; then pass "$1"; else fail "$1" "no match for /$2/ in:" "$3"; fi
}
# nfacts FILE: how many facts the first record of a --format json document holds
nfacts() {
    python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); d = d[0] if isinstance(d, list) else d; print(len(d.get("facts", [])))' "$1" 2>/dev/null || echo none
}
# nrecords FILE: how many records a --format json document holds (it must be an array)
nrecords() {
    python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(len(d) if isinstance(d, list) else "not an array")' "$1" 2>/dev/null || echo "not JSON"
}
# python_with MODULE...: the first python3 (the PATH's, then Debian's) that imports them; empty if none
python_with() {
    for py in python3 /usr/bin/python3; do
        if "$py" -c "import $(echo "$@" | tr ' ' ',')" 2>/dev/null; then echo "$py"; return; fi
    done
}
