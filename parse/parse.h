/*
 * parse.h - stage 3: normalized text to typed facts.
 *
 * PCRE2 patterns find the statements a self-assessment makes about its
 * figures (budget 预算数, executed 执行数/决算数, execution rate 执行率 /
 * 完成预算数的X%, self-score 得分, grade 等级) and turn each into a bl_fact
 * with an exact decimal value, its unit, its scope (total / basic / project,
 * from the nearest 基本支出 / 项目支出 before it in the same sentence) and
 * the page and line where the figure starts. Facts are appended to
 * doc->facts in text order with ids 1, 2, ...
 *
 * A number is never guessed into a fact: a bare amount after 基本支出 /
 * 项目支出 takes its kind from the rate that follows it (完成预算数的 →
 * executed) or from the last budget/executed statement of the paragraph,
 * and is dropped when neither exists.
 */
#ifndef BL_PARSE_H
#define BL_PARSE_H

#include "../core/doc.h"

/** Parse doc->text into doc->facts. Returns 0, or -1 with doc->err set (limit). */
int bl_parse(bl_doc *doc);

/** Free the compiled patterns (for leak checkers; optional at exit). */
void bl_parse_cleanup(void);

#endif
