/* store.c - SQLite results store. */
#include "store.h"

#include <cjson/cJSON.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../core/core.h"

#include "../core/banned.h"

#define STORE_SCHEMA "1"

struct bl_store {
    sqlite3 *db;
};

static const char pragmas_sql[] = "PRAGMA journal_mode=WAL;"
                                  "PRAGMA foreign_keys=ON;";

/* in one transaction: a second writer starting at the same moment sees no store or all of it */
static const char schema_sql[] =
    "BEGIN IMMEDIATE;"
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "INSERT OR IGNORE INTO meta VALUES('store_schema', '" STORE_SCHEMA "');"
    "CREATE TABLE IF NOT EXISTS reports("
    " id INTEGER PRIMARY KEY,"
    " path TEXT NOT NULL,"
    " sha256 TEXT NOT NULL,"
    " version TEXT NOT NULL,"
    " status TEXT NOT NULL,"       /* ok | error */
    " error_code TEXT, error_message TEXT,"
    " pages INTEGER, title TEXT, department TEXT, year INTEGER,"
    " errors INTEGER NOT NULL DEFAULT 0, warnings INTEGER NOT NULL DEFAULT 0, infos INTEGER NOT NULL DEFAULT 0,"
    " rates INTEGER, rates_checked INTEGER, accepted INTEGER NOT NULL DEFAULT 0,"
    " checked_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
    " json TEXT NOT NULL,"
    " UNIQUE(path, sha256, version));"
    "CREATE TABLE IF NOT EXISTS facts("
    " report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,"
    " fact TEXT NOT NULL, kind TEXT NOT NULL, scope TEXT NOT NULL, value TEXT NOT NULL, unit TEXT,"
    " basis TEXT, page INTEGER, line INTEGER, text TEXT, derived INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE IF NOT EXISTS findings("
    " report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,"
    " rule TEXT NOT NULL, severity TEXT NOT NULL, page INTEGER, line INTEGER, message TEXT,"
    " stated TEXT, expected TEXT, fingerprint TEXT, accepted TEXT);"
    "CREATE INDEX IF NOT EXISTS reports_content ON reports(sha256, version);"
    "CREATE INDEX IF NOT EXISTS reports_status ON reports(status, errors);"
    "CREATE INDEX IF NOT EXISTS reports_department ON reports(department, year);"
    "CREATE INDEX IF NOT EXISTS facts_report ON facts(report_id);"
    "CREATE INDEX IF NOT EXISTS findings_report ON findings(report_id);"
    "CREATE INDEX IF NOT EXISTS findings_rule ON findings(rule, severity);"
    "COMMIT;";

static void set_err(char *err, size_t n, const char *what, sqlite3 *db)
{
    snprintf(err, n, "%s: %s", what, db ? sqlite3_errmsg(db) : "cannot open");
}

/* How many tables and indexes the database has (-1 when it cannot be read). */
static int tables(sqlite3 *db)
{
    sqlite3_stmt *st;
    int n = -1;
    for (int tries = 0; tries < 200; tries++) {
        if (sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1, &st, NULL) == SQLITE_OK) {
            int rc = sqlite3_step(st);
            if (rc == SQLITE_ROW)
                n = sqlite3_column_int(st, 0);
            sqlite3_finalize(st);
            if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
                break;
        }
        sqlite3_sleep(50);
    }
    return n;
}

/* Is db a budgetlint store of this schema? NULL when it is, else why not. */
static const char *not_ours(sqlite3 *db, char *buf, size_t n)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'store_schema'", -1, &st, NULL) != SQLITE_OK)
        return "not a budgetlint store (it has no budgetlint meta table); left as it is";
    const char *why = "not a budgetlint store (its meta table names no store schema); left as it is";
    if (sqlite3_step(st) == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(st, 0);
        if (v && strcmp(v, STORE_SCHEMA) == 0)
            why = NULL;
        else {
            snprintf(buf, n, "a budgetlint store of schema %s; this budgetlint reads schema %s", v ? v : "?", STORE_SCHEMA);
            why = buf;
        }
    }
    sqlite3_finalize(st);
    return why;
}

