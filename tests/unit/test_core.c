/* test_core.c - UTF-8, exact decimals and the interval rate check. */
#include "../../core/core.h"
#include "harness.h"

static void utf8_cases(void)
{
    static const struct {
        const char *bytes;
        size_t n;
        int len;       /* expected return */
        uint32_t cp;
    } t[] = {
        {"A", 1, 1, 'A'},
        {"\xC2\xA9", 2, 2, 0xA9},
        {"\xE4\xB8\x87", 3, 3, 0x4E07},             /* 万 */
        {"\xF0\x9F\x98\x80", 4, 4, 0x1F600},
        {"\xC0\xAF", 2, -1, BL_REPLACEMENT},          /* overlong '/' */
        {"\xE0\x80\xAF", 3, -1, BL_REPLACEMENT},      /* overlong */
        {"\xED\xA0\x80", 3, -1, BL_REPLACEMENT},      /* surrogate */
        {"\xF4\x90\x80\x80", 4, -1, BL_REPLACEMENT},  /* > U+10FFFF */
        {"\xE4\xB8", 2, -1, BL_REPLACEMENT},          /* truncated */
        {"\x80", 1, -1, BL_REPLACEMENT},              /* stray continuation */
        {"\xFF", 1, -1, BL_REPLACEMENT},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        uint32_t cp;
        int len = bl_utf8_decode((const unsigned char *)t[i].bytes, t[i].n, &cp);
        CHECK(len == t[i].len && cp == t[i].cp, "utf8 decode case %zu (len %d, U+%04X)", i, len,
              (unsigned)cp);
    }
    bl_buf b = BL_BUF_INIT;
    size_t bad = bl_utf8_sanitize(&b, "a\0b\xFF\xE4\xB8\x87", 7);
    CHECK(bad == 2 && b.len == 1 + 3 + 1 + 3 + 3, "sanitize replaces NUL and invalid bytes (%zu)", bad);
    bl_buf_release(&b);
    /* a CJK character split at each offset is invalid alone and valid whole */
    const char *wan = "\xE4\xB8\x87";
    for (size_t k = 1; k < 3; k++)
        CHECK(!bl_utf8_valid(wan, k), "split 万 at byte %zu is not valid alone", k);
    CHECK(bl_utf8_valid(wan, 3), "whole 万 is valid");
}

static void dec_cases(void)
{
    static const struct {
        const char *in, *out;
        int scale;
    } t[] = {
        {"3392.15", "3392.15", 2}, {"66.50", "66.50", 2},     {"880", "880", 0},
        {"0.00", "0.00", 2},       {"52.800000", "52.800000", 6}, {"-12.3", "-12.3", 1},
        {"0.0900000762939453", "0.0900000762939453", 16},    {"007", "7", 0},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        bl_dec d;
        char buf[64];
        const char *err = bl_dec_parse(t[i].in, strlen(t[i].in), &d);
        CHECK(!err && d.scale == t[i].scale, "dec parse %s (scale %d)", t[i].in, d.scale);
        CHECK_STR(bl_dec_format(d, buf, sizeof buf), t[i].out, "dec format %s", t[i].in);
    }
    bl_dec d;
    CHECK(bl_dec_parse("1234567890123456789", 19, &d) != NULL, "19 digits rejected");
    CHECK(bl_dec_parse("12a", 3, &d) != NULL, "non-digit rejected");
    CHECK(bl_dec_parse(".", 1, &d) != NULL, "a lone point rejected");
}

static bl_range R(const char *s, int pow10)
{
    bl_dec d;
    bl_dec_parse(s, strlen(s), &d);
    return bl_range_of(d, pow10);
}

static void rate_cases(void)
{
    /* rules.md R1 worked examples */
    static const struct {
        const char *n, *d, *p;
        int want;
    } t[] = {
        {"3101.73", "3392.15", "91.44", 1},  /* seed */
        {"3101.73", "3392.15", "91.43", 0},
        {"3101.73", "3392.15", "91.4", 1},
        {"228.21", "342.94", "66.55", 1},    /* seed project, 2 decimals */
        {"228.21", "342.94", "66.5", 1},     /* and 1 decimal */
        {"228.21", "342.94", "66.54", 1},    /* half-units accept a neighbour */
        {"228.21", "342.94", "66.57", 0},
        {"2873.52", "3049.21", "94.24", 1},  /* derived basic budget (as if stated) */
        {"18501.096", "19204.096", "95", 0}, /* a real report: 96.339% stated 95% */
        {"1.00", "8.00", "12", 1},           /* exact tie 12.5%: both neighbours */
        {"1.00", "8.00", "13", 1},
        {"1.00", "8.00", "14", 0},
        {"2.5", "7.5", "33.6", 1},           /* coarse inputs widen the interval */
        {"1268.72", "1172.55", "108.20", 1}, /* over 100% against 年初 */
        {"55.00", "50.00", "110", 1},
        {"0", "100", "0", 1},
        {"0.00", "0.00", "0.00", -1},        /* zero budget: not checkable */
        {"5", "0.000", "100", -1},           /* a budget whose interval reaches zero */
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        int got = bl_ratio_meets(R(t[i].n, 0), R(t[i].d, 0), R(t[i].p, 0));
        CHECK(got == t[i].want, "%s/%s vs %s%%: %d (want %d)", t[i].n, t[i].d, t[i].p, got, t[i].want);
    }
    /* units: 3,101.73 万元 / 33,921,500 元 */
    CHECK(bl_ratio_meets(R("3101.73", 4), R("33921500", 0), R("91.44", 0)) == 1, "万元 over 元");
    /* overflow is refused, not wrapped */
    CHECK(bl_ratio_meets(R("999999999999999999", 8), R("1", 0), R("1", 0)) == -1,
          "overflowing products are not checkable");
    char buf[64];
    CHECK_STR(bl_ratio_format(R("3101.73", 0), R("3392.15", 0), 2, buf, sizeof buf), "91.44",
              "ratio formatted at 2 decimals");
    CHECK_STR(bl_range_format_mid(bl_range_add(R("2873.52", 4), R("228.21", 4)), 4, 2, buf, sizeof buf),
              "3101.73", "sum formatted back in 万元");
    bl_range s = bl_range_sub(R("3392.15", 0), R("342.94", 0));
    CHECK(bl_range_overlap(s, R("3049.21", 0)), "3392.15 - 342.94 meets 3049.21");
    CHECK(s.hi - s.lo == (R("3392.15", 0).hi - R("3392.15", 0).lo) * 2, "width of a difference = 2 half-unit pairs");
}

static void arena_cases(void)
{
    bl_arena *a = bl_arena_new();
    char *big = bl_alloc(a, 1 << 20);
    char *small = bl_strndup(a, "预算", 6);
    big[(1 << 20) - 1] = 'x';
    CHECK(strcmp(small, "预算") == 0 && big[0] == 0, "arena: large and small blocks, zeroed");
    char *f = bl_strfmt(a, "%d%s", 42, "万元");
    CHECK_STR(f, "42万元", "arena printf");
    bl_arena_free(a);
}

void test_core(void)
{
    utf8_cases();
    dec_cases();
    rate_cases();
    arena_cases();
}
