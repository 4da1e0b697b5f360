#!/bin/sh
# recipes.sh BIN - the CI recipes departments copy, run on this machine (no act, no
# runner): the GitHub Actions workflow's steps (its install step builds and installs a
# clone of this repository; apt-get lines are the machine's job and are skipped), the
# GitLab job's script, the pre-commit hook's entry; the Docker image where a Docker
# daemon runs (skipped, saying so, otherwise).
. "$(dirname "$0")/lib.sh"
BIN=$1
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
REPO=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
PY=$(python_with yaml jsonschema)
if [ -z "$PY" ]; then
    fail "recipes" "python3 with yaml and jsonschema is needed (Debian: python3-yaml python3-jsonschema)"
    exit 0
fi
# a department's repository: drafts/ with one wrong report and one clean one
mkdir -p "$tmp/dept/drafts"
cp fixtures/wrong-rate.pdf fixtures/seed.pdf "$tmp/dept/drafts/"
steps() { # WORKFLOW.yml JOB KEY... -> the shell lines of those steps (apt-get lines left out)
    "$PY" - "$@" <<'PY'
import sys, yaml
doc = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
job, keys = sys.argv[2], sys.argv[3:]
j = doc["jobs"][job] if "jobs" in doc else doc[job]
out = []
if "steps" in j:
    for s in j["steps"]:
        if s.get("name") in keys and "run" in s:
            out += s["run"].splitlines()
else:
    for k in keys:
        out += j.get(k, [])
print("\n".join(l for l in out if "apt-get" not in l))
PY
}
# ---- GitHub Actions ----
gh=ci/github-budgetlint.yml
expect_eq "github workflow: valid YAML with the upload step" "github/codeql-action/upload-sarif@v3 budgetlint.sarif" \
    "$("$PY" -c 'import sys, yaml; d = yaml.safe_load(open(sys.argv[1])); s = [x for x in d["jobs"]["check"]["steps"] if "uses" in x and "sarif" in x["uses"]][0]; print(s["uses"], s["with"]["sarif_file"])' "$gh")"
steps "$gh" check "Install budgetlint" > "$tmp/install.sh"
steps "$gh" check "Check the drafts" > "$tmp/check.sh"
steps "$gh" check "Fail on errors" > "$tmp/fail.sh"
(cd "$tmp/dept" && HOME="$tmp/home" RUNNER_TEMP="$tmp/runner" GITHUB_PATH="$tmp/gh_path" BUDGETLINT_REPO="$REPO" \
    sh -e "$tmp/install.sh" > "$tmp/install.log" 2>&1)
expect_rc "github workflow: the install step builds and installs budgetlint" 0 $?
expect_eq "github workflow: ... and puts it on the PATH" "$tmp/home/.local/bin" "$(cat "$tmp/gh_path" 2>/dev/null)"
(cd "$tmp/dept" && PATH="$tmp/home/.local/bin:$PATH" GITHUB_ENV="$tmp/gh_env" DRAFTS=drafts sh -e "$tmp/check.sh" > "$tmp/gh.out" 2>&1)
expect_rc "github workflow: the check step itself succeeds" 0 $?
expect_eq "github workflow: the SARIF log is valid" 0 "$("$PY" tests/xcheck/sarif_validate.py < "$tmp/dept/budgetlint.sarif" > /dev/null 2>&1; echo $?)"
expect_match "github workflow: annotations in the log" '^::error file=drafts/wrong-rate.pdf,line=[0-9]+,title=rate-mismatch::' "$(cat "$tmp/gh.out")"
status=$(sed -n 's/^status=//p' "$tmp/gh_env" 2>/dev/null)
(status=$status sh "$tmp/fail.sh")
expect_rc "github workflow: the job fails on the wrong draft" 1 $?
# ---- GitLab CI ----
gl=ci/gitlab-budgetlint.yml
steps "$gl" budgetlint script > "$tmp/gl.sh"
(cd "$tmp/dept" && PATH="$tmp/home/.local/bin:$PATH" DRAFTS=drafts sh -e "$tmp/gl.sh" > "$tmp/gl.out" 2>&1)
expect_rc "gitlab job: fails on the wrong draft" 1 $?
expect_eq "gitlab job: the Code Quality report names the finding" "rate-mismatch drafts/wrong-rate.pdf" \
    "$("$PY" -c 'import json, sys; d = json.load(open(sys.argv[1])); print(" ".join(i["check_name"] + " " + i["location"]["path"] for i in d))' "$tmp/dept/gl-code-quality-report.json")"
rm -f "$tmp/dept/drafts/wrong-rate.pdf"
(cd "$tmp/dept" && PATH="$tmp/home/.local/bin:$PATH" DRAFTS=drafts sh -e "$tmp/gl.sh" > "$tmp/gl.out" 2>&1)
expect_rc "gitlab job: passes on clean drafts" 0 $?
# ---- pre-commit ----
entry=$("$PY" -c 'import sys, yaml; h = yaml.safe_load(open(sys.argv[1]))[0]; print(h["entry"])' .pre-commit-hooks.yaml)
files=$("$PY" -c 'import sys, yaml; h = yaml.safe_load(open(sys.argv[1]))[0]; print(h["files"])' .pre-commit-hooks.yaml)
expect_eq "pre-commit hook: matches the drafts a commit touches" "a.pdf b.txt" \
    "$(printf 'a.pdf\nb.txt\nc.docx\nd.md\n' | grep -E "$files" | tr '\n' ' ' | sed 's/ $//')"
(PATH="$tmp/home/.local/bin:$PATH"; $entry fixtures/wrong-rate.pdf > /dev/null)
expect_rc "pre-commit hook: a wrong draft stops the commit" 1 $?
(PATH="$tmp/home/.local/bin:$PATH"; $entry fixtures/seed.pdf > /dev/null)
expect_rc "pre-commit hook: a clean draft passes" 0 $?
# ---- Docker ----
if command -v docker >/dev/null 2>&1 && docker info > /dev/null 2>&1; then
    docker build -q -t budgetlint-test . > "$tmp/docker.log" 2>&1
    expect_rc "docker: the image builds" 0 $?
    out=$(docker run --rm -v "$REPO/fixtures:/work:ro" budgetlint-test check wrong-rate.pdf 2>&1)
    expect_match "docker: checks a mounted folder as a non-root user" 'rate-mismatch' "$out"
else
    echo "SKIP: docker: no Docker daemon here; the Dockerfile is not built"
fi
