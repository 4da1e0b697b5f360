/* arabic.c - Arabic numbers as printed (separators, OCR damage) and dotted dates. */
#include "qscan.h"

#include "quantity.h"

#include "../core/banned.h"

/*
 * Read an Arabic number at i; returns its end or i when none. Thousands:
 * 3,392.15 and 3 392.15. buf receives the digits without separators; a
 * number too long for buf leaves it empty (the caller reads that as a code).
 */
size_t read_arabic(const cps *s, size_t i, char *buf, size_t bufsz, unsigned *tags)
{
    size_t j = i, o = 0;
    bool fits = true;
#define PUT(ch)                                                                \
    do {                                                                       \
        if (o + 1 < bufsz)                                                     \
            buf[o++] = (char)(ch);                                             \
        else                                                                   \
            fits = false;                                                      \
    } while (0)
    buf[0] = '\0';
    if (!dig(s->c[j]))
        return i;
    size_t group = 0;
    while (j < s->n && dig(s->c[j])) {
        PUT(s->c[j]);
        j++, group++;
    }
    /* thousands groups */
    while (j + 3 < s->n && (s->c[j] == ',' || s->c[j] == ' ') && group <= 3 && dig(s->c[j + 1]) &&
           dig(s->c[j + 2]) && dig(s->c[j + 3]) && (j + 4 >= s->n || !dig(s->c[j + 4]))) {
        if (s->c[j] == ' ') {
            /* 3 392.15: a space groups digits only before decimals */
            size_t k = j + 4;
            while (k + 3 < s->n && s->c[k] == ' ' && dig(s->c[k + 1]) && dig(s->c[k + 2]) && dig(s->c[k + 3]))
                k += 4;
            if (!(k + 1 < s->n && s->c[k] == '.' && dig(s->c[k + 1])))
                break;
        }
        *tags |= BL_QT_THOUSANDS;
        for (size_t t = 1; t <= 3; t++)
            PUT(s->c[j + t]);
        j += 4;
        group = 3;
    }
    /* 21.966.95: dots grouping thousands (mirror copies, OCR), the last dot the decimal point */
    if (!(*tags & BL_QT_THOUSANDS) && group <= 3) {
        size_t k = j;
        while (k + 5 < s->n && s->c[k] == '.' && dig(s->c[k + 1]) && dig(s->c[k + 2]) && dig(s->c[k + 3]) &&
               s->c[k + 4] == '.' && dig(s->c[k + 5]))
            k += 4;
        if (k > j) {
            for (; j < k; j += 4)
                for (size_t t = 1; t <= 3; t++)
                    PUT(s->c[j + t]);
            *tags |= BL_QT_THOUSANDS;
        }
    }
    /* 35. 3万元: a space after the decimal point (OCR), only right before a unit of money or % */
    if (j + 2 < s->n && s->c[j] == '.' && s->c[j + 1] == ' ' && dig(s->c[j + 2])) {
        size_t k = j + 2;
        while (k < s->n && dig(s->c[k]))
            k++;
        size_t u = k < s->n && s->c[k] == ' ' ? k + 1 : k;
        if (u < s->n && (s->c[u] == 0x4E07 || s->c[u] == 0x5143 || s->c[u] == 0x4EBF || s->c[u] == '%')) {
            PUT('.');
            for (j += 2; j < k; j++)
                PUT(s->c[j]);
        }
    }
    if (j + 1 < s->n && s->c[j] == '.' && dig(s->c[j + 1])) {
        PUT('.');
        j++;
        while (j < s->n && dig(s->c[j])) {
            PUT(s->c[j]);
            j++;
        }
    }
#undef PUT
    buf[fits ? o : 0] = '\0';
    return j;
}

/* 2022.12.8, 2022-12-08, 2022/12/8 at i: a date; *end receives its end. */
bool is_dotted_date(const cps *s, size_t i, size_t *end)
{
    if (i + 7 >= s->n + 0 || !dig(s->c[i]) || !dig(s->c[i + 1]) || !dig(s->c[i + 2]) || !dig(s->c[i + 3]))
        return false;
    if (i > 0 && dig(s->c[i - 1]))
        return false;
    int y = (int)((s->c[i] - '0') * 1000 + (s->c[i + 1] - '0') * 100 + (s->c[i + 2] - '0') * 10 + (s->c[i + 3] - '0'));
    uint32_t sep = s->c[i + 4];
    if (y < 1900 || y > 2100 || (sep != '.' && sep != '-' && sep != '/'))
        return false;
    size_t j = i + 5, k = j;
    while (k < s->n && dig(s->c[k]) && k - j < 2)
        k++;
    if (k == j || k >= s->n || s->c[k] != sep || k + 1 >= s->n || !dig(s->c[k + 1]))
        return false;
    k++;
    size_t m = k;
    while (m < s->n && dig(s->c[m]) && m - k < 2)
        m++;
    if (m < s->n && dig(s->c[m]))
        return false;
    *end = m;
    return true;
}
