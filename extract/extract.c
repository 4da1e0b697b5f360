/* extract.c - PDF (Poppler GLib) and text (UTF-8, GB18030 via iconv) to lines. */
#include "extract.h"

#include <errno.h>
#include <iconv.h>
#include <cairo.h>
#include <poppler.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "readers.h"

#include "../core/banned.h"

#define DEFAULT_MAX_PAGES 5000

/*
 * A text line written as a table row, "| a | b | c |": the cells, trimmed, as
 * tab-joined text with their columns (empty cells keep their column number).
 */
static bool pipe_row(bl_doc *doc, bl_buf *raw, bl_line *l, const char *s, size_t len)
{
    size_t a = 0, b = len;
    while (a < b && (s[a] == ' ' || s[a] == '\t'))
        a++;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
        b--;
    if (b - a < 3 || s[a] != '|' || s[b - 1] != '|')
        return false;
    int ncells = 0;
    for (size_t i = a; i + 1 < b; i++)
        ncells += s[i] == '|';
    if (ncells < 2)
        return false;
    l->cells = bl_alloc(doc->arena, (size_t)ncells * sizeof *l->cells);
    l->off = raw->len;
    int col = 0;
    size_t i = a + 1;
    while (i < b) {
        size_t j = i;
        while (j < b && s[j] != '|')
            j++;
        size_t x = i, y = j;
        while (x < y && s[x] == ' ')
            x++;
        while (y > x && s[y - 1] == ' ')
            y--;
        if (y > x) {
            if (l->ncells)
                bl_buf_addc(raw, '\t');
            bl_cell *c = &l->cells[l->ncells++];
            c->off = raw->len;
            c->len = y - x;
            c->col = col;
            c->x0 = (float)col;
            c->x1 = (float)col + 0.9f;
            bl_buf_add(raw, s + x, y - x);
        }
        col++;
        i = j + 1;
    }
    l->len = raw->len - l->off;
    bl_buf_addc(raw, '\n');
    return true;
}

/* Pipe tables of text input: a table whose page ends in it and whose next page
 * starts with a row continues there (row numbers too), as PDF tables do. */
typedef struct {
    int table, row;
    bool open;
} pipe_state;

/* Append one page's text (already UTF-8 sanitized) as lines; text pages may hold
 * "| a | b |" rows (st non-NULL). */
static void add_page_lines(bl_lines *L, const char *s, size_t n, int page, pipe_state *st)
{
    bl_doc *doc = L->doc;
    bl_buf *raw = &L->raw;
    int line = 0;
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && s[j] != '\n')
            j++;
        size_t len = j - i;
        if (len && s[j - 1] == '\r')
            len--;
        line++;
        bl_line *l = bl_lines_add(L, page, line);
        if (st && len && memchr(s + i, '|', len) && pipe_row(doc, raw, l, s + i, len)) {
            if (!st->open)
                ++st->table, st->row = 0;
            st->open = true;
            l->table = st->table;
            l->row = ++st->row;
        } else {
            size_t skip = 0;
            if (st) {
                st->open = false;
                /* "# title", "## heading": markup around a line, not its text */
                while (skip < len && skip < 6 && s[i + skip] == '#')
                    skip++;
                if (skip && skip < len && s[i + skip] == ' ')
                    skip++;
                else
                    skip = 0;
            }
            len -= skip;
            i += skip;
            l->off = raw->len;
            l->len = len;
            bl_buf_add(raw, s + i, len);
            bl_buf_addc(raw, '\n');
        }
        i = j + 1;
    }
}

bl_line *bl_lines_add(bl_lines *L, int page, int line)
{
    bl_doc *doc = L->doc;
    if (doc->nlines == L->cap) {
        size_t nc = L->cap ? L->cap * 2 : 256;
        doc->lines = bl_grow(doc->arena, doc->lines, sizeof *doc->lines, doc->nlines, nc);
        L->cap = nc;
    }
    bl_line *l = &doc->lines[doc->nlines++];
    memset(l, 0, sizeof *l);
    l->indent = l->fill = -1;
    l->page = page;
    l->line = line;
    return l;
}