/* Does table have this column? (a store written before the column was added has not) */
static bool has_column(sqlite3 *db, const char *table, const char *name)
{
    sqlite3_stmt *st;
    bool found = false;
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT 1 FROM pragma_table_info('%s') WHERE name = ?", table);
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
        found = sqlite3_step(st) == SQLITE_ROW;
        sqlite3_finalize(st);
    }
    return found;
}

/*
 * A store of schema 1 written before findings could be accepted gains the columns
 * (added, never changed: an older budgetlint still reads it). One transaction, so
 * two writers opening the same old store add them once.
 */
static int add_accepted_columns(sqlite3 *db, char **msg)
{
    int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, msg);
    if (rc != SQLITE_OK)
        return rc;
    if (!has_column(db, "findings", "accepted"))
        rc = sqlite3_exec(db,
                          "ALTER TABLE findings ADD COLUMN fingerprint TEXT;"
                          "ALTER TABLE findings ADD COLUMN accepted TEXT;"
                          "ALTER TABLE reports ADD COLUMN accepted INTEGER NOT NULL DEFAULT 0;",
                          NULL, NULL, msg);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "COMMIT", NULL, NULL, msg);
    if (rc != SQLITE_OK)
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

static bl_store *wrap(sqlite3 *db, char *err, size_t errsz)
{
    bl_store *s = malloc(sizeof *s);
    if (!s) {
        sqlite3_close(db);
        snprintf(err, errsz, "out of memory");
        return NULL;
    }
    s->db = db;
    return s;
}

bl_store *bl_store_open(const char *path, char *err, size_t errsz)
{
    /* an existing file must be a budgetlint store before anything is written to it */
    struct stat sb;
    bool existing = stat(path, &sb) == 0 && sb.st_size > 0;
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        set_err(err, errsz, "cannot open the store", db);
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_busy_timeout(db, 10000);
    char buf[200];
    /* an empty database (another writer is creating the store this moment) is a new store */
    const char *why = existing && tables(db) != 0 ? not_ours(db, buf, sizeof buf) : NULL;
    if (why) {
        snprintf(err, errsz, "%s", why);
        sqlite3_close(db);
        return NULL;
    }
    char *msg = NULL;
    int rc;
    /* two writers starting at once: the schema's PRAGMA and CREATEs may find the other's lock,
     * which the busy handler does not always wait for (journal_mode): try again, 10 s at most */
    for (int tries = 0;; tries++) {
        rc = sqlite3_exec(db, pragmas_sql, NULL, NULL, &msg);
        if (rc == SQLITE_OK) {
            rc = sqlite3_exec(db, schema_sql, NULL, NULL, &msg);
            if (rc != SQLITE_OK)
                sqlite3_exec(db, "ROLLBACK;", NULL, NULL, NULL);
            else
                rc = add_accepted_columns(db, &msg);
        }
        if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || tries == 200)
            break;
        sqlite3_free(msg);
        msg = NULL;
        sqlite3_sleep(50);
    }
    if (rc != SQLITE_OK) {
        snprintf(err, errsz, "not a budgetlint store: %s", msg ? msg : "?");
        sqlite3_free(msg);
        sqlite3_close(db);
        return NULL;
    }
    return wrap(db, err, errsz);
}

/* Can this connection read the file at all (a WAL store in a folder we cannot write)? */
static bool readable(sqlite3 *db)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        sqlite3_finalize(st);
        return rc == SQLITE_ROW;
    }
    return false;
}

bl_store *bl_store_open_read(const char *path, char *err, size_t errsz)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        set_err(err, errsz, "cannot open the store", db);
        sqlite3_close(db);
        return NULL;
    }
    if (!readable(db)) {
        /* a WAL store whose folder we cannot write (another user's results): read it as
         * an unchanging file - nobody can be writing it through a folder we cannot write */
        sqlite3_close(db);
        db = NULL;
        bl_buf u = BL_BUF_INIT;
        bl_buf_adds(&u, "file:");
        for (const char *q = path; *q; q++) /* the path as a URI: %, ? and # escaped */
            if (*q == '%' || *q == '?' || *q == '#')
                bl_buf_addf(&u, "%%%02X", (unsigned char)*q);
            else
                bl_buf_addc(&u, *q);
        bl_buf_adds(&u, "?immutable=1");
        int orc = sqlite3_open_v2(u.data, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
        bl_buf_release(&u);
        if (orc != SQLITE_OK || !readable(db)) {
            set_err(err, errsz, "cannot read the store", db);
            sqlite3_close(db);
            return NULL;
        }
    }
    sqlite3_busy_timeout(db, 10000);
    char buf[200];
    const char *why = not_ours(db, buf, sizeof buf);
    if (why) {
        snprintf(err, errsz, "%s", why);
        sqlite3_close(db);
        return NULL;
    }
    return wrap(db, err, errsz);
}

