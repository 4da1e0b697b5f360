/*
 * ocr.c - a page whose text cannot be taken from its text layer (a scan, or a layer of
 * private-use or replacement characters) read from its image instead.
 *
 * Poppler renders the page (cairo, 300 dpi); its skew is measured (the angle within ±3°
 * whose row profile is sharpest) and a skewed page rendered again turned straight; the red channel is the image (a red seal drops out, black ink stays);
 * its strokes are made a pixel thicker (a light face's thin strokes break Tesseract's
 * finding of lines); Tesseract (C API; the HanS script model, else chi_sim+eng)
 * recognises it: each table cell the ruling lines close on its own, a line of its ink at
 * a time, then the rest of the page. Every symbol becomes a glyph with its
 * box (in points, as Poppler's) and confidence, on Tesseract's text line (all of a
 * line's glyphs share its top and bottom, so a line stays one line), and the ruling
 * lines are scanned on the same straightened image. The engine is loaded once per
 * process, on the first page that needs it (a batch worker checks one file).
 */
#include "readers.h"

#include <cairo.h>
#include <math.h>
#include <poppler.h>
#include <stdlib.h>
#include <string.h>
#include <tesseract/capi.h>

#include "../core/banned.h"

#define OCR_DPI 300.0
#define MAX_PIXELS (7000 * 7000)

static TessBaseAPI *engine;
static char engine_err[256];
static TessBaseAPI *checker;   /* a second model that reads every figure again: eng (Latin and
                                  digits; chi_sim reads 6 as 0 and % as 94 in these fonts) */
static bool checker_tried;

static TessBaseAPI *umpire;    /* a third model for a figure the two read otherwise: chi_sim */
static bool umpire_tried;

/* Tesseract with the model lang, NULL when it cannot load. */
static TessBaseAPI *load_model(const char *lang)
{
    TessBaseAPI *api = TessBaseAPICreate();
    if (api && TessBaseAPIInit3(api, NULL, lang) == 0) {
        TessBaseAPISetVariable(api, "debug_file", "/dev/null");
        return api;
    }
    if (api)
        TessBaseAPIDelete(api);
    return NULL;
}

/* The checker: eng, a model other than the reader's; NULL when it cannot load. */
static TessBaseAPI *get_checker(void)
{
    if (!checker_tried)
        checker = load_model("eng"), checker_tried = true;
    return checker;
}

static const char *engine_lang; /* the reader's model */

/*
 * The umpire: chi_sim, loaded the first time the reader and the checker disagree; none
 * when the reader is chi_sim itself (no third opinion).
 */
static TessBaseAPI *get_umpire(void)
{
    if (!umpire_tried && engine_lang && !strstr(engine_lang, "chi_sim"))
        umpire = load_model("chi_sim");
    umpire_tried = true;
    return umpire;
}

/*
 * The languages: BUDGETLINT_OCR_LANG when set, else Tesseract's script model for
 * Simplified Chinese (HanS: Chinese, digits and Latin in one model; it reads table cells
 * best), else chi_sim+eng.
 */
static TessBaseAPI *get_engine(void)
{
    if (engine || engine_err[0])
        return engine;
    const char *env = getenv("BUDGETLINT_OCR_LANG");
    const char *tries[] = {env && *env ? env : "HanS", "chi_sim+eng"};
    for (size_t k = 0; k < (env && *env ? 1u : 2u) && !engine; k++) {
        TessBaseAPI *api = TessBaseAPICreate();
        if (api && TessBaseAPIInit3(api, NULL, tries[k]) == 0)
            engine = api, engine_lang = tries[k];
        else if (api)
            TessBaseAPIDelete(api);
    }
    if (!engine) {
        snprintf(engine_err, sizeof engine_err,
                 "OCR is not available: Tesseract cannot load %s (Debian: tesseract-ocr-script-hans, or "
                 "tesseract-ocr-chi-sim and tesseract-ocr-eng)", env && *env ? env : "HanS or chi_sim+eng");
        return NULL;
    }
    TessBaseAPISetVariable(engine, "debug_file", "/dev/null");
    return engine;
}

/* The page rendered at dpi, turned by angle degrees about its centre: grey (the red channel). */
typedef struct {
    bl_paint_fn paint;
    void *ctx;
    double pw, ph; /* the page's size in points */
} painter;

