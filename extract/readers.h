/*
 * readers.h - extract/'s own interface between its format readers (PDF in
 * extract.c, DOCX in docx.c, OFD in ofd.c) and what they share: building
 * doc->lines and raw, laying a page of placed glyphs out (layout.h), and
 * reading parts of a ZIP container safely (zip.c). Not a stage interface.
 */
#ifndef BL_READERS_H
#define BL_READERS_H

#include "extract.h"
#include "layout.h"

#include <libxml/tree.h>

/* doc->lines and the raw text under construction */
typedef struct {
    bl_doc *doc;
    bl_buf raw;
    size_t cap;
} bl_lines;

/** A new empty line at the end of doc->lines (page, line set; indent/fill unknown). */
bl_line *bl_lines_add(bl_lines *L, int page, int line);
/** Hand raw to the document (doc->raw, doc->raw_len). */
void bl_lines_finish(bl_lines *L);

/*
 * One page of placed glyphs: text (valid UTF-8, lines separated by '\n') and one
 * box per character of it, newlines included. Tables go through the layout
 * reader; pages without one keep the text's own line order, with each line's
 * indent and fill from the boxes.
 */
void bl_lines_page(bl_lines *L, const char *text, size_t n, const bl_box *boxes, size_t nbox, int page,
                   bl_layout_state *st, bl_rules_fn rules, void *rules_ctx);

/* ---- glyphs placed by a reader (OFD, OCR) rather than by Poppler ---------------------------- */

#define BL_GLYPHS_MAX 400000 /* a page's glyphs: more is not a report page */
#define BL_GLYPH_SURE 255    /* a glyph's confidence when it was not recognised from an image */

typedef struct {
    uint32_t cp;
    double x0, y0, x1, y1; /* points, y down */
    uint8_t conf;          /* OCR confidence 0..100, or BL_GLYPH_SURE */
    int line;              /* the reader's own line (OCR: Tesseract's text line), -1: by position */
    uint32_t seq;          /* the order the reader gave it (a reader's line keeps its order) */
} bl_glyph;

/* A page's glyphs and its ruling lines (points). */
typedef struct {
    bl_glyph *g;
    size_t n, cap;
    bl_rule *h, *v;
    size_t nh, nv, caph, capv;
} bl_glyphs;

/** Add a glyph; false at BL_GLYPHS_MAX. */
bool bl_glyphs_add(bl_glyphs *p, uint32_t cp, double x0, double y0, double x1, double y1, uint8_t conf, int line);
/** Add a straight line as a rule when it is horizontal or vertical and 5 pt or longer. */
void bl_glyphs_rule(bl_glyphs *p, double x0, double y0, double x1, double y1);
/**
 * The page's text as Poppler gives it: visual lines top to bottom (glyphs of one reader
 * line together), each left to right, a space where glyphs stand apart, a newline after
 * each line; one box per character (*boxes, malloc'd) and, when conf is not NULL, one
 * confidence per character (*conf, malloc'd; spaces and newlines BL_GLYPH_SURE).
 * Returns the number of boxes.
 */
size_t bl_glyphs_text(bl_glyphs *p, bl_buf *text, bl_box **boxes, uint8_t **conf);
/** A bl_rules_fn over a bl_glyphs' rules (ctx: the bl_glyphs). */
bool bl_glyphs_rules(void *ctx, bl_rules *out);
void bl_glyphs_free(bl_glyphs *p);

/* ---- OCR (ocr.c) ------------------------------------------------------------------------------ */

/**
 * Recognise a page (a PopplerPage *) from its image: its symbols as glyphs with their
 * confidence, and the ruling lines of the image, into out. 0, or -1 with a message.
 */
int bl_ocr_page(void *poppler_page, bl_glyphs *out, char *err, size_t errsz);

/* Draws a page on a cairo_t (passed as void *) in points, y down, on white. */
typedef void (*bl_paint_fn)(void *ctx, void *cairo);
/** The same for a page another reader draws (an OFD page of outlines): pw x ph points. */
int bl_ocr_paint(bl_paint_fn paint, void *ctx, double pw, double ph, bl_glyphs *out, char *err, size_t errsz);

/*
 * The OCR confidence of every byte of raw (255 where not OCR'd), kept as lines are
 * added. A table row a page ended in may be emitted later (finished by the next
 * page's words, or when the next page shows no table): its characters index the page
 * they were read on, so the last OCR page's confidences are kept until its rows are out.
 */
typedef struct {
    bl_buf conf;       /* one byte per byte of raw */
    uint8_t *cc;       /* the last OCR page's confidence per character of its text */
    size_t nb;
    int page;          /* that page, 0: none */
    size_t mapped;     /* lines whose bytes are in conf */
} bl_ocr_state;

/**
 * Fill the confidences of the lines added since the last call: an OCR'd page's (page,
 * its characters' confidences cc[0..nb), malloc'd, taken over) or, with cc NULL after a
 * page that was not OCR'd, the last OCR page's rows emitted late. Counts OCR pages.
 */
void bl_ocr_map(bl_lines *L, bl_ocr_state *os, int page, uint8_t *cc, size_t nb);
/** Lay out a page of glyphs OCR read (g) as page `page`, confidences into os. Returns g->n. */
size_t bl_ocr_lines(bl_lines *L, bl_glyphs *g, int page, bl_layout_state *lst, bl_ocr_state *os);
/** Hand the confidences to the document (doc->ocr_conf) when any page was OCR'd. */
void bl_ocr_finish(bl_doc *doc, bl_ocr_state *os);

/* ---- ZIP containers ------------------------------------------------------------- */

/* Caps on what a container may expand to (a zip bomb stops at them): per part and in all. */
#define BL_ZIP_PART_MAX ((size_t)64 << 20)
#define BL_ZIP_TOTAL_MAX ((size_t)512 << 20)
#define BL_ZIP_MAX_ENTRIES 100000

typedef struct bl_zip bl_zip;

/** Open the bytes as a ZIP archive; NULL when they are none (doc->err untouched). */
bl_zip *bl_zip_open(const char *data, size_t len);
void bl_zip_close(bl_zip *z);
/** Is there an entry of this name (case-insensitive, without a leading '/')? */
bool bl_zip_has(bl_zip *z, const char *name);
/**
 * The entry's bytes (malloc'd, NUL-terminated; the caller frees), at most
 * BL_ZIP_PART_MAX whatever its header claims. NULL with doc->err set (what names
 * the container: "DOCX", "OFD").
 */
char *bl_zip_read(bl_zip *z, bl_doc *doc, const char *what, const char *name, size_t *len);
/**
 * The entry parsed as XML with no network, no DTD and no entity expansion (a part
 * with a DOCTYPE is refused: OOXML and OFD have none, and it is how entity bombs
 * come). The caller frees with xmlFreeDoc. NULL with doc->err set.
 */
xmlDoc *bl_zip_xml(bl_zip *z, bl_doc *doc, const char *what, const char *name);

/** The DOCX and OFD readers: 0, or -1 with doc->err set. */
int bl_extract_docx(bl_doc *doc, bl_zip *z, const bl_extract_opts *o);
int bl_extract_ofd(bl_doc *doc, bl_zip *z, const bl_extract_opts *o);

/** An element's local name is this (namespace ignored). */
bool bl_xml_is(const xmlNode *n, const char *local);
/** The first child element of this local name, or NULL (n may be NULL). */
const xmlNode *bl_xml_child(const xmlNode *n, const char *local);
/** The attribute of this local name (any namespace), or NULL. Borrowed until the doc is freed. */
const char *bl_xml_attr(const xmlNode *n, const char *local);

#endif
