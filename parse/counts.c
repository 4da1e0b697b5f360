/* counts.c - counts that claim to add up: 共 N 个 …，其中 (分别为) A a 个、B b 个 (R22). */
#include <string.h>

#include "../normalize/quantity.h"
#include "counts.h"
#include "text.h"

#include "../core/banned.h"

/* Measure words that count things (not 人次, 万亩, 天: those are amounts of a kind). */
static bool count_word(const char *m)
{
    static const char *const w[] = {"个", "项", "家", "所", "人", "名", "次", "件", "处", "条",
                                    "座", "户", "辆", "台", "套", "场", "本", "类", "批", "份", "篇"};
    if (!m)
        return false;
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
        if (strcmp(m, w[i]) == 0)
            return true;
    return false;
}

static bool exact_count(const bl_quantity *q)
{
    return q->kind == BL_QK_FIGURE && q->unit == BL_QU_MEASURE && count_word(q->measure) && q->value.scale == 0 &&
           q->value.mant >= 0 &&
           !(q->tags & (BL_QT_APPROX | BL_QT_LOWER | BL_QT_UPPER | BL_QT_RANGE | BL_QT_DAMAGED | BL_QT_PER |
                        BL_QT_POINTS_DIFF | BL_QT_DOWN | BL_QT_UP));
}

/* A break inside a clause: the words between a trigger and its number must not cross one. */
static bool is_break(const char *t, size_t i)
{
    static const char *const p[] = {"，", "。", "；", "：", "、", "（", "）"};
    unsigned char b = (unsigned char)t[i];
    if (b < 0x80)
        return b == ',' || b == ';' || b == ':' || b == '\n' || b == '\t';
    if (b != 0xEF && b != 0xE3) /* the lead bytes of the CJK marks above */
        return false;
    for (size_t k = 0; k < sizeof p / sizeof p[0]; k++)
        if (strncmp(t + i, p[k], 3) == 0) /* stops at the text's NUL */
            return true;
    return false;
}

/* 共 / 共计 / 合计 / 总计 / 总共 in the same clause, at most 8 characters before at. */
static bool total_before(const char *t, size_t from, size_t at)
{
    size_t lo = at > 24 ? at - 24 : 0;
    if (lo < from)
        lo = from;
    for (size_t i = at; i-- > lo;) {
        if (is_break(t, i))
            return false;
        if (strncmp(t + i, "共", 3) == 0 || strncmp(t + i, "合计", 6) == 0 || strncmp(t + i, "总计", 6) == 0)
            return true;
    }
    return false;
}

static void add(bl_doc *d, const bl_quantity *q, const char *scope, const char *label, int *id)
{
    bl_fact f = {0};
    f.kind = BL_KIND_COUNT;
    f.scope = scope;
    f.value = q->value;
    f.unit = BL_UNIT_OTHER;
    f.measure = q->measure;
    f.grade = BL_GRADE_NONE;
    f.label = label;
    f.start = q->start;
    f.end = q->end;
    f.num_at = q->num_start;
    f.text = bl_strndup(d->arena, d->text + q->start, q->end - q->start);
    f.range = bl_range_exact(q->value, 0);
    bl_doc_locate(d, q->num_start, &f.page, &f.line);
    f.id = ++*id;
    bl_doc_add_fact(d, &f);
}

