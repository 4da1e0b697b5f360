/* rows.c - segments into a table's rows of cells, and the row a page break splits. */
#include "page.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/banned.h"

bool lay_is_cjk_start(const char *s) { return (unsigned char)s[0] >= 0xE0; }

/*
 * A cell that is a figure or a placeholder: optional comparison operator,
 * a number (thousands separators, decimals), an optional % or a short unit;
 * or only dashes and slashes. Text around a number ("度达到 96%。") is not.
 */
bool lay_numeric_cell(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] == ' ')
        i++;
    if (i == n)
        return false;
    /* placeholders: — – - / ／ … */
    size_t j = i;
    bool ph = true;
    while (j < n) {
        if (s[j] == '-' || s[j] == '/' || s[j] == ' ')
            j++;
        else if (n - j >= 3 && ((unsigned char)s[j] == 0xE2 && (unsigned char)s[j + 1] == 0x80 &&
                                ((unsigned char)s[j + 2] == 0x94 || (unsigned char)s[j + 2] == 0x93 ||
                                 (unsigned char)s[j + 2] == 0xA6)))
            j += 3;
        else if (n - j >= 3 && (unsigned char)s[j] == 0xEF && (unsigned char)s[j + 1] == 0xBC &&
                 (unsigned char)s[j + 2] == 0x8F)
            j += 3;
        else {
            ph = false;
            break;
        }
    }
    if (ph)
        return true;
    /* operators: ≥ ≤ (E2 89 A5/A4), > < = ＝ */
    while (i < n) {
        if (s[i] == '>' || s[i] == '<' || s[i] == '=' || s[i] == ' ')
            i++;
        else if (n - i >= 3 && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x89)
            i += 3;
        else
            break;
    }
    if (i < n && (s[i] == '-' || s[i] == '+'))
        i++;
    size_t d0 = i;
    while (i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == ',' || s[i] == '.'))
        i++;
    if (i == d0 || !(s[d0] >= '0' && s[d0] <= '9'))
        return false;
    while (i < n && s[i] == ' ')
        i++;
    if (i == n)
        return true;
    if (s[i] == '%')
        return i + 1 == n || (i + 2 == n && s[i + 1] == ' ');
    /* a short unit: at most four CJK characters (个, 万元, 人次, 元/户); not punctuation: 1、公 is a
     * numbered label, 1，2 a list */
    int k = 0;
    while (i < n && k < 5) {
        /* 、。 and the other CJK marks (U+3000..303F); full-width ，：； */
        bool punct = n - i >= 3 && (((unsigned char)s[i] == 0xE3 && (unsigned char)s[i + 1] == 0x80) ||
                                    ((unsigned char)s[i] == 0xEF && (unsigned char)s[i + 1] == 0xBC &&
                                     ((unsigned char)s[i + 2] == 0x8C || (unsigned char)s[i + 2] == 0x9A ||
                                      (unsigned char)s[i + 2] == 0x9B)));
        if (punct)
            return false;
        if (lay_is_cjk_start(s + i)) {
            i += 3;
            k++;
        } else if (s[i] == '/' || s[i] == '*') {
            i++;
        } else
            return false;
    }
    return i >= n && k <= 4;
}

/* A sentence, not a column name: ends a clause (。；) or runs past 30 characters. */
bool lay_prose_cell(const char *s, size_t n)
{
    size_t chars = 0;
    for (size_t i = 0; i < n; i++) {
        chars += ((unsigned char)s[i] & 0xC0) != 0x80;
        if (i + 2 < n && (unsigned char)s[i] == 0xE3 && (unsigned char)s[i + 1] == 0x80 &&
            (unsigned char)s[i + 2] == 0x82)
            return true; /* 。 */
    }
    return chars > 30 || memchr(s, ';', n) != NULL;
}

void lay_cell_add(cellb *c, const char *text, const glyph *g, bool space_before)
{
    if (space_before && c->text.len && c->text.data[c->text.len - 1] != ' ') {
        bl_buf_addc(&c->text, ' ');
        if (c->ngl == c->capgl) {
            c->capgl = c->capgl ? c->capgl * 2 : 16;
            c->gl = bl_xrealloc(c->gl, c->capgl * sizeof *c->gl);
        }
        c->gl[c->ngl++] = -1;
    }
    bl_buf_add(&c->text, text + g->off, g->len);
    if (c->ngl == c->capgl) {
        c->capgl = c->capgl ? c->capgl * 2 : 16;
        c->gl = bl_xrealloc(c->gl, c->capgl * sizeof *c->gl);
    }
    c->gl[c->ngl++] = g->idx;
}

