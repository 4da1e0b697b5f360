/*
 * t2s.c - Traditional to Simplified characters with OpenCC's t2s configuration,
 * one character for one character, so the offset map (text -> raw) stays exact
 * and locations and evidence still point at the printed Traditional text.
 *
 * OpenCC converts strings; we ask it once per process for each distinct CJK
 * character a document holds that it has not been asked about yet (one call per
 * document, the characters separated by newlines so no phrase spans two of
 * them) and keep the answers in a table over the BMP. A character whose answer
 * is not exactly one character stays as it is.
 */
#include "t2s.h"

#include <opencc.h>
#include <stdlib.h>
#include <string.h>

#include "../core/banned.h"

#define T2S_MAX 0x10000u

static uint32_t *map;     /* 0: not asked yet; else the Simplified character */
static opencc_t cc;
static int cc_state; /* 0 not opened, 1 open, -1 unavailable */

static bool convertible(uint32_t cp)
{
    return (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF);
}

static bool open_cc(void)
{
    if (cc_state == 0) {
        cc = opencc_open("t2s.json");
        cc_state = cc == (opencc_t)-1 ? -1 : 1;
        if (cc_state > 0) {
            map = bl_xmalloc(T2S_MAX * sizeof *map);
            memset(map, 0, T2S_MAX * sizeof *map);
        }
    }
    return cc_state > 0;
}

void bl_t2s_cleanup(void)
{
    if (cc_state > 0)
        opencc_close(cc);
    free(map);
    map = NULL;
    cc_state = 0;
}

/* Ask OpenCC about the characters of cps[] not in the table yet. */
static void learn(const uint32_t *cps, size_t n, size_t stride)
{
    bl_buf q = BL_BUF_INIT;
    uint32_t *asked = NULL;
    size_t nasked = 0, cap = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t cp = cps[i * stride];
        if (!convertible(cp) || map[cp])
            continue;
        map[cp] = cp; /* asked (at most once, even when OpenCC fails below) */
        if (nasked == cap) {
            cap = cap ? cap * 2 : 256;
            asked = bl_xrealloc(asked, cap * sizeof *asked);
        }
        asked[nasked++] = cp;
        char u[4];
        bl_buf_add(&q, u, (size_t)bl_utf8_encode(cp, u));
        bl_buf_add(&q, "\n", 1);
    }
    if (nasked) {
        bl_buf_add(&q, "", 1); /* NUL */
        char *out = opencc_convert_utf8(cc, q.data, q.len - 1);
        if (out) {
            const unsigned char *p = (const unsigned char *)out;
            size_t len = strlen(out);
            for (size_t k = 0; k < nasked; k++) {
                const unsigned char *nl = memchr(p, '\n', len - (size_t)(p - (const unsigned char *)out));
                if (!nl)
                    break;
                uint32_t sc;
                int w = bl_utf8_next(p, (size_t)(nl - p), &sc);
                if (w > 0 && p + w == nl && sc < T2S_MAX && convertible(sc))
                    map[asked[k]] = sc;
                p = nl + 1;
            }
            opencc_convert_utf8_free(out);
        }
    }
    free(asked);
    bl_buf_release(&q);
}

size_t bl_t2s_convert(uint32_t *cps, size_t n, size_t stride)
{
    if (!n || !open_cc())
        return 0;
    /* one pass once the table knows the document's characters; a second after learning */
    for (int pass = 0; pass < 2; pass++) {
        size_t changed = 0;
        bool unknown = false;
        for (size_t i = 0; i < n; i++) {
            uint32_t *c = &cps[i * stride];
            if (!convertible(*c))
                continue;
            uint32_t to = map[*c];
            if (!to)
                unknown = true;
            else if (to != *c) {
                *c = to;
                changed++;
            }
        }
        if (!unknown)
            return changed;
        learn(cps, n, stride);
    }
    return 0;
}
