/* subject.c - what the report is about: its type, its subject, its numbered projects. */
#include "subject.h"

#include <string.h>

#include "text.h"

#include "../core/banned.h"

/* Report types, first match in the title wins. */
static const struct {
    const char *word, *type;
} types[] = {
    {"部门整体", "部门整体"}, {"整体支出", "部门整体"}, {"整体绩效", "部门整体"}, {"转移支付", "转移支付"},
    {"衔接资金", "衔接资金"}, {"直达资金", "转移支付"}, {"专项资金", "专项资金"}, {"专项", "专项资金"},
    {"项目支出", "项目支出"}, {"项目", "项目支出"}, {"资金", "专项资金"}, {"政策", "政策"},
};

/* Words around a subject's name in a title, dropped from it. */
static const char *const title_noise[] = {
    "关于上报", "绩效目标自评表", "绩效自评报告", "绩效评价报告", "绩效自评价报告", "绩效自评总结报告", "绩效自评总报告",
    "绩效自评表", "自评报告", "自评表", "评价报告", "总结报告", "报告", "绩效", "自评", "年度", "（", "）",
    "(", ")", "的",
};

/* Words that refer to the subject of a one-subject report, or say nothing of what a figure is. */
static const char *const subject_words[] = {
    "本项目", "该项目", "此项目", "项目", "本资金", "该资金", "此资金", "专项资金", "补助资金", "资金",
    "我局", "我区", "我县", "我市", "我省", "我镇", "我乡", "我委", "我办", "我处", "我单位", "本单位",
    "本部门", "本局", "本会", "本中心", "本校", "本处", "本站", "本院", "本所", "本级", "全县", "全区",
    "全市", "全省", "全镇", "县级", "区级", "市级", "省级", "财政", "实际", "已于", "已", "当年", "本年度",
    "本年", "目前", "截至", "截止", "年底", "年末", "共", "均", "专项", "全年", "部门", "整体", "单位", "应",
};

static bool contains(const char *h, size_t hn, const char *nd, size_t nn)
{
    for (size_t i = 0; i + nn <= hn; i++)
        if (memcmp(h + i, nd, nn) == 0)
            return true;
    return false;
}

static size_t para_end(const char *t, size_t n, size_t at)
{
    const char *nl = memchr(t + at, '\n', n - at);
    return nl ? (size_t)(nl - t) : n;
}

/* The value of a "项目名称：X" line or cell near the top; NULL when none. */
static const char *named_subject(bl_doc *doc)
{
    static const char *const labels[] = {"项目名称", "专项资金名称", "转移支付（项目）名称", "转移支付(项目)名称",
                                         "资金名称", "政策名称"};
    size_t lim = doc->text_len < 4000 ? doc->text_len : 4000;
    /* every label ends in 名称: find that, then which label it closes */
    for (size_t i = 0; i + 6 < lim; i++) {
        const char *m = memchr(doc->text + i, '\xE5', lim - i); /* 名 is E5 90 8D */
        if (!m)
            break;
        i = (size_t)(m - doc->text);
        if (!starts(m, lim - i, "名称"))
            continue;
        for (size_t k = 0; k < sizeof labels / sizeof labels[0]; k++) {
            size_t ll = strlen(labels[k]);
            if (i + 6 < ll || memcmp(doc->text + i + 6 - ll, labels[k], ll) != 0)
                continue;
            size_t a = i + 6; /* after 名称 */
            if (starts(doc->text + a, lim - a, "："))
                a += 3;
            else if (doc->text[a] == ':' || doc->text[a] == '\t' || doc->text[a] == ' ')
                a++;
            else
                continue;
            while (a < lim && (doc->text[a] == ' ' || doc->text[a] == '\t'))
                a++;
            size_t e = a;
            while (e < lim && doc->text[e] != '\t' && doc->text[e] != '\n' && doc->text[e] != ' ' &&
                   !starts(doc->text + e, lim - e, "　") && !starts(doc->text + e, lim - e, "主管部门"))
                e++;
            if (e - a >= 6)
                return bl_strndup(doc->arena, doc->text + a, e - a);
        }
    }
    return NULL;
}

