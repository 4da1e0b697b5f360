/* test_parse.c - phrasing to facts: each input and the facts it must give, in order. */
#include "../../extract/extract.h"
#include "../../normalize/normalize.h"
#include "../../parse/cells.h"
#include "../../parse/parse.h"
#include "../../parse/roles.h"
#include "harness.h"

/* Facts as "kind scope value unit [basis]" separated by "; " */
static void facts_of(const char *text, char *out, size_t size)
{
    bl_doc *d = bl_doc_new("unit");
    bl_extract_bytes(d, text, strlen(text), false, NULL);
    bl_normalize(d);
    bl_parse(d);
    size_t o = 0;
    out[0] = '\0';
    for (size_t i = 0; i < d->nfacts && o < size; i++) {
        const bl_fact *f = &d->facts[i];
        char v[64];
        if (f->kind == BL_KIND_GRADE)
            snprintf(v, sizeof v, "%s", bl_grade_name(f->grade));
        else
            bl_dec_format(f->value, v, sizeof v);
        o += (size_t)snprintf(out + o, size - o, "%s%s %s %s%s%s%s", i ? "; " : "", bl_kind_name(f->kind),
                              f->scope, v, bl_unit_name(f->unit), f->basis ? " " : "",
                              f->basis ? bl_basis_name(f->basis) : "");
    }
    bl_doc_free(d);
}

