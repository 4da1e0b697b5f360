/* parse.c - PCRE2 figure patterns over normalized text. */
#include "parse.h"

#define PCRE2_CODE_UNIT_WIDTH 8

#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "../normalize/normalize.h"
#include "../normalize/quantity.h"
#include "clause.h"
#include "counts.h"
#include "roles.h"
#include "subject.h"
#include "tables.h"
#include "text.h"

#include "../core/banned.h"

/* Building blocks. Text is normalized: ASCII digits, at most one space. */
#define NUM "(?<num>(?<![\\d.,])-?(?:\\d{1,3}(?:,\\d{3})+|\\d{1,3}(?: \\d{3})+(?=\\.\\d)|\\d+)(?:\\.\\d+)?(?![\\d]))"

#define SP "[ ]?"

#define CONN "(?:为|是|达到|达|共计|合计|总计|：|:)?(?:人民币)?"

#define MONEY "(?<unit>亿元|万元|元|万(?![\\p{Han}\\w]))"

enum pkind { P_BUDGET, P_EXECUTED, P_SCOPE, P_RATE, P_SCORE, P_GRADE, P_CHANGE, P_CHANGE_RATE, P_BALANCE, P_N };

/* a money amount or percentage no pattern named: its role comes from the clause (roles.c) */
#define P_ROLE P_N

static const char *const patterns[P_N] = {
    [P_BUDGET] = "(?<label>(?:全年|年初|调整后|调整|年度|全年\\(调整\\))?预算(?:数|金额|资金|总额)?)"
                 "(?:\\([A-Z]\\))?" CONN SP NUM SP MONEY,
    [P_EXECUTED] = "(?<label>全年执行数|预算执行数|执行数|支出决算数|决算支出数|决算数|实际支出|"
                   "实际执行|已完成拨付|拨付使用|完成支付|资金支付|共支出|已支出|已使用|执行金额)"
                   "(?:\\([A-Z]\\))?" CONN SP NUM SP MONEY,
    [P_SCOPE] = "(?<label>基本支出|项目支出)" CONN SP NUM SP MONEY,
    [P_RATE] = "(?<label>完成(?:全年|年初|调整后)?预算(?:数)?(?:的)?|"
               "(?:预算|资金|项目|全年|总体|整体|支出)?执行率(?:\\([^)\\n]{0,12}\\))?"
               "(?:为|是|达到|达|：|:)?|执行进度(?:为|达到|达)?)" SP NUM SP "(?<unit>%)",
    [P_SCORE] = "(?<label>(?:绩效)?(?:自评|评价|综合|考核)(?:得分|评分|分数|总分|总得分)|总得分)"
                "(?:为|是|：|:)?\\s*" NUM SP "(?:(?<unit>分)(?!之)|(?=[，。；,;]))",
    /* year-on-year: 与上年相比增加 844.15 万元，增长 6.59% */
    [P_CHANGE] = "(?<label>增加|减少|下降|降低)(?:了)?" SP NUM SP MONEY,
    [P_CHANGE_RATE] = "(?<label>增长|增加|下降|减少|降低)(?:了)?" SP NUM SP "(?<unit>%)",
    /* what is left: 结余 7.56 万元, 未支 X 万元 (not 上年结转: that is a funding source) */
    [P_BALANCE] = "(?<!上年)(?<label>结转结余|结余|未支出|未支付|未支|剩余)(?:资金)?(?:为|是|：|:)?" SP NUM SP MONEY,
    [P_GRADE] = "(?<label>(?:绩效|评价|自评)?(?:等级|等次)|自评结果|自评结论|评价结论|评价结果|绩效自评)"
                "(?:为|是|评定为)?(?:：|:)?\\s*[“\"‘'「『]?(?<grade>优秀|良好|中等|较差|优|良|中|差)"
                "(?:[”\"’'」』]|(?=[，。；、,;\\s)）]|$))",
};

static pcre2_code *compiled[P_N];

static pcre2_match_context *mctx;

void bl_parse_cleanup(void)
{
    for (int i = 0; i < P_N; i++) {
        pcre2_code_free(compiled[i]);
        compiled[i] = NULL;
    }
    pcre2_match_context_free(mctx);
    mctx = NULL;
}

static int compile_all(void)
{
    if (compiled[0])
        return 0;
    for (int i = 0; i < P_N; i++) {
        int ec;
        PCRE2_SIZE eo;
        compiled[i] = pcre2_compile((PCRE2_SPTR)patterns[i], PCRE2_ZERO_TERMINATED,
                                    PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK, &ec, &eo, NULL);
        if (!compiled[i])
            return -1; /* a bug in a pattern above; tests catch it */
        pcre2_jit_compile(compiled[i], PCRE2_JIT_COMPLETE);
    }
    mctx = pcre2_match_context_create(NULL);
    pcre2_set_match_limit(mctx, 1000000);
    pcre2_set_depth_limit(mctx, 10000);
    return 0;
}

