/* segments.c - a visual line's glyphs into segments: gaps, evenly spaced text, ruling lines. */
#include "page.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/banned.h"

int lay_cmp_float(const void *a, const void *b)
{
    float p = *(const float *)a, q = *(const float *)b;
    return (p > q) - (p < q);
}

/* A glyph of a wide (CJK or full-width) character: the ones a character grid spaces evenly. */
bool lay_wide_glyph(const char *text, const glyph *g)
{
    return g->len == 3 && (unsigned char)text[g->off] >= 0xE3 && !g->space;
}

/*
 * Evenly spaced text (分散对齐, widened character spacing, a document grid): the
 * advance from one wide glyph to the next of the line. Sets *pitch and *width
 * (medians) and returns how many advances there were and, in *regular, whether
 * two thirds of them lie within an eighth of the median.
 */
int lay_line_pitch(const char *text, const glyph *gs, const vline *L, float *pitch, float *width,
                      bool *regular)
{
    float adv[256], wid[256];
    int na = 0, nw = 0;
    const glyph *prev = NULL;
    for (int g = L->g0; g < L->g1; g++) {
        const glyph *q = &gs[g];
        if (q->space)
            continue;
        if (lay_wide_glyph(text, q)) {
            if (nw < 256)
                wid[nw++] = q->x1 - q->x0;
            if (prev && lay_wide_glyph(text, prev) && na < 256)
                adv[na++] = q->x0 - prev->x0;
        }
        prev = q;
    }
    *pitch = *width = 0;
    *regular = false;
    if (na == 0)
        return 0;
    qsort(adv, (size_t)na, sizeof *adv, lay_cmp_float);
    qsort(wid, (size_t)nw, sizeof *wid, lay_cmp_float);
    *pitch = adv[na / 2];
    *width = wid[nw / 2];
    int near = 0;
    for (int k = 0; k < na; k++)
        near += fabsf(adv[k] - *pitch) <= 0.125f * *pitch;
    *regular = 3 * near >= 2 * na;
    return na;
}

/*
 * A word space between glyphs p and g: a gap over a fifth of the height; on an
 * evenly spaced line (letter gap base), one over half a grid cell beyond it
 * (a narrow comma sits alone in a cell meant for a wide character).
 */
bool lay_word_gap(const glyph *p, const glyph *g, float base)
{
    float h = g->y1 - g->y0, gap = g->x0 - p->x1 - base;
    return base > 0 ? gap > 0.5f * (base + h) : gap > 0.2f * h;
}

float lay_overlap(float a0, float a1, float b0, float b1)
{
    float lo = a0 > b0 ? a0 : b0, hi = a1 < b1 ? a1 : b1;
    return hi - lo;
}

/* A vertical rule crossing the middle of line L. */
bool lay_crosses(const bl_rule *r, const vline *L)
{
    float m = (L->y0 + L->y1) / 2, q = 0.2f * L->h;
    return r->y0 <= m - q && r->y1 >= m + q && r->y1 - r->y0 >= L->h;
}

/*
 * A segment of a framed line that runs past the frame's outer rule (right, when the
 * rule on its left, lo, was found; left, when only hi was): text set wider than its column (a character grid puts a
 * header's glyph in the next grid cell, past the border; a figure's last digit
 * overruns the rule). It belongs to the outer cell it starts in; one wholly
 * outside belongs to the outer cell when that cell holds nothing else on the line.
 */
