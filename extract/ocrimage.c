/*
 * ocrimage.c - the page image ocr.c recognises: turned straight (the skew whose row
 * profile is sharpest), cleaned of speckle, its strokes thickened, its ruling lines
 * painted out; the cells the rules close, each a region of its own, and the lines of a
 * cell's ink (ocrimage.h).
 */
#include "ocrimage.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../core/core.h"
#include "../core/banned.h"

/* How sharply the dark pixels (xs, ys) fall into rows when the image is turned by a degrees. */
static double sharpness(const int *xs, const int *ys, size_t n, int w, int h, double a)
{
    double t = tan(a * M_PI / 180);
    int nr = h + w; /* rows of the turned image, offset by w/2 either way */
    double *rows = calloc((size_t)nr, sizeof *rows);
    if (!rows)
        return 0;
    for (size_t k = 0; k < n; k++) {
        int r = (int)lround(ys[k] - (xs[k] - w / 2.0) * t) + w / 2;
        if (r >= 0 && r < nr)
            rows[r] += 1;
    }
    double sum = 0;
    for (int r = 1; r < nr; r++)
        sum += (rows[r] - rows[r - 1]) * (rows[r] - rows[r - 1]);
    free(rows);
    return sum;
}

/*
 * The skew of a page image (grey, w x h) in degrees, what turns it straight: the angle
 * within ±3° at which its dark pixels (every 4th column) fall most sharply into
 * rows - text lines and ruling lines; 0 unless a turn sharpens them by a tenth or more.
 */
double ocr_skew(const unsigned char *g, int w, int h)
{
    size_t n = 0, cap = 4096;
    int *xs = bl_xmalloc(cap * sizeof *xs), *ys = bl_xmalloc(cap * sizeof *ys);
    for (int y = 0; y < h; y++) /* every row: sampling rows would make 0° look sharp */
        for (int x = 0; x < w; x += 4)
            if (g[(size_t)y * (size_t)w + (size_t)x] < 160) {
                if (n == cap) {
                    cap *= 2;
                    xs = bl_xrealloc(xs, cap * sizeof *xs);
                    ys = bl_xrealloc(ys, cap * sizeof *ys);
                }
                xs[n] = x, ys[n] = y, n++;
            }
    double best = 0, bs = sharpness(xs, ys, n, w, h, 0), at0 = bs;
    for (double a = -3; a <= 3.001; a += 0.25) {
        double v = sharpness(xs, ys, n, w, h, a);
        if (v > bs)
            bs = v, best = a;
    }
    double centre = best;
    for (double a = centre - 0.2; a <= centre + 0.201; a += 0.05) {
        double v = sharpness(xs, ys, n, w, h, a);
        if (v > bs)
            bs = v, best = a;
    }
    free(xs);
    free(ys);
    return fabs(best) < 0.1 || bs < at0 * 1.10 ? 0 : best;
}

/*
 * A 3x3 median over the image: a scan's speckle (single dark or light pixels) goes,
 * strokes two pixels wide or more stay. Done only on a noisy page: one where many dark
 * pixels stand alone.
 */
void ocr_despeckle(unsigned char *g, int w, int h)
{
    size_t lone = 0, dark = 0;
    for (int y = 1; y + 1 < h; y += 2)
        for (int x = 1; x + 1 < w; x += 2) {
            const unsigned char *p = g + (size_t)y * (size_t)w + (size_t)x;
            if (*p >= 128)
                continue;
            dark++;
            lone += p[-1] >= 128 && p[1] >= 128 && p[-w] >= 128 && p[w] >= 128;
        }
    if (dark == 0 || lone * 10 < dark) /* under a tenth alone: a clean page */
        return;
    unsigned char *src = bl_xmalloc((size_t)w * (size_t)h);
    memcpy(src, g, (size_t)w * (size_t)h);
    for (int y = 1; y + 1 < h; y++)
        for (int x = 1; x + 1 < w; x++) {
            unsigned char v[9];
            int k = 0;
            for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++)
                    v[k++] = src[(size_t)(y + dy) * (size_t)w + (size_t)(x + dx)];
            for (int i = 1; i < 9; i++) /* insertion sort of nine */
                for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
                    unsigned char t = v[j];
                    v[j] = v[j - 1], v[j - 1] = t;
                }
            g[(size_t)y * (size_t)w + (size_t)x] = v[4];
        }
    free(src);
}

/*
 * Strokes a pixel thicker (each pixel the darkest of itself and its four neighbours): a
 * light face's one- or two-pixel strokes break Tesseract's finding of lines and
 * characters (群众满意度 read with marks above it, 清运垃圾量 as four broken lines).
 */
