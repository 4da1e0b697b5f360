/* cells.c - one cell of a 自评表: a header's role, a figure's value, operator and unit. */
#include "cells.h"

#include <string.h>

#include "text.h"

#include "../core/banned.h"

/* The letter in "(A)" / "（A）" at the end of a header cell. */
static char letter_of(const char *s, size_t n)
{
    for (size_t i = 0; i + 2 < n; i++)
        if (s[i] == '(' && s[i + 1] >= 'A' && s[i + 1] <= 'Z' && (s[i + 2] == ')' || s[i + 2] == '/'))
            return s[i + 1];
    return 0;
}

enum role role_of(const char *s, size_t n, char *letter, char *den)
{
    *letter = letter_of(s, n);
    if (has(s, n, "得分系数"))
        return C_COEF;
    if (has(s, n, "得分计算") || has(s, n, "到位"))
        return C_SKIP;
    if (has(s, n, "执行率") || has(s, n, "预算执行(")) {
        if (has(s, n, "权重") || has(s, n, "分值"))
            return C_WEIGHT;
        if (has(s, n, "得分"))
            return C_SCORE;
        for (size_t i = 0; i + 2 < n; i++)
            if (s[i] == '/' && s[i + 1] >= 'A' && s[i + 1] <= 'Z')
                *den = s[i + 1];
        return C_RATE;
    }
    if (has(s, n, "执行数") || has(s, n, "执行资金") || (has(s, n, "支出") && has(s, n, "决算")) || has(s, n, "决算数"))
        return C_EXECUTED;
    if (has(s, n, "年初预算"))
        return C_BUDGET_INITIAL;
    if (has(s, n, "全年预算") || has(s, n, "调整后预算") || has(s, n, "调整预算") || has(s, n, "全年(调整)") ||
        has(s, n, "全年（调整）"))
        return C_BUDGET_ADJUSTED;
    if ((has(s, n, "预算数") && !has(s, n, "年度预算数")) || has(s, n, "预算金额"))
        return C_BUDGET;
    if (has(s, n, "一级指标"))
        return C_L1;
    if (has(s, n, "二级指标"))
        return C_L2;
    if (has(s, n, "三级指标") || starts(s, n, "指标名称") || starts(s, n, "绩效指标名称"))
        return C_L3;
    if (has(s, n, "实际完成") || has(s, n, "完成值") || has(s, n, "实际值"))
        return C_ACTUAL;
    if (has(s, n, "指标值") || has(s, n, "目标值"))
        return C_TARGET;
    if (has(s, n, "原因"))
        return C_REASON;
    if (has(s, n, "度量单位") || has(s, n, "计量单位"))
        return C_MEASURE;
    if (starts(s, n, "指标性") || starts(s, n, "指标方向")) /* 指标性质, wrapped as 指标性 / 质 */
        return C_NATURE;
    if (has(s, n, "分值") || has(s, n, "权重"))
        return C_WEIGHT;
    if (has(s, n, "得分"))
        return C_SCORE;
    return C_NONE;
}

bl_unit unit_in(const char *s, size_t n)
{
    if (has(s, n, "万元"))
        return BL_UNIT_WAN;
    if (has(s, n, "亿元"))
        return BL_UNIT_YI;
    if (has(s, n, "单位：元") || has(s, n, "单位:元") || has(s, n, "（元）") || has(s, n, "(元)"))
        return BL_UNIT_YUAN;
    return BL_UNIT_NONE;
}

bool is_placeholder(const char *s, size_t n)
{
    if (!n)
        return false;
    size_t i = 0;
    while (i < n) {
        if (s[i] == '-' || s[i] == '/' || s[i] == ' ' || s[i] == '*')
            i++;
        else if (n - i >= 3 && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80)
            i += 3; /* — – … */
        else
            return false;
    }
    return true;
}