/*
 * Does the cell's last line run to its right rule (a figure there may go on in the line
 * below)? Not when it stops short of it by more than two glyphs and a half, nor when it
 * stands centred with room on both sides and is narrower than the cell's lines above
 * (10 centred in a narrow 分值 cell: a figure of its own). True when that is not known:
 * a cell without rules or glyph widths.
 */
bool lay_line_full(const cellb *c)
{
    if (!c->ruled || c->line_em <= 0)
        return true;
    float left = c->line_x0 - c->x0, right = c->x1 - c->line_x1, em = c->line_em;
    /* (a line as wide as the cell's others is as full as they are: 清运 / 垃圾 a grid centred) */
    bool centred = left >= 1.5f * em && fabsf(left - right) < em &&
                   (c->line_wmax <= 0 || c->line_x1 - c->line_x0 < c->line_wmax - 0.5f * em);
    return right < 2.5f * em + 2.0f && !centred;
}

bool lay_line_seen_full(const cellb *c)
{
    return c->ruled && c->line_em > 0 && lay_line_full(c);
}

/* Append a segment's glyphs to a cell (a space between Latin words, none in CJK). */
void lay_cell_append_seg(cellb *c, const char *text, const glyph *gs, const seg *s, bool joining)
{
    bool first = true;
    for (int k = s->g0; k < s->g1; k++) {
        const glyph *g = &gs[k];
        if (g->space)
            continue;
        bool sp = false;
        if (first && joining && c->text.len) {
            /* a wrapped cell: join without a space unless both sides are Latin words */
            char last = c->text.data[c->text.len - 1];
            char nx = text[g->off];
            sp = ((last >= 'A' && last <= 'Z') || (last >= 'a' && last <= 'z')) &&
                 ((nx >= 'A' && nx <= 'Z') || (nx >= 'a' && nx <= 'z'));
            /* digits over digits in a ruled cell: one figure wrapped only when the line above
             * runs to the cell's right rule; two figures stacked (10 over 10) stay apart */
            if (last >= '0' && last <= '9' && nx >= '0' && nx <= '9' && !lay_line_full(c))
                sp = true;
        } else if (!first) {
            const glyph *p = &gs[k - 1];
            const glyph *w = p; /* the last visible glyph before g */
            while (w > gs + s->g0 && w->space)
                w--;
            /* no space between two Chinese characters, however far apart they print, nor at brackets */
            sp = (p->space || lay_word_gap(p, g, s->base)) && !(lay_wide_glyph(text, w) && lay_wide_glyph(text, g)) &&
                 !(lay_wide_glyph(text, w) && strchr("()[]%", text[g->off])) &&
                 !(lay_wide_glyph(text, g) && strchr("()[]", text[w->off]));
        }
        if (!first && !g->space && !gs[k - 1].space && g->x0 - gs[k - 1].x1 > 0.25f * (g->x1 - g->x0))
            c->spread = true;
        lay_cell_add(c, text, g, sp);
        first = false;
    }
    if (s->g1 > s->g0) {
        /* a segment on the line the last one was on (grid-spaced glyphs come a few to a segment) widens it */
        const glyph *g = &gs[s->g0];
        bool same = c->line_x1 > c->line_x0 && fabsf((g->y0 + g->y1) / 2 - c->line_y) < (g->y1 - g->y0) / 2;
        if (!same && c->line_x1 - c->line_x0 > c->line_wmax)
            c->line_wmax = c->line_x1 - c->line_x0, c->wmax_n = c->line_n;
        int n = 0;
        for (int k = s->g0; k < s->g1; k++)
            n += !gs[k].space && lay_wide_glyph(text, &gs[k]);
        c->line_n = same ? c->line_n + n : n;
        c->line_x0 = same && c->line_x0 < s->x0 ? c->line_x0 : s->x0;
        c->line_y = (g->y0 + g->y1) / 2;
        c->line_x1 = s->x1;
        c->line_em = gs[s->g1 - 1].x1 - gs[s->g1 - 1].x0; /* its last glyph's width: a digit's, for a figure */
    }
}

