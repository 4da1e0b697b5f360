/*
 * ofd.c - an OFD document (GB/T 33190-2016: XML parts in a ZIP) to lines.
 *
 * OFD.xml names the document (DocBody/DocRoot); Document.xml lists the pages
 * (Pages/Page BaseLoc) and their templates (CommonData/TemplatePage); each
 * page's Content.xml holds layers of TextObjects (Boundary, CTM, Size, and
 * TextCode runs: X, Y of the first glyph's baseline, DeltaX/DeltaY advances
 * with the "g N d" repeat) and PathObjects (AbbreviatedData: M/S, L, B, Q, A, C).
 * Glyphs become character boxes in points (y down, as Poppler's), straight
 * horizontal and vertical path segments the page's ruling lines; both go to
 * the layout reader the PDF path uses (bl_lines_page), so tables come out the
 * same way. Units are millimetres; a point is 25.4/72 mm.
 */
#include "readers.h"

#include <cairo.h>
#include <libxml/parser.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../core/banned.h"

#define MM_PT (72.0 / 25.4)
#define MAX_GLYPHS BL_GLYPHS_MAX
#define MAX_DEPTH 32        /* nested PageBlocks */
#define MAX_PATH 1024

/* ---- numbers --------------------------------------------------------------------- */

/* One decimal number (locale-free) from *s; false when there is none. */
static bool num(const char **s, double *out)
{
    const char *p = *s;
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == ',')
        p++;
    bool neg = false;
    if (*p == '-' || *p == '+')
        neg = *p++ == '-';
    double v = 0;
    int digits = 0;
    while (*p >= '0' && *p <= '9')
        v = v * 10 + (*p++ - '0'), digits++;
    if (*p == '.') {
        p++;
        double f = 0.1;
        while (*p >= '0' && *p <= '9')
            v += (*p++ - '0') * f, f /= 10, digits++;
    }
    if (!digits)
        return false;
    if (*p == 'e' || *p == 'E') {
        const char *q = p + 1;
        bool eneg = false;
        if (*q == '-' || *q == '+')
            eneg = *q++ == '-';
        int e = 0;
        if (*q >= '0' && *q <= '9') {
            while (*q >= '0' && *q <= '9') {
                if (e < 400)
                    e = e * 10 + (*q - '0');
                q++;
            }
            v *= pow(10, eneg ? -e : e);
            p = q;
        }
    }
    *s = p;
    *out = neg ? -v : v;
    return isfinite(*out);
}

/* Up to max numbers of s into out; returns how many. */
static int nums(const char *s, double *out, int max)
{
    int n = 0;
    double v;
    while (s && n < max && num(&s, &v))
        out[n++] = v;
    return n;
}

/*
 * A DeltaX / DeltaY list: numbers, where "g N d" stands for N times d.
 * Fills out[0..max); returns how many.
 */
static size_t deltas(const char *s, double *out, size_t max)
{
    size_t n = 0;
    while (s && *s && n < max) {
        while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
            s++;
        if (*s == 'g') {
            s++;
            double cnt, d;
            if (!num(&s, &cnt) || !num(&s, &d))
                break;
            for (long k = 0; k < (long)cnt && n < max; k++)
                out[n++] = d;
            continue;
        }
        double d;
        if (!num(&s, &d))
            break;
        out[n++] = d;
    }
    return n;
}

/* ---- paths inside the container ---------------------------------------------------- */

/* dir + "/" + loc, resolved ("/x" is from the root; "." and ".." taken out). */
static void resolve(const char *dir, const char *loc, char *out, size_t size)
{
    char tmp[MAX_PATH];
    while (*loc == ' ' || *loc == '\t' || *loc == '\n')
        loc++;
    if (*loc == '/')
        snprintf(tmp, sizeof tmp, "%s", loc + 1);
    else if (dir && *dir)
        snprintf(tmp, sizeof tmp, "%s/%s", dir, loc);
    else
        snprintf(tmp, sizeof tmp, "%s", loc);
    for (char *p = tmp; *p; p++)
        if (*p == '\\')
            *p = '/';
    /* take the parts apart and put them back without . and .. */
    char *parts[128];
    int np = 0;
    char *p = tmp;
    while (*p) {
        char *e = strchr(p, '/');
        if (e)
            *e = '\0';
        if (!*p || strcmp(p, ".") == 0) {
        } else if (strcmp(p, "..") == 0) {
            if (np)
                np--;
        } else if (np < 128) {
            parts[np++] = p;
        }
        if (!e)
            break;
        p = e + 1;
    }
    size_t o = 0;
    out[0] = '\0';
    for (int k = 0; k < np && o + 1 < size; k++)
        o += (size_t)snprintf(out + o, size - o, "%s%s", k ? "/" : "", parts[k]);
    size_t tl = strlen(out);
    while (tl && (out[tl - 1] == ' ' || out[tl - 1] == '\n' || out[tl - 1] == '\r'))
        out[--tl] = '\0';
}

