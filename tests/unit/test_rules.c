/* test_rules.c - rules on short texts: each fires where it should and stays quiet elsewhere. */
#include "../../extract/extract.h"
#include "../../normalize/normalize.h"
#include "../../parse/parse.h"
#include "../../validate/validate.h"
#include "harness.h"

static bl_doc *run(const char *raw)
{
    bl_doc *d = bl_doc_new("unit");
    bl_extract_bytes(d, raw, strlen(raw), false, NULL);
    bl_normalize(d);
    bl_parse(d);
    bl_validate(d);
    return d;
}

static int count(const bl_doc *d, const char *rule)
{
    int n = 0;
    for (size_t i = 0; i < d->nfindings; i++)
        n += strcmp(d->findings[i].rule, rule) == 0;
    return n;
}

void test_rules(void)
{
    static const struct {
        const char *text, *rule;
        int want;
        const char *what;
    } t[] = {
        {"全年预算数 100.00 万元，执行数 90.00 万元，完成预算数的 90.00%。", "rate-mismatch", 0, "exact rate"},
        {"全年预算数 100.00 万元，执行数 90.00 万元，完成预算数的 90.01%。", "rate-mismatch", 0, "one unit off is within the half-units"},
        {"全年预算数 100.00 万元，执行数 90.00 万元，完成预算数的 90.02%。", "rate-mismatch", 1, "two units off"},
        {"全年预算数 8.00 万元，执行数 1.00 万元，完成预算数的 13%。", "rate-mismatch", 0, "tie rounds either way"},
        {"年初预算数 100 万元，全年预算数 120 万元，执行数 108 万元，执行率为 108%。", "rate-mismatch", 0,
         "basis 年初 tried after 全年"},
        {"年初预算数 100 万元，全年预算数 120 万元，执行数 108 万元，执行率为 95%。", "rate-mismatch", 1,
         "no basis fits"},
        {"全年预算数 0.00 万元，执行数 0.00 万元，执行率为 0.00%。", "rate-mismatch", 0, "zero budget is quiet"},
        {"全年预算数 0.00 万元，执行数 0.00 万元，执行率为 0.00%。", "missing-figure", 0, "zero budget is not missing"},
        {"执行率为 95%。", "missing-figure", 1, "a rate alone cannot be checked"},
        {"信息报送完成率 100%，规范整理率达到 100%。", "missing-figure", 0, "completion rates are not execution rates"},
        {"三公经费预算数为 140.2 万元，执行数 120 万元。全年预算数 500 万元，执行数 450 万元，执行率为 90%。",
         "rate-mismatch", 0, "another item's figures are not the department's"},
        {"三公经费预算数为 140.2 万元。全年预算数为 500 万元。", "figure-conflict", 0, "items are not the total"},
        {"全年预算数为 500 万元。后文：全年预算数为 500.00 万元。", "figure-conflict", 0, "same figure, more decimals"},
        {"全年预算数为 500 万元。后文：全年预算数为 510 万元。", "figure-conflict", 1, "same figure, two values"},
        {"年初预算数为 500 万元。全年预算数为 510 万元。", "figure-conflict", 0, "年初 and 全年 differ legitimately"},
        {"与上年相比增加 844.15万元，增加基本支出 844.15 万元。全年预算数 1000 万元，执行数 900 万元。其中基本支出 700 万元，项目支出 200 万元。",
         "sum-mismatch", 0, "a change is not a part"},
        {"项目资金总预算为 860 万元，其中研发补助 520 万元，平台建设 320 万元。", "sum-mismatch", 1,
         "其中 parts short of their total"},
        {"项目资金总预算为 860 万元，其中研发补助 520 万元，平台建设 340 万元。", "sum-mismatch", 0,
         "其中 parts that add up"},
        {"项目资金总预算为 860 万元，其中研发补助 520 万元，平台建设 320 万元等。", "sum-mismatch", 0,
         "a partial list (等) is not checked"},
        {"下达资金 300 万元，其中中央补助 320 万元。", "sum-mismatch", 1, "a part larger than its total"},
        {"公务用车预算支出 183.6 万元。其中：购置预算支出 0 万元，比上年增加 0 万元。", "sum-mismatch", 0,
         "a list holding a change is no split"},
        {"下达资金 300 万元。下达资金 200 万元。", "figure-conflict", 0, "two allocations read by role are two figures"},
        {"全省平均支付进度为 67.3%。支出 45 万元，预算 100 万元。", "rate-mismatch", 0,
         "a rate of something else (全省平均) is no fact"},
        {"下达资金 100 万元，支出 45 万元。截至目前，资金使用率 100%；某县拨付 45 万元。", "rate-mismatch", 0,
         "a role-read rate with no figure in its sentence is no fact"},
        {"截至 8 月底，下达资金 100 万元，支付 60 万元，支付率 60%。", "deviation-reason-missing", 0,
         "an interim rate needs no reason yet"},
        {"下达资金 100 万元，支付 60 万元，支付率 60%。", "deviation-reason-missing", 1,
         "a year's low rate needs its reason"},
        {"1-6月份，下达资金 100 万元，支付 60 万元，支付率 60%。", "deviation-reason-missing", 0,
         "a rate for months 1 to 6 is interim"},
        {"上半年下达资金 100 万元，支付 60 万元，支付率 60%。", "deviation-reason-missing", 0,
         "a half-year's rate is interim"},
        {"1-12月，下达资金 100 万元，支付 60 万元，支付率 60%。", "deviation-reason-missing", 1,
         "months 1 to 12 are the year"},
        {"实际支出 60 万元，全年预算 100 万元。实际支出 60 万元，占全年预算的 65%。", "rate-mismatch", 1,
         "spending as a share of the budget is an execution rate"},
        {"基本支出预算 80 万元，全年预算 100 万元，占总预算的 70%。", "rate-mismatch", 0,
         "a budget's share of the budget is no execution rate"},
        {"| 一级指标 | 二级指标 | 三级指标 | 分值 | 得分 |\n| 产出指标 | 数量指标 | 采购数量 | 30 | 30 |\n"
         "| 产出指标 | 质量指标 |  | 30 | 28 |\n| 效益指标 | 社会效益 | 读者便利 | 40 | 40 |\n| 总分 |  |  | 100 | 90 |\n",
         "score-sum-mismatch", 0, "a row of figures without its indicator's name leaves the sum unchecked"},
        {"| 一级指标 | 二级指标 | 三级指标 | 分值 | 得分 |\n| 产出指标 | 数量指标 | 采购数量 | 30 | 30 |\n"
         "| 产出指标 | 质量指标 | 验收合格率 | 30 | 28 |\n| 效益指标 | 社会效益 | 读者便利 | 40 | 40 |\n| 总分 |  |  | 100 | 90 |\n",
         "score-sum-mismatch", 1, "every row named: 30 + 28 + 40 = 98, not 90"},
        {"| 一级指标 | 二级指标 | 三级指标 | 指标值 | 分值 | 得分 |\n| 产出指标 | 数量指标 | 采购数量 | ≥IO次 | 30 | 30 |\n"
         "| 产出指标 | 质量指标 | 验收合格率 | ≥95% | 30 | 28 |\n| 效益指标 | 社会效益 | 读者便利 | 明显 | 40 | 40 |\n"
         "| 总分 |  |  |  | 100 | 90 |\n",
         "score-sum-mismatch", 1, "a damaged target (IO次) is in no column of the sum: 30 + 28 + 40 = 98, not 90"},
        {"| 一级指标 | 二级指标 | 三级指标 | 指标值 | 分值 | 得分 |\n| 产出指标 | 数量指标 | 采购数量 | ≥10次 | 30 | IO分 |\n"
         "| 产出指标 | 质量指标 | 验收合格率 | ≥95% | 30 | 28 |\n| 效益指标 | 社会效益 | 读者便利 | 明显 | 40 | 40 |\n"
         "| 总分 |  |  |  | 100 | 90 |\n",
         "score-sum-mismatch", 0, "a damaged score (IO分) in the scores' column leaves their sum unchecked"},
        {"| 项目资金 | 年初预算数 | 全年预算数 | 全年执行数 |\n| 年度资金总额 | 100 | 100 | 95 |\n"
         "| 其中：财政拨款 | 80 | 80 | 70 |\n| 其他资金 | 20 | 20 | 20 |\n| 一级指标 | 三级指标 | 指标值 | 实际完成值 |\n"
         "| 产出指标 | 采购数量 | ≥10次 | IO次 |\n",
         "sum-mismatch", 1, "a damaged actual value rows below the funds' rows is no part of their sum: 70 + 20 = 90, not 95"},
        {"| 项目资金 | 年初预算数 | 全年预算数 | 全年执行数 |\n| 年度资金总额 | 100 | 100 | 95 |\n"
         "| 其中：财政拨款 | 80 | 80 | 70 |\n| 其他资金 | 20 | 20 | IO次 |\n",
         "sum-mismatch", 0, "a damaged part in the funds' rows leaves their sum unchecked"},
        {"| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
         "| 产出指标 | 数量指标 | 整治街道数量 | ≥12个 | 12个 | 50 | 50 |\n| 产出指标 | 质量指标 | ≥95% | 98% | 40 | 40 |  |\n"
         "| 总分 |  |  |  |  | 100 | 90 |\n",
         "weight-sum-mismatch", 0, "a row with a target where the name goes stands a column off: not read, the sums unchecked"},
        {"| 项目资金 | 年初预算数 | 全年执行数 | 执行率 |\n| 年度资金总额 | 100 | 114 | 95% |\n", "rate-mismatch", 1,
         "114 of 100 is 114%, not 95%"},
        {"| 项目资金 | 年初预算数 |  | 全年执行数 | 执行率 |\n| 年度资金总额 | 100 | 120 | 114 | 95% |\n", "rate-mismatch", 0,
         "a column of amounts under no header (a lost 全年预算数) may hold the rate's budget: not checked"},
        {"| 项目资金 | 全年预算数 | 全年执行数 | 分值 | 得分 |\n| 年度资金总额 | 50 | 45 | 10 | 9 |\n"
         "| 一级指标 | 二级指标 | 三级指标 | 分值 | 得分 |\n| 产出指标 | 数量指标 | 采购数量 | 60 | 60 |\n"
         "| 效益指标 | 社会效益 | 读者便利 | 30 | 30 |\n| 总分 |  |  | 100 | 95 |\n",
         "score-sum-mismatch", 1, "9 + 60 + 30 = 99, not 95"},
        {"| 项目资金 | 全年预算数 | 全年执行数 | 分值 | 得分 |\n|  | 50 | 45 | 10 | 9 |\n"
         "| 一级指标 | 二级指标 | 三级指标 | 分值 | 得分 |\n| 产出指标 | 数量指标 | 采购数量 | 60 | 60 |\n"
         "| 效益指标 | 社会效益 | 读者便利 | 30 | 30 |\n| 总分 |  |  | 100 | 99 |\n",
         "score-sum-mismatch", 0, "a row of amounts that lost its label leaves the sums unchecked"},
        {"年度任务数为 115 户，实际完成改造 264 户。实际改造数超任务 43%。", "count-mismatch", 1,
         "超任务 43% is task/done, not (done-task)/task"},
        {"年度任务数为 200 户，实际完成改造 260 户。实际改造数超任务 30%。", "count-mismatch", 0,
         "超任务 30% of 200 is 260"},
        {"评价得分为 90 分，等级为“优”。", "grade-mismatch", 0, "90 is 优"},
        {"评价得分为 89.99 分，等级为“优”。", "grade-mismatch", 1, "89.99 is 良"},
        {"评价得分为 89.5 分，等级为优秀。", "grade-mismatch", 1, "89.5 is 良 (优秀 read as 优)"},
        {"评价得分为 80.0 分，等级为良好。", "grade-mismatch", 0, "80.0 is 良"},
        {"评价得分为 59 分，等级为“中”。", "grade-mismatch", 1, "59 is 差"},
        {"等级为“优”。", "grade-mismatch", 0, "a grade without a score is normal"},
        {"评价得分为 100 分。", "score-out-of-range", 0, "100 is in range"},
        {"评价得分为 100.4 分。", "score-out-of-range", 1, "100.4 lies wholly above 100"},
        {"评价得分为 101 分。", "score-out-of-range", 1, "101 is out of range"},
        {"全年预算数 3,392.15 万元，执行数 3,101.73 万元，完成预算数的 91.43%。", "rate-truncated", 1, "truncation"},
        {"全年预算数 3,392.15 万元，执行数 3,101.73 万元，完成预算数的 91.43%。", "rate-mismatch", 0,
         "truncation is not an error"},
        {"全年预算数 33,921,500 元，执行数 31,017,300 元，完成预算数的 91.44%。其中基本支出 28,735,200 元，项目支出 2,282,100 元。",
         "unit-suspect", 0, "all in 元 is consistent"},
        {"全年预算数 100 万元，执行数 90 万元。其中基本支出 70 万元，项目支出 2696 元。", "unit-suspect", 0,
         "mixed units alone are no finding"},
        {"项目支出全年预算数为 50.00 万元，支出决算数为 55.00 万元，全年执行率 110%。", "rate-out-of-range", 1,
         "over 100% of the adjusted budget"},
        {"项目支出年初预算数为 50.00 万元，支出决算数为 55.00 万元，完成年初预算的 110%。", "rate-out-of-range", 0,
         "over 100% of 年初 is legitimate"},
        {"本年度共实施项目15个，其中新建项目8个，续建项目8个。", "count-mismatch", 1, "8 + 8 parts of 共15个"},
        {"共有在职人员50人，其中男性20人，女性25人。", "count-mismatch", 0, "a 其中 list may be partial"},
        {"下设单位共10个，分别为：行政单位3个，事业单位6个。", "count-mismatch", 1, "分别 claims the whole"},
        {"共有项目20个，其中重点项目13个、民生项目15个等。", "count-mismatch", 0, "等: a partial list"},
        {"共举办培训12次，其中线上培训约5次、线下培训9次。", "count-mismatch", 0, "an approximate part"},
        {"共设置绩效指标12个，其中一级指标3个，二级指标5个，三级指标12个。", "count-mismatch", 0,
         "level counts are not a sum (traps.md 19)"},
        {"共有项目15个，其中市级项目8个（其中新建5个），区级项目7个。", "count-mismatch", 0,
         "a bracketed breakdown is not a part"},
        /* tables ("| a | b |" rows) */
        {"| 资金 | 年初预算数 | 全年预算数(A) | 全年执行数(B) | 执行率(B/A) |\n| 年度资金总额 | 1,000.00 | 1,250.00 | 950.00 | 95.00% |\n",
         "rate-mismatch", 0, "a rate of the 年初 budget under a (B/A) header is not rate-mismatch"},
        {"| 资金 | 年初预算数 | 全年预算数(A) | 全年执行数(B) | 执行率(B/A) |\n| 年度资金总额 | 1,000.00 | 1,250.00 | 950.00 | 95.00% |\n",
         "rate-basis-unknown", 1, "... but rate-basis-unknown, naming both"},
        {"| 资金情况(万元) | 全年预算数(A) | 全年执行数(B) | 执行率(B/A) |\n| 年度资金总额 | 0 | 0 | 0 |\n| 其中：本年财政拨款 | 45 | 44.862 | 99.69% |\n",
         "sum-mismatch", 2, "a 其中 row above its 年度资金总额 of 0 (budget and spending each)"},
        {"| 资金情况(万元) | 全年预算数(A) | 全年执行数(B) | 执行率(B/A) |\n| 年度资金总额 | 45 | 44.862 | 99.69% |\n| 其中：本年财政拨款 | 45 | 44.862 | 99.69% |\n",
         "sum-mismatch", 0, "one 其中 row equal to its total"},
        {"| 资金 | 年初预算数 | 全年预算数(A) | 全年执行数(B) | 执行率(B/A) |\n| 年度资金总额 | 1,000.00 | 1,250.00 | 950.00 | 90.00% |\n",
         "rate-mismatch", 1, "fitting neither budget is rate-mismatch"},
        {"| 指标名称 | 全年完成值 | 得分系数（%） | 指标权重（分） | 指标得分（分） |\n| 预算完成率 | 96 | 80 | 30 | 24 |\n",
         "indicator-score-mismatch", 0, "得分系数 80% × 30 = 24 (重庆)"},
        {"| 指标名称 | 全年完成值 | 得分系数（%） | 指标权重（分） | 指标得分（分） |\n| 预算完成率 | 96 | 80 | 30 | 30 |\n",
         "indicator-score-mismatch", 1, "得分系数 80% × 30 is not 30"},
        {"| 三级指标 | 年度指标值 | 实际完成值 | 得分系数 | 分值 | 得分 |\n| 受益学生覆盖率 | ≥100% | 81.30% | 100% | 50 | 50 |\n",
         "indicator-score-mismatch", 1, "a full 得分系数 for a target missed (81.30% of ≥100%, #13 shape 7)"},
        {"| 三级指标 | 年度指标值 | 实际完成值 | 得分系数 | 分值 | 得分 |\n| 受益学生覆盖率 | ≥100% | 100% | 100% | 50 | 50 |\n",
         "indicator-score-mismatch", 0, "a full 得分系数 for a target met"},
        {"| 三级指标 | 年度指标值 | 实际完成值 | 得分系数 | 分值 | 得分 |\n| 受益学生覆盖率 | ≥100% | 81.30% | 81.30% | 50 | 40.65 |\n",
         "indicator-score-mismatch", 0, "a coefficient that follows the completion"},
        {"| 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分 |\n| 养护里程 | ≥ | 120 | 公里 | 110 | 40 | 40 |\n",
         "full-marks-unmet", 1, "measure and direction from their own columns (四川)"},
        {"| 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分 |\n| 财政供养人员控制率 | ≤ | 100 | % | 98 | 30 | 30 |\n",
         "full-marks-unmet", 0, "≤ from the 指标性质 column: 98 meets ≤100"},
        {"| 三级指标 | 指标值 | 完成值 | 权重 | 得分 |\n| 财政供养人员控制率 | 100% | 98% | 30 | 30 |\n",
         "full-marks-unmet", 0, "a 控制率 is a ≤ target without its operator: 98% meets 100%"},
        {"| 三级指标 | 指标值 | 完成值 | 权重 | 得分 |\n| 财政供养人员控制率 | 100% | 103% | 30 | 30 |\n",
         "full-marks-unmet", 1, "a 控制率 over its target misses it"},
        {"| 一级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 | 偏差原因 |\n| 产出指标 | 清运垃圾量 | ≥3000吨 | 2850吨 | 10 | 9.5 |  |\n",
         "deviation-reason-missing", 1, "a missed target with its reason cell empty"},
        {"| 一级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 | 偏差原因 |\n| 产出指标 | 清运垃圾量 | ≥3000吨 | 2850吨 | 10 | 9.5 | 雨季受阻 |\n",
         "deviation-reason-missing", 0, "a missed target with its reason"},
        {"| 一级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 |\n| 产出指标 | 清运垃圾量 | ≥3000吨 | 2850吨 | 10 | 9.5 |\n",
         "deviation-reason-missing", 0, "a form without a reason column"},
        {"| 一级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 | 偏差原因 |\n| 产出指标 | 举办活动场次 | ≥200场 | 300场 | 10 | 10 |  |\n",
         "over-target-unexplained", 1, "150% of the target, no reason"},
        {"| 一级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 | 偏差原因 |\n| 产出指标 | 发表文章 | ≥2200篇 | 2859篇 | 10 | 10 |  |\n",
         "over-target-unexplained", 0, "129.95% is under 130%"},
        {"| 一级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 |\n| 效益指标 | 出行改善 | 明显改善 | 部分达成 | 10 | 9 |\n",
         "qualitative-band-mismatch", 1, "部分达成 scored 9 of 10"},
        {"| 一级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 |\n| 效益指标 | 出行改善 | 明显改善 | 部分达成 | 10 | 8 |\n",
         "qualitative-band-mismatch", 0, "8 of 10 is on the band's closed edge"},
        {"| 一级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 |\n| 效益指标 | 出行改善 | 明显改善 | 未达成 | 10 | 6.4 |\n",
         "qualitative-band-mismatch", 1, "未达成 scored 6.4 of 10"},
        {"| 资金 | 年初预算数(A) | 全年执行数(B) |\n| 年度资金总额 | 100.00 | 90.00 |\n| 基本支出 | 60.00 | 55.00 |\n"
         "| 项目支出 | 30.00 | 27.00 |\n| 其他 | 10.00 | 8.00 |\n",
         "sum-mismatch", 0, "a 其他 row after 基本/项目 is part of the split (贵州)"},
        {"| 资金 | 年初预算数(A) | 全年执行数(B) |\n| 年度资金总额 | 100.00 | 90.00 |\n| 基本支出 | 60.00 | 55.00 |\n"
         "| 项目支出 | 30.00 | 27.00 |\n| 其他 | 10.00 | 9.00 |\n",
         "sum-mismatch", 1, "基本 + 项目 + 其他 = 91.00 against 90.00"},
        {"| 资金 | 年初预算数(A) | 全年执行数(B) | 分值 | 得分 |\n| 年度资金总额 | 100.00 | 110.00 | 10 | 11 |\n",
         "score-out-of-range", 1, "the 执行率 row's score above its weight"},
        {"| 资金 | 年初预算数(A) | 全年执行数(B) | 分值 | 得分 |\n| 年度资金总额 | 100.00 | 110.00 | 10 | 10 |\n",
         "score-out-of-range", 0, "over 100% of 年初 caps at the weight"},
        {"| 一级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 |\n| 产出指标 | 整治街道数量 | ≥12个 | 12个 | 15 | 14 |\n",
         "indicator-score-mismatch", 1, "a met target earns the full weight"},
        {"| 一级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 |\n| 产出指标 | 整治街道数量 | ≥12个 | 16个 | 15 | 14 |\n",
         "indicator-score-mismatch", 0, "33% over the target may lose points"},
        {"| 一级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 |\n| 满意度指标 | 游客满意度 | ≥90% | 92% | 15 | 13.6 |\n",
         "indicator-score-mismatch", 0, "满意度 rows are scored by survey bands"},
        {"| 一级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 |\n| 产出指标 | 带动交易额 | ≥1亿元 | 0.8亿元 | 40 | 40 |\n",
         "full-marks-unmet", 1, "targets in 亿元 compare too"},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        bl_doc *d = run(t[i].text);
        int n = count(d, t[i].rule);
        CHECK(n == t[i].want, "%s: %s x%d (want %d)", t[i].rule, t[i].what, n, t[i].want);
        bl_doc_free(d);
    }
    /* every finding carries its evidence */
    bl_doc *d = run("全年预算数 100.00 万元，执行数 90.00 万元，完成预算数的 91.00%。");
    CHECK(d->nfindings == 1 && d->findings[0].nfacts == 3 && d->findings[0].stated &&
              strcmp(d->findings[0].stated, "91.00") == 0 && strcmp(d->findings[0].expected, "90.00") == 0,
          "rate-mismatch names stated 91.00, expected 90.00 and three facts");
    bl_doc_free(d);
    /* derived budget of a part */
    d = run("全年预算数 3,392.15 万元，执行数 3,101.73 万元，完成预算数的 91.44%。其中基本支出 2,873.52 万元，"
            "完成预算数的 94.24%，项目支出 228.21 万元，完成预算数的 66.55%。\n项目支出全年预算数为 342.94 万元。");
    const bl_fact *last = &d->facts[d->nfacts - 1];
    char buf[64];
    CHECK(last->derived && strcmp(last->scope, "basic") == 0 &&
              strcmp(bl_dec_format(last->value, buf, sizeof buf), "3049.21") == 0,
          "basic budget derived as 3049.21");
    CHECK(d->nfindings == 1 && strcmp(d->findings[0].rule, "deviation-reason-missing") == 0 &&
              d->coverage.rates_checked == 3,
          "seed paragraph: all 3 rates checked; only 66.55%% without a reason is reported");
    bl_doc_free(d);
}
