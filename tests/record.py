#!/usr/bin/env python3
"""record.py - the one record of `budgetlint check --format json FILE` (an array of one),
printed with two-space indents: the form of the golden files beside the fixtures."""
import json, sys

doc = json.load(sys.stdin)
if isinstance(doc, list):
    if len(doc) != 1:
        sys.exit("record.py: %d records, want one" % len(doc))
    doc = doc[0]
sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