void lay_add_line(bl_doc *doc, size_t *cap, bl_line **out)
{
    if (doc->nlines == *cap) {
        size_t nc = *cap ? *cap * 2 : 256;
        doc->lines = bl_grow(doc->arena, doc->lines, sizeof *doc->lines, doc->nlines, nc);
        *cap = nc;
    }
    *out = &doc->lines[doc->nlines++];
    memset(*out, 0, sizeof **out);
    (*out)->indent = (*out)->fill = -1;
}

/* The column of x0..x1 in a grid: most lay_overlap, else the nearest centre. */
int lay_grid_col(const float *gx, const float *gr, int ng, float x0, float x1)
{
    int best = -1;
    float bo = 0;
    for (int k = 0; k < ng; k++) {
        float o = lay_overlap(x0, x1, gx[k], gr[k]);
        if (o > bo)
            bo = o, best = k;
    }
    if (best >= 0)
        return best;
    float c = (x0 + x1) / 2, bd = 1e30f;
    for (int k = 0; k < ng; k++) {
        float d = fabsf(c - (gx[k] + gr[k]) / 2);
        if (d < bd)
            bd = d, best = k;
    }
    return best < 0 ? 0 : best;
}

void lay_emit_row(bl_doc *doc, bl_buf *raw, size_t *cap, rowb *r, int page, int line, int table,
                     int rowno)
{
    bl_line *L;
    lay_add_line(doc, cap, &L);
    L->page = page;
    L->line = line;
    L->table = table;
    L->row = rowno;
    L->off = raw->len;
    L->ncells = r->ncells;
    L->cells = bl_alloc(doc->arena, (size_t)(r->ncells ? r->ncells : 1) * sizeof *L->cells);
    size_t nch = 0;
    for (int k = 0; k < r->ncells; k++)
        nch += r->cells[k].ngl + 1;
    int *gl = bl_alloc(doc->arena, (nch + 1) * sizeof *gl);
    size_t gi = 0;
    for (int k = 0; k < r->ncells; k++) {
        cellb *c = &r->cells[k];
        if (k) {
            bl_buf_addc(raw, '\t');
            gl[gi++] = -1;
        }
        L->cells[k].off = raw->len;
        L->cells[k].len = c->text.len;
        L->cells[k].x0 = c->x0;
        L->cells[k].x1 = c->x1;
        L->cells[k].col = c->col;
        bl_buf_add(raw, c->text.data ? c->text.data : "", c->text.len);
        for (size_t j = 0; j < c->ngl; j++)
            gl[gi++] = c->gl[j];
    }
    L->glyph = gl;
    L->len = raw->len - L->off;
    bl_buf_addc(raw, '\n');
}

/*
 * Header row d can sit under header row u (a two-line header): unless both
 * have their cells from ruling lines, yes; else each of d's cells lies within
 * one of u's (u's merged cells over d's).
 */
bool lay_nests(const rowb *u, const rowb *d)
{
    bool ruled = true;
    for (int k = 0; k < u->ncells; k++)
        ruled &= u->cells[k].ruled;
    for (int k = 0; k < d->ncells; k++)
        ruled &= d->cells[k].ruled;
    if (!ruled)
        return true;
    for (int k = 0; k < d->ncells; k++) {
        bool in = false;
        for (int m = 0; m < u->ncells && !in; m++)
            in = d->cells[k].x0 >= u->cells[m].x0 - 2 && d->cells[k].x1 <= u->cells[m].x1 + 2;
        if (!in)
            return false;
    }
    return true;
}

void lay_row_free(rowb *r)
{
    for (int k = 0; k < r->ncells; k++) {
        bl_buf_release(&r->cells[k].text);
        free(r->cells[k].gl);
    }
    r->ncells = 0;
}

void lay_row_add_seg(rowb *r, const char *text, const glyph *gs, const seg *s, bool first_line)
{
    int best = -1;
    float bo = 0;
    if (!first_line)
        for (int k = 0; k < r->ncells; k++) {
            float o = lay_overlap(s->cx0, s->cx1, r->cells[k].x0, r->cells[k].x1);
            if (o > bo)
                bo = o, best = k;
        }
    if (best < 0) {
        if (r->ncells == 64)
            best = 63; /* more than 64 cells in a row: the rest joins the last */
        else {
            int at = r->ncells;
            while (at > 0 && r->cells[at - 1].x0 > s->cx0)
                at--;
            memmove(&r->cells[at + 1], &r->cells[at], (size_t)(r->ncells - at) * sizeof *r->cells);
            memset(&r->cells[at], 0, sizeof r->cells[at]);
            r->cells[at].x0 = s->cx0;
            r->cells[at].x1 = s->cx1;
            r->cells[at].ruled = s->ruled;
            r->ncells++;
            best = at;
        }
    }
    cellb *c = &r->cells[best];
    lay_cell_append_seg(c, text, gs, s, c->text.len > 0);
    if (s->cx0 < c->x0)
        c->x0 = s->cx0;
    if (s->cx1 > c->x1)
        c->x1 = s->cx1;
}

