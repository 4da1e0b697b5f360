/* validate.c - the reviewer's cross-checks, on exact intervals. */
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/banned.h"

static const bl_rule rules[] = {
    {"rate-mismatch", BL_SEV_ERROR, "执行率与其执行数、预算数不符", "validate/rates.c"},
    {"rate-truncated", BL_SEV_INFO, "执行率是截尾而非四舍五入的结果", "validate/rates.c"},
    {"rate-out-of-range", BL_SEV_WARNING, "执行率超出可能范围", "validate/rates.c"},
    {"rate-basis-unknown", BL_SEV_WARNING, "执行率标明的预算口径不符，与年初预算数相符", "validate/rates.c"},
    {"sum-mismatch", BL_SEV_ERROR, "分项之和不等于总额", "validate/sums.c"},
    {"grade-mismatch", BL_SEV_ERROR, "绩效等级与得分所在档次不符", "validate/scores.c"},
    {"score-out-of-range", BL_SEV_ERROR, "得分超出 0–100 分", "validate/scores.c"},
    {"figure-conflict", BL_SEV_ERROR, "同一数字前后两次陈述不一致", "validate/conflicts.c"},
    {"unit-suspect", BL_SEV_ERROR, "金额单位疑似混用（元与万元）", "validate/conflicts.c"},
    {"missing-figure", BL_SEV_WARNING, "无法核对：缺少预算数或执行数", "validate/rates.c"},
    {"damaged-number", BL_SEV_WARNING, "数字疑似 OCR 损坏或表格单元格粘连，未读取", "validate/conflicts.c"},
    {"year-mismatch", BL_SEV_WARNING, "数字所属年度与报告标题的年度不同", "validate/conflicts.c"},
    {"missing-section", BL_SEV_WARNING, "自评报告缺少必备内容", "validate/report.c"},
    {"deviation-reason-missing", BL_SEV_WARNING, "执行率偏低或指标未完成而未说明原因", "validate/report.c"},
    {"yoy-mismatch", BL_SEV_ERROR, "同比增减百分比与增减额、本年数不符", "validate/conflicts.c"},
    {"balance-mismatch", BL_SEV_ERROR, "预算数减执行数不等于结余", "validate/sums.c"},
    {"no-text-layer", BL_SEV_ERROR, "PDF 没有文本层，无法核对", "validate/validate.c"},
    {"exec-score-mismatch", BL_SEV_ERROR, "预算执行率得分不等于分值×执行率", "validate/scores.c"},
    {"weight-sum-mismatch", BL_SEV_ERROR, "指标分值之和与所属一级指标或总分值不符", "validate/scores.c"},
    {"score-sum-mismatch", BL_SEV_ERROR, "各项得分之和不等于总分", "validate/scores.c"},
    {"indicator-score-mismatch", BL_SEV_WARNING, "定量指标得分与完成情况不符", "validate/scores.c"},
    {"full-marks-unmet", BL_SEV_WARNING, "指标未完成却得满分", "validate/scores.c"},
    {"unreadable-table", BL_SEV_WARNING, "表格单元格粘连，数字无法分开，未读取", "parse/tables.c"},
    {"weights-nonstandard", BL_SEV_INFO, "一级指标权重与原则性设置不同", "validate/scores.c"},
    {"qualitative-band-mismatch", BL_SEV_WARNING, "定性指标得分不在其完成情况的分档内", "validate/scores.c"},
    {"over-target-unexplained", BL_SEV_INFO, "完成值远高于指标值而未说明原因", "validate/scores.c"},
    {"count-mismatch", BL_SEV_WARNING, "分项个数之和与所述总数不符", "validate/sums.c"},
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
    check_count_excess(&c);
    if (doc->nfindings > 1)
        qsort(doc->findings, doc->nfindings, sizeof *doc->findings, cmp_finding);
}
