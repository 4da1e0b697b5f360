/* report.c - the report as a document: missing-section (R23), deviation-reason-missing (R16). */
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/banned.h"

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

void check_sections(ctx *c)
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

/* Part of a year: 1-6月, 1—8月份, 1至9月 (not to 12月), 上半年, 前三季度, 一季度 … */
static bool part_of_year(const char *s, size_t n)
{
    static const char *const words[] = {"上半年", "前三季度", "第一季度", "一季度", "第二季度", "二季度", "第三季度", "三季度"};
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        for (size_t i = 0; i + strlen(words[k]) <= n; i++)
            if (memcmp(s + i, words[k], strlen(words[k])) == 0)
                return true;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9' || (i && s[i - 1] >= '0' && s[i - 1] <= '9'))
            continue;
        size_t j = i;
        while (j < n && s[j] >= '0' && s[j] <= '9')
            j++;
        /* a dash or 至 between two months */
        size_t k = j;
        if (k < n && (s[k] == '-' || s[k] == '~'))
            k++;
        else if (k + 3 <= n && (memcmp(s + k, "—", 3) == 0 || memcmp(s + k, "至", 3) == 0 || memcmp(s + k, "－", 3) == 0))
            k += 3;
        else
            continue;
        size_t m0 = k;
        int to = 0;
        while (k < n && s[k] >= '0' && s[k] <= '9' && k - m0 < 2)
            to = to * 10 + (s[k++] - '0');
        if (k > m0 && k + 3 <= n && memcmp(s + k, "月", 3) == 0 && to >= 1 && to < 12)
            return true;
    }
    return false;
}

/*
 * A rate stated as of a date in its paragraph (截至8月底, 目前), or for part of a year there
 * or in the report's title (1-6月份…执行情况, 上半年): an interim figure.
 */
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
    return part_of_year(d->text + p, f->start - p) || (d->title && part_of_year(d->title, strlen(d->title)));
}

void check_reasons(ctx *c)
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