static unsigned char *render(const painter *pt, double dpi, double angle, int *w, int *h)
{
    double s = dpi / 72.0;
    *w = (int)(pt->pw * s + 0.5), *h = (int)(pt->ph * s + 0.5);
    if (*w <= 0 || *h <= 0 || (double)*w * *h > MAX_PIXELS)
        return NULL;
    cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, *w, *h);
    if (cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(sf);
        return NULL;
    }
    cairo_t *cr = cairo_create(sf);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_translate(cr, *w / 2.0, *h / 2.0);
    cairo_rotate(cr, angle * M_PI / 180);
    cairo_translate(cr, -*w / 2.0, -*h / 2.0);
    cairo_scale(cr, s, s);
    pt->paint(pt->ctx, cr);
    cairo_destroy(cr);
    cairo_surface_flush(sf);
    const unsigned char *px = cairo_image_surface_get_data(sf);
    int stride = cairo_image_surface_get_stride(sf);
    unsigned char *grey = bl_xmalloc((size_t)*w * (size_t)*h);
    for (int y = 0; y < *h; y++) {
        const uint32_t *row = (const uint32_t *)(px + (size_t)y * (size_t)stride);
        for (int x = 0; x < *w; x++)
            grey[(size_t)y * (size_t)*w + (size_t)x] = (unsigned char)((row[x] >> 16) & 0xFF);
    }
    cairo_surface_destroy(sf);
    return grey;
}

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
static double skew(const unsigned char *g, int w, int h)
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
static void despeckle(unsigned char *g, int w, int h)
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
static void thicken(unsigned char *g, int w, int h)
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
static void erase_rules(unsigned char *img, int w, int h, const bl_rules *rl)
{
    const double s = OCR_DPI / 72.0;
    int pad = (int)(3.0 * s + 0.5);
    for (size_t k = 0; k < rl->nh; k++) {
        const bl_rule *r = &rl->h[k];
        if (r->x1 - r->x0 < 30)
            continue;
        int y = (int)(r->y0 * s + 0.5), x0 = (int)(r->x0 * s) - pad, x1 = (int)(r->x1 * s) + pad;
        for (int yy = y - pad; yy <= y + pad; yy++)
            if (yy >= 0 && yy < h)
                for (int x = x0 < 0 ? 0 : x0; x <= x1 && x < w; x++)
                    img[(size_t)yy * (size_t)w + (size_t)x] = 255;
    }
    for (size_t k = 0; k < rl->nv; k++) {
        const bl_rule *r = &rl->v[k];
        if (r->y1 - r->y0 < 18)
            continue;
        int x = (int)(r->x0 * s + 0.5), y0 = (int)(r->y0 * s) - pad, y1 = (int)(r->y1 * s) + pad;
        for (int yy = y0 < 0 ? 0 : y0; yy <= y1 && yy < h; yy++)
            for (int xx = x - pad; xx <= x + pad; xx++)
                if (xx >= 0 && xx < w)
                    img[(size_t)yy * (size_t)w + (size_t)xx] = 255;
    }
}

/* ---- a table's cells: the regions its ruling lines close ------------------------------------ */

typedef struct {
    int x0, y0, x1, y1; /* pixels of the OCR image, inclusive */
} rect;

/* The regions the rules close: each mask pixel's region (RULE_ID on a rule). */
typedef struct {
    int *lab;
    int w, h;
} cellmap;

#define RULE_ID (-1)

#define CELL_PX 2.0 /* the cell mask's resolution, pixels a point */

/*
 * The cells the page's long rules close: the connected regions of a mask with the rules
 * drawn in that do not reach the page's edge, at least 4 pt each way. Returns how many
 * (in *cells and their regions' ids in *ids, malloc'd), their boxes in OCR image pixels;
 * *map the regions (its lab malloc'd).
 */
