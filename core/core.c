/* core.c - arena, buffer, UTF-8 and exact decimal arithmetic. */
#include "core.h"

#include <stdarg.h>
#include <stdio.h>
#ifdef __GLIBC__
#include <locale.h>
#include <malloc.h> /* mallopt */
#endif
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "banned.h"

/* ---- allocation ------------------------------------------------------- */

static void oom(void)
{
    /* exit status 4 (internal error); a batch worker's parent reads it as out-of-memory */
    fputs("budgetlint: error: out of memory\n", stderr);
    _exit(4);
}

void *bl_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom();
    return p;
}

char *bl_strdup_plain(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = bl_xmalloc(n);
    memcpy(d, s, n);
    return d;
}

void *bl_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        oom();
    return q;
}

void bl_keep_freed_memory(void)
{
#if defined(__GLIBC__) && defined(M_TRIM_THRESHOLD) && defined(M_MMAP_THRESHOLD)
    mallopt(M_TRIM_THRESHOLD, 256 << 20); /* keep up to 256 MB of freed heap */
    mallopt(M_MMAP_THRESHOLD, 32 << 20);  /* blocks below 32 MB (glibc's maximum) from the heap */
#endif
}

struct chunk {
    struct chunk *next;
    size_t used, cap;
    _Alignas(16) unsigned char mem[];
};

struct bl_arena {
    struct chunk *head;
};

bl_arena *bl_arena_new(void)
{
    bl_arena *a = bl_xmalloc(sizeof *a);
    a->head = NULL;
    return a;
}

void bl_arena_free(bl_arena *a)
{
    if (!a)
        return;
    for (struct chunk *c = a->head, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    free(a);
}

void *bl_alloc(bl_arena *a, size_t n)
{
    void *p = bl_alloc_raw(a, n);
    memset(p, 0, n ? n : 1);
    return p;
}

void *bl_alloc_raw(bl_arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (!n)
        n = 16;
    struct chunk *c = a->head;
    if (!c || c->cap - c->used < n) {
        size_t cap = 64 * 1024;
        if (n > cap / 4)
            cap = n; /* a large block gets a chunk of its own */
        c = bl_xmalloc(sizeof *c + cap);
        c->used = 0;
        c->cap = cap;
        if (a->head && n == cap) {
            /* keep the partly used head for the next small allocations */
            c->next = a->head->next;
            a->head->next = c;
        } else {
            c->next = a->head;
            a->head = c;
        }
    }
    void *p = c->mem + c->used;
    c->used += n;
    return p;
}

char *bl_strndup(bl_arena *a, const char *s, size_t n)
{
    char *p = bl_alloc(a, n + 1);
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *bl_strfmt(bl_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    char *p = bl_alloc(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void *bl_grow(bl_arena *a, void *old, size_t elem, size_t old_n, size_t new_cap)
{
    void *p = bl_alloc(a, elem * new_cap);
    if (old && old_n)
        memcpy(p, old, elem * old_n);
    return p;
}

/* ---- buffer ------------------------------------------------------------ */

static void buf_reserve(bl_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1)
        cap *= 2;
    b->data = bl_xrealloc(b->data, cap);
    b->cap = cap;
}

void bl_buf_add(bl_buf *b, const void *p, size_t n)
{
    buf_reserve(b, n);
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void bl_buf_addc(bl_buf *b, char c) { bl_buf_add(b, &c, 1); }
void bl_buf_adds(bl_buf *b, const char *s) { bl_buf_add(b, s, strlen(s)); }

void bl_buf_addf(bl_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    buf_reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void bl_buf_release(bl_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* ---- UTF-8 (RFC 3629) ---------------------------------------------------- */

int bl_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    if (n == 0) {
        *cp = BL_REPLACEMENT;
        return -1;
    }
    unsigned c = s[0];
    int len;
    uint32_t v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        len = 2, v = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3, v = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, v = c & 0x07, min = 0x10000;
    } else {
        *cp = BL_REPLACEMENT;
        return -1;
    }
    if ((size_t)len > n) {
        *cp = BL_REPLACEMENT;
        return -1;
    }
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = BL_REPLACEMENT;
            return -1;
        }
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = BL_REPLACEMENT;
        return -1;
    }
    *cp = v;
    return len;
}

int bl_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    } else if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    } else if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t bl_utf8_sanitize(bl_buf *dst, const char *src, size_t n)
{
    size_t bad = 0, i = 0;
    const unsigned char *s = (const unsigned char *)src;
    while (i < n) {
        uint32_t cp;
        int k = bl_utf8_decode(s + i, n - i, &cp);
        if (k < 0 || cp == 0) {
            bl_buf_add(dst, "\xEF\xBF\xBD", 3);
            bad++;
            i += 1;
        } else {
            bl_buf_add(dst, s + i, (size_t)k);
            i += (size_t)k;
        }
    }
    return bad;
}

