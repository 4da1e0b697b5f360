/* normalize.c - from extracted lines to paragraphs of clean text with an offset map. */
#include "normalize.h"

#include <stdlib.h>
#include <string.h>

#include "t2s.h"

#include "../core/banned.h"

typedef struct {
    uint32_t cp;
    uint32_t src; /* offset in doc->raw */
} ch;

typedef struct {
    ch *v;
    size_t n, cap;
} chvec;

static inline void push(chvec *c, uint32_t cp, uint32_t src)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 1024;
        c->v = bl_xrealloc(c->v, c->cap * sizeof *c->v);
    }
    c->v[c->n].cp = cp;
    c->v[c->n].src = src;
    c->n++;
}

static bool is_digit(uint32_t c) { return c >= '0' && c <= '9'; }
static bool is_fw_digit(uint32_t c) { return c >= 0xFF10 && c <= 0xFF19; }
static bool is_alnum(uint32_t c)
{
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
/* A tab survives mapping only between the cells of a table row: it is not a space. */
static bool is_space(uint32_t c) { return c == ' ' || c == 0x3000 || c == 0xA0; }

/* Characters between which a space is layout, not text. */
static bool is_cjk(uint32_t c)
{
    return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFFEF) ||
           (c >= 0x2018 && c <= 0x201F) || c == 0x2014 || c == 0x2026 || c == 0x00B7 ||
           (c >= 0x20000 && c <= 0x3FFFF);
}

static bool is_dash(uint32_t c)
{
    return c == '-' || c == 0x2014 || c == 0x2013 || c == 0x2012 || c == 0xFF0D || c == 0x2500 ||
           c == 0x2015 || c == 0x2212;
}

static int width(uint32_t c) { return c < 0x1100 ? 1 : 2; }

/* A vowel with a pinyin tone mark: à á ǎ ā … ü. */
static bool is_tone_vowel(uint32_t c)
{
    static const uint32_t v[] = {0xE0, 0xE1, 0xE8, 0xE9, 0xEC, 0xED, 0xF2, 0xF3, 0xF9, 0xFA, 0xFC,
                                 0x101, 0x113, 0x11B, 0x12B, 0x14D, 0x16B, 0x1CE, 0x1D0, 0x1D2,
                                 0x1D4, 0x1D6, 0x1D8, 0x1DA, 0x1DC, 0x144, 0x148};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        if (c == v[i])
            return true;
    return false;
}

/*
 * A pinyin gloss after a character, as mirror sites print them: 預(yù)算數(shù).
 * Returns its length in characters (the brackets included) at v[i], or 0: a bracket
 * right after a CJK character holding at most 7 Latin letters, one with a tone mark.
 */
static size_t pinyin_gloss(const ch *v, uint32_t before, size_t n, size_t i)
{
    if (!is_cjk(before) || (v[i].cp != '(' && v[i].cp != 0xFF08))
        return 0;
    bool tone = false;
    int spaces = 0; /* one, where a narrow cell wrapped the gloss: 執(z hí) */
    size_t k = i + 1;
    for (; k < n && k - i <= 9; k++) {
        uint32_t c = v[k].cp;
        if (c == ')' || c == 0xFF09)
            return tone && k > i + 1 && v[k - 1].cp != ' ' ? k - i + 1 : 0;
        if (is_tone_vowel(c))
            tone = true;
        else if (c == ' ' && k > i + 1 && !spaces)
            spaces++;
        else if (!(c >= 'a' && c <= 'z'))
            return 0;
    }
    return 0;
}

/* ---- one line -------------------------------------------------------------- */

typedef struct {
    size_t start, end; /* range in the chvec */
    int page, width;
    bool footer;
    bool row; /* a table row: a paragraph of its own, never joined */
    int indent; /* in characters from the page's margin; -1 unknown */
    int fill;   /* percent of the page's text width it reaches; -1 unknown */
    bool page_indented; /* its page starts paragraphs indented */
} line_info;

/*
 * Per-character mapping. Full-width comma and full stop become ASCII only
 * between full-width digits (３，３９２．１５); elsewhere they are Chinese
 * punctuation and stay.
 */