static size_t find_cells(const bl_rules *rl, double pw, double ph, rect **cells, int **ids, cellmap *map)
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
        if (r->x1 - r->x0 < 30)
            continue;
        int y = (int)(r->y0 * CELL_PX + 0.5);
        for (int yy = y - 1; yy <= y + 1; yy++)
            for (int x = (int)(r->x0 * CELL_PX) - 2; x <= (int)(r->x1 * CELL_PX) + 2; x++)
                if (yy >= 0 && yy < h && x >= 0 && x < w)
                    lab[(size_t)yy * (size_t)w + (size_t)x] = RULE;
    }
    for (size_t k = 0; k < rl->nv; k++) {
        const bl_rule *r = &rl->v[k];
        if (r->y1 - r->y0 < 18)
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
#define CELL_MARGIN 16

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

static size_t cell_lines(const unsigned char *img, int w, int h, rect cell, rect *lines, size_t max)
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
static unsigned char *cell_image(const unsigned char *img, int w, int h, rect *box, int id, const cellmap *m)
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
static unsigned char *cut_out(const unsigned char *img, int w, rect box, int *cw, int *ch)
{
    *cw = box.x1 - box.x0 + 1 + 2 * CELL_MARGIN, *ch = box.y1 - box.y0 + 1 + 2 * CELL_MARGIN;
    unsigned char *cut = bl_xmalloc((size_t)*cw * (size_t)*ch);
    memset(cut, 255, (size_t)*cw * (size_t)*ch);
    for (int y = box.y0; y <= box.y1; y++)
        memcpy(cut + (size_t)(y - box.y0 + CELL_MARGIN) * (size_t)*cw + CELL_MARGIN, img + (size_t)y * (size_t)w + box.x0,
               (size_t)(box.x1 - box.x0 + 1));
    return cut;
}

/* ---- recognition -------------------------------------------------------------------------------- */

typedef struct {
    rect px;         /* the word's box in the OCR image */
    size_t from, to; /* its glyphs */
} numword;

typedef struct {
    bl_glyphs *out;
    int line, word;         /* running ids across the regions of the page */
    int *words;             /* each glyph's word (index: glyph - first) */
    size_t first, wcap;
    numword *nums;          /* the words holding digits, to be read again */
    size_t nnums, numcap;
    int ox, oy;             /* where the image Tesseract read lies in the page's image */
} collect;

static void note_number(collect *c, size_t from, rect px)
{
    bool digits = false;
    for (size_t k = from; k < c->out->n && !digits; k++)
        digits = c->out->g[k].cp >= '0' && c->out->g[k].cp <= '9';
    if (!digits)
        return;
    if (c->nnums == c->numcap)
        c->nums = bl_xrealloc(c->nums, (c->numcap = c->numcap * 2 + 32) * sizeof *c->nums);
    c->nums[c->nnums++] = (numword){px, from, c->out->n};
}

/* How wide a character sets, in ems: full for CJK and full-width forms, about half else. */
static double weight(uint32_t cp)
{
    return cp >= 0x2E80 || (cp >= 0x2010 && cp <= 0x2027) ? 1.0 : cp == '.' || cp == ',' || cp == ':' ? 0.35 : 0.55;
}

/*
 * Lay the glyphs of one word [from, out->n) across the word's box: Tesseract's word
 * boxes are sound where its symbol boxes (from the LSTM) are rough, so a word's
 * characters share its width by how wide each sets, and touch as a text layer's do.
 */
static void place_word(bl_glyphs *out, size_t from, double x0, double x1)
{
    double total = 0;
    for (size_t k = from; k < out->n; k++)
        total += weight(out->g[k].cp);
    if (total <= 0 || x1 <= x0)
        return;
    double x = x0, unit = (x1 - x0) / total;
    for (size_t k = from; k < out->n; k++) {
        out->g[k].x0 = x;
        x += weight(out->g[k].cp) * unit;
        out->g[k].x1 = x;
    }
    /*
     * A word far wider than its characters set (more than 1.8 em a character's width,
     * the em from the line's height) is two things read as one - two cells' "5" and "5"
     * as 55 where a border was lost: its digits are unsure.
     */
    double em = 0.75 * (out->g[from].y1 - out->g[from].y0);
    if (em > 0 && unit > 1.8 * em)
        for (size_t k = from; k < out->n; k++)
            if (out->g[k].cp >= '0' && out->g[k].cp <= '9')
                out->g[k].conf = 0;
}

/* The symbols Tesseract found in the region it last recognised, as glyphs. */
static void take_symbols(TessBaseAPI *api, collect *c)
{
    const double pt = 72.0 / OCR_DPI;
    TessResultIterator *it = TessBaseAPIGetIterator(api);
    double top = 0, bottom = 0, wx0 = 0, wx1 = 0, line_x = -1e30;
    size_t word_from = c->out->n;
    rect wpx = {0, 0, 0, 0};
    while (it) {
        const TessPageIterator *pi = TessResultIteratorGetPageIteratorConst(it);
        int l, t, r, b;
#define BOX(level) (TessPageIteratorBoundingBox(pi, level, &l, &t, &r, &b) && \
                    (l += c->ox, r += c->ox, t += c->oy, b += c->oy, 1))
        if (TessPageIteratorIsAtBeginningOf(pi, RIL_WORD)) {
            bool boxed = BOX(RIL_WORD), new_line = TessPageIteratorIsAtBeginningOf(pi, RIL_TEXTLINE);
            /*
             * a word ends where the next one on its line starts: read a line at a time,
             * Tesseract gives a line's first word the whole line's box
             */
            if (boxed && !new_line && l * pt > wx0 && l * pt < wx1)
                wx1 = line_x = l * pt, wpx.x1 = l;
            place_word(c->out, word_from, wx0, wx1);
            note_number(c, word_from, wpx);
            word_from = c->out->n;
            c->word++;
            if (new_line)
                line_x = -1e30;
            /* words of a line follow each other: one never starts inside the one before */
            if (boxed) {
                wx0 = fmax(l * pt, line_x), wx1 = fmax(r * pt, wx0 + 1);
                line_x = wx1;
                wpx = (rect){l, t, r, b};
            }
        }
        if (TessPageIteratorIsAtBeginningOf(pi, RIL_TEXTLINE)) {
            c->line++;
            /*
             * the line's own top and bottom for all its glyphs, so a line stays one; its
             * ink widened to a text layer's glyph box (ascent and descent of a CJK font)
             */
            if (BOX(RIL_TEXTLINE)) {
                double h = (b - t) * pt;
                top = t * pt - 0.1 * h, bottom = b * pt + 0.25 * h;
            }
        }
        char *sym = TessResultIteratorGetUTF8Text(it, RIL_SYMBOL);
        float conf = TessResultIteratorConfidence(it, RIL_SYMBOL);
        if (sym) {
            size_t n = strlen(sym), i = 0;
            uint8_t cf = conf < 0 ? 0 : conf > 100 ? 100 : (uint8_t)conf;
            while (i < n) {
                uint32_t cp;
                int len = bl_utf8_next((const unsigned char *)sym + i, n - i, &cp);
                i += len < 1 ? 1 : (size_t)len;
                if (cp == ' ')
                    continue;
                if (!bl_glyphs_add(c->out, cp, wx0, top, wx1, bottom, cf, c->line))
                    break;
                if (c->out->n - c->first > c->wcap)
                    c->words = bl_xrealloc(c->words, (c->wcap = c->wcap * 2 + 256) * sizeof *c->words);
                c->words[c->out->n - c->first - 1] = c->word;
            }
        }
        TessDeleteText(sym);
        if (!TessResultIteratorNext(it, RIL_SYMBOL))
            break;
    }
    place_word(c->out, word_from, wx0, wx1);
    note_number(c, word_from, wpx);
    if (it)
        TessResultIteratorDelete(it);
}

