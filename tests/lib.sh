# lib.sh - helpers for the shell suites. Each check prints "PASS: name" or
# "FAIL: name" (+ details); tests/run.sh counts them.
LC_ALL=C.UTF-8
export LC_ALL
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