static void overrun(const bl_rules *rl, const vline *L, const seg *segs, size_t nseg, seg *sg, float lo, float hi)
{
    bool from_left = hi < 1e30f; /* the rule on its right was found, none on its left */
    /* the outermost rule crossing the line on the overrun side, and the one inside it */
    float outer = from_left ? 1e30f : -1e30f, inner = outer;
    for (size_t q = 0; q < rl->nv; q++) {
        const bl_rule *r = &rl->v[q];
        if (!lay_crosses(r, L))
            continue;
        float x = r->x0;
        if (from_left ? x < outer : x > outer)
            inner = outer, outer = x;
        else if (from_left ? x < inner : x > inner)
            inner = x;
    }
    if (outer == 1e30f || outer == -1e30f)
        return;
    float a, b; /* the outer cell */
    if (from_left ? outer < sg->x1 - 0.5f : outer > sg->x0 + 0.5f) {
        /* it straddles the outer rule: the cell it starts in, up to its nearest rule inside
         * (the rule inside it when its middle lies past the outer rule: lo or hi is that rule) */
        a = from_left ? outer : (lo < outer - 0.5f ? lo : inner);
        b = from_left ? (hi > outer + 0.5f ? hi : inner) : outer;
    } else {
        if (inner == 1e30f || inner == -1e30f)
            return;
        a = from_left ? outer : inner;
        b = from_left ? inner : outer;
        for (size_t k = (size_t)L->s0; k < nseg; k++)
            if (&segs[k] != sg && lay_overlap(segs[k].x0, segs[k].x1, a, b) > 0)
                return; /* the outer cell has text of its own */
    }
    if (b - a > 1.0f)
        sg->cx0 = a, sg->cx1 = b, sg->ruled = true;
}

/*
 * Split line L into segments, appended to segs. Without rules (or when no
 * rule frames the line): at gaps wider than a quarter of the character
 * height (less the line's even letter gap). Inside a ruled frame - a rule
 * crossing the line at or left of its first glyph and one at or right of its
 * last - exactly at the rules that pass between two glyphs.
 */
void lay_segment_line(const glyph *gs, vline *L, seg *segs, size_t *nseg, const bl_rules *rl)
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
            if (!lay_crosses(r, L))
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
                split = r->x0 > prev->x1 - 0.5f && r->x0 < q->x0 + 0.5f && lay_crosses(r, L);
                /* a glyph overrunning its cell's rule (set wider than its column): the rule
                 * between the two glyphs' middles, when it runs past the line above and below
                 * (longer than a stroke of the glyph it crosses) */
                split |= r->x0 > (prev->x0 + prev->x1) / 2 && r->x0 < (q->x0 + q->x1) / 2 && lay_crosses(r, L) &&
                         r->y0 < L->y0 - 1.0f && r->y1 > L->y1 + 1.0f;
                /* or through the glyph before a gap wider than the line's letter spacing: that
                 * glyph stands on the rule (分 0.25 pt past it), the text after it is another
                 * cell's; which cell it is in, lay_straddlers settles */
                split |= r->x0 > prev->x0 + 0.5f && r->x0 < prev->x1 - 0.5f && q->x0 - prev->x1 > L->base + 0.25f * L->h &&
                         lay_crosses(r, L) && r->y0 < L->y0 - 1.0f && r->y1 > L->y1 + 1.0f;
            }
            /* two long rules across the two glyphs (each set over a rule: 5 | 5 of 分值 and
             * 得分): a cell's border lies between them whatever their gap */
            int across = 0;
            for (size_t k = 0; k < rl->nv && !split && across < 2; k++) {
                const bl_rule *r = &rl->v[k];
                across += r->x0 > prev->x0 + 0.5f && r->x0 < q->x1 - 0.5f && lay_crosses(r, L) &&
                          r->y0 < L->y0 - 1.0f && r->y1 > L->y1 + 1.0f;
            }
            split |= across >= 2;
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
        /* a cut found by lay_stacks or lay_gutter_cuts */
        for (int c = 0; prev && c < L->ncut && !split; c++)
            split = prev->x1 <= L->cuts[c] && q->x0 >= L->cuts[c];
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
        /* the first and last glyphs' middles: a glyph overrunning a rule is in the cell it mostly lies in */
        float m0 = (gs[sg->g0].x0 + gs[sg->g0].x1) / 2, m1 = (gs[sg->g1 - 1].x0 + gs[sg->g1 - 1].x1) / 2;
        for (size_t q = 0; q < rl->nv; q++) {
            const bl_rule *r = &rl->v[q];
            if (!lay_crosses(r, L))
                continue;
            /* a rule inside the segment's glyphs counts only when longer than their strokes */
            bool inside = r->x0 > sg->x0 + 0.5f && r->x0 < sg->x1 - 0.5f;
            if (inside && !(r->y0 < L->y0 - 1.0f && r->y1 > L->y1 + 1.0f))
                continue;
            if (r->x0 <= (inside ? m0 : sg->x0 + 0.5f) && r->x0 > lo)
                lo = r->x0;
            if (r->x0 >= (inside ? m1 : sg->x1 - 0.5f) && r->x0 < hi)
                hi = r->x0;
        }
        sg->ruled = false;
        if (lo > -1e30f && hi < 1e30f)
            sg->cx0 = lo, sg->cx1 = hi, sg->ruled = true;
        else if (lo > -1e30f || hi < 1e30f)
            overrun(rl, L, segs, *nseg, sg, lo, hi);
    }
}

