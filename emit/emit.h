/*
 * emit.h - stage 5: a checked document to the formats its readers want.
 *
 * JSON follows docs/output.md (schema "budgetlint/1"; the contract other
 * tools rely on): one object per document; keys in a fixed order. Text is
 * for people: "file:page:line: severity: message [rule]" with the facts it
 * used quoted underneath. Emitters only write to `out`; they return 0, or -1
 * when writing failed (checked with ferror by the caller too).
 */
#ifndef BL_EMIT_H
#define BL_EMIT_H

#include <stdio.h>

#include "../core/doc.h"

#define BL_SCHEMA "budgetlint/1"

typedef struct {
    int errors, warnings, infos;
} bl_counts;

/** Count findings by severity. */
bl_counts bl_count_findings(const bl_doc *doc);

/** Write doc as one JSON object; pretty = indented, else one line. Ends with "\n". */
int bl_emit_json(const bl_doc *doc, FILE *out, bool pretty);

/** Write doc's findings as text lines (nothing for a clean document). */
int bl_emit_text(const bl_doc *doc, FILE *out);

/** Write the normalized text, each paragraph prefixed by "page:line: ". */
int bl_emit_normalized(const bl_doc *doc, FILE *out);

#endif
