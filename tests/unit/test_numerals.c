/* test_numerals.c - Chinese and financial numerals to exact decimals. */
#include "../../normalize/normalize.h"
#include "../../normalize/quantity.h"
#include "harness.h"

/* decode a UTF-8 string into code points */
static size_t cps(const char *s, uint32_t *out, size_t max)
{
    size_t n = 0, i = 0, len = strlen(s);
    while (i < len && n < max) {
        int k = bl_utf8_decode((const unsigned char *)s + i, len - i, &out[n++]);
        i += k > 0 ? (size_t)k : 1;
    }
    return n;
}

void test_numerals(void)
{
    static const struct {
        const char *in, *want; /* want NULL: rejected */
    } t[] = {
        {"一", "1"},           {"十", "10"},          {"十五", "15"},
        {"一十五", "15"},      {"二十", "20"},        {"九十一", "91"},
        {"一百", "100"},       {"一百零五", "105"},   {"三千零五", "3005"},
        {"一千零五十", "1050"}, {"两千", "2000"},     {"一万二", "12000"},
        {"三千五", "3500"},    {"十二万三千", "123000"}, {"三亿四千万", "340000000"},
        {"一万亿", "1000000000000"}, {"一亿二", "120000000"}, {"二〇二二", "2022"},
        {"零", "0"},           {"九十一点四四", "91.44"}, {"六十六点五", "66.5"},
        {"六十六点五〇", "66.50"}, {"零点五", "0.5"},  {"一百点零", "100.0"},
        {"叁佰肆拾贰万玖仟肆佰", "3429400"}, {"壹拾伍", "15"}, {"贰万", "20000"},
        {"陆佰柒拾捌", "678"},  {"捌萬", "80000"},     {"伍億", "500000000"},
        {"百", "100"},
        {"", NULL},            {"点五", NULL},        {"五点", NULL},
        {"二二百", NULL},      {"万", NULL},          {"九十一点四四五六七八九零一", NULL},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        uint32_t c[64];
        size_t n = cps(t[i].in, c, 64);
        bl_dec d;
        const char *err = bl_numeral_parse(c, n, &d);
        if (!t[i].want) {
            CHECK(err != NULL, "numeral '%s' rejected", t[i].in);
        } else {
            char buf[64];
            CHECK_STR(err ? err : bl_dec_format(d, buf, sizeof buf), t[i].want, "numeral '%s'", t[i].in);
        }
    }
    /* fuzz/regressions/numeral-money-19-digits: 角 on a 17-digit 元 amount would need 19 digits */
    {
        const char *big = "壹亿亿佰元伍角";
        bl_dec d19;
        CHECK(bl_chinese_number(big, strlen(big), &d19) != NULL, "money beyond 18 digits is refused");
    }
    /* a run of 万 is refused, not looped over */
    uint32_t many[64];
    for (int i = 0; i < 64; i++)
        many[i] = 0x4E07;
    many[0] = 0x4E00;
    bl_dec d;
    CHECK(bl_numeral_parse(many, 64, &d) != NULL, "一万万万… is too large");
}
