#!/bin/sh
# install.sh - make install / uninstall with PREFIX and DESTDIR: the tree it writes (the
# binary, budgetlint(1), bash and zsh completion), that the installed binary runs, that
# the man page formats cleanly, that the bash completion completes, and that uninstall
# removes exactly what install wrote.
. "$(dirname "$0")/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
make -s install DESTDIR="$tmp/root" PREFIX=/opt/bl > "$tmp/log" 2>&1
expect_rc "make install DESTDIR=… PREFIX=/opt/bl" 0 $?
expect_eq "make install: the tree" "$(printf '%s\n' /opt/bl/bin/budgetlint /opt/bl/share/bash-completion/completions/budgetlint /opt/bl/share/locale/zh_CN/LC_MESSAGES/budgetlint.mo /opt/bl/share/man/man1/budgetlint.1 /opt/bl/share/zsh/site-functions/_budgetlint)" \
    "$(cd "$tmp/root" && find . -type f | sed 's|^\.||' | sort)"
expect_match "the installed binary runs" '^budgetlint [0-9]' "$("$tmp/root/opt/bl/bin/budgetlint" --version)"
expect_match "the installed binary finds its Chinese messages (share/locale beside it)" '^用法：budgetlint check' \
    "$(env -u LC_ALL LANG=zh_CN.UTF-8 "$tmp/root/opt/bl/bin/budgetlint" --help)"
if command -v groff >/dev/null 2>&1; then
    expect_eq "budgetlint(1) formats without warnings" "" "$(groff -k -man -Tutf8 -ww -z "$tmp/root/opt/bl/share/man/man1/budgetlint.1" 2>&1)"
else
    echo "SKIP: budgetlint(1): groff is not installed"
fi
got=$(PATH="$tmp/root/opt/bl/bin:$PATH" bash -c '. "$1"; COMP_WORDS=(budgetlint check --form); COMP_CWORD=2; _budgetlint; echo "${COMPREPLY[*]}"' _ "$tmp/root/opt/bl/share/bash-completion/completions/budgetlint" 2>&1)
expect_eq "bash completion: --form completes to --format" "--format" "$got"
got=$(PATH="$tmp/root/opt/bl/bin:$PATH" bash -c '. "$1"; COMP_WORDS=(budgetlint explain rate-m); COMP_CWORD=2; _budgetlint; echo "${COMPREPLY[*]}"' _ "$tmp/root/opt/bl/share/bash-completion/completions/budgetlint" 2>&1)
expect_eq "bash completion: explain completes rule ids" "rate-mismatch" "$got"
make -s uninstall DESTDIR="$tmp/root" PREFIX=/opt/bl > "$tmp/log" 2>&1
expect_rc "make uninstall" 0 $?
expect_eq "make uninstall removes every file it installed" "" "$(find "$tmp/root" -type f)"
