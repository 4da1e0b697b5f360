/* quantity.c - read every number in normalized text and say what it is. */
#include "quantity.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normalize.h"

#include "../core/banned.h"

#include "qscan.h"

/*
 * The words this reader looks for are string literals; each is decoded once
 * and kept by its address (the reader's hot path is matching them at every
 * number). Workers are processes, so a static table is safe.
 */
typedef struct {
    const char *w;
    size_t n;
    uint32_t cp[16];
} word;

static word words[1024];

static const word *word_of(const char *w)
{
    size_t h = (size_t)(((uint64_t)(uintptr_t)w * 0x9E3779B97F4A7C15ull) >> 54); /* literals sit close together */
    for (size_t probe = 0; probe < 1024; probe++, h = (h + 1) & 1023) {
        if (words[h].w == w)
            return &words[h];
        if (!words[h].w) {
            size_t len = strlen(w), b = 0, k = 0;
            while (b < len && k < 16) {
                uint32_t cp;
                int l = bl_utf8_decode((const unsigned char *)w + b, len - b, &cp);
                b += l > 0 ? (size_t)l : 1;
                words[h].cp[k++] = cp;
            }
            words[h].n = k;
            words[h].w = w;
            return &words[h];
        }
    }
    return NULL; /* cannot happen: fewer words than slots */
}

/* Does the word w occur at code point i? Returns its length in code points, or 0. */
static size_t at(const cps *s, size_t i, const char *w)
{
    const word *x = word_of(w);
    if (!x || i + x->n > s->n || s->c[i] != x->cp[0])
        return 0;
    for (size_t k = 1; k < x->n; k++)
        if (s->c[i + k] != x->cp[k])
            return 0;
    return x->n;
}


/* A word list decoded once: the words of a static list, by the list's address. */
typedef struct {
    const char *const *src;
    const word *w[64];
} wlist;

static wlist lists[64];

static const wlist *list_of(const char *const *ws, size_t nw)
{
    for (size_t k = 0; k < 64; k++) {
        if (lists[k].src == ws)
            return &lists[k];
        if (!lists[k].src) {
            for (size_t j = 0; j < nw && j < 64; j++)
                lists[k].w[j] = word_of(ws[j]);
            lists[k].src = ws;
            return &lists[k];
        }
    }
    return NULL;
}

static size_t any_at(const cps *s, size_t i, const char *const *ws, size_t nw, size_t *which)
{
    const wlist *l = nw <= 64 ? list_of(ws, nw) : NULL;
    if (i >= s->n)
        return 0;
    for (size_t k = 0; k < nw; k++) {
        const word *x = l ? l->w[k] : word_of(ws[k]);
        if (!x || x->cp[0] != s->c[i] || i + x->n > s->n) /* most words fail on their first character */
            continue;
        size_t j = 1;
        while (j < x->n && s->c[i + j] == x->cp[j])
            j++;
        if (j == x->n) {
            if (which)
                *which = k;
            return x->n;
        }
    }
    return 0;
}