/* the rule crossing line L nearest x on its left (dir < 0) or right (dir > 0); 0 none */
static float rule_beside(const bl_rules *rl, const vline *L, float x, int dir)
{
    float best = 0;
    for (size_t q = 0; q < rl->nv; q++) {
        float r = rl->v[q].x0;
        if (lay_crosses(&rl->v[q], L) && (dir < 0 ? r < x - 0.5f : r > x + 0.5f) &&
            (best == 0 || (dir < 0 ? r > best : r < best)))
            best = r;
    }
    return best;
}

/*
 * The cell beside segment k's on line L (dir < 0 left, > 0 right) when no other segment
 * of the line lies in it: its far rule; 0 when there is none or it holds text.
 */
static float free_cell_beside(const bl_rules *rl, const vline *L, const seg *segs, int k, int dir)
{
    const seg *a = &segs[k];
    float to = rule_beside(rl, L, dir < 0 ? a->cx0 : a->cx1, dir);
    if (to == 0)
        return 0;
    float lo = dir < 0 ? to : a->cx1, hi = dir < 0 ? a->cx0 : to;
    for (int m = L->s0; m < L->s0 + L->ns; m++)
        if (m != k && segs[m].ruled && lay_overlap(segs[m].cx0, segs[m].cx1, lo, hi) > 0.5f)
            return 0;
    return to;
}

/*
 * Segment k shares its cell with the next one: the run of segments on its left, each
 * alone in the cell next to the one after it, up to one beside a free cell. Returns the
 * run's first segment and in *to the free cell's far rule; k when there is none.
 */
static int shift_run(const bl_rules *rl, const vline *L, const seg *segs, int k, float *to)
{
    for (int m = k - 1; m >= L->s0; m--) {
        const seg *a = &segs[m];
        if (!a->ruled || fabsf(a->cx1 - segs[m + 1].cx0) > 0.5f ||
            (m > L->s0 && segs[m - 1].cx0 == a->cx0 && segs[m - 1].cx1 == a->cx1))
            return k;
        if ((*to = free_cell_beside(rl, L, segs, m, -1)) != 0)
            return m;
    }
    return k;
}

static void add_cut(vline *L, float x)
{
    for (int c = 0; c < L->ncut; c++)
        if (fabsf(L->cuts[c] - x) < 0.5f)
            return;
    if (L->ncut < (int)(sizeof L->cuts / sizeof L->cuts[0]))
        L->cuts[L->ncut++] = x;
}

/* The glyphs of line L in the cell cx0..cx1 ([*g0, *g1) and its first segment there); false: none. */
static bool in_cell(const vline *L, const seg *segs, float cx0, float cx1, int *g0, int *g1, int *first)
{
    *first = -1;
    for (int k = L->s0; k < L->s0 + L->ns; k++)
        if (segs[k].ruled && segs[k].cx0 == cx0 && segs[k].cx1 == cx1) {
            if (*first < 0)
                *first = k, *g0 = segs[k].g0;
            *g1 = segs[k].g1;
        }
    return *first >= 0;
}

/*
 * The cell's lines from line l (its top line, else none): lines with text in it, up to a
 * rule across it, skipping lines beside it (a taller cell's). Returns how many (at most 64).
 */
