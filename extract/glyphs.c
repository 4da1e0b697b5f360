/* glyphs.c - glyphs a reader placed itself (OFD's TextCode, OCR's symbols) as a page text with a box per character. */
#include "readers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/banned.h"

#define MAX_RULES 20000

bool bl_glyphs_add(bl_glyphs *p, uint32_t cp, double x0, double y0, double x1, double y1, uint8_t conf, int line)
{
    if (p->n >= BL_GLYPHS_MAX)
        return false;
    if (p->n == p->cap)
        p->g = bl_xrealloc(p->g, (p->cap = p->cap ? p->cap * 2 : 1024) * sizeof *p->g);
    p->g[p->n] = (bl_glyph){cp, x0, y0, x1, y1, conf, line, (uint32_t)p->n};
    p->n++;
    return true;
}

void bl_glyphs_rule(bl_glyphs *p, double x0, double y0, double x1, double y1)
{
    bool horiz = fabs(y1 - y0) < 0.5, vert = fabs(x1 - x0) < 0.5;
    double len = horiz ? fabs(x1 - x0) : fabs(y1 - y0);
    if ((!horiz && !vert) || len < 5 || p->nh + p->nv >= MAX_RULES)
        return;
    if (horiz) {
        if (p->nh == p->caph)
            p->h = bl_xrealloc(p->h, (p->caph = p->caph ? p->caph * 2 : 64) * sizeof *p->h);
        double y = (y0 + y1) / 2;
        p->h[p->nh++] = (bl_rule){(float)fmin(x0, x1), (float)y, (float)fmax(x0, x1), (float)y};
    } else {
        if (p->nv == p->capv)
            p->v = bl_xrealloc(p->v, (p->capv = p->capv ? p->capv * 2 : 64) * sizeof *p->v);
        double x = (x0 + x1) / 2;
        p->v[p->nv++] = (bl_rule){(float)x, (float)fmin(y0, y1), (float)x, (float)fmax(y0, y1)};
    }
}

static int cmp_ymid(const void *a, const void *b)
{
    const bl_glyph *p = a, *q = b;
    double m = (p->y0 + p->y1) / 2, n = (q->y0 + q->y1) / 2;
    if (m != n)
        return (m > n) - (m < n);
    return (p->line > q->line) - (p->line < q->line); /* a reader's line stays together */
}

static int cmp_x(const void *a, const void *b)
{
    const bl_glyph *p = a, *q = b;
    if (p->line >= 0 && p->line == q->line) /* the reader's reading order */
        return (p->seq > q->seq) - (p->seq < q->seq);
    return (p->x0 > q->x0) - (p->x0 < q->x0);
}

size_t bl_glyphs_text(bl_glyphs *p, bl_buf *text, bl_box **boxes, uint8_t **conf)
{
    size_t nb = 0, cap = p->n * 2 + 16;
    *boxes = bl_xmalloc(cap * sizeof **boxes);
    if (conf)
        *conf = bl_xmalloc(cap);
    if (!p->n)
        return 0;
    qsort(p->g, p->n, sizeof *p->g, cmp_ymid);
    size_t i = 0;
    while (i < p->n) {
        size_t j = i + 1;
        double lm = (p->g[i].y0 + p->g[i].y1) / 2, lh = p->g[i].y1 - p->g[i].y0;
        while (j < p->n) {
            double m = (p->g[j].y0 + p->g[j].y1) / 2, h = p->g[j].y1 - p->g[j].y0;
            bool same = p->g[i].line >= 0 ? p->g[j].line == p->g[i].line : fabs(m - lm) < 0.35 * (h < lh ? h : lh);
            if (!same)
                break;
            j++;
        }
        qsort(p->g + i, j - i, sizeof *p->g, cmp_x);
        for (size_t k = i; k < j; k++) {
            const bl_glyph *g = &p->g[k];
            if (k > i) {
                const bl_glyph *q = &p->g[k - 1];
                double hh = g->y1 - g->y0;
                if (g->x0 - q->x1 > 0.25 * hh && q->cp != ' ' && g->cp != ' ') {
                    bl_buf_addc(text, ' ');
                    if (conf)
                        (*conf)[nb] = BL_GLYPH_SURE;
                    (*boxes)[nb++] = (bl_box){q->x1, g->y0, g->x0, g->y1};
                }
            }
            char u[4];
            int ul = bl_utf8_encode(g->cp, u);
            bl_buf_add(text, u, (size_t)ul);
            if (conf)
                (*conf)[nb] = g->conf;
            (*boxes)[nb++] = (bl_box){g->x0, g->y0, g->x1, g->y1};
        }
        bl_buf_addc(text, '\n');
        const bl_glyph *last = &p->g[j - 1];
        if (conf)
            (*conf)[nb] = BL_GLYPH_SURE;
        (*boxes)[nb++] = (bl_box){last->x1, last->y0, last->x1, last->y1};
        i = j;
    }
    return nb;
}