typedef struct {
    enum pkind p;
    size_t start, end, num_at, num_end, label_at, label_end, unit_at, unit_end, grade_at, grade_end;
    size_t q; /* P_ROLE: its quantity */
} cand;

static bool group(pcre2_code *re, pcre2_match_data *md, const char *name, size_t *s, size_t *e)
{
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    int n = pcre2_substring_number_from_name(re, (PCRE2_SPTR)name);
    if (n < 0 || ov[2 * n] == PCRE2_UNSET)
        return false;
    *s = ov[2 * n];
    *e = ov[2 * n + 1];
    return true;
}

static int cmp_cand(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->num_at != y->num_at)
        return x->num_at < y->num_at ? -1 : 1;
    return (int)x->p - (int)y->p; /* explicit kinds before P_SCOPE */
}

static bl_unit unit_of(const char *s, size_t n)
{
    if (starts(s, n, "亿元"))
        return BL_UNIT_YI;
    if (starts(s, n, "万"))
        return BL_UNIT_WAN;
    if (starts(s, n, "元"))
        return BL_UNIT_YUAN;
    if (starts(s, n, "%"))
        return BL_UNIT_PERCENT;
    if (starts(s, n, "分"))
        return BL_UNIT_POINT;
    return BL_UNIT_NONE;
}

static bl_grade grade_of(const char *s, size_t n)
{
    if (starts(s, n, "优"))
        return BL_GRADE_EXCELLENT;
    if (starts(s, n, "良"))
        return BL_GRADE_GOOD;
    if (starts(s, n, "中"))
        return BL_GRADE_FAIR;
    return BL_GRADE_POOR;
}

/* ---- prose read by role (roles.c) and 其中 lists ------------------------------------ */

/* Money and percentages: what the clause analyser reads. */
static bool role_unit(const bl_quantity *q)
{
    return q->unit == BL_QU_YUAN || q->unit == BL_QU_WANYUAN || q->unit == BL_QU_YIYUAN ||
           q->unit == BL_QU_PERCENT;
}

static bl_unit unit_of_quantity(const bl_quantity *q)
{
    switch (q->unit) {
    case BL_QU_YUAN: return BL_UNIT_YUAN;
    case BL_QU_WANYUAN: return BL_UNIT_WAN;
    case BL_QU_YIYUAN: return BL_UNIT_YI;
    case BL_QU_PERCENT: return BL_UNIT_PERCENT;
    default: return BL_UNIT_NONE;
    }
}

/* Has the paragraph starting at para stated a budget or spending before now? */
static bool paragraph_has_money(const bl_doc *doc, size_t para)
{
    for (size_t k = doc->nfacts; k-- > 0;) {
        const bl_fact *f = &doc->facts[k];
        if (f->start < para)
            return false;
        if (f->kind == BL_KIND_BUDGET || f->kind == BL_KIND_EXECUTED)
            return true;
    }
    return false;
}

/*
 * "total", or the named project of the numbered paragraph holding `at`, or of a report
 * about several projects, the one its sentence names last before `at`.
 */
static const char *paragraph_scope(bl_doc *doc, const char *t, size_t at)
{
    /* 1、基本支出：… / （二）项目支出：…: a paragraph about one half of the split */
    size_t p = paragraph_start(t, at), e = p + 24 < at ? p + 24 : at;
    for (size_t i = p; i + 12 <= e; i++)
        if (memcmp(t + i, "基本支出", 12) == 0 || memcmp(t + i, "项目支出", 12) == 0) {
            size_t k = i + 12;
            if (k + 3 <= at && (starts(t + k, 3, "：") || starts(t + k, 3, "，") || t[k] == ':' || t[k] == ','))
                return memcmp(t + i, "基本", 6) == 0 ? "basic" : "project";
            break;
        }
    size_t len;
    const char *name = bl_subject_paragraph(doc, p, &len);
    if (name)
        return bl_strfmt(doc->arena, "project:%.*s", (int)len, name);
    name = bl_subject_named(doc, sentence_start(t, at), at);
    return name ? bl_strfmt(doc->arena, "project:%s", name) : "total";
}

/*
 * An amount no word names, followed in its sentence by a spending figure and then a
 * rate (X 万元，支出 Y 万元，完成率 Z%): the sentence states a budget, its spending and
 * the rate of one to the other, so X is the budget.
 */
static bool base_of_rate(const char *t, const bl_quantity *qs, size_t nq, size_t q)
{
    size_t sent = sentence_start(t, qs[q].num_start);
    int stage = 0; /* 0: want the spending, 1: want the rate */
    for (size_t k = q + 1; k < nq && k <= q + 4; k++) {
        const bl_quantity *n = &qs[k];
        if (n->kind != BL_QK_FIGURE || !role_unit(n))
            continue;
        if (sentence_start(t, n->num_start) != sent)
            return false;
        bl_role_hit h;
        size_t cl = clause_start(t, n->num_start);
        if (stage == 0) {
            if (n->unit == BL_QU_PERCENT || bl_role_of_money(t, cl, n->num_start, &h) != 1 ||
                h.role != BL_ROLE_EXECUTED)
                return false;
            stage = 1;
        } else {
            return n->unit == BL_QU_PERCENT && has(t + cl, n->num_start - cl, "率");
        }
    }
    return false;
}