void bl_lines_finish(bl_lines *L)
{
    L->doc->raw = bl_strndup(L->doc->arena, L->raw.data ? L->raw.data : "", L->raw.len);
    L->doc->raw_len = L->raw.len;
    bl_buf_release(&L->raw);
}

/* ---- text ------------------------------------------------------------------ */

static int to_utf8(bl_doc *doc, const char *enc, const char *data, size_t len, bl_buf *out)
{
    iconv_t cd = iconv_open("UTF-8", enc);
    if (cd == (iconv_t)-1)
        return bl_doc_fail(doc, BL_ERR_FORMAT, "bad-encoding", "unknown encoding '%s'", enc);
    char *in = (char *)data;
    size_t inleft = len;
    char chunk[4096];
    while (inleft > 0) {
        char *o = chunk;
        size_t oleft = sizeof chunk;
        size_t r = iconv(cd, &in, &inleft, &o, &oleft);
        bl_buf_add(out, chunk, sizeof chunk - oleft);
        if (r == (size_t)-1) {
            if (errno == E2BIG)
                continue;
            size_t at = len - inleft;
            iconv_close(cd);
            return bl_doc_fail(doc, BL_ERR_FORMAT, "bad-encoding",
                               "invalid %s byte sequence at byte %zu", enc, at);
        }
    }
    iconv_close(cd);
    return 0;
}

static int extract_text(bl_doc *doc, const char *data, size_t len, const bl_extract_opts *o)
{
    bl_buf utf = BL_BUF_INIT;
    bool valid = false;
    if (o && o->encoding) {
        if (to_utf8(doc, o->encoding, data, len, &utf) < 0) {
            bl_buf_release(&utf);
            return -1;
        }
    } else if (bl_utf8_valid(data, len)) {
        bl_buf_add(&utf, data, len);
        valid = true;
    } else if (to_utf8(doc, "GB18030", data, len, &utf) < 0) {
        /* neither UTF-8 nor GB18030: keep the UTF-8 reading with U+FFFD */
        doc->err.cls = BL_OK;
        bl_buf_release(&utf);
        bl_buf_add(&utf, data, len);
    }
    const char *s = utf.data ? utf.data : "";
    size_t n = utf.len;
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        s += 3, n -= 3;
    bl_buf clean = BL_BUF_INIT;
    bl_lines L = {doc, BL_BUF_INIT, 0};
    if (valid && !memchr(s, '\0', n))
        bl_buf_add(&clean, s, n); /* already valid: one copy, no second decoding pass */
    else
        doc->bad_utf8 = bl_utf8_sanitize(&clean, s, n);
    bl_buf_release(&utf);
    int page = 1;
    pipe_state tables = {0, 0, false};
    const char *p = clean.data ? clean.data : "";
    size_t left = clean.len;
    while (1) {
        const char *ff = memchr(p, '\f', left);
        size_t seg = ff ? (size_t)(ff - p) : left;
        if (seg || !ff)
            add_page_lines(&L, p, seg, page, &tables);
        if (!ff)
            break;
        p += seg + 1;
        left -= seg + 1;
        if (left == 0)
            break;
        page++;
    }
    doc->npages = page;
    bl_buf_release(&clean);
    bl_lines_finish(&L);
    return 0;
}

/* ---- PDF --------------------------------------------------------------------- */

/* Poppler reports syntax problems through GLib logging; keep them off stderr. */
static void quiet_log(const gchar *domain, GLogLevelFlags level, const gchar *msg, gpointer data)
{
    (void)domain, (void)level, (void)msg, (void)data;
}

static PopplerDocument *open_with_password(bl_doc *doc, const char *data, size_t len,
                                           const char *password, GError **gerr)
{
    char tmpl[] = "/tmp/budgetlint-XXXXXX";
    char *abs = strcmp(doc->path, "-") != 0 ? realpath(doc->path, NULL) : NULL;
    const char *path = abs;
    int fd = -1;
    if (!path) {
        fd = mkstemp(tmpl);
        if (fd < 0 || write(fd, data, len) != (ssize_t)len) {
            if (fd >= 0)
                close(fd), unlink(tmpl);
            g_set_error(gerr, POPPLER_ERROR, POPPLER_ERROR_INVALID, "cannot write a temporary file");
            return NULL;
        }
        close(fd);
        path = tmpl;
    }
    char *uri = g_filename_to_uri(path, NULL, gerr);
    PopplerDocument *pd = uri ? poppler_document_new_from_file(uri, password, gerr) : NULL;
    g_free(uri);
    if (fd >= 0)
        unlink(tmpl);
    free(abs);
    return pd;
}