static size_t any_before(const cps *s, size_t i, const char *const *ws, size_t nw)
{
    const wlist *l = nw <= 64 ? list_of(ws, nw) : NULL;
    if (i > 0 && s->c[i - 1] == ' ')
        i--;
    for (size_t k = 0; k < nw; k++) {
        const word *x = l ? l->w[k] : word_of(ws[k]);
        if (!x || i < x->n || s->c[i - 1] != x->cp[x->n - 1]) /* the last character first */
            continue;
        size_t j = 0, at0 = i - x->n;
        while (j < x->n && s->c[at0 + j] == x->cp[j])
            j++;
        if (j == x->n)
            return x->n;
    }
    return 0;
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const approx_before[] = {"大约", "约", "将近", "接近", "近"};
/* the negated words first: 不低于 is a lower bound although it ends in 低于 */
static const char *const lower_neg[] = {"不低于", "不少于", "不小于"};
static const char *const upper_neg[] = {"不高于", "不超过", "不大于", "不多于"};
static const char *const lower_before[] = {"至少", "超过", "大于", "高于", "多于", "≥", ">=", ">"};
static const char *const upper_before[] = {"低于", "小于", "少于", "≤", "<=", "<"};
static const char *const down_before[] = {"减少", "下降", "降低", "减"};
static const char *const up_before[] = {"增加", "增长", "提高", "上升", "增"};
static const char *const code_before[] = {"编码", "代码", "编号", "科目", "索引号", "报表编号", "项目编码", "附件"};
static const char *const measures[] = {
    "人次", "平方米", "平方公里", "公里", "千米", "万亩", "小时", "个月", "人", "件", "次", "个", "项",
    "份", "篇", "批", "场", "条", "家", "户", "名", "所", "套", "台", "辆", "亩", "吨", "天", "期",
    "册", "本", "座", "处", "间", "张", "米", "岁", "周", "月", "年", "元", "倍", "届", "轮", "类"};

static const char *const unit_words[] = {"千元", "万元", "亿元", "元", "万", "亿", "%", "‰", "个百分点", "分"};
static const bl_qunit unit_of_word[] = {BL_QU_QIANYUAN, BL_QU_WANYUAN, BL_QU_YIYUAN, BL_QU_YUAN,
                                        BL_QU_WAN,      BL_QU_YI,      BL_QU_PERCENT, BL_QU_PERMILLE,
                                        BL_QU_PERCENT,  BL_QU_POINT};

typedef struct {
    bl_quantity *v;
    size_t n, cap;
    bl_arena *a;
} qvec;

static void qpush(qvec *q, const bl_quantity *x)
{
    if (q->n == q->cap) {
        size_t cap = q->cap ? q->cap * 2 : 64;
        q->v = bl_grow(q->a, q->v, sizeof *q->v, q->n, cap);
        q->cap = cap;
    }
    q->v[q->n++] = *x;
}

/* Line start: the previous code point is a newline (or the text start). */
static bool line_start(const cps *s, size_t i) { return i == 0 || s->c[i - 1] == '\n'; }

/*
 * Is there `w` earlier on the same line? Numbers come in text order, so the
 * first occurrence of each word on the current line is found once and kept.
 */
typedef struct {
    size_t line;     /* the start of the line the entries are about */
    const char *w[8];
    size_t first[8]; /* first occurrence on that line, or SIZE_MAX */
    int n;
} line_memo;

static line_memo memo;

#define LINE_LOOKBACK 512 /* code points: on a longer line only this much before i counts */

static bool on_line(const cps *s, size_t i, const char *w)
{
    size_t lim = i > LINE_LOOKBACK ? i - LINE_LOOKBACK : 0, ls = i;
    while (ls > lim && s->c[ls - 1] != '\n')
        ls--;
    if (ls > 0 && s->c[ls - 1] != '\n') {
        /* a line longer than the window (unpunctuated text the layout joined): look back
         * through the window only, so a long line costs O(window) per number, not O(line) */
        const word *x = word_of(w);
        for (size_t j = ls; j < i; j++)
            if (s->c[j] == x->cp[0] && at(s, j, w))
                return true;
        return false;
    }
    if (memo.line != ls) {
        memo.line = ls;
        memo.n = 0;
    }
    for (int k = 0; k < memo.n; k++)
        if (memo.w[k] == w)
            return memo.first[k] < i;
    const word *x = word_of(w);
    size_t first = SIZE_MAX;
    for (size_t j = ls; j < s->n && s->c[j] != '\n'; j++)
        if (s->c[j] == x->cp[0] && at(s, j, w)) {
            first = j;
            break;
        }
    if (memo.n < 8) {
        memo.w[memo.n] = w;
        memo.first[memo.n++] = first;
    }
    return first < i;
}

/* Header units: 金额单位：元 / 单位：万元 / （万元） set the unit of bare numbers. */
static bool header_unit(const cps *s, size_t i, bl_qunit *u, size_t *len)
{
    static const char *const heads[] = {"金额单位：", "金额单位:", "单位：", "单位:", "（", "("};
    uint32_t c0 = s->c[i];
    if (c0 != 0x91D1 /* 金 */ && c0 != 0x5355 /* 单 */ && c0 != 0xFF08 && c0 != '(')
        return false; /* the common case, decided on one character */
    size_t w, l = any_at(s, i, heads, N(heads), &w);
    if (!l)
        return false;
    size_t j = i + l;
    if (j < s->n && s->c[j] == ' ')
        j++;
    size_t ul, k;
    static const char *const money[] = {"千元", "万元", "亿元", "元"};
    static const bl_qunit mu[] = {BL_QU_QIANYUAN, BL_QU_WANYUAN, BL_QU_YIYUAN, BL_QU_YUAN};
    if (!(ul = any_at(s, j, money, N(money), &k)))
        return false;
    j += ul;
    if (w >= 4) { /* a bracket must close right after the unit: （万元） */
        if (j >= s->n || (s->c[j] != 0xFF09 && s->c[j] != ')'))
            return false;
        j++;
    }
    *u = mu[k];
    *len = j - i;
    return true;
}

/* Is the number at i preceded by 年 (2022年12月)? Skips one space. */
static bool after_year(const cps *s, size_t i)
{
    if (i > 0 && s->c[i - 1] == ' ')
        i--;
    return i > 0 && s->c[i - 1] == 0x5E74;
}

/* After 月 at i: digits then 日 (3 月 1 日). */
static bool date_follows(const cps *s, size_t i)
{
    if (i < s->n && s->c[i] == ' ')
        i++;
    size_t e = i;
    while (e < s->n && dig(s->c[e]))
        e++;
    if (e < s->n && s->c[e] == ' ')
        e++;
    return e > i && e < s->n && s->c[e] == 0x65E5;
}

/* 〕 or ] right before i (one space allowed): the number of a document number */
static bool before_bracket(const cps *s, size_t i)
{
    if (i > 0 && s->c[i - 1] == ' ')
        i--;
    return i > 0 && (s->c[i - 1] == 0x3015 || s->c[i - 1] == ']' || s->c[i - 1] == 0x3011);
}

/* digits then 岁 at i: the second half of 0-6岁 */
static bool age_range(const cps *s, size_t i)
{
    size_t e = i;
    while (e < s->n && dig(s->c[e]))
        e++;
    size_t k = e < s->n && s->c[e] == ' ' ? e + 1 : e;
    return e > i && k < s->n && s->c[k] == 0x5C81;
}

size_t bl_quantities(bl_doc *doc, bl_quantity **out)
{
    /* decode once */
    size_t cap = doc->text_len + 1;
    uint32_t *c = bl_xmalloc(cap * sizeof *c);
    size_t *off = bl_xmalloc((cap + 1) * sizeof *off);
    size_t n = 0;
    for (size_t b = 0; b < doc->text_len;) {
        uint32_t cp;
        int l = bl_utf8_next((const unsigned char *)doc->text + b, doc->text_len - b, &cp);
        off[n] = b;
        c[n++] = cp;
        b += l > 0 ? (size_t)l : 1;
    }
    off[n] = doc->text_len;
    cps s = {c, off, n};
    memo.line = SIZE_MAX; /* a new text: forget the last one's lines */
    memo.n = 0;
    qvec q = {NULL, 0, 0, doc->arena};
    bl_qunit hdr = BL_QU_NONE;
    int hdr_page = 0;
    size_t prev_end = 0;
    for (size_t i = 0; i < n;) {
        bl_qunit hu;
        size_t hl;
        if (header_unit(&s, i, &hu, &hl)) {
            int line;
            hdr = hu;
            bl_doc_locate(doc, off[i], &hdr_page, &line);
            i += hl;
            continue;
        }
        bool arabic = dig(c[i]);
        bool chinese = !arabic && cnum(c[i]);
        /* OCR damage: O76%, IO次, M.8万元 */
        bool damaged_lead = false;
        if (!arabic && !chinese && alpha(c[i]) && (i == 0 || !alpha(c[i - 1]))) {
            size_t j = i;
            while (j < n && (dig(c[j]) || c[j] == 'O' || c[j] == 'I' || c[j] == 'l'))
                j++;
            bool has_digit = false, has_letter = false;
            for (size_t k = i; k < j; k++)
                has_digit |= dig(c[k]), has_letter |= !dig(c[k]);
            size_t ul = 0, uj = j < n && c[j] == ' ' ? j + 1 : j, w;
            bl_qunit du = BL_QU_NONE;
            const char *dm = NULL;
            if (j > i && uj < n) {
                if ((ul = any_at(&s, uj, unit_words, N(unit_words), &w)))
                    du = unit_of_word[w];
                else if ((ul = any_at(&s, uj, measures, N(measures), &w)))
                    du = BL_QU_MEASURE, dm = measures[w];
            }
            if (j > i && has_letter && ul && (has_digit || j - i >= 2)) {
                bl_quantity x = {0};
                x.start = off[i], x.num_start = off[i], x.num_end = off[j];
                x.end = off[uj + ul];
                x.unit = du;
                x.measure = dm;
                x.tags = BL_QT_DAMAGED;
                qpush(&q, &x);
                i = prev_end = uj + ul;
                continue;
            }
            if (upper(c[i]) && i + 2 < n && c[i + 1] == '.' && dig(c[i + 2]))
                damaged_lead = true; /* M.8万元 */
            else if (upper(c[i]) && i + 1 < n && dig(c[i + 1])) {
                /* S447, G105: road names and codes */
                size_t j2 = i + 1;
                while (j2 < n && (dig(c[j2]) || upper(c[j2]) || c[j2] == '-'))
                    j2++;
                bl_quantity x = {0};
                x.start = x.num_start = off[i];
                x.end = x.num_end = off[j2];
                x.kind = BL_QK_CODE;
                qpush(&q, &x);
                i = prev_end = j2;
                continue;
            }
            if (!damaged_lead) {
                i++;
                continue;
            }
        }
        if (!arabic && !chinese && !damaged_lead) {
            i++;
            continue;
        }
        bl_quantity x = {0};
        size_t ns = i, ne;
        char buf[96];
        if (damaged_lead) {
            ne = i + 2;
            while (ne < n && dig(c[ne]))
                ne++;
            x.tags |= BL_QT_DAMAGED;
        } else if (arabic) {
            if (is_dotted_date(&s, i, &ne)) {
                bl_quantity d = {0};
                d.kind = BL_QK_DATE;
                d.start = d.num_start = off[i];
                d.end = d.num_end = off[ne];
                d.value.mant = (int64_t)(c[i] - '0') * 1000 + (c[i + 1] - '0') * 100 + (c[i + 2] - '0') * 10 + (c[i + 3] - '0');
                qpush(&q, &d);
                i = prev_end = ne;
                continue;
            }
            if (i + 2 < n && (c[i + 1] == 'x' || c[i + 1] == 'X') && i > 0 && dig(c[i - 1])) {
                i++;
                continue;
            }
            if (i + 3 < n && dig(c[i + 1]) && (c[i + 2] == 'x' || c[i + 2] == 'X')) {
                i += 3; /* 20xx年: an anonymised year */
                continue;
            }
            ne = read_arabic(&s, i, buf, sizeof buf, &x.tags);
            if (ne == i) {
                i++;
                continue;
            }
            if (bl_dec_parse(buf, strlen(buf), &x.value))
                x.kind = BL_QK_CODE; /* more digits than any figure: a code */
        } else {
            ne = i;
            while (ne < n && (cnum(c[ne]) || (c[ne] == 0x70B9 && ne > i && ne + 1 < n && bl_numeral_digit(c[ne + 1]) >= 0)))
                ne++;
            uint32_t tmp[64];
            size_t k = ne - i < 64 ? ne - i : 64;
            memcpy(tmp, c + i, k * sizeof *tmp);
            if (bl_numeral_parse(tmp, k, &x.value)) {
                i = ne;
                continue;
            }
            x.tags |= BL_QT_CHINESE;
        }
        size_t qs = ns, qe = ne; /* quantity span grows with markers and unit */
        /* code runs: letters or further digits glued after (51000021R000000019951-…) */
        if (!damaged_lead && arabic && ne < n && (upper(c[ne]) || (c[ne] == '-' && ne + 1 < n && dig(c[ne + 1]) && ne - ns >= 6))) {
            while (ne < n && (dig(c[ne]) || upper(c[ne]) || c[ne] == '-'))
                ne++;
            x.kind = BL_QK_CODE;
        }
        /* ---- before ---- */
        if (i > 0 && c[i - 1] == 0x8D1F /* 负 */ && (arabic || chinese)) {
            x.value.mant = -x.value.mant;
            qs = ns - 1;
        } else if (i > 0 && c[i - 1] == '-' && (i < 2 || !(dig(c[i - 2]) || alpha(c[i - 2]) || c[i - 2] == '%'))) {
            x.value.mant = -x.value.mant;
            qs = ns - 1;
        }
        if (any_before(&s, qs, approx_before, N(approx_before)))
            x.tags |= BL_QT_APPROX;
        if (any_before(&s, qs, lower_neg, N(lower_neg)))
            x.tags |= BL_QT_LOWER;
        else if (any_before(&s, qs, upper_neg, N(upper_neg)))
            x.tags |= BL_QT_UPPER;
        else if (any_before(&s, qs, lower_before, N(lower_before)))
            x.tags |= BL_QT_LOWER;
        else if (any_before(&s, qs, upper_before, N(upper_before)))
            x.tags |= BL_QT_UPPER;
        if (any_before(&s, qs, down_before, N(down_before)))
            x.tags |= BL_QT_DOWN;
        else if (any_before(&s, qs, up_before, N(up_before)))
            x.tags |= BL_QT_UP;
        /* ---- after: unit ---- */
        size_t j = ne, w;
        if (j < n && c[j] == ' ')
            j++;
        if (j < n && (c[j] == 0x4F59 /* 余 */ || c[j] == 0x591A /* 多 */) && !(j + 1 < n && c[j + 1] == 0x989D)) {
            x.tags |= BL_QT_APPROX; /* 20000余件, 370 余篇, 3000多万元 (not 余额) */
            j++;
        }
        size_t ul = any_at(&s, j, unit_words, N(unit_words), &w);
        if (ul && unit_of_word[w] == BL_QU_POINT &&
            (j + 1 < n && (c[j + 1] == 0x4E4B /* 之 */ || c[j + 1] == 0x949F /* 钟 */ || c[j + 1] == 0x7C7B /* 类 */ ||
                           c[j + 1] == 0x522B /* 别 */ || c[j + 1] == 0x6790 /* 析 */ || c[j + 1] == 0x5E03 /* 布 */)))
            ul = 0; /* 三分之一, 十分钟, 分类, 分别, 分析, 分布 */
        if (ul && unit_of_word[w] == BL_QU_POINT && chinese && ne - ns < 2)
            ul = 0; /* 十分重要 */
        if (ul && (unit_of_word[w] == BL_QU_WAN || unit_of_word[w] == BL_QU_YI) && j + 1 < n &&
            c[j + 1] == 0x5140 /* 兀: OCR for 元 */) {
            x.tags |= BL_QT_DAMAGED;
            ul = 2;
        }
        if (ul) {
            x.unit = unit_of_word[w];
            if (w == 8)
                x.tags |= BL_QT_POINTS_DIFF;
            qe = j + ul;
        } else if ((ul = any_at(&s, j, measures, N(measures), &w))) {
            x.unit = BL_QU_MEASURE;
            x.measure = measures[w];
            qe = j + ul;
        } else if (hdr != BL_QU_NONE && arabic) {
            int page, line;
            bl_doc_locate(doc, off[ns], &page, &line);
            if (page - hdr_page <= 1) {
                x.unit = hdr;
                x.tags |= BL_QT_HEADER_UNIT;
            }
        }
        /* 万/亿 followed by a measure (3万人, 近百万人次) */
        if ((x.unit == BL_QU_WAN || x.unit == BL_QU_YI) && qe < n) {
            size_t ml = any_at(&s, qe, measures, N(measures), &w);
            if (ml) {
                x.measure = measures[w];
                qe += ml;
            }
        }
        /* money per person or household: 583元/人*月, 5830元/户 */
        if (qe + 1 < n && c[qe] == '/' && (x.unit == BL_QU_YUAN || x.unit == BL_QU_WANYUAN || x.unit == BL_QU_QIANYUAN || x.unit == BL_QU_MEASURE)) {
            x.tags |= BL_QT_PER;
            qe++;
            while (qe < n && (han(c[qe]) || c[qe] == '*' || c[qe] == 0x00B7 || c[qe] == 0x00D7) && qe - ne < 12)
                qe++;
        }
        /* approximations and bounds after the unit */
        if (qe + 2 < n && c[qe] == ' ' && (at(&s, qe + 1, "左右") || at(&s, qe + 1, "以上") || at(&s, qe + 1, "以下") ||
                                         at(&s, qe + 1, "以内")))
            qe++;
        if (qe < n && (c[qe] == 0x4F59 || c[qe] == 0x591A))
            x.tags |= BL_QT_APPROX, qe++;
        if (qe < n && at(&s, qe, "左右"))
            x.tags |= BL_QT_APPROX, qe += 2;
        else if (qe < n && (at(&s, qe, "以上") || at(&s, qe, "及以上")))
            x.tags |= BL_QT_LOWER, qe += 2;
        else if (qe < n && (at(&s, qe, "以下") || at(&s, qe, "以内")))
            x.tags |= BL_QT_UPPER, qe += 2;
        /* glued cells: 40004000100% */
        if (x.unit == BL_QU_PERCENT && x.value.scale == 0 && ne - ns >= 7 && !(x.tags & BL_QT_THOUSANDS))
            x.tags |= BL_QT_DAMAGED;
        /* a long digit run is a code, unless a money unit says it is an amount */
        if (arabic && !damaged_lead && ne - ns >= 12 && !(x.tags & BL_QT_THOUSANDS) && !memchr(buf, '.', strlen(buf)) &&
            (ne - ns >= 16 || x.unit == BL_QU_NONE || x.unit == BL_QU_MEASURE))
            x.kind = BL_QK_CODE;
        /* ---- what kind of number ---- */
        uint32_t nx = ne < n ? c[ne] : 0, pv = ns > 0 ? c[ns - 1] : 0;
        /* PDF text often puts a space between a number and what follows (2023 年 3 月) */
        size_t j0 = ne < n && c[ne] == ' ' ? ne + 1 : ne;
        uint32_t nxs = j0 < n ? c[j0] : 0;
        if (x.kind == BL_QK_FIGURE) {
            if (arabic && at(&s, j0, "年一遇")) {
                x.kind = BL_QK_NAME;
            } else if ((nx == '-' || nx == 0x2014) && arabic && age_range(&s, ne + 1)) {
                x.kind = BL_QK_NAME; /* 0-6岁 */
            } else if ((arabic || chinese) && x.value.scale == 0 && ne - ns == 4 && x.value.mant >= 1900 && x.value.mant <= 2100 &&
                       (nx == 0x5E74 /* 年 */ || (j < n && c[j] == 0x5E74))) {
                x.kind = at(&s, j + 1, "一遇") ? BL_QK_NAME : BL_QK_YEAR;
                x.unit = BL_QU_NONE, x.measure = NULL;
                qe = j + 1 + (at(&s, j + 1, "度") ? 1 : 0);
                /* 2022年12月8日: the rest is the date */
            } else if (arabic && x.value.scale == 0 && (nxs == 0x6708 /* 月 */ || nxs == 0x65E5 /* 日 */) &&
                       x.value.mant >= 1 && x.value.mant <= 31 &&
                       (after_year(&s, ns) || nxs == 0x65E5 || date_follows(&s, j0 + 1))) {
                x.kind = BL_QK_DATE; /* 12月8日, 2023 年 3 月 1 日 */
                x.unit = BL_QU_NONE, x.measure = NULL;
                qe = j0 + 1;
            } else if (arabic && x.value.scale == 0 && (nx == '-' || nx == '/' || nx == '.') && ne - ns == 4 &&
                       x.value.mant >= 1900 && x.value.mant <= 2100 && ne + 1 < n && dig(c[ne + 1])) {
                x.kind = BL_QK_DATE; /* 2022-12-08: consume the whole date */
                size_t e2 = ne + 1;
                while (e2 < n && (dig(c[e2]) || c[e2] == nx))
                    e2++;
                ne = qe = e2;
                x.unit = BL_QU_NONE;
            } else if (pv == 0x3014 /* 〔 */ || pv == '[' || pv == 0x3010 /* 【 */ || nx == 0x3015 /* 〕 */ ||
                       (nxs == 0x53F7 /* 号 */ && (before_bracket(&s, ns) || on_line(&s, ns, "〔")))) {
                x.kind = BL_QK_DOCNO;
            } else if (arabic && nxs == 0x53F7 /* 号 */) {
                x.kind = BL_QK_NAME; /* 10号工作室, 3号楼: a number that names */
            } else if (pv == 0x7B2C /* 第 */ || (pv == ' ' && ns >= 2 && c[ns - 2] == 0x7B2C)) {
                bool page = nx == 0x9875 /* 页 */ || (nx == ' ' && ne + 1 < n && c[ne + 1] == 0x9875);
                x.kind = page ? BL_QK_PAGE : BL_QK_SECTION;
                x.unit = BL_QU_NONE, x.measure = NULL;
            } else if ((pv == 0xFF08 || pv == '(') && (nx == 0xFF09 || nx == ')') && x.value.scale == 0 &&
                       x.value.mant < 100) {
                x.kind = BL_QK_SECTION; /* （三） (3) */
            } else if (line_start(&s, ns) && (nx == 0x3001 /* 、 */ || (nx == '.' && !(ne + 1 < n && dig(c[ne + 1]))) ||
                                              nx == 0xFF0E)) {
                x.kind = BL_QK_SECTION; /* 一、 3. 2、 */
            } else if (chinese && (nx == 0x662F /* 是 */ || nx == 0x3001) && ne - ns == 1) {
                x.kind = BL_QK_SECTION; /* 一是 */
            } else if (chinese && (nx == 0x5927 /* 大 */ || nx == 0x5C4A /* 届 */ || at(&s, ne, "次全会") ||
                                   at(&s, ne, "中全会") || pv == 0x201C || nx == 0x201D || nx == 0x4E94 /* 五(规划) */)) {
                x.kind = BL_QK_NAME; /* 二十大, 十五届, “十四五” */
            } else if (arabic && (on_line(&s, ns, "行次") || on_line(&s, ns, "列次") || on_line(&s, ns, "栏次")) &&
                       x.unit == BL_QU_NONE) {
                x.kind = BL_QK_ROWCOL;
            } else if (arabic && ((x.value.scale == 0 && ne - ns == 11 && c[ns] == '1' && !(x.tags & BL_QT_THOUSANDS)) ||
                                  (c[ns] == '0' && nx == '-' && ne - ns >= 3 && ne - ns <= 4 && ne + 8 <= n &&
                                   dig(c[ne + 1])))) {
                x.kind = BL_QK_PHONE;
                if (nx == '-') {
                    size_t e2 = ne + 1;
                    while (e2 < n && dig(c[e2]))
                        e2++;
                    ne = qe = e2;
                }
            } else if (arabic && any_before(&s, qs, code_before, N(code_before))) {
                x.kind = BL_QK_CODE;
            } else if (arabic && on_line(&s, ns, "电话")) {
                x.kind = BL_QK_PHONE;
            } else if (x.unit == BL_QU_NONE && chinese) {
                i = ne; /* a word such as 统一, 一般: not a quantity */
                continue;
            }
        }
        if (x.kind != BL_QK_FIGURE) {
            if (x.kind != BL_QK_YEAR && x.kind != BL_QK_DATE)
                x.unit = BL_QU_NONE, x.measure = NULL;
            if (qe < ne)
                qe = ne;
        }
        /* ranges: 80%-90%, 80～90分 */
        if (x.kind == BL_QK_FIGURE && q.n > 0) {
            bl_quantity *p = &q.v[q.n - 1];
            size_t pe = prev_end; /* code point index where the previous quantity ended */
            if (p->kind == BL_QK_FIGURE && pe < ns && ns - pe == 1 &&
                (c[pe] == '-' || c[pe] == 0xFF5E || c[pe] == '~' || c[pe] == 0x2014 || c[pe] == 0x81F3 || c[pe] == 0x5230)) {
                p->tags |= BL_QT_RANGE;
                x.tags |= BL_QT_RANGE;
                if (p->unit == BL_QU_NONE)
                    p->unit = x.unit, p->measure = x.measure;
            }
            if (p->kind == BL_QK_FIGURE && pe == ns - 1 && c[pe] == '-' && (p->tags & BL_QT_RANGE) == 0 &&
                x.value.mant < 0) {
                /* "80-90": the minus was a range dash */
                x.value.mant = -x.value.mant;
                p->tags |= BL_QT_RANGE;
                x.tags |= BL_QT_RANGE;
            }
        }
        x.start = off[qs];
        x.end = off[qe > ne ? qe : ne];
        x.num_start = off[ns];
        x.num_end = off[ne];
        /* a figure read by OCR with a digit it was not sure of is damaged, never a value */
        if (x.kind == BL_QK_FIGURE && bl_doc_ocr_conf(doc, x.num_start, x.num_end) >= 0 &&
            bl_doc_ocr_conf(doc, x.num_start, x.num_end) < BL_OCR_MIN_CONF)
            x.tags |= BL_QT_DAMAGED;
        if (x.tags & BL_QT_DAMAGED)
            x.value.mant = 0, x.value.scale = 0;
        qpush(&q, &x);
        i = prev_end = (qe > ne ? qe : ne);
    }
    free(c);
    free(off);
    *out = q.v;
    return q.n;
}

const char *bl_qunit_name(bl_qunit u)
{
    static const char *const nm[] = {"", "元", "千元", "万元", "亿元", "万", "亿", "%", "‰", "分", "measure"};
    return nm[u];
}

const char *bl_qkind_name(bl_qkind k)
{
    static const char *const nm[] = {"figure", "year", "date", "docno", "code", "section", "phone", "name", "rowcol", "page"};
    return nm[k];
}

char *bl_qtags_format(unsigned tags, char *buf, size_t size)
{
    static const char *const nm[] = {"approx", "lower", "upper", "range", "points", "per", "damaged",
                                     "header-unit", "down", "up", "chinese", "thousands"};
    size_t o = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < N(nm); k++)
        if (tags & (1u << k))
            o += (size_t)snprintf(buf + o, o < size ? size - o : 0, "%s%s", o ? "," : "", nm[k]);
    return buf;
}