static int cell_lines(const vline *ls, size_t nl, size_t l, const seg *segs, const seg *a, const bl_rules *rl,
                      size_t *out)
{
    int g0, g1, t;
    for (size_t p = l; p-- > 0 && ls[p].framed;)
        if (in_cell(&ls[p], segs, a->cx0, a->cx1, &g0, &g1, &t)) {
            if (!lay_rule_over(rl, &ls[p], &ls[l], a))
                return 0; /* not its top line */
            break;
        }
    int n = 0;
    out[n++] = l;
    for (size_t e = l + 1; e < nl && ls[e].framed && n < 64; e++)
        if (in_cell(&ls[e], segs, a->cx0, a->cx1, &g0, &g1, &t)) {
            if (lay_rule_over(rl, &ls[out[n - 1]], &ls[e], &segs[t]))
                break;
            out[n++] = e;
        }
    return n;
}

/*
 * The cell of segment a over its lines (n of them) holds two texts either side of the
 * channel c0..c1: no wide glyph of the cell in it; the left text on the top lines only
 * (*nleft of them, two or more), a line below starting right of it; each text a character
 * a line, its lines starting at one place (stacked, not centred prose).
 */
static bool two_stacks(const char *text, const glyph *gs, const vline *ls, const size_t *lines, int n,
                       const seg *segs, const seg *a, float c0, float c1, int *nleft)
{
    bool below = false, left_ended = false;
    float lx = -1, rx = -1;
    *nleft = 0;
    for (int i = 0; i < n; i++) {
        int g0, g1, first;
        in_cell(&ls[lines[i]], segs, a->cx0, a->cx1, &g0, &g1, &first);
        bool has_left = false;
        float r0 = -1, s0 = -1;
        int nwl = 0, nwr = 0;
        for (int h = g0; h < g1; h++) {
            if (gs[h].space)
                continue;
            if (s0 < 0)
                s0 = gs[h].x0;
            bool wide = lay_wide_glyph(text, &gs[h]);
            if (wide && gs[h].x1 > c0 + 0.5f && gs[h].x0 < c1 - 0.5f)
                return false; /* the channel is not clear */
            nwl += wide && gs[h].x1 <= c0 + 0.5f;
            nwr += wide && gs[h].x0 >= c1 - 0.5f;
            if (gs[h].x1 <= c0 + 0.5f && !has_left) {
                has_left = true;
                if (lx >= 0 && fabsf(gs[h].x0 - lx) >= 1.0f)
                    return false;
                lx = gs[h].x0;
            }
            if (wide && gs[h].x0 >= c1 - 0.5f && r0 < 0)
                r0 = gs[h].x0;
        }
        if (nwl > 1 || nwr > 1 || (r0 >= 0 && rx >= 0 && fabsf(r0 - rx) >= 1.0f) || (has_left && left_ended))
            return false;
        if (r0 >= 0)
            rx = r0;
        if (!has_left) {
            left_ended = true;
            below |= i > 0 && s0 >= c1 - 0.5f;
        } else
            (*nleft)++;
    }
    return below && *nleft >= 2;
}

bool lay_stacks(const char *text, const glyph *gs, vline *ls, size_t nl, const seg *segs, const bl_rules *rl)
{
    bool any = false;
    for (size_t l = 0; l < nl; l++) {
        const vline *L = &ls[l];
        if (!L->framed)
            continue;
        for (int k = L->s0; k < L->s0 + L->ns; k++) {
            const seg *a = &segs[k];
            size_t lines[64];
            int n, tg0, tg1, first;
            if (!a->ruled || (k > L->s0 && segs[k - 1].cx0 == a->cx0 && segs[k - 1].cx1 == a->cx1) ||
                (n = cell_lines(ls, nl, l, segs, a, rl, lines)) < 2)
                continue;
            in_cell(L, segs, a->cx0, a->cx1, &tg0, &tg1, &first);
            /* candidate channels: the gaps between the top line's wide glyphs */
            const glyph *p = NULL;
            for (int g = tg0; g < tg1; g++) {
                if (!lay_wide_glyph(text, &gs[g]))
                    continue;
                const glyph *q = &gs[g];
                if (!p || q->x0 - p->x1 < 0.25f * L->h) {
                    p = q;
                    continue;
                }
                float c0 = p->x1, c1 = q->x0;
                p = q;
                int nleft;
                if (!two_stacks(text, gs, ls, lines, n, segs, a, c0, c1, &nleft))
                    continue;
                /* the left text has somewhere to go: a free cell on its left, or cells of one
                 * segment each up to one */
                float to;
                if (free_cell_beside(rl, L, segs, k, -1) == 0 && shift_run(rl, L, segs, k, &to) == k)
                    continue;
                for (int i = 0; i < nleft; i++)
                    add_cut(&ls[lines[i]], (c0 + c1) / 2);
                any = true;
                break;
            }
        }
    }
    return any;
}