/*
 * The digits of the first figure in s (digits, then its points, separators and a
 * closing %) into out; whether that figure ended in %.
 */
static bool figure_digits(const char *s, char *out, size_t size)
{
    size_t o = 0;
    bool in = false, pct = false;
    for (; s && *s && o + 1 < size; s++) {
        if (*s >= '0' && *s <= '9')
            out[o++] = *s, in = true;
        else if (in && *s == '%') {
            pct = true;
            break;
        } else if (!(in && (*s == '.' || *s == ',')) && in)
            break;
    }
    out[o] = '\0';
    return pct;
}

/*
 * The checker's reading of the box (on a white ground), its first figure's digits into
 * out; scale 2 reads it enlarged, each pixel made four (a second look at the same ink).
 */
static void checker_read(TessBaseAPI *chk, const unsigned char *img, int w, rect box, int scale, char *out, size_t size)
{
    int cw, ch;
    unsigned char *cut = cut_out(img, w, box, &cw, &ch);
    if (scale > 1) {
        unsigned char *big = bl_xmalloc((size_t)cw * (size_t)ch * (size_t)(scale * scale));
        for (int y = 0; y < ch * scale; y++)
            for (int x = 0; x < cw * scale; x++)
                big[(size_t)y * (size_t)(cw * scale) + (size_t)x] = cut[(size_t)(y / scale) * (size_t)cw + (size_t)(x / scale)];
        free(cut);
        cut = big, cw *= scale, ch *= scale;
    }
    TessBaseAPISetImage(chk, cut, cw, ch, 1, cw);
    TessBaseAPISetSourceResolution(chk, (int)OCR_DPI * scale);
    char *again = TessBaseAPIGetUTF8Text(chk);
    free(cut);
    figure_digits(again, out, size);
    TessDeleteText(again);
}

