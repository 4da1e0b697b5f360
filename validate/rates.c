/* rates.c - execution rates: rate-mismatch (R1), rate-truncated (R2), rate-basis-unknown (R3), rate-out-of-range (R18), missing-figure (R24), and the budgets a reviewer derives (R6). */
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/banned.h"

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

void derive(ctx *c, bl_kind k, bool initial)
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

/* ---- rate-mismatch (R1, R2, R3, R18, R24) ---------------------------------------------- */

const char *basis_word(const bl_fact *budget)
{
    if (budget->derived)
        return "推算预算数";
    switch (budget->basis) {
    case BL_BASIS_INITIAL: return "年初预算数";
    case BL_BASIS_ADJUSTED: return "全年（调整后）预算数";
    default: return "预算数";
    }
}

void check_rate(ctx *c, const bl_fact *r)
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
