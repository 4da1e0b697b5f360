/*
 * tables.c - facts from the rows and cells extract/ found (自评表).
 *
 * A header row names its columns (年初预算数, 全年预算数(A), 全年执行数(B),
 * 执行率(B/A), 分值, 得分, 一级/二级/三级指标, 指标值, 实际完成值, 偏差原因 …);
 * each row under it gives facts by the column its cells stand in. Funding
 * rows (年度资金总额 / 总额 / 基本支出 / 项目支出 / 其中：… sources) give budgets
 * with their basis, executed amounts, rates, and the 执行率 row's weight and
 * score; indicator rows give weight, score, target (with its operator) and
 * actual; 总分 / 合计 rows the total weight and score; header cells 项目名称,
 * 主管部门, 自评得分, 自评等级 the project, department, score and grade.
 */
#include "tables.h"
#include "cells.h"
#include "roles.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

#include "../core/banned.h"


/* ---- the reader ----------------------------------------------------------------------- */

typedef struct {
    bl_doc *doc;
    int *id;
    header h;
    bool have_header;
    int head_row;           /* the header's row */
    const char *unit_scope; /* "total" or "project:<名称>" */
    char l1[96], l2[96];
    int table;
    int block_weight_row;   /* the row whose block label gave a weight */
    /* label/value pairs (| …年度预算资金总额 | 1084.25 |, | 其中：中央补助 | 668.00 |) */
    int pair_parent;        /* the id of the labelled total its 其中 rows are parts of; 0 none */
    bl_kind pair_kind;
    bool pair_total_seen;   /* a labelled total of the whole was read: later ones are projects */
    int pair_row;           /* the row of the last pair read */
    bool pair_in_list;      /* that row was a part */
    struct {
        int col, fact;      /* a row of several pairs (| 预算数 | 6.10 | 执行数 | 5.95 |): each value's column */
        bl_kind kind;
    } pcol[8];
    int npcol;
    int inline_row, inline_kind; /* the last row of label：value cells, and its first cell's kind (-1 none) */
    bool unit_line;              /* the table's unit came from a 单位：万元 line above it */
    /* labels over values (| 计划安排资金(万元) | | 实际支出(万元) | over | | 170 | | 179.6 |) */
    struct {
        int col, kind, fact; /* kind -1: a label that names no figure; fact: the total read under it */
    } over[8];
    int nover, over_row; /* the labels and their row; then the row of values, parts below */
} reader;

static size_t text_at(const bl_doc *d, size_t raw)
{
    size_t lo = 0, hi = d->text_len;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (d->src[mid] < raw)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void add(reader *r, const bl_line *L, const cell *c, bl_kind kind, const char *scope, const cellnum *v,
                bl_unit unit, bl_basis basis, const char *label)
{
    bl_doc *d = r->doc;
    bl_fact f = {0};
    f.kind = kind;
    f.scope = scope;
    f.value = v->v;
    f.unit = unit;
    f.basis = basis;
    f.grade = BL_GRADE_NONE;
    f.label = label;
    f.start = c->at;
    f.end = c->at + c->n;
    f.num_at = c->at + v->num_off;
    f.text = bl_strndup(d->arena, c->s, c->n);
    f.page = L->page;
    f.line = L->line;
    f.table = L->table;
    f.row = L->row;
    f.col = c->col;
    f.op = v->op ? v->op : '=';
    if (v->measure)
        f.measure = bl_strndup(d->arena, v->measure, v->mlen);
    else if (unit == BL_UNIT_PERCENT)
        f.measure = "%";
    else if (kind == BL_KIND_TARGET || kind == BL_KIND_ACTUAL)
        f.measure = unit == BL_UNIT_YUAN ? "元" : unit == BL_UNIT_WAN ? "万元" : unit == BL_UNIT_YI ? "亿元" : NULL;
    if (unit != BL_UNIT_OTHER && unit != BL_UNIT_NONE)
        f.range = bl_range_of(f.value, bl_unit_pow10(unit));
    else
        f.range = bl_range_of(f.value, 0);
    f.id = ++*r->id;
    bl_doc_add_fact(d, &f);
}

/*
 * Note a table in one of the doc's lists, once: unread_tables (a row of figures that
 * could not be read: its sums lack them) or unheaded_tables (a column of amounts under no
 * header: a rate's denominator may be there). Validate leaves those checks out.
 */
static void note_table(int *list, int *n, int table)
{
    for (int u = 0; u < *n; u++)
        if (list[u] == table)
            return;
    if (*n < BL_MAX_UNREAD_TABLES)
        list[(*n)++] = table;
}

static int cells_of(const bl_doc *d, const bl_line *L, cell *cs, int max);

/* Does a cell of the table's next row start with w? */
static bool next_row_starts(const bl_doc *d, const bl_line *L, const char *w)
{
    const bl_line *n = L + 1;
    if (n >= d->lines + d->nlines || n->table != L->table || n->row != L->row + 1)
        return false;
    cell cs[MAXCOL];
    int nc = cells_of(d, n, cs, MAXCOL);
    for (int k = 0; k < nc; k++)
        if (starts(cs[k].s, cs[k].n, w))
            return true;
    return false;
}

/* Does the row hold a figure in a column of amounts, rates, weights or scores? */
static bool has_figures(const header *h, const cell *cs, int nc)
{
    for (int k = 0; k < nc; k++) {
        cellnum v;
        enum role ro = cs[k].col < MAXCOL ? h->role[cs[k].col] : C_NONE;
        if (ro >= C_BUDGET_INITIAL && ro <= C_SCORE && read_cell(cs[k].s, cs[k].n, &v))
            return true;
    }
    return false;
}

static void unreadable(reader *r, const bl_line *L, const cell *c)
{
    bl_doc *d = r->doc;
    bl_finding f = {0};
    f.rule = "unreadable-table";
    f.severity = BL_SEV_WARNING;
    f.page = L->page;
    f.line = L->line;
    f.message = bl_strfmt(d->arena, "表格单元格“%.*s”中的数字无法分开（单元格粘连），未读取", (int)c->n, c->s);
    f.stated = bl_strndup(d->arena, c->s, c->n);
    bl_doc_add_finding(d, &f);
}

static const char *scope_of_label(reader *r, const char *s, size_t n)
{
    bl_arena *A = r->doc->arena;
    bool whole = strcmp(r->unit_scope, "total") == 0;
    const char *sub = NULL;
    size_t skip = starts(s, n, "其中：") ? 9 : starts(s, n, "其中:") ? 7 : 0;
    s += skip;
    n -= skip;
    if (has(s, n, "基本支出"))
        sub = "basic";
    else if (has(s, n, "项目支出"))
        sub = "project";
    else if (has(s, n, "资金总额") || has(s, n, "总金额") || starts(s, n, "总额") || starts(s, n, "支出总额") ||
             starts(s, n, "预算总额") || starts(s, n, "合计") ||
             starts(s, n, "总计") || has(s, n, "总体资金"))
        return r->unit_scope;
    if (sub)
        return whole ? sub : bl_strfmt(A, "%s/%s", r->unit_scope, sub);
    /* a funding source: 当年财政拨款, 上年结转资金, 其他资金, 中央财政资金 … */
    return whole ? bl_strfmt(A, "source:%.*s", (int)n, s) : bl_strfmt(A, "%s/source:%.*s", r->unit_scope, (int)n, s);
}




static void keep(char *dst, size_t cap, const char *s, size_t n)
{
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, s, n);
    dst[n] = '\0';
}

