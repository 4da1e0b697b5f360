/* emit.c - JSON (cJSON), text and normalized-text output. */
#include "emit.h"

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/i18n.h"

#include "../core/banned.h"

bl_counts bl_count_findings(const bl_doc *doc)
{
    bl_counts c = {0, 0, 0};
    for (size_t i = 0; i < doc->nfindings; i++) {
        switch (doc->findings[i].severity) {
        case BL_SEV_ERROR: c.errors++; break;
        case BL_SEV_WARNING: c.warnings++; break;
        default: c.infos++; break;
        }
    }
    return c;
}

static cJSON *fact_json(const bl_doc *d, const bl_fact *f)
{
    cJSON *o = cJSON_CreateObject();
    char id[16], v[64];
    snprintf(id, sizeof id, "F%d", f->id);
    cJSON_AddStringToObject(o, "id", id);
    cJSON_AddStringToObject(o, "kind", bl_kind_name(f->kind));
    cJSON_AddStringToObject(o, "scope", f->scope);
    if (f->kind == BL_KIND_GRADE)
        cJSON_AddStringToObject(o, "value", bl_grade_name(f->grade));
    else
        cJSON_AddStringToObject(o, "value", bl_dec_format(f->value, v, sizeof v));
    cJSON_AddStringToObject(o, "unit", f->unit == BL_UNIT_OTHER && f->measure ? f->measure : bl_unit_name(f->unit));
    if (f->kind == BL_KIND_TARGET)
        cJSON_AddStringToObject(o, "op", f->op == '>' ? ">=" : f->op == '<' ? "<=" : "=");
    if (f->group)
        cJSON_AddStringToObject(o, "group", f->group);
    if (f->status)
        cJSON_AddStringToObject(o, "status", f->status);
    if (f->has_coef) {
        char cb[64];
        cJSON_AddStringToObject(o, "coefficient", bl_dec_format(f->coef, cb, sizeof cb));
    }
    if (f->basis != BL_BASIS_NONE)
        cJSON_AddStringToObject(o, "basis", bl_basis_name(f->basis));
    cJSON_AddNumberToObject(o, "page", f->page);
    cJSON_AddNumberToObject(o, "line", f->line);
    if (f->table) {
        cJSON_AddNumberToObject(o, "table", f->table);
        cJSON_AddNumberToObject(o, "row", f->row);
        cJSON_AddNumberToObject(o, "col", f->col);
    }
    cJSON_AddStringToObject(o, "text", f->text);
    if (f->loose)
        cJSON_AddStringToObject(o, "read_by", "role"); /* its kind from a role word in its clause */
    if (f->part_of) {
        char pid[24];
        snprintf(pid, sizeof pid, "F%d", f->part_of);
        cJSON_AddStringToObject(o, "part_of", pid);
    }
    int conf = bl_doc_fact_ocr_conf(d, f); /* a figure read by OCR: say so, with its least sure digit */
    if (conf >= 0) {
        cJSON_AddBoolToObject(o, "ocr", 1);
        cJSON_AddNumberToObject(o, "ocr_confidence", conf);
    }
    if (f->derived) {
        cJSON_AddBoolToObject(o, "derived", 1);
        cJSON *from = cJSON_AddArrayToObject(o, "from");
        for (int i = 0; i < 2; i++) {
            snprintf(id, sizeof id, "F%d", f->from[i]);
            cJSON_AddItemToArray(from, cJSON_CreateString(id));
        }
    }
    return o;
}

static cJSON *finding_json(const bl_finding *f)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "rule", f->rule);
    cJSON_AddStringToObject(o, "severity", bl_severity_name(f->severity));
    cJSON_AddNumberToObject(o, "page", f->page);
    cJSON_AddNumberToObject(o, "line", f->line);
    cJSON_AddStringToObject(o, "message", f->message);
    cJSON *ids = cJSON_AddArrayToObject(o, "facts");
    for (int i = 0; i < f->nfacts; i++) {
        char id[16];
        snprintf(id, sizeof id, "F%d", f->facts[i]);
        cJSON_AddItemToArray(ids, cJSON_CreateString(id));
    }
    if (f->stated)
        cJSON_AddStringToObject(o, "stated", f->stated);
    if (f->expected)
        cJSON_AddStringToObject(o, "expected", f->expected);
    if (f->expected_low)
        cJSON_AddStringToObject(o, "expected_low", f->expected_low);
    if (f->expected_high)
        cJSON_AddStringToObject(o, "expected_high", f->expected_high);
    if (f->basis)
        cJSON_AddStringToObject(o, "basis", f->basis);
    if (f->profile)
        cJSON_AddStringToObject(o, "profile", f->profile);
    return o;
}