static void dir_of(const char *path, char *out, size_t size)
{
    snprintf(out, size, "%s", path);
    char *s = strrchr(out, '/');
    if (s)
        *s = '\0';
    else
        out[0] = '\0';
}

static const char *content(const xmlNode *n)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
            return (const char *)c->content;
    return NULL;
}

/* ---- page content -------------------------------------------------------------------- */

typedef struct {
    double a, b, c, d, e, f; /* x' = a x + c y + e, y' = b x + d y + f */
} ctm;

static ctm ctm_of(const xmlNode *n, double bx, double by)
{
    ctm m = {1, 0, 0, 1, 0, 0};
    double v[6];
    if (nums(bl_xml_attr(n, "CTM"), v, 6) == 6)
        m = (ctm){v[0], v[1], v[2], v[3], v[4], v[5]};
    m.e += bx, m.f += by; /* object space is relative to the Boundary's corner */
    return m;
}

static void apply(const ctm *m, double x, double y, double *ox, double *oy)
{
    *ox = m->a * x + m->c * y + m->e;
    *oy = m->b * x + m->d * y + m->f;
}

static bool add_glyph(bl_glyphs *pg, uint32_t cp, double x0, double y0, double x1, double y1)
{
    return bl_glyphs_add(pg, cp, x0 * MM_PT, y0 * MM_PT, x1 * MM_PT, y1 * MM_PT, BL_GLYPH_SURE, -1);
}

/* Full-width in the CJK fonts reports are set in: ideographs, CJK and full-width forms, and
 * the punctuation Chinese text shares with Latin (quotes, dashes, ellipsis, middle dot). */
static bool wide(uint32_t cp)
{
    return cp >= 0x2E80 || (cp >= 0x1100 && cp < 0x1200) || (cp >= 0x2010 && cp <= 0x2027) || cp == 0xB7 ||
           (cp >= 0x2460 && cp < 0x2800);
}

/* A glyph's width in ems when nothing tells it: full for CJK, about half for Latin letters and
 * digits, a third for narrow punctuation (as Noto and SimSun set them). */
static double glyph_em(uint32_t cp)
{
    if (wide(cp))
        return 1.0;
    if (cp < 0x80 && strchr("()[]{},.:;!'\"|` ", (int)cp))
        return 0.35;
    return 0.55;
}

static void text_object(bl_glyphs *pg, const xmlNode *t)
{
    double bnd[4] = {0, 0, 0, 0};
    nums(bl_xml_attr(t, "Boundary"), bnd, 4);
    ctm m = ctm_of(t, bnd[0], bnd[1]);
    double size = 3.5; /* mm: the spec's default is none; about 10 pt */
    const char *sz = bl_xml_attr(t, "Size");
    if (sz) {
        double v;
        if (nums(sz, &v, 1) == 1 && v > 0 && v < 1000)
            size = v;
    }
    double x = 0, y = 0;
    double *dx = NULL, *dy = NULL;
    for (const xmlNode *tc = t->children; tc; tc = tc->next) {
        if (!bl_xml_is(tc, "TextCode"))
            continue;
        double v;
        const char *ax = bl_xml_attr(tc, "X"), *ay = bl_xml_attr(tc, "Y");
        if (ax && nums(ax, &v, 1) == 1)
            x = v;
        if (ay && nums(ay, &v, 1) == 1)
            y = v;
        const char *s = content(tc);
        if (!s)
            continue;
        size_t n = strlen(s), nchar = 0;
        for (size_t k = 0; k < n; k++)
            nchar += ((unsigned char)s[k] & 0xC0) != 0x80;
        if (nchar > MAX_GLYPHS)
            nchar = MAX_GLYPHS;
        dx = bl_xrealloc(dx, (nchar + 1) * sizeof *dx);
        dy = bl_xrealloc(dy, (nchar + 1) * sizeof *dy);
        size_t ndx = deltas(bl_xml_attr(tc, "DeltaX"), dx, nchar), ndy = deltas(bl_xml_attr(tc, "DeltaY"), dy, nchar);
        size_t i = 0, k = 0;
        while (i < n) {
            uint32_t cp;
            int len = bl_utf8_next((const unsigned char *)s + i, n - i, &cp);
            if (len < 0)
                len = 1;
            i += (size_t)len;
            if (cp == '\n' || cp == '\r' || cp == '\t')
                cp = ' ';
            /* its box: its advance to the next glyph while that is no wider than the glyph
             * (glyph_em); past that the advance holds a gap (between two cells, or evenly
             * spread characters) that is no part of it */
            double em = size * glyph_em(cp);
            double adv = k < ndx ? dx[k] : em;
            double w = adv > 0 && adv <= em * 1.05 ? adv : em;
            double x0, y0, x1, y1;
            /* from 0.95 em above the baseline to 0.35 em below: the box Poppler gives a
             * CJK font's glyph (its ascent and descent), so thresholds in line heights agree */
            apply(&m, x, y - size * 0.95, &x0, &y0);
            apply(&m, x + w, y + size * 0.35, &x1, &y1);
            if (x1 < x0) {
                double tmp = x0;
                x0 = x1, x1 = tmp;
            }
            if (y1 < y0) {
                double tmp = y0;
                y0 = y1, y1 = tmp;
            }
            if (!add_glyph(pg, cp, x0, y0, x1, y1))
                break;
            x += k < ndx ? dx[k] : adv;
            if (k < ndy)
                y += dy[k];
            k++;
        }
    }
    free(dx);
    free(dy);
}