void bl_store_close(bl_store *s)
{
    if (!s)
        return;
    sqlite3_close(s->db);
    free(s);
}

char *bl_store_lookup(bl_store *s, const char *sha256, const char *version)
{
    sqlite3_stmt *st;
    char *out = NULL;
    if (sqlite3_prepare_v2(s->db, "SELECT json FROM reports WHERE sha256 = ? AND version = ? LIMIT 1", -1, &st,
                           NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_text(st, 1, sha256, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, version, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) {
        const unsigned char *j = sqlite3_column_text(st, 0);
        if (j) {
            size_t n = strlen((const char *)j);
            out = malloc(n + 1);
            if (out)
                memcpy(out, j, n + 1);
        }
    }
    sqlite3_finalize(st);
    return out;
}

static const char *str(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int num(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsNumber(v) ? v->valueint : 0;
}

static void bind_opt_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

int bl_store_put(bl_store *s, const char *path, const char *sha256, const char *version, const char *json,
                 char *err, size_t errsz)
{
    cJSON *o = cJSON_Parse(json);
    if (!o) {
        snprintf(err, errsz, "cannot store '%s': the record is not JSON", path);
        return -1;
    }
    int rc = -1;
    sqlite3_stmt *st = NULL;
    if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        goto fail;
    /* re-checking a file replaces its earlier row (--force) */
    if (sqlite3_prepare_v2(s->db, "DELETE FROM reports WHERE path = ? AND sha256 = ? AND version = ?", -1, &st,
                           NULL) != SQLITE_OK)
        goto fail;
    sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, sha256, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, version, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
        goto fail;
    sqlite3_finalize(st);
    const cJSON *e = cJSON_GetObjectItemCaseSensitive(o, "error");
    const cJSON *sum = cJSON_GetObjectItemCaseSensitive(o, "summary");
    const cJSON *rep = cJSON_GetObjectItemCaseSensitive(o, "report");
    if (sqlite3_prepare_v2(s->db,
                           "INSERT INTO reports(path, sha256, version, status, error_code, error_message, pages,"
                           " title, department, year, errors, warnings, infos, rates, rates_checked, json, accepted)"
                           " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                           -1, &st, NULL) != SQLITE_OK)
        goto fail;
    sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, sha256, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, version, -1, SQLITE_STATIC);
    bind_opt_text(st, 4, str(o, "status") ? str(o, "status") : "error");
    bind_opt_text(st, 5, e ? str(e, "code") : NULL);
    bind_opt_text(st, 6, e ? str(e, "message") : NULL);
    sqlite3_bind_int(st, 7, num(o, "pages"));
    bind_opt_text(st, 8, rep ? str(rep, "title") : NULL);
    bind_opt_text(st, 9, rep ? str(rep, "department") : NULL);
    if (rep && num(rep, "year"))
        sqlite3_bind_int(st, 10, num(rep, "year"));
    else
        sqlite3_bind_null(st, 10);
    /* the counts are of what is still open: an accepted finding (已说明) is counted apart */
    int open[3] = {sum ? num(sum, "errors") : 0, sum ? num(sum, "warnings") : 0, sum ? num(sum, "infos") : 0};
    int accepted = 0;
    const cJSON *f;
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(o, "findings"))
    {
        if (!cJSON_GetObjectItemCaseSensitive(f, "accepted"))
            continue;
        const char *sev = str(f, "severity") ? str(f, "severity") : "";
        int k = strcmp(sev, "error") == 0 ? 0 : strcmp(sev, "warning") == 0 ? 1 : 2;
        open[k] -= open[k] > 0;
        accepted++;
    }
    sqlite3_bind_int(st, 11, open[0]);
    sqlite3_bind_int(st, 12, open[1]);
    sqlite3_bind_int(st, 13, open[2]);
    sqlite3_bind_int(st, 14, sum ? num(sum, "rates") : 0);
    sqlite3_bind_int(st, 15, sum ? num(sum, "rates_checked") : 0);
    sqlite3_bind_text(st, 16, json, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 17, accepted);
    if (sqlite3_step(st) != SQLITE_DONE)
        goto fail;
    sqlite3_finalize(st);
    sqlite3_int64 rid = sqlite3_last_insert_rowid(s->db);
    if (sqlite3_prepare_v2(s->db,
                           "INSERT INTO facts(report_id, fact, kind, scope, value, unit, basis, page, line, text,"
                           " derived) VALUES(?,?,?,?,?,?,?,?,?,?,?)",
                           -1, &st, NULL) != SQLITE_OK)
        goto fail;
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(o, "facts"))
    {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, rid);
        bind_opt_text(st, 2, str(f, "id") ? str(f, "id") : "");
        bind_opt_text(st, 3, str(f, "kind") ? str(f, "kind") : "");
        bind_opt_text(st, 4, str(f, "scope") ? str(f, "scope") : "");
        bind_opt_text(st, 5, str(f, "value") ? str(f, "value") : "");
        bind_opt_text(st, 6, str(f, "unit"));
        bind_opt_text(st, 7, str(f, "basis"));
        sqlite3_bind_int(st, 8, num(f, "page"));
        sqlite3_bind_int(st, 9, num(f, "line"));
        bind_opt_text(st, 10, str(f, "text"));
        sqlite3_bind_int(st, 11, cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(f, "derived")));
        if (sqlite3_step(st) != SQLITE_DONE)
            goto fail;
    }
    sqlite3_finalize(st);
    if (sqlite3_prepare_v2(s->db,
                           "INSERT INTO findings(report_id, rule, severity, page, line, message, stated, expected,"
                           " fingerprint, accepted) VALUES(?,?,?,?,?,?,?,?,?,?)",
                           -1, &st, NULL) != SQLITE_OK)
        goto fail;
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(o, "findings"))
    {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, rid);
        bind_opt_text(st, 2, str(f, "rule") ? str(f, "rule") : "");
        bind_opt_text(st, 3, str(f, "severity") ? str(f, "severity") : "");
        sqlite3_bind_int(st, 4, num(f, "page"));
        sqlite3_bind_int(st, 5, num(f, "line"));
        bind_opt_text(st, 6, str(f, "message"));
        bind_opt_text(st, 7, str(f, "stated"));
        bind_opt_text(st, 8, str(f, "expected"));
        bind_opt_text(st, 9, str(f, "fingerprint"));
        const cJSON *acc = cJSON_GetObjectItemCaseSensitive(f, "accepted");
        if (acc) /* 已说明, with the department's reason */
            bind_opt_text(st, 10, str(acc, "reason") ? str(acc, "reason") : "");
        else
            sqlite3_bind_null(st, 10);
        if (sqlite3_step(st) != SQLITE_DONE)
            goto fail;
    }
    sqlite3_finalize(st);
    st = NULL;
    if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        goto fail;
    rc = 0;
    goto done;