/*
 * A row of label/value pairs, in a table that is not a funding table by its header
 * (转移支付 自评表 that state the budget in a 自评内容 column, forms laid out as
 * | 预算数 | 6.10 | 执行数 | 5.95 |): a label cell whose words give a budget or spending
 * role (parse/lexicon.def) followed by a number. A label naming the whole (合计, or the
 * first one) is scope total, another one a named project; the rows under it that start
 * 其中 (and the unlabelled ones after them) are its parts. Returns whether it read any.
 */
/*
 * A 其中 row under a row of several pairs: each value under the column of its
 * total's value is a part of that total (| 其中:财政资金 | 6.10 | | 6.10 | | 5.95 |).
 */
static bool read_pair_parts(reader *r, const bl_line *L, cell *cs, int nc)
{
    if (r->npcol < 2 || nc < 2 || L->row != r->pair_row + 1 || !(starts(cs[0].s, cs[0].n, "其中") || r->pair_in_list))
        return false;
    cellnum lv;
    if (read_cell(cs[0].s, cs[0].n, &lv))
        return false;
    size_t skip = starts(cs[0].s, cs[0].n, "其中：") ? 9 : starts(cs[0].s, cs[0].n, "其中:") ? 7 : 0;
    const char *scope = bl_strfmt(r->doc->arena, "project:%.*s", (int)(cs[0].n - skip), cs[0].s + skip);
    bool any = false;
    for (int k = 1; k < nc; k++) {
        cellnum v;
        if (!read_cell(cs[k].s, cs[k].n, &v) || v.placeholder || v.op)
            continue;
        for (int m = 0; m < r->npcol; m++)
            if (r->pcol[m].col == cs[k].col) {
                bl_unit u = v.unit != BL_UNIT_NONE ? v.unit : r->h.unit ? r->h.unit : BL_UNIT_WAN;
                add(r, L, &cs[k], r->pcol[m].kind, scope, &v, u, BL_BASIS_NONE, "标签");
                bl_fact *f = &r->doc->facts[r->doc->nfacts - 1];
                f->loose = true;
                f->part_of = r->pcol[m].fact;
                any = true;
            }
    }
    if (any) {
        r->pair_row = L->row;
        r->pair_in_list = true;
    }
    return any;
}

static bool read_pairs(reader *r, const bl_line *L, cell *cs, int nc)
{
    bl_doc *d = r->doc;
    bool any = false;
    if (read_pair_parts(r, L, cs, nc))
        return true;
    int npcol = 0;
    for (int k = 0; k + 1 < nc; k++) {
        const cell *lab = &cs[k], *val = &cs[k + 1];
        cellnum v;
        if (!lab->n || !read_cell(val->s, val->n, &v) || v.placeholder || v.op ||
            (v.unit != BL_UNIT_NONE && v.unit != BL_UNIT_WAN && v.unit != BL_UNIT_YUAN && v.unit != BL_UNIT_YI))
            continue;
        cellnum lv;
        if (read_cell(lab->s, lab->n, &lv))
            continue; /* a number is no label */
        bl_role_hit h;
        int role = bl_role_of_money(lab->s, 0, lab->n, &h);
        /* a total: a budget or spending word (not a weak one: 合计 alone names no money) and
         * money named in the label or the value (…（万元）年度预算资金总额 | 1084.25) */
        /* (a bare number is money only under a 单位：万元 line, not in an indicator table) */
        bool money = unit_in(lab->s, lab->n) || v.unit != BL_UNIT_NONE || (r->unit_line && !r->h.indicators);
        bool total = role == 1 && h.strength != BL_ROLE_WEAK && money;
        /* a part: the row right under its total or under another part, 其中 opening the list */
        bool part = !total && r->pair_parent && role >= 0 && L->row == r->pair_row + 1 &&
                    (starts(lab->s, lab->n, "其中") || r->pair_in_list);
        if (!total && !part)
            continue;
        bl_unit u = v.unit != BL_UNIT_NONE ? v.unit : unit_in(lab->s, lab->n) ? unit_in(lab->s, lab->n)
                                                   : r->h.unit                ? r->h.unit
                                                                              : BL_UNIT_WAN;
        const char *scope;
        bl_kind kind;
        if (part) {
            kind = r->pair_kind;
            size_t skip = starts(lab->s, lab->n, "其中：") ? 9 : starts(lab->s, lab->n, "其中:") ? 7 : 0;
            scope = bl_strfmt(d->arena, "project:%.*s", (int)(lab->n - skip), lab->s + skip);
        } else {
            kind = h.role == BL_ROLE_BUDGET ? BL_KIND_BUDGET : BL_KIND_EXECUTED;
            /* the name before its unit or its role words: 农村部分…补助资金（万元）年度预算资金总额 */
            size_t nl = h.at;
            for (size_t i = 0; i < nl; i++)
                if (starts(lab->s + i, nl - i, "（") || lab->s[i] == '(') {
                    nl = i;
                    break;
                }
            bool whole = has(lab->s, lab->n, "合计") || has(lab->s, lab->n, "总计") || !r->pair_total_seen || nl == 0;
            scope = whole ? "total" : bl_strfmt(d->arena, "project:%.*s", (int)nl, lab->s);
            r->pair_total_seen |= whole;
        }
        add(r, L, val, kind, scope, &v, u, BL_BASIS_NONE, "标签");
        bl_fact *f = &d->facts[d->nfacts - 1];
        f->loose = true; /* read by its label's role words */
        if (part) {
            f->part_of = r->pair_parent;
            r->pair_in_list = true;
        } else {
            r->pair_parent = f->id;
            r->pair_kind = kind;
            r->pair_in_list = false;
            if (npcol < 8)
                r->pcol[npcol].col = val->col, r->pcol[npcol].fact = f->id, r->pcol[npcol].kind = kind, npcol++;
        }
        r->pair_row = L->row;
        any = true;
        k++;
    }
    if (any)
        r->npcol = npcol;
    return any;
}