static void add_rule(bl_glyphs *pg, double x0, double y0, double x1, double y1)
{
    bl_glyphs_rule(pg, x0 * MM_PT, y0 * MM_PT, x1 * MM_PT, y1 * MM_PT);
}

/* What a path's outline is turned into: rules for the layout, or a drawing for OCR. */
typedef struct {
    void (*move)(void *ctx, double x, double y);
    void (*line)(void *ctx, double x0, double y0, double x1, double y1);
    void (*curve)(void *ctx, const double *xy, int n); /* n points, the last one the end */
    void (*close)(void *ctx, double x0, double y0, double x1, double y1);
    void *ctx;
} path_sink;

/* A PathObject's AbbreviatedData (M/S, L, Q, B, A, C), in page millimetres through its CTM. */
static void walk_path(const xmlNode *p, const path_sink *k)
{
    const char *d = content(bl_xml_child(p, "AbbreviatedData"));
    if (!d)
        return;
    double bnd[4] = {0, 0, 0, 0};
    nums(bl_xml_attr(p, "Boundary"), bnd, 4);
    ctm m = ctm_of(p, bnd[0], bnd[1]);
    double cx = 0, cy = 0, sx = 0, sy = 0;
    const char *s = d;
    int guard = 0;
    while (*s && guard++ < 100000) {
        while (*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t')
            s++;
        char op = *s;
        if (!op)
            break;
        s++;
        double v[7];
        int want = op == 'M' || op == 'S' || op == 'L' ? 2 : op == 'Q' ? 4 : op == 'B' ? 6 : op == 'A' ? 7 : 0;
        int got = 0;
        while (got < want && num(&s, &v[got]))
            got++;
        if (got < want) {
            if (want == 0 && op != 'C')
                continue; /* unknown operator: skip it */
            if (want)
                break;
        }
        double ax, ay;
        if (op == 'M' || op == 'S') {
            apply(&m, v[0], v[1], &cx, &cy);
            sx = cx, sy = cy;
            if (k->move)
                k->move(k->ctx, cx, cy);
        } else if (op == 'L') {
            apply(&m, v[0], v[1], &ax, &ay);
            k->line(k->ctx, cx, cy, ax, ay);
            cx = ax, cy = ay;
        } else if (op == 'Q' || op == 'B') {
            double xy[6];
            for (int i = 0; i < got / 2; i++)
                apply(&m, v[2 * i], v[2 * i + 1], &xy[2 * i], &xy[2 * i + 1]);
            if (k->curve)
                k->curve(k->ctx, xy, got / 2);
            cx = xy[got - 2], cy = xy[got - 1];
        } else if (op == 'A') { /* an arc: its end point, drawn straight */
            apply(&m, v[5], v[6], &ax, &ay);
            if (k->curve)
                k->line(k->ctx, cx, cy, ax, ay);
            cx = ax, cy = ay;
        } else if (op == 'C') {
            k->close(k->ctx, cx, cy, sx, sy);
            cx = sx, cy = sy;
        }
    }
}

static void rule_line(void *ctx, double x0, double y0, double x1, double y1)
{
    add_rule(ctx, x0, y0, x1, y1);
}

/* A path's straight segments: the ruling lines of tables drawn as paths. */
static void path_object(bl_glyphs *pg, const xmlNode *p)
{
    const path_sink k = {NULL, rule_line, NULL, rule_line, pg};
    walk_path(p, &k);
}

/* ---- outlines drawn for OCR: a page whose text is paths, not TextObjects -------------------- */

static void c_move(void *cr, double x, double y)
{
    cairo_move_to(cr, x * MM_PT, y * MM_PT);
}

static void c_line(void *cr, double x0, double y0, double x1, double y1)
{
    if (!cairo_has_current_point(cr))
        cairo_move_to(cr, x0 * MM_PT, y0 * MM_PT);
    cairo_line_to(cr, x1 * MM_PT, y1 * MM_PT);
}

static void c_curve(void *cr, const double *xy, int n)
{
    if (n == 3)
        cairo_curve_to(cr, xy[0] * MM_PT, xy[1] * MM_PT, xy[2] * MM_PT, xy[3] * MM_PT, xy[4] * MM_PT, xy[5] * MM_PT);
    else if (n == 2) /* quadratic: as a cubic through the same control point */
        cairo_curve_to(cr, xy[0] * MM_PT, xy[1] * MM_PT, xy[0] * MM_PT, xy[1] * MM_PT, xy[2] * MM_PT, xy[3] * MM_PT);
}

static void c_close(void *cr, double x0, double y0, double x1, double y1)
{
    (void)x0, (void)y0, (void)x1, (void)y1;
    cairo_close_path(cr);
}

/* A colour element's Value ("r g b" 0..255, or "#rr #gg #bb"); black when absent. */
static void set_colour(cairo_t *cr, const xmlNode *c)
{
    const char *v = bl_xml_attr(c, "Value");
    double rgb[3] = {0, 0, 0};
    for (int i = 0; v && *v && i < 3; i++) {
        while (*v == ' ')
            v++;
        char *end;
        rgb[i] = (double)(*v == '#' ? strtol(v + 1, &end, 16) : strtol(v, &end, 10)) / 255.0;
        if (end == v)
            break;
        v = end;
    }
    cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
}

static void draw_objects(cairo_t *cr, const xmlNode *n, int depth)
{
    if (depth > MAX_DEPTH)
        return;
    const path_sink k = {c_move, c_line, c_curve, c_close, cr};
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (bl_xml_is(c, "PathObject")) {
            const char *fill = bl_xml_attr(c, "Fill"), *stroke = bl_xml_attr(c, "Stroke");
            const char *rule = bl_xml_attr(c, "Rule");
            bool do_fill = fill && strcmp(fill, "true") == 0, do_stroke = !stroke || strcmp(stroke, "true") == 0;
            cairo_new_path(cr);
            walk_path(c, &k);
            cairo_set_fill_rule(cr, rule && strcmp(rule, "Even-Odd") == 0 ? CAIRO_FILL_RULE_EVEN_ODD
                                                                         : CAIRO_FILL_RULE_WINDING);
            if (do_fill) {
                set_colour(cr, bl_xml_child(c, "FillColor"));
                do_stroke ? cairo_fill_preserve(cr) : cairo_fill(cr);
            }
            if (do_stroke) {
                double lw = 0.353, v;
                if (nums(bl_xml_attr(c, "LineWidth"), &v, 1) == 1 && v > 0 && v < 50)
                    lw = v;
                cairo_set_line_width(cr, lw * MM_PT);
                set_colour(cr, bl_xml_child(c, "StrokeColor"));
                cairo_stroke(cr);
            }
            cairo_new_path(cr);
        } else if (bl_xml_is(c, "Layer") || bl_xml_is(c, "PageBlock") || bl_xml_is(c, "Content")) {
            draw_objects(cr, c, depth + 1);
        }
    }
}