/* How many characters of t[0..n) are not white space. */
static size_t count_visible(const char *t, size_t n)
{
    size_t v = 0;
    for (size_t k = 0; k < n; k++)
        v += !(t[k] == ' ' || t[k] == '\n' || t[k] == '\r' || t[k] == '\t' || t[k] == '\f');
    return v;
}

typedef struct {
    double y, x;
    gchar *text;
} placed;

static void add_placed(placed **v, size_t *n, size_t *cap, const PopplerRectangle *at, gchar *text)
{
    if (*n == *cap)
        *v = bl_xrealloc(*v, (*cap = *cap ? *cap * 2 : 16) * sizeof **v);
    (*v)[(*n)++] = (placed){at->y1, at->x1, text};
}

static int cmp_placed(const void *a, const void *b)
{
    const placed *p = a, *q = b;
    if (p->y != q->y)
        return p->y < q->y ? -1 : 1;
    return (p->x > q->x) - (p->x < q->x);
}

/*
 * A page with no text of its own whose words sit in form fields (the values filled in)
 * or free-text annotations (text typed onto the page): those, top to bottom, as the
 * page's lines. Notes and highlights (budgetlint's own among them) are not page text.
 * Returns how many visible characters they add.
 */
static size_t field_text(bl_lines *L, PopplerPage *pg, int page)
{
    bl_doc *doc = L->doc;
    placed *v = NULL;
    size_t n = 0, vcap = 0;
    GList *forms = poppler_page_get_form_field_mapping(pg);
    for (GList *l = forms; l; l = l->next) {
        PopplerFormFieldMapping *m = l->data;
        if (poppler_form_field_get_field_type(m->field) != POPPLER_FORM_FIELD_TEXT)
            continue;
        gchar *txt = poppler_form_field_text_get_text(m->field);
        if (txt)
            add_placed(&v, &n, &vcap, &m->area, txt);
    }
    poppler_page_free_form_field_mapping(forms);
    GList *annots = poppler_page_get_annot_mapping(pg);
    for (GList *l = annots; l; l = l->next) {
        PopplerAnnotMapping *m = l->data;
        if (poppler_annot_get_annot_type(m->annot) != POPPLER_ANNOT_FREE_TEXT)
            continue;
        gchar *txt = poppler_annot_get_contents(m->annot);
        if (txt)
            add_placed(&v, &n, &vcap, &m->area, txt);
    }
    poppler_page_free_annot_mapping(annots);
    if (n > 1)
        qsort(v, n, sizeof *v, cmp_placed);
    bl_buf text = BL_BUF_INIT, clean = BL_BUF_INIT;
    for (size_t k = 0; k < n; k++) {
        bl_buf_adds(&text, v[k].text);
        bl_buf_addc(&text, '\n');
        g_free(v[k].text);
    }
    free(v);
    size_t visible = 0;
    if (text.len) {
        doc->bad_utf8 += bl_utf8_sanitize(&clean, text.data, text.len);
        visible = count_visible(clean.data, clean.len);
        add_page_lines(L, clean.data, clean.len, page, NULL);
    }
    bl_buf_release(&text);
    bl_buf_release(&clean);
    return visible;
}


/*
 * Each prose line's first-line indent and fill, from the boxes of the page's
 * characters (one per character of text, newlines included): the line's first
 * visible character's left edge against the leftmost on the page, in character
 * heights; its last one's right edge, in percent of the page's text width.
 */
