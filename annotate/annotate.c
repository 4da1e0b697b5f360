/* annotate.c - highlight annotations over the evidence, with Poppler GLib. */
#include "annotate.h"

#include <poppler.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/outfile.h"

#include "../core/banned.h"

/* The page and the character index within that page's text of a raw offset. */
static bool char_at(const bl_doc *d, size_t raw, int *page, long *idx)
{
    if (!d->nlines)
        return false;
    size_t lo = bl_doc_line_at(d, raw);
    *page = d->lines[lo].page;
    size_t first = lo;
    while (first > 0 && d->lines[first - 1].page == *page)
        first--;
    /* the raw text of a page is its lines joined by '\n': as Poppler returned it */
    *idx = g_utf8_strlen(d->raw + d->lines[first].off, (gssize)(raw - d->lines[first].off));
    return true;
}

typedef struct {
    PopplerPage *page;
    PopplerRectangle *rects;
    guint n;
    double height;
} page_layout;

static PopplerColor color_of(bl_severity s)
{
    PopplerColor c = {0xFFFF, 0xD000, 0x0000}; /* warning: amber */
    if (s == BL_SEV_ERROR)
        c = (PopplerColor){0xFFFF, 0x4000, 0x4000};
    else if (s == BL_SEV_INFO)
        c = (PopplerColor){0x6000, 0xB000, 0xFFFF};
    return c;
}

/* One highlight over characters [a, b) of a page: a quad per visual line. */
static bool highlight(PopplerDocument *pd, page_layout *pl, long a, long b, const char *note, bl_severity sev)
{
    if (a < 0 || b > (long)pl->n || a >= b)
        return false;
    GArray *quads = g_array_new(FALSE, FALSE, sizeof(PopplerQuadrilateral));
    PopplerRectangle box = {1e9, 1e9, -1e9, -1e9};
    long i = a;
    while (i < b) {
        /* a run of characters on one line (same baseline band) */
        PopplerRectangle r = pl->rects[i];
        long j = i + 1;
        while (j < b && pl->rects[j].y1 < r.y2 && pl->rects[j].y2 > r.y1 && pl->rects[j].x1 >= r.x1) {
            if (pl->rects[j].x2 > r.x2)
                r.x2 = pl->rects[j].x2;
            if (pl->rects[j].y1 < r.y1)
                r.y1 = pl->rects[j].y1;
            if (pl->rects[j].y2 > r.y2)
                r.y2 = pl->rects[j].y2;
            j++;
        }
        if (r.x2 > r.x1 && r.y2 > r.y1) {
            /* PDF space, y up: layout y runs down from the top of the page */
            double top = pl->height - r.y1, bottom = pl->height - r.y2;
            PopplerQuadrilateral q = {{r.x1, top}, {r.x2, top}, {r.x1, bottom}, {r.x2, bottom}};
            g_array_append_val(quads, q);
            if (r.x1 < box.x1)
                box.x1 = r.x1;
            if (r.x2 > box.x2)
                box.x2 = r.x2;
            if (bottom < box.y1)
                box.y1 = bottom;
            if (top > box.y2)
                box.y2 = top;
        }
        i = j;
    }
    bool ok = quads->len > 0;
    if (ok) {
        PopplerAnnot *an = poppler_annot_text_markup_new_highlight(pd, &box, quads);
        PopplerColor c = color_of(sev);
        poppler_annot_set_color(an, &c);
        poppler_annot_set_contents(an, note);
        poppler_annot_markup_set_label(POPPLER_ANNOT_MARKUP(an), "budgetlint");
        poppler_page_add_annot(pl->page, an);
        g_object_unref(an);
    }
    g_array_free(quads, TRUE);
    return ok;
}

/* Does the file end the way a complete PDF does (%%EOF near its end)? */
static bool ends_whole(int fd)
{
    char tail[64];
    off_t end = lseek(fd, 0, SEEK_END);
    if (end < 16)
        return false;
    off_t at = end > (off_t)sizeof tail ? end - (off_t)sizeof tail : 0;
    ssize_t n = pread(fd, tail, (size_t)(end - at), at);
    for (ssize_t i = 0; i + 5 <= n; i++)
        if (memcmp(tail + i, "%%EOF", 5) == 0)
            return true;
    return false;
}

/*
 * Save the annotated document to a temporary file beside out_path, check that it
 * was written whole (it ends like a PDF and opens with all its pages: a full disk
 * leaves a short file that Poppler does not report), and rename it into place.
 */
