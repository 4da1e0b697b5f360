/* sums.c - parts and their totals: sum-mismatch (R5: 基本/项目, a form's 其中 rows, prose 其中 lists), balance-mismatch (R19), count-mismatch (R22). */
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/banned.h"

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

void check_sums(ctx *c, bl_kind k, int basis_class)
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

/* ---- balance-mismatch (R19): 预算 − 执行 = 结余 ------------------------------------- */

void check_balances(ctx *c)
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

void check_source_sums(ctx *c)
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
        /* parts that miss their total; or one part above it: no other row can explain that */
        if (nparts == 0 || (nparts == 1 ? sum.lo <= t->range.hi : bl_range_overlap(sum, t->range)))
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
void check_part_sums(ctx *c)
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
        const char *word = t->kind == BL_KIND_BUDGET      ? "预算数"
                           : t->kind == BL_KIND_EXECUTED  ? "执行数"
                           : t->kind == BL_KIND_AVAILABLE ? "到位数"
                                                           : "总额";
        const char *msg =
            nparts == 1 ? bl_strfmt(A, "其中一项 %s 大于其总额 %s", list, fmt_money(A, t))
                        : bl_strfmt(A, "其中各项之和不等于总额：%s = %s%s，与%s %s（第%d页第%d行）不符（允许误差为各数末位半单位之和）",
                                    list, sb, bl_unit_name(t->unit), word, fmt_money(A, t), t->page, t->line);
        add_finding(c, "sum-mismatch", t, msg, ids, nids, fmt_value(A, t), bl_strndup(A, sb, strlen(sb)), NULL, NULL,
                    NULL);
    }
}

/*
 * R22: 共 N 个，其中 a 个、b 个 … - parts (counted exactly) that add up to more than their
 * total contradict it; fewer only when the list says 分别 (otherwise it may be partial).
 */
void check_counts(ctx *c)
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

/*
 * count-mismatch for 超任务 X%: the excess (done − task) as a percentage of the task
 * (parse/counts.c reads the three), on the stated percentage's interval.
 */
void check_count_excess(ctx *c)
{
    bl_doc *d = c->doc;
    bl_arena *A = d->arena;
    const bl_fact *task = NULL, *done = NULL;
    for (size_t i = 0; i < d->nfacts; i++) {
        const bl_fact *f = &d->facts[i];
        if (f->kind != BL_KIND_COUNT)
            continue;
        if (strncmp(f->scope, "count-task:", 11) == 0)
            task = f;
        else if (strncmp(f->scope, "count-done:", 11) == 0)
            done = f;
        else if (strncmp(f->scope, "count-over:", 11) == 0 && task && done) {
            bl_range over = bl_range_sub(done->range, task->range);
            if (bl_ratio_meets(over, task->range, f->range) != 0)
                continue; /* fits, or no ratio can be taken */
            char e[64], alt[64];
            bl_ratio_format(over, task->range, f->value.scale, e, sizeof e);
            bl_ratio_format(task->range, done->range, f->value.scale, alt, sizeof alt);
            int ids[3] = {task->id, done->id, f->id};
            add_finding(c, "count-mismatch", f,
                        bl_strfmt(A, "超任务 %s%% 与 (实际 %s − 任务 %s) / 任务 %s = %s%% 不符（任务/实际 = %s%%）",
                                  fmt_value(A, f), fmt_value(A, done), fmt_value(A, task), fmt_value(A, task), e, alt),
                        ids, 3, fmt_value(A, f), bl_strndup(A, e, strlen(e)), NULL, NULL, NULL);
        }
    }
}
