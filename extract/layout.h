/*
 * layout.h - extract/'s own helper (not a stage interface): one PDF page's
 * characters with their boxes (Poppler's text and text layout) grouped into
 * visual lines, and where lines line up in columns, into tables of rows and
 * cells.
 *
 * A table is a run of visual lines of which at least two hold two or more
 * segments that share a gutter. Where the page has ruling lines (found on a
 * rendering of it, rules.c), a line inside a ruled frame splits exactly at
 * the rules crossing it and rows start at the rules between lines; else
 * segments are text separated by a gap wider than a quarter of the character
 * height (less an evenly spaced line's letter gap), and a new row starts at a
 * line with a cell that is a figure or a placeholder (1,200.00, ≥12个, 95%, —,
 * /) or after a gap taller than the table's line pitch. Lines of one row (a
 * wrapped cell, a two-line header) merge into one row. Each cell gets the
 * column of the header row above it. The model and helpers: page.h
 * (segments.c, rows.c).
 */
#ifndef BL_LAYOUT_H
#define BL_LAYOUT_H

#include "../core/doc.h"

typedef struct {
    double x1, y1, x2, y2;
} bl_box;

/*
 * Ruling lines (table borders) in page points, y down as the boxes: a
 * horizontal rule has y0 == y1, a vertical one x0 == x1. Runs of a glyph's
 * own strokes may be among them; the layout uses only rules that pass
 * between glyphs.
 */
typedef struct {
    float x0, y0, x1, y1;
} bl_rule;

typedef struct {
    bl_rule *h, *v;
    size_t nh, nv;
} bl_rules;

/*
 * The rules of a page from a rendering of it: light is the lightness of the
 * first pixel (0 black .. 255 white), the next pixel bpp bytes on, w x h
 * pixels, stride bytes a row, scale pixels a point (a grey image: bpp 1; one
 * channel of a colour one: its byte, bpp 4). Dark runs of 5 pt or longer and
 * at most 3 pt thick. Free with bl_rules_free().
 */
void bl_rules_scan(const unsigned char *light, int w, int h, int stride, int bpp, float scale, bl_rules *out);
void bl_rules_free(bl_rules *r);

/* Renders the page being laid out and scans its rules; false when it cannot. */
typedef bool (*bl_rules_fn)(void *ctx, bl_rules *out);

/* Tables crossing a page break stay one table: the state carried between pages. */
typedef struct {
    int ntables;        /* tables so far in the document */
    int nrows;          /* rows of the last table so far */
    float pitch;        /* its in-cell line pitch */
    float line_h;       /* the height of its lines of text */
    bool ruled_rows;    /* it has rules between its rows */
    bool open_at_end;   /* the last page ended inside a table */
    float grid_x[64];   /* the open table's header grid: column left/right edges */
    float grid_r[64];
    int ngrid;
    void *pending;      /* the row the last page ended in, not yet emitted */
    char head[256];     /* the open table's first row's text (a repeated header) */
    size_t head_len;
    bool ruled_only;    /* set by the caller for a page whose boxes are approximate (OCR):
                           only tables framed by ruling lines, no tables from gutters */
} bl_layout_state;

/*
 * Lay out one page. text (n bytes, valid UTF-8) is Poppler's text of the page
 * and boxes its layout, one box per character (count nbox). When the page
 * holds a table, appends the page's lines (prose lines and table rows, top to
 * bottom) to doc->lines / raw and returns true; otherwise appends nothing and
 * returns false (the caller keeps Poppler's own line order for prose).
 */
bool bl_layout_page(bl_doc *doc, bl_buf *raw, size_t *cap, const char *text, size_t n,
                    const bl_box *boxes, size_t nbox, int page, bl_layout_state *st,
                    bl_rules_fn rules, void *rules_ctx);

/*
 * Emit the row a page ended in (kept back in case the next page finishes it).
 * Call when a page is not laid out and after the last page.
 */
void bl_layout_flush(bl_doc *doc, bl_buf *raw, size_t *cap, bl_layout_state *st);

#endif