/*
 * A gutter of line m (a gap between two of its segments; a row of three cells or more,
 * not a line of prose with one wide space) over a point or more of x0..x1 (when whole,
 * one of the two wholly inside the other): its middle there; 0 none.
 */
static float in_gutter(const vline *m, const seg *segs, float x0, float x1, bool whole)
{
    for (int k = m->s0; m->ns >= 3 && k + 1 < m->s0 + m->ns; k++) {
        float g0 = segs[k].x1, g1 = segs[k + 1].x0;
        float lo = g0 > x0 ? g0 : x0, hi = g1 < x1 ? g1 : x1;
        if (hi - lo >= 1.0f && (!whole || (g0 >= x0 - 0.5f && g1 <= x1 + 0.5f) || (x0 >= g0 - 0.5f && x1 <= g1 + 0.5f)))
            return (lo + hi) / 2;
    }
    return 0;
}

bool lay_gutter_cuts(const glyph *gs, vline *ls, size_t nl, const seg *segs)
{
    bool any = false;
    for (size_t l = 0; l < nl; l++) {
        vline *L = &ls[l];
        for (int k = L->s0; k < L->s0 + L->ns; k++) {
            const seg *a = &segs[k];
            if (a->ruled || a->g1 - a->g0 < 2)
                continue;
            /* the segment's usual gap between glyphs: the median */
            float gaps[64];
            int ng = 0;
            for (int g = a->g0 + 1; g < a->g1 && ng < 64; g++)
                if (!gs[g].space && !gs[g - 1].space)
                    gaps[ng++] = gs[g].x0 - gs[g - 1].x1;
            if (ng < 1)
                continue;
            qsort(gaps, (size_t)ng, sizeof *gaps, lay_cmp_float);
            float usual = ng >= 2 && gaps[ng / 2] > 0 ? gaps[ng / 2] : 0; /* (two glyphs: none known) */
            /* (glyphs set evenly apart - a line of a few, one a cell, looks so too - are parted only
             * where a gutter of the line next to it and their gap lie one inside the other) */
            bool even = L->base > 0;
            for (int g = a->g0 + 1; g < a->g1; g++) {
                const glyph *p = &gs[g - 1], *q = &gs[g];
                float gap = q->x0 - p->x1;
                if (p->space || q->space || gap < 1.0f || (!even && gap < usual + 0.1f * L->h))
                    continue;
                /* the neighbouring lines of the same table: a line's height or less away */
                float at = l > 0 && L->y0 - ls[l - 1].y1 < L->h ? in_gutter(&ls[l - 1], segs, p->x1, q->x0, even) : 0;
                if (at == 0 && l + 1 < nl && ls[l + 1].y0 - L->y1 < L->h)
                    at = in_gutter(&ls[l + 1], segs, p->x1, q->x0, even);
                if (at != 0) {
                    add_cut(L, at);
                    any = true;
                }
            }
        }
    }
    return any;
}