/* The contents (templates, then the page's own) a page is drawn from. */
typedef struct {
    const xmlNode *content[17];
    int n;
} page_parts;

static void paint_ofd(void *ctx, void *cr)
{
    const page_parts *pp = ctx;
    for (int k = 0; k < pp->n; k++)
        draw_objects(cr, pp->content[k], 0);
}

static bool has_paths(const xmlNode *n, int depth)
{
    for (const xmlNode *c = n->children; c && depth <= MAX_DEPTH; c = c->next)
        if (bl_xml_is(c, "PathObject") ||
            ((bl_xml_is(c, "Layer") || bl_xml_is(c, "PageBlock")) && has_paths(c, depth + 1)))
            return true;
    return false;
}

static void objects(bl_glyphs *pg, const xmlNode *n, int depth)
{
    if (depth > MAX_DEPTH)
        return;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (bl_xml_is(c, "TextObject"))
            text_object(pg, c);
        else if (bl_xml_is(c, "PathObject"))
            path_object(pg, c);
        else if (bl_xml_is(c, "Layer") || bl_xml_is(c, "PageBlock") || bl_xml_is(c, "Content"))
            objects(pg, c, depth + 1);
    }
}

/* ---- the document ------------------------------------------------------------------------- */

typedef struct {
    char id[32];
    char loc[MAX_PATH];
} tpl;

