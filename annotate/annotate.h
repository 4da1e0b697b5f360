/*
 * annotate.h - a department gets back its own report with the problems marked.
 *
 * bl_annotate() writes a copy of a checked PDF (or DOCX: Word comments) with a highlight annotation
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

/*
 * The same for a DOCX draft (annotate/docx.c; bl_annotate calls it for one): a copy
 * with each finding a Word comment on the run that states the figure. Returns the
 * number of comments added, or -1 with a message in err.
 */
int bl_annotate_docx(const bl_doc *doc, const char *out_path, char *err, size_t errsz);

#endif