/*
 * Every word holding digits read again by the checker model on its own box: where the
 * two readings' digits differ, and differ again when the checker looks at the box
 * enlarged, a third model (the umpire) reads it; unless it reads the reader's digits,
 * the word's digits are unsure (confidence 0), so the figure is reported damaged and
 * never read as a value: two models of three must agree. Tesseract's confidences alone
 * pass confident misreads (25 read as 28 at 95).
 */
static void check_numbers(collect *c, const unsigned char *img, int w, int h)
{
    TessBaseAPI *chk = get_checker();
    if (!chk || !c->nnums)
        return;
    TessBaseAPISetPageSegMode(chk, PSM_SINGLE_LINE);
    /*
     * the word's whole box, 2 pt wider, on a white ground (no narrower crop, no
     * character whitelist: both make the LSTM misread, a cut 25 as 28 and % as 0 or 4;
     * no wider one: the next word's edge joins the reading, 12 个 as 127)
     */
    for (size_t k = 0; k < c->nnums; k++) {
        const numword *n = &c->nums[k];
        const int P = (int)(2.0 * OCR_DPI / 72.0 + 0.5); /* 2 pt */
        rect box = {n->px.x0 - P < 0 ? 0 : n->px.x0 - P, n->px.y0 - P < 0 ? 0 : n->px.y0 - P,
                    n->px.x1 + P >= w ? w - 1 : n->px.x1 + P, n->px.y1 + P >= h ? h - 1 : n->px.y1 + P};
        if (box.x1 <= box.x0 || box.y1 <= box.y0)
            continue;
        char first[128], second[128], mine[256];
        size_t o = 0;
        for (size_t g = n->from; g < n->to && o + 5 < sizeof mine; g++)
            o += (size_t)bl_utf8_encode(c->out->g[g].cp, mine + o);
        mine[o] = '\0';
        /* the first figure of each reading; the one confusion the two models share, a %
         * read as 0 (95% as 950, 97% as 970%), taken as the % */
        bool pct = figure_digits(mine, first, sizeof first);
        bool same = false;
        /* the checker's two looks, then the umpire's one */
        for (int look = 0; look < 3 && !same; look++) {
            TessBaseAPI *api = look < 2 ? chk : get_umpire();
            if (!api)
                break;
            if (look == 2)
                TessBaseAPISetPageSegMode(api, PSM_SINGLE_LINE);
            checker_read(api, img, w, box, look == 1 ? 2 : 1, second, sizeof second);
            size_t l1 = strlen(first), l2 = strlen(second);
            if (pct && l2 == l1 + 1 && second[l1] == '0' && strncmp(first, second, l1) == 0)
                second[l1] = '\0';
            same = strcmp(first, second) == 0;
        }
        if (!same)
            for (size_t g = n->from; g < n->to; g++)
                if (c->out->g[g].cp >= '0' && c->out->g[g].cp <= '9')
                    c->out->g[g].conf = 0;
    }
    TessBaseAPIClear(chk);
    if (umpire)
        TessBaseAPIClear(umpire);
}

/* ---- the characters Tesseract confuses, put right by the words of the domain ----------------- */

/*
 * The words of self-assessment reports and their forms (column headers, labels, the
 * verbs of their sentences). A character Tesseract commonly confuses with another is
 * taken as the other when that makes one of these words and the character as read
 * makes none: 基本文出 is 基本支出, 截宇 截至, 本项日 本项目.
 */