static void set_indents(bl_doc *doc, size_t first, const char *text, size_t n, const bl_box *r, size_t nr)
{
    size_t nl = doc->nlines - first;
    if (!nl)
        return;
    double *x = bl_xmalloc(nl * sizeof *x), *h = bl_xmalloc(nl * sizeof *h), *e = bl_xmalloc(nl * sizeof *e);
    size_t line = 0, i = 0, idx = 0;
    bool seen = false;
    for (size_t k = 0; k < nl; k++)
        x[k] = -1, h[k] = 0, e[k] = -1;
    while (i < n && line < nl && idx < nr) {
        uint32_t cp;
        int len = bl_utf8_next((const unsigned char *)text + i, n - i, &cp);
        if (len < 0)
            len = 1;
        if (cp == '\n') {
            line++;
            seen = false;
        } else if (!seen && cp != ' ' && cp != 0x3000 && cp != '\t' && cp != '\r' &&
                   r[idx].x2 > r[idx].x1) {
            x[line] = r[idx].x1, h[line] = r[idx].y2 - r[idx].y1;
            seen = true;
        }
        if (cp != '\n' && cp != ' ' && cp != 0x3000 && cp != '\t' && cp != '\r' && r[idx].x2 > r[idx].x1 &&
            line < nl)
            e[line] = r[idx].x2;
        i += (size_t)len;
        idx++;
    }
    double left = 1e30, right = -1;
    for (size_t k = 0; k < nl; k++) {
        if (x[k] >= 0 && x[k] < left)
            left = x[k];
        if (e[k] > right)
            right = e[k];
    }
    for (size_t k = 0; k < nl; k++) {
        bl_line *L = &doc->lines[first + k];
        if (x[k] < 0 || h[k] <= 0 || L->table)
            continue;
        double em = (x[k] - left) / h[k];
        L->indent = (signed char)(em < 0.5 ? 0 : em > 100 ? 100 : (int)(em + 0.5));
        if (right > left && e[k] >= left)
            L->fill = (signed char)(100 * (e[k] - left) / (right - left) + 0.5);
    }
    free(x);
    free(h);
    free(e);
}

void bl_lines_page(bl_lines *L, const char *text, size_t n, const bl_box *boxes, size_t nbox, int page,
                   bl_layout_state *st, bl_rules_fn rules, void *rules_ctx)
{
    /* tables from the characters' boxes; pages without one keep the text's line order */
    if (n && nbox && bl_layout_page(L->doc, &L->raw, &L->cap, text, n, boxes, nbox, page, st, rules, rules_ctx))
        return;
    bl_layout_flush(L->doc, &L->raw, &L->cap, st);
    size_t first = L->doc->nlines;
    add_page_lines(L, text, n, page, NULL);
    if (nbox)
        set_indents(L->doc, first, text, n, boxes, nbox);
}

/*
 * The page's ruling lines, for the layout reader: the page rendered at one
 * pixel a point (a table's 0.5 pt borders still darken a pixel), then
 * scanned for long thin dark runs. Only pages that may hold a table ask.
 */
#define RULES_SCALE 1.0
#define RULES_MAX_PIXELS (4000 * 4000)

static bool page_rules(void *ctx, bl_rules *out)
{
    PopplerPage *pg = ctx;
    double pw = 0, ph = 0;
    poppler_page_get_size(pg, &pw, &ph);
    int w = (int)(pw * RULES_SCALE + 0.5), h = (int)(ph * RULES_SCALE + 0.5);
    if (w <= 0 || h <= 0 || (double)w * h > RULES_MAX_PIXELS)
        return false;
    cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    if (cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(sf);
        return false;
    }
    cairo_t *cr = cairo_create(sf);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, RULES_SCALE, RULES_SCALE);
    poppler_page_render(pg, cr);
    cairo_destroy(cr);
    cairo_surface_flush(sf);
    const unsigned char *px = cairo_image_surface_get_data(sf);
    int stride = cairo_image_surface_get_stride(sf);
    /* the green byte of each native-endian xRGB pixel: lines are dark in every channel */
    uint32_t probe = 0x0000FF00u;
    int g = ((const unsigned char *)&probe)[1] == 0xFF ? 1 : 2;
    bl_rules_scan(px + g, w, h, stride, 4, (float)RULES_SCALE, out);
    cairo_surface_destroy(sf);
    return true;
}

/* ---- OCR of pages without a usable text layer (ocr.c) ---------------------------- */

/*
 * Is a page's text layer one to read? Not when it has no visible character, nor when
 * most of them are private-use, replacement or control characters (a font without its
 * ToUnicode map), nor when a page of 50 or more has no Chinese character at all.
 */
