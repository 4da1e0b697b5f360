/* layout.c - one page's character boxes to visual lines, tables, rows and cells. */
#include "layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/banned.h"

typedef struct {
    uint32_t off; /* byte offset in the page text */
    uint8_t len;  /* UTF-8 length */
    bool space;
    int idx;      /* character index in the page text */
    float x0, y0, x1, y1;
} glyph;

typedef struct {
    int g0, g1; /* glyphs [g0, g1) of the line (sorted by x) */
    float x0, x1;
    float base; /* the line's even letter gap (0 for ordinary text) */
    float cx0, cx1; /* the cell it sits in: between its ruling lines, else its own extent */
    bool ruled;     /* cx0..cx1 are ruling lines */
} seg;

typedef struct {
    int g0, g1;
    float y0, y1, h;
    int s0, ns; /* segments [s0, s0+ns) */
    int table;  /* index+1 into the page's tables, 0 for prose */
    float base; /* evenly spaced text: the gap every glyph stands from the next */
    bool framed; /* inside a ruled frame: its segments are the cells between the rules */
} vline;

typedef struct {
    float x0, x1;
    bl_buf text;
    int *gl; /* glyph index per UTF-8 character */
    size_t ngl, capgl;
    bool numeric;
    bool ruled; /* x0..x1 are the cell's ruling lines */
    int col;
} cellb;

typedef struct {
    int line0; /* first visual line */
    int ncells;
    cellb cells[64];
    bool header;
} rowb;

static int cmp_ymid(const void *a, const void *b)
{
    const glyph *p = a, *q = b;
    float m = (p->y0 + p->y1) / 2, n = (q->y0 + q->y1) / 2;
    if (m != n)
        return m < n ? -1 : 1;
    return (p->x0 > q->x0) - (p->x0 < q->x0);
}

static int cmp_x(const void *a, const void *b)
{
    const glyph *p = a, *q = b;
    if (p->x0 != q->x0)
        return p->x0 < q->x0 ? -1 : 1;
    return (p->idx > q->idx) - (p->idx < q->idx);
}

static bool is_cjk_start(const char *s) { return (unsigned char)s[0] >= 0xE0; }

/*
 * A cell that is a figure or a placeholder: optional comparison operator,
 * a number (thousands separators, decimals), an optional % or a short unit;
 * or only dashes and slashes. Text around a number ("度达到 96%。") is not.
 */
static bool numeric_cell(const char *s, size_t n)
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
    /* a short unit: at most four CJK characters (个, 万元, 人次, 元/户) */
    int k = 0;
    while (i < n && k < 5) {
        if (is_cjk_start(s + i)) {
            i += 3;
            k++;
        } else if (s[i] == '/' || s[i] == '*') {
            i++;
        } else
            return false;
    }
    return i >= n && k <= 4;
}

static int cmp_float(const void *a, const void *b)
{
    float p = *(const float *)a, q = *(const float *)b;
    return (p > q) - (p < q);
}

/* A glyph of a wide (CJK or full-width) character: the ones a character grid spaces evenly. */
static bool wide_glyph(const char *text, const glyph *g)
{
    return g->len == 3 && (unsigned char)text[g->off] >= 0xE3 && !g->space;
}

/*
 * Evenly spaced text (分散对齐, widened character spacing, a document grid): the
 * advance from one wide glyph to the next of the line. Sets *pitch and *width
 * (medians) and returns how many advances there were and, in *regular, whether
 * two thirds of them lie within an eighth of the median.
 */
static int line_pitch(const char *text, const glyph *gs, const vline *L, float *pitch, float *width,
                      bool *regular)
{
    float adv[256], wid[256];
    int na = 0, nw = 0;
    const glyph *prev = NULL;
    for (int g = L->g0; g < L->g1; g++) {
        const glyph *q = &gs[g];
        if (q->space)
            continue;
        if (wide_glyph(text, q)) {
            if (nw < 256)
                wid[nw++] = q->x1 - q->x0;
            if (prev && wide_glyph(text, prev) && na < 256)
                adv[na++] = q->x0 - prev->x0;
        }
        prev = q;
    }
    *pitch = *width = 0;
    *regular = false;
    if (na == 0)
        return 0;
    qsort(adv, (size_t)na, sizeof *adv, cmp_float);
    qsort(wid, (size_t)nw, sizeof *wid, cmp_float);
    *pitch = adv[na / 2];
    *width = wid[nw / 2];
    int near = 0;
    for (int k = 0; k < na; k++)
        near += fabsf(adv[k] - *pitch) <= 0.125f * *pitch;
    *regular = 3 * near >= 2 * na;
    return na;
}

/* A sentence, not a column name: ends a clause (。；) or runs past 30 characters. */
static bool prose_cell(const char *s, size_t n)
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

static void cell_add(cellb *c, const char *text, const glyph *g, bool space_before)
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
 * A word space between glyphs p and g: a gap over a fifth of the height; on an
 * evenly spaced line (letter gap base), one over half a grid cell beyond it
 * (a narrow comma sits alone in a cell meant for a wide character).
 */
