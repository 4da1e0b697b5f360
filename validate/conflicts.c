/* conflicts.c - one figure, two places: figure-conflict (R17), unit-suspect on restatements (R20), damaged-number, year-mismatch (R25), yoy-mismatch (R21). */
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../normalize/quantity.h"

#include "../core/banned.h"

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
void check_conflicts(ctx *c)
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

/* ---- damaged-number: OCR damage and glued cells are reported, never read --------- */

void check_damaged(ctx *c)
{
    bl_doc *d = c->doc;
    for (size_t i = 0; i < d->nquantities; i++) {
        const bl_quantity *q = &d->quantities[i];
        if (!(q->tags & BL_QT_DAMAGED))
            continue;
        bl_fact at = {0};
        bl_doc_locate(d, q->num_start, &at.page, &at.line);
        const char *txt = bl_strndup(d->arena, d->text + q->start, q->end - q->start);
        int conf = bl_doc_ocr_conf(d, q->num_start, q->num_end);
        add_finding(c, "damaged-number", &at,
                    conf >= 0 && conf < BL_OCR_MIN_CONF
                        ? bl_strfmt(d->arena, "“%s”由 OCR 识别，其中有数字无法确认（可信度 %d 低于 %d：两种识别结果不一致、"
                                              "被印章遮盖，或数值不合常理），未作为数字读取，请对照原件核对", txt, conf, BL_OCR_MIN_CONF)
                        : bl_strfmt(d->arena, "“%s”疑似 OCR 识别错误或表格单元格粘连（如 O76%%、M.8万元、40004000100%%），未作为数字读取，请人工核对", txt),
                    NULL, 0, txt, NULL, NULL, NULL, NULL);
    }
}

/* ---- year-mismatch (R25): the figures' year against the title's ------------------- */

void check_years(ctx *c)
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

/* ---- yoy-mismatch (R21): 增幅 = 增加额 / (本年 − 增加额) ---------------------------- */

void check_yoy(ctx *c)
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
