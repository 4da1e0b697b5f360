/*
 * normalize.h - stage 2: extracted lines to one clean text with an offset map.
 *
 * bl_normalize() reads doc->lines/raw and writes doc->text (UTF-8, NUL-
 * terminated) and doc->src (for each byte of text, the offset in doc->raw of
 * the character it came from; non-decreasing). What it does, in order:
 *  - drops page-number footers ("— 2 —", "-2-", "第2页") and blank lines;
 *  - full-width digits, letters, ％ ＋ to ASCII; a full-width comma or full
 *    stop between full-width digits to "," or "."; U+3000 to a space; other
 *    CJK punctuation is kept;
 *  - removes the spaces justified PDFs put between CJK characters;
 *  - rejoins wrapped lines into paragraphs (no space at a CJK wrap, a number
 *    and its unit on the next line join up, sentences crossing a page break
 *    read whole); paragraphs end with "\n";
 *  - rewrites Chinese numerals that are figures: 百分之九十一点四四 -> 91.44%,
 *    千分之五 -> 5‰, 叁佰肆拾贰万玖仟肆佰元 -> 3429400元, 九十一点四四分 ->
 *    91.44分, 三百万元 -> 300万元. Numerals in names (十五届, 二十大, “十四五”)
 *    stay text;
 *  - reads Traditional characters as Simplified, one for one (OpenCC t2s:
 *    預算數 -> 预算数), and drops pinyin glosses mirror sites print after a
 *    character (預(yù)算 -> 预算).
 */
#ifndef BL_NORMALIZE_H
#define BL_NORMALIZE_H

#include "../core/doc.h"

/** Normalize doc (extract must have succeeded). Never fails. */
void bl_normalize(bl_doc *doc);

/** Release what the converter keeps between documents (for leak checkers; optional at exit). */
void bl_normalize_cleanup(void);

/** The value of one Chinese numeral character (0..9), or -1. 两 is 2, 〇 is 0. */
int bl_numeral_digit(uint32_t cp);
/** The power of ten of a numeral unit: 十 1, 百 2, 千 3, 万 4, 亿 8; else 0. */
int bl_numeral_unit(uint32_t cp);
/** True for any numeral digit or unit character (a fast test for hot loops). */
bool bl_numeral_any(uint32_t cp);
/** True for financial (大写) numeral characters: 壹…玖 拾 佰 仟. */
bool bl_numeral_financial(uint32_t cp);

/**
 * Parse cps[0..n) as one Chinese numeral (digits, units, 点 and decimals):
 * 十五, 一十五, 二〇二二, 三千零五, 一万二 (12000), 三亿四千万, 九十一点四四,
 * 叁佰肆拾贰万玖仟肆佰. Returns NULL on success, or a static message
 * ("empty", "not a numeral", "too large").
 */
const char *bl_numeral_parse(const uint32_t *cps, size_t n, bl_dec *out);

#endif
