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

#include <cjson/cJSON.h>
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
/** Write a record as one JSON object (the same bytes bl_emit_json writes for its doc). */
int bl_emit_record(const cJSON *record, FILE *out, bool pretty);

/** The JSON record of doc (caller frees with cJSON_Delete). */
cJSON *bl_record(const bl_doc *doc);

/** A record for a file that could not be checked at all (a crashed worker): code and message. */
cJSON *bl_record_error(const char *path, const char *code, const char *message);

/**
 * Write a record's findings as text, for people: "file:page:line: severity:
 * message [rule]" and the facts it used underneath. Text is a view of the
 * JSON record, so records from a store or a worker print the same way.
 */
int bl_emit_text(const cJSON *record, FILE *out, bool color);

/** "3 files, 2 errors, 1 warning" (no trailing newline) into buf. */
char *bl_counts_format(size_t files, bl_counts c, char *buf, size_t size);

/*
 * SARIF 2.1.0 for CI code scanning: one run with the rule catalogue as
 * tool.driver.rules, one result a finding (level, message, the file, the line
 * as region and the page beside it), unreadable files as notifications.
 * bl_sarif_new() (caller owns), bl_sarif_add() per record, bl_sarif_finish()
 * writes and frees it.
 */
typedef struct bl_sarif bl_sarif;
bl_sarif *bl_sarif_new(const char *version);
void bl_sarif_add(bl_sarif *s, const cJSON *record);
/** An interrupted run: executionSuccessful false, and a notification saying how far it got. */
void bl_sarif_interrupted(bl_sarif *s, size_t done, size_t total);
int bl_sarif_finish(bl_sarif *s, FILE *out);

/** Write the normalized text, each paragraph prefixed by "page:line: ". */
/**
 * The tables extract/ found, one row a line: "T<table> R<row> <page>:<line>"
 * then each cell as a tab and "<column>=<text>" (the cell's raw text).
 */
void bl_emit_tables(const bl_doc *d, FILE *out);
int bl_emit_normalized(const bl_doc *doc, FILE *out);

#endif