static bool word_gap(const glyph *p, const glyph *g, float base)
{
    float h = g->y1 - g->y0, gap = g->x0 - p->x1 - base;
    return base > 0 ? gap > 0.5f * (base + h) : gap > 0.2f * h;
}

/* Append a segment's glyphs to a cell (a space between Latin words, none in CJK). */
static void cell_append_seg(cellb *c, const char *text, const glyph *gs, const seg *s, bool joining)
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
        } else if (!first) {
            const glyph *p = &gs[k - 1];
            const glyph *w = p; /* the last visible glyph before g */
            while (w > gs + s->g0 && w->space)
                w--;
            /* no space between two Chinese characters, however far apart they print, nor at brackets */
            sp = (p->space || word_gap(p, g, s->base)) && !(wide_glyph(text, w) && wide_glyph(text, g)) &&
                 !(wide_glyph(text, w) && strchr("()[]%", text[g->off])) &&
                 !(wide_glyph(text, g) && strchr("()[]", text[w->off]));
        }
        cell_add(c, text, g, sp);
        first = false;
    }
}

static void add_line(bl_doc *doc, size_t *cap, bl_line **out)
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

/* Two lines share a gutter: a gap of one overlaps a gap of the other by 2 pt or more. */
static bool share_gutter(const vline *a, const vline *b, const seg *segs)
{
    for (int i = 0; i + 1 < a->ns; i++) {
        float g0 = segs[a->s0 + i].x1, g1 = segs[a->s0 + i + 1].x0;
        for (int j = 0; j + 1 < b->ns; j++) {
            float h0 = segs[b->s0 + j].x1, h1 = segs[b->s0 + j + 1].x0;
            float lo = g0 > h0 ? g0 : h0, hi = g1 < h1 ? g1 : h1;
            if (hi - lo >= 2.0f)
                return true;
        }
    }
    return false;
}

static float overlap(float a0, float a1, float b0, float b1)
{
    float lo = a0 > b0 ? a0 : b0, hi = a1 < b1 ? a1 : b1;
    return hi - lo;
}