void ocr_thicken(unsigned char *g, int w, int h)
{
    unsigned char *src = bl_xmalloc((size_t)w * (size_t)h);
    memcpy(src, g, (size_t)w * (size_t)h);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            size_t at = (size_t)y * (size_t)w + (size_t)x;
            unsigned char v = src[at];
            if (x > 0 && src[at - 1] < v) v = src[at - 1];
            if (x + 1 < w && src[at + 1] < v) v = src[at + 1];
            if (y > 0 && src[at - (size_t)w] < v) v = src[at - (size_t)w];
            if (y + 1 < h && src[at + (size_t)w] < v) v = src[at + (size_t)w];
            g[at] = v;
        }
    free(src);
}

/*
 * Paint a table's borders out before recognition (Tesseract reads a border beside a
 * word as "|" or "[" and joins it to the word): rules longer than a glyph's stroke
 * (30 pt across, 18 pt down), 3 pt either side of their line (a scan's border is
 * thicker and blurred).
 */
void ocr_erase_rules(unsigned char *img, int w, int h, const bl_rules *rl)
{
    const double s = OCR_DPI / 72.0;
    int pad = (int)(3.0 * s + 0.5);
    for (size_t k = 0; k < rl->nh; k++) {
        const bl_rule *r = &rl->h[k];
        if (r->x1 - r->x0 < RULE_MIN_H)
            continue;
        int y = (int)(r->y0 * s + 0.5), x0 = (int)(r->x0 * s) - pad, x1 = (int)(r->x1 * s) + pad;
        for (int yy = y - pad; yy <= y + pad; yy++)
            if (yy >= 0 && yy < h)
                for (int x = x0 < 0 ? 0 : x0; x <= x1 && x < w; x++)
                    img[(size_t)yy * (size_t)w + (size_t)x] = 255;
    }
    for (size_t k = 0; k < rl->nv; k++) {
        const bl_rule *r = &rl->v[k];
        if (r->y1 - r->y0 < RULE_MIN_V)
            continue;
        int x = (int)(r->x0 * s + 0.5), y0 = (int)(r->y0 * s) - pad, y1 = (int)(r->y1 * s) + pad;
        for (int yy = y0 < 0 ? 0 : y0; yy <= y1 && yy < h; yy++)
            for (int xx = x - pad; xx <= x + pad; xx++)
                if (xx >= 0 && xx < w)
                    img[(size_t)yy * (size_t)w + (size_t)xx] = 255;
    }
}

/* ---- a table's cells: the regions its ruling lines close ------------------------------------ */

/* Close the gaps of up to 12 pt between long pieces of a rule in line (within 2 pt across): one direction. */
static void bridge(bl_rule *r, size_t *n, bool vertical, float min_len)
{
    bool merged = true;
    while (merged) {
        merged = false;
        for (size_t a = 0; a < *n && !merged; a++)
            for (size_t b = 0; b < *n && !merged; b++) {
                bl_rule *p = &r[a], *q = &r[b];
                float p0 = vertical ? p->y0 : p->x0, p1 = vertical ? p->y1 : p->x1;
                float q0 = vertical ? q->y0 : q->x0, q1 = vertical ? q->y1 : q->x1;
                float across = vertical ? p->x0 - q->x0 : p->y0 - q->y0;
                if (a == b || p1 - p0 < min_len || q1 - q0 < min_len || q0 < p1 || q0 - p1 > 12 || fabsf(across) > 2)
                    continue;
                if (vertical)
                    p->y1 = q->y1 > p->y1 ? q->y1 : p->y1;
                else
                    p->x1 = q->x1 > p->x1 ? q->x1 : p->x1;
                r[b] = r[--*n];
                merged = true;
            }
    }
}

void ocr_bridge_rules(bl_rules *rl)
{
    bridge(rl->v, &rl->nv, true, RULE_MIN_V);
    bridge(rl->h, &rl->nh, false, RULE_MIN_H);
}

/*
 * The cells the page's long rules close: the connected regions of a mask with the rules
 * drawn in that do not reach the page's edge, at least 4 pt each way. Returns how many
 * (in *cells and their regions' ids in *ids, malloc'd), their boxes in OCR image pixels;
 * *map the regions (its lab malloc'd).
 */
