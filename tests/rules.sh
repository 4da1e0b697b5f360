#!/bin/sh
# rules.sh BIN - every rule's documented examples (validate/rules/<id>.txt, the
# same text `budgetlint explain` prints): "--- fires" must raise the rule,
# "--- quiet" must not. Also: the doc's title and severity match `rules`.
. "$(dirname "$0")/lib.sh"
BIN=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for doc in validate/rules/*.txt; do
    id=$(basename "$doc" .txt)
    sev=$(sed -n 's/^级别：\([a-z]*\)（.*/\1/p' "$doc")
    title=$(head -1 "$doc" | sed 's/^[^ ]* — //')
    listed=$("$BIN" rules | awk -v id="$id" '$1 == id { $1 = ""; print }' | sed 's/^ *//')
    expect_eq "rules: $id listed with its doc's severity and title" "$sev $title" "$(echo "$listed" | sed 's/  */ /')"
    explained=$("$BIN" explain "$id")
    # its doc, after the title what to fix (整改建议), without the lines naming this repository's files
    expect_eq "explain $id prints its doc" \
        "$(head -1 "$doc"; echo "$explained" | sed -n 2p; tail -n +2 "$doc" | grep -vE '(^|[ (])(fixtures|tests|validate|parse|eval)/' | sed -e 's|shared/domain/||' -e 's/^--- fires$/--- 会报出的例子/' -e 's/^--- quiet$/--- 不会报出的例子/' | awk '/^--- /{ if (h != "") held = h; h = $0; next } { if (h != "") { print h; h = "" } print } END {}')" \
        "$explained"
    expect_match "explain $id says what to fix" '^整改建议：.' "$(echo "$explained" | sed -n 2p)"
    for part in fires quiet; do
        awk -v want="--- $part" '/^--- / { on = ($0 == want); next } on' "$doc" > "$tmp/$part.txt"
        file=$(grep -o 'fixtures/[^ )]*' "$tmp/$part.txt" | head -1)
        [ -n "$file" ] || file="$tmp/$part.txt"
        out=$("$BIN" check --format json --fail-on none "$file" 2>/dev/null)
        rc=$?
        if [ $rc -ge 128 ]; then fail "$id $part example" "crashed: exit $rc"; continue; fi
        if printf '%s' "$out" | grep -q "\"rule\":[[:space:]]*\"$id\""; then hit=yes; else hit=no; fi
        want=yes
        [ $part = quiet ] && want=no
        if [ $hit = $want ]; then pass "$id $part example"; else
            fail "$id $part example" "rule fired: $hit, want $want" "$(printf '%s' "$out" | grep '"message"')"
        fi
    done
done
# the README's rule table is `budgetlint rules --markdown` (tools/readme_rules.sh writes it)
expect_eq "README: the rule table is generated from budgetlint rules (all of them)" "$("$BIN" rules --markdown)" \
    "$(sed -n '/<!-- rules:begin -->/,/<!-- rules:end -->/p' README.md | sed '1d;$d')"