static bool readable(const char *t, size_t n, size_t visible)
{
    if (visible == 0)
        return false;
    size_t bad = 0, cjk = 0, i = 0;
    while (i < n) {
        uint32_t cp;
        int k = bl_utf8_next((const unsigned char *)t + i, n - i, &cp);
        i += k < 1 ? 1 : (size_t)k;
        if ((cp >= 0xE000 && cp <= 0xF8FF) || cp == 0xFFFD || (cp < 0x20 && cp != '\n' && cp != '\t' && cp != '\r' && cp != '\f'))
            bad++;
        else if (cp >= 0x4E00 && cp <= 0x9FFF)
            cjk++;
    }
    return !(bad * 10 >= visible * 3 || (visible >= 50 && cjk == 0));
}

static bool has_fields(PopplerPage *pg)
{
    GList *forms = poppler_page_get_form_field_mapping(pg);
    GList *annots = poppler_page_get_annot_mapping(pg);
    bool any = forms != NULL;
    for (GList *l = annots; l && !any; l = l->next)
        any = poppler_annot_get_annot_type(((PopplerAnnotMapping *)l->data)->annot) == POPPLER_ANNOT_FREE_TEXT;
    poppler_page_free_form_field_mapping(forms);
    poppler_page_free_annot_mapping(annots);
    return any;
}

/*
 * Read page `page` by OCR into the lines, their confidences into os. Returns the glyphs
 * read (0: OCR could not run or found nothing; the caller reads the text layer as it is).
 */
static size_t ocr_page(bl_lines *L, PopplerPage *pg, int page, bl_layout_state *lst, bl_ocr_state *os)
{
    bl_doc *doc = L->doc;
    bl_glyphs g = {0};
    char err[300];
    if (bl_ocr_page(pg, &g, err, sizeof err) < 0) {
        if (!doc->ocr_error)
            doc->ocr_error = bl_strndup(doc->arena, err, strlen(err));
        bl_glyphs_free(&g);
        return 0;
    }
    size_t got = bl_ocr_lines(L, &g, page, lst, os);
    bl_glyphs_free(&g);
    return got;
}

