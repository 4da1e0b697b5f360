/* validate.c - the reviewer's cross-checks, on exact intervals. */
#include "validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../normalize/quantity.h"

#include "../core/banned.h"

static const bl_rule rules[] = {
    {"rate-mismatch", BL_SEV_ERROR, "执行率与其执行数、预算数不符"},
    {"rate-truncated", BL_SEV_INFO, "执行率是截尾而非四舍五入的结果"},
    {"rate-out-of-range", BL_SEV_WARNING, "执行率超出可能范围"},
    {"rate-basis-unknown", BL_SEV_WARNING, "执行率标明的预算口径不符，与年初预算数相符"},
    {"sum-mismatch", BL_SEV_ERROR, "分项之和不等于总额"},
    {"grade-mismatch", BL_SEV_ERROR, "绩效等级与得分所在档次不符"},
    {"score-out-of-range", BL_SEV_ERROR, "得分超出 0–100 分"},
    {"figure-conflict", BL_SEV_ERROR, "同一数字前后两次陈述不一致"},
    {"unit-suspect", BL_SEV_ERROR, "金额单位疑似混用（元与万元）"},
    {"missing-figure", BL_SEV_WARNING, "无法核对：缺少预算数或执行数"},
    {"damaged-number", BL_SEV_WARNING, "数字疑似 OCR 损坏或表格单元格粘连，未读取"},
    {"year-mismatch", BL_SEV_WARNING, "数字所属年度与报告标题的年度不同"},
    {"missing-section", BL_SEV_WARNING, "自评报告缺少必备内容"},
    {"deviation-reason-missing", BL_SEV_WARNING, "执行率偏低或指标未完成而未说明原因"},
    {"yoy-mismatch", BL_SEV_ERROR, "同比增减百分比与增减额、本年数不符"},
    {"balance-mismatch", BL_SEV_ERROR, "预算数减执行数不等于结余"},
    {"no-text-layer", BL_SEV_ERROR, "PDF 没有文本层，无法核对"},
    {"exec-score-mismatch", BL_SEV_ERROR, "预算执行率得分不等于分值×执行率"},
    {"weight-sum-mismatch", BL_SEV_ERROR, "指标分值之和与所属一级指标或总分值不符"},
    {"score-sum-mismatch", BL_SEV_ERROR, "各项得分之和不等于总分"},
    {"indicator-score-mismatch", BL_SEV_WARNING, "定量指标得分与完成情况不符"},
    {"full-marks-unmet", BL_SEV_WARNING, "指标未完成却得满分"},
    {"unreadable-table", BL_SEV_WARNING, "表格单元格粘连，数字无法分开，未读取"},
    {"weights-nonstandard", BL_SEV_INFO, "一级指标权重与原则性设置不同"},
    {"qualitative-band-mismatch", BL_SEV_WARNING, "定性指标得分不在其完成情况的分档内"},
    {"over-target-unexplained", BL_SEV_INFO, "完成值远高于指标值而未说明原因"},
    {"count-mismatch", BL_SEV_WARNING, "分项个数之和与所述总数不符"},
};

#include "rules_doc.inc" /* generated from validate/rules/<id>.txt */

const bl_rule *bl_rules(size_t *n)
{
    *n = sizeof rules / sizeof rules[0];
    return rules;
}

const bl_rule *bl_rule_find(const char *id)
{
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
        if (strcmp(rules[i].id, id) == 0)
            return &rules[i];
    return NULL;
}

const char *bl_rule_doc(const char *id)
{
    for (size_t i = 0; i < sizeof rule_docs / sizeof rule_docs[0]; i++)
        if (strcmp(rule_docs[i].id, id) == 0)
            return rule_docs[i].text;
    return NULL;
}

/* ---- helpers ----------------------------------------------------------------- */

typedef struct {
    bl_doc *doc;
    const bl_config *cfg;
    int major_pow; /* the money unit most facts use (pow10 to 元), -1 when unclear */
    bool *unit_flagged; /* by fact index: unit-suspect already reported */
    size_t *money_ix;   /* budget and executed facts by (kind, scope, position), see collect() */
    size_t nmoney_ix, money_ix_for; /* its length, and doc->nfacts when it was built */
} ctx;

static bool is_money(const bl_fact *f)
{
    if (f->kind == BL_KIND_TARGET || f->kind == BL_KIND_ACTUAL || f->kind == BL_KIND_WEIGHT)
        return false; /* an indicator's 万元 is not the budget's */
    return f->unit == BL_UNIT_YUAN || f->unit == BL_UNIT_WAN || f->unit == BL_UNIT_YI;
}

/* Readings of a fact: as stated, and (when its unit is the odd one out) in the majority unit. */
static int readings(const ctx *c, const bl_fact *f, bl_range out[2])
{
    out[0] = f->range;
    if (!f->derived && is_money(f) && c->major_pow >= 0 && bl_unit_pow10(f->unit) != c->major_pow) {
        out[1] = bl_range_of(f->value, c->major_pow);
        return 2;
    }
    return 1;
}

static const char *fmt_money(bl_arena *a, const bl_fact *f)
{
    char buf[64];
    return bl_strfmt(a, "%s%s", bl_dec_format(f->value, buf, sizeof buf), bl_unit_name(f->unit));
}

static const char *fmt_value(bl_arena *a, const bl_fact *f)
{
    char buf[64];
    bl_dec_format(f->value, buf, sizeof buf);
    return bl_strndup(a, buf, strlen(buf));
}

static int index_of(const bl_doc *d, const bl_fact *f) { return (int)(f - d->facts); }

/*
 * A table's facts, and a row's, are contiguous in d->facts (text order; derived facts
 * come after all stated ones): the span [*lo, *hi) around the stated fact f, found by
 * looking at its neighbours, so per-row and per-table work stays local.
 */
static void span_of(const bl_doc *d, const bl_fact *f, bool row, size_t *lo, size_t *hi)
{
    size_t i = (size_t)index_of(d, f);
    *lo = i, *hi = i + 1;
    while (*lo > 0 && d->facts[*lo - 1].table == f->table && (!row || d->facts[*lo - 1].row == f->row))
        --*lo;
    while (*hi < d->nfacts && d->facts[*hi].table == f->table && (!row || d->facts[*hi].row == f->row))
        ++*hi;
}

static void add_finding(ctx *c, const char *rule, const bl_fact *at, const char *msg, const int *ids,
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
    f.stated = stated;
    f.expected = expected;
    f.expected_low = lo;
    f.expected_high = hi;
    f.basis = basis;
    bl_doc_add_finding(c->doc, &f);
}

static void flag_unit(ctx *c, const bl_fact *f, const char *why)
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

/* ---- figure-conflict (R17) and unit-suspect on repeated figures (R20) ------------ */

static bool same_slot(const bl_fact *a, const bl_fact *b)
{
    if (a->kind != b->kind || strcmp(a->scope, b->scope) != 0 || a->derived || b->derived)
        return false;
    if (a->loose || b->loose)
        return false; /* read by role: two allocations of one scope are not one figure stated twice */
    if (strncmp(a->scope, "item:", 5) == 0)
        return false; /* NEEDSWORK: items of one name may still be different things (years) */
    if (a->kind == BL_KIND_BUDGET && a->basis != b->basis)
        return false;
    if (a->table && b->table && a->table == b->table && a->row != b->row && strncmp(a->scope, "indicator:", 10) == 0)
        return false; /* two indicator rows of one name in one table are two indicators */
    if (a->table && a->table == b->table && a->row == b->row)
        return false; /* two columns of one row are two figures (全年预算数(A), 扣除…后预算金额(C)) */
    return a->kind == BL_KIND_BUDGET || a->kind == BL_KIND_EXECUTED || a->kind == BL_KIND_SCORE ||
           a->kind == BL_KIND_GRADE;
}

/* Order facts by slot (kind, scope, basis), then by position: each slot's first statement leads. */
static const bl_fact *sort_base;

static int cmp_slot(const void *x, const void *y)
{
    const bl_fact *a = &sort_base[*(const size_t *)x], *b = &sort_base[*(const size_t *)y];
    if (a->kind != b->kind)
        return (int)a->kind - (int)b->kind;
    int sc = strcmp(a->scope, b->scope);
    if (sc)
        return sc;
    int ba = a->kind == BL_KIND_BUDGET ? (int)a->basis : 0, bb = b->kind == BL_KIND_BUDGET ? (int)b->basis : 0;
    if (ba != bb)
        return ba - bb;
    return a->id - b->id;
}

/* Each statement of a figure is compared with the figure's first statement: O(n log n). */
static void check_conflicts(ctx *c)
{
    bl_doc *d = c->doc;
    if (d->nfacts < 2)
        return;
    size_t *ix = bl_xmalloc(d->nfacts * sizeof *ix), n = 0;
    for (size_t i = 0; i < d->nfacts; i++)
        if (!d->facts[i].derived && same_slot(&d->facts[i], &d->facts[i]))
            ix[n++] = i;
    sort_base = d->facts;
    qsort(ix, n, sizeof *ix, cmp_slot);
    size_t lead = 0;
    for (size_t k = 1; k < n; k++) {
        const bl_fact *a = &d->facts[ix[lead]], *b = &d->facts[ix[k]];
        if (!same_slot(a, b)) {
            lead = k;
            continue;
        }
        bool agree = a->kind == BL_KIND_GRADE ? a->grade == b->grade : bl_range_overlap(a->range, b->range);
        if (agree)
            continue;
        int ids[2] = {a->id, b->id};
        if (is_money(a) && is_money(b) && a->unit != b->unit) {
            /* 228.21元 vs 228.21万元: the same digits in two units */
            bl_range ra = bl_range_of(a->value, bl_unit_pow10(b->unit));
            bl_range rb = bl_range_of(b->value, bl_unit_pow10(a->unit));
            if (bl_range_overlap(ra, b->range) || bl_range_overlap(rb, a->range)) {
                const bl_fact *odd = c->major_pow == bl_unit_pow10(a->unit) ? b : a;
                const bl_fact *other = odd == a ? b : a;
                flag_unit(c, odd, bl_strfmt(d->arena, "与第%d页第%d行的 %s 一致", other->page, other->line, other->text));
                continue;
            }
        }
        const char *what = a->kind == BL_KIND_GRADE ? bl_grade_name(a->grade) : fmt_money(d->arena, a);
        const char *now = b->kind == BL_KIND_GRADE ? bl_grade_name(b->grade) : fmt_money(d->arena, b);
        const char *msg = bl_strfmt(d->arena, "同一数字两次陈述不一致：%s（第%d页第%d行）与 %s（第%d页第%d行）", a->text,
                                    a->page, a->line, b->text, b->page, b->line);
        add_finding(c, "figure-conflict", b, msg, ids, 2, now, what, NULL, NULL, NULL);
    }
    free(ix);
}