void lay_straddlers(const vline *ls, size_t nl, seg *segs, const bl_rules *rl)
{
    struct {
        float x0, cx0, cx1; /* a moved segment: where it stood and the cell it had */
        int dir;
    } moved[32];
    int nmoved = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t l = 0; l < nl; l++) {
            const vline *L = &ls[l];
            if (!L->framed)
                continue;
            for (int k = L->s0; k < L->s0 + L->ns; k++) {
                seg *a = &segs[k];
                if (!a->ruled)
                    continue;
                int dir = 0;
                float to = 0;
                const seg *b = k + 1 < L->s0 + L->ns ? &segs[k + 1] : NULL;
                if (pass == 0 && b && b->ruled && b->cx0 == a->cx0 && b->cx1 == a->cx1) {
                    /* two segments a rule split in one cell: the left one goes left, else the
                     * right one right when it runs past the cell's right rule */
                    int j = k;
                    if ((to = free_cell_beside(rl, L, segs, k, -1)) != 0)
                        dir = -1;
                    else if (b->x1 > b->cx1 + 0.5f && (to = free_cell_beside(rl, L, segs, k + 1, 1)) != 0)
                        dir = 1, a = &segs[++k];
                    else if ((j = shift_run(rl, L, segs, k, &to)) < k) {
                        /* the cells on its left full, one segment each, up to a free one:
                         * each segment moves one cell left (glyphs set a grid slot right) */
                        for (int m = j; m < k; m++) {
                            float nx = segs[m].cx0;
                            segs[m].cx1 = nx, segs[m].cx0 = to;
                            to = nx;
                        }
                        dir = -1;
                    }
                } else if (pass == 1) { /* a glyph stacked where a moved one stood, in its cell */
                    for (int m = 0; m < nmoved && !dir; m++)
                        if (fabsf(moved[m].x0 - a->x0) < 0.5f && moved[m].cx0 == a->cx0 && moved[m].cx1 == a->cx1 &&
                            (to = free_cell_beside(rl, L, segs, k, moved[m].dir)) != 0)
                            dir = moved[m].dir;
                }
                if (!dir)
                    continue;
                if (pass == 0 && nmoved < 32) {
                    moved[nmoved].x0 = a->x0, moved[nmoved].cx0 = a->cx0, moved[nmoved].cx1 = a->cx1;
                    moved[nmoved++].dir = dir;
                }
                if (dir < 0)
                    a->cx1 = a->cx0, a->cx0 = to;
                else
                    a->cx0 = a->cx1, a->cx1 = to;
            }
        }
}

/*
 * The nearest horizontal rule at or above line b's top over most of segment a (a segment
 * of b), longer than a glyph, so not a stroke of one: its height. The one test the row
 * rules below share.
 */
float lay_rule_above_y(const bl_rules *rl, const vline *b, const seg *a)
{
    float best = -1e30f, hi = b->y0 + 0.08f * b->h;
    for (size_t k = 0; k < rl->nh; k++) {
        const bl_rule *r = &rl->h[k];
        if (r->y0 <= hi && r->y0 > best && r->x1 - r->x0 >= 1.1f * b->h &&
            lay_overlap(r->x0, r->x1, a->x0, a->x1) > 0.5f * (a->x1 - a->x0))
            best = r->y0;
    }
    return best;
}

/* Such a rule at a height from lo to line b's top. */
static bool rule_over(const bl_rules *rl, float lo, const vline *b, const seg *a)
{
    return lay_rule_above_y(rl, b, a) >= lo;
}

bool lay_ruled_above(const bl_rules *rl, float lo, const vline *b, const seg *segs)
{
    for (int s = b->s0; s < b->s0 + b->ns; s++)
        if (rule_over(rl, lo, b, &segs[s]))
            return true;
    return false;
}

/* The vertical rules crossing line L, left to right, one per place (at most max); how many. */
static int rules_across(const bl_rules *rl, const vline *L, float *xs, int max)
{
    int n = 0;
    for (size_t k = 0; k < rl->nv; k++) {
        if (!lay_crosses(&rl->v[k], L))
            continue;
        float x = rl->v[k].x0;
        int at = 0;
        while (at < n && xs[at] < x - 1.0f)
            at++;
        if ((at < n && fabsf(xs[at] - x) <= 1.0f) || n == max)
            continue;
        memmove(xs + at + 1, xs + at, (size_t)(n - at) * sizeof *xs);
        xs[at] = x;
        n++;
    }
    return n;
}

