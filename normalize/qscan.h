/*
 * qscan.h - the number reader's own view of the text (quantity.c, arabic.c): code
 * points with their byte offsets, character classes, and the Arabic-number scanners.
 */
#ifndef BL_NORMALIZE_QSCAN_H
#define BL_NORMALIZE_QSCAN_H

#include "../core/core.h"
#include "normalize.h"

typedef struct {
    const uint32_t *c; /* code points */
    const size_t *off; /* byte offset of each code point; off[n] = text length */
    size_t n;
} cps;

static inline bool dig(uint32_t c) { return c >= '0' && c <= '9'; }
static inline bool upper(uint32_t c) { return c >= 'A' && c <= 'Z'; }
static inline bool alpha(uint32_t c) { return upper(c) || (c >= 'a' && c <= 'z'); }
static inline bool cnum(uint32_t c) { return bl_numeral_any(c); }
static inline bool han(uint32_t c) { return c >= 0x3400 && c <= 0x9FFF; }

/**
 * Read the Arabic number at s->c[i] (3,392.15, 3 392.15, 21.966.95, 35. 3万元) into buf
 * without separators; returns the index after it (i when none). A number too long for
 * buf leaves it empty. Sets BL_QT_THOUSANDS in *tags when separators grouped it.
 */
size_t read_arabic(const cps *s, size_t i, char *buf, size_t bufsz, unsigned *tags);
/** 2022.12.8, 2022-12-08, 2022/12/8 at i: a date; *end receives its end. */
bool is_dotted_date(const cps *s, size_t i, size_t *end);

#endif