/* ---- file names where they are shown ---------------------------------------------------- */

char *bl_path_utf8(const char *path)
{
    bl_buf b = BL_BUF_INIT;
    bl_utf8_sanitize(&b, path, strlen(path));
    bl_buf_add(&b, "", 0);
    return b.data ? b.data : bl_strdup_plain("");
}

char *bl_path_shown(const char *path)
{
    char *u = bl_path_utf8(path);
    bl_buf b = BL_BUF_INIT;
    for (const unsigned char *p = (const unsigned char *)u; *p;) {
        uint32_t cp;
        int k = bl_utf8_decode(p, strlen((const char *)p), &cp);
        if (k < 1)
            k = 1;
        if (cp == '\n')
            bl_buf_adds(&b, "\\n");
        else if (cp == '\t')
            bl_buf_adds(&b, "\\t");
        else if (cp < 0x20 || cp == 0x7F)
            bl_buf_addf(&b, "\\x%02x", (unsigned)cp);
        else if (cp >= 0x80 && cp < 0xA0)
            bl_buf_addf(&b, "\\u%04x", (unsigned)cp);
        else
            bl_buf_add(&b, p, (size_t)k);
        p += k;
    }
    free(u);
    bl_buf_add(&b, "", 0);
    return b.data ? b.data : bl_strdup_plain("");
}

char *bl_path_uri(const char *path)
{
    bl_buf b = BL_BUF_INIT;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        unsigned char c = *p;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
            c == '_' || c == '~' || c == '/')
            bl_buf_addc(&b, (char)c);
        else
            bl_buf_addf(&b, "%%%02X", c);
    }
    bl_buf_add(&b, "", 0);
    return b.data ? b.data : bl_strdup_plain("");
}

float bl_span_overlap(float a0, float a1, float b0, float b1)
{
    float lo = a0 > b0 ? a0 : b0, hi = a1 < b1 ? a1 : b1;
    return hi > lo ? hi - lo : 0;
}

bool bl_utf8_valid(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        int k = bl_utf8_next((const unsigned char *)s + i, n - i, &cp);
        if (k < 0)
            return false;
        i += (size_t)k;
    }
    return true;
}

/* ---- decimals ----------------------------------------------------------- */

const char *bl_dec_parse(const char *s, size_t n, bl_dec *out)
{
    size_t i = 0;
    bool neg = false, dot = false, any = false;
    int64_t m = 0;
    int scale = 0, digits = 0;
    if (i < n && (s[i] == '-' || s[i] == '+'))
        neg = s[i++] == '-';
    for (; i < n; i++) {
        char c = s[i];
        if (c == '.' && !dot) {
            dot = true;
            continue;
        }
        if (c < '0' || c > '9')
            return "not a number";
        any = true;
        if (m == 0 && c == '0' && !dot)
            continue; /* leading zeros carry no digits */
        if (++digits > 18)
            return "too many digits";
        m = m * 10 + (c - '0');
        if (dot)
            scale++;
    }
    if (!any)
        return "not a number";
    out->mant = neg ? -m : m;
    out->scale = scale;
    return NULL;
}

char *bl_dec_format(bl_dec d, char *buf, size_t size)
{
    char digits[32];
    uint64_t m = d.mant < 0 ? (uint64_t)(-(d.mant + 1)) + 1 : (uint64_t)d.mant;
    int n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)m);
    char tmp[64];
    size_t o = 0;
    if (d.mant < 0)
        tmp[o++] = '-';
    if (d.scale == 0) {
        memcpy(tmp + o, digits, (size_t)n);
        o += (size_t)n;
    } else {
        int intlen = n - d.scale;
        if (intlen <= 0) {
            tmp[o++] = '0';
            tmp[o++] = '.';
            for (int i = 0; i < -intlen; i++)
                tmp[o++] = '0';
            memcpy(tmp + o, digits, (size_t)n);
            o += (size_t)n;
        } else {
            memcpy(tmp + o, digits, (size_t)intlen);
            o += (size_t)intlen;
            tmp[o++] = '.';
            memcpy(tmp + o, digits + intlen, (size_t)d.scale);
            o += (size_t)d.scale;
        }
    }
    tmp[o] = '\0';
    snprintf(buf, size, "%s", tmp);
    return buf;
}

static bl_i128 pow10i(int k)
{
    bl_i128 p = 1;
    while (k-- > 0)
        p *= 10;
    return p;
}

/* floor and ceiling division for a positive divisor */
static bl_i128 div_floor(bl_i128 a, bl_i128 b)
{
    bl_i128 q = a / b;
    if ((a % b) != 0 && a < 0)
        q--;
    return q;
}

static bl_i128 div_ceil(bl_i128 a, bl_i128 b)
{
    bl_i128 q = a / b;
    if ((a % b) != 0 && a > 0)
        q++;
    return q;
}

