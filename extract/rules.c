/* rules.c - a page's ruling lines (table borders) read off a rendering of it. */
#include "layout.h"

#include <stdlib.h>
#include <string.h>

#include "../core/banned.h"

#define DARK 40       /* darkness (0 white .. 255 black) a line's pixel reaches */
#define MIN_PT 5.0f   /* shortest run kept (page points); glyph strokes are told apart by layout.c */
#define THICK_PT 3.0f /* thicker than this is a filled area or a bar, not a rule */

typedef struct {
    int a0, a1; /* extent along the line (pixels, inclusive) */
    int t0, t1; /* extent across it */
} run;

typedef struct {
    run *v;
    size_t n, cap;
} runs;

static void push(runs *r, run x)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 64;
        r->v = bl_xrealloc(r->v, r->cap * sizeof *r->v);
    }
    r->v[r->n++] = x;
}

/*
 * A new run at cross position t, extent a0..a1: it joins the rule it touches
 * on position t-1 (overlapping extents, neither four times the other's length),
 * else opens one. A glyph's stroke beside a long rule (a character set over a
 * cell's border) stays a run of its own: joined, it would widen the rule past
 * THICK_PT and lose it. Rules still open are [open, n) in order of their last
 * position.
 */
static void add_run(runs *r, size_t *open, int t, int a0, int a1)
{
    while (*open < r->n && r->v[*open].t1 < t - 1)
        (*open)++;
    for (size_t k = *open; k < r->n; k++) {
        run *x = &r->v[k];
        int la = a1 - a0 + 1, lx = x->a1 - x->a0 + 1;
        if (x->t1 == t - 1 && a0 <= x->a1 && a1 >= x->a0 && 4 * (la < lx ? la : lx) >= (la < lx ? lx : la)) {
            if (a0 < x->a0)
                x->a0 = a0;
            if (a1 > x->a1)
                x->a1 = a1;
            x->t1 = t;
            /* keep [open, n) ordered by t1: move x to the end */
            run tmp = *x;
            memmove(x, x + 1, (r->n - k - 1) * sizeof *x);
            r->v[r->n - 1] = tmp;
            return;
        }
    }
    push(r, (run){a0, a1, t, t});
}

static void keep(const runs *r, float scale, bool horizontal, bl_rules *out)
{
    int thick = (int)(THICK_PT * scale + 0.5f), minlen = (int)(MIN_PT * scale + 0.5f);
    for (size_t k = 0; k < r->n; k++) {
        const run *x = &r->v[k];
        if (x->t1 - x->t0 + 1 > thick || x->a1 - x->a0 + 1 < minlen)
            continue;
        float t = (x->t0 + x->t1 + 1) / 2.0f / scale, a0 = x->a0 / scale, a1 = (x->a1 + 1) / scale;
        bl_rule rule = horizontal ? (bl_rule){a0, t, a1, t} : (bl_rule){t, a0, t, a1};
        if (horizontal) {
            out->h = bl_xrealloc(out->h, (out->nh + 1) * sizeof *out->h);
            out->h[out->nh++] = rule;
        } else {
            out->v = bl_xrealloc(out->v, (out->nv + 1) * sizeof *out->v);
            out->v[out->nv++] = rule;
        }
    }
}

void bl_rules_scan(const unsigned char *light, int w, int h, int stride, int bpp, float scale, bl_rules *out)
{
    memset(out, 0, sizeof *out);
    if (w <= 0 || h <= 0 || scale <= 0)
        return;
    int minlen = (int)(MIN_PT * scale + 0.5f);
    runs hr = {0}, vr = {0};
    size_t hopen = 0;
    int *vstart = bl_xmalloc((size_t)w * sizeof *vstart); /* where each column's dark run began */
    for (int x = 0; x < w; x++)
        vstart[x] = -1;
    /* vertical runs end in row order; collected per column, joined across columns after */
    const unsigned char lim = 255 - DARK;
    for (int y = 0; y < h; y++) {
        const unsigned char *px = light + (size_t)y * (size_t)stride;
        int x0 = -1;
        for (int x = 0; x < w; x++, px += bpp) {
            if (*px <= lim) {
                if (x0 < 0)
                    x0 = x;
                if (vstart[x] < 0)
                    vstart[x] = y;
                continue;
            }
            /* a light pixel: the common case, two tests */
            if (x0 >= 0) {
                if (x - x0 >= minlen)
                    add_run(&hr, &hopen, y, x0, x - 1);
                x0 = -1;
            }
            if (vstart[x] >= 0) {
                if (y - vstart[x] >= minlen)
                    push(&vr, (run){vstart[x], y - 1, x, x});
                vstart[x] = -1;
            }
        }
        if (x0 >= 0 && w - x0 >= minlen)
            add_run(&hr, &hopen, y, x0, w - 1);
    }
    for (int x = 0; x < w; x++)
        if (vstart[x] >= 0 && h - vstart[x] >= minlen)
            push(&vr, (run){vstart[x], h - 1, x, x});
    free(vstart);
    /* join vertical runs of neighbouring columns: sort by column, then merge like rows */
    runs vm = {0};
    size_t vopen = 0;
    /* vr is in order of run end; a counting pass by column keeps this linear */
    size_t *cnt = bl_xmalloc(((size_t)w + 1) * sizeof *cnt);
    memset(cnt, 0, ((size_t)w + 1) * sizeof *cnt);
    for (size_t k = 0; k < vr.n; k++)
        cnt[vr.v[k].t0 + 1]++;
    for (int x = 0; x < w; x++)
        cnt[x + 1] += cnt[x];
    run *byx = bl_xmalloc((vr.n + 1) * sizeof *byx);
    for (size_t k = 0; k < vr.n; k++)
        byx[cnt[vr.v[k].t0]++] = vr.v[k];
    free(cnt);
    for (size_t k = 0; k < vr.n; k++)
        add_run(&vm, &vopen, byx[k].t0, byx[k].a0, byx[k].a1);
    free(byx);
    keep(&hr, scale, true, out);
    keep(&vm, scale, false, out);
    free(hr.v);
    free(vr.v);
    free(vm.v);
}

void bl_rules_free(bl_rules *r)
{
    free(r->h);
    free(r->v);
    memset(r, 0, sizeof *r);
}