fail:
    set_err(err, errsz, "cannot write the store", s->db);
    sqlite3_finalize(st);
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
done:
    cJSON_Delete(o);
    return rc;
}

int bl_store_merge(bl_store *s, const char *src, long *added, char *err, size_t errsz)
{
    *added = 0;
    char errbuf[256];
    bl_store *in = bl_store_open_read(src, errbuf, sizeof errbuf);
    if (!in) {
        snprintf(err, errsz, "'%s': %s", src, errbuf);
        return -1;
    }
    sqlite3_stmt *st;
    int rc = 0;
    if (sqlite3_prepare_v2(in->db, "SELECT path, sha256, version, json FROM reports ORDER BY id", -1, &st, NULL) !=
        SQLITE_OK) {
        set_err(err, errsz, "cannot read the store", in->db);
        bl_store_close(in);
        return -1;
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *path = (const char *)sqlite3_column_text(st, 0);
        const char *sha = (const char *)sqlite3_column_text(st, 1);
        const char *ver = (const char *)sqlite3_column_text(st, 2);
        const char *json = (const char *)sqlite3_column_text(st, 3);
        if (!path || !sha || !ver || !json)
            continue;
        sqlite3_stmt *q;
        int exists = 0;
        if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM reports WHERE path = ? AND sha256 = ? AND version = ?", -1, &q,
                               NULL) == SQLITE_OK) {
            sqlite3_bind_text(q, 1, path, -1, SQLITE_STATIC);
            sqlite3_bind_text(q, 2, sha, -1, SQLITE_STATIC);
            sqlite3_bind_text(q, 3, ver, -1, SQLITE_STATIC);
            exists = sqlite3_step(q) == SQLITE_ROW;
            sqlite3_finalize(q);
        }
        if (exists)
            continue;
        if (bl_store_put(s, path, sha, ver, json, err, errsz) < 0) {
            rc = -1;
            break;
        }
        (*added)++;
    }
    sqlite3_finalize(st);
    bl_store_close(in);
    return rc;
}