/* FNV-1a, 64 bits: fingerprints are names, not security */
static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* s without spaces (ASCII, U+3000, tabs, newlines): a re-laid-out draft wraps its words elsewhere */
static uint64_t fnv_words(uint64_t h, const char *s)
{
    for (size_t i = 0; s && s[i];) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            i++;
            continue;
        }
        if (c == 0xE3 && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x80) {
            i += 3;
            continue;
        }
        h = fnv(h, s + i, 1);
        i++;
    }
    return h;
}

/*
 * A finding's fingerprint: its rule, what it states, and each of its facts'
 * kind, scope, value, unit and words (without spaces) - not the page or the
 * line, so it survives the next draft's page breaks. The nth finding of a
 * record with the same fingerprint mixes n in.
 */
static uint64_t fingerprint(const bl_doc *doc, const bl_finding *f)
{
    uint64_t h = fnv(0xcbf29ce484222325ULL, f->rule, strlen(f->rule));
    h = fnv(h, "\x1f", 1);
    if (f->stated)
        h = fnv(h, f->stated, strlen(f->stated));
    for (int i = 0; i < f->nfacts; i++) {
        const bl_fact *x = bl_doc_fact(doc, f->facts[i]);
        if (!x)
            continue;
        char v[64];
        const char *kind = bl_kind_name(x->kind);
        h = fnv(h, "\x1e", 1);
        h = fnv(h, kind, strlen(kind));
        h = fnv(h, "\x1f", 1);
        if (x->scope)
            h = fnv(h, x->scope, strlen(x->scope));
        h = fnv(h, "\x1f", 1);
        if (x->kind != BL_KIND_GRADE) {
            bl_dec_format(x->value, v, sizeof v);
            h = fnv(h, v, strlen(v));
        }
        h = fnv(h, "\x1f", 1);
        h = fnv_words(h, x->text);
    }
    return h;
}

typedef struct {
    int page, line;
    size_t k;
} pl_line;

/* by page, then line, then position (the first of equal ones is the one a finding names) */
static int cmp_pl(const void *a, const void *b)
{
    const pl_line *x = a, *y = b;
    if (x->page != y->page)
        return x->page < y->page ? -1 : 1;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return (x->k > y->k) - (x->k < y->k);
}

/* by page and line only (the search key) */
static int cmp_pl_key(const void *a, const void *b)
{
    const pl_line *x = a, *y = b;
    if (x->page != y->page)
        return x->page < y->page ? -1 : 1;
    return (x->line > y->line) - (x->line < y->line);
}