static int save_whole(PopplerDocument *pd, int npages, const char *out_path, char *err, size_t errsz)
{
    int fd;
    char *tmp = bl_outfile_temp(out_path, &fd, err, errsz);
    if (!tmp)
        return -1;
    GError *ge = NULL;
    char *abs = realpath(tmp, NULL);
    char *uri = abs ? g_filename_to_uri(abs, NULL, NULL) : NULL;
    bool ok = uri && poppler_document_save(pd, uri, &ge);
    if (!ok)
        snprintf(err, errsz, "cannot write '%s': %s", out_path, ge ? ge->message : "bad path");
    if (ok && (fsync(fd) != 0 || !ends_whole(fd))) {
        snprintf(err, errsz, "cannot write '%s': the copy is incomplete (disk full?)", out_path);
        ok = false;
    }
    if (ok) {
        PopplerDocument *back = poppler_document_new_from_file(uri, NULL, NULL);
        if (!back || poppler_document_get_n_pages(back) != npages) {
            snprintf(err, errsz, "cannot write '%s': the copy does not read back whole", out_path);
            ok = false;
        }
        if (back)
            g_object_unref(back);
    }
    if (ge)
        g_error_free(ge);
    g_free(uri);
    free(abs);
    if (!ok) {
        close(fd);
        unlink(tmp);
        free(tmp);
        return -1;
    }
    return bl_outfile_commit(tmp, fd, out_path, err, errsz);
}

int bl_annotate(const bl_doc *d, const char *out_path, char *err, size_t errsz)
{
    if (d->format && strcmp(d->format, "DOCX") == 0 && d->err.cls == BL_OK && strcmp(d->path, "-") != 0)
        return bl_annotate_docx(d, out_path, err, errsz);
    if (!d->is_pdf || d->err.cls != BL_OK || strcmp(d->path, "-") == 0) {
        snprintf(err, errsz, "only a PDF or DOCX file that was read can be annotated");
        return -1;
    }
    GError *ge = NULL;
    char *abs = realpath(d->path, NULL);
    char *uri = abs ? g_filename_to_uri(abs, NULL, &ge) : NULL;
    free(abs);
    PopplerDocument *pd = uri ? poppler_document_new_from_file(uri, NULL, &ge) : NULL;
    g_free(uri);
    if (!pd) {
        snprintf(err, errsz, "cannot reopen the PDF: %s", ge ? ge->message : "unknown error");
        if (ge)
            g_error_free(ge);
        return -1;
    }
    int npages = poppler_document_get_n_pages(pd);
    page_layout *pages = calloc((size_t)npages + 1, sizeof *pages);
    int added = 0;
    for (size_t k = 0; k < d->nfindings; k++) {
        const bl_finding *f = &d->findings[k];
        for (int j = 0; j < f->nfacts; j++) {
            const bl_fact *x = bl_doc_fact(d, f->facts[j]);
            if (!x || x->derived || x->end <= x->start || x->end > d->text_len)
                continue;
            int pg, pg2;
            long a, b;
            if (!char_at(d, d->src[x->start], &pg, &a) || !char_at(d, d->src[x->end - 1], &pg2, &b))
                continue;
            if (pg2 != pg) /* a statement across a page break: mark its first page's part */
                b = a + (long)g_utf8_strlen(d->text + x->start, (gssize)(x->end - x->start));
            else
                b += 1;
            if (pg < 1 || pg > npages)
                continue;
            page_layout *pl = &pages[pg - 1];
            if (!pl->page) {
                pl->page = poppler_document_get_page(pd, pg - 1);
                double w;
                poppler_page_get_size(pl->page, &w, &pl->height);
                poppler_page_get_text_layout(pl->page, &pl->rects, &pl->n);
            }
            bool stated = x->page == f->page && x->line == f->line;
            char *note = g_strdup_printf("[%s] %s（%s）：%s%s%s", f->rule, bl_severity_name(f->severity),
                                         stated ? "陈述值" : "复算依据", f->message,
                                         f->stated && stated ? "\n陈述：" : "", f->stated && stated ? f->stated : "");
            if (highlight(pd, pl, a, b, note, f->severity))
                added++;
            g_free(note);
        }
    }
    /* the copy is written even with nothing to mark: the bureau gets a file per report */
    int rc = save_whole(pd, npages, out_path, err, errsz) < 0 ? -1 : added;
    if (ge)
        g_error_free(ge);
    for (int i = 0; i < npages; i++) {
        if (pages[i].page)
            g_object_unref(pages[i].page);
        g_free(pages[i].rects);
    }
    free(pages);
    g_object_unref(pd);
    return rc;
}