/*
 * A percentage that states spending as a share of the budget: its clause is 占 [总|全年|
 * 年初|调整后] <a budget noun> [的] X%, right after a figure of spending in the same
 * sentence (实际支出 96 万元，占全年预算的 96%). A share of a budget figure (基本支出预算
 * X 万元，占总预算的 84%) or of spending (占总支出的 7%) is not an execution rate.
 */
static bool share_of_budget(const bl_doc *doc, const char *t, size_t cl, size_t num, bl_role_hit *out)
{
    static const char *const pre[] = {"总", "全年", "年初", "调整后", "年度", ""};
    static const char *const nouns[] = {"用款计划额度", "计划额度", "预算资金", "预算总额", "预算数", "预算", "额度"};
    size_t a = cl;
    while (a < num && t[a] == ' ')
        a++;
    if (num - a < 6 || memcmp(t + a, "占", 3) != 0)
        return false;
    size_t p = a + 3, n = 0;
    for (size_t k = 0; k < sizeof pre / sizeof *pre; k++)
        if (starts(t + p, num - p, pre[k])) {
            p += strlen(pre[k]);
            break;
        }
    for (size_t k = 0; k < sizeof nouns / sizeof *nouns && !n; k++)
        if (starts(t + p, num - p, nouns[k]))
            n = strlen(nouns[k]);
    if (!n)
        return false;
    p += n;
    if (starts(t + p, num - p, "的"))
        p += 3;
    while (p < num && t[p] == ' ')
        p++;
    if (p != num)
        return false;
    /* the figure it is a share of: the last one read, spending, in this sentence */
    if (!doc->nfacts)
        return false;
    const bl_fact *prev = &doc->facts[doc->nfacts - 1];
    if (prev->kind != BL_KIND_EXECUTED || prev->end > cl || prev->end < sentence_start(t, num))
        return false;
    *out = (bl_role_hit){BL_ROLE_RATE, BL_ROLE_NORMAL, a, num};
    return true;
}

/*
 * A money amount or percentage no pattern named: its role from the words of its clause
 * (a clause that only sums up, 共计 X 万元, takes the role of the clause before it), its
 * scope from the clause (基本支出 / 项目支出, another year) or the report's subject.
 */