cJSON *bl_record(const bl_doc *doc)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "schema", BL_SCHEMA);
    char *file = bl_path_utf8(doc->path); /* JSON is UTF-8: a name with other bytes shows U+FFFD */
    cJSON_AddStringToObject(o, "file", file);
    free(file);
    bool ok = doc->err.cls == BL_OK;
    cJSON_AddStringToObject(o, "status", ok ? "ok" : "error");
    if (!ok) {
        cJSON *e = cJSON_AddObjectToObject(o, "error");
        cJSON_AddStringToObject(e, "code", doc->err.code);
        cJSON_AddStringToObject(e, "message", doc->err.message);
    }
    cJSON_AddNumberToObject(o, "pages", doc->npages);
    if (doc->ocr_pages)
        cJSON_AddNumberToObject(o, "ocr_pages", doc->ocr_pages);
    cJSON *rep = cJSON_AddObjectToObject(o, "report");
    if (doc->title)
        cJSON_AddStringToObject(rep, "title", doc->title);
    else
        cJSON_AddNullToObject(rep, "title");
    if (doc->department)
        cJSON_AddStringToObject(rep, "department", doc->department);
    else
        cJSON_AddNullToObject(rep, "department");
    if (doc->year)
        cJSON_AddNumberToObject(rep, "year", doc->year);
    else
        cJSON_AddNullToObject(rep, "year");
    if (doc->report_type)
        cJSON_AddStringToObject(rep, "type", doc->report_type);
    else
        cJSON_AddNullToObject(rep, "type");
    if (doc->subject)
        cJSON_AddStringToObject(rep, "subject", doc->subject);
    else
        cJSON_AddNullToObject(rep, "subject");
    cJSON *facts = cJSON_AddArrayToObject(o, "facts");
    for (size_t i = 0; i < doc->nfacts; i++)
        cJSON_AddItemToArray(facts, fact_json(doc, &doc->facts[i]));
    cJSON *fs = cJSON_AddArrayToObject(o, "findings");
    /*
     * each line's (page, line) in order, for the findings' text_line; and an
     * open-addressed table of the fingerprints seen: both linear in the record
     */
    size_t nl = doc->nlines, cap = 16;
    while (cap < 2 * doc->nfindings + 2)
        cap *= 2;
    pl_line *by = bl_xmalloc((nl + 1) * sizeof *by);
    for (size_t k = 0; k < nl; k++)
        by[k] = (pl_line){doc->lines[k].page, doc->lines[k].line, k};
    qsort(by, nl, sizeof *by, cmp_pl);
    struct {
        uint64_t h;
        int n;
    } *seen = bl_xmalloc(cap * sizeof *seen);
    memset(seen, 0, cap * sizeof *seen);
    for (size_t i = 0; i < doc->nfindings; i++) {
        cJSON *fj = finding_json(&doc->findings[i]);
        uint64_t h = fingerprint(doc, &doc->findings[i]);
        size_t slot = (size_t)(h ^ (h >> 29)) & (cap - 1);
        while (seen[slot].n && seen[slot].h != h)
            slot = (slot + 1) & (cap - 1);
        seen[slot].h = h;
        int n = seen[slot].n++;
        if (n) {
            char occ[16];
            snprintf(occ, sizeof occ, "#%d", n + 1);
            h = fnv(h, occ, strlen(occ));
        }
        char hex[24];
        snprintf(hex, sizeof hex, "%016llx", (unsigned long long)h);
        cJSON_AddStringToObject(fj, "fingerprint", hex);
        /* its line in the whole extracted text (unique within the file: SARIF's startLine) */
        pl_line key = {doc->findings[i].page, doc->findings[i].line, 0};
        const pl_line *at = nl ? bsearch(&key, by, nl, sizeof *by, cmp_pl_key) : NULL;
        while (at && at > by && cmp_pl_key(at - 1, &key) == 0)
            at--; /* the first line with that page and number */
        if (at)
            cJSON_AddNumberToObject(fj, "text_line", (double)(at->k + 1));
        cJSON_AddItemToArray(fs, fj);
    }
    free(seen);
    free(by);
    bl_counts c = bl_count_findings(doc);
    cJSON *s = cJSON_AddObjectToObject(o, "summary");
    cJSON_AddNumberToObject(s, "errors", c.errors);
    cJSON_AddNumberToObject(s, "warnings", c.warnings);
    cJSON_AddNumberToObject(s, "infos", c.infos);
    cJSON_AddNumberToObject(s, "rates", doc->coverage.rates_total);
    cJSON_AddNumberToObject(s, "rates_checked", doc->coverage.rates_checked);
    return o;
}

cJSON *bl_record_error(const char *path, const char *code, const char *message)
{
    bl_doc *d = bl_doc_new(path);
    bl_doc_fail(d, BL_ERR_INTERNAL, code, "%s", message);
    cJSON *o = bl_record(d);
    bl_doc_free(d);
    return o;
}

int bl_emit_record(const cJSON *record, FILE *out, bool pretty)
{
    char *txt = pretty ? cJSON_Print(record) : cJSON_PrintUnformatted(record);
    if (!txt) {
        fputs("budgetlint: error: out of memory\n", stderr);
        abort();
    }
    int r = fputs(txt, out) < 0 || fputc('\n', out) == EOF ? -1 : 0;
    cJSON_free(txt);
    return r;
}

int bl_emit_json(const bl_doc *doc, FILE *out, bool pretty)
{
    cJSON *o = bl_record(doc);
    int r = bl_emit_record(o, out, pretty);
    cJSON_Delete(o);
    return r;
}

static const char *jstr(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : "";
}

static int jint(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsNumber(v) ? v->valueint : 0;
}

char *bl_counts_format(size_t files, bl_counts c, char *buf, size_t size)
{
    /* for people, in their language: each count its own message (languages differ in plurals) */
    char f[48], e[48], w[48], i[48];
    snprintf(f, sizeof f, ngettext("%zu file", "%zu files", (unsigned long)files), files);
    snprintf(e, sizeof e, ngettext("%d error", "%d errors", (unsigned long)c.errors), c.errors);
    snprintf(w, sizeof w, ngettext("%d warning", "%d warnings", (unsigned long)c.warnings), c.warnings);
    snprintf(i, sizeof i, ngettext("%d info", "%d infos", (unsigned long)c.infos), c.infos);
    snprintf(buf, size, _("%s, %s, %s, %s"), f, e, w, i);
    return buf;
}