static const char *const domain_words[] = {
    "支出", "支付", "支持", "收支", "预算", "执行", "资金", "项目", "基本", "指标", "满意度", "完成", "目标",
    "年度", "调整", "得分", "分值", "权重", "总分", "合计", "其中", "财政", "拨款", "结转", "结余", "绩效",
    "自评", "截至", "使用", "到位", "等级", "产出", "效益", "数量", "质量", "时效", "成本", "社会", "经济",
    "生态", "服务对象", "偏差", "原因", "改进", "措施", "已", "未完成", "收入", "投入", "人员", "人数",
    "实际", "部门", "单位", "主管", "实施", "资金来源", "中央", "省级", "市级", "县级", "区级", "补助",
    "专项", "整体", "上年", "当年", "本年", "全年", "年初", "决算", "支付率", "执行率", "完成率", "工作",
    "日常", "目录", "科目", "题目", "节目", "数目", "条目", "名目", "项目支出", "土地", "人民", "人口",
    "覆盖", "决策",
};

static const uint32_t confusions[][2] = {
    {0x6587, 0x652F}, /* 文 支 */
    {0x5B87, 0x81F3}, /* 宇 至 */
    {0x65E5, 0x76EE}, /* 日 目 */
    {0x76EE, 0x65E5}, /* 目 日 */
    {0x5DF1, 0x5DF2}, /* 己 已 */
    {0x672B, 0x672A}, /* 末 未 */
    {0x5165, 0x4EBA}, /* 入 人 */
    {0x4EBA, 0x5165}, /* 人 入 */
    {0x58EB, 0x571F}, /* 士 土 */
    {0x6289, 0x6267}, /* 抉 执 */
    {0x5BAA, 0x8986}, /* 宪 覆 */
    {0x4FE9, 0x7B56}, /* 俩 策 */
    {0x592E, 0x6267}, /* 央 执 */
};

/* Does the word w stand in the line's characters cps[0..n) with cps[i] taken as a, across i? */
static bool word_at(const uint32_t *cps, size_t n, size_t i, uint32_t a, const char *w)
{
    uint32_t wc[8];
    size_t wl = 0;
    for (size_t b = 0; w[b] && wl < 8;) {
        uint32_t cp;
        int k = bl_utf8_next((const unsigned char *)w + b, strlen(w + b), &cp);
        b += k < 1 ? 1 : (size_t)k;
        wc[wl++] = cp;
    }
    for (size_t off = 0; off < wl; off++) {
        if (off > i || i - off + wl > n)
            continue;
        size_t s0 = i - off;
        bool ok = true;
        for (size_t k = 0; k < wl && ok; k++)
            ok = (s0 + k == i ? a : cps[s0 + k]) == wc[k];
        if (ok)
            return true;
    }
    return false;
}

static bool makes_word(const uint32_t *cps, size_t n, size_t i, uint32_t a)
{
    for (size_t k = 0; k < sizeof domain_words / sizeof *domain_words; k++)
        if (word_at(cps, n, i, a, domain_words[k]))
            return true;
    return false;
}

/*
 * Put right the confusions the domain's words settle, and 之 before a figure (≥), over
 * the page's characters in reading order (a word may run on to the next line).
 */
static void correct(bl_glyphs *out, size_t first)
{
    size_t a = first;
    while (a < out->n) {
        size_t b = out->n;
        size_t n = b - a;
        uint32_t *cps = bl_xmalloc(n * sizeof *cps);
        for (size_t k = 0; k < n; k++)
            cps[k] = out->g[a + k].cp;
        for (size_t k = 0; k < n; k++) {
            uint32_t c = cps[k];
            /* 之90% / 之 100% / 宇 90%: Tesseract's readings of ≥ (⩾) before a target, at a
             * line's start or after a word */
            size_t nx = k + 1 < n && cps[k + 1] == ' ' ? k + 2 : k + 1;
            if ((c == 0x4E4B || (c == 0x5B87 && !makes_word(cps, n, k, 0x81F3))) && nx < n && cps[nx] >= '0' &&
                cps[nx] <= '9' &&
                (k == 0 || out->g[a + k - 1].line != out->g[a + k].line || cps[k - 1] > 0x2000 || cps[k - 1] == ' ')) {
                out->g[a + k].cp = 0x2265;
                continue;
            }
            for (size_t q = 0; q < sizeof confusions / sizeof *confusions; q++)
                if (confusions[q][0] == c && !makes_word(cps, n, k, c) && makes_word(cps, n, k, confusions[q][1])) {
                    out->g[a + k].cp = confusions[q][1];
                    cps[k] = confusions[q][1];
                    break;
                }
        }
        free(cps);
        a = b;
    }
}