void lay_row_text(const rowb *r, bl_buf *out)
{
    for (int k = 0; k < r->ncells; k++)
        if (r->cells[k].text.len)
            bl_buf_add(out, r->cells[k].text.data, r->cells[k].text.len);
}

bool lay_figures_go_on(const rowb *r, const char *text, const glyph *gs, const vline *L, const seg *segs)
{
    if (L->ns == 0)
        return false;
    for (int s = L->s0; s < L->s0 + L->ns; s++) {
        const seg *sg = &segs[s];
        for (int g = sg->g0; g < sg->g1; g++) { /* digits, a point, a separator, a percent sign */
            char ch = text[gs[g].off];
            if (!gs[g].space && !(gs[g].len == 1 && ((ch >= '0' && ch <= '9') || ch == '.' || ch == ',' || ch == '%')))
                return false;
        }
        const cellb *u = NULL;
        for (int k = 0; k < r->ncells && !u; k++)
            if (lay_overlap(sg->cx0, sg->cx1, r->cells[k].x0, r->cells[k].x1) > 0.5f * (sg->cx1 - sg->cx0))
                u = &r->cells[k];
        if (!u || !lay_line_seen_full(u) || !u->text.len || !lay_numeric_cell(u->text.data, u->text.len))
            return false;
    }
    return true;
}

bool lay_words_go_on(const rowb *r, const vline *ls, size_t l, size_t e, size_t j, const seg *segs)
{
    const vline *L = &ls[j];
    if (L->ns == 0)
        return false;
    for (int s = L->s0; s < L->s0 + L->ns; s++) {
        const seg *sg = &segs[s];
        const cellb *u = NULL;
        for (int k = 0; k < r->ncells && !u; k++)
            if (lay_overlap(sg->cx0, sg->cx1, r->cells[k].x0, r->cells[k].x1) > 0.5f * (sg->cx1 - sg->cx0))
                u = &r->cells[k];
        if (!u || !u->text.len || u->line_em <= 0 || lay_numeric_cell(u->text.data, u->text.len) ||
            lay_prose_cell(u->text.data, u->text.len))
            return false; /* (a label, not a sentence: prose set as a table runs to its edges too) */
        /* the widest text its column holds in the table */
        float wmax = 0;
        for (size_t m = l; m < e; m++)
            for (int t = ls[m].s0; t < ls[m].s0 + ls[m].ns; t++) {
                const seg *o = &segs[t];
                if (lay_overlap(o->x0, o->x1, u->x0, u->x1) > 0.5f * (o->x1 - o->x0) && o->x1 - o->x0 > wmax)
                    wmax = o->x1 - o->x0;
            }
        if (u->line_x1 - u->line_x0 < wmax - u->line_em)
            return false;
    }
    return true;
}

/*
 * A cell of words wrapped over lines whose last line stops short of the lines above by more
 * than three quarters of a character, and holds fewer characters: its paragraph ended there (上年结转资 / 金, 其中：当年 /
 * 财政拨款) and the words c under it on the next page are another row's - unless they start
 * with a sign no line may start with (a line one character short pushed down for it: ）、，。)
 * or with a Latin word or figure (wrapped whole). Not in a ruled grid of evenly spaced
 * characters, whose lines of narrow signs (4、其他试验() are shorter than their slots.
 */
static bool lay_paragraph_ended(const cellb *u, const cellb *c)
{
    if ((u->ruled && u->spread) || u->line_wmax <= 0 || u->wmax_n < 3 || !c->text.len || u->line_n >= u->wmax_n ||
        u->line_x1 - u->line_x0 >= u->line_wmax - 0.75f * u->line_wmax / (float)u->wmax_n)
        return false;
    const unsigned char *t = (const unsigned char *)c->text.data;
    if (t[0] < 0x80)
        return !((t[0] >= '0' && t[0] <= '9') || (t[0] >= 'A' && t[0] <= 'Z') || (t[0] >= 'a' && t[0] <= 'z') ||
                 strchr(")]}%,.;:!?", t[0]));
    static const char *const closing[] = {"）", "，", "。", "、", "；", "：", "！", "？", "」", "』", "】", "》", "％", "”", "’"};
    for (size_t k = 0; k < sizeof closing / sizeof *closing; k++)
        if (c->text.len >= 3 && memcmp(c->text.data, closing[k], 3) == 0)
            return false;
    return true;
}

