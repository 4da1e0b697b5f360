/* check.c - what every check shares: reading a fact's values, formatting, adding a finding, finding a scope's budgets. */
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/banned.h"

bool is_money(const bl_fact *f)
{
    if (f->kind == BL_KIND_TARGET || f->kind == BL_KIND_ACTUAL || f->kind == BL_KIND_WEIGHT)
        return false; /* an indicator's 万元 is not the budget's */
    return f->unit == BL_UNIT_YUAN || f->unit == BL_UNIT_WAN || f->unit == BL_UNIT_YI;
}

/* Readings of a fact: as stated, and (when its unit is the odd one out) in the majority unit. */
int readings(const ctx *c, const bl_fact *f, bl_range out[2])
{
    out[0] = f->range;
    if (!f->derived && is_money(f) && c->major_pow >= 0 && bl_unit_pow10(f->unit) != c->major_pow) {
        out[1] = bl_range_of(f->value, c->major_pow);
        return 2;
    }
    return 1;
}

const char *fmt_money(bl_arena *a, const bl_fact *f)
{
    char buf[64];
    return bl_strfmt(a, "%s%s", bl_dec_format(f->value, buf, sizeof buf), bl_unit_name(f->unit));
}

const char *fmt_value(bl_arena *a, const bl_fact *f)
{
    char buf[64];
    bl_dec_format(f->value, buf, sizeof buf);
    return bl_strndup(a, buf, strlen(buf));
}

int index_of(const bl_doc *d, const bl_fact *f) { return (int)(f - d->facts); }

/*
 * A table's facts, and a row's, are contiguous in d->facts (text order; derived facts
 * come after all stated ones): the span [*lo, *hi) around the stated fact f, found by
 * looking at its neighbours, so per-row and per-table work stays local.
 */
void span_of(const bl_doc *d, const bl_fact *f, bool row, size_t *lo, size_t *hi)
{
    size_t i = (size_t)index_of(d, f);
    *lo = i, *hi = i + 1;
    while (*lo > 0 && d->facts[*lo - 1].table == f->table && (!row || d->facts[*lo - 1].row == f->row))
        --*lo;
    while (*hi < d->nfacts && d->facts[*hi].table == f->table && (!row || d->facts[*hi].row == f->row))
        ++*hi;
}

void add_finding(ctx *c, const char *rule, const bl_fact *at, const char *msg, const int *ids,
                        int nids, const char *stated, const char *expected, const char *lo,
                        const char *hi, const char *basis)
{
    const bl_rule *r = bl_rule_find(rule);
    bl_finding f = {0};
    f.rule = rule;
    f.severity = r ? r->severity : BL_SEV_ERROR;
    if (r && c->cfg) {
        size_t n;
        size_t k = (size_t)(r - bl_rules(&n));
        int s = k < BL_MAX_RULES ? c->cfg->severity[k] : -1;
        if (s == BL_RULE_OFF)
            return; /* switched off by the configuration */
        if (s >= 0)
            f.severity = (bl_severity)s;
    }
    f.profile = c->cfg ? c->cfg->profile->name : "national";
    f.page = at->page;
    f.line = at->line;
    f.message = msg;
    for (int i = 0; i < nids && i < BL_MAX_FINDING_FACTS; i++)
        f.facts[f.nfacts++] = ids[i];
    /* a finding built on figures read by OCR says so: the reviewer looks at the scan */
    bool ocr = false;
    for (int i = 0; i < f.nfacts && c->doc->ocr_conf && !ocr; i++) {
        const bl_fact *x = bl_doc_fact(c->doc, f.facts[i]);
        ocr = x && bl_doc_fact_ocr_conf(c->doc, x) >= 0;
    }
    if (ocr)
        f.message = bl_strfmt(c->doc->arena, "（OCR 识别）%s", msg);
    f.stated = stated;
    f.expected = expected;
    f.expected_low = lo;
    f.expected_high = hi;
    f.basis = basis;
    bl_doc_add_finding(c->doc, &f);
}

void flag_unit(ctx *c, const bl_fact *f, const char *why)
{
    int i = index_of(c->doc, f);
    if (c->unit_flagged[i])
        return;
    c->unit_flagged[i] = true;
    const char *major = c->major_pow == 4 ? "万元" : c->major_pow == 8 ? "亿元" : "元";
    const char *msg = bl_strfmt(c->doc->arena,
                                "%s 的单位“%s”疑似应为“%s”：按%s读时%s", f->text,
                                bl_unit_name(f->unit), major, major, why);
    int ids[1] = {f->id};
    add_finding(c, "unit-suspect", f, msg, ids, 1, fmt_money(c->doc->arena, f),
                bl_strfmt(c->doc->arena, "%s%s", fmt_value(c->doc->arena, f), major), NULL, NULL,
                NULL);
}

/* ---- sum-mismatch (R5) -------------------------------------------------------------- */

static const bl_fact *ix_base;

static int cmp_kind_scope(const void *x, const void *y)
{
    const bl_fact *a = &ix_base[*(const size_t *)x], *b = &ix_base[*(const size_t *)y];
    if (a->kind != b->kind)
        return (int)a->kind - (int)b->kind;
    int sc = strcmp(a->scope, b->scope);
    if (sc)
        return sc;
    return *(const size_t *)x < *(const size_t *)y ? -1 : 1;
}

void sort_by_kind_scope(const bl_fact *base, size_t *ix, size_t n)
{
    ix_base = base;
    qsort(ix, n, sizeof *ix, cmp_kind_scope);
}

/*
 * The budget or executed facts of one scope, in text order (derived ones last), at
 * most max. Looked up in an index by (kind, scope) built once per set of facts, so a
 * document with thousands of rates is checked in O(n log n), not O(n²).
 */
void collect(ctx *c, bl_kind k, const char *scope, int basis_class, const bl_fact **out, int *n, int max,
                    bool stated_only)
{
    const bl_doc *d = c->doc;
    *n = 0;
    if (c->money_ix_for != d->nfacts || !c->money_ix) {
        c->money_ix = bl_alloc(d->arena, (d->nfacts + 1) * sizeof *c->money_ix);
        c->nmoney_ix = 0;
        for (size_t i = 0; i < d->nfacts; i++)
            if (d->facts[i].kind == BL_KIND_BUDGET || d->facts[i].kind == BL_KIND_EXECUTED)
                c->money_ix[c->nmoney_ix++] = i;
        sort_by_kind_scope(d->facts, c->money_ix, c->nmoney_ix);
        c->money_ix_for = d->nfacts;
    }
    size_t lo = 0, hi = c->nmoney_ix; /* the first entry not before (k, scope) */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const bl_fact *f = &d->facts[c->money_ix[mid]];
        int cmp = f->kind != k ? ((int)f->kind < (int)k ? -1 : 1) : strcmp(f->scope, scope);
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t j = lo; j < c->nmoney_ix && *n < max; j++) {
        const bl_fact *f = &d->facts[c->money_ix[j]];
        if (f->kind != k || strcmp(f->scope, scope) != 0)
            break;
        if (stated_only && f->derived)
            continue;
        if (basis_class >= 0 && (f->basis == BL_BASIS_INITIAL) != (basis_class == 1))
            continue;
        out[(*n)++] = f;
    }
}

/* ---- missing-section (R23): what a self-assessment report must contain ---------------- */

bool text_has(const bl_doc *d, const char *const *words)
{
    for (; *words; words++)
        if (d->text && strstr(d->text, *words)) /* doc->text is NUL-terminated and holds no NUL */
            return true;
    return false;
}