/* The kind of money a label names: budget, spending, 到位 (available), 结余 (balance); -1 none. */
static int money_kind(const char *s, size_t n)
{
    if (has(s, n, "到位"))
        return BL_KIND_AVAILABLE;
    if (has(s, n, "结余") || has(s, n, "结转"))
        return BL_KIND_BALANCE;
    bl_role_hit h;
    if (bl_role_of_money(s, 0, n, &h) == 1 && h.strength != BL_ROLE_WEAK)
        return h.role == BL_ROLE_BUDGET ? BL_KIND_BUDGET : BL_KIND_EXECUTED;
    return -1;
}

/*
 * Labels over values (forms whose first row names the money in merged cells and whose
 * next row holds the amounts, each under its label's span): a row of two or more money
 * labels, one naming its unit, and no number; then a row of numbers only, each the
 * figure of the label at or left of its column; then rows of source/value pairs
 * (| 省财政 | 170 | 省财政 | 170 |), each a part of its column's figure. Returns whether
 * it read the row.
 */
static bool read_over(reader *r, const bl_line *L, cell *cs, int nc)
{
    bl_doc *d = r->doc;
    int labels = 0, numbers = 0, kinds = 0;
    bool unit = false;
    for (int k = 0; k < nc; k++) {
        cellnum v;
        if (read_cell(cs[k].s, cs[k].n, &v))
            numbers++;
        else if (cs[k].n && !v.placeholder) {
            labels++;
            kinds += money_kind(cs[k].s, cs[k].n) >= 0;
            unit |= unit_in(cs[k].s, cs[k].n) != BL_UNIT_NONE;
        }
    }
    if (!numbers && kinds >= 2 && unit && nc <= 8) { /* the labels */
        r->nover = 0;
        for (int k = 0; k < nc; k++) {
            r->over[r->nover].col = cs[k].col;
            r->over[r->nover].kind = money_kind(cs[k].s, cs[k].n);
            r->over[r->nover].fact = 0;
            bl_unit u = unit_in(cs[k].s, cs[k].n);
            if (u)
                r->h.unit = u;
            r->nover++;
        }
        r->over_row = L->row;
        return true;
    }
    if (!r->nover || L->row != r->over_row + 1) {
        r->nover = 0;
        return false;
    }
    bool values = numbers > 0 && labels == 0 && r->over[0].fact == 0;
    if (!values && kinds) { /* a label naming money again: another table's header, the parts end */
        r->nover = 0;
        return false;
    }
    r->over_row = L->row; /* the values, then the parts, each right under the last */
    bool any = false;
    for (int k = 0; k < nc; k++) {
        cellnum v;
        if (!read_cell(cs[k].s, cs[k].n, &v) || v.op || (v.unit != BL_UNIT_NONE && v.unit != BL_UNIT_WAN &&
                                                         v.unit != BL_UNIT_YUAN && v.unit != BL_UNIT_YI))
            continue;
        int g = -1; /* its label: the last at or left of its column */
        for (int j = 0; j < r->nover; j++)
            if (r->over[j].col <= cs[k].col)
                g = j;
        if (g < 0 || r->over[g].kind < 0)
            continue;
        bl_unit u = v.unit != BL_UNIT_NONE ? v.unit : r->h.unit ? r->h.unit : BL_UNIT_WAN;
        if (values) {
            add(r, L, &cs[k], (bl_kind)r->over[g].kind, r->unit_scope, &v, u, BL_BASIS_NONE, "表头");
            r->over[g].fact = d->facts[d->nfacts - 1].id;
            d->facts[d->nfacts - 1].loose = true;
            any = true;
        } else if (k > 0 && r->over[g].fact) {
            cellnum lv;
            const cell *lab = &cs[k - 1];
            if (read_cell(lab->s, lab->n, &lv) || !lab->n)
                continue;
            add(r, L, &cs[k], (bl_kind)r->over[g].kind, bl_strfmt(d->arena, "project:%.*s", (int)lab->n, lab->s),
                &v, u, BL_BASIS_NONE, "其中");
            bl_fact *f = &d->facts[d->nfacts - 1];
            f->loose = true;
            f->part_of = r->over[g].fact;
            any = true;
        }
    }
    if (values && !any)
        r->nover = 0;
    return values || any || labels > 0;
}

