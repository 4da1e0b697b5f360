/*
 * test_numbers.c - the number reader against tests/spec/numbers.txt (input =>
 * every quantity read, "kind value unit tags" joined by " ; "), plus generated
 * tables: every amount in every written form must read back to the same value.
 */
#include <stdlib.h>

#include "../../extract/extract.h"
#include "../../normalize/normalize.h"
#include "../../normalize/quantity.h"
#include "harness.h"

static void read_all(const char *text, char *out, size_t size)
{
    bl_doc *d = bl_doc_new("spec");
    size_t o = 0;
    out[0] = '\0';
    if (bl_extract_bytes(d, text, strlen(text), false, NULL) == 0) {
        bl_normalize(d);
        bl_quantity *q;
        size_t n = bl_quantities(d, &q);
        for (size_t i = 0; i < n && o < size; i++) {
            char v[64], tags[160];
            const char *unit = q[i].unit == BL_QU_MEASURE ? q[i].measure : bl_qunit_name(q[i].unit);
            bl_qtags_format(q[i].tags, tags, sizeof tags);
            o += (size_t)snprintf(out + o, size - o, "%s%s %s %s %s", i ? " ; " : "", bl_qkind_name(q[i].kind),
                                  (q[i].tags & BL_QT_DAMAGED) ? "?" : bl_dec_format(q[i].value, v, sizeof v),
                                  *unit ? unit : "-", *tags ? tags : "-");
        }
    }
    bl_doc_free(d);
}

static int spec_cases, spec_figures, spec_others;

static void run_spec(const char *path)
{
    FILE *f = fopen(path, "r");
    CHECK(f != NULL, "open %s", path);
    if (!f)
        return;
    char line[2048];
    int lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        size_t len = strlen(line);
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (!len || line[0] == '#')
            continue;
        char *sep = strstr(line, " => ");
        if (!sep) {
            CHECK(0, "%s:%d: no ' => ' in the case", path, lineno);
            continue;
        }
        *sep = '\0';
        const char *want = sep + 4;
        char input[1100];
        /* "\n" in a case stands for a line break, "\f" for a page break */
        size_t o = 0;
        for (const char *p = line; *p && o + 2 < sizeof input; p++) {
            if (p[0] == '\\' && p[1] == 'n')
                input[o++] = '\n', p++;
            else if (p[0] == '\\' && p[1] == 'f')
                input[o++] = '\f', p++;
            else
                input[o++] = *p;
        }
        input[o++] = '\n';
        input[o] = '\0';
        char got[2048];
        read_all(input, got, sizeof got);
        spec_cases++;
        if (strncmp(want, "figure", 6) == 0)
            spec_figures++;
        else
            spec_others++;
        CHECK_STR(got, strcmp(want, "none") == 0 ? "" : want, "%s:%d: %s", path, lineno, line);
    }
    fclose(f);
}

/* Generated: each amount in each written form reads back exactly. */
static void run_generated(void)
{
    static const struct {
        const char *plain, *thousands, *chinese; /* the same value three ways */
    } v[] = {
        {"3392.15", "3,392.15", "三千三百九十二点一五"}, {"91.44", "91.44", "九十一点四四"},
        {"66.50", "66.50", "六十六点五〇"},             {"12000", "12,000", "一万二千"},
        {"340000000", "340,000,000", "三亿四千万"},     {"1050", "1,050", "一千零五十"},
        {"3005", "3,005", "三千零五"},                  {"15", "15", "十五"},
        {"100", "100", "一百"},                         {"0.5", "0.5", "零点五"},
        {"228.21", "228.21", "二百二十八点二一"},       {"1000000000000", "1,000,000,000,000", "一万亿"},
        {"2873.52", "2,873.52", "二千八百七十三点五二"}, {"10.01", "10.01", "十点零一"},
        {"100000", "100,000", "十万"},                  {"1234567.89", "1,234,567.89", "一百二十三万四千五百六十七点八九"},
    };
    static const struct {
        const char *fmt, *unit, *tags;
        int form; /* 0 plain, 1 thousands, 2 chinese */
    } forms[] = {
        {"全年预算数%s万元。", "万元", "-", 0},     {"全年预算数 %s 万元。", "万元", "thousands", 1},
        {"执行数%s元。", "元", "-", 0},             {"执行数 %s 亿元。", "亿元", "thousands", 1},
        {"完成%s%%。", "%", "-", 0},                 {"得分%s分。", "分", "-", 0},
        {"共计%s千元。", "千元", "thousands", 1},    {"约%s万元。", "万元", "approx", 0},
        {"不低于%s%%。", "%", "lower", 0},           {"%s元/人*月。", "元", "per", 0},
        {"百分之%s。", "%", "-", 2},                 {"资金%s万元。", "万元", "-", 2},
        {"增加%s万元。", "万元", "up", 0},           {"下降%s个百分点。", "%", "points,down", 0},
        {"得分%s分。", "分", "-", 2},
    };
    int n = 0, bad = 0;
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        for (size_t k = 0; k < sizeof forms / sizeof forms[0]; k++) {
            const char *num = forms[k].form == 0 ? v[i].plain : forms[k].form == 1 ? v[i].thousands : v[i].chinese;
            char text[256], want[256], got[1024];
            snprintf(text, sizeof text, forms[k].fmt, num);
            strncat(text, "\n", sizeof text - strlen(text) - 1);
            if (forms[k].form == 2 && strcmp(forms[k].unit, "万元") == 0 && strcspn(v[i].plain, ".") > 4)
                continue; /* 三亿四千万万元 is not Chinese */
            if (strcmp(forms[k].unit, "%") == 0 && strcspn(v[i].plain, ".") >= 7)
                continue; /* a 7-digit percentage reads as glued table cells, rightly */
            const char *tags = forms[k].tags;
            if (forms[k].form == 1 && strcmp(v[i].plain, v[i].thousands) == 0)
                tags = "-"; /* no separator in this number */
            snprintf(want, sizeof want, "figure %s %s %s", v[i].plain, forms[k].unit, tags);
            read_all(text, got, sizeof got);
            n++;
            if (strcmp(got, want) != 0) {
                bad++;
                printf("FAIL: generated: %s\n    want \"%s\", got \"%s\"\n", text, want, got);
                bl_test_failed++;
            }
        }
    CHECK(bad == 0, "generated number forms: %d cases, %d wrong", n, bad);
    spec_cases += n;
    spec_figures += n;
}

void test_numbers(void)
{
    run_spec("tests/spec/numbers.txt");
    run_generated();
    printf("PASS: number reader: %d cases (%d figures, %d not figures)\n", spec_cases, spec_figures, spec_others);
}