/* Read a cell as one figure: [op] number [unit]. Returns false when it is not one. */
bool read_cell(const char *s, size_t n, cellnum *out)
{
    memset(out, 0, sizeof *out);
    if (is_placeholder(s, n)) {
        out->placeholder = true;
        return false;
    }
    size_t i = 0;
    while (i < n) {
        if (s[i] == ' ')
            i++;
        else if (n - i >= 3 && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x89 &&
                 ((unsigned char)s[i + 2] == 0xA5 || (unsigned char)s[i + 2] == 0xA7))
            out->op = '>', i += 3; /* ≥ ≧ */
        else if (n - i >= 3 && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x89 &&
                 ((unsigned char)s[i + 2] == 0xA4 || (unsigned char)s[i + 2] == 0xA6))
            out->op = '<', i += 3; /* ≤ ≦ */
        else if (s[i] == '>' || s[i] == '<') {
            out->op = s[i];
            i++;
            if (i < n && s[i] == '=')
                i++;
        } else if (s[i] == '=') {
            out->op = '=', i++;
        } else
            break;
    }
    char num[48];
    size_t k = 0, d0 = i;
    if (i < n && s[i] == '-')
        num[k++] = s[i++];
    int digits = 0;
    while (i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == ',' || s[i] == '.') && k + 1 < sizeof num) {
        if (s[i] != ',')
            num[k++] = s[i];
        if (s[i] >= '0' && s[i] <= '9')
            digits++;
        i++;
    }
    num[k] = '\0';
    if (!digits)
        return false;
    out->num_off = d0;
    if (bl_dec_parse(num, k, &out->v))
        return false;
    while (i < n && s[i] == ' ')
        i++;
    const char *u = s + i;
    size_t ul = n - i;
    if (!ul) {
        out->unit = BL_UNIT_NONE;
    } else if (u[0] == '%' && ul == 1) {
        out->unit = BL_UNIT_PERCENT;
    } else if (ul == 6 && memcmp(u, "万元", 6) == 0) {
        out->unit = BL_UNIT_WAN;
    } else if (ul == 3 && memcmp(u, "元", 3) == 0) {
        out->unit = BL_UNIT_YUAN;
    } else if (ul == 6 && memcmp(u, "亿元", 6) == 0) {
        out->unit = BL_UNIT_YI;
    } else if (ul == 3 && memcmp(u, "分", 3) == 0) {
        out->unit = BL_UNIT_POINT;
    } else {
        /* a measure (个, 吨, 人次, 元/户): short, no digits */
        if (ul > 18)
            return false;
        /* a year (2023年…: a date whose month a scan garbled, 2023年冰月底前) is no figure */
        if (ul >= 3 && memcmp(u, "年", 3) == 0 && out->v.scale == 0 && out->v.mant >= 1900 && out->v.mant <= 2100)
            return false;
        for (size_t j = 0; j < ul; j++)
            if (u[j] >= '0' && u[j] <= '9') {
                out->glued = true;
                return false;
            }
        out->unit = BL_UNIT_OTHER;
        out->measure = u;
        out->mlen = ul;
    }
    return true;
}

bool off_column(const header *h, const cell *c)
{
    if (c->col < 0 || c->col >= MAXCOL || c->x1 <= c->x0 || h->x1[c->col] <= h->x0[c->col])
        return false;
    float own = bl_span_overlap(c->x0, c->x1, h->x0[c->col], h->x1[c->col]);
    for (int k = 0; k < MAXCOL; k++)
        if (k != c->col && h->x1[k] > h->x0[k] && bl_span_overlap(c->x0, c->x1, h->x0[k], h->x1[k]) > own)
            return true;
    return false;
}

bool is_total_label(const char *s, size_t n)
{
    return starts(s, n, "总分") || starts(s, n, "合计") || starts(s, n, "总计") || starts(s, n, "自评总分") ||
           starts(s, n, "自评得分");
}