/* The title without its year, department and the words every title has. */
static const char *title_subject(bl_doc *doc)
{
    if (!doc->title)
        return NULL;
    bl_buf b = BL_BUF_INIT;
    const char *s = doc->title;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        if (doc->department) {
            size_t dl = strlen(doc->department);
            if (dl && i + dl <= n && memcmp(s + i, doc->department, dl) == 0) {
                i += dl;
                continue;
            }
        }
        size_t k, m = 0;
        for (k = 0; k < sizeof title_noise / sizeof title_noise[0]; k++)
            if (starts(s + i, n - i, title_noise[k]))
                break;
        if (k < sizeof title_noise / sizeof title_noise[0]) {
            i += strlen(title_noise[k]);
            continue;
        }
        if ((unsigned char)s[i] < 0x80) { /* years, spaces */
            i++;
            continue;
        }
        size_t y = i;
        while (y && s[y - 1] == ' ')
            y--;
        if (starts(s + i, n - i, "年") && y && s[y - 1] >= '0' && s[y - 1] <= '9') {
            i += 3;
            continue;
        }
        m = 1;
        while (i + m < n && ((unsigned char)s[i + m] & 0xC0) == 0x80)
            m++;
        bl_buf_add(&b, s + i, m);
        i += m;
    }
    const char *r = b.len >= 6 ? bl_strndup(doc->arena, b.data, b.len) : NULL;
    bl_buf_release(&b);
    return r;
}

/* The project named at the start of a numbered paragraph t[p..e); its length in *len. */
static const char *numbered_name(const char *t, size_t p, size_t e, size_t *len)
{
    static const char *const ordinal[] = {"一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是", "九是", "十是"};
    static const char *const ends[] = {"项目", "支出", "资金", "经费", "工程", "补助", "补贴"};
    static const char *const not_names[] = {"情况", "分析", "目标", "指标", "措施", "问题", "制度"};
    size_t i = p;
    bool marked = false;
    for (size_t k = 0; k < sizeof ordinal / sizeof ordinal[0] && !marked; k++)
        if (starts(t + i, e - i, ordinal[k]))
            i += strlen(ordinal[k]), marked = true;
    /* (1) （1） ① */
    size_t open = starts(t + i, e - i, "（") ? 3 : i < e && t[i] == '(' ? 1 : 0;
    if (!marked && open && i + open < e && t[i + open] >= '0' && t[i + open] <= '9') {
        size_t k = i + open;
        while (k < e && t[k] >= '0' && t[k] <= '9')
            k++;
        size_t close = starts(t + k, e - k, "）") ? 3 : k < e && t[k] == ')' ? 1 : 0;
        if (close)
            i = k + close, marked = true;
    }
    if (!marked && starts(t + i, e - i, "\xE2\x91") && i + 3 <= e && (unsigned char)t[i + 2] >= 0xA0 &&
        (unsigned char)t[i + 2] <= 0xB3)
        i += 3, marked = true; /* ① … ⑳ */
    if (!marked && i < e && t[i] >= '0' && t[i] <= '9') {
        while (i < e && t[i] >= '0' && t[i] <= '9')
            i++;
        if (starts(t + i, e - i, "、"))
            i += 3, marked = true;
        else if (i < e && t[i] == '.' && !(i + 1 < e && t[i + 1] >= '0' && t[i + 1] <= '9'))
            i++, marked = true;
    }
    if (!marked)
        return NULL;
    while (i < e && t[i] == ' ')
        i++;
    if (starts(t + i, e - i, "用于"))
        i += 6;
    size_t a = i;
    while (i < e && i - a <= 96) {
        if (t[i] == ',' || t[i] == ':' || starts(t + i, e - i, "，") || starts(t + i, e - i, "：") ||
            starts(t + i, e - i, "。") || starts(t + i, e - i, "；"))
            break;
        i++;
    }
    if (i >= e || i - a > 96 || i - a < 6)
        return NULL;
    /* a closing remark in brackets is no part of the name: 传承人补助（竹编） */
    if (i - a > 6 && (starts(t + i - 3, 3, "）") || t[i - 1] == ')')) {
        size_t k = i - (t[i - 1] == ')' ? 1 : 3);
        while (k > a && !starts(t + k, i - k, "（") && t[k] != '(')
            k--;
        if (k > a)
            i = k;
    }
    bool ends_well = false;
    for (size_t k = 0; k < sizeof ends / sizeof ends[0]; k++) {
        size_t kl = strlen(ends[k]);
        ends_well |= i - a >= kl && memcmp(t + i - kl, ends[k], kl) == 0;
    }
    for (size_t k = 0; k < sizeof not_names / sizeof not_names[0] && ends_well; k++)
        ends_well = !has(t + a, i - a, not_names[k]);
    /* 1、基本支出：… / 2、项目支出：… split the department's spending: they are scopes, not projects */
    if (!ends_well || (i - a == 12 && (starts(t + a, 12, "基本支出") || starts(t + a, 12, "项目支出"))))
        return NULL;
    *len = i - a;
    return t + a;
}

