/* scores.c - scores, weights and grades: score-out-of-range (R10), grade-mismatch (R11), exec-score-mismatch (R4), weight-sum-mismatch (R7), weights-nonstandard (R8), score-sum-mismatch (R9), indicator-score-mismatch (R12), full-marks-unmet (R13), qualitative-band-mismatch (R14), over-target-unexplained (R15). */
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/banned.h"

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

void check_scores(ctx *c)
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
    sort_by_kind_scope(d->facts, sc, nsc);
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
void check_exec_scores(ctx *c)
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

static const bl_fact *group_base; /* the facts cmp_group's indices point into */

static int cmp_group(const void *x, const void *y)
{
    const bl_fact *a = &group_base[*(const size_t *)x], *b = &group_base[*(const size_t *)y];
    int g = strcmp(a->group, b->group);
    if (g)
        return g;
    return *(const size_t *)x < *(const size_t *)y ? -1 : 1;
}

/*
 * One form printed as two tables (a 资金情况 table with the 预算执行率 row's 分值 and
 * 得分, then the indicator table with the 总分 row, headings or prose without figures
 * between, as drafts and text versions split them): the indicator table's sums take
 * the 执行率 row of the table just before it when that table has no total of its own.
 */
static void borrow_exec(const bl_doc *d, int table, size_t lo, table_points *tp)
{
    size_t j = lo;
    while (j > 0 && d->facts[j - 1].table == 0 && d->facts[j - 1].derived)
        j--;
    if (j == 0 || d->facts[j - 1].table != table - 1 || table < 2)
        return;
    size_t a = j;
    while (a > 0 && d->facts[a - 1].table == table - 1)
        a--;
    for (size_t k = a; k < j; k++) {
        const bl_fact *g = &d->facts[k];
        if (is_indicator(g) || strcmp(g->scope, "sum") == 0 ||
            (g->kind == BL_KIND_SCORE && strcmp(g->scope, "total") == 0))
            return; /* a form of its own */
    }
    for (size_t k = a; k < j; k++) {
        const bl_fact *g = &d->facts[k];
        if (g->derived || !is_exec(g))
            continue;
        if (g->kind == BL_KIND_WEIGHT)
            add_point(&tp->weights, g);
        else if (g->kind == BL_KIND_SCORE)
            add_point(&tp->scores, g);
    }
}

static void gather_points(const bl_doc *d, const bl_fact *f, table_points *tp)
{
    bool has_exec = false;
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
        has_exec |= !ind;
        if (g->kind == BL_KIND_WEIGHT)
            add_point(&tp->weights, g);
        else if (g->kind == BL_KIND_SCORE)
            add_point(&tp->scores, g);
        if (ind && g->kind == BL_KIND_WEIGHT && g->group)
            tp->byg[tp->nbyg++] = j;
    }
    if (!has_exec)
        borrow_exec(d, f->table, lo, tp);
    group_base = d->facts;
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

void check_weights_scores(ctx *c)
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
            if (expect >= S.lo && expect <= S.hi) {
                /* the formula holds, but a full coefficient for a target the actual value misses does not */
                const bl_fact *t = in_row(d, f, BL_KIND_TARGET), *v = in_row(d, f, BL_KIND_ACTUAL);
                if (!t || !v || !t->measure || !v->measure || strcmp(t->measure, v->measure) != 0 ||
                    t->value.mant <= 0 || C.lo < (bl_i128)100 * 100000000)
                    continue;
                bl_range T = bl_range_exact(t->value, 0), V = bl_range_exact(v->value, 0);
                bool unmet = t->op == '<' ? V.lo > T.hi : V.hi < T.lo;
                if (!unmet)
                    continue;
                char cb[48];
                int ids[4] = {f->id, w->id, t->id, v->id};
                add_finding(c, "indicator-score-mismatch", f,
                            bl_strfmt(A, "指标“%s”目标 %s%s%s，实际 %s%s，未完成，得分系数却为 %s%%（得分 %s 分即满分）",
                                      strchr(f->scope, ':') + 1, t->op == '<' ? "≤" : t->op == '>' ? "≥" : "",
                                      fmt_value(A, t), t->measure, fmt_value(A, v), v->measure,
                                      bl_dec_format(f->coef, cb, sizeof cb), fmt_value(A, f)),
                            ids, 4, fmt_value(A, f), NULL, NULL, NULL, NULL);
                continue;
            }
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
void check_standard_weights(ctx *c)
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
void check_indicator_bands(ctx *c)
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
