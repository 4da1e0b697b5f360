/*
 * extract.h - stage 1: bytes in, per-page lines out.
 *
 * Reads a PDF through Poppler GLib, a DOCX (libzip, libxml2: paragraphs and
 * table rows with their grid columns), an OFD (GB/T 33190: its glyphs and path
 * rules through the same layout reader as a PDF's), or plain text (UTF-8, or
 * GB18030/GBK through iconv); the kind is told by content, not by name. Fills
 * doc->raw, doc->lines, doc->npages, doc->is_pdf, doc->format.
 * Text files mark page breaks with form feeds (as pdftotext writes them).
 * Every line's text is valid UTF-8 afterwards: invalid sequences and NULs
 * become U+FFFD (counted in doc->bad_utf8).
 *
 * On failure the document's err is set (class, code, one-line message) and
 * -1 is returned; nothing is printed. Codes: not-found, unreadable, empty,
 * not-pdf, binary, damaged, encrypted, bad-password, no-text-layer,
 * bad-encoding, too-large. A DOCX or OFD container that is truncated, misses
 * a part, or holds a part that is not XML (or has a DOCTYPE) is damaged; one
 * that expands past the caps (readers.h) is too-large.
 */
#ifndef BL_EXTRACT_H
#define BL_EXTRACT_H

#include "../core/doc.h"

typedef struct {
    const char *password; /* for encrypted PDFs; NULL for none */
    const char *encoding; /* text input encoding for iconv; NULL to detect */
    size_t max_bytes;     /* input cap; 0 for the default, BL_EXTRACT_MAX_BYTES */
    int max_pages;        /* page cap; 0 for the default (5000) */
    int ocr;              /* BL_OCR_AUTO (the default), BL_OCR_ALWAYS, BL_OCR_NEVER */
} bl_extract_opts;

/*
 * OCR of PDF pages (ocr.c: Poppler renders, Tesseract chi_sim+eng recognises): auto
 * reads a page from its image when it has no text layer or an unreadable one (mostly
 * private-use, replacement or control characters, or no Chinese at all on a page full
 * of glyphs); always reads every page so; never keeps a scan a no-text-layer error.
 * Characters read so carry their confidence (doc->ocr_conf).
 */
enum { BL_OCR_AUTO = 0, BL_OCR_ALWAYS, BL_OCR_NEVER };

/** Read doc->path ("-" is stdin). Returns 0, or -1 with doc->err set. */
int bl_extract(bl_doc *doc, const bl_extract_opts *opts);

/*
 * Poppler rebuilds a PDF/A's colour transforms for every page; their costly part, the
 * inverse of each tabulated tone curve, is kept after the first (cmscache.c). How many
 * inverses came from what was kept so far; and letting all of it go.
 */
unsigned long bl_cms_cache_hits(void);
void bl_cms_cache_clear(void);

/**
 * Extract from bytes already in memory (len bytes at data, not retained).
 * `hint_pdf` forces PDF handling (a .pdf name). Same result as bl_extract.
 */
int bl_extract_bytes(bl_doc *doc, const char *data, size_t len, bool hint_pdf,
                     const bl_extract_opts *opts);

/*
 * For annotate/: a DOCX's main part parsed again (an xmlDoc *, libxml2) with the
 * element each line of bl_extract's doc->lines came from, in the same order (a
 * w:p for a prose line, a w:tr for a table row). Free with bl_docx_map_free.
 */
typedef struct {
    void *xml;     /* xmlDoc *: the main part, owned */
    char *part;    /* its name in the container (word/document.xml as a rule), owned */
    void **nodes;  /* xmlNode *: one per line */
    size_t nnodes;
} bl_docx_map;

/** 0, or -1 with a message in err. */
int bl_docx_map_open(const char *data, size_t len, bl_docx_map *m, char *err, size_t errsz);
void bl_docx_map_free(bl_docx_map *m);

/** The default input cap: 256 MiB. */
#define BL_EXTRACT_MAX_BYTES ((size_t)256 << 20)

#endif