size_t ocr_find_cells(const bl_rules *rl, double pw, double ph, rect **cells, int **ids, cellmap *map)
{
    *cells = NULL, *ids = NULL, *map = (cellmap){0};
    int w = (int)(pw * CELL_PX) + 2, h = (int)(ph * CELL_PX) + 2;
    if (w <= 2 || h <= 2 || (!rl->nh && !rl->nv))
        return 0;
    int *lab = calloc((size_t)w * (size_t)h, sizeof *lab);
    if (!lab)
        return 0;
    const int RULE = RULE_ID;
    for (size_t k = 0; k < rl->nh; k++) {
        const bl_rule *r = &rl->h[k];
        if (r->x1 - r->x0 < RULE_MIN_H)
            continue;
        int y = (int)(r->y0 * CELL_PX + 0.5);
        for (int yy = y - 1; yy <= y + 1; yy++)
            for (int x = (int)(r->x0 * CELL_PX) - 2; x <= (int)(r->x1 * CELL_PX) + 2; x++)
                if (yy >= 0 && yy < h && x >= 0 && x < w)
                    lab[(size_t)yy * (size_t)w + (size_t)x] = RULE;
    }
    for (size_t k = 0; k < rl->nv; k++) {
        const bl_rule *r = &rl->v[k];
        if (r->y1 - r->y0 < RULE_MIN_V)
            continue;
        int x = (int)(r->x0 * CELL_PX + 0.5);
        for (int y = (int)(r->y0 * CELL_PX) - 2; y <= (int)(r->y1 * CELL_PX) + 2; y++)
            for (int xx = x - 1; xx <= x + 1; xx++)
                if (y >= 0 && y < h && xx >= 0 && xx < w)
                    lab[(size_t)y * (size_t)w + (size_t)xx] = RULE;
    }
    size_t n = 0, cap = 0;
    int *queue = malloc((size_t)w * (size_t)h * sizeof *queue);
    int next = 1;
    const double s = OCR_DPI / 72.0 / CELL_PX;
    for (int start = 0; queue && start < w * h; start++) {
        if (lab[start] != 0)
            continue;
        int id = next++;
        size_t qh = 0, qt = 0;
        queue[qt++] = start;
        lab[start] = id;
        int x0 = w, y0 = h, x1 = -1, y1 = -1;
        bool edge = false;
        while (qh < qt) {
            int at = queue[qh++], x = at % w, y = at / w;
            if (x < x0) x0 = x;
            if (x > x1) x1 = x;
            if (y < y0) y0 = y;
            if (y > y1) y1 = y;
            edge |= x == 0 || y == 0 || x == w - 1 || y == h - 1;
            const int nb[4] = {x > 0 ? at - 1 : -1, x < w - 1 ? at + 1 : -1, y > 0 ? at - w : -1, y < h - 1 ? at + w : -1};
            for (int k = 0; k < 4; k++)
                if (nb[k] >= 0 && lab[nb[k]] == 0) {
                    lab[nb[k]] = id;
                    queue[qt++] = nb[k];
                }
        }
        if (edge || (x1 - x0) < 4 * CELL_PX || (y1 - y0) < 4 * CELL_PX)
            continue;
        if (n == cap) {
            *cells = bl_xrealloc(*cells, (cap = cap * 2 + 32) * sizeof **cells);
            *ids = bl_xrealloc(*ids, cap * sizeof **ids);
        }
        (*ids)[n] = id;
        (*cells)[n++] = (rect){(int)(x0 * s), (int)(y0 * s), (int)((x1 + 1) * s), (int)((y1 + 1) * s)};
    }
    free(queue);
    *map = (cellmap){lab, w, h};
    return n;
}

/*
 * The lines of a cell's ink: bands of rows with two or more dark pixels (1 pt inside
 * the cell's edge, past the rules' erased band), split at white rows; a band under 0.4
 * of the tallest one's height (a stroke of 二, a line of residue) joins the nearer band
 * beside it. Each band's box is its own ink. Returns how many (at most max).
 */

/* Does a row of the band hold one dark run across half the cell or more: a rule? */
static bool rule_row(const unsigned char *img, int w, int x0, int x1, rect band)
{
    for (int y = band.y0; y <= band.y1; y++) {
        const unsigned char *row = img + (size_t)y * (size_t)w;
        int run = 0;
        for (int x = x0; x <= x1; x++) {
            run = row[x] < 128 ? run + 1 : 0;
            if (2 * run >= x1 - x0 + 1)
                return true;
        }
    }
    return false;
}