bool lay_footer_frame(const bl_rules *rl, const vline *p, const vline *q)
{
    float xp[64], xq[64];
    int np = rules_across(rl, p, xp, 64), nq = rules_across(rl, q, xq, 64);
    if (nq < 4 || np < nq)
        return false;
    /* the frames' facing rules: the bottom of p's, the top of q's */
    float bottom = 1e30f, top = -1e30f;
    for (size_t k = 0; k < rl->nh; k++) {
        const bl_rule *r = &rl->h[k];
        if (r->y0 >= p->y1 && r->y0 < bottom && lay_overlap(r->x0, r->x1, xp[0], xp[np - 1]) > 0.5f * (xp[np - 1] - xp[0]))
            bottom = r->y0;
        if (r->y0 <= q->y0 && r->y0 > top && lay_overlap(r->x0, r->x1, xq[0], xq[nq - 1]) > 0.5f * (xq[nq - 1] - xq[0]))
            top = r->y0;
    }
    if (bottom > top || top - bottom > 2.0f * (p->h > q->h ? p->h : q->h))
        return false;
    for (int i = 1; i < nq - 1; i++) { /* every cell of q's but its first */
        float wq = xq[nq - i] - xq[nq - i - 1], wp = xp[np - i] - xp[np - i - 1];
        if (fabsf(wq - wp) > 1.5f + 0.05f * wp)
            return false;
    }
    return true;
}

bool lay_rules_span(const bl_rules *rl, const vline *ls, size_t l, size_t e, const seg *segs)
{
    float x0 = 1e30f, x1 = -1e30f, y0 = ls[l].y0, y1 = ls[e - 1].y1;
    for (size_t j = l; j < e; j++)
        if (ls[j].ns) {
            if (segs[ls[j].s0].x0 < x0)
                x0 = segs[ls[j].s0].x0;
            if (segs[ls[j].s0 + ls[j].ns - 1].x1 > x1)
                x1 = segs[ls[j].s0 + ls[j].ns - 1].x1;
        }
    for (size_t k = 0; k < rl->nh; k++) {
        const bl_rule *r = &rl->h[k];
        if (r->y0 > y0 && r->y0 < y1 && x1 > x0 && lay_overlap(r->x0, r->x1, x0, x1) >= 0.8f * (x1 - x0))
            return true;
    }
    return false;
}

/* Lines a and b (a above) inside one ruled frame: a vertical rule runs from one to the other. */
bool lay_one_frame(const bl_rules *rl, const vline *a, const vline *b)
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
bool lay_ruled_in_column(const bl_rules *rl, const vline *ls, size_t r0, size_t j, const seg *segs)
{
    for (int s = ls[j].s0; s < ls[j].s0 + ls[j].ns; s++) {
        int p = lay_line_above(ls, r0, j, segs, &segs[s]);
        if (p >= 0 && lay_rule_over(rl, &ls[p], &ls[j], &segs[s]))
            return true;
    }
    return false;
}

/* A rule between lines a and b (a above) over some segment of b. */
bool lay_ruled_between(const bl_rules *rl, const vline *a, const vline *b, const seg *segs)
{
    return lay_ruled_above(rl, a->y1 - 0.08f * a->h, b, segs);
}


/* The nearest line above j, from l on, with a segment in the column of segment a; -1 none. */
int lay_line_above(const vline *ls, size_t l, size_t j, const seg *segs, const seg *a)
{
    for (size_t p = j; p-- > l;)
        for (int t = ls[p].s0; t < ls[p].s0 + ls[p].ns; t++)
            if (lay_overlap(a->cx0, a->cx1, segs[t].cx0, segs[t].cx1) > 0.5f)
                return (int)p;
    return -1;
}

/* A horizontal rule between line p and line j (p above) over most of segment a. */
bool lay_rule_over(const bl_rules *rl, const vline *p, const vline *j, const seg *a)
{
    return rule_over(rl, p->y1 - 0.08f * p->h, j, a);
}
