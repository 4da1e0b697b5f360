/* validate.c - the reviewer's cross-checks, on exact intervals. */
#include "check.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../normalize/quantity.h"

#include "../core/banned.h"

static const bl_rule rules[] = {
    {"rate-mismatch", BL_SEV_ERROR, "执行率与其执行数、预算数不符", "validate/rates.c", "核对执行数、预算数和执行率三者：按“执行数÷预算数×100%”重新计算执行率（保留到所写的小数位，四舍五入），改正写错的那一个；若执行率按年初预算计算，请写明“完成年初预算的X%”。"},
    {"rate-truncated", BL_SEV_INFO, "执行率是截尾而非四舍五入的结果", "validate/rates.c", "执行率应四舍五入而非直接截尾：按所写小数位重新取整。"},
    {"rate-out-of-range", BL_SEV_WARNING, "执行率超出可能范围", "validate/rates.c", "执行率不应为负，也不应超过全年（调整后）预算的100%；核对执行数与预算数是否填反、单位是否一致，超支的须说明原因。"},
    {"rate-basis-unknown", BL_SEV_WARNING, "执行率标明的预算口径不符，与年初预算数相符", "validate/rates.c", "写明执行率所依据的预算口径（年初预算或全年调整后预算），并与表头“执行率(B/A)”等公式一致。"},
    {"sum-mismatch", BL_SEV_ERROR, "分项之和不等于总额", "validate/sums.c", "核对各分项（基本支出、项目支出、其中各项资金来源）与总额：改正写错的数字，或补齐遗漏的分项。"},
    {"grade-mismatch", BL_SEV_ERROR, "绩效等级与得分所在档次不符", "validate/scores.c", "按得分所在档次确定绩效等级（90分及以上为优，80–90分为良，60–80分为中，60分以下为差），或核对得分。"},
    {"score-out-of-range", BL_SEV_ERROR, "得分超出 0–100 分", "validate/scores.c", "自评得分应在0–100分之间，单项得分不超过其分值；核对得分。"},
    {"figure-conflict", BL_SEV_ERROR, "同一数字前后两次陈述不一致", "validate/conflicts.c", "同一数字在报告中前后出现两次数值不同：统一为正确的数值。"},
    {"unit-suspect", BL_SEV_ERROR, "金额单位疑似混用（元与万元）", "validate/conflicts.c", "核对金额单位：元与万元相差一万倍，统一单位后再填写。"},
    {"missing-figure", BL_SEV_WARNING, "无法核对：缺少预算数或执行数", "validate/rates.c", "补充执行率所依据的预算数和执行数，便于核对。"},
    {"damaged-number", BL_SEV_WARNING, "数字疑似 OCR 损坏或表格单元格粘连，未读取", "validate/conflicts.c", "该数字无法辨认（扫描损坏或表格单元格粘连）：提供清晰的原件，或在表格中分开各单元格。"},
    {"year-mismatch", BL_SEV_WARNING, "数字所属年度与报告标题的年度不同", "validate/conflicts.c", "核对数字所属年度与报告年度是否一致；引用以前年度数字的，写明年度。"},
    {"missing-section", BL_SEV_WARNING, "自评报告缺少必备内容", "validate/report.c", "按自评报告格式补充缺少的部分（基本情况、绩效目标完成情况、偏差原因及改进措施等）。"},
    {"deviation-reason-missing", BL_SEV_WARNING, "执行率偏低或指标未完成而未说明原因", "validate/report.c", "执行率偏低或指标未完成时，写明偏差原因和改进措施。"},
    {"yoy-mismatch", BL_SEV_ERROR, "同比增减百分比与增减额、本年数不符", "validate/conflicts.c", "按“增减额÷（本年数−增减额）×100%”重新计算同比增减百分比，或核对增减额与本年数。"},
    {"balance-mismatch", BL_SEV_ERROR, "预算数减执行数不等于结余", "validate/sums.c", "核对结余：结余应等于预算数减执行数。"},
    {"no-text-layer", BL_SEV_ERROR, "PDF 没有可用的文本层", "validate/validate.c", "提交带文本层的PDF（由Word、WPS导出）；扫描件已由 OCR 识别时，对照原件核对识别出的数字和未能读取的数字（damaged-number）。"},
    {"exec-score-mismatch", BL_SEV_ERROR, "预算执行率得分不等于分值×执行率", "validate/scores.c", "预算执行率得分应为“分值×执行率”（不超过分值）：重新计算。"},
    {"weight-sum-mismatch", BL_SEV_ERROR, "指标分值之和与所属一级指标或总分值不符", "validate/scores.c", "核对各指标分值：其和应等于所属一级指标的分值及总分值（通常为100分）。"},
    {"score-sum-mismatch", BL_SEV_ERROR, "各项得分之和不等于总分", "validate/scores.c", "核对各项得分：其和（含预算执行率得分）应等于总分。"},
    {"indicator-score-mismatch", BL_SEV_WARNING, "定量指标得分与完成情况不符", "validate/scores.c", "定量指标：完成指标值的记满分，未完成的按“实际完成值÷指标值×分值”计分；得分系数应与完成情况一致。"},
    {"full-marks-unmet", BL_SEV_WARNING, "指标未完成却得满分", "validate/scores.c", "指标未完成不应得满分：按完成比例计分，并说明偏差原因。"},
    {"unreadable-table", BL_SEV_WARNING, "表格单元格粘连，数字无法分开，未读取", "parse/tables.c", "表格中的数字粘连无法分开：检查表格排版，确保每个数字在各自的单元格中。"},
    {"weights-nonstandard", BL_SEV_INFO, "一级指标权重与原则性设置不同", "validate/scores.c", "一级指标权重原则上为预算执行率10%、产出50%、效益30%、满意度10%；调整的须说明理由。"},
    {"qualitative-band-mismatch", BL_SEV_WARNING, "定性指标得分不在其完成情况的分档内", "validate/scores.c", "定性指标按完成情况分档计分（达成、部分达成、未达成）：核对得分是否在所属档次内。"},
    {"over-target-unexplained", BL_SEV_INFO, "完成值远高于指标值而未说明原因", "validate/scores.c", "完成值远超指标值（30%以上）的，说明原因；指标值设定偏低的，下年调整。"},
    {"count-mismatch", BL_SEV_WARNING, "分项个数之和与所述总数不符", "validate/sums.c", "核对个数：各分项个数之和应等于所述总数。"},
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

/*
 * A sum with a part that could not be read is no sum to check: a sum-mismatch,
 * weight-sum-mismatch or score-sum-mismatch whose figures share a table with a damaged
 * number (an OCR digit not confirmed, a glued cell), or whose prose span holds one, is
 * left out - the damaged-number finding says what to look at.
 */
static bool is_sum_rule(const char *r)
{
    return strcmp(r, "sum-mismatch") == 0 || strcmp(r, "weight-sum-mismatch") == 0 ||
           strcmp(r, "score-sum-mismatch") == 0;
}

/*
 * A rate in a table with a column of amounts under no header (a header cell a scan lost:
 * the 全年预算数 the rate is of may be there) is no rate to check against the budgets read.
 */
static bool rate_unheaded(const bl_doc *d, const bl_finding *f)
{
    if (strcmp(f->rule, "rate-mismatch") != 0 && strcmp(f->rule, "rate-truncated") != 0 &&
        strcmp(f->rule, "rate-basis-unknown") != 0)
        return false;
    for (int j = 0; j < f->nfacts; j++) {
        const bl_fact *x = bl_doc_fact(d, f->facts[j]);
        for (int u = 0; x && x->kind == BL_KIND_RATE && u < d->nunheaded_tables; u++)
            if (x->table == d->unheaded_tables[u])
                return true;
    }
    return false;
}

/* The cell of line l holding raw offset raw; NULL when none does. */
static const bl_cell *cell_at(const bl_doc *d, size_t l, size_t raw)
{
    for (int c = 0; c < d->lines[l].ncells; c++) {
        const bl_cell *cl = &d->lines[l].cells[c];
        if (raw >= cl->off && raw < cl->off + cl->len)
            return cl;
    }
    return NULL;
}

/*
 * Do two cells stand in one column: across, each over the other by half the narrower's
 * width (a form's regions number their columns each their own way: the 分值 of the funds'
 * rows is the fifth cell, as is the 实际完成值 of the indicators' rows).
 */
static bool same_column(const bl_cell *a, const bl_cell *b)
{
    float narrow = a->x1 - a->x0 < b->x1 - b->x0 ? a->x1 - a->x0 : b->x1 - b->x0;
    if (narrow <= 0)
        return a->col == b->col;
    return bl_span_overlap(a->x0, a->x1, b->x0, b->x1) >= 0.5f * narrow;
}

/* A sum's stated figure and its cell (NULL in prose, or when not found). */
typedef struct {
    const bl_fact *x;
    const bl_cell *c;
} placed;

/*
 * Does the damaged figure q count against the sum of the figures p[0..n) (lo..hi: where
 * they stand in the text)? In a table: when it is in a table one of the figures is in, in
 * their rows or the row either side of them, under one of them (a date in the targets'
 * column leaves the scores' sum whole, one in the indicators' rows the funds' sum;
 * anywhere in those rows when a cell is not known). In prose: when it stands among them.
 */
static bool counts_against(const bl_doc *d, const placed *p, int n, const bl_quantity *q, size_t lo, size_t hi)
{
    size_t raw = d->src[q->num_start], ql = bl_doc_line_at(d, raw);
    if (ql >= d->nlines || !d->lines[ql].table)
        return q->num_start >= lo && q->num_start <= hi;
    int table = d->lines[ql].table, row = d->lines[ql].row, rlo = INT_MAX, rhi = INT_MIN;
    for (int j = 0; j < n; j++)
        if (p[j].x->table == table) {
            rlo = p[j].x->row < rlo ? p[j].x->row : rlo;
            rhi = p[j].x->row > rhi ? p[j].x->row : rhi;
        }
    if (row < rlo - 1 || row > rhi + 1)
        return false; /* rows away from the sum's: another part of the form */
    const bl_cell *qc = cell_at(d, ql, raw);
    for (int j = 0; j < n; j++)
        if (p[j].x->table == table && (!qc || !p[j].c || same_column(qc, p[j].c)))
            return true;
    return false;
}

/* Leave out the sums (above) and the rates (rate_unheaded) a scan or a glued cell left incomplete. */
static void drop_incomplete(bl_doc *d)
{
    size_t nd = 0;
    for (size_t i = 0; i < d->nquantities; i++)
        nd += (d->quantities[i].tags & BL_QT_DAMAGED) != 0;
    /* the tables a cell of which could not be read (unreadable-table: figures run together) */
    int glued[16], ng = 0;
    for (size_t k = 0; k < d->nfindings; k++)
        if (strcmp(d->findings[k].rule, "unreadable-table") == 0)
            for (size_t l = 0; l < d->nlines && ng < 16; l++)
                if (d->lines[l].page == d->findings[k].page && d->lines[l].line == d->findings[k].line &&
                    d->lines[l].table) {
                    glued[ng++] = d->lines[l].table;
                    break;
                }
    for (int u = 0; u < d->nunread_tables && ng < 16; u++)
        glued[ng++] = d->unread_tables[u]; /* and rows of figures without their indicator's name */
    if (!nd && !ng && !d->nunheaded_tables)
        return;
    size_t kept = 0;
    for (size_t k = 0; k < d->nfindings; k++) {
        const bl_finding *f = &d->findings[k];
        bool drop = rate_unheaded(d, f);
        if (is_sum_rule(f->rule)) {
            for (int j = 0; j < f->nfacts && !drop; j++) {
                const bl_fact *x = bl_doc_fact(d, f->facts[j]);
                for (int g = 0; g < ng && x && !drop; g++)
                    drop = x->table == glued[g]; /* a part of the sum may be in the unread cell */
            }
            /* the sum's stated figures, each with its cell, and where they stand in the text */
            placed p[BL_MAX_FINDING_FACTS];
            int np = 0;
            size_t lo = SIZE_MAX, hi = 0;
            for (int j = 0; j < f->nfacts; j++) {
                const bl_fact *x = bl_doc_fact(d, f->facts[j]);
                if (!x || x->derived)
                    continue;
                lo = x->num_at < lo ? x->num_at : lo;
                hi = x->num_at > hi ? x->num_at : hi;
                const bl_cell *c = NULL;
                if (x->table) {
                    size_t xr = d->src[x->num_at], xl = bl_doc_line_at(d, xr);
                    c = xl < d->nlines ? cell_at(d, xl, xr) : NULL;
                }
                p[np++] = (placed){x, c};
            }
            for (size_t i = 0; i < d->nquantities && !drop && lo <= hi; i++)
                drop = (d->quantities[i].tags & BL_QT_DAMAGED) && counts_against(d, p, np, &d->quantities[i], lo, hi);
        }
        if (!drop)
            d->findings[kept++] = *f;
    }
    d->nfindings = kept;
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
            f.message = doc->ocr_error
                            ? bl_strfmt(doc->arena, "%s 共 %d 页，没有可提取的文字（扫描件或纯图片），且无法做 OCR 识别（%s）",
                                        doc->format ? doc->format : "PDF", doc->npages, doc->ocr_error)
                            : bl_strfmt(doc->arena, "%s 共 %d 页，没有可提取的文字（扫描件或纯图片）%s，无法核对任何数字",
                                        doc->format ? doc->format : "PDF", doc->npages,
                                        strcmp(doc->format ? doc->format : "", "PDF") == 0 ? "，OCR 也未识别出文字" : "");
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
    /* pages read by OCR: the report says so (an info; its figures carry their confidence) */
    if (doc->ocr_pages) {
        bl_fact at = {0};
        at.page = 1, at.line = 1;
        size_t before = doc->nfindings;
        add_finding(&c, "no-text-layer", &at,
                    bl_strfmt(doc->arena,
                              "%d 页没有可用的文字层（扫描件，或文字层为乱码），已用 OCR 识别；识别出的数字已标明可信度，"
                              "两次识别不一致或不可信的数字未读取（见 damaged-number），请对照原件核对",
                              doc->ocr_pages),
                    NULL, 0, NULL, NULL, NULL, NULL, NULL);
        if (doc->nfindings > before) /* (none when the configuration switches the rule off) */
            doc->findings[doc->nfindings - 1].severity = BL_SEV_INFO;
    }
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
    drop_incomplete(doc);
    if (doc->nfindings > 1)
        qsort(doc->findings, doc->nfindings, sizeof *doc->findings, cmp_finding);
}