static int map_line(chvec *out, const char *s, size_t n, uint32_t base, bool row)
{
    int w = 0; /* display width of the line as laid out (full-width digits count 2) */
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        int k = bl_utf8_next((const unsigned char *)s + i, n - i, &cp);
        if (k < 0)
            k = 1; /* cannot happen after extract's sanitizing */
        uint32_t at = base + (uint32_t)i;
        i += (size_t)k;
        if (cp != ' ' && cp != '\t')
            w += width(cp);
        if (cp == '\t' && row)
            ; /* a cell boundary */
        else if (cp == 0x3000 || cp == '\t' || cp == 0xA0 || cp == '\r')
            cp = ' ';
        else if (cp == 0x842C) /* 萬: Traditional characters from mirror copies */
            cp = 0x4E07;
        else if (cp == 0x5104) /* 億 */
            cp = 0x4EBF;
        else if (is_fw_digit(cp) || (cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A) ||
                 cp == 0xFF05 || cp == 0xFF0B)
            cp -= 0xFEE0;
        else if (cp == 0x200B || cp == 0x2060 || cp == 0xFEFF || cp == 0x00AD)
            continue; /* zero-width characters and soft hyphens carry no text */
        push(out, cp, at);
    }
    return w;
}

/* "— 2 —", "-2-", "第 2 页", "第2页 共5页"; a lone number only at a page's edge. */
static bool footer_like(const ch *v, size_t n, bool at_edge)
{
    size_t i = 0;
    while (i < n && is_space(v[i].cp))
        i++;
    while (n > i && is_space(v[n - 1].cp))
        n--;
    if (i >= n)
        return false;
    if (v[i].cp == 0x7B2C /* 第 */) {
        size_t j = i + 1, digits = 0;
        while (j < n && (is_digit(v[j].cp) || is_space(v[j].cp)))
            digits += is_digit(v[j].cp), j++;
        if (digits && j < n && v[j].cp == 0x9875 /* 页 */) {
            j++;
            while (j < n && v[j].cp != 0x5171 /* 共 */ && is_space(v[j].cp))
                j++;
            if (j == n)
                return true;
            if (v[j].cp == 0x5171) {
                j++;
                while (j < n && (is_digit(v[j].cp) || is_space(v[j].cp)))
                    j++;
                return j + 1 == n && v[j].cp == 0x9875;
            }
        }
        return false;
    }
    size_t dashes = 0, digits = 0, j = i;
    while (j < n && (is_dash(v[j].cp) || is_space(v[j].cp)))
        dashes += is_dash(v[j].cp), j++;
    while (j < n && is_digit(v[j].cp))
        digits++, j++;
    while (j < n && (is_dash(v[j].cp) || is_space(v[j].cp)))
        dashes += is_dash(v[j].cp), j++;
    if (j != n || digits == 0 || digits > 4)
        return false;
    return dashes > 0 || at_edge;
}

/* Remove spaces between two CJK characters, before % and between a number and 万元. */
static void squeeze_spaces(chvec *c, size_t start, size_t *end)
{
    size_t w = start;
    for (size_t r = start; r < *end; r++) {
        if (is_space(c->v[r].cp)) {
            size_t e = r;
            while (e < *end && is_space(c->v[e].cp))
                e++;
            uint32_t prev = w > start ? c->v[w - 1].cp : 0;
            uint32_t next = e < *end ? c->v[e].cp : 0;
            bool drop = w == start || e == *end || (is_cjk(prev) && is_cjk(next)) || next == '%' ||
                        next == 0x2030;
            if (!drop)
                c->v[w++] = c->v[r]; /* keep one space */
            r = e - 1;
            continue;
        }
        c->v[w++] = c->v[r];
    }
    *end = w;
}

/* ---- numerals ------------------------------------------------------------------ */

static bool is_numeral(uint32_t c) { return bl_numeral_any(c); }

/* A run of numeral characters, with 点 inside it, starting at i. */
static size_t numeral_run(const ch *v, size_t n, size_t i)
{
    size_t j = i;
    while (j < n) {
        if (is_numeral(v[j].cp)) {
            j++;
        } else if (v[j].cp == 0x70B9 /* 点 */ && j > i && j + 1 < n &&
                   bl_numeral_digit(v[j + 1].cp) >= 0) {
            j++;
        } else {
            break;
        }
    }
    return j;
}

static void emit_ascii(chvec *out, const char *s, uint32_t src)
{
    for (; *s; s++)
        push(out, (unsigned char)*s, src);
}

static bool at(const ch *v, size_t n, size_t i, uint32_t c) { return i < n && v[i].cp == c; }