void test_parse(void)
{
    static const struct {
        const char *in, *want;
    } t[] = {
        /* the seed's phrasing */
        {"2022 年度全年预算数 3,392.15 万元，执行数 3,101.73 万元，完成预算数的 91.44%。",
         "budget total 3392.15万元 adjusted; executed total 3101.73万元; rate total 91.44%"},
        {"其中基本支出 2,873.52 万元，完成预算数的 94.24%，项目支出 228.21 万元，完成预算数的 66.55%。",
         "executed basic 2873.52万元; rate basic 94.24%; executed project 228.21万元; rate project 66.55%"},
        {"2022 年本部门项目支出全年预算数为 342.94 万元，支出决算数为 228.21 万元，全年执行率 66.5%。",
         "budget project 342.94万元 adjusted; executed project 228.21万元; rate project 66.5%"},
        {"区府办 2022 年部门整体支出绩效评价得分为 91.44 分，绩效等级为“优”。", "score total 91.44分; grade total 优"},
        /* common variants (shared/domain/phrasing.md) */
        {"年初预算数 100 万元，调整后预算数 120 万元，实际支出 108 万元。",
         "budget total 100万元 initial; budget total 120万元 adjusted; executed total 108万元"},
        {"调整预算数(A)：120 万元，全年执行数(B)：108 万元，执行率为 90%。",
         "budget total 120万元 adjusted; executed total 108万元; rate total 90%"},
        {"年初预算 50 万元，完成年初预算的 108%。", "budget total 50万元 initial; rate total 108% initial"},
        {"1、基本支出：下达资金 600 万元，已支付 560 万元。\n2、项目支出：下达资金 400 万元，已支付 340 万元。\n",
         "budget basic 600万元; executed basic 560万元; budget project 400万元; executed project 340万元"},
        {"包括公用经费和学生资助等经费 4000 万元，于本年度支出 3800 万元，预算完成率 95%。",
         "budget total 4000万元; executed total 3800万元; rate total 95%"},
        {"包括公用经费和学生资助等经费 4000 万元，改善 20 所学校。", ""},
        {"预算执行率为 95.5%。", "rate total 95.5%"},
        {"项目支出预算执行率 95%。", "rate project 95%"},
        {"自评得分 92 分，自评结果为“优秀”。", "score total 92分; grade total 优"},
        {"自评得分\n90 分\n", "score total 90分"},
        /* #14: a year in a date cell a scan garbled is no target; a row a column off (a target
         * where the name goes) gives nothing */
        {"| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
         "| 产出指标 | 时效指标 | 完成时间 | 2023年冰月底前 | 2023年了2 | 10 | 10 |\n",
         "weight indicator:完成时间 10分; score indicator:完成时间 10分"},
        {"| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
         "| 产出指标 | 质量指标 | ≥95% | 98% | 10 | 10 |  |\n",
         ""},
        /* #14: what a scan left of a funds table: a header cell's letter alone, the 执行率(B/A)
         * naming it; the total's label lost over its 其中 rows (and not over anything else) */
        {"| 项目资金 | 年初预算数 | (A) | 全年执行数(B) | 执行率(B/A) |\n| 年度资金总额 | 100 | 120 | 114 | 95% |\n",
         "budget total 100万元 initial; budget total 120万元 adjusted; executed total 114万元; rate total 95% adjusted"},
        {"| 项目资金 | 年初预算数 | 全年预算数(A) | (B) | 执行率(B/A) |\n| 年度资金总额 | 100 | 120 | 114 | 95% |\n",
         "budget total 100万元 initial; budget total 120万元 adjusted; executed total 114万元; rate total 95% adjusted"},
        {"| 项目资金 | 全年预算数 | 全年执行数 |\n|  | 120 | 114 |\n| 其中：财政拨款 | 100 | 94 |\n",
         "budget total 120万元 adjusted; executed total 114万元; budget source:财政拨款 100万元 adjusted; "
         "executed source:财政拨款 94万元"},
        {"| 项目资金 | 全年预算数 | 全年执行数 |\n|  | 120 | 114 |\n| 财政拨款 | 100 | 94 |\n",
         "budget source:财政拨款 100万元 adjusted; executed source:财政拨款 94万元"},
        /* #13 shape 1: header cells holding values, also after 项目名称 / 主管部门 */
        {"| 项目名称 | 小学营养餐补助 | 主管部门 | 某县教育局 | 自评得分 | 94 |\n", "score total 94分"},
        {"| 主管部门 | 某县教育局 | 自评总分（分） | 96.45 |\n", "score total 96.45分"},
        /* shape 2: label and value in one cell; a row under the merged first cell keeps its kind */
        {"| 年度预算资金（万元） | 按资金来源分： | 一般公共预算：926.30万元 | 其他资金：340万元 |\n"
         "|  | 按支出性质分： | 基本支出：611.52万元 | 项目支出：654.78万元 |\n",
         "budget source:一般公共预算 926.30万元; budget source:其他资金 340万元; budget basic 611.52万元; "
         "budget project 654.78万元"},
        /* shape 5: label/value pairs across a row, its 其中 row by columns, the footer's 总分 | 分值 | 得分 | 等级 */
        {"单位：万元\n| 预算数 | 6.10 | 到位数 | 6.10 | 执行数 | 5.95 |\n| 其中:财政资金 | 6.10 |  | 6.10 |  | 5.95 |\n"
         "| 其他需要说明事项 | 无 | 总分 | 100 | 93 | 优 |\n",
         "budget total 6.10万元; executed total 5.95万元; budget project:财政资金 6.10万元; executed project:财政资金 5.95万元; "
         "weight sum 100分; score total 93分; grade total 优"},
        {"综合评分为 85.5 分，等级为良好。", "score total 85.5分; grade total 良"},
        {"实际支出 96 万元，占全年预算的 96%。", "executed total 96万元; rate total 96% adjusted"},
        {"基本支出预算 80 万元，占总预算的 80%。", "budget basic 80万元"},
        {"项目支出 7 万元，占总支出的 7%。", ""},
        /* a 其中 list whose comma the layout lost at a line's end: the figure before ends the part */
        {"项目资金总预算为 2455.5 万元，其中部门预算项目支出 87.5 万元专项预算支出 2350 万元。",
         "budget total 2455.5万元; budget project 87.5万元; budget project:专项预算支出 2350万元"},
        /* a total row with its budget only, over one source that holds every figure: the total's */
        {"| 资金情况(万元) | 全年预算数(A) | 全年执行数(B) | 执行率(B/A) |\n| 年度资金总额 | 300 |  |  |\n"
         "| 其中:中央补助 |  |  |  |\n| 自治区补助 | 300 | 259.45 | 86.5% |\n",
         "budget total 300万元 adjusted; budget source:自治区补助 300万元 adjusted; executed source:自治区补助 259.45万元; "
         "executed total 259.45万元; rate source:自治区补助 86.5% adjusted; rate total 86.5% adjusted"},
        {"| 资金情况(万元) | 全年预算数(A) | 全年执行数(B) | 执行率(B/A) |\n| 年度资金总额 | 300 |  |  |\n"
         "| 其中:中央补助 | 100 | 90 | 90% |\n| 自治区补助 | 200 | 160 | 80% |\n",
         "budget total 300万元 adjusted; budget source:中央补助 100万元 adjusted; executed source:中央补助 90万元; "
         "rate source:中央补助 90% adjusted; budget source:自治区补助 200万元 adjusted; executed source:自治区补助 160万元; "
         "rate source:自治区补助 80% adjusted"},
        /* #13: a table of a project's name alone (a form split in two: another program's
         * layout, a page break) names the funds table after it; a table with rows of its own
         * does not pass its project on */
        {"| 项目名称 | 甲项目 |\n\n| 项目资金 | 全年预算数 | 全年执行数 |\n| 年度资金总额 | 100 | 90 |\n\n"
         "| 项目名称 | 乙项目 |\n\n| 项目资金 | 全年预算数 | 全年执行数 |\n| 年度资金总额 | 50 | 50 |\n",
         "budget project:甲项目 100万元 adjusted; executed project:甲项目 90万元; budget project:乙项目 50万元 adjusted; "
         "executed project:乙项目 50万元"},
        {"| 项目名称 | 甲项目 |\n| 项目资金 | 全年预算数 | 全年执行数 |\n| 年度资金总额 | 100 | 90 |\n\n"
         "| 项目名称 | 乙项目 |\n| 项目资金 | 全年预算数 | 全年执行数 |\n| 年度资金总额 | 50 | 50 |\n\n"
         "| 项目资金 | 全年预算数 | 全年执行数 |\n| 年度资金总额 | 150 | 140 |\n",
         "budget project:甲项目 100万元 adjusted; executed project:甲项目 90万元; budget project:乙项目 50万元 adjusted; "
         "executed project:乙项目 50万元; budget total 150万元 adjusted; executed total 140万元"},
        /* and the 单位 line above the form is the funds table's too: label/value pairs of bare numbers */
        {"单位：万元\n| 项目名称 | 甲项目 |\n\n| 预算数 | 6.10 | 执行数 | 5.95 |\n",
         "budget total 6.10万元; executed total 5.95万元"},
        {"单位：万元\n| 项目名称 | 甲项目 |\n| 项目资金 | 全年预算数 |\n| 年度资金总额 | 7 |\n\n| 预算数 | 6.10 | 执行数 | 5.95 |\n",
         "budget total 7万元"},
        {"本年批复单位用款计划额度为128万元。\n| 用款计划额度构成 | 额度 | 比例(%) |\n| 基本支出 | 80 | 63 |\n",
         "budget total 128万元"},
        {"评价等级：中。", "grade total 中"},
        {"决算数为 2,282,100 元。", "executed total 2282100元"},
        {"全年预算数为人民币叁佰肆拾贰万玖仟肆佰元整。", "budget total 3429400元 adjusted"},
        {"已完成拨付 19204.096万，资金已使用 52.800000 万元。", "executed total 19204.096万元; executed total 52.800000万元"},
        {"全年预算数 1.2 亿元。", "budget total 1.2亿元 adjusted"},
        {"全年预算数 ３，３９２．１５ 万元，完成预算数的９１．４４％。", "budget total 3392.15万元 adjusted; rate total 91.44%"},
        /* kinds follow context, or the figure is left alone */
        {"全年预算数 500 万元，其中基本支出 300 万元，项目支出 200 万元。",
         "budget total 500万元 adjusted; budget basic 300万元; budget project 200万元"},
        {"基本支出 300 万元。", ""},
        {"增加基本支出 844.15 万元。", ""},
        /* not figures of this department */
        {"三公经费预算数为 140.2 万元。", "budget item:三公经费 140.2万元"},
        {"信息报送完成率 100%，档案规范整理率达到 100%。", ""},
        {"2022 年，分办来文 20000 余件，召开会议 38 次，区委十五届四次全会，“十四五”开新局。", ""},
        {"根据财预〔2020〕10号文，于2022年12月8日印发。", ""},
        {"占 56.17%；增长 6.59%。", ""},
        {"得分 2022 年。", ""},
        /* approximations, bounds, ranges, per-person money and damage are never exact facts */
        {"全年预算数约 3000 万元，执行数 3000 余万元。", ""},
        {"全年预算数不超过 500 万元，执行率不低于 95%。", ""},
        {"执行率为 80%-90%。", ""},
        {"全年预算数 583元/人*月。", ""},
        {"执行率为 O76%，全年预算数 M.8万元。", ""},
        {"执行率 40004000100%。", ""},
        {"执行率提高 3 个百分点。", ""},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        char got[1024], name[256];
        facts_of(t[i].in, got, sizeof got);
        size_t k = 0; /* the test's name on one line: a line break shown as ⏎ */
        for (const char *p = t[i].in; *p && k + 4 < sizeof name; p++)
            if (*p == '\n')
                memcpy(name + k, "⏎", 3), k += 3;
            else
                name[k++] = *p;
        name[k] = '\0';
        CHECK_STR(got, t[i].want, "parse: %s", name);
    }
    /* the role lexicon: each word's sentence where it gives the role, and one where it does not */
    const char *word, *fires, *fires_facts, *quiet, *quiet_facts;
    for (size_t i = 0; bl_role_entry(i, &word, &fires, &fires_facts, &quiet, &quiet_facts); i++) {
        char got[1024];
        facts_of(fires, got, sizeof got);
        CHECK_STR(got, fires_facts, "lexicon %s fires: %s", word, fires);
        facts_of(quiet, got, sizeof got);
        CHECK_STR(got, quiet_facts, "lexicon %s quiet: %s", word, quiet);
    }
    /* a row a column off (#14): its cells under the next column's header cells */
    header h = {0};
    const float hx[][2] = {{100, 160}, {160, 220}, {220, 260}, {260, 300}}; /* 三级指标 | 指标值 | 分值 | 得分 */
    for (int k = 0; k < 4; k++)
        h.x0[k] = hx[k][0], h.x1[k] = hx[k][1];
    cell under = {"10", 2, 0, 2, 232, 248}, off = {"10", 2, 0, 2, 272, 288}, wide = {"绩效目标", 12, 0, 0, 100, 220};
    cell unknown = {"10", 2, 0, 2, 0, 0};
    CHECK(!off_column(&h, &under), "off_column: a figure under its own column's header");
    CHECK(off_column(&h, &off), "off_column: a figure under the next column's header (a row a column off)");
    CHECK(!off_column(&h, &wide), "off_column: a merged cell over two columns, its own the first");
    CHECK(!off_column(&h, &unknown), "off_column: no position known (a text table)");
    /* a header whose cells were counted a column off: two in one column (#14) */
    const cell head[] = {{"项目资金", 12, 0, 0, 0, 0}, {"全年预算数", 15, 0, 1, 0, 0}, {"全年执行数", 15, 0, 2, 0, 0},
                         {"分值", 6, 0, 2, 0, 0}, {"得分", 6, 0, 4, 0, 0}};
    read_header(&h, head, 5, 0);
    CHECK(h.clash[2] && h.role[2] == C_NONE && !h.named[2],
          "read_header: 全年执行数 and 分值 in one column clash: it names nothing");
    CHECK(h.named[1] && h.role[1] == C_BUDGET_ADJUSTED && !h.named[3] && h.role[4] == C_SCORE,
          "read_header: the other columns keep their names; column 3 has no header cell");
    read_header(&h, head, 3, 0);
    CHECK(!h.clash[2] && h.role[2] == C_EXECUTED, "read_header: one cell a column, no clash");
    /* a 其中 list runs over the lines its sentence wraps to, up to a heading: a figure past
     * its end is no part of its total (a section's own total a page on) */
    const char *list = "省检察院年度基本支出预算 15,844.04 万元，其中：人员经费\n13,452.12 万元、公用经费 2,391.92 万元。\n"
                       "七、一般公共预算支出预算情况说明\n省检察院一般公共预算财政拨款支出预算24,169.74万元。\n";
    bl_doc *d = bl_doc_new("unit");
    bl_extract_bytes(d, list, strlen(list), false, NULL);
    bl_normalize(d);
    bl_parse(d);
    int total = 0, parts = 0, stray = -1;
    for (size_t i = 0; i < d->nfacts; i++) {
        char v[64];
        bl_dec_format(d->facts[i].value, v, sizeof v);
        if (strcmp(v, "15844.04") == 0)
            total = d->facts[i].id;
        else if (strcmp(v, "13452.12") == 0 || strcmp(v, "2391.92") == 0)
            parts += total && d->facts[i].part_of == total;
        else if (strcmp(v, "24169.74") == 0)
            stray = d->facts[i].part_of;
    }
    CHECK(parts == 2, "parse: 其中 parts on the line its sentence wraps to are parts (%d of 2)", parts);
    CHECK(stray == 0, "parse: a figure after the list's end and a heading is no part (part_of %d)", stray);
    bl_doc_free(d);
    /* a list whose parts did not read as figures (a table's rows): the next figure, a section on */
    const char *empty = "省检察院年度基本支出预算 15,844.04 万元。其中：\n七、一般公共预算支出预算情况说明\n"
                        "省检察院一般公共预算财政拨款支出预算24,169.74万元。\n";
    d = bl_doc_new("unit");
    bl_extract_bytes(d, empty, strlen(empty), false, NULL);
    bl_normalize(d);
    bl_parse(d);
    stray = -1;
    for (size_t i = 0; i < d->nfacts; i++) {
        char v[64];
        bl_dec_format(d->facts[i].value, v, sizeof v);
        if (strcmp(v, "24169.74") == 0)
            stray = d->facts[i].part_of;
    }
    CHECK(stray == 0, "parse: a figure a heading after an empty 其中 list is no part (part_of %d)", stray);
    bl_doc_free(d);
}