void bl_subject_read(bl_doc *doc)
{
    if (doc->title)
        for (size_t k = 0; k < sizeof types / sizeof types[0] && !doc->report_type; k++)
            if (has(doc->title, strlen(doc->title), types[k].word))
                doc->report_type = types[k].type;
    doc->subject = named_subject(doc);
    if (!doc->subject && doc->report_type && strcmp(doc->report_type, "部门整体") == 0)
        doc->subject = doc->department; /* a department's report is about the department */
    if (!doc->subject)
        doc->subject = title_subject(doc);
    /* numbered project paragraphs: two or more make a report about several projects,
     * and their names are what later sentences name them by */
    int n = 0;
    for (size_t at = 0; at < doc->text_len;) {
        size_t e = para_end(doc->text, doc->text_len, at), len;
        const char *name = numbered_name(doc->text, at, e, &len);
        if (name) {
            if (n < BL_MAX_PROJECTS)
                doc->projects[n] = bl_strndup(doc->arena, name, len);
            n++;
        }
        at = e + 1;
    }
    doc->several_projects = n >= 2;
    doc->nprojects = n >= 2 ? (n < BL_MAX_PROJECTS ? n : BL_MAX_PROJECTS) : 0;
}

size_t bl_subject_word(const bl_doc *doc, const char *t, size_t i, size_t to)
{
    size_t best = 0;
    for (size_t k = 0; k < sizeof subject_words / sizeof subject_words[0]; k++) {
        size_t n = strlen(subject_words[k]);
        if (n > best && i + n <= to && memcmp(t + i, subject_words[k], n) == 0)
            best = n;
    }
    if (best || !doc->subject)
        return best;
    /* a piece of the subject's name, two characters or more */
    size_t sl = strlen(doc->subject), n = 0, chars = 0;
    while (i + n < to) {
        size_t m = 1;
        while (i + n + m < to && ((unsigned char)t[i + n + m] & 0xC0) == 0x80)
            m++;
        if ((unsigned char)t[i + n] < 0x80 || !contains(doc->subject, sl, t + i, n + m))
            break;
        n += m;
        chars++;
    }
    return chars >= 2 ? n : 0;
}

const char *bl_subject_paragraph(const bl_doc *doc, size_t para, size_t *len)
{
    if (!doc->several_projects)
        return NULL;
    size_t e = para_end(doc->text, doc->text_len, para);
    return numbered_name(doc->text, para, e, len);
}

/*
 * The first paragraph of a title of several, t[0..n), when it only names a unit
 * (after a year: 2022 年度某县教育局): that unit, in a static buffer; else NULL.
 */
/* Does t[0..n) end the way a unit's name does (局, 委员会, 中心, 政府, 某县 …)? */
static bool unit_name(const char *t, size_t n)
{
    static const char *const suffixes[] = {"局", "会", "委", "办", "院", "站", "所", "处", "厅", "部", "馆", "校", "中心",
                                           "政府", "县", "区", "市", "省", "镇", "乡", "队", "系统", "公司", "单位", "室"};
    for (size_t k = 0; k < sizeof suffixes / sizeof suffixes[0]; k++) {
        size_t sl = strlen(suffixes[k]);
        if (n >= sl && memcmp(t + n - sl, suffixes[k], sl) == 0)
            return true;
    }
    return false;
}

static const char *unit_line(const char *t, size_t n)
{
    static char buf[256];
    if (!n || n >= strlen(t) || has(t, n, "报告") || has(t, n, "表"))
        return NULL; /* a title of one paragraph, or the first one names the document */
    size_t i = 0;
    while (i < n && ((t[i] >= '0' && t[i] <= '9') || t[i] == ' ' || t[i] == 'x' || t[i] == 'X'))
        i++;
    if (i && starts(t + i, n - i, "年度"))
        i += 6;
    else if (i && starts(t + i, n - i, "年"))
        i += 3;
    while (i < n && t[i] == ' ')
        i++;
    size_t len = n - i;
    if (len < 9 || len > 90 || len >= sizeof buf || !unit_name(t + i, len))
        return NULL;
    memcpy(buf, t + i, len);
    buf[len] = '\0';
    return buf;
}

/*
 * The title: the first paragraphs up to one naming the document (报告, 自评表,
 * 评价表); the year is the title's first 年; the department is what the title
 * says between the year and the kind of report.
 */