static void add_grade(reader *r, const bl_line *L, const cell *b, int q)
{
    bl_doc *d = r->doc;
    bl_fact f = {0};
    f.kind = BL_KIND_GRADE;
    f.scope = "total";
    f.grade = (bl_grade)q;
    f.label = "自评等级";
    f.start = b->at;
    f.end = b->at + b->n;
    f.num_at = b->at;
    f.text = bl_strndup(d->arena, b->s, b->n);
    f.page = L->page, f.line = L->line, f.table = L->table, f.row = L->row, f.col = b->col;
    f.id = ++*r->id;
    bl_doc_add_fact(d, &f);
}

static int grade_of(const cell *b)
{
    static const char *const g[] = {"优", "良", "中", "差"};
    for (int q = 0; q < 4; q++)
        if (starts(b->s, b->n, g[q]))
            return q;
    return -1;
}

/*
 * Label/value cells of a form's head or foot, from cell k0 on: 自评得分 | X,
 * 自评等级 | 优, 年度 | 2022, and a footer's | 总分 | 100 | 93 | 优 | (the
 * weights' sum, the score, the grade). Returns whether the row held a score or
 * a grade.
 */
static bool head_cells(reader *r, const bl_line *L, const cell *cs, int nc, int k0)
{
    bl_doc *d = r->doc;
    header *h = &r->h;
    for (int k = k0; k + 1 < nc; k++) {
        const cell *a = &cs[k], *b = &cs[k + 1];
        if ((a->n == strlen("年度") && starts(a->s, a->n, "年度")) || starts(a->s, a->n, "评价年度") ||
            starts(a->s, a->n, "预算年度")) {
            /* 年度 | 2022: the form's year, where the title gave none */
            if (b->n == 4 && !d->year && b->s[0] >= '1' && b->s[0] <= '2') {
                int y = 0;
                for (int q = 0; q < 4 && b->s[q] >= '0' && b->s[q] <= '9'; q++)
                    y = y * 10 + (b->s[q] - '0');
                if (y >= 1990 && y <= 2100)
                    d->year = y;
            }
            continue;
        }
        /* (in an indicator table its own 总分 row is read by columns; a footer's 总分 after other cells here) */
        if ((starts(a->s, a->n, "自评得分") || starts(a->s, a->n, "自评总分") || starts(a->s, a->n, "总分") ||
             starts(a->s, a->n, "综合得分")) &&
            (!h->indicators || (k > 0 && starts(a->s, a->n, "总分")))) {
            cellnum v, v2;
            bool points = read_cell(b->s, b->n, &v) && (v.unit == BL_UNIT_NONE || v.unit == BL_UNIT_POINT);
            if (points && starts(a->s, a->n, "总分") && k + 2 < nc && read_cell(cs[k + 2].s, cs[k + 2].n, &v2) &&
                (v2.unit == BL_UNIT_NONE || v2.unit == BL_UNIT_POINT)) {
                /* a footer's | 总分 | 100 | 93 |: the weights' sum, then the score; a grade may follow */
                add(r, L, b, BL_KIND_WEIGHT, "sum", &v, BL_UNIT_POINT, BL_BASIS_NONE, "总分");
                add(r, L, &cs[k + 2], BL_KIND_SCORE, "total", &v2, BL_UNIT_POINT, BL_BASIS_NONE, "自评得分");
                int q = k + 3 < nc ? grade_of(&cs[k + 3]) : -1;
                if (q >= 0 && cs[k + 3].n <= 6)
                    add_grade(r, L, &cs[k + 3], q);
                return true;
            }
            if (points)
                add(r, L, b, BL_KIND_SCORE, "total", &v, BL_UNIT_POINT, BL_BASIS_NONE, "自评得分");
            return true;
        }
        if (starts(a->s, a->n, "自评等级") || starts(a->s, a->n, "评价等级") || starts(a->s, a->n, "绩效等级") ||
            starts(a->s, a->n, "自评结果")) {
            int q = grade_of(b);
            if (q >= 0)
                add_grade(r, L, b, q);
            return true;
        }
    }
    return false;
}

/*
 * Label and value in one cell (| 年度预算资金（万元） | 按支出性质分： | 基本支出：611.52万元 |):
 * the value after the colon, its kind from the row's first cell (its role words:
 * 预算 budget, 支出/执行 spending) or else from the label, its scope from the label
 * (基本支出 basic, 项目支出 project, 合计/总额 total, any other a source).
 */