static int extract_pdf(bl_doc *doc, const char *data, size_t len, const bl_extract_opts *o)
{
    static bool log_set;
    if (!log_set) {
        g_log_set_handler("Poppler", G_LOG_LEVEL_MASK, quiet_log, NULL);
        log_set = true;
    }
    GError *gerr = NULL;
    /* without a password first: a PDF that opens without one (no password, or only an
     * owner password) is read as it is, whatever --password a batch gives */
    GBytes *bytes = g_bytes_new(data, len);
    PopplerDocument *pd = poppler_document_new_from_bytes(bytes, NULL, &gerr);
    g_bytes_unref(bytes);
    if (!pd && o && o->password && gerr && gerr->domain == POPPLER_ERROR && gerr->code == POPPLER_ERROR_ENCRYPTED) {
        /*
         * Poppler 22.x's new_from_bytes retries a wrong password on a stream
         * its first attempt has already freed (a crash); new_from_file
         * reopens the file instead. So a password goes through a file.
         */
        g_error_free(gerr);
        gerr = NULL;
        pd = open_with_password(doc, data, len, o->password, &gerr);
    }
    if (!pd) {
        int r;
        if (gerr && gerr->domain == POPPLER_ERROR && gerr->code == POPPLER_ERROR_ENCRYPTED)
            r = (o && o->password)
                    ? bl_doc_fail(doc, BL_ERR_UNSUPPORTED, "bad-password",
                                  "PDF is encrypted and the password does not open it")
                    : bl_doc_fail(doc, BL_ERR_UNSUPPORTED, "encrypted",
                                  "PDF is encrypted (give --password)");
        else
            r = bl_doc_fail(doc, BL_ERR_FORMAT, "damaged", "damaged PDF: %s",
                            gerr ? gerr->message : "cannot be parsed");
        if (gerr)
            g_error_free(gerr);
        return r;
    }
    int npages = poppler_document_get_n_pages(pd);
    int max_pages = (o && o->max_pages) ? o->max_pages : DEFAULT_MAX_PAGES;
    if (npages > max_pages) {
        g_object_unref(pd);
        return bl_doc_fail(doc, BL_ERR_LIMIT, "too-large", "PDF has %d pages, more than the limit %d",
                           npages, max_pages);
    }
    bl_buf clean = BL_BUF_INIT;
    bl_lines L = {doc, BL_BUF_INIT, 0};
    size_t visible = 0;
    bl_layout_state lst = {0};
    bl_ocr_state os = {BL_BUF_INIT, NULL, 0, 0, 0};
    int ocr = o ? o->ocr : BL_OCR_AUTO;
    for (int i = 0; i < npages; i++) {
        PopplerPage *pg = poppler_document_get_page(pd, i);
        char *t = pg ? poppler_page_get_text(pg) : NULL;
        size_t tl = t ? strlen(t) : 0;
        clean.len = 0;
        doc->bad_utf8 += bl_utf8_sanitize(&clean, t ? t : "", tl);
        size_t seen = count_visible(t ? t : "", tl);
        if (pg && ocr != BL_OCR_NEVER && (ocr == BL_OCR_ALWAYS || !readable(clean.data, clean.len, seen)) &&
            !(seen == 0 && has_fields(pg))) {
            size_t got = ocr_page(&L, pg, i + 1, &lst, &os);
            if (got) {
                visible += got;
                g_free(t);
                g_object_unref(pg);
                continue;
            }
        }
        visible += seen;
        PopplerRectangle *rects = NULL;
        guint nrects = 0;
        bl_box *bx = NULL;
        if (pg && tl && clean.len == tl && poppler_page_get_text_layout(pg, &rects, &nrects)) {
            bx = bl_xmalloc(((size_t)nrects + 1) * sizeof *bx);
            for (guint k = 0; k < nrects; k++)
                bx[k] = (bl_box){rects[k].x1, rects[k].y1, rects[k].x2, rects[k].y2};
        }
        bl_lines_page(&L, clean.data ? clean.data : "", clean.len, bx, bx ? nrects : 0, i + 1, &lst,
                      page_rules, pg);
        if (os.page)
            bl_ocr_map(&L, &os, 0, NULL, 0); /* a row of the last OCR page flushed here */
        free(bx);
        g_free(rects);
        if (pg && !seen)
            visible += field_text(&L, pg, i + 1); /* a filled-in form is no scan */
        g_free(t);
        if (pg)
            g_object_unref(pg);
    }
    bl_layout_flush(doc, &L.raw, &L.cap, &lst);
    if (os.page)
        bl_ocr_map(&L, &os, 0, NULL, 0);
    g_object_unref(pd);
    bl_buf_release(&clean);
    doc->npages = npages;
    bl_lines_finish(&L);
    bl_ocr_finish(doc, &os);
    if (npages == 0)
        return bl_doc_fail(doc, BL_ERR_FORMAT, "damaged", "PDF has no pages");
    if (visible == 0)
        return doc->ocr_error
                   ? bl_doc_fail(doc, BL_ERR_UNSUPPORTED, "no-text-layer",
                                 "PDF has no text layer (scanned or image-only) and %s", doc->ocr_error)
                   : ocr == BL_OCR_NEVER
                   ? bl_doc_fail(doc, BL_ERR_UNSUPPORTED, "no-text-layer",
                                 "PDF has no text layer (scanned or image-only; --ocr never)")
                   : bl_doc_fail(doc, BL_ERR_UNSUPPORTED, "no-text-layer",
                                 "PDF has no text layer, and OCR found no text on its pages");
    return 0;
}

/* ---- ZIP containers: DOCX and OFD (docx.c, ofd.c) ------------------------------------ */

static int extract_zip(bl_doc *doc, const char *data, size_t len, const bl_extract_opts *o)
{
    bl_zip *z = bl_zip_open(data, len);
    if (!z)
        return bl_doc_fail(doc, BL_ERR_FORMAT, "damaged",
                           "damaged ZIP container (truncated, or its directory is unreadable)");
    int r;
    if (bl_zip_has(z, "word/document.xml") || bl_zip_has(z, "[Content_Types].xml")) {
        doc->format = "DOCX";
        r = bl_extract_docx(doc, z, o);
    } else if (bl_zip_has(z, "OFD.xml")) {
        doc->format = "OFD";
        r = bl_extract_ofd(doc, z, o);
    }
    else
        r = bl_doc_fail(doc, BL_ERR_FORMAT, "binary", "a ZIP archive that is neither a DOCX nor an OFD document");
    bl_zip_close(z);
    return r;
}

