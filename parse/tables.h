/*
 * tables.h - parse/'s table reader (see tables.c): facts from the rows and
 * cells extract/ found. Called by bl_parse() after the prose patterns; ids
 * continue from *id. Also records unreadable-table findings.
 */
#ifndef BL_TABLES_H
#define BL_TABLES_H

#include "../core/doc.h"

void bl_parse_tables(bl_doc *doc, int *id);

#endif