/*
 * Rewrite figure numerals; everything else is copied. Conservative on
 * purpose: a numeral becomes a figure only with a unit or a percent prefix
 * that makes it one (a misread count is a false alarm later).
 */
static void convert_numerals(const chvec *in, chvec *out)
{
    const ch *v = in->v;
    size_t n = in->n;
    char buf[64];
    for (size_t i = 0; i < n;) {
        uint32_t c = v[i].cp;
        /* 百分之X / 千分之X */
        if ((c == 0x767E || c == 0x5343) && at(v, n, i + 1, 0x5206) && at(v, n, i + 2, 0x4E4B)) {
            size_t s = i + 3, e = numeral_run(v, n, s);
            bl_dec d;
            if (e > s) {
                uint32_t tmp[64];
                size_t k = e - s < 64 ? e - s : 64;
                for (size_t t = 0; t < k; t++)
                    tmp[t] = v[s + t].cp;
                if (!bl_numeral_parse(tmp, k, &d)) {
                    emit_ascii(out, bl_dec_format(d, buf, sizeof buf), v[i].src);
                    push(out, c == 0x767E ? '%' : 0x2030, v[i].src);
                    i = e;
                    continue;
                }
            }
        }
        if (!is_numeral(c)) {
            push(out, c, v[i].src);
            i++;
            continue;
        }
        size_t e = numeral_run(v, n, i);
        size_t len = e - i;
        bool fin = false, has_point = false;
        for (size_t t = i; t < e; t++) {
            fin |= bl_numeral_financial(v[t].cp);
            has_point |= v[t].cp == 0x70B9;
        }
        uint32_t next = e < n ? v[e].cp : 0, next2 = e + 1 < n ? v[e + 1].cp : 0;
        bool yuan_next = next == 0x5143 /* 元 */ || next == 0x5706 /* 圆 */;
        bool score_next = next == 0x5206 /* 分 */ && next2 != 0x4E4B /* 之 */ && next2 != 0x949F /* 钟 */;
        bool convert = len >= 2 && (fin || yuan_next || (score_next && (has_point || len >= 2)) ||
                                    (has_point && (next == '%' || next == 0x4E07 || next == 0x4EBF)));
        size_t keep_unit = 0; /* 三百万元 -> 300万元: keep the trailing 万/亿 */
        if (convert && yuan_next && len >= 2 && bl_numeral_unit(v[e - 1].cp) >= 4 && !fin) {
            int bigs = 0;
            for (size_t t = i; t < e; t++)
                bigs += bl_numeral_unit(v[t].cp) >= 4;
            keep_unit = bigs == 1; /* 三亿四千万元 is 340000000元, not 三亿四千 万元 */
        }
        if (convert) {
            uint32_t tmp[64];
            size_t k = len - keep_unit;
            if (k > 64)
                k = 64;
            for (size_t t = 0; t < k; t++)
                tmp[t] = v[i + t].cp;
            bl_dec d;
            if (!bl_numeral_parse(tmp, k, &d)) {
                /* financial: 元 then optional X角 Y分 and 整/正 */
                if (fin && yuan_next) {
                    size_t j = e + 1;
                    int jiao = -1, fen = -1;
                    if (j + 1 < n && bl_numeral_digit(v[j].cp) >= 0 && v[j + 1].cp == 0x89D2 /* 角 */)
                        jiao = bl_numeral_digit(v[j].cp), j += 2;
                    if (j + 1 < n && bl_numeral_digit(v[j].cp) >= 0 && v[j + 1].cp == 0x5206 /* 分 */)
                        fen = bl_numeral_digit(v[j].cp), j += 2;
                    if (jiao >= 0 || fen >= 0) {
                        d.mant = d.mant * 100 + (jiao > 0 ? jiao : 0) * 10 + (fen > 0 ? fen : 0);
                        d.scale = 2;
                    }
                    if (j < n && (v[j].cp == 0x6574 /* 整 */ || v[j].cp == 0x6B63 /* 正 */))
                        j++;
                    emit_ascii(out, bl_dec_format(d, buf, sizeof buf), v[i].src);
                    push(out, 0x5143, v[e].src);
                    i = j;
                    continue;
                }
                emit_ascii(out, bl_dec_format(d, buf, sizeof buf), v[i].src);
                for (size_t t = e - keep_unit; t < e; t++)
                    push(out, v[t].cp, v[t].src);
                i = e;
                continue;
            }
        }
        for (size_t t = i; t < e; t++)
            push(out, v[t].cp, v[t].src);
        i = e;
    }
}

