/* test_normalize.c - normalized text and its offset map, from raw text input. */
#include "../../extract/extract.h"
#include "../../normalize/normalize.h"
#include "harness.h"

static bl_doc *norm(const char *raw)
{
    bl_doc *d = bl_doc_new("unit");
    bl_extract_bytes(d, raw, strlen(raw), false, NULL);
    bl_normalize(d);
    return d;
}

static bool map_ok(const bl_doc *d)
{
    for (size_t i = 0; i < d->text_len; i++) {
        if (d->src[i] >= d->raw_len)
            return false;
        if (i && d->src[i] < d->src[i - 1])
            return false;
    }
    return true;
}

void test_normalize(void)
{
    static const struct {
        const char *raw, *want, *what;
    } t[] = {
        {"执行数 ３，３９２．１５ 万元\n", "执行数 3,392.15 万元\n", "full-width digits and separators"},
        {"全年預(yù)算數(s hù)\n", "全年预算数\n", "a pinyin gloss wrapped in a narrow cell (one space) is dropped"},
        {"全市财政直达资金总额 75.20 亿元，其中中央安排直達\n(dá)資金 61.02 億元。\n",
         "全市财政直达资金总额 75.20 亿元，其中中央安排直达资金 61.02 亿元。\n",
         "a pinyin gloss at the start of the line its character's line goes on to is dropped"},
        {"完成预算数的９１．４４％。\n", "完成预算数的91.44%。\n", "full-width percent"},
        {"预算，执行\n", "预算，执行\n", "a Chinese comma between words stays"},
        {"年 度 全 年 预 算 数\n", "年度全年预算数\n", "justified spaces between CJK removed"},
        {"区委、区政府 24 小时值班\n", "区委、区政府 24 小时值班\n", "spaces around numbers kept"},
        {"完成 91.44 %\n", "完成 91.44%\n", "space before % removed"},
        {"完成预算数的百分之九十一点四四。\n", "完成预算数的91.44%。\n", "百分之 numeral"},
        {"完成率百分之百。\n", "完成率100%。\n", "百分之百"},
        {"误差千分之五。\n", "误差5‰。\n", "千分之"},
        {"预算数为人民币叁佰肆拾贰万玖仟肆佰元整。\n", "预算数为人民币3429400元。\n", "financial numerals, 整"},
        {"拨款壹佰元伍角。\n", "拨款100.50元。\n", "financial 元角"},
        {"得分为九十一点四四分。\n", "得分为91.44分。\n", "score in numerals"},
        {"投入三百万元。\n", "投入300万元。\n", "三百万元 keeps 万元"},
        {"区委十五届四次全会\n", "区委十五届四次全会\n", "十五届 is a name"},
        {"“十四五”开新局，二十大\n", "“十四五”开新局，二十大\n", "十四五, 二十大 are names"},
        {"一是精准务实，两个维护\n", "一是精准务实，两个维护\n", "counts stay words"},
        {"十分重要\n", "十分重要\n", "十分 is not a score"},
        {"三分之一\n", "三分之一\n", "fractions stay"},
        {"全年预算数 3,392.15 万元，执行数 3,101.73\n万元，完成\n", "全年预算数 3,392.15 万元，执行数 3,101.73万元，完成\n",
         "a number and its unit on the next line join"},
        {"广州市花都区人民政府办公室（以下简称“区政府办\n公室”）是区政府工作部门。\n",
         "广州市花都区人民政府办公室（以下简称“区政府办公室”）是区政府工作部门。\n", "a CJK wrap joins without a space"},
        {"下属单位共两个，分别是广州市花都区经济社会发展研究中心和广州市花都\n— 3 —\n\f区委区政府总值班室。\n",
         "下属单位共两个，分别是广州市花都区经济社会发展研究中心和广州市花都区委区政府总值班室。\n",
         "a sentence across a page break, footer dropped"},
        {"第一段写到这里结束了。\n-2-\n第 2 页\n第二段。\n", "第一段写到这里结束了。\n第二段。\n", "-2- and 第 2 页 dropped"},
        {"附件 4\n一、基本情况\n（一）部门概况\n", "附件 4\n一、基本情况\n（一）部门概况\n", "short lines stay separate"},
        {"\n\n\n", "", "blank lines dropped"},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        bl_doc *d = norm(t[i].raw);
        CHECK_STR(d->text, t[i].want, "normalize: %s", t[i].what);
        CHECK(map_ok(d), "offset map in range and non-decreasing: %s", t[i].what);
        bl_doc_free(d);
    }
    /* offsets map back to page and line */
    bl_doc *d = norm("第一页第一行。\n第一页第二行的预算。\n\f第二页第一行。\n");
    const char *p = strstr(d->text, "预算");
    int page, line;
    bl_doc_locate(d, (size_t)(p - d->text), &page, &line);
    CHECK(page == 1 && line == 2, "预算 located at 1:2 (got %d:%d)", page, line);
    p = strstr(d->text, "第二页");
    bl_doc_locate(d, (size_t)(p - d->text), &page, &line);
    CHECK(page == 2 && line == 1, "第二页 located at 2:1 (got %d:%d)", page, line);
    bl_doc_free(d);
    /*
     * laid-out lines (indent and fill as a page gives them): a heading one character short of
     * the margin, then an indented line, is a paragraph of its own; a line that goes on starts
     * at the margin
     */
    static const struct {
        int indent1, want_break;
        const char *what;
    } lay[] = {{2, 1, "an indented line after a line a character short starts a paragraph"},
               {0, 0, "a line at the margin after it goes on"}};
    for (size_t i = 0; i < sizeof lay / sizeof lay[0]; i++) {
        bl_doc *e = bl_doc_new("unit");
        const char *raw = "一、绩效目标分解下达情况\n下达给我县卫生健康系统的预算指标为\n2840.52万元，按用途使用。\n";
        bl_extract_bytes(e, raw, strlen(raw), false, NULL);
        if (e->nlines == 3) {
            e->lines[0].indent = 2, e->lines[0].fill = 93;
            e->lines[1].indent = (signed char)lay[i].indent1, e->lines[1].fill = 100;
            e->lines[2].indent = 0, e->lines[2].fill = 60;
        }
        bl_normalize(e);
        const char *h = strstr(e->text, "情况");
        bool broke = h && h[strlen("情况")] == '\n';
        CHECK(e->nlines == 3 && broke == (lay[i].want_break != 0), "normalize: %s (%s)", lay[i].what, e->text);
        bl_doc_free(e);
    }
    /* invalid UTF-8 is replaced and counted at the boundary */
    d = norm("预算\xFF数\n");
    CHECK(d->bad_utf8 == 1 && strstr(d->text, "\xEF\xBF\xBD"), "invalid byte becomes U+FFFD");
    bl_doc_free(d);
}
