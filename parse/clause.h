/*
 * clause.h - parse/'s clause helpers, shared by parse.c and the readers beside it:
 * sentence, clause and paragraph starts (backward scans capped at 2 KB, so a long
 * unpunctuated text stays linear), the scope keyword of a stretch of text, and what
 * a clause says a figure is about.
 */
#ifndef BL_PARSE_CLAUSE_H
#define BL_PARSE_CLAUSE_H

#include "../core/doc.h"

size_t sentence_start(const char *t, size_t at);
size_t paragraph_start(const char *t, size_t at);
const char *scope_in(const char *t, size_t from, size_t to);
size_t clause_start(const char *t, size_t at);
const char *clause_subject(const bl_doc *doc, const char *t, size_t from, size_t to, bool *wider);
int clause_year(const char *t, size_t from, size_t to);

#endif
