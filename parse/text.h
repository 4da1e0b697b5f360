/* text.h - parse/'s own byte-string helpers, shared by parse.c and tables.c. */
#ifndef BL_PARSE_TEXT_H
#define BL_PARSE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/** Does s[0..n) contain needle? */
static inline bool has(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(s + i, needle, k) == 0)
            return true;
    return false;
}

/** Does s[0..n) start with pre? */
static inline bool starts(const char *s, size_t n, const char *pre)
{
    size_t k = strlen(pre);
    return n >= k && memcmp(s, pre, k) == 0;
}

#endif
