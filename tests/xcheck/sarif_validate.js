// sarif_validate.js NODE_MODULES < log.sarif - validate a SARIF log against the
// SARIF 2.1.0 JSON schema (from npm @microsoft/jest-sarif) with ajv.
'use strict';
const path = require('path');
const dir = process.argv[2];
const Ajv = require(path.join(dir, 'ajv-draft-04')); // the schema is draft-04
const schema = require(path.join(dir, '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'));
// unicodeRegExp off: the published schema has a pattern (language tags) that is invalid in /u mode
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
const validate = ajv.compile(schema);
let input = '';
process.stdin.on('data', (d) => { input += d; });
process.stdin.on('end', () => {
    const log = JSON.parse(input);
    if (validate(log)) {
        console.log(`valid: ${log.runs[0].results.length} results, ${log.runs[0].tool.driver.rules.length} rules`);
        process.exit(0);
    }
    for (const e of validate.errors.slice(0, 10)) console.log(`invalid: ${e.instancePath} ${e.message}`);
    process.exit(1);
});
