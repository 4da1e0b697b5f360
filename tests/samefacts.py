#!/usr/bin/env python3
"""samefacts.py BIN DIR [LAYOUT...] - the metamorphic layout test (issue #13).

DIR holds one folder per layout (standard, grid, dense, narrow), each with the same
NAME.pdf files. For every NAME and every layout but standard, the facts budgetlint
reads - (kind, scope, value, basis) as a multiset - must equal those of the standard
layout. Prints PASS/FAIL lines (a FAIL says which facts are missing and which are extra)
in the format of the other suites.
"""
import collections, json, os, subprocess, sys


def facts(binary, pdf):
    p = subprocess.run([binary, "check", "--format", "json", pdf], capture_output=True, text=True,
                       errors="replace", timeout=120)
    try:
        out = json.loads(p.stdout)
    except json.JSONDecodeError:
        return None
    out = out[0] if isinstance(out, list) else out
    # labels compare without spaces: a wrapped cell joins its lines with or without one
    return collections.Counter((f.get("kind"), "".join(str(f.get("scope")).split()), f.get("value"), f.get("basis", ""))
                               for f in out.get("facts", []))


def show(c):
    return ", ".join("%s/%s=%s%s" % (k, s, v, "/" + b if b else "") for (k, s, v, b) in sorted(c.elements()))[:400]


def main():
    binary, d = sys.argv[1], sys.argv[2]
    layouts = sys.argv[3:] or ["grid", "dense", "narrow"]
    std = os.path.join(d, "standard")
    for name in sorted(os.listdir(std)):
        if not name.endswith(".pdf"):
            continue
        want = facts(binary, os.path.join(std, name))
        for lay in layouts:
            got = facts(binary, os.path.join(d, lay, name))
            if want is None or got is None:
                print("FAIL: layout %s %s: no JSON" % (lay, name))
            elif got == want:
                print("PASS: layout %s %s (%d facts)" % (lay, name, sum(want.values())))
            else:
                print("FAIL: layout %s %s: missing [%s] extra [%s]" % (lay, name, show(want - got), show(got - want)))


if __name__ == "__main__":
    main()