void bl_subject_title(bl_doc *doc)
{
    const char *t = doc->text;
    size_t n = doc->text_len, at = 0, title_start = 0, first_len = 0;
    bl_buf title = BL_BUF_INIT;
    for (int para = 0; para < 5 && at < n; para++) {
        const char *nl = memchr(t + at, '\n', n - at);
        size_t e = nl ? (size_t)(nl - t) : n;
        const char *p = t + at;
        size_t len = e - at;
        bool attachment = starts(p, len, "附件") && len < 12;
        if (!attachment) {
            if (!title.len)
                title_start = at, first_len = len;
            bl_buf_add(&title, p, len);
            if (has(p, len, "报告") || has(p, len, "自评表") || has(p, len, "评价表") || has(p, len, "部门预算") ||
                has(p, len, "部门决算") || has(p, len, "自评附表"))
                break;
            if (title.len > 160) {
                title.len = 0;
                break;
            }
        }
        at = e + 1;
        if (at >= n)
            title.len = 0;
    }
    (void)title_start;
    if (title.len && (has(title.data, title.len, "报告") || has(title.data, title.len, "自评表") ||
                      has(title.data, title.len, "评价表") || has(title.data, title.len, "部门预算") ||
                      has(title.data, title.len, "部门决算") || has(title.data, title.len, "自评附表"))) {
        const char *before = NULL; /* 江苏省人大常委会办公厅 2017 年度部门预算: the name comes first */
        size_t before_len = 0;
        doc->title = bl_strndup(doc->arena, title.data, title.len);
        const char *s = doc->title, *end = s + title.len;
        /* the year: four digits before 年 */
        for (const char *q = s; q + 4 <= end; q++) {
            if (q[0] >= '1' && q[0] <= '2' && q[1] >= '0' && q[1] <= '9' && q[2] >= '0' && q[2] <= '9' &&
                q[3] >= '0' && q[3] <= '9' && (q == s || q[-1] < '0' || q[-1] > '9')) {
                const char *r = q + 4;
                while (r < end && *r == ' ')
                    r++;
                if (end - r >= 3 && memcmp(r, "年", 3) == 0) {
                    doc->year = (q[0] - '0') * 1000 + (q[1] - '0') * 100 + (q[2] - '0') * 10 + (q[3] - '0');
                    r += 3;
                    if (end - r >= 3 && memcmp(r, "度", 3) == 0)
                        r += 3;
                    before = s;
                    before_len = (size_t)(q - s);
                    s = r; /* the department follows the year */
                    break;
                }
            }
        }
        static const char *const stops[] = {"部门", "项目支出", "整体支出", "绩效", "预算", "决算", "关于", "自评"};
        const char *cut = end;
        for (size_t k = 0; k < sizeof stops / sizeof stops[0]; k++) {
            size_t kl = strlen(stops[k]);
            for (const char *q = s; q + kl <= cut; q++)
                if (memcmp(q, stops[k], kl) == 0) {
                    cut = q;
                    break;
                }
        }
        while (s < cut && *s == ' ')
            s++;
        while (before_len && before[before_len - 1] == ' ')
            before_len--;
        if (cut - s >= 9) /* at least three characters */
            doc->department = bl_strndup(doc->arena, s, (size_t)(cut - s));
        else if (before_len >= 6)
            doc->department = bl_strndup(doc->arena, before, before_len);
        /* 某县 2023 年衔接资金项目…: a project's name follows the year, not a unit; in a
         * 部门整体 title what stands there is the department, however it is named */
        if (doc->department && !unit_name(doc->department, strlen(doc->department)) &&
            !has(doc->title, strlen(doc->title), "部门整体") && !has(doc->title, strlen(doc->title), "整体支出"))
            doc->department = NULL;
        /* a cover line above the title naming the unit (2022 年度某县教育局 / 某县教育局2022年…报告) */
        const char *unit = unit_line(doc->title, first_len);
        if (unit)
            doc->department = bl_strndup(doc->arena, unit, strlen(unit));
    }
    bl_buf_release(&title);
}

const char *bl_subject_named(const bl_doc *doc, size_t from, size_t to)
{
    const char *best = NULL;
    size_t best_at = 0;
    for (int k = 0; k < doc->nprojects; k++) {
        size_t n = strlen(doc->projects[k]);
        for (size_t i = from; i + n <= to; i++)
            if (memcmp(doc->text + i, doc->projects[k], n) == 0 && (!best || i >= best_at))
                best = doc->projects[k], best_at = i;
    }
    return best;
}