static bool role_fact(bl_doc *doc, const bl_quantity *qs, cand *c, bl_fact *f)
{
    const char *t = doc->text;
    const bl_quantity *q = &qs[c->q];
    size_t cl0 = clause_start(t, c->num_at), cl = cl0;
    if (doc->nfacts && doc->facts[doc->nfacts - 1].end > cl && doc->facts[doc->nfacts - 1].end <= c->num_at)
        cl = doc->facts[doc->nfacts - 1].end;
    if (c->q > 0 && qs[c->q - 1].end > cl && qs[c->q - 1].end <= c->num_at)
        cl = qs[c->q - 1].end;
    /* the name of a numbered paragraph's project says nothing of its figures (一是用于X支出，…) */
    size_t name_end = 0, nl;
    const char *name = bl_subject_paragraph(doc, paragraph_start(t, c->num_at), &nl);
    if (name)
        name_end = (size_t)(name - t) + nl;
    if (name && name_end > cl && name_end <= c->num_at)
        cl = cl0 = name_end;
    bl_role_hit h;
    if (q->unit == BL_QU_PERCENT && share_of_budget(doc, t, cl0, c->num_at, &h)) {
        f->kind = BL_KIND_RATE; /* 支用 643,655 万元，占总用款计划额度的 78%: spending as a share of the budget */
    } else if (q->unit == BL_QU_PERCENT) {
        if (!bl_role_of_percent(t, cl, c->num_at, &h))
            return false;
        if (h.strength == BL_ROLE_COND && !paragraph_has_money(doc, paragraph_start(t, c->num_at)))
            return false;
        if (!clause_subject(doc, t, cl, h.at, NULL))
            return false; /* 全省平均支付进度: a rate of something else */
        if (h.strength != BL_ROLE_COND && !paragraph_has_money(doc, sentence_start(t, c->num_at)) &&
            !bl_subject_named(doc, sentence_start(t, c->num_at), c->num_at))
            return false; /* 使用率 100% with no figure and no project named in its sentence: of which fund? */
        f->kind = BL_KIND_RATE;
    } else {
        int r = bl_role_of_money(t, cl, c->num_at, &h);
        if (r < 0)
            return false;
        if ((r == 0 || h.strength == BL_ROLE_WEAK) && cl == cl0 && cl > 0 && t[cl - 1] != '\n') {
            size_t dl = (unsigned char)t[cl - 1] < 0x80 ? 1 : 3;
            size_t pe = cl >= dl ? cl - dl : 0, pcl = clause_start(t, pe);
            if (name_end > pcl)
                pcl = name_end < pe ? name_end : pe;
            const bl_quantity *pq = c->q > 0 ? &qs[c->q - 1] : NULL;
            bool figure_between = pq && pq->num_start >= pcl && pq->kind == BL_QK_FIGURE && role_unit(pq);
            bl_role_hit h2;
            int r2 = figure_between ? 0 : bl_role_of_money(t, pcl, pe, &h2);
            if (r2 > 0 && h2.strength != BL_ROLE_WEAK)
                h = h2, r = 1;
        }
        if (r == 0 && base_of_rate(t, qs, doc->nquantities, c->q)) {
            /* …等经费 X 万元，于本年度支出 Y 万元，预算完成率 Z%: X is what the rate is of */
            h = (bl_role_hit){BL_ROLE_BUDGET, BL_ROLE_WEAK, c->num_at, c->num_at};
            r = 1;
        }
        if (r == 0)
            return false;
        f->kind = h.role == BL_ROLE_BUDGET ? BL_KIND_BUDGET : BL_KIND_EXECUTED;
    }
    size_t from = h.at < cl ? h.at : cl;
    if (f->kind != BL_KIND_EXECUTED)
        f->basis = has(t + from, c->num_at - from, "年初") ? BL_BASIS_INITIAL
                   : (has(t + from, c->num_at - from, "调整") || has(t + from, c->num_at - from, "全年"))
                       ? BL_BASIS_ADJUSTED
                       : BL_BASIS_NONE;
    f->label = bl_strndup(doc->arena, t + h.at, h.end - h.at);
    f->loose = true;
    const char *kw = scope_in(t, from, c->num_at);
    f->year = clause_year(t, from, c->num_at);
    if (kw)
        f->scope = kw;
    else if (f->year && doc->year && f->year != doc->year)
        f->scope = bl_strfmt(doc->arena, "item:%d年", f->year);
    else
        f->scope = paragraph_scope(doc, t, c->num_at);
    if (h.at < c->start)
        c->start = h.at;
    return true;
}

/* how far a 其中 list reads on for its end (bytes; the backward scans stop after as much) */
#define LIST_REACH 2048

/* A 其中 list of parts: from after its 其中 to its end, and the total it splits. */
typedef struct {
    size_t from, to; /* to == 0: no list open */
    int parent;
    bl_kind kind;
    bool complete; /* no 等, 主要, …: the parts claim to add up */
} part_list;

static bool is_open(const char *t, size_t i) { return t[i] == '(' || starts(t + i, 3, "（"); }

static bool is_close(const char *t, size_t i) { return t[i] == ')' || starts(t + i, 3, "）"); }

/* How deep in brackets t[to] is, counted from t[from]. */
static int paren_depth(const char *t, size_t from, size_t to)
{
    int d = 0;
    for (size_t i = from; i < to; i++)
        d += is_open(t, i) ? 1 : is_close(t, i) ? -1 : 0;
    return d;
}

/* A paragraph that starts a section: a Chinese numeral and 、 (四、, 十二、), or 第…部分. */
static bool section_heading(const char *s, size_t n)
{
    size_t i = 0;
    uint32_t cp;
    int k;
    while (i < n && (k = bl_utf8_next((const unsigned char *)s + i, n - i, &cp)) > 0 &&
           (bl_numeral_digit(cp) > 0 || bl_numeral_unit(cp) == 1))
        i += (size_t)k;
    return (i > 0 && starts(s + i, n - i, "、")) || starts(s, n, "第");
}

/*
 * The money amount qs[qi] starts a new list when 其中 stands between it and the
 * budget or spending fact stated just before it (no other amount between them):
 * the list runs to the end of the sentence, or of the bracket 其中 opened.
 */