/*
 * The first row of a table's next page lay_finishes the row the page break split:
 * it holds no figure, each of its cells lies under a cell of the row that has
 * words (or a figure whose line ran to its rule: a unit or words wrapped on);
 * or only the rest of figures, or of a label and figures under cells that ran to
 * their rules; and it is not the table's first row (a header) repeated.
 */
bool lay_finishes(const pending_row *p, const rowb *r, const bl_layout_state *st)
{
    if (r->ncells == 0)
        return false;
    /*
     * or only figures, fewer than the row has, each under a figure that goes on
     * (a number wrapped digit by digit: 10 / 0 - its line runs to the cell's rule);
     * a new row brings its label or all its figures (or lost its label to a scan:
     * 总分 100 98 under a row's 10 10)
     */
    int nnum = 0, pnum = 0;
    for (int k = 0; k < r->ncells; k++)
        nnum += r->cells[k].numeric;
    for (int m = 0; m < p->row.ncells; m++)
        pnum += p->row.cells[m].numeric;
    bool figures = nnum == r->ncells && nnum < pnum;
    /* or words and figures, fewer figures than the row has, each under a cell whose line is
     * seen to run to its rule (其 / 中：当年财政拨款 beside 38.600 / 000 in grid cells a few
     * characters wide) */
    bool mixed = nnum && nnum < r->ncells && nnum < pnum;
    if (nnum && !figures && !mixed)
        return false;
    /* a cell goes on over the page only from the row's lowest line: one whose text ended
     * higher up ended in the row (建立 / 已建立 under 有效保障, ended half way down a tall
     * row of 保障下游群众安全 that ran to the page's foot, are a new row's) */
    float ylow = -1e30f, em = 0;
    for (int m = 0; m < p->row.ncells; m++)
        if (p->row.cells[m].text.len && p->row.cells[m].line_y > ylow)
            ylow = p->row.cells[m].line_y, em = p->row.cells[m].line_em;
    float tol = 0.5f * (st->pitch > 0 ? st->pitch : 1.5f * em); /* half a line */
    int last_under = -1;
    for (int k = 0; k < r->ncells; k++) {
        const cellb *c = &r->cells[k];
        bool under = false;
        int m = 0;
        for (; m < p->row.ncells && !under; m++) {
            const cellb *u = &p->row.cells[m];
            /* words go on under words, or under a figure whose line is seen to run to its cell's
             * rule (≥360天服 / 务读者, 550 / 万粒); figures only under figures that go on */
            bool goes_on = figures ? u->numeric && lay_line_full(u)
                         : mixed   ? lay_line_seen_full(u) && (!c->numeric || u->numeric)
                                   : u->numeric ? lay_line_seen_full(u) : !lay_paragraph_ended(u, c);
            under = goes_on && u->text.len && u->line_y >= ylow - tol &&
                    lay_overlap(c->x0, c->x1, u->x0, u->x1) > 0.5f * (c->x1 - c->x0);
        }
        if (!under)
            return false;
        /* two ruled cells under one ruled cell: a rule the split row does not have, so another row */
        if (m - 1 == last_under && c->ruled && p->row.cells[m - 1].ruled)
            return false;
        last_under = m - 1;
    }
    bl_buf t = BL_BUF_INIT;
    lay_row_text(r, &t);
    bool repeat = t.len && t.len == st->head_len && memcmp(t.data, st->head, t.len) == 0;
    bl_buf_release(&t);
    return !repeat;
}

/* What a test of a cell's text says of a segment's text, read as a cell reads it. */
static bool seg_is(const char *text, const glyph *gs, const seg *s, bool (*test)(const char *, size_t))
{
    cellb tmp = {0};
    lay_cell_append_seg(&tmp, text, gs, s, false);
    bool yes = test(tmp.text.data ? tmp.text.data : "", tmp.text.len);
    bl_buf_release(&tmp.text);
    free(tmp.gl);
    return yes;
}