/* "产出指标(50分)" / "预算执行情况（10分）": the points in a label; false when none. */
bool points_in(const char *s, size_t n, bl_dec *out, size_t *name_len)
{
    for (size_t i = 0; i < n; i++) {
        bool open = s[i] == '(' || (n - i >= 3 && memcmp(s + i, "（", 3) == 0);
        if (!open)
            continue;
        size_t j = i + (s[i] == '(' ? 1 : 3);
        while (j < n && s[j] == ' ')
            j++;
        size_t k = j;
        while (k < n && ((s[k] >= '0' && s[k] <= '9') || s[k] == '.'))
            k++;
        size_t u = k; /* "(60 分)": the extraction may put a space before 分 */
        while (u < n && s[u] == ' ')
            u++;
        if (k > j && n - u >= 3 && memcmp(s + u, "分", 3) == 0) {
            *name_len = i;
            return bl_dec_parse(s + j, k - j, out) == 0;
        }
    }
    return false;
}

/* 财预〔2020〕10号 定性指标: 达成年度指标 / 部分达成…并具有一定效果 / 未达成…且效果较差. */
const char *attainment(const char *s, size_t n)
{
    if (starts(s, n, "未达成") || starts(s, n, "未完成") || starts(s, n, "没有达成"))
        return "未达成";
    if (starts(s, n, "部分达成") || starts(s, n, "基本达成") || starts(s, n, "部分完成") || starts(s, n, "基本完成"))
        return "部分达成";
    if (starts(s, n, "达成") || starts(s, n, "已达成") || starts(s, n, "全部达成") || starts(s, n, "完全达成"))
        return "达成";
    return NULL;
}

/* A year a header cell names (2021年决算数): its value, or 0. */
int year_in(const char *s, size_t n)
{
    for (size_t i = 0; i + 4 < n; i++) {
        if ((i && s[i - 1] >= '0' && s[i - 1] <= '9') || s[i] < '1' || s[i] > '2')
            continue;
        int y = 0;
        size_t k = i;
        for (; k < i + 4 && s[k] >= '0' && s[k] <= '9'; k++)
            y = y * 10 + (s[k] - '0');
        if (k != i + 4 || (k < n && s[k] >= '0' && s[k] <= '9'))
            continue;
        while (k < n && s[k] == ' ')
            k++;
        if (y >= 1990 && y <= 2100 && n - k >= 3 && memcmp(s + k, "年", 3) == 0)
            return y;
    }
    return 0;
}

/*
 * A target or actual written without its measure or direction, in a form that has
 * columns for them (四川: 指标性质 | 指标值 | 度量单位 | 完成值): take them from there.
 */
void with_columns(cellnum *v, const cell *measure, const cell *nature)
{
    if (!v->measure && v->unit == BL_UNIT_NONE && measure && measure->n && !is_placeholder(measure->s, measure->n) &&
        measure->n <= 18) {
        if (measure->n == 1 && measure->s[0] == '%') {
            v->unit = BL_UNIT_PERCENT;
        } else {
            v->unit = BL_UNIT_OTHER;
            v->measure = measure->s;
            v->mlen = measure->n;
        }
    }
    if (!v->op && nature) {
        if (has(nature->s, nature->n, "≥") || has(nature->s, nature->n, ">") || has(nature->s, nature->n, "正向"))
            v->op = '>';
        else if (has(nature->s, nature->n, "≤") || has(nature->s, nature->n, "<") || has(nature->s, nature->n, "反向"))
            v->op = '<';
        else if (has(nature->s, nature->n, "="))
            v->op = '=';
    }
}