static void open_list(const bl_doc *doc, const bl_quantity *qs, size_t qi, part_list *L)
{
    const char *t = doc->text;
    size_t pk = qi;
    while (pk-- > 0)
        if (qs[pk].kind == BL_QK_FIGURE && role_unit(&qs[pk]) && qs[pk].unit != BL_QU_PERCENT)
            break;
    if (pk == (size_t)-1 || !doc->nfacts)
        return;
    const bl_fact *F = &doc->facts[doc->nfacts - 1];
    if (F->num_at != qs[pk].num_start || (F->kind != BL_KIND_BUDGET && F->kind != BL_KIND_EXECUTED))
        return;
    size_t z = F->end, at = qs[qi].num_start;
    while (z + 6 <= at && memcmp(t + z, "其中", 6) != 0) {
        if (t[z] == '\n')
            return;
        z++;
    }
    if (z + 6 > at)
        return;
    bool bracket = z >= 3 && (t[z - 1] == '(' || starts(t + z - 3, 3, "（"));
    size_t e = z + 6;
    int depth = 0;
    /* (over paragraph ends - items set as paragraphs of their own: 其中： / （一）… / （二）… -
     * up to a section heading, and no further than LIST_REACH: text without full stops stays linear) */
    size_t reach = doc->text_len - e > LIST_REACH ? e + LIST_REACH : doc->text_len;
    while (e < reach) {
        if (t[e] == '\n' && section_heading(t + e + 1, doc->text_len - e - 1))
            break;
        if (is_open(t, e))
            depth++;
        else if (is_close(t, e) && depth-- == 0 && bracket)
            break;
        else if (!bracket && depth <= 0 && starts(t + e, doc->text_len - e, "。"))
            break;
        e++;
    }
    L->from = z + 6;
    L->to = e;
    L->parent = F->id;
    L->kind = F->kind;
    L->complete = !has(t + z, e - z, "等") && !has(t + z, e - z, "…") && !has(t + z, e - z, "主要") &&
                  !has(t + z, e - z, "包括") && !has(t + z, e - z, "......");
}

/*
 * Where a part's own words start: after the list's 其中, the separator before it, or the
 * figure before it (PDF layout can lose the comma after a figure at a line's end).
 */
static size_t part_clause(const bl_doc *doc, const char *t, size_t from, size_t num)
{
    size_t cl = clause_start(t, num);
    if (cl < from)
        cl = from;
    if (doc->nfacts && doc->facts[doc->nfacts - 1].end > cl && doc->facts[doc->nfacts - 1].end <= num)
        cl = doc->facts[doc->nfacts - 1].end;
    while (cl < num && (t[cl] == ' ' || t[cl] == ':' || starts(t + cl, num - cl, "：")))
        cl += t[cl] == ' ' || t[cl] == ':' ? 1 : 3;
    return cl;
}

static const char *part_name(bl_doc *doc, const char *t, size_t cl, size_t num)
{
    while (num > cl && t[num - 1] == ' ')
        num--;
    return num > cl ? bl_strfmt(doc->arena, "project:%.*s", (int)(num - cl), t + cl) : "project:其中";
}