/* ---- derivations (R6) ------------------------------------------------------------------ */

static const bl_fact *first_of(const bl_doc *d, bl_kind k, const char *scope, bool want_initial)
{
    const bl_fact *best = NULL;
    for (size_t i = 0; i < d->nfacts; i++) {
        const bl_fact *f = &d->facts[i];
        if (f->kind != k || strcmp(f->scope, scope) != 0 || f->derived)
            continue;
        if (k == BL_KIND_BUDGET && (f->basis == BL_BASIS_INITIAL) != want_initial)
            continue;
        if (!best)
            best = f;
    }
    return best;
}

static bool dec_addsub(bl_dec a, bl_dec b, int sign, bl_dec *out)
{
    int s = a.scale > b.scale ? a.scale : b.scale;
    bl_i128 x = a.mant, y = b.mant;
    for (int i = a.scale; i < s; i++)
        x *= 10;
    for (int i = b.scale; i < s; i++)
        y *= 10;
    bl_i128 r = sign > 0 ? x + y : x - y;
    if (r > INT64_MAX || r < INT64_MIN)
        return false;
    out->mant = (int64_t)r;
    out->scale = s;
    return true;
}

static void derive(ctx *c, bl_kind k, bool initial)
{
    bl_doc *d = c->doc;
    const bl_fact *t = first_of(d, k, "total", initial), *b = first_of(d, k, "basic", initial),
                  *p = first_of(d, k, "project", initial);
    if (!!t + !!b + !!p != 2)
        return;
    const bl_fact *x, *y;
    const char *scope;
    int sign;
    if (!t)
        x = b, y = p, scope = "total", sign = 1;
    else if (!b)
        x = t, y = p, scope = "basic", sign = -1;
    else
        x = t, y = b, scope = "project", sign = -1;
    if (x->unit != y->unit)
        return; /* NEEDSWORK: derive across 元/万元 once unit-suspect has settled the unit */
    bl_fact f = {0};
    f.kind = k;
    f.scope = scope;
    f.basis = x->basis;
    f.grade = BL_GRADE_NONE;
    f.unit = x->unit;
    if (!dec_addsub(x->value, y->value, sign, &f.value))
        return;
    f.range = sign > 0 ? bl_range_add(x->range, y->range) : bl_range_sub(x->range, y->range);
    f.derived = true;
    f.from[0] = x->id;
    f.from[1] = y->id;
    f.page = x->page;
    f.line = x->line;
    f.start = x->start;
    f.num_at = x->num_at;
    f.label = "derived";
    char bx[64], by[64];
    f.text = bl_strfmt(d->arena, "%s %s %s（由 F%d、F%d 推算）", bl_dec_format(x->value, bx, sizeof bx),
                       sign > 0 ? "+" : "−", bl_dec_format(y->value, by, sizeof by), x->id, y->id);
    f.id = (int)d->nfacts + 1;
    bl_doc_add_fact(d, &f);
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

/*
 * The budget or executed facts of one scope, in text order (derived ones last), at
 * most max. Looked up in an index by (kind, scope) built once per set of facts, so a
 * document with thousands of rates is checked in O(n log n), not O(n²).
 */
static void collect(ctx *c, bl_kind k, const char *scope, int basis_class, const bl_fact **out, int *n, int max,
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
        ix_base = d->facts;
        qsort(c->money_ix, c->nmoney_ix, sizeof *c->money_ix, cmp_kind_scope);
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

#define MAXC 8

/*
 * In a table, rows after 基本支出 and 项目支出 that name another part (其他) belong to the
 * same split (贵州: 基本支出 / 项目支出 / 其他); their sum, with up to two ids, in *rest.
 */
static int other_parts(const bl_doc *d, const bl_fact *b, const bl_fact *p, bl_range *rest, int *ids)
{
    rest->lo = rest->hi = 0;
    if (!b->table || b->table != p->table)
        return 0;
    int after = b->row > p->row ? b->row : p->row, n = 0, stop = 1 << 30;
    size_t lo, hi;
    span_of(d, b, false, &lo, &hi); /* the table's facts */
    for (size_t i = lo; i < hi; i++) { /* the next total row ends the split */
        const bl_fact *f = &d->facts[i];
        if (f->row > after && f->row < stop && strcmp(f->scope, "total") == 0)
            stop = f->row;
    }
    for (size_t i = lo; i < hi; i++) {
        const bl_fact *f = &d->facts[i];
        if (f->kind != b->kind || f->basis != b->basis || f->derived || f->row <= after || f->row >= stop ||
            strncmp(f->scope, "source:其他", strlen("source:其他")) != 0)
            continue; /* only a row that names the rest (其他): the rows under 项目支出 are its items */
        *rest = bl_range_add(*rest, f->range);
        if (n < 2)
            ids[n] = f->id;
        n++;
    }
    return n;
}

static void check_sums(ctx *c, bl_kind k, int basis_class)
{
    bl_doc *d = c->doc;
    const bl_fact *T[MAXC], *B[MAXC], *P[MAXC];
    int nt, nb, np;
    collect(c, k, "total", basis_class, T, &nt, MAXC, true);
    collect(c, k, "basic", basis_class, B, &nb, MAXC, true);
    collect(c, k, "project", basis_class, P, &np, MAXC, true);
    /* totals read by role (合计, 下达 …) may be of anything: their 其中 lists are checked
     * by check_part_sums, which knows which parts belong to which total */
    int w = 0;
    for (int i = 0; i < nt; i++)
        if (!T[i]->loose)
            T[w++] = T[i];
    nt = w;
    if (!nt || !nb || !np)
        return;
    const bl_fact *alt_fit = NULL;
    for (int i = 0; i < nt; i++)
        for (int j = 0; j < nb; j++)
            for (int l = 0; l < np; l++) {
                bl_range rt[2], rb[2], rp[2], rest;
                int a = readings(c, T[i], rt), b = readings(c, B[j], rb), e = readings(c, P[l], rp);
                int oid[2];
                other_parts(d, B[j], P[l], &rest, oid);
                for (int x = 0; x < a; x++)
                    for (int y = 0; y < b; y++)
                        for (int z = 0; z < e; z++) {
                            if (!bl_range_overlap(rt[x], bl_range_add(bl_range_add(rb[y], rp[z]), rest)))
                                continue;
                            if (!x && !y && !z)
                                return; /* fits as stated */
                            if (!alt_fit)
                                alt_fit = x ? T[i] : y ? B[j] : P[l];
                        }
            }
    if (alt_fit) {
        flag_unit(c, alt_fit, "基本支出与项目支出之和与总额相符");
        return;
    }
    const bl_fact *t = T[0], *b = B[0], *p = P[0];
    bl_range rest;
    int ids[5] = {t->id, b->id, p->id};
    int nother = other_parts(d, b, p, &rest, ids + 3);
    bl_range sum = bl_range_add(bl_range_add(b->range, p->range), rest);
    int scale = b->value.scale > p->value.scale ? b->value.scale : p->value.scale;
    char sb[64];
    bl_range_format_mid(sum, bl_unit_pow10(t->unit), scale, sb, sizeof sb);
    const char *expected = bl_strndup(d->arena, sb, strlen(sb));
    const char *word = k == BL_KIND_BUDGET ? "预算数" : "执行数";
    char ob[64];
    const char *msg = bl_strfmt(d->arena,
                                "%s不平：基本支出 %s + 项目支出 %s%s%s%s = %s%s，与总额 %s 不符（允许误差为各数末位半单位之和）",
                                word, fmt_money(d->arena, b), fmt_money(d->arena, p), nother ? " + 其他 " : "",
                                nother ? bl_range_format_mid(rest, bl_unit_pow10(t->unit), scale, ob, sizeof ob) : "",
                                nother ? bl_unit_name(t->unit) : "",
                                expected, bl_unit_name(t->unit), fmt_money(d->arena, t));
    add_finding(c, "sum-mismatch", t, msg, ids, 3 + (nother < 2 ? nother : 2), fmt_value(d->arena, t), expected,
                NULL, NULL, NULL);
}

/* ---- rate-mismatch (R1, R2, R3, R18, R24) ---------------------------------------------- */

static const char *basis_word(const bl_fact *budget)
{
    if (budget->derived)
        return "推算预算数";
    switch (budget->basis) {
    case BL_BASIS_INITIAL: return "年初预算数";
    case BL_BASIS_ADJUSTED: return "全年（调整后）预算数";
    default: return "预算数";
    }
}

static void check_rate(ctx *c, const bl_fact *r)
{
    bl_doc *d = c->doc;
    bl_arena *A = d->arena;
    d->coverage.rates_total++;
    if (r->value.mant < 0) {
        int ids[1] = {r->id};
        add_finding(c, "rate-out-of-range", r, bl_strfmt(A, "执行率 %s%% 为负数", fmt_value(A, r)), ids,
                    1, fmt_value(A, r), NULL, NULL, NULL, NULL);
        return;
    }
    const bl_fact *N[MAXC], *D[2 * MAXC];
    int nn = 0, nd = 0;
    collect(c, BL_KIND_EXECUTED, r->scope, -1, N, &nn, MAXC, true);
    if (!nn)
        collect(c, BL_KIND_EXECUTED, r->scope, -1, N, &nn, MAXC, false);
    /* denominators in the order a reviewer tries them (R3) */
    const bl_fact *tmp[MAXC];
    int nt;
    /* the profile says which basis comes first when the rate names none (贵州: 年初) */
    bool initial_first = c->cfg->profile->initial_first && r->basis == BL_BASIS_NONE;
    for (int pass = 0; pass < 2; pass++) {
        bool initial = (pass == 0) == initial_first;
        if ((initial && r->basis == BL_BASIS_ADJUSTED) || (!initial && r->basis == BL_BASIS_INITIAL))
            continue;
        collect(c, BL_KIND_BUDGET, r->scope, initial ? 1 : 0, tmp, &nt, MAXC, false);
        for (int i = 0; i < nt; i++)
            D[nd++] = tmp[i];
    }
    /* derived budgets only where nothing is stated */
    bool any_stated = false;
    for (int i = 0; i < nd; i++)
        any_stated |= !D[i]->derived;
    if (any_stated) {
        int w = 0;
        for (int i = 0; i < nd; i++)
            if (!D[i]->derived)
                D[w++] = D[i];
        nd = w;
    }
    if (!nn || !nd) {
        if (r->loose)
            return; /* a rate read by role (使用率, 完成率) may be of something else */
        int ids[1] = {r->id};
        add_finding(c, "missing-figure", r,
                    bl_strfmt(A, "无法核对执行率 %s%%：本范围（%s）内未找到%s", fmt_value(A, r), r->scope,
                              !nn && !nd ? "执行数和预算数" : !nn ? "执行数" : "预算数"),
                    ids, 1, fmt_value(A, r), NULL, NULL, NULL, NULL);
        return;
    }
    bl_range pr = r->range;
    /* truncation interval [p, p + 10^-k] */
    bl_range trunc = bl_range_exact(r->value, 0);
    trunc.hi = trunc.hi + (bl_range_of(r->value, 0).hi - trunc.hi) * 2;
    const bl_fact *alt_fit = NULL, *fit_den = NULL;
    bool checkable = false, truncated = false;
    for (int i = 0; i < nn; i++)
        for (int j = 0; j < nd; j++) {
            bl_range rn[2], rd[2];
            int a = readings(c, N[i], rn), b = readings(c, D[j], rd);
            for (int x = 0; x < a; x++)
                for (int y = 0; y < b; y++) {
                    int m = bl_ratio_meets(rn[x], rd[y], pr);
                    if (m < 0)
                        continue;
                    if (!x && !y)
                        checkable = true;
                    if (m == 1) {
                        if (!x && !y) {
                            fit_den = D[j];
                            goto fitted;
                        }
                        if (!alt_fit)
                            alt_fit = x ? N[i] : D[j];
                    } else if (!x && !y && bl_ratio_meets(rn[x], rd[y], trunc) == 1) {
                        truncated = true;
                    }
                }
        }
fitted:
    if (fit_den) {
        d->coverage.rates_checked++;
        bl_range hundred = bl_range_exact((bl_dec){100, 0}, 0);
        if (fit_den->basis == BL_BASIS_ADJUSTED && r->range.lo > hundred.hi) {
            int ids[2] = {r->id, fit_den->id};
            add_finding(c, "rate-out-of-range", r,
                        bl_strfmt(A, "执行率 %s%% 超过 100%%，而其分母是%s：支出超出调整后预算", fmt_value(A, r),
                                  basis_word(fit_den)),
                        ids, 2, fmt_value(A, r), NULL, NULL, NULL, basis_word(fit_den));
        }
        return;
    }
    if (!checkable)
        return; /* zero or near-zero budgets: no rate can be checked (traps §2) */
    d->coverage.rates_checked++;
    if (alt_fit) {
        flag_unit(c, alt_fit, bl_strfmt(A, "执行率 %s%% 相符", fmt_value(A, r)));
        return;
    }
    /* the pair a reviewer reads first: the nearest executed figure before the rate */
    const bl_fact *n = N[0], *den = D[0];
    for (int i = 0; i < nn; i++)
        if (N[i]->num_at < r->num_at)
            n = N[i];
    /* R3: named as a rate of the 全年/调整后 budget, but it is the 年初 one's: the author's
     * basis or a wrong 全年 figure - a warning naming both, not rate-mismatch */
    if (r->basis == BL_BASIS_ADJUSTED && !truncated) {
        const bl_fact *I[MAXC];
        int ni;
        collect(c, BL_KIND_BUDGET, r->scope, 1, I, &ni, MAXC, true);
        for (int j = 0; j < ni; j++)
            if (!r->table || I[j]->table == r->table)
                if (bl_ratio_meets(n->range, I[j]->range, pr) == 1) {
                    char adj[64], ini[64];
                    bl_ratio_format(n->range, den->range, r->value.scale, adj, sizeof adj);
                    bl_ratio_format(n->range, I[j]->range, r->value.scale, ini, sizeof ini);
                    int ids[4] = {r->id, n->id, den->id, I[j]->id};
                    add_finding(c, "rate-basis-unknown", r,
                                bl_strfmt(A, "执行率 %s%% 标明按%s计算（%s/%s = %s%%），实与年初预算数相符（%s/%s = %s%%）",
                                          fmt_value(A, r), basis_word(den), fmt_money(A, n), fmt_money(A, den), adj,
                                          fmt_money(A, n), fmt_money(A, I[j]), ini),
                                ids, 4, fmt_value(A, r), bl_strndup(A, adj, strlen(adj)), NULL, NULL,
                                basis_word(I[j]));
                    return;
                }
    }
    int k = r->value.scale;
    char e[64], lo[64], hi[64];
    bl_ratio_format(n->range, den->range, k, e, sizeof e);
    bl_range nlo = {n->range.lo < 0 ? 0 : n->range.lo, n->range.lo < 0 ? 0 : n->range.lo};
    bl_range nhi = {n->range.hi, n->range.hi};
    bl_range dlo = {den->range.lo, den->range.lo}, dhi = {den->range.hi, den->range.hi};
    bl_ratio_format(nlo, dhi, k + 3, lo, sizeof lo);
    bl_ratio_format(nhi, dlo, k + 3, hi, sizeof hi);
    const char *tried = "";
    if (nd > 1) {
        tried = "；已尝试的预算口径：";
        for (int j = 0; j < nd; j++)
            tried = bl_strfmt(A, "%s%s%s %s", tried, j ? "、" : "", basis_word(D[j]), fmt_money(A, D[j]));
    }
    int ids[3] = {n->id, den->id, r->id};
    const char *rule = truncated ? "rate-truncated" : "rate-mismatch";
    const char *msg =
        truncated
            ? bl_strfmt(A, "执行率 %s%% 是截尾结果：%s/%s = %s%%，四舍五入应为 %s%%", fmt_value(A, r),
                        fmt_money(A, n), fmt_money(A, den), hi, e)
            : bl_strfmt(A, "执行率 %s%% 与 执行数/%s = %s/%s = %s%% 不符（按各数末位半单位，可能区间 %s%%–%s%%）%s",
                        fmt_value(A, r), basis_word(den), fmt_money(A, n), fmt_money(A, den), e, lo, hi,
                        tried);
    add_finding(c, rule, r, msg, ids, 3, fmt_value(A, r), bl_strndup(A, e, strlen(e)),
                bl_strndup(A, lo, strlen(lo)), bl_strndup(A, hi, strlen(hi)), basis_word(den));
}

/* ---- score-out-of-range (R10) and grade-mismatch (R11) ---------------------------------- */

static bl_range pts(int v) { return bl_range_exact((bl_dec){v, 0}, 0); }

/* Does the score interval meet the grade's band? National: 优 [90,100], 良 [80,90), 中 [60,80), 差 [0,60). */
static bool band_meets(const bl_profile *p, bl_range s, bl_grade g)
{
    const int lo[] = {p->excellent, p->good, p->fair, 0}, hi[] = {100, p->excellent, p->good, p->fair};
    bl_range L = pts(lo[g]), H = pts(hi[g]);
    if (g == BL_GRADE_EXCELLENT)
        return s.hi >= L.lo && s.lo <= H.hi;
    return s.hi >= L.lo && s.lo < H.lo;
}

static void check_scores(ctx *c)
{
    bl_doc *d = c->doc;
    bl_arena *A = d->arena;
    for (size_t i = 0; i < d->nfacts; i++) {
        const bl_fact *s = &d->facts[i];
        if (s->kind != BL_KIND_SCORE)
            continue;
        if (s->range.hi < pts(0).lo || s->range.lo > pts(100).hi) {
            int ids[1] = {s->id};
            add_finding(c, "score-out-of-range", s,
                        bl_strfmt(A, "得分 %s 分超出 0–100 分", fmt_value(A, s)), ids, 1,
                        fmt_value(A, s), NULL, "0", "100", NULL);
        }
    }
    /* the scores a grade is compared with, by (scope, position); scores out of range are
     * errors of their own */
    size_t *sc = bl_alloc(A, (d->nfacts + 1) * sizeof *sc), nsc = 0;
    for (size_t j = 0; j < d->nfacts; j++) {
        const bl_fact *s = &d->facts[j];
        if (s->kind == BL_KIND_SCORE && !(s->range.hi < pts(0).lo || s->range.lo > pts(100).hi))
            sc[nsc++] = j;
    }
    ix_base = d->facts;
    qsort(sc, nsc, sizeof *sc, cmp_kind_scope);
    size_t mask_at = (size_t)-1;
    unsigned mask = 0; /* the grades some score of the group fits */
    for (size_t i = 0; i < d->nfacts; i++) {
        const bl_fact *g = &d->facts[i];
        if (g->kind != BL_KIND_GRADE)
            continue;
        size_t glo = 0, ghi = nsc;
        while (glo < ghi) { /* the first score of g's scope */
            size_t mid = (glo + ghi) / 2;
            if (strcmp(d->facts[sc[mid]].scope, g->scope) < 0)
                glo = mid + 1;
            else
                ghi = mid;
        }
        for (ghi = glo; ghi < nsc && strcmp(d->facts[sc[ghi]].scope, g->scope) == 0; ghi++)
            ;
        if (glo == ghi)
            continue; /* a grade without a score is normal */
        if (mask_at != glo) {
            mask_at = glo, mask = 0;
            for (size_t j = glo; j < ghi; j++)
                for (int k = 0; k < 4; k++)
                    if (band_meets(c->cfg->profile, d->facts[sc[j]].range, (bl_grade)k))
                        mask |= 1u << k;
        }
        if (mask & (1u << g->grade))
            continue;
        /* the score a reader pairs with it: the last one before it, else the first */
        size_t a = glo, b = ghi; /* the first score after it (positions rise with the index) */
        while (a < b) {
            size_t mid = (a + b) / 2;
            if (d->facts[sc[mid]].num_at <= g->num_at)
                a = mid + 1;
            else
                b = mid;
        }
        const bl_fact *nearest = &d->facts[sc[a > glo ? a - 1 : glo]];
        const bl_profile *pf = c->cfg->profile;
        char band[4][64];
        snprintf(band[0], sizeof band[0], "%d–100 分", pf->excellent);
        snprintf(band[1], sizeof band[1], "%d–%d 分（不含 %d）", pf->good, pf->excellent, pf->excellent);
        snprintf(band[2], sizeof band[2], "%d–%d 分（不含 %d）", pf->fair, pf->good, pf->good);
        snprintf(band[3], sizeof band[3], "%d 分以下", pf->fair);
        bl_grade want = BL_GRADE_POOR;
        for (int k = 0; k < 4; k++)
            if (band_meets(c->cfg->profile, nearest->range, (bl_grade)k)) {
                want = (bl_grade)k;
                break;
            }
        int ids[2] = {nearest->id, g->id};
        add_finding(c, "grade-mismatch", g,
                    bl_strfmt(A, "绩效等级“%s”要求得分在 %s，而得分为 %s 分，应为“%s”（%s档次：优≥%d、良≥%d、中≥%d）",
                              bl_grade_name(g->grade), band[g->grade], fmt_value(A, nearest),
                              bl_grade_name(want), pf->title, pf->excellent, pf->good, pf->fair),
                    ids, 2, bl_grade_name(g->grade), bl_grade_name(want), NULL, NULL, NULL);
    }
}

/* ---- damaged-number: OCR damage and glued cells are reported, never read --------- */

static void check_damaged(ctx *c)
{
    bl_doc *d = c->doc;
    for (size_t i = 0; i < d->nquantities; i++) {
        const bl_quantity *q = &d->quantities[i];
        if (!(q->tags & BL_QT_DAMAGED))
            continue;
        bl_fact at = {0};
        bl_doc_locate(d, q->num_start, &at.page, &at.line);
        const char *txt = bl_strndup(d->arena, d->text + q->start, q->end - q->start);
        add_finding(c, "damaged-number", &at,
                    bl_strfmt(d->arena, "“%s”疑似 OCR 识别错误或表格单元格粘连（如 O76%%、M.8万元、40004000100%%），未作为数字读取，请人工核对", txt),
                    NULL, 0, txt, NULL, NULL, NULL, NULL);
    }
}

/* ---- year-mismatch (R25): the figures' year against the title's ------------------- */

static void check_years(ctx *c)
{
    bl_doc *d = c->doc;
    int reported[8] = {0}, nrep = 0;
    for (size_t i = 0; i < d->nfacts && d->year; i++) {
        const bl_fact *f = &d->facts[i];
        if (!f->year || f->year == d->year || f->derived || strncmp(f->scope, "item:", 5) == 0)
            continue;
        bool seen = false;
        for (int k = 0; k < nrep; k++)
            seen |= reported[k] == f->year;
        if (seen || nrep == 8)
            continue;
        reported[nrep++] = f->year;
        int ids[1] = {f->id};
        add_finding(c, "year-mismatch", f,
                    bl_strfmt(d->arena, "报告标题为 %d 年度，而“%s”说的是 %d 年度", d->year, f->text, f->year),
                    ids, 1, bl_strfmt(d->arena, "%d", f->year), bl_strfmt(d->arena, "%d", d->year), NULL, NULL,
                    NULL);
    }
}

/* ---- missing-section (R23): what a self-assessment report must contain ---------------- */

static bool text_has(const bl_doc *d, const char *const *words)
{
    for (; *words; words++)
        if (d->text && strstr(d->text, *words)) /* doc->text is NUL-terminated and holds no NUL */
            return true;
    return false;
}

/* A report's outline: its required parts, each with the words that show it. */
typedef struct {
    const char *name;
    const char *const words[8];
} section;

static const section dept_outline[] = {
    {"基本情况", {"基本情况", "项目概况", "部门概况", "单位概况", "基本概况", NULL}},
    {"绩效目标", {"绩效目标", "年度目标", "总体目标", NULL}},
    {"预算执行情况", {"预算执行", "收支情况", "资金投入", "资金使用", "预算安排", "执行情况", NULL}},
    {"绩效指标完成情况", {"完成情况", "指标完成", "目标完成", "绩效实现", "履职效果", NULL}},
    {"自评结论", {"自评结论", "评价结论", "综合评价", "自评得分", "评价得分", "自评结果", NULL}},
    {"存在问题", {"存在问题", "存在的问题", "存在的主要问题", "主要问题", "问题及原因", NULL}},
    {"改进措施", {"改进措施", "改进建议", "下一步", "有关建议", "整改措施", NULL}},
};

/* 转移支付 / 专项资金 / 衔接资金 区域绩效自评报告: the outline of their notice */
static const section transfer_outline[] = {
    {"资金下达情况", {"分解下达", "资金下达", "下达情况", "资金安排", "资金分配", NULL}},
    {"资金投入和使用情况", {"资金投入", "资金使用", "资金到位", "资金执行", "预算执行", "支出情况", NULL}},
    {"绩效目标完成情况", {"完成情况", "目标完成", "绩效实现", NULL}},
    {"存在问题", {"存在问题", "存在的问题", "主要问题", "偏离", "问题及原因", NULL}},
    {"改进措施", {"改进措施", "改进建议", "整改", "下一步", "有关建议", NULL}},
};

static void check_sections(ctx *c)
{
    bl_doc *d = c->doc;
    /* only a self-assessment report (自评报告) owes these; tables and disclosures do not */
    if (!d->title || !strstr(d->title, "自评报告"))
        return;
    bool transfer = d->report_type && (strcmp(d->report_type, "转移支付") == 0 ||
                                       strcmp(d->report_type, "专项资金") == 0 ||
                                       strcmp(d->report_type, "衔接资金") == 0);
    const section *out = transfer ? transfer_outline : dept_outline;
    size_t n = transfer ? sizeof transfer_outline / sizeof *transfer_outline : sizeof dept_outline / sizeof *dept_outline;
    bool found[8];
    size_t nfound = 0;
    for (size_t k = 0; k < n; k++)
        nfound += found[k] = text_has(d, out[k].words);
    /* a report written to the outline names most of its parts; one that names fewer is a
     * form with a few lines of prose, an excerpt or another outline, not a report missing
     * most of its parts */
    if (nfound * 2 <= n)
        return;
    /* parts after the last one found: the text stops there (an excerpt, a lost page, or
     * parts really left out) - an info; a gap between parts found is a warning */
    size_t last = 0;
    for (size_t k = 0; k < n; k++)
        if (found[k])
            last = k;
    bl_fact at = {0};
    at.page = 1;
    at.line = 1;
    for (size_t k = 0; k < n; k++) {
        if (found[k])
            continue;
        size_t before = d->nfindings;
        add_finding(c, "missing-section", &at,
                    k < last ? bl_strfmt(d->arena, "自评报告缺少“%s”（财预〔2020〕10号：内容完整；未找到“%s”等标题或段落）",
                                         out[k].name, out[k].words[0])
                             : bl_strfmt(d->arena, "自评报告在“%s”之后未见“%s”（若非节选，则缺少该部分；财预〔2020〕10号：内容完整）",
                                         out[last].name, out[k].name),
                    NULL, 0, NULL, out[k].name, NULL, NULL, NULL);
        if (k > last && d->nfindings > before && d->findings[before].severity == BL_SEV_WARNING)
            d->findings[before].severity = BL_SEV_INFO;
    }
}

/* ---- deviation-reason-missing (R16): a low execution rate needs its reason -------------- */

/* A rate stated as of a date in its paragraph (截至8月底, 目前): an interim figure. */
static bool interim(const bl_doc *d, const bl_fact *f)
{
    static const char *const words[] = {"截至", "截止", "目前"};
    size_t p = f->start, lim = p > 2048 ? p - 2048 : 0;
    while (p > lim && d->text[p - 1] != '\n')
        p--;
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        for (size_t i = p; i + strlen(words[k]) <= f->start; i++)
            if (memcmp(d->text + i, words[k], strlen(words[k])) == 0)
                return true;
    return false;
}

static void check_reasons(ctx *c)
{
    bl_doc *d = c->doc;
    int below = c->cfg->profile->reason_below;
    if (!below)
        return;
    static const char *const why[] = {"原因", "问题", "偏差", "未完成", "较低", "滞后", "由于", NULL};
    if (text_has(d, why))
        return;
    bl_range limit = bl_range_exact((bl_dec){below, 0}, 0);
    for (size_t i = 0; i < d->nfacts; i++) {
        const bl_fact *f = &d->facts[i];
        if (f->kind != BL_KIND_RATE || f->range.hi >= limit.lo || interim(d, f))
            continue;
        int ids[1] = {f->id};
        add_finding(c, "deviation-reason-missing", f,
                    bl_strfmt(d->arena, "执行率 %s%% 低于 %d%%，报告中未见原因说明（%s）", fmt_value(d->arena, f), below,
                              c->cfg->profile->title),
                    ids, 1, fmt_value(d->arena, f), NULL, NULL, NULL, NULL);
        return; /* one is enough: the report as a whole lacks the explanation */
    }
}

/* ---- yoy-mismatch (R21): 增幅 = 增加额 / (本年 − 增加额) ---------------------------- */

static void check_yoy(ctx *c)
{
    bl_doc *d = c->doc;
    bl_arena *A = d->arena;
    for (size_t k = 0; k < d->nfacts; k++) {
        const bl_fact *r = &d->facts[k];
        if (r->kind != BL_KIND_CHANGE_RATE)
            continue;
        /* in the same sentence before it: the change, and before that the level it changed to */
        const bl_fact *chg = NULL, *level = NULL;
        size_t sent = r->start, lim = r->start > 2048 ? r->start - 2048 : 0; /* a sentence, within 2 KB */
        while (sent > lim && d->text[sent - 1] != '\n' &&
               !(sent >= 3 && memcmp(d->text + sent - 3, "。", 3) == 0))
            sent--;
        for (size_t j = k; j-- > 0;) {
            const bl_fact *f = &d->facts[j];
            if (f->num_at < sent)
                break; /* facts are in text order: the rest lie before the sentence */
            if (f->derived || f->start < sent)
                continue;
            if (!chg && f->kind == BL_KIND_CHANGE)
                chg = f;
            else if (chg && is_money(f) && f->kind != BL_KIND_CHANGE && f->start < chg->start) {
                level = f;
                break;
            }
        }
        if (!chg || !level)
            continue;
        /* last year = this year - change; the rate is change / last year */
        bl_range base = bl_range_sub(level->range, chg->range);
        bl_range delta = chg->range, pct = r->range;
        if (chg->value.mant < 0) { /* a decrease: compare magnitudes */
            delta = (bl_range){-chg->range.hi, -chg->range.lo};
            pct = (bl_range){-r->range.hi, -r->range.lo};
        }
        if ((chg->value.mant < 0) != (r->value.mant < 0))
            continue; /* 增加 … 下降 : not one statement */
        int m = bl_ratio_meets(delta, base, pct);
        if (m != 0)
            continue;
        /* truncated rather than rounded (10.158% printed 10.15%): info, as for execution rates */
        bl_dec mag = r->value;
        if (mag.mant < 0)
            mag.mant = -mag.mant; /* a decrease: the magnitude was truncated (35.7774 -> 35.77) */
        bl_range trunc = bl_range_exact(mag, 0);
        trunc.hi = trunc.hi + (bl_range_of(mag, 0).hi - trunc.hi) * 2;
        bool truncated = bl_ratio_meets(delta, base, trunc) == 1;
        char e[64], lvl[64], ch[64];
        bl_ratio_format(delta, base, r->value.scale, e, sizeof e);
        int ids[3] = {level->id, chg->id, r->id};
        bl_dec_format(chg->value, ch, sizeof ch);
        bl_dec_format(level->value, lvl, sizeof lvl);
        add_finding(c, truncated ? "rate-truncated" : "yoy-mismatch", r,
                    truncated ? bl_strfmt(A, "同比 %s%% 是截尾结果：%s/(%s−%s) 四舍五入应为 %s%%", fmt_value(A, r), ch, lvl, ch, e)
                              : bl_strfmt(A, "同比 %s%% 与 增减额/(本年数−增减额) = %s/(%s−%s) = %s%% 不符", fmt_value(A, r),
                                          ch, lvl, ch, e),
                    ids, 3, fmt_value(A, r), bl_strndup(A, e, strlen(e)), NULL, NULL, NULL);
    }
}

/* ---- balance-mismatch (R19): 预算 − 执行 = 结余 ------------------------------------- */

static void check_balances(ctx *c)
{
    bl_doc *d = c->doc;
    bl_arena *A = d->arena;
    for (size_t k = 0; k < d->nfacts; k++) {
        const bl_fact *r = &d->facts[k];
        if (r->kind != BL_KIND_BALANCE || strncmp(r->scope, "item:", 5) == 0)
            continue;
        const bl_fact *B[MAXC], *E[MAXC];
        int nb, ne;
        collect(c, BL_KIND_BUDGET, r->scope, -1, B, &nb, MAXC, true);
        collect(c, BL_KIND_EXECUTED, r->scope, -1, E, &ne, MAXC, true);
        if (!nb || !ne)
            continue;
        bool fits = false;
        for (int i = 0; i < nb && !fits; i++)
            for (int j = 0; j < ne && !fits; j++)
                fits = bl_range_overlap(bl_range_sub(B[i]->range, E[j]->range), r->range);
        if (fits)
            continue;
        const bl_fact *b = B[0], *e = E[0];
        bl_range left = bl_range_sub(b->range, e->range);
        int scale = b->value.scale > e->value.scale ? b->value.scale : e->value.scale;
        char buf[64];
        bl_range_format_mid(left, bl_unit_pow10(r->unit), scale, buf, sizeof buf);
        int ids[3] = {b->id, e->id, r->id};
        add_finding(c, "balance-mismatch", r,
                    bl_strfmt(A, "结余 %s 与 预算数 %s − 执行数 %s = %s%s 不符", fmt_money(A, r), fmt_money(A, b),
                              fmt_money(A, e), buf, bl_unit_name(r->unit)),
                    ids, 3, fmt_value(A, r), bl_strndup(A, buf, strlen(buf)), NULL, NULL, NULL);
    }
}

/* ---- table rules: sources (R5a), execution score (R4), weights (R7), scores (R9, R10, R12, R13) ---- */

/* A unit scope's part: "source:X" of "total", "project:P/source:X" of "project:P". */
static bool is_source_of(const char *scope, const char *unit)
{
    if (strcmp(unit, "total") == 0)
        return strncmp(scope, "source:", 7) == 0;
    size_t n = strlen(unit);
    return strncmp(scope, unit, n) == 0 && strncmp(scope + n, "/source:", 8) == 0;
}

static void check_source_sums(ctx *c)
{
    bl_doc *d = c->doc;
    bl_arena *A = d->arena;
    for (size_t i = 0; i < d->nfacts; i++) {
        const bl_fact *t = &d->facts[i];
        if (!t->table || t->derived || (t->kind != BL_KIND_BUDGET && t->kind != BL_KIND_EXECUTED) ||
            strchr(t->scope, '/') || strncmp(t->scope, "source:", 7) == 0 || strcmp(t->scope, "basic") == 0 ||
            strcmp(t->scope, "project") == 0)
            continue;
        bl_range sum = {0, 0};
        int ids[BL_MAX_FINDING_FACTS], nids = 1, nparts = 0;
        ids[0] = t->id;
        const char *list = "";
        int scale = 0;
        /* its 其中 rows follow it, up to the next row with an amount of another kind (a total,
         * 基本支出, the next project) */
        for (size_t j = i + 1; j < d->nfacts && d->facts[j].table == t->table; j++) {
            const bl_fact *p = &d->facts[j];
            bool money = p->kind == BL_KIND_BUDGET || p->kind == BL_KIND_EXECUTED;
            if (money && p->row != t->row && !is_source_of(p->scope, t->scope))
                break;
            if (p->kind != t->kind || p->basis != t->basis || p->derived || !is_source_of(p->scope, t->scope) ||
                p->col != t->col)
                continue;
            sum = bl_range_add(sum, p->range);
            if (nids < BL_MAX_FINDING_FACTS)
                ids[nids++] = p->id;
            list = bl_strfmt(A, "%s%s%s %s", list, nparts ? " + " : "", strchr(p->scope, ':') + 1, fmt_money(A, p));
            if (p->value.scale > scale)
                scale = p->value.scale;
            nparts++;
        }
        if (nparts < 2 || bl_range_overlap(sum, t->range))
            continue;
        char sb[64];
        bl_range_format_mid(sum, bl_unit_pow10(t->unit), scale, sb, sizeof sb);
        const char *word = t->kind == BL_KIND_EXECUTED ? "执行数" : t->basis == BL_BASIS_INITIAL ? "年初预算数" : "全年预算数";
        add_finding(c, "sum-mismatch", t,
                    bl_strfmt(A, "%s不平：%s = %s%s，与年度资金总额 %s 不符（允许误差为各数末位半单位之和）", word, list, sb,
                              bl_unit_name(t->unit), fmt_money(A, t)),
                    ids, nids, fmt_value(A, t), bl_strndup(A, sb, strlen(sb)), NULL, NULL, NULL);
    }
}

/*
 * sum-mismatch (R5) for prose 其中 lists: the parts of a complete list (parse marks
 * them part_of their total: no 等, 主要, …) against the total, on exact intervals. A
 * list of just 基本支出 and 项目支出 is check_sums' work.
 */
static void check_part_sums(ctx *c)
{
    bl_doc *d = c->doc;
    bl_arena *A = d->arena;
    int done = 0;
    for (size_t i = 0; i < d->nfacts; i++) {
        const bl_fact *first = &d->facts[i];
        if (!first->part_of || first->part_of == done)
            continue;
        done = first->part_of;
        const bl_fact *t = bl_doc_fact(d, done);
        if (!t)
            continue;
        bl_range sum = {0, 0};
        int ids[BL_MAX_FINDING_FACTS] = {t->id}, nids = 1, nparts = 0, scale = 0;
        bool split_only = true;
        const char *list = "";
        for (size_t j = i; j < d->nfacts && j < i + 256; j++) {
            const bl_fact *p = &d->facts[j];
            if (p->part_of != done)
                continue;
            sum = bl_range_add(sum, p->range);
            split_only &= strcmp(p->scope, "basic") == 0 || strcmp(p->scope, "project") == 0;
            if (nids < BL_MAX_FINDING_FACTS)
                ids[nids++] = p->id;
            list = bl_strfmt(A, "%s%s%s", list, nparts ? " + " : "", fmt_money(A, p));
            if (p->value.scale > scale)
                scale = p->value.scale;
            nparts++;
        }
        if (split_only && nparts == 2 && !t->loose)
            continue; /* check_sums' work */
        if (nparts == 1 ? sum.lo <= t->range.hi : bl_range_overlap(sum, t->range))
            continue;
        char sb[64];
        bl_range_format_mid(sum, bl_unit_pow10(t->unit), scale, sb, sizeof sb);
        const char *msg =
            nparts == 1 ? bl_strfmt(A, "其中一项 %s 大于其总额 %s", list, fmt_money(A, t))
                        : bl_strfmt(A, "其中各项之和不等于总额：%s = %s%s，与 %s 不符（允许误差为各数末位半单位之和）", list, sb,
                                    bl_unit_name(t->unit), t->text);
        add_finding(c, "sum-mismatch", t, msg, ids, nids, fmt_value(A, t), bl_strndup(A, sb, strlen(sb)), NULL, NULL,
                    NULL);
    }
}

static const bl_fact *in_row(const bl_doc *d, const bl_fact *f, bl_kind k)
{
    size_t lo, hi;
    span_of(d, f, true, &lo, &hi);
    for (size_t j = lo; j < hi; j++) {
        const bl_fact *g = &d->facts[j];
        if (g->kind == k && !g->derived)
            return g;
    }
    return NULL;
}

/* value * 10^8 as an exact integer (weights and scores are small). */
static bl_i128 units(bl_dec v)
{
    bl_i128 x = v.mant;
    for (int k = v.scale; k < BL_RSCALE; k++)
        x *= 10;
    return x;
}

/* A score interval as a percentage of its weight wu (1e-8 units): [100 lo / w, 100 hi / w], outwards. */
static bl_range share_of_weight(bl_range S, bl_i128 wu)
{
    bl_i128 E8 = 100000000;
    bl_range P = {S.lo * 100 * E8 / wu, (S.hi * 100 * E8 + wu - 1) / wu};
    return P;
}

static double approx(bl_dec v)
{
    double x = (double)v.mant; /* for messages only, never for a decision */
    for (int k = 0; k < v.scale; k++)
        x /= 10;
    return x;
}

static bool is_indicator(const bl_fact *f)
{
    return strncmp(f->scope, "indicator:", 10) == 0 || strstr(f->scope, "/indicator:") != NULL;
}

static bool is_exec(const bl_fact *f)
{
    size_t n = strlen(f->scope);
    return n >= 4 && strcmp(f->scope + n - 4, "exec") == 0;
}

/* An indicator row's own weight (not its block label's), NULL when none. */
static const bl_fact *own_weight(const bl_doc *d, const bl_fact *f)
{
    size_t lo, hi;
    span_of(d, f, true, &lo, &hi);
    for (size_t j = lo; j < hi; j++) {
        const bl_fact *g = &d->facts[j];
        if (g->kind == BL_KIND_WEIGHT && strcmp(g->scope, f->scope) == 0)
            return g;
    }
    return NULL;
}

/* R4: the 预算执行率 row's score = 分值 × min(执行数/预算数, 100%). */
static void check_exec_scores(ctx *c)
{
    bl_doc *d = c->doc;
    bl_arena *A = d->arena;
    for (size_t i = 0; i < d->nfacts; i++) {
        const bl_fact *s = &d->facts[i];
        if (s->kind != BL_KIND_SCORE || !s->table || !is_exec(s))
            continue;
        const bl_fact *w = in_row(d, s, BL_KIND_WEIGHT), *e = in_row(d, s, BL_KIND_EXECUTED);
        const bl_fact *rate = in_row(d, s, BL_KIND_RATE);
        if (!w || w->value.mant <= 0)
            continue;
        if (bl_range_of(s->value, 0).lo > units(w->value)) { /* R10: 得分 <= 分值 */
            int ids[2] = {s->id, w->id};
            add_finding(c, "score-out-of-range", s,
                        bl_strfmt(A, "预算执行率得分 %s 分超出其分值 %s 分", fmt_value(A, s), fmt_value(A, w)), ids, 2,
                        fmt_value(A, s), NULL, "0", fmt_value(A, w), NULL);
            continue;
        }
        if (!e)
            continue;
        /* the budget the rate is of: the row's adjusted budget, else its initial one */
        const bl_fact *b = NULL;
        size_t lo, hi;
        span_of(d, s, true, &lo, &hi);
        for (size_t j = lo; j < hi; j++) {
            const bl_fact *g = &d->facts[j];
            if (g->kind == BL_KIND_BUDGET && (!b || (rate ? g->basis == rate->basis : g->basis == BL_BASIS_ADJUSTED)))
                b = g;
        }
        if (!b)
            continue;
        bl_i128 wu = units(w->value), E8 = 100000000;
        bl_range S = bl_range_of(s->value, 0), P = share_of_weight(S, wu);
        if (S.hi >= wu)
            P.hi = (bl_i128)1000000 * E8; /* full marks: any rate of 100% or more */
        int m = bl_ratio_meets(e->range, b->range, P);
        if (m != 0)
            continue; /* fits, or cannot be checked */
        /* authors often multiply the printed rate: accept w x min(stated rate, 100%) rounded */
        if (rate) {
            bl_i128 r8 = units(rate->value); /* percent, 1e-8 units */
            if (r8 > 100 * E8)
                r8 = 100 * E8;
            bl_i128 exact = r8 * wu / (100 * E8); /* points, 1e-8 units */
            bl_range X = {exact - 1, exact + 1};
            if (bl_range_overlap(X, S))
                continue;
        }
        char rb[64];
        bl_ratio_format(e->range, b->range, 4, rb, sizeof rb);
        double r = atof(rb) / 100.0;
        if (r > 1)
            r = 1;
        char exp[64];
        snprintf(exp, sizeof exp, "%.*f", s->value.scale < 2 ? 2 : s->value.scale, approx(w->value) * r);
        int ids[4] = {s->id, w->id, e->id, b->id};
        add_finding(c, "exec-score-mismatch", s,
                    bl_strfmt(A, "预算执行率得分 %s 分与 分值 %s × min(执行数/预算数, 100%%) = %s × min(%s/%s, 100%%) = %s 分不符",
                              fmt_value(A, s), fmt_value(A, w), fmt_value(A, w), fmt_money(A, e), fmt_money(A, b),
                              exp),
                    ids, 4, fmt_value(A, s), bl_strndup(A, exp, strlen(exp)), NULL, NULL, basis_word(b));
    }
}

/*
 * One table's points, gathered in one pass when its first fact is met: the indicator
 * weights sorted by 一级指标 (for the block labels), and the sums of the weights and of
 * the scores of the 执行率 row and the indicators (for the 总分 row). Weights are set,
 * not measured: exact; scores are rounded: their half-units.
 */
typedef struct {
    bl_range sum;
    int n, ids[BL_MAX_FINDING_FACTS], nids;
} points;

typedef struct {
    int table;
    size_t *byg, nbyg;   /* indicator weights with a group, by (group, position) */
    points weights, scores;
    int score_scale;     /* the most decimals any score of the table has */
    const char *memo_group; /* the last block's group, and its sum */
    points memo;
} table_points;

static void add_point(points *p, const bl_fact *g)
{
    p->sum = bl_range_add(p->sum, g->kind == BL_KIND_WEIGHT ? bl_range_exact(g->value, 0) : bl_range_of(g->value, 0));
    if (p->nids < BL_MAX_FINDING_FACTS)
        p->ids[p->nids++] = g->id;
    p->n++;
}

static int cmp_group(const void *x, const void *y)
{
    const bl_fact *a = &ix_base[*(const size_t *)x], *b = &ix_base[*(const size_t *)y];
    int g = strcmp(a->group, b->group);
    if (g)
        return g;
    return *(const size_t *)x < *(const size_t *)y ? -1 : 1;
}

static void gather_points(const bl_doc *d, const bl_fact *f, table_points *tp)
{
    size_t lo, hi;
    span_of(d, f, false, &lo, &hi);
    memset(tp, 0, sizeof *tp);
    tp->table = f->table;
    tp->byg = bl_alloc(d->arena, (hi - lo + 1) * sizeof *tp->byg);
    for (size_t j = lo; j < hi; j++) {
        const bl_fact *g = &d->facts[j];
        if (g->derived)
            continue;
        if (g->kind == BL_KIND_SCORE && g->value.scale > tp->score_scale)
            tp->score_scale = g->value.scale;
        bool ind = is_indicator(g);
        if (!ind && !is_exec(g))
            continue;
        if (g->kind == BL_KIND_WEIGHT)
            add_point(&tp->weights, g);
        else if (g->kind == BL_KIND_SCORE)
            add_point(&tp->scores, g);
        if (ind && g->kind == BL_KIND_WEIGHT && g->group)
            tp->byg[tp->nbyg++] = j;
    }
    ix_base = d->facts;
    qsort(tp->byg, tp->nbyg, sizeof *tp->byg, cmp_group);
}

/* The weights of the indicators under block label `group`. */
static const points *block_points(const bl_doc *d, table_points *tp, const char *group)
{
    size_t a = 0, b = tp->nbyg;
    while (a < b) {
        size_t mid = (a + b) / 2;
        if (strcmp(d->facts[tp->byg[mid]].group, group) < 0)
            a = mid + 1;
        else
            b = mid;
    }
    if (!tp->memo_group || strcmp(tp->memo_group, group) != 0) {
        tp->memo_group = group;
        memset(&tp->memo, 0, sizeof tp->memo);
        for (size_t j = a; j < tp->nbyg && strcmp(d->facts[tp->byg[j]].group, group) == 0; j++)
            add_point(&tp->memo, &d->facts[tp->byg[j]]);
    }
    return &tp->memo;
}

/* A finding's evidence: the fact itself, then the first of the facts it was summed from. */
static int with_first(int *ids, int id, const points *p)
{
    int n = 0;
    ids[n++] = id;
    for (int k = 0; k < p->nids && n < BL_MAX_FINDING_FACTS; k++)
        ids[n++] = p->ids[k];
    return n;
}

static void check_weights_scores(ctx *c)
{
    bl_doc *d = c->doc;
    bl_arena *A = d->arena;
    table_points tp = {0};
    for (size_t i = 0; i < d->nfacts; i++) {
        const bl_fact *f = &d->facts[i];
        if (!f->table || f->derived)
            continue;
        if (f->table != tp.table)
            gather_points(d, f, &tp);
        /* R7: a block label's points = the weights of its indicators */
        if (f->kind == BL_KIND_WEIGHT && strncmp(f->scope, "block:", 6) == 0) {
            const points *p = block_points(d, &tp, f->scope + 6);
            int ids[BL_MAX_FINDING_FACTS];
            if (p->n && !bl_range_overlap(p->sum, bl_range_exact(f->value, 0))) {
                char sb[64];
                bl_range_format_mid(p->sum, 0, f->value.scale, sb, sizeof sb);
                add_finding(c, "weight-sum-mismatch", f,
                            bl_strfmt(A, "%s 标明 %s 分，其下 %d 项指标分值之和为 %s 分", f->scope + 6, fmt_value(A, f), p->n,
                                      sb),
                            ids, with_first(ids, f->id, p), fmt_value(A, f), bl_strndup(A, sb, strlen(sb)), NULL, NULL, NULL);
            }
        }
        /* R7: 总分 row's weight = all weights (indicators and the 执行率 row) */
        if (f->kind == BL_KIND_WEIGHT && strcmp(f->scope, "sum") == 0) {
            const points *p = &tp.weights;
            int ids[BL_MAX_FINDING_FACTS];
            if (p->n >= 2 && !bl_range_overlap(p->sum, bl_range_exact(f->value, 0))) {
                char sb[64];
                bl_range_format_mid(p->sum, 0, f->value.scale, sb, sizeof sb);
                add_finding(c, "weight-sum-mismatch", f,
                            bl_strfmt(A, "总分值 %s 分，而预算执行率与各项指标分值之和为 %s 分（%d 项）", fmt_value(A, f), sb,
                                      p->n),
                            ids, with_first(ids, f->id, p), fmt_value(A, f), bl_strndup(A, sb, strlen(sb)), NULL, NULL, NULL);
            }
        }
        /* R9: the table's 总分 = the 执行率 row's score + the indicators' scores */
        if (f->kind == BL_KIND_SCORE && strcmp(f->scope, "total") == 0) {
            const points *p = &tp.scores;
            int ids[BL_MAX_FINDING_FACTS];
            if (p->n >= 2 && !bl_range_overlap(p->sum, f->range)) {
                char sb[64];
                bl_range_format_mid(p->sum, 0, tp.score_scale, sb, sizeof sb);
                add_finding(c, "score-sum-mismatch", f,
                            bl_strfmt(A, "总分 %s 分，而各项得分之和为 %s 分（%d 项，含预算执行率得分；允许误差为各数末位半单位之和）",
                                      fmt_value(A, f), sb, p->n),
                            ids, with_first(ids, f->id, p), fmt_value(A, f), bl_strndup(A, sb, strlen(sb)), NULL, NULL, NULL);
            }
        }
        if (f->kind != BL_KIND_SCORE || !is_indicator(f))
            continue;
        const bl_fact *w = own_weight(d, f);
        if (!w)
            continue;
        bl_range S = bl_range_of(f->value, 0), W = bl_range_exact(w->value, 0);
        /* R10: 0 <= 得分 <= 分值 */
        if (S.lo > W.hi || S.hi < 0) {
            int ids[2] = {f->id, w->id};
            add_finding(c, "score-out-of-range", f,
                        bl_strfmt(A, "指标“%s”得分 %s 分超出其分值 %s 分", strchr(f->scope, ':') + 1, fmt_value(A, f),
                                  fmt_value(A, w)),
                        ids, 2, fmt_value(A, f), NULL, "0", fmt_value(A, w), NULL);
            continue;
        }
        /* R12 where the form prints the formula: 得分 = 得分系数 × 分值 (重庆) */
        if (f->has_coef) {
            bl_range C = bl_range_exact(f->coef, 0); /* percent */
            bl_i128 expect = C.lo * units(w->value) / ((bl_i128)100 * 100000000);
            if (expect >= S.lo && expect <= S.hi)
                continue;
            char eb[48], cb[48];
            bl_range_format_mid((bl_range){expect, expect}, 0, 2, eb, sizeof eb);
            int ids[2] = {f->id, w->id};
            add_finding(c, "indicator-score-mismatch", f,
                        bl_strfmt(A, "指标“%s”得分系数 %s%% × 分值 %s = %s 分，表中为 %s 分", strchr(f->scope, ':') + 1,
                                  bl_dec_format(f->coef, cb, sizeof cb), fmt_value(A, w), eb, fmt_value(A, f)),
                        ids, 2, fmt_value(A, f), bl_strndup(A, eb, strlen(eb)), NULL, NULL, NULL);
            continue;
        }
        /* R12 / R13: a quantitative indicator's completion */
        const bl_fact *t = in_row(d, f, BL_KIND_TARGET), *v = in_row(d, f, BL_KIND_ACTUAL);
        if (!t || !v || !t->measure || !v->measure || strcmp(t->measure, v->measure) != 0 || t->value.mant <= 0)
            continue;
        bl_range T = bl_range_exact(t->value, 0), V = bl_range_exact(v->value, 0);
        bool met = t->op == '<' ? V.hi <= T.lo : V.lo >= T.hi;
        /* a met 正向 target earns the full weight (S1 定量指标) - unless far over it: some
         * forms take points for over-achievement (大英: more than 30% over scores nothing) */
        bool near = t->op != '<' && V.hi * 10 < T.lo * 13;
        /* 满意度 rows are scored by survey bands (宁夏: 92% satisfied, 13.6 of 15): not checked */
        bool survey = strstr(f->scope, "满意") || (f->group && strstr(f->group, "满意"));
        if (met && near && !survey && S.hi < W.lo) {
            int ids[4] = {f->id, w->id, t->id, v->id};
            add_finding(c, "indicator-score-mismatch", f,
                        bl_strfmt(A, "指标“%s”已完成（目标 %s%s%s，实际 %s%s），按规则应得满分 %s 分，表中为 %s 分",
                                  strchr(f->scope, ':') + 1, t->op == '<' ? "≤" : t->op == '>' ? "≥" : "",
                                  fmt_value(A, t), t->measure, fmt_value(A, v), v->measure, fmt_value(A, w),
                                  fmt_value(A, f)),
                        ids, 4, fmt_value(A, f), fmt_value(A, w), NULL, NULL, NULL);
            continue;
        }
        if (met)
            continue;
        bool full = S.hi >= W.lo; /* the stated score is the full weight */
        int ids[4] = {f->id, w->id, t->id, v->id};
        const char *name = strchr(f->scope, ':') + 1;
        if (full) {
            add_finding(c, "full-marks-unmet", f,
                        bl_strfmt(A, "指标“%s”目标 %s%s%s，实际 %s%s，未完成却得满分 %s 分", name,
                                  t->op == '<' ? "≤" : t->op == '>' ? "≥" : "", fmt_value(A, t), t->measure,
                                  fmt_value(A, v), v->measure, fmt_value(A, w)),
                        ids, 4, fmt_value(A, f), NULL, NULL, NULL, NULL);
            continue;
        }
        if (t->op == '<')
            continue; /* 反向: formulas differ (S13 vs S14); only full marks are surely wrong */
        /* 正向 / 等于: score = w x V / T at the score's precision */
        bl_range P = share_of_weight(S, units(w->value));
        int m = bl_ratio_meets(V, T, P);
        if (m != 0)
            continue;
        char rb[64], exp[64];
        bl_ratio_format(V, T, 4, rb, sizeof rb);
        snprintf(exp, sizeof exp, "%.2f", approx(w->value) * atof(rb) / 100.0);
        add_finding(c, "indicator-score-mismatch", f,
                    bl_strfmt(A, "指标“%s”未完成（目标 %s%s，实际 %s%s），按完成比例应得 %s × %s/%s = %s 分，表中为 %s 分", name,
                              fmt_value(A, t), t->measure, fmt_value(A, v), v->measure, fmt_value(A, w),
                              fmt_value(A, v), fmt_value(A, t), exp, fmt_value(A, f)),
                    ids, 4, fmt_value(A, f), bl_strndup(A, exp, strlen(exp)), NULL, NULL, NULL);
    }
}

/*
 * R8: the national template's first-level weights are 预算执行率 10, 产出 50, 效益 30,
 * 满意度 10 (财预〔2020〕10号, "原则上…特殊情况…适当调整"): info when a table in that
 * layout (分值 column, no block points, all three groups) sets others. The profile
 * holds the standard; regional profiles set none.
 */
static void check_standard_weights(ctx *c)
{
    const bl_doc *d = c->doc;
    const int *std = c->cfg->profile->weights;
    if (!std[0] && !std[1] && !std[2] && !std[3])
        return;
    int last = 0;
    for (size_t i = 0; i < d->nfacts; i++) {
        const bl_fact *x = &d->facts[i];
        if (x->kind != BL_KIND_WEIGHT || !is_exec(x) || x->derived || x->table == last)
            continue;
        last = x->table;
        bl_i128 sum[4] = {units(x->value), 0, 0, 0};
        int n[4] = {1, 0, 0, 0}, ids[BL_MAX_FINDING_FACTS] = {x->id}, nids = 1;
        bool national = true;
        for (size_t j = 0; j < d->nfacts && national; j++) {
            const bl_fact *g = &d->facts[j];
            if (g->table != x->table || g->kind != BL_KIND_WEIGHT || g->derived)
                continue;
            if (strncmp(g->scope, "block:", 6) == 0 || (is_exec(g) && g != x))
                national = false; /* 宁夏 / 城市级 blocks, or several projects in one table */
            if (!is_indicator(g))
                continue;
            if (strcmp(g->label, "分值") != 0)
                national = false; /* 四川 权重 (10 + 90), 重庆 指标权重 */
            int k = !g->group ? -1 : strstr(g->group, "产出") ? 1 : strstr(g->group, "效益") ? 2
                                   : strstr(g->group, "满意") ? 3 : -1;
            if (k < 0) {
                national = false;
                continue;
            }
            sum[k] += units(g->value);
            n[k]++;
            if (nids < BL_MAX_FINDING_FACTS)
                ids[nids++] = g->id;
        }
        if (!national || !n[1] || !n[2] || !n[3])
            continue;
        bool same = true;
        for (int k = 0; k < 4; k++)
            same &= sum[k] == (bl_i128)std[k] * 100000000;
        if (same)
            continue;
        char w[4][48];
        for (int k = 0; k < 4; k++) {
            bl_range r = {sum[k], sum[k]};
            bl_range_format_mid(r, 0, 0, w[k], sizeof w[k]);
        }
        bl_arena *A = c->doc->arena;
        add_finding(c, "weights-nonstandard", x,
                    bl_strfmt(A, "一级指标权重为 预算执行率 %s、产出 %s、效益 %s、满意度 %s，与原则性设置 %d/%d/%d/%d 不同"
                                 "（特殊情况可适当调整，请核对是否有说明）",
                              w[0], w[1], w[2], w[3], std[0], std[1], std[2], std[3]),
                    ids, nids, bl_strfmt(A, "%s/%s/%s/%s", w[0], w[1], w[2], w[3]),
                    bl_strfmt(A, "%d/%d/%d/%d", std[0], std[1], std[2], std[3]), NULL, NULL, NULL);
    }
}

/*
 * R14: a qualitative indicator is scored inside the band of its 完成情况: 达成 80%–100%
 * of its weight, 部分达成 60%–80%, 未达成 below 60% (财预〔2020〕10号 定性指标). Bands are
 * closed and the score is its printed interval: only a score wholly outside is reported.
 * R15: an indicator 30% or more above its 正向 target, with the form's 偏差原因 cell empty;
 * R16: an indicator that misses its target with that cell empty.
 */
static void check_indicator_bands(ctx *c)
{
    bl_doc *d = c->doc;
    bl_arena *A = d->arena;
    for (size_t i = 0; i < d->nfacts; i++) {
        const bl_fact *f = &d->facts[i];
        if (f->derived || !f->table || !is_indicator(f))
            continue;
        const char *name = strchr(f->scope, ':') + 1;
        if (f->kind == BL_KIND_SCORE && f->status) {
            const bl_fact *w = own_weight(d, f);
            if (!w)
                continue;
            bl_i128 W = units(w->value);
            int lo = strcmp(f->status, "达成") == 0 ? 80 : strcmp(f->status, "部分达成") == 0 ? 60 : 0;
            int hi = lo == 80 ? 100 : lo == 60 ? 80 : 60;
            bl_range S = bl_range_of(f->value, 0);
            bl_i128 L = W * lo / 100, H = W * hi / 100;
            if ((S.hi >= L && S.lo <= H) || S.lo > W)
                continue; /* inside its band; or above the weight itself (score-out-of-range) */
            char lb[48], hb[48];
            bl_range_format_mid((bl_range){L, L}, 0, 2, lb, sizeof lb);
            bl_range_format_mid((bl_range){H, H}, 0, 2, hb, sizeof hb);
            int ids[2] = {f->id, w->id};
            add_finding(c, "qualitative-band-mismatch", f,
                        bl_strfmt(A, "定性指标“%s”完成情况为“%s”，得分应在 %s–%s 分（分值 %s 的 %d%%–%d%%），表中为 %s 分",
                                  name, f->status, lb, hb, fmt_value(A, w), lo, hi, fmt_value(A, f)),
                        ids, 2, fmt_value(A, f), NULL, bl_strndup(A, lb, strlen(lb)), bl_strndup(A, hb, strlen(hb)),
                        NULL);
        }
        if (f->kind == BL_KIND_ACTUAL && f->reason && !f->has_reason) {
            const bl_fact *t = in_row(d, f, BL_KIND_TARGET);
            if (!t || !t->measure || !f->measure || strcmp(t->measure, f->measure) != 0 || t->value.mant <= 0)
                continue;
            bl_range T = bl_range_exact(t->value, 0), V = bl_range_exact(f->value, 0);
            bool unmet = t->op == '<' ? V.lo > T.hi : V.hi < T.lo;
            if (unmet) { /* R16: a missed target, and the form's reason cell left empty */
                int ids[2] = {f->id, t->id};
                add_finding(c, "deviation-reason-missing", f,
                            bl_strfmt(A, "指标“%s”未完成（目标 %s%s%s，实际 %s%s），偏差原因栏为空（%s）", name,
                                      t->op == '<' ? "≤" : t->op == '>' ? "≥" : "", fmt_value(A, t), t->measure,
                                      fmt_value(A, f), f->measure, c->cfg->profile->title),
                            ids, 2, fmt_value(A, f), NULL, NULL, NULL, NULL);
                continue;
            }
            if (t->op != '>' || V.lo * 10 < T.hi * 13)
                continue;
            char rb[48];
            bl_ratio_format(V, T, 0, rb, sizeof rb);
            int ids[2] = {f->id, t->id};
            add_finding(c, "over-target-unexplained", f,
                        bl_strfmt(A, "指标“%s”目标 ≥%s%s，实际 %s%s（为目标的 %s%%），高出 30%% 以上而偏差原因栏为空", name,
                                  fmt_value(A, t), t->measure, fmt_value(A, f), f->measure, rb),
                        ids, 2, fmt_value(A, f), NULL, NULL, NULL, NULL);
        }
    }
}

/*
 * R22: 共 N 个，其中 a 个、b 个 … - parts (counted exactly) that add up to more than their
 * total contradict it; fewer only when the list says 分别 (otherwise it may be partial).
 */
static void check_counts(ctx *c)
{
    bl_doc *d = c->doc;
    bl_arena *A = d->arena;
    for (size_t i = 0; i < d->nfacts; i++) {
        const bl_fact *t = &d->facts[i];
        if (t->kind != BL_KIND_COUNT || strncmp(t->scope, "count:", 6) != 0)
            continue;
        int64_t sum = 0;
        int n = 0, ids[BL_MAX_FINDING_FACTS] = {t->id}, nids = 1;
        bool every = false;
        char list[160] = "";
        size_t j = i + 1;
        for (; j < d->nfacts && d->facts[j].kind == BL_KIND_COUNT && strncmp(d->facts[j].scope, "count-part:", 11) == 0;
             j++) {
            const bl_fact *p = &d->facts[j];
            sum += p->value.mant;
            every |= strcmp(p->label, "分别") == 0;
            if (nids < BL_MAX_FINDING_FACTS)
                ids[nids++] = p->id;
            size_t l = strlen(list);
            snprintf(list + l, sizeof list - l, "%s%lld", n ? " + " : "", (long long)p->value.mant);
            n++;
        }
        i = j - 1;
        if (n < 2 || sum == t->value.mant || (sum < t->value.mant && !every))
            continue;
        add_finding(c, "count-mismatch", t,
                    bl_strfmt(A, "共 %lld%s，所列各项 %s = %lld%s，%s总数", (long long)t->value.mant, t->measure, list,
                              (long long)sum, t->measure, sum > t->value.mant ? "多于" : "少于"),
                    ids, nids, fmt_value(A, t), bl_strfmt(A, "%lld", (long long)sum), NULL, NULL, NULL);
    }
}

/* Findings the parser recorded (unreadable-table): under the configuration like the rest. */
static void adopt_parse_findings(ctx *c)
{
    bl_doc *d = c->doc;
    size_t n = d->nfindings;
    if (!n)
        return;
    bl_finding *old = bl_alloc(d->arena, n * sizeof *old);
    memcpy(old, d->findings, n * sizeof *old);
    d->nfindings = 0;
    for (size_t i = 0; i < n; i++) {
        bl_fact at = {0};
        at.page = old[i].page;
        at.line = old[i].line;
        add_finding(c, old[i].rule, &at, old[i].message, NULL, 0, old[i].stated, NULL, NULL, NULL, NULL);
    }
}

/* ---- the stage ----------------------------------------------------------------------------- */

static int cmp_finding(const void *a, const void *b)
{
    const bl_finding *x = a, *y = b;
    if (x->page != y->page)
        return x->page < y->page ? -1 : 1;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return strcmp(x->rule, y->rule);
}

void bl_validate(bl_doc *doc)
{
    bl_config cfg;
    bl_config_init(&cfg);
    bl_validate_with(doc, &cfg);
}

void bl_validate_with(bl_doc *doc, const bl_config *cfg)
{
    ctx c = {0};
    c.doc = doc;
    c.cfg = cfg;
    if (doc->err.cls != BL_OK) {
        /* an unreadable input has one finding to give: that it has no text to check */
        if (doc->err.code && strcmp(doc->err.code, "no-text-layer") == 0) {
            bl_finding f = {0};
            f.rule = "no-text-layer";
            f.severity = BL_SEV_ERROR;
            f.page = 1;
            f.line = 1;
            f.message = bl_strfmt(doc->arena, "PDF 共 %d 页，没有可提取的文字（扫描件或纯图片），无法核对任何数字；请先做 OCR",
                                  doc->npages);
            f.profile = cfg->profile->name;
            bl_doc_add_finding(doc, &f);
        }
        return;
    }
    /* the majority money unit: unit-suspect reads odd units in it */
    int n[3] = {0};
    for (size_t i = 0; i < doc->nfacts; i++) {
        const bl_fact *f = &doc->facts[i];
        if (is_money(f))
            n[f->unit == BL_UNIT_YUAN ? 0 : f->unit == BL_UNIT_WAN ? 1 : 2]++;
    }
    c.major_pow = -1;
    int total = n[0] + n[1] + n[2];
    for (int k = 0; k < 3; k++)
        if (total >= 3 && n[k] * 4 >= total * 3)
            c.major_pow = k * 4;
    /* derived facts are appended below; size the flags for them too */
    c.unit_flagged = bl_alloc(doc->arena, (doc->nfacts + 8) * sizeof *c.unit_flagged);

    adopt_parse_findings(&c);
    check_conflicts(&c);
    derive(&c, BL_KIND_BUDGET, false);
    derive(&c, BL_KIND_BUDGET, true);
    derive(&c, BL_KIND_EXECUTED, false);
    check_sums(&c, BL_KIND_EXECUTED, -1);
    check_sums(&c, BL_KIND_BUDGET, 0);
    check_sums(&c, BL_KIND_BUDGET, 1);
    size_t stated = doc->nfacts;
    for (size_t i = 0; i < stated; i++)
        if (doc->facts[i].kind == BL_KIND_RATE)
            check_rate(&c, &doc->facts[i]);
    check_scores(&c);
    check_damaged(&c);
    check_years(&c);
    check_sections(&c);
    check_reasons(&c);
    check_yoy(&c);
    check_balances(&c);
    check_source_sums(&c);
    check_part_sums(&c);
    check_exec_scores(&c);
    check_weights_scores(&c);
    check_standard_weights(&c);
    check_indicator_bands(&c);
    check_counts(&c);
    if (doc->nfindings > 1)
        qsort(doc->findings, doc->nfindings, sizeof *doc->findings, cmp_finding);
}