/* ---- the stage --------------------------------------------------------------------- */

static bool ends_sentence(uint32_t c)
{
    /* ；and ：end clauses, not paragraphs: a list item may wrap after one */
    return c == 0x3002 /* 。 */ || c == 0xFF01 || c == 0xFF1F || c == '!' || c == '?';
}

/* The next line continues this one's figure: a unit or closing punctuation. */
static bool starts_continuation(const ch *v, size_t n)
{
    if (!n)
        return false;
    uint32_t c = v[0].cp;
    return c == 0x4E07 /* 万 */ || c == 0x5143 /* 元 */ || c == 0x4EBF /* 亿 */ || c == '%' ||
           c == 0xFF0C || c == 0x3002 || c == 0x3001 || c == 0xFF1B || c == 0xFF09 ||
           c == 0x201D || c == 0x300D || c == 0x5206 /* 分 */;
}

/*
 * A line that ends inside a number's decimals and a next line that starts
 * with digits and then a unit: one number broken by the layout (3,101.7 / 3 万元).
 * Table rows end with a whole amount and go on with a code or a name
 * (1,608.51 / 221住房…), so they stay apart.
 */
static bool decimals_continue(const ch *a, size_t an, const ch *b, size_t bn)
{
    /* 31,017,3 / 00 元: a thousands group cut short, completed by the next line */
    size_t g = an;
    while (g > 0 && is_digit(a[g - 1].cp))
        g--;
    size_t have = an - g, lead = 0;
    while (lead < bn && is_digit(b[lead].cp))
        lead++;
    if (g > 1 && (a[g - 1].cp == ',' || a[g - 1].cp == 0xFF0C) && is_digit(a[g - 2].cp) && have < 3 &&
        have + lead == 3)
        return true;
    size_t i = an;
    while (i > 0 && (is_digit(a[i - 1].cp) || a[i - 1].cp == ',' || a[i - 1].cp == 0xFF0C))
        i--;
    if (i == 0 || (a[i - 1].cp != '.' && a[i - 1].cp != 0xFF0E) || i < 2 || !is_digit(a[i - 2].cp))
        return false;
    size_t j = 0;
    while (j < bn && is_digit(b[j].cp))
        j++;
    if (j < bn && b[j].cp == ' ')
        j++;
    if (j >= bn)
        return false;
    uint32_t u = b[j].cp;
    return u == 0x4E07 /* 万 */ || u == 0x5143 /* 元 */ || u == 0x4EBF /* 亿 */ || u == '%' || u == 0xFF05 ||
           u == 0x5206 /* 分 */;
}

/*
 * A full line that ends in a whole number and a next line that starts with
 * digits going on into decimals or a unit: one figure the layout broke at the
 * margin (基本支出 75 / 7.49 万元, 自评得分 9 / 2 分). Only for full lines: a short line
 * ended its paragraph or its cell.
 */
static bool integer_continues(const ch *a, size_t an, const ch *b, size_t bn)
{
    size_t i = an;
    while (i > 0 && is_digit(a[i - 1].cp))
        i--;
    if (i == an || (i > 0 && (a[i - 1].cp == '.' || a[i - 1].cp == ',' || is_alnum(a[i - 1].cp))))
        return false;
    size_t j = 0;
    while (j < bn && is_digit(b[j].cp))
        j++;
    if (j == 0 || j >= bn)
        return false;
    if (b[j].cp == '.' || b[j].cp == ',')
        return j + 1 < bn && is_digit(b[j + 1].cp);
    if (b[j].cp == ' ' && j + 1 < bn)
        j++;
    uint32_t u = b[j].cp;
    return u == 0x4E07 /* 万 */ || u == 0x5143 /* 元 */ || u == 0x4EBF /* 亿 */ || u == '%' || u == 0x5206 /* 分 */;
}

/* Was the character at raw offset `src` a full-width form before mapping? */
static bool was_fullwidth(const bl_doc *doc, uint32_t src)
{
    uint32_t cp;
    if (src >= doc->raw_len)
        return false;
    bl_utf8_decode((const unsigned char *)doc->raw + src, doc->raw_len - src, &cp);
    return cp >= 0xFF01 && cp <= 0xFF5E;
}

