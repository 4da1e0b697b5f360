/* sarif.c - SARIF 2.1.0 for CI code scanning: one run, the rule catalogue, one result a finding. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../validate/validate.h"
#include "emit.h"

#include "../core/banned.h"

struct bl_sarif {
    cJSON *log, *results, *notes, *artifacts;
    bool failed;
    char *root;     /* the working directory, with a final '/': %SRCROOT% */
    bool used_root; /* some artifact is relative to it */
};

static const char *level_of(const char *sev)
{
    return !sev ? "error" : strcmp(sev, "info") == 0 ? "note" : sev; /* error, warning, note */
}

bl_sarif *bl_sarif_new(const char *version)
{
    bl_sarif *s = calloc(1, sizeof *s);
    if (!s)
        abort();
    s->log = cJSON_CreateObject();
    cJSON_AddStringToObject(s->log, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    cJSON_AddStringToObject(s->log, "version", "2.1.0");
    cJSON *run = cJSON_CreateObject();
    cJSON_AddItemToArray(cJSON_AddArrayToObject(s->log, "runs"), run);
    cJSON *driver = cJSON_AddObjectToObject(cJSON_AddObjectToObject(run, "tool"), "driver");
    cJSON_AddStringToObject(driver, "name", "budgetlint");
    cJSON_AddStringToObject(driver, "version", version);
    cJSON *rules = cJSON_AddArrayToObject(driver, "rules");
    size_t n;
    const bl_rule *r = bl_rules(&n);
    for (size_t i = 0; i < n; i++) {
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "id", r[i].id);
        cJSON_AddStringToObject(cJSON_AddObjectToObject(x, "shortDescription"), "text", r[i].title);
        const char *doc = bl_rule_doc(r[i].id);
        cJSON_AddStringToObject(cJSON_AddObjectToObject(x, "help"), "text", doc ? doc : r[i].title);
        cJSON_AddStringToObject(cJSON_AddObjectToObject(x, "defaultConfiguration"), "level",
                                level_of(bl_severity_name(r[i].severity)));
        cJSON_AddItemToArray(rules, x);
    }
    char cwd[4096];
    if (getcwd(cwd, sizeof cwd) && cwd[0] == '/') {
        size_t n2 = strlen(cwd);
        s->root = malloc(n2 + 2);
        if (!s->root)
            abort();
        memcpy(s->root, cwd, n2);
        if (n2 == 1)
            n2 = 0; /* "/" */
        s->root[n2] = '/';
        s->root[n2 + 1] = '\0';
    }
    s->artifacts = cJSON_AddArrayToObject(run, "artifacts");
    s->results = cJSON_AddArrayToObject(run, "results");
    cJSON *inv = cJSON_CreateObject();
    cJSON_AddItemToArray(cJSON_AddArrayToObject(run, "invocations"), inv);
    s->notes = cJSON_AddArrayToObject(inv, "toolExecutionNotifications");
    return s;
}

static int rule_index(const char *id)
{
    size_t n;
    const bl_rule *r = bl_rules(&n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(r[i].id, id) == 0)
            return (int)i;
    return -1;
}