bool lay_numeric_seg(const char *text, const glyph *gs, const seg *s)
{
    return seg_is(text, gs, s, lay_numeric_cell);
}

bool lay_prose_seg(const char *text, const glyph *gs, const seg *s)
{
    return seg_is(text, gs, s, lay_prose_cell);
}

bool lay_aligned_in_column(const bl_layout_state *st, const seg *s)
{
    for (int k = 0; k < st->ngrid; k++)
        if (fabsf((s->x0 + s->x1) - (st->grid_x[k] + st->grid_r[k])) <= 4.0f || fabsf(s->x0 - st->grid_x[k]) <= 2.0f)
            return true;
    return false;
}

bool lay_in_column(const bl_layout_state *st, const seg *s)
{
    if (st->ngrid < 1 || s->x0 < st->grid_x[0] - 2.0f || s->x1 > st->grid_r[st->ngrid - 1] + 2.0f)
        return false;
    for (int k = 0; k < st->ngrid; k++) /* (a header's column: its name's width; text centred under it may be wider) */
        if (lay_overlap(s->x0, s->x1, st->grid_x[k] - 2.0f, st->grid_r[k] + 2.0f) >= 0.67f * (s->x1 - s->x0))
            return true;
    return false;
}

/* Append row r's words to the cells of p they lie under (their glyphs are another page's). */
void lay_finish_row(pending_row *p, rowb *r)
{
    /* its cells' last lines now this page's (a row may go on again): those that do not go on
     * here ended on the last page */
    for (int m = 0; m < p->row.ncells; m++)
        p->row.cells[m].line_y = -1e30f;
    for (int k = 0; k < r->ncells; k++) {
        cellb *c = &r->cells[k];
        int best = 0;
        float bo = -1;
        for (int m = 0; m < p->row.ncells; m++) {
            float o = lay_overlap(c->x0, c->x1, p->row.cells[m].x0, p->row.cells[m].x1);
            if (o > bo)
                bo = o, best = m;
        }
        cellb *u = &p->row.cells[best];
        if (c->text.len)
            u->line_y = c->line_y;
        for (size_t i = 0; i < c->text.len; i++) {
            bl_buf_addc(&u->text, c->text.data[i]);
            if (u->ngl == u->capgl) {
                u->capgl = u->capgl ? u->capgl * 2 : 16;
                u->gl = bl_xrealloc(u->gl, u->capgl * sizeof *u->gl);
            }
            u->gl[u->ngl++] = -1;
        }
    }
}


void bl_layout_flush(bl_doc *doc, bl_buf *raw, size_t *cap, bl_layout_state *st)
{
    pending_row *p = st->pending;
    if (!p)
        return;
    lay_emit_row(doc, raw, cap, &p->row, p->page, p->line, p->table, p->rowno);
    lay_row_free(&p->row);
    free(p);
    st->pending = NULL;
}


/* Do two of the row's ruled cells stand over one stretch, one over half the other (a region a lost rule merged)? */
bool lay_cells_overlap(const rowb *r)
{
    for (int a = 0; a < r->ncells; a++)
        for (int b = a + 1; b < r->ncells; b++) {
            const cellb *x = &r->cells[a], *y = &r->cells[b];
            float nx = x->x1 - x->x0 < y->x1 - y->x0 ? x->x1 - x->x0 : y->x1 - y->x0;
            if (x->ruled && y->ruled && nx > 0 && lay_overlap(x->x0, x->x1, y->x0, y->x1) > 0.5f * nx)
                return true;
        }
    return false;
}

/*
 * A row whose cells are ruled and of which two fall in one column of the
 * grid gx/gr: the grid is not this row's.
 */
bool lay_collides(const rowb *r, const float *gx, const float *gr, int ng)
{
    if (ng < 1 || r->ncells < 2)
        return false;
    int prev = -1;
    for (int c = 0; c < r->ncells; c++) {
        if (!r->cells[c].ruled)
            return false;
        /* the column it lies in (a cell under no column adds one: no collision) */
        int col = -1;
        float best = 0;
        for (int k = 0; k < ng; k++) {
            float o = lay_overlap(r->cells[c].x0, r->cells[c].x1, gx[k], gr[k]);
            if (o > best)
                best = o, col = k;
        }
        if (col >= 0 && col == prev)
            return true;
        if (col >= 0)
            prev = col;
    }
    return false;
}