int bl_extract_ofd(bl_doc *doc, bl_zip *z, const bl_extract_opts *o)
{
    xmlDoc *ofd = bl_zip_xml(z, doc, "OFD", "OFD.xml");
    if (!ofd)
        return -1;
    char docroot[MAX_PATH] = "";
    const xmlNode *body = bl_xml_child(xmlDocGetRootElement(ofd), "DocBody");
    const char *dr = content(bl_xml_child(body, "DocRoot"));
    if (dr)
        resolve("", dr, docroot, sizeof docroot);
    xmlFreeDoc(ofd);
    if (!docroot[0])
        return bl_doc_fail(doc, BL_ERR_FORMAT, "damaged", "damaged OFD: OFD.xml names no document (DocBody/DocRoot)");
    xmlDoc *dx = bl_zip_xml(z, doc, "OFD", docroot);
    if (!dx)
        return -1;
    char ddir[MAX_PATH];
    dir_of(docroot, ddir, sizeof ddir);
    const xmlNode *droot = xmlDocGetRootElement(dx);
    const xmlNode *common = bl_xml_child(droot, "CommonData");
    tpl *tpls = NULL;
    size_t ntpl = 0;
    for (const xmlNode *c = common ? common->children : NULL; c; c = c->next)
        if (bl_xml_is(c, "TemplatePage") && bl_xml_attr(c, "ID") && bl_xml_attr(c, "BaseLoc") && ntpl < 256) {
            tpls = bl_xrealloc(tpls, (ntpl + 1) * sizeof *tpls);
            snprintf(tpls[ntpl].id, sizeof tpls[ntpl].id, "%s", bl_xml_attr(c, "ID"));
            resolve(ddir, bl_xml_attr(c, "BaseLoc"), tpls[ntpl].loc, sizeof tpls[ntpl].loc);
            ntpl++;
        }
    int max_pages = (o && o->max_pages) ? o->max_pages : 5000;
    int npages = 0;
    for (const xmlNode *p = bl_xml_child(bl_xml_child(droot, "Pages"), "Page"); p; p = p->next)
        npages += bl_xml_is(p, "Page");
    if (npages > max_pages) {
        xmlFreeDoc(dx);
        free(tpls);
        return bl_doc_fail(doc, BL_ERR_LIMIT, "too-large", "OFD has %d pages, more than the limit %d", npages,
                           max_pages);
    }
    bl_lines L = {doc, BL_BUF_INIT, 0};
    bl_layout_state lst = {0};
    bl_buf text = BL_BUF_INIT;
    bl_ocr_state os = {BL_BUF_INIT, NULL, 0, 0, 0};
    int ocr = o ? o->ocr : BL_OCR_AUTO;
    /* the page size when a page does not give its own (millimetres) */
    double area[4] = {0, 0, 210, 297};
    nums(content(bl_xml_child(bl_xml_child(common, "PageArea"), "PhysicalBox")), area, 4);
    const double page_w = area[2], page_h = area[3];
    size_t visible = 0;
    int pageno = 0, rc = 0;
    for (const xmlNode *p = bl_xml_child(bl_xml_child(droot, "Pages"), "Page"); p && rc == 0; p = p->next) {
        if (!bl_xml_is(p, "Page"))
            continue;
        pageno++;
        const char *loc = bl_xml_attr(p, "BaseLoc");
        if (!loc) {
            rc = bl_doc_fail(doc, BL_ERR_FORMAT, "damaged", "damaged OFD: page %d has no BaseLoc", pageno);
            break;
        }
        char part[MAX_PATH];
        resolve(ddir, loc, part, sizeof part);
        bl_glyphs pg = {0};
        /* the page's templates first (what is printed under it), then its own content */
        xmlDoc *px = bl_zip_xml(z, doc, "OFD", part);
        if (!px) {
            rc = -1;
            break;
        }
        xmlDoc *tdocs[16];
        int ntdocs = 0;
        page_parts pp = {{NULL}, 0};
        const xmlNode *proot = xmlDocGetRootElement(px);
        for (const xmlNode *t = proot ? proot->children : NULL; t && rc == 0; t = t->next) {
            const char *tid = bl_xml_is(t, "Template") ? bl_xml_attr(t, "TemplateID") : NULL;
            for (size_t k = 0; tid && k < ntpl && ntdocs < 16; k++)
                if (strcmp(tpls[k].id, tid) == 0) {
                    xmlDoc *tx = bl_zip_xml(z, doc, "OFD", tpls[k].loc);
                    if (!tx) {
                        rc = -1;
                        break;
                    }
                    tdocs[ntdocs++] = tx;
                    const xmlNode *tc = bl_xml_child(xmlDocGetRootElement(tx), "Content");
                    if (tc) {
                        objects(&pg, tc, 0);
                        pp.content[pp.n++] = tc;
                    }
                }
        }
        const xmlNode *c = bl_xml_child(proot, "Content");
        if (c) {
            objects(&pg, c, 0);
            pp.content[pp.n++] = c;
        }
        /* a page of outlines and no text: read from its drawing */
        bool read_by_ocr = false;
        if (rc == 0 && pg.n == 0 && ocr != BL_OCR_NEVER) {
            bool paths = false;
            for (int k = 0; k < pp.n && !paths; k++)
                paths = has_paths(pp.content[k], 0);
            if (paths) {
                double box[4] = {0, 0, page_w, page_h};
                nums(content(bl_xml_child(bl_xml_child(proot, "Area"), "PhysicalBox")), box, 4);
                bl_glyphs og = {0};
                char err[300];
                if (bl_ocr_paint(paint_ofd, &pp, box[2] * MM_PT, box[3] * MM_PT, &og, err, sizeof err) < 0) {
                    if (!doc->ocr_error)
                        doc->ocr_error = bl_strndup(doc->arena, err, strlen(err));
                } else if (og.n) {
                    visible += bl_ocr_lines(&L, &og, pageno, &lst, &os);
                    read_by_ocr = true;
                }
                bl_glyphs_free(&og);
            }
        }
        for (int k = 0; k < ntdocs; k++)
            xmlFreeDoc(tdocs[k]);
        xmlFreeDoc(px);
        if (rc == 0 && !read_by_ocr) {
            text.len = 0;
            bl_box *boxes = NULL;
            size_t nb = bl_glyphs_text(&pg, &text, &boxes, NULL);
            for (size_t k = 0; k < pg.n; k++)
                visible += pg.g[k].cp != ' ';
            bl_buf clean = BL_BUF_INIT;
            doc->bad_utf8 += bl_utf8_sanitize(&clean, text.data ? text.data : "", text.len);
            bl_lines_page(&L, clean.data ? clean.data : "", clean.len, boxes, clean.len == text.len ? nb : 0,
                          pageno, &lst, bl_glyphs_rules, &pg);
            if (os.page)
                bl_ocr_map(&L, &os, 0, NULL, 0); /* a row of the last OCR page flushed here */
            bl_buf_release(&clean);
            free(boxes);
        }
        bl_glyphs_free(&pg);
    }
    bl_layout_flush(doc, &L.raw, &L.cap, &lst);
    if (os.page)
        bl_ocr_map(&L, &os, 0, NULL, 0);
    bl_buf_release(&text);
    free(tpls);
    xmlFreeDoc(dx);
    doc->npages = pageno;
    bl_lines_finish(&L);
    bl_ocr_finish(doc, &os);
    if (rc)
        return rc;
    if (pageno == 0)
        return bl_doc_fail(doc, BL_ERR_FORMAT, "damaged", "OFD has no pages");
    if (visible == 0)
        return doc->ocr_error ? bl_doc_fail(doc, BL_ERR_UNSUPPORTED, "no-text-layer",
                                            "OFD has no text (its pages are images or outlines) and %s", doc->ocr_error)
                              : bl_doc_fail(doc, BL_ERR_UNSUPPORTED, "no-text-layer",
                                            "OFD has no text objects, and OCR found no text in its drawing");
    return 0;
}