void bl_sarif_add(bl_sarif *s, const cJSON *rec)
{
    const char *file = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(rec, "file"));
    if (!file)
        return;
    int art = cJSON_GetArraySize(s->artifacts);
    /*
     * a file under the working directory: a URI relative to %SRCROOT% (what code
     * scanning maps onto the repository); others as given. Percent-encoded: spaces,
     * #, %, non-ASCII
     */
    const char *rel = NULL;
    if (s->root && file[0] != '/') {
        rel = file;
        while (rel[0] == '.' && rel[1] == '/')
            rel += 2;
        if (strncmp(rel, "../", 3) == 0 || strcmp(rel, "-") == 0)
            rel = NULL;
    } else if (s->root && strncmp(file, s->root, strlen(s->root)) == 0) {
        rel = file + strlen(s->root);
    }
    char *uri = bl_path_uri(rel ? rel : file);
    const char *base = rel ? "%SRCROOT%" : NULL;
    s->used_root |= rel != NULL;
    cJSON *a = cJSON_CreateObject();
    cJSON *aloc = cJSON_AddObjectToObject(a, "location");
    cJSON_AddStringToObject(aloc, "uri", uri);
    if (base)
        cJSON_AddStringToObject(aloc, "uriBaseId", base);
    cJSON_AddItemToArray(s->artifacts, a);
    const cJSON *err = cJSON_GetObjectItemCaseSensitive(rec, "error");
    if (err) {
        s->failed = true;
        cJSON *nt = cJSON_CreateObject();
        cJSON_AddStringToObject(nt, "level", "error");
        char msg[600];
        snprintf(msg, sizeof msg, "%s: %s (%s)", file,
                 cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(err, "message")),
                 cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(err, "code")));
        cJSON_AddStringToObject(cJSON_AddObjectToObject(nt, "message"), "text", msg);
        cJSON *loc = cJSON_CreateObject();
        cJSON *al = cJSON_AddObjectToObject(cJSON_AddObjectToObject(loc, "physicalLocation"), "artifactLocation");
        cJSON_AddStringToObject(al, "uri", uri);
        if (base)
            cJSON_AddStringToObject(al, "uriBaseId", base);
        cJSON_AddNumberToObject(al, "index", art);
        cJSON_AddItemToArray(cJSON_AddArrayToObject(nt, "locations"), loc);
        cJSON_AddItemToArray(s->notes, nt);
    }
    const cJSON *f;
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(rec, "findings"))
    {
        const char *rule = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "rule"));
        const cJSON *page = cJSON_GetObjectItemCaseSensitive(f, "page"), *line = cJSON_GetObjectItemCaseSensitive(f, "line");
        int pg = cJSON_IsNumber(page) ? page->valueint : 1, ln = cJSON_IsNumber(line) ? line->valueint : 1;
        cJSON *r = cJSON_CreateObject();
        cJSON_AddStringToObject(r, "ruleId", rule ? rule : "unknown");
        int ri = rule ? rule_index(rule) : -1;
        if (ri >= 0)
            cJSON_AddNumberToObject(r, "ruleIndex", ri);
        cJSON_AddStringToObject(r, "level",
                                level_of(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "severity"))));
        char text[2048];
        snprintf(text, sizeof text, "第%d页第%d行：%s", pg, ln,
                 cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "message")));
        cJSON_AddStringToObject(cJSON_AddObjectToObject(r, "message"), "text", text);
        cJSON *loc = cJSON_CreateObject();
        cJSON *phys = cJSON_AddObjectToObject(loc, "physicalLocation");
        cJSON *al = cJSON_AddObjectToObject(phys, "artifactLocation");
        cJSON_AddStringToObject(al, "uri", uri);
        if (base)
            cJSON_AddStringToObject(al, "uriBaseId", base);
        cJSON_AddNumberToObject(al, "index", art);
        /* a PDF has pages, not lines of a text file: the line on its page, and the page alongside */
        cJSON *region = cJSON_AddObjectToObject(phys, "region");
        /* the line in the whole extracted text: unique within the file, whatever the page */
        const cJSON *tl = cJSON_GetObjectItemCaseSensitive(f, "text_line");
        cJSON_AddNumberToObject(region, "startLine", cJSON_IsNumber(tl) && tl->valueint > 0 ? tl->valueint : ln > 0 ? ln : 1);
        cJSON_AddNumberToObject(cJSON_AddObjectToObject(region, "properties"), "page", pg);
        cJSON *logical = cJSON_CreateObject();
        char pname[32];
        snprintf(pname, sizeof pname, "page %d", pg);
        cJSON_AddStringToObject(logical, "name", pname);
        cJSON_AddStringToObject(logical, "kind", "page");
        cJSON_AddItemToArray(cJSON_AddArrayToObject(loc, "logicalLocations"), logical);
        cJSON_AddItemToArray(cJSON_AddArrayToObject(r, "locations"), loc);
        cJSON *props = cJSON_AddObjectToObject(r, "properties");
        cJSON_AddNumberToObject(props, "page", pg);
        const char *st = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "stated"));
        const char *ex = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "expected"));
        if (st)
            cJSON_AddStringToObject(props, "stated", st);
        if (ex)
            cJSON_AddStringToObject(props, "expected", ex);
        const char *fp = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "fingerprint"));
        if (fp) /* the same finding in the next draft, wherever its page breaks fall */
            cJSON_AddStringToObject(cJSON_AddObjectToObject(r, "partialFingerprints"), "budgetlint/v1", fp);
        const cJSON *acc = cJSON_GetObjectItemCaseSensitive(f, "accepted");
        if (acc) { /* accepted in budgetlint.json: a suppression with its reason */
            cJSON *sup = cJSON_CreateObject();
            cJSON_AddStringToObject(sup, "kind", "external");
            cJSON_AddStringToObject(sup, "status", "accepted");
            cJSON_AddStringToObject(sup, "justification",
                                    cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(acc, "reason")));
            cJSON_AddItemToArray(cJSON_AddArrayToObject(r, "suppressions"), sup);
        }
        cJSON_AddItemToArray(s->results, r);
    }
    free(uri);
}

void bl_sarif_interrupted(bl_sarif *s, size_t done, size_t total)
{
    s->failed = true;
    cJSON *nt = cJSON_CreateObject();
    cJSON_AddStringToObject(nt, "level", "error");
    char msg[160];
    snprintf(msg, sizeof msg, "interrupted: %zu of %zu files checked; the rest were not", done, total);
    cJSON_AddStringToObject(cJSON_AddObjectToObject(nt, "message"), "text", msg);
    cJSON_AddItemToArray(s->notes, nt);
}

int bl_sarif_finish(bl_sarif *s, FILE *out)
{
    cJSON *run = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(s->log, "runs"), 0);
    cJSON *inv = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(run, "invocations"), 0);
    cJSON_AddBoolToObject(inv, "executionSuccessful", !s->failed);
    if (s->used_root) {
        char *u = bl_path_uri(s->root);
        size_t n = strlen(u) + 8;
        char *fu = malloc(n);
        if (!fu)
            abort();
        snprintf(fu, n, "file://%s", u);
        cJSON *ob = cJSON_AddObjectToObject(run, "originalUriBaseIds");
        cJSON_AddStringToObject(cJSON_AddObjectToObject(ob, "%SRCROOT%"), "uri", fu);
        free(fu);
        free(u);
    }
    free(s->root);
    int r = bl_emit_record(s->log, out, true);
    cJSON_Delete(s->log);
    free(s);
    return r;
}
