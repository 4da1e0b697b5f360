/*
 * store.h - the results store: one SQLite file a finance bureau can query.
 *
 * Schema (docs/store.md): reports (one row per checked file: path, sha256,
 * budgetlint version, status, department, year, counts, the JSON record),
 * facts and findings (one row each, by report). Each file is written in its
 * own transaction, so killing a batch loses at most the files in flight.
 * The store reads the JSON record (schema budgetlint/1), never the stages'
 * structs: what is stored is exactly what was printed.
 */
#ifndef BL_STORE_H
#define BL_STORE_H

#include <stddef.h>

typedef struct bl_store bl_store;

/**
 * Open or create the store at path, for writing. An existing file that is not a
 * budgetlint store of this schema is refused and left as it is. NULL with a message
 * in err on failure.
 */
bl_store *bl_store_open(const char *path, char *err, size_t errsz);
/** Open an existing store read-only (report, merge's inputs): never created, never changed. */
bl_store *bl_store_open_read(const char *path, char *err, size_t errsz);
void bl_store_close(bl_store *s);
/**
 * The JSON record stored for this content (sha256) and budgetlint version,
 * malloc'd (caller frees), or NULL when the file has not been checked yet.
 */
char *bl_store_lookup(bl_store *s, const char *sha256, const char *version);
/** Store one file's JSON record (one line) in a transaction. 0, or -1 with err. */
int bl_store_put(bl_store *s, const char *path, const char *sha256, const char *version,
                 const char *json, char *err, size_t errsz);
/* One report as the bureau's sheet shows it: the department's own figures (scope total). */
typedef struct {
    const char *path, *title, *department, *status, *error_code;
    int year, errors, warnings, infos; /* year 0: unknown */
    const char *budget, *budget_unit, *executed, *executed_unit, *rate, *score, *grade; /* NULL: not stated */
    int accepted; /* findings accepted in budgetlint.json (已说明), not in errors/warnings/infos */
} bl_report_row;

typedef struct {
    const char *path, *department;
    int page, line;
    const char *rule, *severity, *message, *stated, *expected;
    const char *annotated; /* the report's annotated copy (--annotate), or NULL */
    const char *accepted;  /* the reason it was accepted (已说明), or NULL while it is open */
} bl_finding_row;

/** Call cb for every report (by path), then return 0; -1 with err on a store error. */
int bl_store_each_report(bl_store *s, void (*cb)(void *ctx, const bl_report_row *r), void *ctx, char *err,
                         size_t errsz);
/** Call cb for every finding (by path, page, line). */
int bl_store_each_finding(bl_store *s, void (*cb)(void *ctx, const bl_finding_row *f), void *ctx, char *err,
                          size_t errsz);

/** Copy every report of the store at src (with facts and findings) not yet in s. */
int bl_store_merge(bl_store *s, const char *src, long *added, char *err, size_t errsz);

#endif