static void paint_poppler(void *ctx, void *cr)
{
    poppler_page_render_for_printing(ctx, cr);
}

int bl_ocr_page(void *poppler_page, bl_glyphs *out, char *err, size_t errsz)
{
    painter pt = {paint_poppler, poppler_page, 0, 0};
    poppler_page_get_size(poppler_page, &pt.pw, &pt.ph);
    return bl_ocr_paint(pt.paint, pt.ctx, pt.pw, pt.ph, out, err, errsz);
}

int bl_ocr_paint(bl_paint_fn paint, void *ctx, double pw, double ph, bl_glyphs *out, char *err, size_t errsz)
{
    const painter pt0 = {paint, ctx, pw, ph}, *pg = &pt0;
    TessBaseAPI *api = get_engine();
    if (!api) {
        snprintf(err, errsz, "%s", engine_err);
        return -1;
    }
    int w, h;
    unsigned char *img = render(pg, OCR_DPI, 0, &w, &h);
    if (!img) {
        snprintf(err, errsz, "the page is too large to render for OCR");
        return -1;
    }
    despeckle(img, w, h);
    double angle = skew(img, w, h);
    if (angle != 0) { /* rendered again, turned straight */
        free(img);
        img = render(pg, OCR_DPI, -angle, &w, &h); /* lines falling to the right: turned back */
        if (!img) {
            snprintf(err, errsz, "the page is too large to render for OCR");
            return -1;
        }
        despeckle(img, w, h);
    }
    /* ruling lines from the straightened image: the layout's, and the cells they close */
    bl_rules rl = {0};
    bl_rules_scan(img, w, h, w, 1, (float)(OCR_DPI / 72.0), &rl);
    rect *cells = NULL;
    int *ids = NULL;
    cellmap map;
    size_t ncells = find_cells(&rl, w * 72.0 / OCR_DPI, h * 72.0 / OCR_DPI, &cells, &ids, &map);
    erase_rules(img, w, h, &rl);
    /* the page whole for the checker: the reader's copy has its cells painted out */
    unsigned char *whole = bl_xmalloc((size_t)w * (size_t)h);
    memcpy(whole, img, (size_t)w * (size_t)h);
    thicken(img, w, h);
    memcpy(whole, img, (size_t)w * (size_t)h);
    collect c = {.out = out, .line = -1, .word = -1, .first = out->n};
    /*
     * each cell on its own, a line at a time: its text cannot run into the next cell's,
     * and Tesseract's own line finding breaks a cell's few words into pieces (清运垃圾量
     * as 清运 / 云 / 垃圾 / 量, 执行率(B/ over A) with 执 on a line of its own) and makes
     * words of its empty rest
     */
    int rc = 0;
    TessBaseAPISetPageSegMode(api, PSM_SINGLE_LINE);
    for (size_t k = 0; k < ncells && rc == 0; k++) {
        rect box = cells[k], lines[64];
        unsigned char *sub = cell_image(img, w, h, &box, ids[k], &map);
        if (!sub)
            continue;
        int bw = box.x1 - box.x0 + 1, bh = box.y1 - box.y0 + 1;
        size_t nl = cell_lines(sub, bw, bh, (rect){0, 0, bw - 1, bh - 1}, lines, sizeof lines / sizeof *lines);
        for (size_t l = 0; l < nl; l++) {
            int cw, ch;
            unsigned char *cut = cut_out(sub, bw, lines[l], &cw, &ch);
            TessBaseAPISetImage(api, cut, cw, ch, 1, cw);
            TessBaseAPISetSourceResolution(api, (int)OCR_DPI);
            c.ox = box.x0 + lines[l].x0 - CELL_MARGIN, c.oy = box.y0 + lines[l].y0 - CELL_MARGIN;
            if (TessBaseAPIRecognize(api, NULL) == 0) {
                take_symbols(api, &c);
            }
            free(cut);
        }
        free(sub);
    }
    free(ids);
    free(map.lab);
    c.ox = c.oy = 0;
    /* then the rest of the page, the cells painted out */
    for (size_t k = 0; k < ncells; k++)
        for (int y = cells[k].y0; y <= cells[k].y1 && y < h; y++)
            memset(img + (size_t)y * (size_t)w + (size_t)cells[k].x0, 255,
                   (size_t)((cells[k].x1 < w ? cells[k].x1 : w - 1) - cells[k].x0 + 1));
    free(cells);
    TessBaseAPISetPageSegMode(api, PSM_AUTO);
    TessBaseAPISetImage(api, img, w, h, 1, w);
    TessBaseAPISetSourceResolution(api, (int)OCR_DPI);
    if (TessBaseAPIRecognize(api, NULL) != 0) {
        snprintf(err, errsz, "Tesseract could not recognise the page");
        rc = -1;
    } else {
        take_symbols(api, &c);
    }
    check_numbers(&c, whole, w, h);
    correct(out, c.first);
    free(whole);
    free(c.nums);
    /* ink boxes leave gaps between the glyphs of a line (around a "." or a "1", between
     * two characters): a glyph's box reaches the next one, as a text layer's advance
     * boxes do, over a gap up to 0.6 of the glyph box height inside a word and 0.2 between
     * words - never across a cell's border */
    for (size_t k = c.first; k + 1 < out->n; k++) {
        bl_glyph *a = &out->g[k], *b = &out->g[k + 1];
        double gap = b->x0 - a->x1, lh = a->y1 - a->y0;
        bool same_word = c.words[k - c.first] == c.words[k + 1 - c.first];
        if (a->line != b->line || gap <= 0 || gap > (same_word ? 0.6 : 0.2) * lh)
            continue;
        bool ruled = false;
        for (size_t v = 0; v < out->nv && !ruled; v++)
            ruled = out->v[v].x0 >= a->x1 && out->v[v].x0 <= b->x0 && out->v[v].y0 < a->y1 && out->v[v].y1 > a->y0;
        if (!ruled)
            a->x1 = b->x0;
    }
    free(c.words);
    /*
     * The rules for the layout, without the strokes of glyphs: a stroke lies inside its
     * text line's band (a vertical one from top to bottom within it, a horizontal one
     * within the line's extent and no longer than a glyph or two), where a border runs
     * past the band, between lines, or along a whole cell.
     */
    int nlines = c.line + 1;
    double (*band)[4] = nlines > 0 ? bl_xmalloc((size_t)nlines * sizeof *band) : NULL;
    for (int l = 0; l < nlines; l++)
        band[l][0] = 1e30, band[l][1] = -1e30, band[l][2] = 1e30, band[l][3] = -1e30;
    for (size_t g = c.first; g < out->n; g++) {
        const bl_glyph *x = &out->g[g];
        if (x->line < 0 || x->line >= nlines)
            continue;
        double *b = band[x->line];
        b[0] = fmin(b[0], x->x0), b[1] = fmax(b[1], x->x1), b[2] = fmin(b[2], x->y0), b[3] = fmax(b[3], x->y1);
    }
    for (int dir = 0; dir < 2; dir++)
        for (size_t k = 0; k < (dir ? rl.nv : rl.nh); k++) {
            const bl_rule *r = dir ? &rl.v[k] : &rl.h[k];
            bool stroke = false;
            for (int l = 0; l < nlines && !stroke; l++) {
                const double *b = band[l];
                stroke = dir ? r->x0 > b[0] - 1 && r->x0 < b[1] + 1 && r->y0 > b[2] - 1 && r->y1 < b[3] + 1
                             : r->y0 > b[2] && r->y0 < b[3] && r->x0 > b[0] - 2 && r->x1 < b[1] + 2 &&
                                   r->x1 - r->x0 < 1.5 * (b[3] - b[2]);
            }
            if (!stroke)
                bl_glyphs_rule(out, r->x0, r->y0, r->x1, r->y1);
        }
    free(band);
    bl_rules_free(&rl);
    TessBaseAPIClear(api);
    free(img);
    return rc;
}
