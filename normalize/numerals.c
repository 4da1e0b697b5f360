/* numerals.c - Chinese lower-case and financial (大写) numerals to exact decimals. */
#include "normalize.h"
#include "quantity.h"

#include "../core/banned.h"

int bl_numeral_digit(uint32_t cp)
{
    switch (cp) {
    case 0x96F6: /* 零 */
    case 0x3007: /* 〇 */
        return 0;
    case 0x4E00: /* 一 */
    case 0x58F9: /* 壹 */
        return 1;
    case 0x4E8C: /* 二 */
    case 0x8D30: /* 贰 */
    case 0x8CB3: /* 貳 */
    case 0x4E24: /* 两 */
    case 0x5169: /* 兩 */
        return 2;
    case 0x4E09: /* 三 */
    case 0x53C1: /* 叁 */
    case 0x53C3: /* 參 */
        return 3;
    case 0x56DB: /* 四 */
    case 0x8086: /* 肆 */
        return 4;
    case 0x4E94: /* 五 */
    case 0x4F0D: /* 伍 */
        return 5;
    case 0x516D: /* 六 */
    case 0x9646: /* 陆 */
    case 0x9678: /* 陸 */
        return 6;
    case 0x4E03: /* 七 */
    case 0x67D2: /* 柒 */
        return 7;
    case 0x516B: /* 八 */
    case 0x634C: /* 捌 */
        return 8;
    case 0x4E5D: /* 九 */
    case 0x7396: /* 玖 */
        return 9;
    default:
        return -1;
    }
}

int bl_numeral_unit(uint32_t cp)
{
    switch (cp) {
    case 0x5341: /* 十 */
    case 0x62FE: /* 拾 */
        return 1;
    case 0x767E: /* 百 */
    case 0x4F70: /* 佰 */
        return 2;
    case 0x5343: /* 千 */
    case 0x4EDF: /* 仟 */
        return 3;
    case 0x4E07: /* 万 */
    case 0x842C: /* 萬 */
        return 4;
    case 0x4EBF: /* 亿 */
    case 0x5104: /* 億 */
        return 8;
    default:
        return 0;
    }
}

/* One bit per BMP code point: is it a numeral digit or unit? Built once (hot loops ask per character). */
static uint64_t numeral_bits[0x10000 / 64];
static bool numeral_bits_ready;

bool bl_numeral_any(uint32_t cp)
{
    if (cp < 0x3007 || cp >= 0x10000)
        return false;
    if (!numeral_bits_ready) {
        for (uint32_t c = 0x3000; c < 0x10000; c++)
            if (bl_numeral_digit(c) >= 0 || bl_numeral_unit(c) > 0)
                numeral_bits[c / 64] |= 1ull << (c % 64);
        numeral_bits_ready = true;
    }
    return (numeral_bits[cp / 64] >> (cp % 64)) & 1;
}

bool bl_numeral_financial(uint32_t cp)
{
    switch (cp) {
    case 0x58F9: case 0x8D30: case 0x8CB3: case 0x53C1: case 0x53C3: case 0x8086:
    case 0x4F0D: case 0x9646: case 0x9678: case 0x67D2: case 0x634C: case 0x7396:
    case 0x62FE: case 0x4F70: case 0x4EDF:
        return true;
    default:
        return false;
    }
}

#define POINT 0x70B9 /* 点 */
#define LIMIT 100000000000000000LL /* 1e17: keeps every step inside int64 */

static int64_t p10(int k)
{
    int64_t p = 1;
    while (k-- > 0)
        p *= 10;
    return p;
}

/* A section below 万: 千 百 十 and digits; 三千五 = 3500 (the tail digit takes the next unit down). */
static const char *parse_section(const uint32_t *c, size_t n, int64_t *out)
{
    int64_t sec = 0;
    int d = -1, lastpow = 0;
    bool zero_gap = false, prev_digit = false;
    for (size_t i = 0; i < n; i++) {
        int dv = bl_numeral_digit(c[i]);
        if (dv >= 0) {
            if (prev_digit && dv != 0 && d > 0)
                return "not a numeral"; /* two digits in a row: 二二百 */
            if (dv == 0)
                zero_gap = true;
            else
                d = dv;
            prev_digit = true;
            continue;
        }
        int p = bl_numeral_unit(c[i]);
        if (p < 1 || p > 3 || (lastpow && p >= lastpow))
            return "not a numeral"; /* 万/亿 are split off before; units must fall: 百千 is not a number */
        prev_digit = false;
        sec += (int64_t)(d < 0 ? 1 : d) * p10(p);
        d = -1;
        lastpow = p;
        zero_gap = false;
    }
    if (d > 0)
        sec += (lastpow > 0 && !zero_gap) ? d * p10(lastpow - 1) : d;
    *out = sec;
    return NULL;
}

/*
 * Split at the last 亿, then at the last 万: 三亿四千万 = 3·10^8 + 四千万,
 * 一万亿 = (一万)·10^8, 一万二千万 = (一万二千)·10^4. A lone digit after the
 * unit abbreviates the next unit down: 一万二 = 12000, 一亿二 = 1.2亿.
 */