void bl_parse_counts(bl_doc *d, int *id)
{
    const char *t = d->text;
    const bl_quantity *qs = d->quantities;
    size_t nq = d->nquantities;
    bool any_table = bl_doc_has_tables(d);
    for (size_t i = 0; i < nq; i++) {
        const bl_quantity *q = &qs[i];
        if (!exact_count(q) || !total_before(t, 0, q->start))
            continue;
        if (any_table && d->lines[bl_doc_line_at(d, d->src[q->num_start])].table)
            continue; /* table rows are read by their columns */
        /* the sentence: to its 。 (or a paragraph break), at most 400 bytes */
        size_t e = q->end, lim = q->end + 400 < d->text_len ? q->end + 400 : d->text_len;
        while (e < lim && strncmp(t + e, "。", 3) != 0 && !(t[e] == '\n' && e + 1 < lim && t[e + 1] == '\n'))
            e++;
        /* 其中 / 分别 right after the total (a few characters of filler at most) */
        size_t qz = q->end;
        while (qz < e && qz < q->end + 12 && strncmp(t + qz, "其中", 6) != 0 && strncmp(t + qz, "分别", 6) != 0)
            qz++;
        if (qz >= e || (strncmp(t + qz, "其中", 6) != 0 && strncmp(t + qz, "分别", 6) != 0))
            continue;
        /* a list with 等 is partial (一等奖 and 二等 are names) */
        bool partial = false, every = has(t + qz, e - qz, "分别");
        for (size_t k = qz; k + 3 <= e && !partial; k++)
            if (strncmp(t + k, "等", 3) == 0 && strncmp(t + k + 3, "奖", 3) != 0 && strncmp(t + k + 3, "级", 3) != 0)
                partial = true;
        /* level counts (一级指标3个，二级指标9个，三级指标12个) describe a tree, not a sum (traps.md 19) */
        if (partial || (has(t + qz, e - qz, "一级") && has(t + qz, e - qz, "二级")))
            continue;
        /* the parts: counts of the same measure word, outside brackets, up to a nested 其中 or 共 */
        size_t parts[16], np = 0;
        int depth = 0;
        size_t k = qz + 6, j = i + 1;
        for (; k < e; k++) {
            if (strncmp(t + k, "（", 3) == 0 || t[k] == '(')
                depth++;
            else if ((strncmp(t + k, "）", 3) == 0 || t[k] == ')') && depth > 0)
                depth--;
            else if (strncmp(t + k, "其中", 6) == 0 && depth == 0)
                break;
            while (j < nq && qs[j].num_start < k)
                j++;
            if (j < nq && qs[j].num_start == k && depth == 0) {
                const bl_quantity *p = &qs[j];
                if (p->kind == BL_QK_FIGURE && p->unit == BL_QU_MEASURE && p->measure &&
                    strcmp(p->measure, q->measure) == 0) {
                    if (!exact_count(p) || total_before(t, qz, p->start) || np == 16) {
                        np = 0; /* an approximate or nested count: not a list to add up */
                        break;
                    }
                    parts[np++] = j;
                }
            }
        }
        if (np < 2)
            continue;
        add(d, q, bl_strfmt(d->arena, "count:%s", q->measure), "共", id);
        for (size_t p = 0; p < np; p++)
            add(d, &qs[parts[p]], bl_strfmt(d->arena, "count-part:%s", q->measure), every ? "分别" : "其中", id);
        i = parts[np - 1];
    }
}

/* The clause before t[at]: from the last ，。；：、 or line start, at most 120 bytes. */
static size_t clause_from(const char *t, size_t at)
{
    size_t lim = at > 120 ? at - 120 : 0, i = at;
    while (i > lim && t[i - 1] != '\n' && strncmp(t + i - (i >= 3 ? 3 : 0), "，", 3) != 0 &&
           strncmp(t + i - (i >= 3 ? 3 : 0), "。", 3) != 0 && strncmp(t + i - (i >= 3 ? 3 : 0), "；", 3) != 0)
        i--;
    while (lim < i && ((unsigned char)t[i] & 0xC0) == 0x80)
        i++;
    return i;
}

/*
 * 超任务 X% (实际改造数超任务43%): the excess of what was done over the task, a
 * percentage of the task. The task is the count of the same measure its clause calls
 * 任务 / 计划 / 目标, what was done the one its clause calls 实际 / 完成, both before the
 * percentage; they become count facts (count-task:<量词>, count-done:<量词>) and the
 * percentage a count fact of scope count-over:<量词> that count-mismatch recomputes.
 */
void bl_parse_count_excess(bl_doc *d, int *id)
{
    const char *t = d->text;
    const bl_quantity *qs = d->quantities;
    size_t nq = d->nquantities;
    for (size_t i = 0; i < nq; i++) {
        const bl_quantity *p = &qs[i];
        if (p->kind != BL_QK_FIGURE || p->unit != BL_QU_PERCENT || (p->tags & (BL_QT_APPROX | BL_QT_RANGE)))
            continue;
        size_t cl = clause_from(t, p->num_start);
        size_t n = p->num_start - cl;
        if (!(has(t + cl, n, "超任务") || has(t + cl, n, "超计划") || has(t + cl, n, "超目标") ||
              has(t + cl, n, "超出任务") || has(t + cl, n, "超出计划")))
            continue;
        const bl_quantity *task = NULL, *done = NULL;
        for (size_t k = 0; k < i; k++) {
            const bl_quantity *q = &qs[k];
            if (!exact_count(q))
                continue;
            size_t qc = clause_from(t, q->num_start), qn = q->num_start - qc;
            bool is_task = has(t + qc, qn, "任务") || has(t + qc, qn, "计划") || has(t + qc, qn, "目标");
            bool is_done = !is_task && (has(t + qc, qn, "实际") || has(t + qc, qn, "完成"));
            if (is_task && !task)
                task = q;
            else if (is_done && !done && (!task || strcmp(q->measure, task->measure) == 0))
                done = q;
        }
        if (!task || !done || strcmp(task->measure, done->measure) != 0)
            continue;
        const char *m = task->measure;
        add(d, task, bl_strfmt(d->arena, "count-task:%s", m), "任务", id);
        add(d, done, bl_strfmt(d->arena, "count-done:%s", m), "实际", id);
        add(d, p, bl_strfmt(d->arena, "count-over:%s", m), "超任务", id);
        bl_fact *f = &d->facts[d->nfacts - 1];
        f->unit = BL_UNIT_PERCENT;
        f->measure = "%";
        f->range = bl_range_of(p->value, 0);
        return; /* one such statement a report */
    }
}
