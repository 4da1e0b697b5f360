#!/usr/bin/env python3
"""sarif_validate.py < log.sarif - validate a SARIF log against the SARIF 2.1.0 JSON schema
vendored in tests/schemas/ (sarif-2.1.0-rtm.5.json, the OASIS schema as SchemaStore
publishes it) with python3-jsonschema (Draft 4): no network at test time. Prints
"valid: N results, M rules" and exits 0, or the first errors and exits 1."""
import json, os, sys

import jsonschema

here = os.path.dirname(os.path.abspath(__file__))
schema = json.load(open(os.path.join(here, "..", "schemas", "sarif-2.1.0-rtm.5.json"), encoding="utf-8"))
log = json.load(sys.stdin)
v = jsonschema.Draft4Validator(schema)
errors = sorted(v.iter_errors(log), key=lambda e: list(e.path))
if errors:
    for e in errors[:10]:
        print("invalid: /%s %s" % ("/".join(str(p) for p in e.path), e.message[:200]))
    sys.exit(1)
print("valid: %d results, %d rules" % (len(log["runs"][0]["results"]), len(log["runs"][0]["tool"]["driver"]["rules"])))