static const char *parse_big(const uint32_t *c, size_t n, int64_t *out, int depth)
{
    if (depth > 8)
        return "too large";
    for (int big = 8; big >= 4; big -= 4) {
        size_t at = n;
        for (size_t i = n; i-- > 0;)
            if (bl_numeral_unit(c[i]) == big) {
                at = i;
                break;
            }
        if (at == n)
            continue;
        if (at == 0)
            return "not a numeral"; /* a bare 万 */
        int64_t left, right = 0;
        const char *err = parse_big(c, at, &left, depth + 1);
        if (err)
            return err;
        if (left == 0)
            return "not a numeral";
        size_t rn = n - at - 1;
        const uint32_t *r = c + at + 1;
        if (rn == 1 && bl_numeral_digit(r[0]) > 0)
            right = bl_numeral_digit(r[0]) * p10(big - 1);
        else if (rn > 0 && (err = parse_big(r, rn, &right, depth + 1)))
            return err;
        if (right >= p10(big) || left > LIMIT / p10(big))
            return "too large";
        *out = left * p10(big) + right;
        return *out > LIMIT ? "too large" : NULL;
    }
    return parse_section(c, n, out);
}

static const char *parse_int(const uint32_t *c, size_t n, int64_t *out)
{
    bool units = false;
    for (size_t i = 0; i < n; i++) {
        if (bl_numeral_unit(c[i]))
            units = true;
        else if (bl_numeral_digit(c[i]) < 0)
            return "not a numeral";
    }
    if (!units) { /* positional: 二〇二二 */
        if (n > 17)
            return "too large";
        int64_t v = 0;
        for (size_t i = 0; i < n; i++)
            v = v * 10 + bl_numeral_digit(c[i]);
        *out = v;
        return NULL;
    }
    return parse_big(c, n, out, 0);
}

const char *bl_numeral_parse(const uint32_t *cps, size_t n, bl_dec *out)
{
    if (n == 0)
        return "empty";
    if (n > 64)
        return "too large";
    size_t point = n;
    for (size_t i = 0; i < n; i++)
        if (cps[i] == POINT) {
            point = i;
            break;
        }
    int64_t iv = 0;
    if (point == 0)
        return "not a numeral";
    const char *err = parse_int(cps, point, &iv);
    if (err)
        return err;
    int scale = 0;
    int64_t frac = 0;
    if (point < n) {
        if (point + 1 == n)
            return "not a numeral";
        for (size_t i = point + 1; i < n; i++) {
            int dv = bl_numeral_digit(cps[i]);
            if (dv < 0)
                return "not a numeral";
            if (++scale > 8)
                return "too large";
            frac = frac * 10 + dv;
        }
    }
    if (iv > LIMIT / p10(scale))
        return "too large";
    out->mant = iv * p10(scale) + frac;
    out->scale = scale;
    return NULL;
}

const char *bl_chinese_number(const char *s, size_t n, bl_dec *out)
{
    uint32_t c[128] = {0};
    size_t k = 0;
    for (size_t b = 0; b < n;) {
        uint32_t cp;
        int l = bl_utf8_decode((const unsigned char *)s + b, n - b, &cp);
        if (l < 0)
            return "invalid UTF-8";
        if (k == 128)
            return "too large";
        c[k++] = cp;
        b += (size_t)l;
    }
    size_t i = 0;
    if (k >= 3 && c[0] == 0x4EBA && c[1] == 0x6C11 && c[2] == 0x5E01) /* 人民币 */
        i = 3;
    /* the integer part ends at 元/圆; then X角 Y分; 整/正 closes */
    size_t e = i;
    while (e < k && c[e] != 0x5143 && c[e] != 0x5706)
        e++;
    size_t j;
    if (e == k) {
        bool cents = k > i + 1 && (c[k - 1] == 0x89D2 /* 角 */ || c[k - 1] == 0x5206 /* 分 */);
        if (!cents)
            return bl_numeral_parse(c + i, k - i, out); /* a plain number */
        out->mant = 0, out->scale = 0; /* 人民币伍分: no 元 at all */
        j = i;
    } else {
        const char *err = bl_numeral_parse(c + i, e - i, out);
        if (err)
            return err;
        j = e + 1;
    }
    int64_t jiao = 0, fen = 0;
    bool frac = false;
    if (j < k && c[j] == 0x96F6) /* 零: 壹元零伍分 */
        j++;
    if (j + 1 < k && bl_numeral_digit(c[j]) >= 0 && c[j + 1] == 0x89D2)
        jiao = bl_numeral_digit(c[j]), j += 2, frac = true;
    if (j < k && c[j] == 0x96F6)
        j++;
    if (j + 1 < k && bl_numeral_digit(c[j]) >= 0 && c[j + 1] == 0x5206)
        fen = bl_numeral_digit(c[j]), j += 2, frac = true;
    if (j < k && (c[j] == 0x6574 || c[j] == 0x6B63))
        j++;
    if (j != k)
        return "not a money amount";
    if (frac) {
        if (out->scale != 0)
            return "not a money amount";
        if (out->mant > 9999999999999999LL) /* 18 digits at most once 角 and 分 are added */
            return "too large";
        out->mant = out->mant * 100 + jiao * 10 + fen;
        out->scale = 2;
    }
    return NULL;
}
