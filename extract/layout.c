/* layout.c - one page's character boxes to visual lines, tables, rows and cells. */
#include "page.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/banned.h"

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

/* A line that reads as a sentence: a segment of one (lay_prose_seg), or one with a Chinese comma. */
static bool prose_line(const char *text, const glyph *gs, const vline *L, const seg *segs)
{
    for (int k = L->s0; k < L->s0 + L->ns; k++) {
        if (lay_prose_seg(text, gs, &segs[k]))
            return true;
        for (int g = segs[k].g0; g < segs[k].g1; g++)
            if (gs[g].len == 3 && memcmp(text + gs[g].off, "，", 3) == 0)
                return true;
    }
    return false;
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
        bool regular;
        L->nadv = lay_line_pitch(text, gs, L, &L->pitch, &L->width, &regular);
        L->base = 0;
        if (L->nadv >= 2 && regular && L->pitch - L->width > 0.25f * L->h) {
            L->base = L->pitch - L->width;
            if (npitch < 64)
                pitches[npitch++] = L->pitch;
        }
    }
    if (npitch >= 2) {
        qsort(pitches, (size_t)npitch, sizeof *pitches, lay_cmp_float);
        float pp = pitches[npitch / 2];
        for (size_t l = 0; l < nl; l++) {
            vline *L = &ls[l];
            if (L->base != 0)
                continue;
            if (L->nadv >= 1 && fabsf(L->pitch - pp) <= 0.125f * pp && L->pitch - L->width > 0.25f * L->h)
                L->base = L->pitch - L->width;
            else if (L->nadv <= 1) {
                /* too few wide glyphs to measure (81%。, 元。): a line of the same height's gap */
                for (size_t m = 0; m < nl && L->base == 0; m++)
                    if (ls[m].base > 0 && ls[m].nadv >= 2 && fabsf(ls[m].h - L->h) <= 0.1f * L->h)
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
        lay_segment_line(gs, &ls[l], segs, &nseg, NULL);
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
            lay_segment_line(gs, &ls[l], segs, &nseg, &rl);
        if (spread && lay_stacks(text, gs, ls, nl, segs, &rl)) {
            nseg = 0;
            for (size_t l = 0; l < nl; l++)
                lay_segment_line(gs, &ls[l], segs, &nseg, &rl);
        }
    }
    /* 3d. cells without rules whose texts nearly touch: a gap under a neighbour's gutter parts them */
    if (nmulti_lines >= 1 && lay_gutter_cuts(gs, ls, nl, segs)) {
        nseg = 0;
        for (size_t l = 0; l < nl; l++)
            lay_segment_line(gs, &ls[l], segs, &nseg, have_rules ? &rl : NULL);
    }
    /* (once the segments are final: text set past a rule back to its cell) */
    if (have_rules)
        lay_straddlers(ls, nl, segs, &rl);
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
            qsort(gaps, (size_t)ngap, sizeof *gaps, lay_cmp_float);
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
        while (j + 1 < nl && (!ls[j + 1].ns || (ls[j + 1].framed && lay_one_frame(&rl, &ls[j], &ls[j + 1]))))
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
    /*
     * and without rules, where the page starts with rows of labels alone (上年结转资金,
     * 其他资金: rows with no figures): lines of one cell as tall as the table's text, each
     * set as a column's text is (centred in it, or from its left edge) and a row's step below
     * the last, up to a line that is not (a heading over the next table; a heading at the
     * margin, left of a column's text) - when a row of cells follows, the run below finds them
     */
    const pending_row *pend = st->pending;
    bool open_unruled = pend && st->line_h > 0;
    for (int c = 0; open_unruled && c < pend->row.ncells; c++)
        open_unruled = !pend->row.cells[c].ruled;
    if (open_unruled && first_content >= 0 && st->open_at_end && st->ngrid > 1 && !ls[first_content].framed) {
        size_t j = (size_t)first_content, end = j;
        for (; j < nl; j++) {
            if (!ls[j].ns)
                continue;
            if (ls[j].ns != 1 || fabsf(ls[j].h - st->line_h) > 0.15f * st->line_h ||
                !lay_aligned_in_column(st, &segs[ls[j].s0]) || lay_prose_seg(text, gs, &segs[ls[j].s0]) ||
                (j > (size_t)first_content && ls[j].y0 - ls[end - 1].y1 - vbase > 1.2f * ls[end - 1].h))
                break;
            end = j + 1;
        }
        size_t next = j;
        while (next < nl && !ls[next].ns)
            next++;
        bool row_follows = next < nl && ls[next].ns >= 2 && ls[next].y0 - ls[end - 1].y1 - vbase <= 1.2f * ls[end - 1].h;
        if (end > (size_t)first_content && !row_follows) {
            ntab++;
            for (size_t m = (size_t)first_content; m < end; m++)
                ls[m].table = ntab;
        }
    }
    long t_last = -1; /* the last table's last line */
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
            if (have_rules && lay_one_frame(&rl, &ls[j - 1], &ls[j]))
                gap = 0; /* the same ruled frame: tall rows are still one table */
            if (ls[j].ns >= 2) {
                if (gap > 2.5f * h)
                    break;
                bool shares = share_gutter(&ls[prev_multi], &ls[j], segs);
                /* a sentence whose gaps (spaces a justified line stretched round its figures)
                 * line up with no gutter of the row above is prose after the table */
                if (!shares && !ls[j].framed && prose_line(text, gs, &ls[j], segs))
                    break;
                if (shares)
                    aligned = true;
                prev_multi = j;
                last = j;
                nmulti++;
            } else if (gap > 1.2f * h) {
                break;
            }
        }
        /* a wrapped cell's last line below the last multi-segment line, inside a column */
        while (last + 1 < nl && have_rules && ls[last + 1].ns >= 1 && lay_one_frame(&rl, &ls[last], &ls[last + 1]))
            last++; /* lines in the frame of the table's rules */
        /* (under its first cell too when that cell stands right of the table's left edge: not prose at the margin) */
        float left_edge = 1e30f;
        for (size_t j = a; j <= last; j++)
            if (ls[j].ns >= 2 && segs[ls[j].s0].x0 < left_edge)
                left_edge = segs[ls[j].s0].x0;
        while (last + 1 < nl && ls[last + 1].ns == 1 && ls[last + 1].y0 - ls[last].y0 - vbase <= 1.6f * ls[last].h) {
            const seg *s1 = &segs[ls[last + 1].s0];
            size_t m = last;
            while (m > a && ls[m].ns < 2)
                m--;
            bool inside = false;
            for (int k = segs[ls[m].s0].x0 > left_edge + ls[m].h ? 0 : 1; k < ls[m].ns; k++)
                if (s1->x0 >= segs[ls[m].s0 + k].x0 - 2.0f && s1->x0 < segs[ls[m].s0 + k].x1)
                    inside = true;
            /* (or centred as the first cells are, as tall: a label row of a table without rules,
             * 上年结转资金 under 其中：当年财政拨款 - prose at the margin is not centred on them) */
            for (size_t j = a; j <= last && !inside; j++)
                inside = ls[j].ns >= 2 && fabsf(ls[last + 1].h - ls[j].h) <= 0.15f * ls[j].h &&
                         fabsf((s1->x0 + s1->x1) - (segs[ls[j].s0].x0 + segs[ls[j].s0].x1)) <= 4.0f;
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
            cont = !ls[j].ns || (have_rules && ls[j].framed && lay_one_frame(&rl, &ls[j], &ls[a])) ||
                   /* a cell's rest, no rules: under a column, as tall as the table's text */
                   (ls[j].ns == 1 && fabsf(ls[j].h - ls[a].h) <= 0.15f * ls[a].h && lay_in_column(st, &segs[ls[j].s0]));
        if (cont)
            a = (size_t)first_content;
        /* (or one row of cells between rules: a form's first row at a page's foot, its table going on) */
        bool ruled_row = have_rules && nmulti == 1 && ls[a].framed;
        if (!((nmulti >= 2 && aligned) || cont || ruled_row))
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
            /* and the frame's lines above its first row of cells (a header cell's first line, the
             * cells beside it centred lower down), not another table's */
            while (t0 > 0 && ls[t0 - 1].ns == 1 && !ls[t0 - 1].table && ls[t0 - 1].framed &&
                   lay_one_frame(&rl, &ls[t0 - 1], &ls[t0]) && !lay_ruled_between(&rl, &ls[t0 - 1], &ls[t0], segs))
                t0--;
        } else if (st->ruled_only) {
            continue; /* boxes that cannot tell a gutter from a gap: only ruled tables */
        } else if (!cont) {
            /* lines mostly of sentences are prose whose stretched spaces happen to line up
             * (省委办公厅 2017 年… over sentences, then 省委办公厅 2017 年度… again) */
            float tx0 = 1e30f, tx1 = -1e30f; /* (a line of one piece three quarters as wide as all is prose too) */
            for (size_t j = a; j <= last; j++)
                if (ls[j].ns) {
                    tx0 = fminf(tx0, segs[ls[j].s0].x0);
                    tx1 = fmaxf(tx1, segs[ls[j].s0 + ls[j].ns - 1].x1);
                }
            int nlines = 0, nprose = 0;
            for (size_t j = a; j <= last; j++)
                if (ls[j].ns) {
                    nlines++;
                    nprose += prose_line(text, gs, &ls[j], segs) ||
                              (ls[j].ns == 1 && segs[ls[j].s0].x1 - segs[ls[j].s0].x0 >= 0.75f * (tx1 - tx0));
                }
            if (2 * nprose > nlines) {
                a = last;
                continue;
            }
        }
        /* a one-row frame just under the last table, as wide in its last cells: that table's footer */
        bool footer = ntab > 0 && have_rules && t_last >= 0 && ls[t0].framed;
        for (size_t j = (size_t)t_last + 1; footer && j < t0; j++)
            footer = !ls[j].ns;
        for (size_t j = t0 + 1; footer && j <= t1; j++)
            footer = !ls[j].ns || (ls[j].framed && !lay_ruled_between(&rl, &ls[j - 1], &ls[j], segs));
        footer = footer && lay_footer_frame(&rl, &ls[t_last], &ls[t0]);
        ntab += !footer;
        for (size_t j = t0; j <= t1; j++)
            ls[j].table = ntab;
        t_last = (long)t1;
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
    /* the edges of the page's text: indents count from its prose, fill to its widest line (a table's too) */
    float margin = 1e30f, rmargin = -1;
    for (size_t j = 0; j < nl; j++)
        if (ls[j].ns) {
            if (!ls[j].table && segs[ls[j].s0].x0 < margin)
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
            lay_add_line(doc, cap, &L);
            L->page = page;
            L->line = ++line;
            L->off = raw->len;
            float em = (segs[ls[l].s0].x0 - margin) / (ls[l].h > 0 ? ls[l].h : 1);
            L->indent = (signed char)(em < 0.5f ? 0 : em > 100 ? 100 : (int)(em + 0.5f));
            if (rmargin > margin)
                L->fill = (signed char)(100 * (segs[ls[l].s0 + ls[l].ns - 1].x1 - margin) / (rmargin - margin) + 0.5f);
            /* each character's glyph in the page text (-1 for a space put between words) */
            int *gl = bl_alloc(doc->arena, (size_t)(2 * (ls[l].g1 - ls[l].g0) + ls[l].ns + 1) * sizeof *gl);
            size_t gi = 0;
            for (int s = ls[l].s0; s < ls[l].s0 + ls[l].ns; s++) {
                if (s > ls[l].s0) {
                    bl_buf_addc(raw, ' ');
                    gl[gi++] = -1;
                }
                const glyph *prev = NULL;
                for (int g = segs[s].g0; g < segs[s].g1; g++) {
                    if (gs[g].space)
                        continue;
                    if (prev && (prev->space || lay_word_gap(prev, &gs[g], segs[s].base))) {
                        bl_buf_addc(raw, ' ');
                        gl[gi++] = -1;
                    }
                    bl_buf_add(raw, text + gs[g].off, gs[g].len);
                    gl[gi++] = gs[g].idx;
                    prev = &gs[g];
                }
            }
            L->glyph = gl;
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
        { /* and the height of its lines (the median of its first 64) */
            float hs[64];
            int nh = 0;
            for (size_t j = l; j < e && nh < 64; j++)
                if (ls[j].ns)
                    hs[nh++] = ls[j].h;
            if (nh) {
                qsort(hs, (size_t)nh, sizeof *hs, lay_cmp_float);
                st->line_h = hs[nh / 2];
            }
        }
        /*
         * rows: in a table ruled between its rows, a line starts one when a rule
         * lies above it; else when it holds a figure or follows a gap taller
         * than a pitch
         */
        int nruled = 0;
        bool framed = false; /* vertical rules cross it: its cells are framed */
        for (size_t j = l + 1, pj = l; have_rules && j < e; j++)
            if (ls[j].ns) {
                nruled += lay_ruled_between(&rl, &ls[pj], &ls[j], segs);
                pj = j;
            }
        for (size_t j = l; j < e; j++)
            framed |= ls[j].framed;
        /*
         * (a table ruled between its rows on the last page is still: a row over this whole
         * page). Without vertical rules, rules across the whole table (a three-line table:
         * over and under its header, under its last row) do not part all its rows: they go
         * by their text, and start at a rule besides. (Rules shorter than that - the
         * underlined blanks of a filled-in text - keep the rows they part.)
         */
        bool ruled_rows = (nruled >= 1 || (continues && st->ruled_rows)) &&
                          (framed || !lay_rules_span(&rl, ls, l, e, segs));
        size_t nrow = 0, caprow = 8;
        rowb *rows = bl_xmalloc(caprow * sizeof *rows);
        size_t prev_l = l, row_l = l;
        size_t *line_row = bl_xmalloc((e + 1) * sizeof *line_row); /* each line's row */
        for (size_t j = l; j < e; j++) {
            if (!ls[j].ns)
                continue;
            bool num = false;
            for (int s = ls[j].s0; s < ls[j].s0 + ls[j].ns && !num; s++)
                num = lay_numeric_seg(text, gs, &segs[s]);
            /* (a line beside the rules - a heading left of a centred table - is a row of its own) */
            bool start = j == l || (ruled_rows ? lay_ruled_between(&rl, &ls[prev_l], &ls[j], segs) ||
                                                     !lay_ruled_above(&rl, l ? ls[l - 1].y1 : 0, &ls[j], segs) ||
                                                     lay_ruled_in_column(&rl, ls, row_l, j, segs)
                                               : (num && !(nrow && (lay_figures_go_on(&rows[nrow - 1], text, gs, &ls[j], segs) ||
                                                                     (ls[j].y0 - ls[prev_l].y0 <= pitch + 1.5f &&
                                                                      lay_words_go_on(&rows[nrow - 1], ls, l, e, j, segs))))) ||
                                                     ls[j].y0 - ls[prev_l].y0 > pitch + 1.5f ||
                                                     (have_rules && lay_ruled_between(&rl, &ls[prev_l], &ls[j], segs)));
            if (start) {
                row_l = j;
                if (nrow == caprow) {
                    caprow *= 2;
                    rows = bl_xrealloc(rows, caprow * sizeof *rows);
                }
                memset(&rows[nrow++], 0, sizeof *rows);
                rows[nrow - 1].line0 = (int)j;
            }
            for (int s = ls[j].s0; s < ls[j].s0 + ls[j].ns; s++) {
                /* a merged cell's next line beside a new row, no rule above it in its column: its own row's */
                int p = ruled_rows && start && j > l ? lay_line_above(ls, l, j, segs, &segs[s]) : -1;
                if (p >= 0 && line_row[p] + 1 < nrow && segs[s].ruled && !lay_rule_over(&rl, &ls[p], &ls[j], &segs[s])) {
                    lay_row_add_seg(&rows[line_row[p]], text, gs, &segs[s], false);
                    continue;
                }
                /* a figure set in the middle of a merged cell, beside a later row (20 centred over
                 * two indicator rows): the row that starts under the rule above it, when the rows
                 * from there have nothing in its cell */
                if (ruled_rows && start && j > l && segs[s].ruled && nrow >= 2 && lay_numeric_seg(text, gs, &segs[s])) {
                    float ry = lay_rule_above_y(&rl, &ls[j], &segs[s]);
                    size_t k = 0;
                    while (k + 1 < nrow && ls[rows[k].line0].y0 < ry)
                        k++;
                    bool empty = ry > -1e29f && k + 1 < nrow;
                    for (size_t m = k; empty && m + 1 < nrow; m++)
                        for (int c = 0; c < rows[m].ncells && empty; c++)
                            empty = lay_overlap(rows[m].cells[c].x0, rows[m].cells[c].x1, segs[s].cx0, segs[s].cx1) <= 0.5f;
                    if (empty) {
                        lay_row_add_seg(&rows[k], text, gs, &segs[s], false);
                        continue;
                    }
                }
                lay_row_add_seg(&rows[nrow - 1], text, gs, &segs[s], start);
            }
            line_row[j] = nrow - 1;
            prev_l = j;
        }
        for (size_t k = 0; k < nrow; k++) {
            bool any_num = false, prose = false;
            for (int c = 0; c < rows[k].ncells; c++) {
                cellb *cb = &rows[k].cells[c];
                cb->numeric = lay_numeric_cell(cb->text.data ? cb->text.data : "", cb->text.len);
                any_num |= cb->numeric;
                prose |= lay_prose_cell(cb->text.data ? cb->text.data : "", cb->text.len);
            }
            /* a header names columns: no figures, no sentences */
            rows[k].header = rows[k].ncells >= 2 && !any_num && !prose;
        }
        /* the rest of the row the last page ended in: no header, whatever its words */
        bool finish = continues && st->pending && nrow && lay_finishes(st->pending, &rows[0], st);
        if (finish)
            rows[0].header = false;
        /*
         * a header starts at the table's left rule: a row of words after a row of figures
         * whose first ruled cell starts right of it (the cells on its left merged from the
         * rows above: an indicator row of text values) is a row of the table, not its header
         */
        /* (a table going on from the last page: its columns' left edge, and rows of it above) */
        float left = continues && st->ngrid ? st->grid_x[0] : 1e30f;
        /* (without rules, where a cell's text is all its extent: a row of words after a row
         * of figures that starts right of the whole of the header's first cell - or of the
         * first column the table goes on in - is a row of the table too) */
        float left_r = continues && st->ngrid ? st->grid_r[0] : 1e30f;
        for (size_t k = 0; k < nrow; k++) {
            const cellb *c0 = rows[k].ncells ? &rows[k].cells[0] : NULL;
            bool after_rows = k > 0 ? !rows[k - 1].header : continues && st->ngrid;
            if (c0 && after_rows && rows[k].header && (c0->ruled ? c0->x0 > left + 2.0f : c0->x0 > left_r))
                rows[k].header = false;
            if (c0 && c0->ruled && c0->x0 < left)
                left = c0->x0;
            if (c0 && !c0->ruled && rows[k].header)
                left_r = c0->x1;
        }
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
            bool alone = false, carried = false;
            if (rows[k].header) {
                while (h1 < nrow && rows[h1].header && h1 - h0 < 3)
                    h1++;
                /* ruled header rows over another table's columns are sections of their own */
                for (size_t hk = h0 + 1; hk < h1; hk++)
                    if (!lay_nests(&rows[hk - 1], &rows[hk])) {
                        h1 = hk;
                        break;
                    }
                for (size_t hk = h0; hk < h1; hk++)
                    for (int c = 0; c < rows[hk].ncells && ng2 < 64; c++) {
                        const cellb *cb = &rows[hk].cells[c];
                        bool cov = false;
                        for (int m = 0; m < ng2; m++)
                            if (lay_overlap(gx[m], gr[m], cb->x0, cb->x1) > 0) {
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
            } else if (st->ngrid && (!lay_collides(&rows[k], st->grid_x, st->grid_r, st->ngrid) ||
                                     (alone = lay_cells_overlap(&rows[k])))) {
                /* the columns above; for this row alone when two of its cells stand over one
                 * stretch (a scan lost a rule inside a cell's region) */
                memcpy(gx, st->grid_x, (size_t)st->ngrid * sizeof *gx);
                memcpy(gr, st->grid_r, (size_t)st->ngrid * sizeof *gr);
                ng2 = st->ngrid;
                carried = k == 0 && continues;
            } else if (st->ngrid) {
                /* a ruled row the columns above do not fit (a row of label/value pairs): its own cells */
                for (int c = 0; c < rows[k].ncells && ng2 < 64; c++, ng2++)
                    gx[ng2] = rows[k].cells[c].x0, gr[ng2] = rows[k].cells[c].x1;
            }
            size_t end = h1;
            while (end < nrow && !rows[end].header && (end == k || !lay_collides(&rows[end], gx, gr, ng2)) &&
                   !(alone && end > k))
                end++;
            if (end == h0)
                end = h0 + 1;
            int base = ng2;
            for (size_t dk = h1; dk < end; dk++)
                for (int c = 0; c < rows[dk].ncells && ng2 < 64; c++) {
                    const cellb *cb = &rows[dk].cells[c];
                    bool cov = false;
                    for (int m = 0; m < ng2; m++)
                        if (lay_overlap(gx[m], gr[m], cb->x0, cb->x1) > 0) {
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
                    rows[rk].cells[c].col = ng2 ? lay_grid_col(gx, gr, ng2, rows[rk].cells[c].x0,
                                                           rows[rk].cells[c].x1)
                                                : c;
            /* the header the last page ended with, under columns this page's rows added (a
             * label column it left empty): its cells' columns in the grid they now have */
            pending_row *hp = st->pending;
            if (carried && ng2 > st->ngrid && hp && hp->row.header)
                for (int c = 0; c < hp->row.ncells; c++)
                    hp->row.cells[c].col = lay_grid_col(gx, gr, ng2, hp->row.cells[c].x0, hp->row.cells[c].x1);
            memcpy(st->grid_x, gx, (size_t)ng2 * sizeof *gx);
            memcpy(st->grid_r, gr, (size_t)ng2 * sizeof *gr);
            st->ngrid = ng2;
            k = end;
        }
        int rowno = continues ? st->nrows : 0;
        size_t rk0 = 0;
        /* what follows the table on the page: nothing but a page number, and the table ends open */
        int below = 0;
        for (size_t j = e; j < nl; j++)
            below += ls[j].ns > 0;
        if (st->pending) { /* the row the last page ended in: finished here, or as it was */
            if (finish) {
                lay_finish_row(st->pending, &rows[0]);
                lay_row_free(&rows[0]);
                rk0 = 1;
            }
            /* a row this whole page went on with may go on again (cells a character a line, over
             * three pages): it waits for the next page as well */
            if (!(finish && nrow == 1 && below <= 1))
                bl_layout_flush(doc, raw, cap, st);
        }
        if (!continues) { /* its first row, to know it when a later page repeats it */
            bl_buf first = BL_BUF_INIT;
            if (nrow)
                lay_row_text(&rows[0], &first);
            st->head_len = first.len <= sizeof st->head ? first.len : 0;
            if (st->head_len)
                memcpy(st->head, first.data, first.len);
            bl_buf_release(&first);
        }
        /* a table the page ends in keeps its last row until the next page shows whether it goes on */
        size_t nemit = nrow && below <= 1 && !st->pending ? nrow - 1 : nrow;
        for (size_t rk = rk0; rk < nemit; rk++) {
            lay_emit_row(doc, raw, cap, &rows[rk], page, ++line, tableno, ++rowno);
            lay_row_free(&rows[rk]);
        }
        if (nemit < nrow && nemit >= rk0) {
            pending_row *pr = bl_xmalloc(sizeof *pr);
            pr->row = rows[nrow - 1];
            pr->page = page, pr->line = ++line, pr->table = tableno, pr->rowno = ++rowno;
            st->pending = pr;
        }
        free(rows);
        free(line_row);
        st->nrows = rowno;
        st->ruled_rows = ruled_rows;
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