/* ---- entry points ---------------------------------------------------------------- */

static bool has_pdf_magic(const char *data, size_t len)
{
    size_t lim = len < 1024 ? len : 1024;
    for (size_t i = 0; i + 5 <= lim; i++)
        if (memcmp(data + i, "%PDF-", 5) == 0)
            return true;
    return false;
}

int bl_extract_bytes(bl_doc *doc, const char *data, size_t len, bool hint_pdf,
                     const bl_extract_opts *o)
{
    doc->npages = 0;
    if (len == 0)
        return bl_doc_fail(doc, BL_ERR_FORMAT, "empty", "file is empty");
    size_t max = (o && o->max_bytes) ? o->max_bytes : BL_EXTRACT_MAX_BYTES;
    if (len > max) /* stdin is read up to the cap and a byte more */
        return bl_doc_fail(doc, BL_ERR_LIMIT, "too-large", "input is larger than the limit of %zu bytes", max);
    if (has_pdf_magic(data, len)) {
        doc->is_pdf = true;
        doc->format = "PDF";
        return extract_pdf(doc, data, len, o);
    }
    if (hint_pdf)
        return bl_doc_fail(doc, BL_ERR_FORMAT, "not-pdf", "not a PDF file (no %%PDF- header)");
    if (len >= 4 && memcmp(data, "PK\3\4", 4) == 0)
        return extract_zip(doc, data, len, o);
    size_t lim = len < 8192 ? len : 8192;
    if (!(o && o->encoding) && memchr(data, '\0', lim))
        return bl_doc_fail(doc, BL_ERR_FORMAT, "binary", "neither a PDF nor a text file");
    doc->format = "text";
    return extract_text(doc, data, len, o);
}

static bool ends_with_pdf(const char *p)
{
    size_t n = strlen(p);
    return n >= 4 && (p[n - 4] == '.') && (p[n - 3] | 32) == 'p' && (p[n - 2] | 32) == 'd' &&
           (p[n - 1] | 32) == 'f';
}

int bl_extract(bl_doc *doc, const bl_extract_opts *o)
{
    size_t max = (o && o->max_bytes) ? o->max_bytes : BL_EXTRACT_MAX_BYTES;
    bool is_stdin = strcmp(doc->path, "-") == 0;
    struct stat st;
    if (!is_stdin && stat(doc->path, &st) == 0 && !S_ISREG(st.st_mode))
        return bl_doc_fail(doc, BL_ERR_IO, "not-a-file",
                           S_ISDIR(st.st_mode) ? "a folder, not a file"
                                               : "not a regular file (a FIFO, device or socket): never opened");
    FILE *f = is_stdin ? stdin : fopen(doc->path, "rb");
    if (!f) {
        int e = errno;
        return bl_doc_fail(doc, BL_ERR_IO, e == ENOENT ? "not-found" : "unreadable",
                           "cannot open: %s", bl_strerror(e));
    }
    bl_buf b = BL_BUF_INIT;
    char chunk[65536];
    size_t n;
    bool too_big = false;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (b.len + n > max) {
            too_big = true;
            break;
        }
        bl_buf_add(&b, chunk, n);
    }
    bool rerr = ferror(f);
    int e = errno;
    if (!is_stdin)
        fclose(f);
    int r;
    if (too_big)
        r = bl_doc_fail(doc, BL_ERR_LIMIT, "too-large", "file is larger than the limit of %zu bytes",
                        max);
    else if (rerr)
        r = bl_doc_fail(doc, BL_ERR_IO, "unreadable", "cannot read: %s", bl_strerror(e));
    else
        r = bl_extract_bytes(doc, b.data ? b.data : "", b.len, ends_with_pdf(doc->path), o);
    bl_buf_release(&b);
    return r;
}