/* The column of x0..x1 in a grid: most overlap, else the nearest centre. */
static int grid_col(const float *gx, const float *gr, int ng, float x0, float x1)
{
    int best = -1;
    float bo = 0;
    for (int k = 0; k < ng; k++) {
        float o = overlap(x0, x1, gx[k], gr[k]);
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

static void emit_row(bl_doc *doc, bl_buf *raw, size_t *cap, rowb *r, int page, int line, int table,
                     int rowno)
{
    bl_line *L;
    add_line(doc, cap, &L);
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
static bool nests(const rowb *u, const rowb *d)
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

static void row_free(rowb *r)
{
    for (int k = 0; k < r->ncells; k++) {
        bl_buf_release(&r->cells[k].text);
        free(r->cells[k].gl);
    }
    r->ncells = 0;
}

static void row_add_seg(rowb *r, const char *text, const glyph *gs, const seg *s, bool first_line)
{
    int best = -1;
    float bo = 0;
    if (!first_line)
        for (int k = 0; k < r->ncells; k++) {
            float o = overlap(s->cx0, s->cx1, r->cells[k].x0, r->cells[k].x1);
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
    cell_append_seg(c, text, gs, s, c->text.len > 0);
    if (s->cx0 < c->x0)
        c->x0 = s->cx0;
    if (s->cx1 > c->x1)
        c->x1 = s->cx1;
}

/* A vertical rule crossing the middle of line L. */
static bool crosses(const bl_rule *r, const vline *L)
{
    float m = (L->y0 + L->y1) / 2, q = 0.2f * L->h;
    return r->y0 <= m - q && r->y1 >= m + q && r->y1 - r->y0 >= L->h;
}

/*
 * Split line L into segments, appended to segs. Without rules (or when no
 * rule frames the line): at gaps wider than a quarter of the character
 * height (less the line's even letter gap). Inside a ruled frame - a rule
 * crossing the line at or left of its first glyph and one at or right of its
 * last - exactly at the rules that pass between two glyphs.
 */
static void segment_line(const glyph *gs, vline *L, seg *segs, size_t *nseg, const bl_rules *rl)
{
    float th = 0.25f * L->h > 2.5f ? 0.25f * L->h : 2.5f;
    if (L->base > 0) /* evenly spaced: a space takes a whole grid cell; a gutter is wider */
        th = 1.5f * (L->base + L->h);
    L->s0 = (int)*nseg;
    L->ns = 0;
    /* the line's first and last glyphs (not spaces) */
    int first = -1, last = -1;
    for (int g = L->g0; g < L->g1; g++)
        if (!gs[g].space) {
            if (first < 0)
                first = g;
            last = g;
        }
    if (first < 0)
        return;
    bool framed = false;
    if (rl) {
        bool left = false, right = false;
        int inner = 0;
        for (size_t k = 0; k < rl->nv; k++) {
            const bl_rule *r = &rl->v[k];
            if (!crosses(r, L))
                continue;
            /* (a glyph may overrun its cell's rule: count from glyph middles) */
            bool l = r->x0 <= (gs[first].x0 + gs[first].x1) / 2;
            bool rr = r->x0 >= (gs[last].x0 + gs[last].x1) / 2;
            left |= l, right |= rr;
            inner += !l && !rr;
        }
        /* framed on both sides, or crossed by two rules inside (its last cell overruns the frame) */
        framed = (left && right) || (left && inner >= 2);
    }
    L->framed = framed;
    const glyph *prev = NULL;
    bool spaced = false; /* a space character lies between prev and q */
    for (int g = L->g0; g < L->g1; g++) {
        const glyph *q = &gs[g];
        if (q->space) {
            spaced = true;
            continue;
        }
        bool split = !prev;
        if (prev && framed) {
            /* a rule between the two glyphs (a glyph's own strokes lie inside its box) */
            for (size_t k = 0; k < rl->nv && !split; k++) {
                const bl_rule *r = &rl->v[k];
                split = r->x0 > prev->x1 - 0.5f && r->x0 < q->x0 + 0.5f && crosses(r, L);
            }
        } else if (prev) {
            /*
             * a gap is a cell boundary when it is wide and empty; a gap holding
             * a space character is a word space unless it is wider than 0.3 of
             * the line's height (justified prose in the fixtures stretches its
             * spaces to 0.28; Poppler's own spaces between cells are wider)
             */
            float gap = q->x0 - prev->x1 - L->base;
            split = gap > th && (!spaced || gap > 0.3f * L->h);
        }
        spaced = false;
        if (split) {
            if (prev)
                segs[*nseg - 1].g1 = (int)(prev - gs) + 1;
            seg *s = &segs[(*nseg)++];
            s->g0 = g;
            s->g1 = g + 1;
            s->x0 = q->x0;
            s->x1 = q->x1;
            s->base = L->base;
            L->ns++;
        } else if (q->x1 > segs[*nseg - 1].x1) {
            segs[*nseg - 1].x1 = q->x1;
        }
        prev = q;
    }
    if (prev)
        segs[*nseg - 1].g1 = (int)(prev - gs) + 1;
    /* each segment's cell: the nearest rules crossing the line on either side */
    for (size_t k = (size_t)L->s0; k < *nseg; k++) {
        seg *sg = &segs[k];
        sg->cx0 = sg->x0, sg->cx1 = sg->x1;
        sg->ruled = false;
        if (!framed)
            continue;
        float lo = -1e30f, hi = 1e30f;
        for (size_t q = 0; q < rl->nv; q++) {
            const bl_rule *r = &rl->v[q];
            if (!crosses(r, L))
                continue;
            if (r->x0 <= sg->x0 + 0.5f && r->x0 > lo)
                lo = r->x0;
            if (r->x0 >= sg->x1 - 0.5f && r->x0 < hi)
                hi = r->x0;
        }
        sg->ruled = false;
        if (lo > -1e30f && hi < 1e30f)
            sg->cx0 = lo, sg->cx1 = hi, sg->ruled = true;
    }
}

/*
 * A horizontal rule from height lo down to line b over most of some segment
 * of b, outside b's box and longer than a glyph (not a stroke of one).
 */
static bool ruled_above(const bl_rules *rl, float lo, const vline *b, const seg *segs)
{
    float hi = b->y0 + 0.08f * b->h;
    for (size_t k = 0; k < rl->nh; k++) {
        const bl_rule *r = &rl->h[k];
        if (r->y0 < lo || r->y0 > hi || r->x1 - r->x0 < 1.1f * b->h)
            continue;
        for (int s = b->s0; s < b->s0 + b->ns; s++)
            if (overlap(r->x0, r->x1, segs[s].x0, segs[s].x1) > 0.5f * (segs[s].x1 - segs[s].x0))
                return true;
    }
    return false;
}

/* Lines a and b (a above) inside one ruled frame: a vertical rule runs from one to the other. */
static bool one_frame(const bl_rules *rl, const vline *a, const vline *b)
{
    float ma = (a->y0 + a->y1) / 2, mb = (b->y0 + b->y1) / 2;
    for (size_t k = 0; k < rl->nv; k++)
        if (rl->v[k].y0 <= ma && rl->v[k].y1 >= mb && rl->v[k].y1 - rl->v[k].y0 >= a->h)
            return true;
    return false;
}

/*
 * A rule between a segment of line j and the text above it in its cell's
 * column, when that text is in the row so far (lines r0..j-1): a merged
 * cell's text centred beside two rows must not hide the rule between them.
 */
static bool ruled_in_column(const bl_rules *rl, const vline *ls, size_t r0, size_t j, const seg *segs)
{
    for (int s = ls[j].s0; s < ls[j].s0 + ls[j].ns; s++) {
        const seg *a = &segs[s];
        for (size_t p = j; p-- > r0;) {
            bool above = false;
            for (int t = ls[p].s0; t < ls[p].s0 + ls[p].ns && !above; t++)
                above = overlap(a->cx0, a->cx1, segs[t].cx0, segs[t].cx1) > 0.5f;
            if (!above)
                continue;
            float lo = ls[p].y1 - 0.08f * ls[p].h, hi = ls[j].y0 + 0.08f * ls[j].h;
            for (size_t k = 0; k < rl->nh; k++) {
                const bl_rule *r = &rl->h[k];
                if (r->y0 >= lo && r->y0 <= hi && r->x1 - r->x0 >= 1.1f * ls[j].h &&
                    overlap(r->x0, r->x1, a->x0, a->x1) > 0.5f * (a->x1 - a->x0))
                    return true;
            }
            break;
        }
    }
    return false;
}

/* A rule between lines a and b (a above) over some segment of b. */
static bool ruled_between(const bl_rules *rl, const vline *a, const vline *b, const seg *segs)
{
    return ruled_above(rl, a->y1 - 0.08f * a->h, b, segs);
}

/* ---- a row a page break splits ------------------------------------------------- */

typedef struct {
    rowb row;
    int page, line, table, rowno;
} pending_row;

static void row_text(const rowb *r, bl_buf *out)
{
    for (int k = 0; k < r->ncells; k++)
        if (r->cells[k].text.len)
            bl_buf_add(out, r->cells[k].text.data, r->cells[k].text.len);
}

/*
 * The first row of a table's next page finishes the row the page break split:
 * it holds no figure, each of its cells lies under a cell of the row that has
 * words, and it is not the table's first row (a header) repeated.
 */
static bool finishes(const pending_row *p, const rowb *r, const bl_layout_state *st)
{
    if (r->ncells == 0)
        return false;
    /*
     * or only figures, fewer than the row has, each under a figure that goes on
     * (a number wrapped digit by digit: 10 / 0); a new row brings its label or
     * all its figures
     */
    int nnum = 0, pnum = 0;
    for (int k = 0; k < r->ncells; k++)
        nnum += r->cells[k].numeric;
    for (int m = 0; m < p->row.ncells; m++)
        pnum += p->row.cells[m].numeric;
    bool figures = nnum == r->ncells && nnum < pnum;
    if (nnum && !figures)
        return false;
    for (int k = 0; k < r->ncells; k++) {
        const cellb *c = &r->cells[k];
        bool under = false;
        for (int m = 0; m < p->row.ncells && !under; m++) {
            const cellb *u = &p->row.cells[m];
            under = u->numeric == figures && u->text.len &&
                    overlap(c->x0, c->x1, u->x0, u->x1) > 0.5f * (c->x1 - c->x0);
        }
        if (!under)
            return false;
    }
    bl_buf t = BL_BUF_INIT;
    row_text(r, &t);
    bool repeat = t.len && t.len == st->head_len && memcmp(t.data, st->head, t.len) == 0;
    bl_buf_release(&t);
    return !repeat;
}

/* Append row r's words to the cells of p they lie under (their glyphs are another page's). */
static void finish_row(pending_row *p, rowb *r)
{
    for (int k = 0; k < r->ncells; k++) {
        cellb *c = &r->cells[k];
        int best = 0;
        float bo = -1;
        for (int m = 0; m < p->row.ncells; m++) {
            float o = overlap(c->x0, c->x1, p->row.cells[m].x0, p->row.cells[m].x1);
            if (o > bo)
                bo = o, best = m;
        }
        cellb *u = &p->row.cells[best];
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
    emit_row(doc, raw, cap, &p->row, p->page, p->line, p->table, p->rowno);
    row_free(&p->row);
    free(p);
    st->pending = NULL;
}

bool bl_layout_page(bl_doc *doc, bl_buf *raw, size_t *cap, const char *text, size_t n,
                    const bl_box *boxes, size_t nbox, int page, bl_layout_state *st,
                    bl_rules_fn rules, void *rules_ctx)
{
    /* 1. glyphs */
    glyph *gs = bl_xmalloc((nbox + 1) * sizeof *gs);
    size_t ng = 0, i = 0;
    int idx = 0;
    while (i < n && (size_t)idx < nbox) {
        uint32_t cp;
        int k = bl_utf8_next((const unsigned char *)text + i, n - i, &cp);
        if (k < 0)
            k = 1;
        const bl_box *b = &boxes[idx];
        if (cp != '\n' && cp != '\r' && b->x2 > b->x1 && b->y2 > b->y1) {
            glyph *g = &gs[ng++];
            g->off = (uint32_t)i;
            g->len = (uint8_t)k;
            g->space = cp == ' ' || cp == 0x3000 || cp == 0xA0 || cp == '\t';
            g->idx = idx;
            g->x0 = (float)b->x1, g->x1 = (float)b->x2, g->y0 = (float)b->y1, g->y1 = (float)b->y2;
        }
        i += (size_t)k;
        idx++;
    }
    if (ng < 4) {
        free(gs);
        bl_layout_flush(doc, raw, cap, st);
        st->open_at_end = false;
        return false;
    }
    /* 2. visual lines: glyphs whose vertical middles lie close */
    qsort(gs, ng, sizeof *gs, cmp_ymid);
    vline *ls = bl_xmalloc((ng + 1) * sizeof *ls);
    size_t nl = 0;
    for (size_t g = 0; g < ng; g++) {
        float m = (gs[g].y0 + gs[g].y1) / 2, h = gs[g].y1 - gs[g].y0;
        if (nl) {
            vline *L = &ls[nl - 1];
            float lm = (L->y0 + L->y1) / 2;
            float lh = L->h < h ? L->h : h;
            if (fabsf(m - lm) < 0.35f * lh) {
                L->g1 = (int)g + 1;
                if (gs[g].y0 < L->y0)
                    L->y0 = gs[g].y0;
                if (gs[g].y1 > L->y1)
                    L->y1 = gs[g].y1;
                continue;
            }
        }
        vline *L = &ls[nl++];
        memset(L, 0, sizeof *L);
        L->g0 = (int)g;
        L->g1 = (int)g + 1;
        L->y0 = gs[g].y0;
        L->y1 = gs[g].y1;
        L->h = h;
    }
    /*
     * 3a. evenly spaced lines: where wide glyphs stand regularly further apart
     * than a quarter of their height, that even gap is the line's letter
     * spacing, not a gutter. A line with too few glyphs to tell takes the
     * page's pitch when its advance matches it.
     */
    float pitches[64];
    int npitch = 0;
    for (size_t l = 0; l < nl; l++) {
        vline *L = &ls[l];
        qsort(gs + L->g0, (size_t)(L->g1 - L->g0), sizeof *gs, cmp_x);
        L->h = L->y1 - L->y0;
        float p, w;
        bool regular;
        int na = line_pitch(text, gs, L, &p, &w, &regular);
        L->base = 0;
        if (na >= 2 && regular && p - w > 0.25f * L->h) {
            L->base = p - w;
            if (npitch < 64)
                pitches[npitch++] = p;
        }
    }
    if (npitch >= 2) {
        qsort(pitches, (size_t)npitch, sizeof *pitches, cmp_float);
        float pp = pitches[npitch / 2];
        for (size_t l = 0; l < nl; l++) {
            vline *L = &ls[l];
            float p, w;
            bool regular;
            if (L->base != 0)
                continue;
            int na = line_pitch(text, gs, L, &p, &w, &regular);
            if (na >= 1 && fabsf(p - pp) <= 0.125f * pp && p - w > 0.25f * L->h)
                L->base = p - w;
            else if (na <= 1) {
                /* too few wide glyphs to measure (81%。, 元。): a line of the same height's gap */
                for (size_t m = 0; m < nl && L->base == 0; m++)
                    if (ls[m].base > 0 && line_pitch(text, gs, &ls[m], &p, &w, &regular) >= 2 &&
                        fabsf(ls[m].h - L->h) <= 0.1f * L->h)
                        L->base = ls[m].base;
            }
        }
    }
    /* 3b. segments: split a line at gaps wider than a quarter of its character height */
    seg *segs = bl_xmalloc((ng + 1) * sizeof *segs);
    size_t nseg = 0;
    int nmulti_lines = 0;
    bool spread = false;
    for (size_t l = 0; l < nl; l++) {
        segment_line(gs, &ls[l], segs, &nseg, NULL);
        nmulti_lines += ls[l].ns >= 2;
        spread |= ls[l].base > 0;
    }
    /*
     * 3c. where the page may hold a table, its ruling lines decide: a line
     * inside a ruled frame splits exactly at the rules that cross it
     */
    bl_rules rl = {0};
    bool have_rules = false;
    if ((nmulti_lines >= 2 || spread || (st->open_at_end && st->ngrid > 1)) && rules && rules(rules_ctx, &rl) &&
        rl.nv + rl.nh > 0) {
        have_rules = true;
        nseg = 0;
        for (size_t l = 0; l < nl; l++)
            segment_line(gs, &ls[l], segs, &nseg, &rl);
    }
    /*
     * the even line gap of a spread page (a document grid spaces lines as it
     * spaces letters): the median gap between consecutive evenly spaced lines,
     * taken off every vertical gap below
     */
    float vbase = 0;
    {
        float gaps[128];
        int ngap = 0;
        for (size_t l = 1; l < nl && ngap < 128; l++)
            if (ls[l].base > 0 && ls[l - 1].base > 0 && ls[l].y0 > ls[l - 1].y1)
                gaps[ngap++] = ls[l].y0 - ls[l - 1].y1;
        if (ngap >= 3) {
            qsort(gaps, (size_t)ngap, sizeof *gaps, cmp_float);
            vbase = gaps[ngap / 2];
        }
    }
    /* 4. tables: runs of close lines, two or more of them multi-segment sharing a gutter */
    int ntab = 0;
    int first_content = -1;
    for (size_t l = 0; l < nl; l++)
        if (ls[l].ns > 0) {
            first_content = (int)l;
            break;
        }
    /*
     * the table the last page ended in goes on in its frame even where no line
     * holds two cells (a tall row's wrapped words filling the page)
     */
    if (have_rules && first_content >= 0 && st->open_at_end && st->ngrid > 1 && ls[first_content].framed) {
        size_t j = (size_t)first_content;
        while (j + 1 < nl && (!ls[j + 1].ns || (ls[j + 1].framed && one_frame(&rl, &ls[j], &ls[j + 1]))))
            j++;
        bool multi = false;
        for (size_t m = (size_t)first_content; m <= j; m++)
            multi |= ls[m].ns >= 2;
        if (!multi) { /* with a row of cells, the run below finds it */
            ntab++;
            for (size_t m = (size_t)first_content; m <= j; m++)
                ls[m].table = ntab;
        }
    }
    for (size_t a = 0; a < nl; a++) {
        if (ls[a].ns < 2 || ls[a].table)
            continue;
        size_t last = a;
        int nmulti = 1;
        bool aligned = false;
        size_t prev_multi = a;
        for (size_t j = a + 1; j < nl; j++) {
            float gap = ls[j].y0 - ls[j - 1].y1 - vbase;
            float h = ls[j - 1].h;
            if (have_rules && one_frame(&rl, &ls[j - 1], &ls[j]))
                gap = 0; /* the same ruled frame: tall rows are still one table */
            if (ls[j].ns >= 2) {
                if (gap > 2.5f * h)
                    break;
                if (share_gutter(&ls[prev_multi], &ls[j], segs))
                    aligned = true;
                prev_multi = j;
                last = j;
                nmulti++;
            } else if (gap > 1.2f * h) {
                break;
            }
        }
        /* a wrapped cell's last line below the last multi-segment line, inside a column */
        while (last + 1 < nl && have_rules && ls[last + 1].ns >= 1 && one_frame(&rl, &ls[last], &ls[last + 1]))
            last++; /* lines in the frame of the table's rules */
        while (last + 1 < nl && ls[last + 1].ns == 1 && ls[last + 1].y0 - ls[last].y0 - vbase <= 1.6f * ls[last].h) {
            const seg *s1 = &segs[ls[last + 1].s0];
            size_t m = last;
            while (m > a && ls[m].ns < 2)
                m--;
            bool inside = false;
            for (int k = 1; k < ls[m].ns; k++)
                if (s1->x0 >= segs[ls[m].s0 + k].x0 - 2.0f && s1->x0 < segs[ls[m].s0 + k].x1)
                    inside = true;
            if (!inside)
                break;
            last++;
        }
        /*
         * the table the last page ended in goes on: from the page's first line, or
         * from a ruled row's wrapped words above it in the same frame
         */
        bool cont = st->open_at_end && st->ngrid > 1 && first_content >= 0 && (int)a >= first_content;
        for (size_t j = (size_t)(first_content >= 0 ? first_content : 0); cont && j < a; j++)
            cont = !ls[j].ns || (have_rules && ls[j].framed && one_frame(&rl, &ls[j], &ls[a]));
        if (cont)
            a = (size_t)first_content;
        if (!((nmulti >= 2 && aligned) || cont))
            continue;
        /* a ruled table is its frame: lines above or below it (a 单位：万元 line) are prose */
        size_t t0 = a, t1 = last;
        bool any_framed = false;
        for (size_t j = a; j <= last; j++)
            any_framed |= ls[j].framed;
        if (any_framed) {
            while (t0 < t1 && !ls[t0].framed)
                t0++;
            while (t1 > t0 && !ls[t1].framed)
                t1--;
        }
        ntab++;
        for (size_t j = t0; j <= t1; j++)
            ls[j].table = ntab;
        a = last;
    }
    /* a page without tables keeps Poppler's line order, unless its letters are spread evenly */
    if (ntab == 0 && !spread) {
        bl_layout_flush(doc, raw, cap, st);
        bl_rules_free(&rl);
        free(gs);
        free(ls);
        free(segs);
        st->open_at_end = false;
        return false;
    }
    /* 5. emit: prose lines as text, table lines merged into rows of cells */
    if (st->pending && !(first_content >= 0 && ls[first_content].table && st->open_at_end))
        bl_layout_flush(doc, raw, cap, st);
    int line = 0;
    size_t l = 0;
    int last_table_line = -1;
    float margin = 1e30f, rmargin = -1; /* the edges of the page's prose: indents and fill count from them */
    for (size_t j = 0; j < nl; j++)
        if (!ls[j].table && ls[j].ns) {
            if (segs[ls[j].s0].x0 < margin)
                margin = segs[ls[j].s0].x0;
            if (segs[ls[j].s0 + ls[j].ns - 1].x1 > rmargin)
                rmargin = segs[ls[j].s0 + ls[j].ns - 1].x1;
        }
    while (l < nl) {
        if (!ls[l].ns) {
            l++;
            continue;
        }
        if (!ls[l].table) {
            bl_line *L;
            add_line(doc, cap, &L);
            L->page = page;
            L->line = ++line;
            L->off = raw->len;
            float em = (segs[ls[l].s0].x0 - margin) / (ls[l].h > 0 ? ls[l].h : 1);
            L->indent = (signed char)(em < 0.5f ? 0 : em > 100 ? 100 : (int)(em + 0.5f));
            if (rmargin > margin)
                L->fill = (signed char)(100 * (segs[ls[l].s0 + ls[l].ns - 1].x1 - margin) / (rmargin - margin) + 0.5f);
            for (int s = ls[l].s0; s < ls[l].s0 + ls[l].ns; s++) {
                if (s > ls[l].s0)
                    bl_buf_addc(raw, ' ');
                const glyph *prev = NULL;
                for (int g = segs[s].g0; g < segs[s].g1; g++) {
                    if (gs[g].space)
                        continue;
                    if (prev && (prev->space || word_gap(prev, &gs[g], segs[s].base)))
                        bl_buf_addc(raw, ' ');
                    bl_buf_add(raw, text + gs[g].off, gs[g].len);
                    prev = &gs[g];
                }
            }
            L->len = raw->len - L->off;
            bl_buf_addc(raw, '\n');
            l++;
            continue;
        }
        /* one table: lines [l, e) */
        int t = ls[l].table;
        size_t e = l;
        while (e < nl && (ls[e].table == t || !ls[e].ns))
            e++;
        bool continues = st->open_at_end && (int)l == first_content;
        int tableno = continues ? st->ntables : ++st->ntables;
        if (!continues)
            st->ngrid = 0;
        /* the table's in-cell line pitch: the smallest step between line tops */
        float pitch = continues && st->pitch > 0 ? st->pitch : 1e30f;
        for (size_t j = l + 1; j < e; j++) {
            float d = ls[j].y0 - ls[j - 1].y0;
            if (ls[j].ns && ls[j - 1].ns && d > 0 && d < pitch)
                pitch = d;
        }
        if (pitch < 1e30f)
            st->pitch = pitch;
        else
            pitch = 1.45f * ls[l].h; /* no wrapped line seen: a single-spaced line */
        /*
         * rows: in a table ruled between its rows, a line starts one when a rule
         * lies above it; else when it holds a figure or follows a gap taller
         * than a pitch
         */
        int nruled = 0;
        for (size_t j = l + 1, pj = l; have_rules && j < e; j++)
            if (ls[j].ns) {
                nruled += ruled_between(&rl, &ls[pj], &ls[j], segs);
                pj = j;
            }
        bool ruled_rows = nruled >= 1;
        size_t nrow = 0, caprow = 8;
        rowb *rows = bl_xmalloc(caprow * sizeof *rows);
        size_t prev_l = l, row_l = l;
        for (size_t j = l; j < e; j++) {
            if (!ls[j].ns)
                continue;
            bool num = false;
            for (int s = ls[j].s0; s < ls[j].s0 + ls[j].ns && !num; s++) {
                cellb tmp = {0};
                cell_append_seg(&tmp, text, gs, &segs[s], false);
                num = numeric_cell(tmp.text.data ? tmp.text.data : "", tmp.text.len);
                bl_buf_release(&tmp.text);
                free(tmp.gl);
            }
            /* (a line beside the rules - a heading left of a centred table - is a row of its own) */
            bool start = j == l || (ruled_rows ? ruled_between(&rl, &ls[prev_l], &ls[j], segs) ||
                                                     !ruled_above(&rl, l ? ls[l - 1].y1 : 0, &ls[j], segs) ||
                                                     ruled_in_column(&rl, ls, row_l, j, segs)
                                               : num || ls[j].y0 - ls[prev_l].y0 > pitch + 1.5f);
            if (start) {
                row_l = j;
                if (nrow == caprow) {
                    caprow *= 2;
                    rows = bl_xrealloc(rows, caprow * sizeof *rows);
                }
                memset(&rows[nrow++], 0, sizeof *rows);
            }
            for (int s = ls[j].s0; s < ls[j].s0 + ls[j].ns; s++)
                row_add_seg(&rows[nrow - 1], text, gs, &segs[s], start);
            prev_l = j;
        }
        for (size_t k = 0; k < nrow; k++) {
            bool any_num = false, prose = false;
            for (int c = 0; c < rows[k].ncells; c++) {
                cellb *cb = &rows[k].cells[c];
                cb->numeric = numeric_cell(cb->text.data ? cb->text.data : "", cb->text.len);
                any_num |= cb->numeric;
                prose |= prose_cell(cb->text.data ? cb->text.data : "", cb->text.len);
            }
            /* a header names columns: no figures, no sentences */
            rows[k].header = rows[k].ncells >= 2 && !any_num && !prose;
        }
        /* the rest of the row the last page ended in: no header, whatever its words */
        bool finish = continues && st->pending && nrow && finishes(st->pending, &rows[0], st);
        if (finish)
            rows[0].header = false;
        /*
         * columns, per section (a header row and the rows under it): the header's
         * cells (a second header line adds those the first does not cover), then
         * cells below that fall under no header cell (a label column with an
         * empty header) as columns of their own
         */
        size_t k = 0;
        while (k < nrow) {
            size_t h0 = k, h1 = k;
            float gx[64], gr[64];
            int ng2 = 0;
            if (rows[k].header) {
                while (h1 < nrow && rows[h1].header && h1 - h0 < 3)
                    h1++;
                /* ruled header rows over another table's columns are sections of their own */
                for (size_t hk = h0 + 1; hk < h1; hk++)
                    if (!nests(&rows[hk - 1], &rows[hk])) {
                        h1 = hk;
                        break;
                    }
                for (size_t hk = h0; hk < h1; hk++)
                    for (int c = 0; c < rows[hk].ncells && ng2 < 64; c++) {
                        const cellb *cb = &rows[hk].cells[c];
                        bool cov = false;
                        for (int m = 0; m < ng2; m++)
                            if (overlap(gx[m], gr[m], cb->x0, cb->x1) > 0) {
                                /* the lower line's narrower cells split a merged upper cell */
                                if (hk > h0 && cb->x1 - cb->x0 < gr[m] - gx[m]) {
                                    gx[m] = cb->x0, gr[m] = cb->x1;
                                    cov = false;
                                    goto next_cell;
                                }
                                cov = true;
                            }
                        if (!cov) {
                            gx[ng2] = cb->x0, gr[ng2] = cb->x1;
                            ng2++;
                        }
                    next_cell:;
                    }
            } else if (st->ngrid) {
                memcpy(gx, st->grid_x, (size_t)st->ngrid * sizeof *gx);
                memcpy(gr, st->grid_r, (size_t)st->ngrid * sizeof *gr);
                ng2 = st->ngrid;
            }
            size_t end = h1;
            while (end < nrow && !rows[end].header)
                end++;
            if (end == h0)
                end = h0 + 1;
            int base = ng2;
            for (size_t dk = h1; dk < end; dk++)
                for (int c = 0; c < rows[dk].ncells && ng2 < 64; c++) {
                    const cellb *cb = &rows[dk].cells[c];
                    bool cov = false;
                    for (int m = 0; m < ng2; m++)
                        if (overlap(gx[m], gr[m], cb->x0, cb->x1) > 0) {
                            if (m >= base) { /* widen an added column */
                                if (cb->x0 < gx[m]) gx[m] = cb->x0;
                                if (cb->x1 > gr[m]) gr[m] = cb->x1;
                            }
                            cov = true;
                            break;
                        }
                    if (!cov && ng2 > 0) {
                        gx[ng2] = cb->x0, gr[ng2] = cb->x1;
                        ng2++;
                    }
                }
            /* sort the grid by x */
            for (int m = 1; m < ng2; m++)
                for (int q = m; q > 0 && gx[q - 1] > gx[q]; q--) {
                    float tx = gx[q], tr = gr[q];
                    gx[q] = gx[q - 1], gr[q] = gr[q - 1];
                    gx[q - 1] = tx, gr[q - 1] = tr;
                }
            for (size_t rk = h0; rk < end; rk++)
                for (int c = 0; c < rows[rk].ncells; c++)
                    rows[rk].cells[c].col = ng2 ? grid_col(gx, gr, ng2, rows[rk].cells[c].x0,
                                                           rows[rk].cells[c].x1)
                                                : c;
            memcpy(st->grid_x, gx, (size_t)ng2 * sizeof *gx);
            memcpy(st->grid_r, gr, (size_t)ng2 * sizeof *gr);
            st->ngrid = ng2;
            k = end;
        }
        int rowno = continues ? st->nrows : 0;
        size_t rk0 = 0;
        if (st->pending) { /* the row the last page ended in: finished here, or as it was */
            if (finish) {
                finish_row(st->pending, &rows[0]);
                row_free(&rows[0]);
                rk0 = 1;
            }
            bl_layout_flush(doc, raw, cap, st);
        }
        if (!continues) { /* its first row, to know it when a later page repeats it */
            bl_buf first = BL_BUF_INIT;
            if (nrow)
                row_text(&rows[0], &first);
            st->head_len = first.len <= sizeof st->head ? first.len : 0;
            if (st->head_len)
                memcpy(st->head, first.data, first.len);
            bl_buf_release(&first);
        }
        /* a table the page ends in keeps its last row until the next page shows whether it goes on */
        int below = 0;
        for (size_t j = e; j < nl; j++)
            below += ls[j].ns > 0;
        size_t nemit = nrow && below <= 1 && !st->pending ? nrow - 1 : nrow;
        for (size_t rk = rk0; rk < nemit; rk++) {
            emit_row(doc, raw, cap, &rows[rk], page, ++line, tableno, ++rowno);
            row_free(&rows[rk]);
        }
        if (nemit < nrow && nemit >= rk0) {
            pending_row *pr = bl_xmalloc(sizeof *pr);
            pr->row = rows[nrow - 1];
            pr->page = page, pr->line = ++line, pr->table = tableno, pr->rowno = ++rowno;
            st->pending = pr;
        }
        free(rows);
        st->nrows = rowno;
        last_table_line = (int)e - 1;
        l = e;
    }
    /* the table is open at the page's end when nothing but a page number follows it */
    int after = 0;
    for (size_t j = (size_t)(last_table_line + 1); j < nl; j++)
        if (ls[j].ns)
            after++;
    st->open_at_end = last_table_line >= 0 && after <= 1;
    free(gs);
    free(ls);
    bl_rules_free(&rl);
    free(segs);
    return true;
}