/*
 * value*10 at scale+1 lets the half unit be exact: [10m - 5, 10m + 5] / 10^(scale+1).
 * Then move to BL_RSCALE and multiply by 10^pow10; when the result has more
 * decimals than BL_RSCALE the bounds are rounded outwards.
 */
static bl_range range_make(bl_dec d, int pow10, int half)
{
    bl_i128 lo = (bl_i128)d.mant * 10 - half, hi = (bl_i128)d.mant * 10 + half;
    int shift = BL_RSCALE + pow10 - (d.scale + 1); /* multiply by 10^shift */
    bl_range r;
    if (shift >= 0) {
        r.lo = lo * pow10i(shift);
        r.hi = hi * pow10i(shift);
    } else {
        bl_i128 p = pow10i(-shift);
        r.lo = div_floor(lo, p);
        r.hi = div_ceil(hi, p);
    }
    return r;
}

bl_range bl_range_of(bl_dec d, int pow10) { return range_make(d, pow10, 5); }
bl_range bl_range_exact(bl_dec d, int pow10) { return range_make(d, pow10, 0); }

bl_range bl_range_add(bl_range a, bl_range b)
{
    bl_range r = {a.lo + b.lo, a.hi + b.hi};
    return r;
}

bl_range bl_range_sub(bl_range a, bl_range b)
{
    bl_range r = {a.lo - b.hi, a.hi - b.lo};
    return r;
}

bool bl_range_overlap(bl_range a, bl_range b) { return a.lo <= b.hi && b.lo <= a.hi; }

static bool mul_ok(bl_i128 a, bl_i128 b, bl_i128 *out)
{
    return !__builtin_mul_overflow(a, b, out);
}

int bl_ratio_meets(bl_range n, bl_range d, bl_range p)
{
    if (d.lo <= 0)
        return -1; /* a zero or near-zero budget: no rate can be checked */
    bl_i128 nlo = n.lo < 0 ? 0 : n.lo, nhi = n.hi;
    if (nhi < 0)
        return -1;
    /*
     * Ratio interval [100*nlo/d.hi, 100*nhi/d.lo] (all in the same units,
     * P in units of 1e-8 percent). It meets P iff
     *   100*nlo*1e8 <= p.hi*d.hi   and   100*nhi*1e8 >= p.lo*d.lo.
     */
    bl_i128 k = 100 * pow10i(BL_RSCALE), a, b, c, e;
    if (!mul_ok(nlo, k, &a) || !mul_ok(p.hi, d.hi, &b) || !mul_ok(nhi, k, &c) ||
        !mul_ok(p.lo, d.lo, &e))
        return -1;
    return a <= b && c >= e;
}

static char *format_scaled(bl_i128 v, int decimals, char *buf, size_t size)
{
    /* v is in units of 10^-decimals, already rounded */
    bool neg = v < 0;
    if (neg)
        v = -v;
    char digits[64];
    int n = 0;
    do {
        digits[n++] = (char)('0' + (int)(v % 10));
        v /= 10;
    } while (v > 0 || n <= decimals);
    char out[80];
    size_t o = 0;
    if (neg)
        out[o++] = '-';
    for (int i = n - 1; i >= 0; i--) {
        out[o++] = digits[i];
        if (i == decimals && decimals > 0)
            out[o++] = '.';
    }
    out[o] = '\0';
    snprintf(buf, size, "%s", out);
    return buf;
}

static bl_i128 div_round(bl_i128 a, bl_i128 b)
{
    /* half away from zero, b > 0 */
    if (a >= 0)
        return (2 * a + b) / (2 * b);
    return -((-2 * a + b) / (2 * b));
}

char *bl_ratio_format(bl_range n, bl_range d, int decimals, char *buf, size_t size)
{
    bl_i128 nm = (n.lo + n.hi) / 2, dm = (d.lo + d.hi) / 2, num;
    if (dm <= 0 || !mul_ok(nm, 100 * pow10i(decimals), &num)) {
        snprintf(buf, size, "?");
        return buf;
    }
    return format_scaled(div_round(num, dm), decimals, buf, size);
}

char *bl_range_format_mid(bl_range r, int pow10, int decimals, char *buf, size_t size)
{
    bl_i128 mid = (r.lo + r.hi) / 2; /* units 1e-8, times 10^pow10 */
    int shift = BL_RSCALE + pow10 - decimals;
    bl_i128 v = shift >= 0 ? div_round(mid, pow10i(shift)) : mid * pow10i(-shift);
    return format_scaled(v, decimals, buf, size);
}

const char *bl_strerror(int errnum)
{
    static locale_t c_locale;
    if (!c_locale)
        c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    return c_locale ? strerror_l(errnum, c_locale) : strerror(errnum);
}