bool bl_glyphs_rules(void *ctx, bl_rules *out)
{
    bl_glyphs *p = ctx;
    memset(out, 0, sizeof *out);
    if (!p->nh && !p->nv)
        return false;
    out->h = bl_xmalloc((p->nh + 1) * sizeof *out->h);
    out->v = bl_xmalloc((p->nv + 1) * sizeof *out->v);
    if (p->nh)
        memcpy(out->h, p->h, p->nh * sizeof *out->h);
    if (p->nv)
        memcpy(out->v, p->v, p->nv * sizeof *out->v);
    out->nh = p->nh, out->nv = p->nv;
    return true;
}

void bl_glyphs_free(bl_glyphs *p)
{
    free(p->g);
    free(p->h);
    free(p->v);
    memset(p, 0, sizeof *p);
}

void bl_ocr_map(bl_lines *L, bl_ocr_state *os, int page, uint8_t *cc, size_t nb)
{
    bl_doc *doc = L->doc;
    while (os->conf.len < L->raw.len)
        bl_buf_addc(&os->conf, (char)BL_GLYPH_SURE);
    size_t seq = 0; /* lines kept in the text's own order: the text's characters in order */
    for (size_t k = os->mapped; k < doc->nlines; k++) {
        const bl_line *l = &doc->lines[k];
        /* a row of the page before, emitted now, indexes that page's characters */
        const uint8_t *use = cc && l->page == page ? cc : l->page == os->page ? os->cc : NULL;
        size_t un = cc && l->page == page ? nb : os->nb;
        size_t b = l->off, ci = 0;
        while (use && b < l->off + l->len) {
            uint32_t cp;
            int n = bl_utf8_next((const unsigned char *)L->raw.data + b, l->off + l->len - b, &cp);
            if (n < 1)
                n = 1;
            int idx = l->glyph ? l->glyph[ci] : (int)seq;
            uint8_t c = idx >= 0 && (size_t)idx < un ? use[idx] : BL_GLYPH_SURE;
            memset(os->conf.data + b, c, (size_t)n);
            b += (size_t)n;
            ci++;
            if (!l->glyph)
                seq++;
        }
        if (use && !l->glyph)
            seq++; /* the newline */
    }
    os->mapped = doc->nlines;
    if (cc) { /* this page's characters, for its rows still to come */
        free(os->cc);
        os->cc = cc, os->nb = nb, os->page = page;
        doc->ocr_pages++;
    }
}

void bl_ocr_finish(bl_doc *doc, bl_ocr_state *os)
{
    if (doc->ocr_pages) {
        while (os->conf.len < doc->raw_len)
            bl_buf_addc(&os->conf, (char)BL_GLYPH_SURE);
        doc->ocr_conf = bl_alloc(doc->arena, doc->raw_len + 1);
        memcpy(doc->ocr_conf, os->conf.data, doc->raw_len);
    }
    bl_buf_release(&os->conf);
    free(os->cc);
    memset(os, 0, sizeof *os);
}

size_t bl_ocr_lines(bl_lines *L, bl_glyphs *g, int page, bl_layout_state *lst, bl_ocr_state *os)
{
    if (!g->n)
        return 0;
    bl_buf text = BL_BUF_INIT;
    bl_box *boxes = NULL;
    uint8_t *cc = NULL;
    size_t nb = bl_glyphs_text(g, &text, &boxes, &cc);
    lst->ruled_only = true; /* OCR boxes cannot tell a gutter from a gap: ruled tables only */
    bl_lines_page(L, text.data, text.len, boxes, nb, page, lst, bl_glyphs_rules, g);
    lst->ruled_only = false;
    bl_ocr_map(L, os, page, cc, nb);
    free(boxes);
    bl_buf_release(&text);
    return g->n;
}