static bool read_inline_pairs(reader *r, const bl_line *L, const cell *cs, int nc)
{
    bl_doc *d = r->doc;
    bl_role_hit rh;
    int row_role = nc && cs[0].col == 0 ? bl_role_of_money(cs[0].s, 0, cs[0].n, &rh) : -1;
    int row_kind = row_role == 1 ? (rh.role == BL_ROLE_BUDGET ? BL_KIND_BUDGET : BL_KIND_EXECUTED) : -1;
    /* a row under a merged first cell (年度预算资金 over two rows) keeps that cell's kind */
    if (row_kind < 0 && nc && cs[0].col > 0 && r->inline_row && L->row == r->inline_row + 1)
        row_kind = r->inline_kind;
    bool any = false;
    for (int k = 0; k < nc; k++) {
        const cell *c = &cs[k];
        size_t colon = 0, clen = 0;
        for (size_t i = 0; i + 1 < c->n; i++) {
            if (starts(c->s + i, c->n - i, "：")) {
                colon = i, clen = 3;
                break;
            }
            if (c->s[i] == ':') {
                colon = i, clen = 1;
                break;
            }
        }
        if (!clen || colon == 0 || colon + clen >= c->n)
            continue;
        cell val = {c->s + colon + clen, c->n - colon - clen, c->at + colon + clen, c->col, c->x0, c->x1};
        cellnum v;
        if (!read_cell(val.s, val.n, &v) || v.placeholder || v.op)
            continue;
        bool money = v.unit == BL_UNIT_WAN || v.unit == BL_UNIT_YUAN || v.unit == BL_UNIT_YI ||
                     (v.unit == BL_UNIT_NONE && r->h.unit != BL_UNIT_NONE);
        if (!money)
            continue;
        const char *lab = c->s;
        size_t ln = colon;
        bl_kind kind;
        if (row_kind >= 0)
            kind = (bl_kind)row_kind;
        else {
            bl_role_hit h;
            if (bl_role_of_money(lab, 0, ln, &h) != 1)
                continue;
            kind = h.role == BL_ROLE_BUDGET ? BL_KIND_BUDGET : BL_KIND_EXECUTED;
        }
        const char *scope = starts(lab, ln, "基本支出")                                   ? "basic"
                            : starts(lab, ln, "项目支出")                                 ? "project"
                            : has(lab, ln, "合计") || has(lab, ln, "总额") || has(lab, ln, "总计") ? "total"
                                                                                          : NULL;
        if (!scope)
            scope = bl_strfmt(d->arena, "source:%.*s", (int)ln, lab);
        bl_unit u = v.unit != BL_UNIT_NONE ? v.unit : r->h.unit;
        add(r, L, &val, kind, scope, &v, u, BL_BASIS_NONE, "标签");
        d->facts[d->nfacts - 1].loose = true;
        any = true;
    }
    if (any) {
        r->inline_row = L->row;
        r->inline_kind = row_kind;
    }
    return any;
}

