/*
 * core.h - the small vocabulary every budgetlint stage shares.
 *
 * - bl_arena: one bump allocator per document. Everything a document owns
 *   (lines, normalized text, facts, findings, strings) is allocated here and
 *   released at once with bl_arena_free(). Never pass arena memory to free().
 * - bl_buf: a growable byte buffer (malloc-owned) for building strings.
 * - UTF-8 decoding and validation (the extract -> normalize boundary).
 * - bl_dec: an exact decimal (int64 mantissa, base-10 scale); bl_range: a
 *   closed interval in fixed 1e-8 units held in a 128-bit integer, used for
 *   every comparison.  No floating point is used to compare figures.
 *
 * Out of memory is the one condition that aborts (with a one-line message),
 * as cmark and jq do; everything else is returned as a status.
 */
#ifndef BL_CORE_H
#define BL_CORE_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#if defined(__GNUC__)
#define BL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define BL_PRINTF(f, a)
#endif

/* ---- arena ---------------------------------------------------------- */

typedef struct bl_arena bl_arena;

/**
 * Ask the C library to keep freed memory for the next document instead of giving
 * it back to the system after each one (glibc trims and unmaps it by default, so
 * every document in a long in-process run faults its pages in afresh: about an
 * eighth of the text path's time). Call once at start; harmless elsewhere.
 */
void bl_keep_freed_memory(void);

/** Create an empty arena. The caller owns it and releases it with bl_arena_free(). */
bl_arena *bl_arena_new(void);
/** Release the arena and every allocation made from it. NULL is a no-op. */
void bl_arena_free(bl_arena *a);
/** Zeroed, 16-byte aligned memory that lives as long as the arena. */
void *bl_alloc(bl_arena *a, size_t n);
/** The same, not zeroed: for buffers the caller fills at once. */
void *bl_alloc_raw(bl_arena *a, size_t n);
/** Copy n bytes into the arena and NUL-terminate the copy. */
char *bl_strndup(bl_arena *a, const char *s, size_t n);
/** printf into arena memory. */
char *bl_strfmt(bl_arena *a, const char *fmt, ...) BL_PRINTF(2, 3);
/** Grow an arena array: returns a new array of new_cap elements holding the old ones. */
void *bl_grow(bl_arena *a, void *old, size_t elem, size_t old_n, size_t new_cap);

/** malloc/realloc that abort with a message when memory runs out (caller frees). */
void *bl_xmalloc(size_t n);
void *bl_xrealloc(void *p, size_t n);
/** strdup that aborts with a message when memory runs out (caller frees). */
char *bl_strdup_plain(const char *s);

/* ---- growable buffer ------------------------------------------------- */

/* Invariant: data is NUL-terminated at len (data may also hold NULs before len). */
typedef struct {
    char *data;
    size_t len, cap;
} bl_buf;

#define BL_BUF_INIT {NULL, 0, 0}
void bl_buf_add(bl_buf *b, const void *p, size_t n);
void bl_buf_addc(bl_buf *b, char c);
void bl_buf_adds(bl_buf *b, const char *s);
void bl_buf_addf(bl_buf *b, const char *fmt, ...) BL_PRINTF(2, 3);
/** Release the buffer's memory and reset it to empty. */
void bl_buf_release(bl_buf *b);

/* ---- UTF-8 ----------------------------------------------------------- */

#define BL_REPLACEMENT 0xFFFDu

/**
 * Decode one code point from s[0..n). Returns the number of bytes consumed
 * (>= 1 when n >= 1) and stores the code point in *cp; an invalid sequence
 * (overlong, surrogate, > U+10FFFF, truncated) consumes 1 byte and yields
 * BL_REPLACEMENT with the return value negated (-1).
 */