static int cmp_fact_pos(const void *a, const void *b)
{
    const bl_fact *x = a, *y = b;
    if (x->num_at != y->num_at)
        return x->num_at < y->num_at ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

/*
 * What no form prints but a scan's lost point or speck reads: an OCR'd indicator score
 * more than twice its weight (9.5 read as 95 by both models - an over-score error is a
 * small excess, 16 of 15), a negative weight or score (a speck read as a sign). Its
 * digits are made unsure: the figure is damaged-number, never a fact.
 */
static void implausible_ocr(bl_doc *doc)
{
    for (size_t k = 0; k < doc->nfacts; k++) {
        const bl_fact *f = &doc->facts[k];
        if ((f->kind != BL_KIND_SCORE && f->kind != BL_KIND_WEIGHT) || bl_doc_fact_ocr_conf(doc, f) < 0)
            continue;
        bool bad = f->value.mant < 0;
        for (size_t j = 0; j < doc->nfacts && !bad && f->kind == BL_KIND_SCORE; j++) {
            const bl_fact *w = &doc->facts[j];
            bl_range twice = bl_range_add(w->range, w->range);
            bad = w->kind == BL_KIND_WEIGHT && strcmp(w->scope, f->scope) == 0 && w->value.mant > 0 &&
                  f->range.lo > twice.hi;
        }
        if (!bad)
            continue;
        size_t end, b = bl_doc_fact_figure(doc, f, &end);
        for (size_t e = b; e < end; e++)
            if (doc->src[e] < doc->raw_len)
                doc->ocr_conf[doc->src[e]] = 0;
        for (size_t q = 0; q < doc->nquantities; q++)
            if (doc->quantities[q].num_start <= b && b < doc->quantities[q].num_end)
                doc->quantities[q].tags |= BL_QT_DAMAGED;
    }
}

int bl_parse(bl_doc *doc)
{
    bl_subject_title(doc);
    bl_subject_read(doc);
    if (compile_all() < 0)
        return bl_doc_fail(doc, BL_ERR_INTERNAL, "internal", "a figure pattern does not compile");
    const char *t = doc->text;
    size_t tn = doc->text_len;
    cand *cs = NULL;
    size_t nc = 0, cap = 0;
    for (int p = 0; p < P_N; p++) {
        pcre2_match_data *md = pcre2_match_data_create_from_pattern(compiled[p], NULL);
        size_t off = 0;
        while (off < tn) {
            int rc = pcre2_match(compiled[p], (PCRE2_SPTR)t, tn, off, PCRE2_NO_UTF_CHECK, md, mctx);
            if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT) {
                pcre2_match_data_free(md);
                free(cs);
                return bl_doc_fail(doc, BL_ERR_LIMIT, "too-complex",
                                   "text too complex for the figure patterns");
            }
            if (rc < 0)
                break;
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
            cand c = {0};
            c.p = (enum pkind)p;
            c.start = ov[0];
            c.end = ov[1];
            group(compiled[p], md, "label", &c.label_at, &c.label_end);
            if (p == P_GRADE) {
                group(compiled[p], md, "grade", &c.grade_at, &c.grade_end);
                c.num_at = c.grade_at;
            } else {
                group(compiled[p], md, "num", &c.num_at, &c.num_end);
                group(compiled[p], md, "unit", &c.unit_at, &c.unit_end);
            }
            if (nc == cap) {
                cap = cap ? cap * 2 : 64;
                cs = bl_xrealloc(cs, cap * sizeof *cs);
            }
            cs[nc++] = c;
            off = ov[1] > off ? ov[1] : off + 1;
        }
        pcre2_match_data_free(md);
    }
    /*
     * The number reader says what each number is: an approximation, a bound,
     * one end of a range, money per person, a damaged or glued cell, or no
     * figure at all (a year, a document number) is never an exact fact.
     */
    bl_quantity *qs;
    size_t nq = bl_quantities(doc, &qs), qi = 0;
    doc->quantities = qs;
    doc->nquantities = nq;
    /* every money amount and percentage is a candidate; patterns' candidates come first */
    for (size_t k = 0; k < nq; k++) {
        if (qs[k].kind != BL_QK_FIGURE || !role_unit(&qs[k]) || (qs[k].tags & BL_QT_HEADER_UNIT))
            continue; /* a number whose unit is a table's or page's header is not in a sentence */
        if (nc == cap) {
            cap = cap ? cap * 2 : 64;
            cs = bl_xrealloc(cs, cap * sizeof *cs);
        }
        cand c = {0};
        c.p = P_ROLE;
        c.start = qs[k].start;
        c.end = qs[k].end;
        c.num_at = qs[k].num_start;
        c.num_end = qs[k].num_end;
        c.q = k;
        cs[nc++] = c;
    }
    if (nc)
        qsort(cs, nc, sizeof *cs, cmp_cand);
    /* one fact per figure: the first (most explicit) candidate on a number wins */
    size_t w = 0;
    for (size_t i = 0; i < nc; i++)
        if (w == 0 || cs[w - 1].num_at != cs[i].num_at)
            cs[w++] = cs[i];
    nc = w;

    int id = 0;
    bool any_table = bl_doc_has_tables(doc);
    part_list L = {0};
    for (size_t i = 0; i < nc; i++) {
        cand *c = &cs[i];
        /* table rows are read by their columns (tables.c), not as prose */
        if (any_table && doc->lines[bl_doc_line_at(doc, doc->src[c->num_at])].table)
            continue;
        const bl_quantity *q = NULL;
        if (c->p != P_GRADE) {
            while (qi < nq && qs[qi].num_start < c->num_at)
                qi++;
            if (qi < nq && qs[qi].num_start == c->num_at) {
                q = &qs[qi];
                if (q->kind != BL_QK_FIGURE ||
                    (q->tags & (BL_QT_APPROX | BL_QT_LOWER | BL_QT_UPPER | BL_QT_RANGE | BL_QT_PER |
                                BL_QT_DAMAGED | BL_QT_POINTS_DIFF)))
                    continue;
            }
        }
        bl_fact f = {0};
        f.grade = BL_GRADE_NONE;
        size_t sent = sentence_start(t, c->start);
        /* a 其中 list: its money amounts are parts of the total before it */
        bool money = q && role_unit(q) && q->unit != BL_QU_PERCENT && c->p != P_RATE && c->p != P_CHANGE_RATE;
        if (L.to && c->num_at >= L.to)
            L.to = 0;
        if (money && !L.to)
            open_list(doc, qs, qi, &L);
        bool part = money && L.to && c->num_at > L.from && c->num_at < L.to && paren_depth(t, L.from, c->num_at) == 0;
        if (part) {
            bl_role_hit h;
            if (c->p == P_CHANGE || bl_role_of_money(t, part_clause(doc, t, L.from, c->num_at), c->num_at, &h) < 0 ||
                ((c->p == P_BUDGET || c->p == P_EXECUTED) && (c->p == P_BUDGET) != (L.kind == BL_KIND_BUDGET))) {
                /* a change (比上年增加 X), money of another kind: not a list of parts */
                L.complete = false;
                part = false;
            }
        }
        const char *label = c->p == P_ROLE ? "" : t + c->label_at;
        size_t ll = c->p == P_ROLE ? 0 : c->label_end - c->label_at;
        if (part) {
            f.kind = L.kind;
            f.loose = true;
            f.part_of = L.complete ? L.parent : 0;
            size_t cl = part_clause(doc, t, L.from, c->num_at);
            const char *kw = scope_in(t, cl, c->num_at);
            f.scope = kw && strcmp(kw, "total") != 0 ? kw : part_name(doc, t, cl, c->num_at);
            f.label = "其中";
            c->start = cl;
            c->end = q->end;
        } else if (c->p == P_ROLE) {
            if (!role_fact(doc, qs, c, &f))
                continue;
            label = f.label;
            ll = strlen(label);
        } else {
            f.label = bl_strndup(doc->arena, label, ll);
        }
        switch (part || c->p == P_ROLE ? P_N : c->p) {
        case P_N:
            break;
        case P_BUDGET: {
            /* 实际执行支出预算 X 万元: a strong spending word before the label says what it is */
            bl_role_hit h;
            size_t cl = clause_start(t, c->start);
            if (bl_role_of_money(t, cl, c->label_end, &h) == 1 && h.role == BL_ROLE_EXECUTED &&
                h.strength == BL_ROLE_STRONG) {
                f.kind = BL_KIND_EXECUTED;
                break;
            }
            f.kind = BL_KIND_BUDGET;
            f.basis = has(label, ll, "年初") ? BL_BASIS_INITIAL
                      : (has(label, ll, "全年") || has(label, ll, "调整")) ? BL_BASIS_ADJUSTED
                                                                          : BL_BASIS_NONE;
            break;
        }
        case P_EXECUTED: {
            /* 应执行数 X 万元: what was to be spent, the budget */
            bl_role_hit h;
            size_t cl = clause_start(t, c->start);
            f.kind = bl_role_of_money(t, cl, c->label_end, &h) == 1 && h.role == BL_ROLE_BUDGET && h.end > c->label_at
                         ? BL_KIND_BUDGET
                         : BL_KIND_EXECUTED;
            break;
        }
        case P_RATE:
            f.kind = BL_KIND_RATE;
            f.basis = has(label, ll, "年初") ? BL_BASIS_INITIAL
                      : (has(label, ll, "全年预算") || has(label, ll, "调整后")) ? BL_BASIS_ADJUSTED
                                                                                : BL_BASIS_NONE;
            break;
        case P_SCORE:
            f.kind = BL_KIND_SCORE;
            c->unit_at = c->unit_end = 0; /* 分, printed or not (自评得分92.45，) */
            break;
        case P_BALANCE:
            f.kind = BL_KIND_BALANCE;
            break;
        case P_CHANGE:
        case P_CHANGE_RATE:
            /* only a year-on-year statement: the sentence compares with last year */
            if (!has(t + sent, c->start - sent, "上年") && !has(t + sent, c->start - sent, "同比"))
                continue;
            f.kind = c->p == P_CHANGE ? BL_KIND_CHANGE : BL_KIND_CHANGE_RATE;
            break;
        case P_GRADE:
            f.kind = BL_KIND_GRADE;
            f.grade = grade_of(t + c->grade_at, c->grade_end - c->grade_at);
            break;
        case P_SCOPE: {
            /* "增加基本支出 844.15 万元" is a change, not the level: only filler may precede */
            size_t cl = clause_start(t, c->start);
            if (doc->nfacts && doc->facts[doc->nfacts - 1].end > cl &&
                doc->facts[doc->nfacts - 1].end <= c->start)
                cl = doc->facts[doc->nfacts - 1].end;
            bool wider = false;
            if (!clause_subject(doc, t, cl, c->start, &wider) || wider)
                continue;
            /* kind from the rate that follows in the sentence, else the paragraph's last amount */
            int kind = -1;
            if (i + 1 < nc && cs[i + 1].p == P_RATE && sentence_start(t, cs[i + 1].start) == sent)
                kind = BL_KIND_EXECUTED;
            size_t para = paragraph_start(t, c->start);
            for (size_t k = doc->nfacts; kind < 0 && k-- > 0;) {
                const bl_fact *pf = &doc->facts[k];
                if (pf->start < para)
                    break;
                if (pf->kind == BL_KIND_BUDGET || pf->kind == BL_KIND_EXECUTED)
                    kind = (int)pf->kind;
            }
            if (kind < 0)
                continue; /* an amount of unknown kind is not a fact */
            f.kind = (bl_kind)kind;
            break;
        }
        default:
            continue;
        }
        if (c->p == P_GRADE) {
            f.unit = BL_UNIT_NONE;
        } else if (part || c->p == P_ROLE) {
            f.value = q->value;
            f.unit = unit_of_quantity(q);
            f.range = bl_range_of(f.value, bl_unit_pow10(f.unit));
        } else {
            char num[64];
            size_t k = 0;
            for (size_t j = c->num_at; j < c->num_end && k + 1 < sizeof num; j++)
                if (t[j] != ',' && t[j] != ' ')
                    num[k++] = t[j];
            num[k] = '\0';
            if (bl_dec_parse(num, k, &f.value))
                continue; /* too many digits: not a figure we can hold exactly */
            f.unit = c->p == P_SCORE ? BL_UNIT_POINT : unit_of(t + c->unit_at, c->unit_end - c->unit_at);
            if ((f.kind == BL_KIND_CHANGE || f.kind == BL_KIND_CHANGE_RATE) &&
                (has(label, ll, "减少") || has(label, ll, "下降") || has(label, ll, "降低")))
                f.value.mant = -f.value.mant; /* a decrease: the direction word is the sign */
            f.range = bl_range_of(f.value, bl_unit_pow10(f.unit));
        }
        if (part) {
            /* scope set above */
        } else if (c->p == P_SCOPE) {
            f.scope = has(label, ll, "基本") ? "basic" : "project";
        } else if (f.kind == BL_KIND_SCORE || f.kind == BL_KIND_GRADE) {
            f.scope = "total";
        } else if (c->p != P_ROLE) {
            size_t cl = clause_start(t, c->start);
            /* a figure ends a clause too (PDF layout can lose the comma after it) */
            if (doc->nfacts && doc->facts[doc->nfacts - 1].end > cl &&
                doc->facts[doc->nfacts - 1].end <= c->start)
                cl = doc->facts[doc->nfacts - 1].end;
            bool wider = false;
            const char *s = clause_subject(doc, t, cl, c->start, &wider);
            /* about the subject only by the wider reading (本项目, 批复…): a candidate for the
             * checks, never compared as a restatement or a total of a split */
            f.loose |= s && wider && f.kind != BL_KIND_RATE; /* a 执行率 named so is a rate */
            f.year = clause_year(t, cl, c->start);
            if (!s) {
                /* about something else: keep the fact, out of the department's checks */
                const char *subj = t + cl;
                size_t sl = c->start - cl;
                while (sl && (unsigned char)*subj < 0x80)
                    subj++, sl--;
                f.scope = bl_strfmt(doc->arena, "item:%.*s", (int)sl, subj);
            } else if (*s) {
                f.scope = s;
            } else if (wider) {
                f.scope = "total"; /* the clause names the report's subject (本项目, 我县 …) */
            } else {
                /* filler only: the scope of the sentence so far */
                const bl_fact *prev = doc->nfacts ? &doc->facts[doc->nfacts - 1] : NULL;
                if (prev && prev->start >= sent && prev->kind != BL_KIND_SCORE &&
                    prev->kind != BL_KIND_GRADE)
                    f.scope = prev->scope;
                else {
                    const char *kw = scope_in(t, sent, c->start);
                    f.scope = kw ? kw : "total";
                }
            }
            if (strcmp(f.scope, "total") == 0)
                f.scope = paragraph_scope(doc, t, c->start);
        }
        f.start = c->start;
        f.end = c->end;
        f.num_at = c->num_at;
        f.text = bl_strndup(doc->arena, t + c->start, c->end - c->start);
        bl_doc_locate(doc, c->num_at, &f.page, &f.line);
        f.id = ++id;
        bl_doc_add_fact(doc, &f);
    }
    free(cs);
    size_t prose = doc->nfacts;
    bl_parse_counts(doc, &id);
    bl_parse_count_excess(doc, &id);
    if (any_table)
        bl_parse_tables(doc, &id);
    implausible_ocr(doc);
    /* a figure read by OCR with a digit it was not sure of is no fact (damaged-number says so) */
    size_t kept = 0;
    bool dropped = false;
    for (size_t k = 0; k < doc->nfacts; k++) {
        const bl_fact *f = &doc->facts[k];
        int conf = bl_doc_fact_ocr_conf(doc, f);
        if (conf >= 0 && conf < BL_OCR_MIN_CONF && f->kind != BL_KIND_GRADE) {
            dropped = true;
            continue;
        }
        doc->facts[kept++] = *f;
    }
    doc->nfacts = kept;
    if (doc->nfacts > prose || dropped) {
        /* one order for all facts: by position in the text, ids renumbered */
        qsort(doc->facts, doc->nfacts, sizeof *doc->facts, cmp_fact_pos);
        int *renum = bl_alloc(doc->arena, ((size_t)id + 1) * sizeof *renum); /* 0: dropped */
        for (size_t k = 0; k < doc->nfacts; k++) {
            if (doc->facts[k].id <= id)
                renum[doc->facts[k].id] = (int)k + 1;
            doc->facts[k].id = (int)k + 1;
        }
        for (size_t k = 0; k < doc->nfacts; k++) {
            if (doc->facts[k].part_of > 0 && doc->facts[k].part_of <= id)
                doc->facts[k].part_of = renum[doc->facts[k].part_of];
            for (int j = 0; j < 2; j++) /* a derived fact's sources */
                if (doc->facts[k].from[j] > 0 && doc->facts[k].from[j] <= id)
                    doc->facts[k].from[j] = renum[doc->facts[k].from[j]];
        }
    }
    return 0;
}