static void read_row(reader *r, const bl_line *L, cell *cs, int nc)
{
    bl_doc *d = r->doc;
    header *h = &r->h;
    if (head_cells(r, L, cs, nc, 0))
        return;
    if (!r->h.funding && (read_inline_pairs(r, L, cs, nc) || read_over(r, L, cs, nc) || read_pairs(r, L, cs, nc)))
        return;
    if (!r->have_header)
        return;
    /* a figure under a column two header cells claim is not read: the table's sums lack it */
    for (int k = 0; k < nc; k++) {
        cellnum v;
        if (cs[k].col < MAXCOL && h->clash[cs[k].col] && read_cell(cs[k].s, cs[k].n, &v))
            note_table(d->unread_tables, &d->nunread_tables, L->table);
    }
    /*
     * the row's label: the last cell that is not a figure left of the figures
     * (a merged group cell - 项目资金（万元） - may print its wrapped words on
     * the same line, left of the row's own label)
     */
    const cell *label = NULL;
    for (int k = 0; k < nc; k++) {
        cellnum v;
        enum role ro = cs[k].col < MAXCOL ? h->role[cs[k].col] : C_NONE;
        if (ro == C_L1 || ro == C_L2 || ro == C_L3 || ro == C_TARGET || ro == C_ACTUAL || ro == C_REASON)
            continue;
        if (!read_cell(cs[k].s, cs[k].n, &v) && !v.placeholder) {
            label = &cs[k];
            continue;
        }
        if (!v.placeholder || label)
            break;
    }
    /* unreadable cells: digits glued beyond one number in a figure column */
    for (int k = 0; k < nc; k++) {
        enum role ro = cs[k].col < MAXCOL ? h->role[cs[k].col] : C_NONE;
        if (ro < C_BUDGET_INITIAL || ro > C_SCORE)
            continue;
        cellnum v;
        if (!read_cell(cs[k].s, cs[k].n, &v) && !v.placeholder) {
            int digits = 0;
            for (size_t i = 0; i < cs[k].n; i++)
                digits += cs[k].s[i] >= '0' && cs[k].s[i] <= '9';
            if (digits >= 4 && (v.glued || &cs[k] != label))
                unreadable(r, L, &cs[k]);
        }
    }
    if (label && (starts(label->s, label->n, "列次") || starts(label->s, label->n, "行次")))
        return; /* column and row numbers, not figures */
    bool total_row = label && is_total_label(label->s, label->n);
    if (h->indicators) {
        /* block labels and level names carry down through merged cells */
        const cell *at[C_SKIP + 1] = {0}; /* the row's cell in each role's column */
        for (int k = 0; k < nc; k++) {
            enum role ro = cs[k].col < MAXCOL ? h->role[cs[k].col] : C_NONE;
            const cell *c = &cs[k];
            if (ro == C_L1 && !is_total_label(c->s, c->n)) {
                /* a block label wrapped in its merged cell ("项目管理(25" / "分)") spills into the next row */
                size_t ol = strlen(r->l1);
                bool open = ol && (memchr(r->l1, '(', ol) || strstr(r->l1, "（")) && !memchr(r->l1, ')', ol) &&
                            !strstr(r->l1, "）");
                bool closes = (memchr(c->s, ')', c->n) || has(c->s, c->n, "）")) && !memchr(c->s, '(', c->n) &&
                              !has(c->s, c->n, "（");
                char joined[192];
                const char *ls = c->s;
                size_t ln = c->n;
                if (open && closes && ol + c->n < sizeof joined) {
                    memcpy(joined, r->l1, ol);
                    memcpy(joined + ol, c->s, c->n);
                    ls = joined;
                    ln = ol + c->n;
                }
                keep(r->l1, sizeof r->l1, ls, ln);
                r->l2[0] = '\0';
                bl_dec pts;
                size_t nl;
                if (points_in(ls, ln, &pts, &nl)) {
                    cellnum v = {0};
                    v.v = pts;
                    v.num_off = 0;
                    keep(r->l1, sizeof r->l1, ls, nl);
                    add(r, L, c, BL_KIND_WEIGHT, bl_strfmt(d->arena, "block:%s", r->l1), &v, BL_UNIT_POINT,
                        BL_BASIS_NONE, "一级指标分值");
                }
            } else if (ro == C_L2) {
                keep(r->l2, sizeof r->l2, c->s, c->n);
            } else {
                at[ro] = c;
            }
        }
        const cell *l3 = at[C_L3], *reason = at[C_REASON], *wcell = at[C_WEIGHT], *scell = at[C_SCORE];
        const cell *tcell = at[C_TARGET], *acell = at[C_ACTUAL];
        const cell *mcell = at[C_MEASURE], *ncell = at[C_NATURE], *ccell = at[C_COEF]; /* 度量单位, 指标性质, 得分系数 */
        if (l3 && is_total_label(l3->s, l3->n))
            total_row = true, l3 = NULL;
        for (int k = 0; k < nc && !total_row; k++)
            if (cs[k].col < MAXCOL && h->role[cs[k].col] <= C_L2 && is_total_label(cs[k].s, cs[k].n))
                total_row = true;
        if (total_row) {
            cellnum v;
            if (wcell && read_cell(wcell->s, wcell->n, &v))
                add(r, L, wcell, BL_KIND_WEIGHT, "sum", &v, BL_UNIT_POINT, BL_BASIS_NONE, "总分值");
            if (scell && read_cell(scell->s, scell->n, &v))
                add(r, L, scell, BL_KIND_SCORE, "total", &v, BL_UNIT_POINT, BL_BASIS_NONE, "总分");
            return;
        }
        cellnum as_name;
        if (l3 && read_cell(l3->s, l3->n, &as_name) &&
            (as_name.unit != BL_UNIT_OTHER || (as_name.op && as_name.mlen <= 6)))
            l3 = NULL; /* a target or a figure where the name goes (≥ 2%, 100 万元, ≥12 个; a name
                          as ≥360天服务读者 stays one): the row's cells stand a column off (a
                          scan's lost rule), so none of them is read */
        for (int k = 0; k < nc && l3; k++)
            if (off_column(h, &cs[k]))
                l3 = NULL; /* a cell under another column's header: the row is a column off */
        if (!l3) {
            /* figures with no indicator to name them (a label lost to OCR): not read, and the
             * table's sums lack them */
            cellnum v;
            if ((wcell && read_cell(wcell->s, wcell->n, &v)) || (scell && read_cell(scell->s, scell->n, &v)))
                note_table(d->unread_tables, &d->nunread_tables, L->table);
            return;
        }
        const char *scope = bl_strfmt(d->arena, "indicator:%.*s", (int)l3->n, l3->s);
        /* the block's name without its points (a wrapped label may not have them yet) */
        size_t gl = strlen(r->l1);
        const char *paren = strstr(r->l1, "（");
        const char *par2 = strchr(r->l1, '(');
        if (paren && (size_t)(paren - r->l1) < gl)
            gl = (size_t)(paren - r->l1);
        if (par2 && (size_t)(par2 - r->l1) < gl)
            gl = (size_t)(par2 - r->l1);
        const char *grp = gl ? bl_strndup(d->arena, r->l1, gl) : NULL;
        size_t first = d->nfacts;
        cellnum v;
        if (wcell && read_cell(wcell->s, wcell->n, &v))
            add(r, L, wcell, BL_KIND_WEIGHT, scope, &v, BL_UNIT_POINT, BL_BASIS_NONE,
                h->weight_word ? h->weight_word : "分值");
        if (scell && read_cell(scell->s, scell->n, &v)) {
            add(r, L, scell, BL_KIND_SCORE, scope, &v, BL_UNIT_POINT, BL_BASIS_NONE, "得分");
            cellnum k;
            if (ccell && read_cell(ccell->s, ccell->n, &k) && (k.unit == BL_UNIT_NONE || k.unit == BL_UNIT_PERCENT)) {
                d->facts[d->nfacts - 1].coef = k.v; /* percent */
                d->facts[d->nfacts - 1].has_coef = true;
            }
        }
        if (tcell && read_cell(tcell->s, tcell->n, &v)) {
            with_columns(&v, mcell, ncell);
            /* a rate that should stay low is a ≤ target even without its operator:
             * 人员控制率 100% met at 98%, 结余率, 调整率, 差错率, 投诉率, 事故发生率 */
            if (!v.op && (has(l3->s, l3->n, "控制率") || has(l3->s, l3->n, "调整率") || has(l3->s, l3->n, "结余率") ||
                          has(l3->s, l3->n, "差错率") || has(l3->s, l3->n, "投诉率") || has(l3->s, l3->n, "发生率") ||
                          has(l3->s, l3->n, "偏差率")))
                v.op = '<';
            add(r, L, tcell, BL_KIND_TARGET, scope, &v, v.unit, BL_BASIS_NONE, "指标值");
        }
        if (acell && read_cell(acell->s, acell->n, &v)) {
            with_columns(&v, mcell, NULL);
            add(r, L, acell, BL_KIND_ACTUAL, scope, &v, v.unit, BL_BASIS_NONE, "实际完成值");
        }
        /* a qualitative indicator's 完成情况: 达成 / 部分达成 / 未达成 (R14) */
        const char *status = NULL;
        if (acell && !read_cell(acell->s, acell->n, &v))
            status = attainment(acell->s, acell->n);
        for (size_t q = first; q < d->nfacts; q++) {
            d->facts[q].group = grp;
            d->facts[q].status = status;
            if (reason && reason->n) {
                d->facts[q].has_reason = true;
                d->facts[q].reason = bl_strndup(d->arena, reason->s, reason->n);
            } else if (h->reason_col) {
                d->facts[q].reason = ""; /* the form asks for a reason; none given */
            }
        }
        return;
    }
    if (!h->funding)
        return;
    cell whole = {"年度资金总额", strlen("年度资金总额"), 0, -1, 0, 0};
    if (!label && L->row == r->head_row + 1 && next_row_starts(d, L, "其中"))
        label = &whole; /* the first row under the header, its parts (其中：…) below: the total */
    if (!label) {
        if (has_figures(h, cs, nc)) /* a row of amounts that lost its label to a scan */
            note_table(d->unread_tables, &d->nunread_tables, L->table);
        return;
    }
    /* a funding row */
    const char *scope = scope_of_label(r, label->s, label->n);
    bool sub = strstr(scope, "source:") != NULL;
    /* the 预算执行率 row's weight and score: "exec", or "<scope>/exec" below the whole */
    const char *exec_scope = strcmp(scope, "total") == 0 ? "exec" : bl_strfmt(d->arena, "%s/exec", scope);
    bl_basis rate_basis = BL_BASIS_NONE;
    if (h->rate_den)
        for (int c = 0; c < MAXCOL; c++)
            if (h->letter[c] == h->rate_den)
                rate_basis = h->role[c] == C_BUDGET_INITIAL ? BL_BASIS_INITIAL : BL_BASIS_ADJUSTED;
    bool has_adjusted = false;
    for (int c = 0; c < MAXCOL; c++)
        has_adjusted |= h->role[c] == C_BUDGET_ADJUSTED || h->role[c] == C_BUDGET;
    if (!rate_basis)
        rate_basis = has_adjusted ? BL_BASIS_ADJUSTED : BL_BASIS_INITIAL;
    for (int k = 0; k < nc; k++) {
        const cell *c = &cs[k];
        if (c == label)
            continue;
        enum role ro = c->col < MAXCOL ? h->role[c->col] : C_NONE;
        cellnum v;
        if (!read_cell(c->s, c->n, &v))
            continue;
        if ((ro == C_BUDGET_INITIAL || ro == C_BUDGET_ADJUSTED || ro == C_BUDGET || ro == C_EXECUTED) &&
            v.unit == BL_UNIT_PERCENT) {
            unreadable(r, L, c); /* an amount column holding a percentage: cells glued (40004000100%) */
            continue;
        }
        /* amounts under a header cell a scan lost */
        if (ro == C_NONE && c->col < MAXCOL && !h->named[c->col] && v.unit != BL_UNIT_PERCENT)
            note_table(d->unheaded_tables, &d->nunheaded_tables, L->table);
        bl_unit money = v.unit == BL_UNIT_WAN || v.unit == BL_UNIT_YUAN || v.unit == BL_UNIT_YI ? v.unit
                        : h->unit                                                                   ? h->unit
                                                                                                    : BL_UNIT_WAN;
        switch (ro) {
        case C_BUDGET_INITIAL:
            add(r, L, c, BL_KIND_BUDGET, scope, &v, money, BL_BASIS_INITIAL, "年初预算数");
            break;
        case C_BUDGET_ADJUSTED:
        case C_BUDGET:
            add(r, L, c, BL_KIND_BUDGET, scope, &v, money, BL_BASIS_ADJUSTED, "全年预算数");
            break;
        case C_EXECUTED:
            add(r, L, c, BL_KIND_EXECUTED, scope, &v, money, BL_BASIS_NONE, "全年执行数");
            break;
        case C_RATE:
            if (v.unit == BL_UNIT_PERCENT || v.unit == BL_UNIT_NONE)
                add(r, L, c, BL_KIND_RATE, scope, &v, BL_UNIT_PERCENT, rate_basis, "执行率");
            break;
        case C_WEIGHT:
            if (!sub)
                add(r, L, c, BL_KIND_WEIGHT, exec_scope, &v, BL_UNIT_POINT, BL_BASIS_NONE, "执行率分值");
            break;
        case C_SCORE:
            if (!sub)
                add(r, L, c, BL_KIND_SCORE, exec_scope, &v, BL_UNIT_POINT, BL_BASIS_NONE, "执行率得分");
            break;
        default:
            break;
        }
    }
}

