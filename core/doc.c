/* doc.c - the document model's bookkeeping. */
#include "doc.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "banned.h"

bl_doc *bl_doc_new(const char *path)
{
    bl_arena *a = bl_arena_new();
    bl_doc *d = bl_alloc(a, sizeof *d);
    d->arena = a;
    d->path = bl_strndup(a, path, strlen(path));
    return d;
}

void bl_doc_free(bl_doc *d)
{
    if (d)
        bl_arena_free(d->arena); /* d itself lives in the arena */
}

int bl_doc_fail(bl_doc *d, bl_errclass cls, const char *code, const char *fmt, ...)
{
    if (d->err.cls != BL_OK)
        return -1;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    d->err.cls = cls;
    d->err.code = code;
    d->err.message = bl_strndup(d->arena, msg, strlen(msg));
    return -1;
}

bool bl_doc_has_tables(const bl_doc *d)
{
    for (size_t k = 0; k < d->nlines; k++)
        if (d->lines[k].table)
            return true;
    return false;
}

size_t bl_doc_line_at(const bl_doc *d, size_t raw)
{
    /* the last line whose start is <= raw */
    size_t lo = 0, hi = d->nlines;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (d->lines[mid].off <= raw)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

void bl_doc_locate(const bl_doc *d, size_t text_off, int *page, int *line)
{
    *page = *line = 0;
    if (!d->nlines)
        return;
    size_t raw = (d->src && text_off < d->text_len) ? d->src[text_off]
                 : (d->src && d->text_len) ? d->src[d->text_len - 1]
                                           : 0;
    size_t k = bl_doc_line_at(d, raw);
    *page = d->lines[k].page;
    *line = d->lines[k].line;
}

bl_fact *bl_doc_add_fact(bl_doc *d, const bl_fact *f)
{
    if (d->nfacts == d->facts_cap) {
        size_t cap = d->facts_cap ? d->facts_cap * 2 : 32;
        d->facts = bl_grow(d->arena, d->facts, sizeof *d->facts, d->nfacts, cap);
        d->facts_cap = cap;
    }
    bl_fact *n = &d->facts[d->nfacts++];
    *n = *f;
    return n;
}

bl_finding *bl_doc_add_finding(bl_doc *d, const bl_finding *f)
{
    if (d->nfindings == d->findings_cap) {
        size_t cap = d->findings_cap ? d->findings_cap * 2 : 16;
        d->findings = bl_grow(d->arena, d->findings, sizeof *d->findings, d->nfindings, cap);
        d->findings_cap = cap;
    }
    bl_finding *n = &d->findings[d->nfindings++];
    *n = *f;
    return n;
}

const bl_fact *bl_doc_fact(const bl_doc *d, int id)
{
    /* ids are mostly their position + 1: try there, and near it, first */
    if (id >= 1 && (size_t)id <= d->nfacts && d->facts[id - 1].id == id)
        return &d->facts[id - 1];
    for (size_t i = 0; i < d->nfacts; i++)
        if (d->facts[i].id == id)
            return &d->facts[i];
    return NULL;
}

const char *bl_kind_name(bl_kind k)
{
    static const char *n[] = {"budget", "executed", "rate", "score", "grade", "change", "change-rate", "balance",
                                "weight", "target", "actual", "count", "available"};
    return n[k];
}

const char *bl_unit_name(bl_unit u)
{
    static const char *n[] = {"", "元", "万元", "亿元", "%", "分", ""};
    return n[u];
}

const char *bl_basis_name(bl_basis b)
{
    static const char *n[] = {"", "initial", "adjusted"};
    return n[b];
}

const char *bl_grade_name(bl_grade g)
{
    static const char *n[] = {"优", "良", "中", "差"};
    return g == BL_GRADE_NONE ? "" : n[g];
}

const char *bl_severity_name(bl_severity s)
{
    static const char *n[] = {"info", "warning", "error"};
    return n[s];
}

int bl_unit_pow10(bl_unit u)
{
    switch (u) {
    case BL_UNIT_WAN: return 4;
    case BL_UNIT_YI: return 8;
    default: return 0;
    }
}

int bl_doc_ocr_conf(const bl_doc *d, size_t start, size_t end)
{
    if (!d->ocr_conf || !d->src)
        return -1;
    int low = -1;
    for (size_t t = start; t < end && t < d->text_len; t++) {
        if (d->text[t] < '0' || d->text[t] > '9')
            continue;
        size_t r = d->src[t];
        if (r >= d->raw_len || d->ocr_conf[r] > 100)
            continue;
        if (low < 0 || d->ocr_conf[r] < low)
            low = d->ocr_conf[r];
    }
    return low;
}

size_t bl_doc_fact_figure(const bl_doc *d, const bl_fact *f, size_t *end)
{
    size_t b = f->num_at + (f->num_at < d->text_len && d->text[f->num_at] == '-'), e = b;
    while (e < d->text_len && ((d->text[e] >= '0' && d->text[e] <= '9') || d->text[e] == '.' || d->text[e] == ','))
        e++;
    *end = e;
    return b;
}

int bl_doc_fact_ocr_conf(const bl_doc *d, const bl_fact *f)
{
    if (!d->ocr_conf || f->derived || f->num_at >= d->text_len)
        return -1;
    size_t e, b = bl_doc_fact_figure(d, f, &e);
    return bl_doc_ocr_conf(d, b, e);
}