int bl_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/** bl_utf8_decode with the common cases inline: ASCII and well-formed 3-byte (CJK) sequences. */
static inline int bl_utf8_next(const unsigned char *s, size_t n, uint32_t *cp)
{
    if (n && s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if (n >= 3 && s[0] >= 0xE1 && s[0] <= 0xEC && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
        /* E1..EC: no overlong or surrogate forms are possible */
        *cp = ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
        return 3;
    }
    return bl_utf8_decode(s, n, cp);
}
/** Encode cp into out (at least 4 bytes); returns the length. */
int bl_utf8_encode(uint32_t cp, char *out);
/**
 * Copy src into dst replacing every invalid sequence and every NUL byte by
 * U+FFFD. Returns the number of replacements made.
 */
size_t bl_utf8_sanitize(bl_buf *dst, const char *src, size_t n);
/* File names where they are shown (each malloc'd; the caller frees). */
/** The name as valid UTF-8: invalid bytes as U+FFFD (JSON, the store, the workbook). */
char *bl_path_utf8(const char *path);
/** The name for a line a person reads: valid UTF-8, control characters as \n, \x1b … */
char *bl_path_shown(const char *path);
/** The name as a URI reference: every byte but unreserved ASCII and '/' percent-encoded. */
char *bl_path_uri(const char *path);

/** How far the spans a0..a1 and b0..b1 overlap (0 when apart): cells across a page. */
float bl_span_overlap(float a0, float a1, float b0, float b1);

/** True when all n bytes are valid UTF-8 (NUL allowed). */
bool bl_utf8_valid(const char *s, size_t n);

/* ---- exact decimals ----------------------------------------------------- */

/* value = mant / 10^scale, exactly as the figure was printed (66.50 -> 6650, 2). */
typedef struct {
    int64_t mant;
    int scale; /* number of decimals stated, 0..18 */
} bl_dec;

/**
 * Parse an ASCII decimal "[-]digits[.digits]" (thousands separators already
 * removed). Returns NULL on success or a static message ("too many digits",
 * "not a number").
 */
const char *bl_dec_parse(const char *s, size_t n, bl_dec *out);
/** Format into buf (>= 48 bytes) keeping the stated decimals ("66.50"). */
char *bl_dec_format(bl_dec d, char *buf, size_t size);

/* Fixed-point interval arithmetic for comparisons: units of 1e-8. */
#define BL_RSCALE 8
__extension__ typedef __int128 bl_i128;

typedef struct {
    bl_i128 lo, hi; /* closed interval, in units of 10^-BL_RSCALE */
} bl_range;

/**
 * The interval a printed figure stands for: [v - h, v + h], h = 0.5*10^-scale,
 * multiplied by 10^pow10 (unit conversion: 4 for 万, 8 for 亿). Bounds beyond
 * BL_RSCALE decimals are rounded outwards, so the interval only widens.
 */
bl_range bl_range_of(bl_dec d, int pow10);
/** The exact point value (no half-unit), scaled by 10^pow10, rounded outwards. */
bl_range bl_range_exact(bl_dec d, int pow10);
bl_range bl_range_add(bl_range a, bl_range b);
bl_range bl_range_sub(bl_range a, bl_range b); /* a - b as intervals */
bool bl_range_overlap(bl_range a, bl_range b);

/**
 * Does the interval of 100*N/D (N, D intervals, D strictly positive) meet
 * the interval P? Exact: cross-multiplied in 128-bit integers. Returns 1 when
 * they meet, 0 when they cannot, -1 when the check is impossible (D may be
 * zero or negative, or the products would overflow): callers stay quiet then.
 */
int bl_ratio_meets(bl_range n, bl_range d, bl_range p);
/**
 * 100*N/D for reporting (not for decisions): the midpoints' ratio formatted
 * with `decimals` decimals, rounded half-up, into buf.
 */
char *bl_ratio_format(bl_range n, bl_range d, int decimals, char *buf, size_t size);
/** Format the midpoint of r (divided by 10^pow10) with `decimals` decimals. */
char *bl_range_format_mid(bl_range r, int pow10, int decimals, char *buf, size_t size);

/**
 * strerror in English whatever the locale: what a record (JSON) says must not depend on
 * the user's language, nor be lost to a character set (a Chinese message in a C locale
 * comes out as "?????").
 */
const char *bl_strerror(int errnum);

#endif
