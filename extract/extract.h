/*
 * extract.h - stage 1: bytes in, per-page lines out.
 *
 * Reads a PDF through Poppler GLib, or plain text (UTF-8, or GB18030/GBK
 * through iconv). Fills doc->raw, doc->lines, doc->npages, doc->is_pdf.
 * Text files mark page breaks with form feeds (as pdftotext writes them).
 * Every line's text is valid UTF-8 afterwards: invalid sequences and NULs
 * become U+FFFD (counted in doc->bad_utf8).
 *
 * On failure the document's err is set (class, code, one-line message) and
 * -1 is returned; nothing is printed. Codes: not-found, unreadable, empty,
 * not-pdf, binary, damaged, encrypted, bad-password, no-text-layer,
 * bad-encoding, too-large.
 */
#ifndef BL_EXTRACT_H
#define BL_EXTRACT_H

#include "../core/doc.h"

typedef struct {
    const char *password; /* for encrypted PDFs; NULL for none */
    const char *encoding; /* text input encoding for iconv; NULL to detect */
    size_t max_bytes;     /* input cap; 0 for the default, BL_EXTRACT_MAX_BYTES */
    int max_pages;        /* page cap; 0 for the default (5000) */
} bl_extract_opts;

/** Read doc->path ("-" is stdin). Returns 0, or -1 with doc->err set. */
int bl_extract(bl_doc *doc, const bl_extract_opts *opts);

/**
 * Extract from bytes already in memory (len bytes at data, not retained).
 * `hint_pdf` forces PDF handling (a .pdf name). Same result as bl_extract.
 */
int bl_extract_bytes(bl_doc *doc, const char *data, size_t len, bool hint_pdf,
                     const bl_extract_opts *opts);

/** The default input cap: 256 MiB. */
#define BL_EXTRACT_MAX_BYTES ((size_t)256 << 20)

#endif