size_t ocr_cell_lines(const unsigned char *img, int w, int h, rect cell, rect *lines, size_t max)
{
    int m = (int)(1.0 * OCR_DPI / 72.0);
    int x0 = cell.x0 + m, y0 = cell.y0 + m, x1 = cell.x1 - m, y1 = cell.y1 - m;
    if (x0 < 0) x0 = 0;
    if (y0 < 0) y0 = 0;
    if (x1 >= w) x1 = w - 1;
    if (y1 >= h) y1 = h - 1;
    if (x1 <= x0 || y1 <= y0 || max == 0)
        return 0;
    size_t n = 0;
    bool in = false;
    for (int y = y0; y <= y1 + 1; y++) {
        int dark = 0;
        if (y <= y1) {
            const unsigned char *row = img + (size_t)y * (size_t)w;
            for (int x = x0; x <= x1 && dark < 2; x++)
                dark += row[x] < 128;
        }
        if (dark >= 2 && !in) {
            if (n == max)
                break;
            lines[n] = (rect){x0, y, x1, y};
            in = true;
        } else if (dark < 2 && in) {
            lines[n++].y1 = y - 1;
            in = false;
        }
    }
    /* slivers join the nearer neighbour; a rule too short to be erased is dropped */
    int tall = 0;
    for (size_t k = 0; k < n; k++)
        if (lines[k].y1 - lines[k].y0 + 1 > tall)
            tall = lines[k].y1 - lines[k].y0 + 1;
    for (size_t k = 0; k < n && n > 1;) {
        if ((lines[k].y1 - lines[k].y0 + 1) * 10 >= tall * 4) {
            k++;
            continue;
        }
        if (rule_row(img, w, x0, x1, lines[k])) {
            memmove(lines + k, lines + k + 1, (n - k - 1) * sizeof *lines);
            n--;
            continue;
        }
        int up = k > 0 ? lines[k].y0 - lines[k - 1].y1 : 1 << 30;
        int down = k + 1 < n ? lines[k + 1].y0 - lines[k].y1 : 1 << 30;
        size_t into = up <= down ? k - 1 : k + 1;
        if (lines[k].y0 < lines[into].y0) lines[into].y0 = lines[k].y0;
        if (lines[k].y1 > lines[into].y1) lines[into].y1 = lines[k].y1;
        memmove(lines + k, lines + k + 1, (n - k - 1) * sizeof *lines);
        n--;
        k = 0;
    }
    /* each band's own ink across */
    for (size_t k = 0; k < n; k++) {
        int bx0 = x1 + 1, bx1 = -1;
        for (int y = lines[k].y0; y <= lines[k].y1; y++) {
            const unsigned char *row = img + (size_t)y * (size_t)w;
            for (int x = x0; x <= x1; x++)
                if (row[x] < 128) {
                    if (x < bx0) bx0 = x;
                    if (x > bx1) bx1 = x;
                }
        }
        lines[k].x0 = bx0, lines[k].x1 = bx1 < bx0 ? bx0 : bx1;
    }
    return n;
}

/*
 * A copy of the cell's box (clipped to the image, in *box) with the pixels of other
 * regions white: a cell that is no rectangle (a rule lost in a scan joins two) has a box
 * reaching over its neighbours, whose text must not be read twice.
 */
unsigned char *ocr_cell_image(const unsigned char *img, int w, int h, rect *box, int id, const cellmap *m)
{
    if (box->x0 < 0) box->x0 = 0;
    if (box->y0 < 0) box->y0 = 0;
    if (box->x1 >= w) box->x1 = w - 1;
    if (box->y1 >= h) box->y1 = h - 1;
    if (box->x1 <= box->x0 || box->y1 <= box->y0)
        return NULL;
    int bw = box->x1 - box->x0 + 1, bh = box->y1 - box->y0 + 1;
    const double s = OCR_DPI / 72.0 / CELL_PX;
    unsigned char *sub = bl_xmalloc((size_t)bw * (size_t)bh);
    for (int y = 0; y < bh; y++) {
        int my = (int)((box->y0 + y) / s);
        for (int x = 0; x < bw; x++) {
            int mx = (int)((box->x0 + x) / s);
            int lab = mx < m->w && my < m->h ? m->lab[(size_t)my * (size_t)m->w + (size_t)mx] : RULE_ID;
            sub[(size_t)y * (size_t)bw + (size_t)x] =
                lab == id || lab == RULE_ID ? img[(size_t)(box->y0 + y) * (size_t)w + (size_t)(box->x0 + x)] : 255;
        }
    }
    return sub;
}

/* The box's pixels on a white ground of their own, CELL_MARGIN pixels around them. */
unsigned char *ocr_cut_out(const unsigned char *img, int w, rect box, int *cw, int *ch)
{
    *cw = box.x1 - box.x0 + 1 + 2 * CELL_MARGIN, *ch = box.y1 - box.y0 + 1 + 2 * CELL_MARGIN;
    unsigned char *cut = bl_xmalloc((size_t)*cw * (size_t)*ch);
    memset(cut, 255, (size_t)*cw * (size_t)*ch);
    for (int y = box.y0; y <= box.y1; y++)
        memcpy(cut + (size_t)(y - box.y0 + CELL_MARGIN) * (size_t)*cw + CELL_MARGIN, img + (size_t)y * (size_t)w + box.x0,
               (size_t)(box.x1 - box.x0 + 1));
    return cut;
}