/* Split a row's paragraph in doc->text into its cells (tab-separated). */
static int cells_of(const bl_doc *d, const bl_line *L, cell *cs, int max)
{
    size_t t = text_at(d, L->off);
    int nc = 0;
    size_t s = t;
    while (nc < max) {
        size_t e = s;
        while (e < d->text_len && d->text[e] != '\t' && d->text[e] != '\n')
            e++;
        cs[nc].s = d->text + s;
        cs[nc].n = e - s;
        cs[nc].at = s;
        cs[nc].col = nc < L->ncells ? L->cells[nc].col : nc;
        cs[nc].x0 = nc < L->ncells ? L->cells[nc].x0 : 0;
        cs[nc].x1 = nc < L->ncells ? L->cells[nc].x1 : 0;
        nc++;
        if (e >= d->text_len || d->text[e] == '\n')
            break;
        s = e + 1;
    }
    return nc;
}

/*
 * A unit declared for a table: 单位：万元, 金额单位:元, （单位 万元）; "单位" followed by the
 * unit, not "单位" anywhere in a line that holds 万元 (批复单位用款计划额度…万元 is a sentence).
 */
static bl_unit unit_declared(const char *s, size_t n)
{
    static const struct {
        const char *w;
        bl_unit u;
    } units[] = {{"万元", BL_UNIT_WAN}, {"亿元", BL_UNIT_YI}, {"元", BL_UNIT_YUAN}};
    for (size_t i = 0; i + 6 <= n; i++) {
        if (memcmp(s + i, "单位", 6) != 0)
            continue;
        size_t j = i + 6;
        while (j < n && s[j] == ' ')
            j++;
        if (starts(s + j, n - j, "："))
            j += 3;
        else if (j < n && s[j] == ':')
            j++;
        while (j < n && s[j] == ' ')
            j++;
        for (size_t k = 0; k < sizeof units / sizeof *units; k++)
            if (starts(s + j, n - j, units[k].w))
                return units[k].u;
    }
    return BL_UNIT_NONE;
}

/*
 * A 年度资金总额 row that states its budget and nothing more, over 其中 rows of which one
 * alone holds figures, its budget the total's (the others blank or 0): the total's spending
 * and rate are that source's - the form left them blank beside a total that is one source.
 * Derived facts, from the source's.
 */