/* A header row: what each column holds (see cells.h). Returns how many roles it names. */
int read_header(header *h, const cell *cs, int nc, int doc_year)
{
    memset(h, 0, sizeof *h);
    int roles = 0;
    for (int k = 0; k < nc; k++) {
        char letter = 0, den = 0;
        enum role ro = role_of(cs[k].s, cs[k].n, &letter, &den);
        int y = year_in(cs[k].s, cs[k].n);
        if (ro >= C_BUDGET_INITIAL && ro <= C_RATE && y && doc_year && y != doc_year)
            ro = C_SKIP; /* 2021年决算数 in a 2022 report: last year's column, for comparison */
        if (cs[k].col < MAXCOL && cs[k].n && h->named[cs[k].col])
            h->clash[cs[k].col] = true; /* 全年执行数(B) and 分值 in one column: a scan lost the rule between them */
        if (cs[k].col < MAXCOL && ro != C_NONE)
            h->role[cs[k].col] = ro;
        if (cs[k].col < MAXCOL && (ro != C_NONE || letter))
            h->letter[cs[k].col] = letter;
        if (cs[k].col < MAXCOL) {
            h->named[cs[k].col] |= cs[k].n > 0;
            h->x0[cs[k].col] = cs[k].x0, h->x1[cs[k].col] = cs[k].x1;
        }
        if (den)
            h->rate_den = den;
        if (ro != C_NONE && ro != C_SKIP)
            roles++;
        bl_unit u = unit_in(cs[k].s, cs[k].n);
        if (u)
            h->unit = u;
        if (ro >= C_L1 && ro <= C_ACTUAL)
            h->indicators = true;
        if (ro == C_REASON)
            h->reason_col = true;
        if (ro == C_WEIGHT && !h->weight_word)
            h->weight_word = has(cs[k].s, cs[k].n, "权重") ? "权重" : "分值";
        if (ro >= C_BUDGET_INITIAL && ro <= C_RATE)
            h->funding = true;
    }
    /* a column two header cells claim names nothing: its figures are not read */
    for (int c = 0; c < MAXCOL; c++)
        if (h->clash[c]) {
            if (h->role[c] != C_NONE && h->role[c] != C_SKIP)
                roles--;
            h->role[c] = C_NONE, h->named[c] = false, h->letter[c] = 0;
        }
    /*
     * a column headed by its letter alone (a scan lost 全年预算数 of 全年预算数(A)): the
     * rate's 执行率(B/A) names it - its denominator a budget, its numerator what was spent
     */
    char num = 0;
    for (int c = 0; c < MAXCOL; c++)
        if (h->role[c] == C_RATE && h->letter[c])
            num = h->letter[c];
    for (int c = 0; c < MAXCOL; c++)
        if (h->role[c] == C_NONE && h->letter[c]) {
            if (h->letter[c] == h->rate_den) {
                h->role[c] = C_BUDGET, roles++;
            } else if (h->letter[c] == num) {
                h->role[c] = C_EXECUTED, roles++;
            }
        }
    /* two columns of one role and different years (2021年决算数 | 2022年决算数) with the
     * report's year unknown: the latest is the year's, the others are for comparison */
    for (int k = 0; k < nc; k++) {
        int y = year_in(cs[k].s, cs[k].n), col = cs[k].col;
        if (!y || col >= MAXCOL || h->role[col] < C_BUDGET_INITIAL || h->role[col] > C_RATE)
            continue;
        for (int j = 0; j < nc; j++)
            if (j != k && cs[j].col < MAXCOL && h->role[cs[j].col] == h->role[col] && year_in(cs[j].s, cs[j].n) > y)
                h->role[col] = C_SKIP;
    }
    return roles;
}

bool is_header_row(const cell *cs, int nc)
{
    int roles = 0;
    for (int k = 0; k < nc; k++) {
        char l, dn = 0;
        enum role ro = role_of(cs[k].s, cs[k].n, &l, &dn);
        if (ro != C_NONE && ro != C_SKIP)
            roles++;
        cellnum v;
        if (ro == C_NONE && read_cell(cs[k].s, cs[k].n, &v))
            return false; /* a figure; 2022年预算数 names a column */
        /* a label with its value (基本支出：611.52万元) is no column name */
        for (size_t i = 0; i + 3 < cs[k].n; i++) {
            size_t c = cs[k].s[i] == ':' ? 1 : strncmp(cs[k].s + i, "：", 3) == 0 ? 3 : 0;
            if (c && read_cell(cs[k].s + i + c, cs[k].n - i - c, &v) && !v.placeholder)
                return false;
        }
    }
    return roles >= 2;
}
