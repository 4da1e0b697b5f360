/*
 * annotate.h - a department gets back its own report with the problems marked.
 *
 * bl_annotate() writes a copy of a checked PDF with a highlight annotation
 * over the evidence of every finding - the stated figure and the figures it
 * was recomputed from - each with a note in Chinese (rule, severity, stated
 * against recomputed). The original file is never touched. Positions come
 * from Poppler's per-character layout of each page, matched to the facts
 * through the offset map (normalized text -> extracted text -> page, char).
 */
#ifndef BL_ANNOTATE_H
#define BL_ANNOTATE_H

#include <stddef.h>

#include "../core/doc.h"

/**
 * Write doc (a PDF, checked) to out_path with its findings highlighted.
 * Returns the number of highlights added, or -1 with a message in err.
 */
int bl_annotate(const bl_doc *doc, const char *out_path, char *err, size_t errsz);

#endif
