/* counts.h - parse/'s reader of counts that claim to add up (共 N 个，其中 …). */
#ifndef BL_PARSE_COUNTS_H
#define BL_PARSE_COUNTS_H

#include "../core/doc.h"

/**
 * After the prose figures (doc->quantities read): each "共/合计/总计 N <量词>"
 * followed in its sentence by "其中" or "分别" and two or more counts of the same 量词
 * becomes count facts - the total (scope "count:<量词>", label 共) and its parts
 * ("count-part:<量词>", label 其中, or 分别 when the list says so), in text
 * order. Lists with 等 (partial), approximate or nested counts are left out.
 */
void bl_parse_counts(bl_doc *doc, int *id);

/** 超任务 X%: the task and what was done, and the percentage (see counts.c). */
void bl_parse_count_excess(bl_doc *doc, int *id);

#endif
