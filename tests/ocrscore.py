#!/usr/bin/env python3
"""ocrscore.py BIN DIR [--list] - image-only twins against their originals' goldens (#14).

DIR holds scans (tools/scan.py) named as the fixtures they come from: NAME.pdf, with its
golden the fixture's (tests/samefacts.golden: .facts, .expected.json, or for a table form's
error variant its PDF's own facts). For each scan, the facts compare as multisets of
(kind, scope, value, basis), labels without spaces:
  right   golden facts read with their value
  wrong   facts whose value no golden fact of their kind has: a misread figure (must be 0)
  extra   facts with a value the golden has for their kind, under another scope (a misread
          label or a misplaced cell)
  missed  golden facts not read (reported as damaged-number, or lost)
and the findings: error findings on scans of clean fixtures (must be 0), and on scans of
error fixtures whether the golden's error rules are still raised. Prints one line per scan
with something to say (--list: every scan), then the totals as the last line:
  ocr: facts R/N (P%), wrong W, extra E; clean C/Nc without errors; caught K/Ne
"""
import collections, json, os, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import samefacts  # noqa: E402


def main():
    a = sys.argv[1:]
    listing = "--list" in a
    a = [x for x in a if x != "--list"]
    binary, d = a[0], a[1]
    tot = collections.Counter()
    files = sorted(f for f in os.listdir(d) if f.endswith(".pdf"))
    import concurrent.futures
    with concurrent.futures.ThreadPoolExecutor(int(os.environ.get("JOBS", "2"))) as ex:
        records = dict(zip(files, ex.map(lambda f: samefacts.record(binary, os.path.join(d, f)), files)))
    for f in files:
        name = f[:-4]
        want = samefacts.golden(name, binary)
        wantf = samefacts.golden_findings(binary, name)
        if want is None or wantf is None:
            print("%-24s no golden" % name)
            continue
        out = records[f]
        if out is None:
            print("%-24s no JSON" % name)
            tot["files"] += 1
            continue
        got = samefacts.facts_of(out)
        right = want & got
        values = {(k, v) for (k, s, v, b) in want}
        over = got - want
        wrong = collections.Counter({x: n for x, n in over.items() if (x[0], x[2]) not in values})
        extra = over - wrong
        errs_want = {r for (r, sev) in wantf if sev == "error"}
        errs_got = {fi.get("rule") for fi in out.get("findings", []) if fi.get("severity") == "error"}
        tot["facts"] += sum(want.values())
        tot["right"] += sum(right.values())
        tot["wrong"] += sum(wrong.values())
        tot["extra"] += sum(extra.values())
        note = []
        if errs_want:
            tot["errfix"] += 1
            if errs_want <= errs_got:
                tot["caught"] += 1
            else:
                note.append("not caught %s" % sorted(errs_want - errs_got))
        else:
            tot["clean"] += 1
            if errs_got:
                note.append("errors on a clean fixture %s" % sorted(errs_got))
            else:
                tot["quiet"] += 1
        if wrong:
            note.append("WRONG %s" % samefacts.show(wrong))
        if extra:
            note.append("extra %s" % samefacts.show(extra))
        missed = want - got
        if missed:
            note.append("missed %d: %s" % (sum(missed.values()), samefacts.show(missed)[:160]))
        if note or listing:
            print("%-24s %d/%d %s" % (name, sum(right.values()), sum(want.values()), "; ".join(note)))
    n = tot["facts"] or 1
    print("ocr: facts %d/%d (%.1f%%), wrong %d, extra %d; clean %d/%d without errors; caught %d/%d"
          % (tot["right"], tot["facts"], 100.0 * tot["right"] / n, tot["wrong"], tot["extra"], tot["quiet"],
             tot["clean"], tot["caught"], tot["errfix"]))


if __name__ == "__main__":
    main()