/* 一、 （一） 1. 2、 at the start of a line open a new paragraph. */
static bool starts_heading(const ch *v, size_t n)
{
    size_t i = 0;
    if (n && v[0].cp == 0xFF08 /* （ */) {
        i = 1;
        while (i < n && (bl_numeral_digit(v[i].cp) > 0 || bl_numeral_unit(v[i].cp) == 1))
            i++;
        return i > 1 && i < n && v[i].cp == 0xFF09;
    }
    if (n > 1 && v[0].cp >= 0x2460 && v[0].cp <= 0x2473) /* ① … ⑳ */
        return true;
    while (i < n && (bl_numeral_digit(v[i].cp) > 0 || bl_numeral_unit(v[i].cp) == 1))
        i++;
    if (i > 0 && i < n && (v[i].cp == 0x3001 /* 、 */ || (v[i].cp == 0x662F /* 是: 一是 二是 */ && i <= 2)))
        return true;
    i = 0;
    while (i < n && is_digit(v[i].cp))
        i++;
    return i > 0 && i < 3 && i + 1 < n && (v[i].cp == '.' || v[i].cp == 0x3001) && !is_digit(v[i + 1].cp);
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

void bl_normalize_cleanup(void) { bl_t2s_cleanup(); }

void bl_normalize(bl_doc *doc)
{
    /* one allocation each: a text never has more characters than raw bytes */
    chvec all = {0}, joined = {0}, conv = {0};
    all.cap = joined.cap = conv.cap = doc->raw_len + 16;
    all.v = bl_xmalloc(all.cap * sizeof *all.v);
    joined.v = bl_xmalloc(joined.cap * sizeof *joined.v);
    conv.v = bl_xmalloc(conv.cap * sizeof *conv.v);
    line_info *li = bl_xmalloc((doc->nlines + 1) * sizeof *li);
    size_t nl = 0;
    /* 1. map characters line by line, squeeze spaces, mark footers */
    for (size_t k = 0; k < doc->nlines; k++) {
        const bl_line *L = &doc->lines[k];
        size_t start = all.n;
        int w = map_line(&all, doc->raw + L->off, L->len, (uint32_t)L->off, L->table != 0);
        size_t end = all.n;
        squeeze_spaces(&all, start, &end);
        all.n = end;
        if (end == start)
            continue; /* blank */
        line_info *x = &li[nl++];
        x->start = start;
        x->end = end;
        x->page = L->page;
        x->width = w;
        x->footer = false;
        x->row = L->table != 0;
        x->indent = L->indent;
        x->fill = L->fill;
    }
    /* Traditional characters (mirror copies, 繁體 reports) read as Simplified, one for one */
    bl_t2s_convert(&all.v[0].cp, all.n, sizeof *all.v / sizeof all.v[0].cp);
    /* footers: a lone number counts only as the first or last line of its page */
    for (size_t k = 0; k < nl; k++) {
        bool edge = k == 0 || k + 1 == nl || li[k - 1].page != li[k].page ||
                    li[k + 1].page != li[k].page;
        li[k].footer = !li[k].row && footer_like(all.v + li[k].start, li[k].end - li[k].start, edge);
    }
    /* the width of a full line: the 90th percentile of line widths */
    int full = 0;
    if (nl) {
        int *w = bl_xmalloc(nl * sizeof *w);
        size_t m = 0;
        for (size_t k = 0; k < nl; k++)
            if (!li[k].footer && !li[k].row)
                w[m++] = li[k].width;
        if (m) {
            qsort(w, m, sizeof *w, cmp_int);
            full = w[(m * 9) / 10 < m ? (m * 9) / 10 : m - 1];
        }
        free(w);
    }
    /* pages whose paragraphs start indented (a line 1-3 characters in): only there a line at the margin goes on */
    for (size_t k = 0, p0 = 0; k <= nl; k++) {
        if (k < nl && li[k].page == li[p0].page)
            continue;
        bool ind = false;
        for (size_t m = p0; m < k; m++)
            ind |= li[m].indent >= 1 && li[m].indent <= 3 && !li[m].row;
        for (size_t m = p0; m < k; m++)
            li[m].page_indented = ind;
        p0 = k;
    }
    /* 2. join lines into paragraphs */
    const line_info *prev = NULL;
    for (size_t k = 0; k < nl; k++) {
        const line_info *x = &li[k];
        if (x->footer)
            continue;
        if (prev) {
            uint32_t last = all.v[prev->end - 1].cp, first = all.v[x->start].cp;
            /* short: ends well before the margin (measured on the page when known) */
            bool short_line = prev->fill >= 0 ? prev->fill < 85 : prev->width * 10 < full * 8;
            /*
             * a full line that ends a sentence ends its paragraph when the next
             * line is indented or its indent is unknown; one at the margin goes on
             */
            bool sentence_end = ends_sentence(last) && !(x->indent == 0 && !short_line && x->page_indented);
            /*
             * a line that stops a character or more before the margin, then an indented
             * line on a page that indents its paragraphs: a new paragraph (a heading that
             * nearly fills its line on a character grid); a line that goes on starts at
             * the margin
             */
            bool short_by_char = full > 0 && (prev->fill >= 0 ? prev->fill * full <= 100 * full - 180
                                                              : prev->width + 2 <= full);
            bool indented_next = x->page_indented && x->indent >= 1 && x->indent <= 3;
            bool brk = x->row || prev->row ||
                       ((sentence_end || short_line) &&
                        !starts_continuation(all.v + x->start, x->end - x->start)) ||
                       (short_by_char && indented_next) || starts_heading(all.v + x->start, x->end - x->start);
            uint32_t at_src = all.v[prev->end - 1].src;
            if (brk)
                push(&joined, '\n', at_src);
            else if (is_alnum(last) && is_alnum(first) &&
                     !(is_digit(last) && is_digit(first) &&
                       (was_fullwidth(doc, all.v[prev->end - 1].src) ||
                        was_fullwidth(doc, all.v[x->start].src) ||
                        decimals_continue(all.v + prev->start, prev->end - prev->start,
                                          all.v + x->start, x->end - x->start) ||
                        (!short_line && integer_continues(all.v + prev->start, prev->end - prev->start,
                                                          all.v + x->start, x->end - x->start)))))
                push(&joined, ' ', at_src); /* two words; full-width digits wrap anywhere */
        }
        for (size_t t = x->start; t < x->end; t++) {
            /* the character before: on this line, or the last of the line it goes on from */
            uint32_t before = t > x->start ? all.v[t - 1].cp : joined.n ? joined.v[joined.n - 1].cp : 0;
            size_t g = pinyin_gloss(all.v, before, x->end, t);
            if (g) {
                t += g - 1; /* 預(yù)算 reads 預算 */
                continue;
            }
            push(&joined, all.v[t].cp, all.v[t].src);
        }
        prev = x;
    }
    if (prev)
        push(&joined, '\n', all.v[prev->end - 1].src);
    /*
     * 3. a full-width comma or full stop between digits is a thousands
     * separator or a decimal point (３，３９２．１５); elsewhere it is Chinese
     * punctuation and stays. Done after joining: a line may end in the middle.
     */
    for (size_t t = 1; t + 1 < joined.n; t++) {
        uint32_t cp = joined.v[t].cp;
        if ((cp == 0xFF0C || cp == 0xFF0E) && is_digit(joined.v[t - 1].cp) && is_digit(joined.v[t + 1].cp))
            joined.v[t].cp = cp == 0xFF0C ? ',' : '.';
    }
    /* 4. numerals */
    convert_numerals(&joined, &conv);
    /* 5. encode, straight into the arena, sized exactly */
    size_t bytes = 0;
    for (size_t t = 0; t < conv.n; t++) {
        uint32_t cp = conv.v[t].cp;
        bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }
    /* 64 zero bytes of padding: PCRE2's JIT loads whole words near the end of a subject */
    char *text = bl_alloc_raw(doc->arena, bytes + 64);
    memset(text + bytes, 0, 64);
    uint32_t *src = bl_alloc_raw(doc->arena, (bytes + 1) * sizeof *src);
    size_t len = 0;
    for (size_t t = 0; t < conv.n; t++) {
        uint32_t cp = conv.v[t].cp, at = conv.v[t].src;
        if (cp < 0x80) {
            src[len] = at;
            text[len++] = (char)cp;
            continue;
        }
        int k = bl_utf8_encode(cp, text + len);
        for (int b = 0; b < k; b++)
            src[len + (size_t)b] = at;
        len += (size_t)k;
    }
    text[len] = '\0';
    doc->text = text;
    doc->text_len = len;
    src[len] = len ? src[len - 1] : 0;
    doc->src = src;
    free(all.v);
    free(joined.v);
    free(conv.v);
    free(li);
}