static const char *col(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

int bl_store_each_report(bl_store *s, void (*cb)(void *ctx, const bl_report_row *r), void *ctx, char *err,
                         size_t errsz)
{
    /* the first statement of each total figure; an adjusted (全年) budget before others */
#define FIRST(kind, what) \
    "(SELECT " what " FROM facts f WHERE f.report_id = r.id AND f.kind = '" kind "' AND f.scope = 'total'" \
    " ORDER BY (f.basis = 'adjusted') DESC, f.derived, f.rowid LIMIT 1)"
    static const char sql[] =
        "SELECT r.path, r.title, r.department, r.status, r.error_code, r.year, r.errors, r.warnings, r.infos, "
        FIRST("budget", "value") ", " FIRST("budget", "unit") ", " FIRST("executed", "value") ", "
        FIRST("executed", "unit") ", " FIRST("rate", "value") ", " FIRST("score", "value") ", "
        FIRST("grade", "value") ", %s FROM reports r ORDER BY r.path, r.id";
#undef FIRST
    /* a store written before findings could be accepted has none */
    char *q = sqlite3_mprintf(sql, has_column(s->db, "reports", "accepted") ? "r.accepted" : "0");
    sqlite3_stmt *st;
    int prc = q ? sqlite3_prepare_v2(s->db, q, -1, &st, NULL) : SQLITE_NOMEM;
    sqlite3_free(q);
    if (prc != SQLITE_OK) {
        set_err(err, errsz, "cannot read the store", s->db);
        return -1;
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        bl_report_row r = {col(st, 0), col(st, 1), col(st, 2), col(st, 3), col(st, 4),
                           sqlite3_column_int(st, 5), sqlite3_column_int(st, 6), sqlite3_column_int(st, 7),
                           sqlite3_column_int(st, 8), col(st, 9), col(st, 10), col(st, 11), col(st, 12),
                           col(st, 13), col(st, 14), col(st, 15), sqlite3_column_int(st, 16)};
        cb(ctx, &r);
    }
    sqlite3_finalize(st);
    return 0;
}

int bl_store_each_finding(bl_store *s, void (*cb)(void *ctx, const bl_finding_row *f), void *ctx, char *err,
                          size_t errsz)
{
    static const char sql[] = "SELECT r.path, r.department, f.page, f.line, f.rule, f.severity, f.message, f.stated,"
                              " f.expected, json_extract(r.json, '$.annotated'), %s"
                              " FROM findings f JOIN reports r ON r.id = f.report_id"
                              " ORDER BY r.path, f.page, f.line, f.rule";
    char *q = sqlite3_mprintf(sql, has_column(s->db, "findings", "accepted") ? "f.accepted" : "NULL");
    sqlite3_stmt *st;
    int prc = q ? sqlite3_prepare_v2(s->db, q, -1, &st, NULL) : SQLITE_NOMEM;
    sqlite3_free(q);
    if (prc != SQLITE_OK) {
        set_err(err, errsz, "cannot read the store", s->db);
        return -1;
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        bl_finding_row f = {col(st, 0), col(st, 1), sqlite3_column_int(st, 2), sqlite3_column_int(st, 3),
                            col(st, 4), col(st, 5), col(st, 6), col(st, 7), col(st, 8), col(st, 9), col(st, 10)};
        cb(ctx, &f);
    }
    sqlite3_finalize(st);
    return 0;
}