static void total_from_sole_source(bl_doc *d, int *id, size_t first)
{
    size_t end = d->nfacts;
    for (size_t i = first; i < end; i++) {
        const bl_fact *tb = &d->facts[i];
        if (tb->kind != BL_KIND_BUDGET || !tb->table || strcmp(tb->scope, "total") != 0)
            continue;
        const char *only = NULL;
        bool spent = false, several = false;
        for (size_t k = first; k < end && !spent && !several; k++) {
            const bl_fact *f = &d->facts[k];
            if (f->table != tb->table)
                continue;
            if (strcmp(f->scope, "total") == 0 && (f->kind == BL_KIND_EXECUTED || f->kind == BL_KIND_RATE))
                spent = true; /* the total states its own */
            else if (strncmp(f->scope, "source:", 7) == 0 && f->value.mant != 0 &&
                     (f->kind == BL_KIND_BUDGET || f->kind == BL_KIND_EXECUTED || f->kind == BL_KIND_RATE)) {
                if (only && strcmp(only, f->scope) != 0)
                    several = true;
                only = f->scope;
            }
        }
        if (spent || several || !only)
            continue;
        const bl_fact *sb = NULL;
        for (size_t k = first; k < end && !sb; k++)
            if (d->facts[k].table == tb->table && d->facts[k].kind == BL_KIND_BUDGET && d->facts[k].basis == tb->basis &&
                strcmp(d->facts[k].scope, only) == 0)
                sb = &d->facts[k];
        if (!sb || !bl_range_overlap(sb->range, tb->range))
            continue;
        for (size_t k = first; k < end; k++) {
            const bl_fact *x = &d->facts[k];
            if (x->table != tb->table || strcmp(x->scope, only) != 0 ||
                (x->kind != BL_KIND_EXECUTED && x->kind != BL_KIND_RATE))
                continue;
            bl_fact f = *x;
            f.scope = "total";
            f.derived = true;
            f.from[0] = x->id;
            f.from[1] = tb->id;
            f.part_of = 0;
            f.label = "derived";
            f.text = bl_strfmt(d->arena, "%s（总额的：其中唯一有数的资金来源，预算数与总额相同）", x->text);
            f.id = ++*id;
            bl_doc_add_fact(d, &f);
        }
        break; /* one total row a table */
    }
}

void bl_parse_tables(bl_doc *doc, int *id)
{
    /* project tables: their own scope when the report holds several projects */
    int nproj = 0, nwhole = 0, last = 0;
    for (size_t k = 0; k < doc->nlines; k++) {
        const bl_line *L = &doc->lines[k];
        if (!L->table || !L->ncells)
            continue;
        /* the cell as normalized (Traditional read as Simplified) */
        size_t a = text_at(doc, L->cells[0].off), e = text_at(doc, L->cells[0].off + L->cells[0].len);
        const char *s = doc->text + a;
        size_t n = e > a ? e - a : 0;
        if (starts(s, n, "项目名称") && L->table != last)
            nproj++, last = L->table;
        if (has(s, n, "部门") && (has(s, n, "总体资金") || has(s, n, "整体")))
            nwhole++;
    }
    bool separate = nproj >= 2 || (nproj >= 1 && nwhole >= 1);
    size_t first = doc->nfacts;
    reader r = {0};
    r.doc = doc;
    r.id = id;
    r.unit_scope = "total";
    cell cs[MAXCOL];
    bool heads_only = false; /* the table so far holds only 项目名称 / 主管部门 rows */
    for (size_t k = 0; k < doc->nlines; k++) {
        const bl_line *L = &doc->lines[k];
        if (!L->table)
            continue;
        if (L->table != r.table) {
            r.table = L->table;
            r.have_header = false;
            /* a table of the project's name alone (a form split in two, or by a page) names the
             * next, and the 单位 line above it is the next one's too */
            bl_unit form_unit = heads_only && r.unit_line ? r.h.unit : BL_UNIT_NONE;
            if (!heads_only)
                r.unit_scope = "total";
            heads_only = true;
            r.pair_parent = 0;
            r.nover = 0;
            r.unit_line = form_unit != BL_UNIT_NONE;
            memset(&r.h, 0, sizeof r.h);
            r.h.unit = form_unit;
            /* a 单位 line just above the table */
            for (size_t b = k; b-- > 0 && k - b <= 3 && !doc->lines[b].table;) {
                size_t a = text_at(doc, doc->lines[b].off), e = text_at(doc, doc->lines[b].off + doc->lines[b].len);
                bl_unit u = e > a ? unit_declared(doc->text + a, e - a) : BL_UNIT_NONE;
                if (u)
                    r.h.unit = u, r.unit_line = true;
            }
        }
        int nc = cells_of(doc, L, cs, MAXCOL);
        if (nc >= 2 && starts(cs[0].s, cs[0].n, "项目名称")) {
            if (separate)
                r.unit_scope = bl_strfmt(doc->arena, "project:%.*s", (int)cs[1].n, cs[1].s);
            head_cells(&r, L, cs, nc, 2); /* | 年度 | 2022 |, | 自评得分 | 94 | further on */
            continue;
        }
        if (nc >= 2 && starts(cs[0].s, cs[0].n, "主管部门")) {
            /* the table's own cell is better evidence than a guess from the prose */
            doc->department = bl_strndup(doc->arena, cs[1].s, cs[1].n);
            head_cells(&r, L, cs, nc, 2);
            continue;
        }
        heads_only = false;
        if (is_header_row(cs, nc)) {
            bl_unit keep_unit = r.h.unit;
            r.have_header = read_header(&r.h, cs, nc, doc->year) >= 2;
            r.head_row = L->row;
            r.l1[0] = r.l2[0] = '\0';
            if (!r.h.unit)
                r.h.unit = keep_unit;
            continue;
        }
        read_row(&r, L, cs, nc);
    }
    total_from_sole_source(doc, id, first);
}