/* ANSI: bold red errors, yellow warnings, cyan infos; the figure's statement underlined */
#define SGR(on, code) ((on) ? "\033[" code "m" : "")

int bl_emit_text(const cJSON *rec, FILE *out, bool color)
{
    char *file = bl_path_shown(jstr(rec, "file")); /* a newline or ESC in a name is shown, not obeyed */
    const cJSON *facts = cJSON_GetObjectItemCaseSensitive(rec, "facts");
    /* facts by number ("F12" -> 12): a finding names its facts by id */
    int nfacts = cJSON_GetArraySize(facts);
    const cJSON **byid = bl_xmalloc(((size_t)nfacts + 1) * sizeof *byid);
    memset(byid, 0, ((size_t)nfacts + 1) * sizeof *byid);
    const cJSON *f;
    cJSON_ArrayForEach(f, facts)
    {
        const char *fid = jstr(f, "id");
        long k = fid[0] == 'F' ? strtol(fid + 1, NULL, 10) : 0;
        if (k > 0 && k <= nfacts && !byid[k])
            byid[k] = f;
    }
    bl_counts n = {0, 0, 0};
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(rec, "findings"))
    {
        const char *sev = jstr(f, "severity");
        bool err = strcmp(sev, "error") == 0, warn = strcmp(sev, "warning") == 0;
        const cJSON *acc = cJSON_GetObjectItemCaseSensitive(f, "accepted");
        if (!acc) /* an accepted finding is shown, marked, and not counted */
            n.errors += err, n.warnings += warn, n.infos += !err && !warn;
        fprintf(out, "%s%s:%d:%d:%s %s%s%s: %s [%s]", SGR(color, "1"), file, jint(f, "page"), jint(f, "line"),
                SGR(color, "0"), err ? SGR(color, "1;31") : warn ? SGR(color, "33") : SGR(color, "36"), sev,
                SGR(color, "0"), jstr(f, "message"), jstr(f, "rule"));
        if (acc)
            fprintf(out, " 已说明：%s", jstr(acc, "reason"));
        fputc('\n', out);
        const cJSON *id;
        cJSON_ArrayForEach(id, cJSON_GetObjectItemCaseSensitive(f, "facts"))
        {
            long k = cJSON_IsString(id) && id->valuestring[0] == 'F' ? strtol(id->valuestring + 1, NULL, 10) : 0;
            const cJSON *x = k > 0 && k <= nfacts ? byid[k] : NULL;
            if (x && strcmp(jstr(x, "id"), id->valuestring) == 0)
                fprintf(out, "    %s %d:%d %s%s%s%s\n", jstr(x, "id"), jint(x, "page"), jint(x, "line"),
                        SGR(color, "4"), jstr(x, "text"), SGR(color, "0"),
                        cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(x, "derived")) ? " (derived)" : "");
        }
    }
    free(byid);
    /* one line per file: what was found, or why it could not be checked */
    const cJSON *e = cJSON_GetObjectItemCaseSensitive(rec, "error");
    if (e) {
        fprintf(out, _("%s: %snot checked%s (%s)\n"), file, SGR(color, "1;31"), SGR(color, "0"), jstr(e, "code"));
    } else {
        char buf[192];
        bl_counts_format(1, n, buf, sizeof buf);
        const char *sep = _(", "); /* after the count of files */
        fprintf(out, "%s: %s\n", file, strstr(buf, sep) ? strstr(buf, sep) + strlen(sep) : buf);
    }
    free(file);
    return ferror(out) ? -1 : 0;
}

int bl_emit_normalized(const bl_doc *doc, FILE *out)
{
    size_t i = 0;
    while (i < doc->text_len) {
        const char *nl = memchr(doc->text + i, '\n', doc->text_len - i);
        size_t e = nl ? (size_t)(nl - doc->text) : doc->text_len;
        int page, line;
        bl_doc_locate(doc, i, &page, &line);
        fprintf(out, "%d:%d: %.*s\n", page, line, (int)(e - i), doc->text + i);
        i = e + 1;
    }
    return ferror(out) ? -1 : 0;
}

void bl_emit_tables(const bl_doc *d, FILE *out)
{
    for (size_t k = 0; k < d->nlines; k++) {
        const bl_line *L = &d->lines[k];
        if (!L->table)
            continue;
        fprintf(out, "T%d R%d %d:%d", L->table, L->row, L->page, L->line);
        for (int c = 0; c < L->ncells; c++)
            fprintf(out, "\t%d=%.*s", L->cells[c].col, (int)L->cells[c].len, d->raw + L->cells[c].off);
        fputc('\n', out);
    }
}
