/* clause.c - where a figure's sentence, clause and paragraph start, and what its clause is about. */
#include "clause.h"

#include <string.h>

#include "roles.h"
#include "subject.h"
#include "text.h"

#include "../core/banned.h"

/*
 * The backward scans below stop after this many bytes (about 680 characters): a
 * "sentence" longer than that is unpunctuated text the layout joined, and scanning
 * it whole for every figure would make such a document quadratic. The cut is
 * moved forward to a character boundary.
 */
#define LOOKBACK 2048

static size_t lookback_limit(const char *t, size_t at)
{
    if (at <= LOOKBACK)
        return 0;
    size_t lim = at - LOOKBACK;
    while (((unsigned char)t[lim] & 0xC0) == 0x80)
        lim++;
    return lim;
}

/* Start of the sentence holding offset `at` (after 。！？；or a newline). */
size_t sentence_start(const char *t, size_t at)
{
    size_t lim = lookback_limit(t, at);
    while (at > lim) {
        if (t[at - 1] == '\n')
            return at;
        if (at >= 3 && (starts(t + at - 3, 3, "。") || starts(t + at - 3, 3, "；") ||
                        starts(t + at - 3, 3, "！") || starts(t + at - 3, 3, "？")))
            return at;
        at--;
    }
    return lim;
}

size_t paragraph_start(const char *t, size_t at)
{
    size_t lim = lookback_limit(t, at);
    while (at > lim && t[at - 1] != '\n')
        at--;
    return at;
}

/* The last scope keyword in t[from..to); NULL when none. */
const char *scope_in(const char *t, size_t from, size_t to)
{
    static const struct {
        const char *kw, *scope;
    } kws[] = {{"基本支出", "basic"}, {"项目支出", "project"}, {"部门整体", "total"}, {"整体支出", "total"}};
    const char *best = NULL;
    size_t best_at = 0;
    for (size_t k = 0; k < sizeof kws / sizeof kws[0]; k++) {
        size_t n = strlen(kws[k].kw);
        for (size_t i = from; i + n <= to; i++)
            if (memcmp(t + i, kws[k].kw, n) == 0 && (!best || i >= best_at))
                best = kws[k].scope, best_at = i;
    }
    return best;
}

/* Start of the clause holding `at`: after ，。；：、 or a newline. */
size_t clause_start(const char *t, size_t at)
{
    static const char *const delims[] = {"，", "。", "；", "：", "、", "！", "？"};
    size_t lim = lookback_limit(t, at);
    while (at > lim) {
        if (t[at - 1] == '\n' || t[at - 1] == ',' || t[at - 1] == ';' || t[at - 1] == ':')
            return at;
        for (size_t k = 0; k < sizeof delims / sizeof delims[0]; k++)
            if (at >= 3 && memcmp(t + at - 3, delims[k], 3) == 0)
                return at;
        at--;
    }
    return lim;
}

/*
 * What a clause says a figure is about: the words between the clause start
 * and the label. Years, "本部门", "全年" and the like say nothing; 基本支出 /
 * 项目支出 name a scope; any other word names something else (三公经费,
 * 收支, a project) and the figure is not the department's or project's own.
 * Returns the scope keyword's scope, "" for filler only, or NULL for other.
 */
const char *clause_subject(const bl_doc *doc, const char *t, size_t from, size_t to, bool *wider)
{
    bool w = false;
    static const char *const filler[] = {"本部门", "部门整体", "部门", "本单位", "单位", "我办", "我局",
                                         "我委", "本年度", "本年", "全年", "年度", "年", "整体", "其中",
                                         "合计", "总体", "全部", "资金", "总", "共", "的", "为", "（", "）"};
    static const struct {
        const char *kw, *scope;
    } kws[] = {{"基本支出", "basic"}, {"项目支出", "project"}};
    const char *scope = "";
    size_t i = from;
    while (i < to) {
        unsigned char c = (unsigned char)t[i];
        if (c < 0x80) { /* digits, spaces, ASCII punctuation: years and numbering */
            i++;
            continue;
        }
        size_t k, n = 0;
        for (k = 0; k < sizeof kws / sizeof kws[0]; k++)
            if (i + (n = strlen(kws[k].kw)) <= to && memcmp(t + i, kws[k].kw, n) == 0)
                break;
        if (k < sizeof kws / sizeof kws[0]) {
            scope = kws[k].scope;
            i += n;
            continue;
        }
        for (k = 0; k < sizeof filler / sizeof filler[0]; k++)
            if (i + (n = strlen(filler[k])) <= to && memcmp(t + i, filler[k], n) == 0)
                break;
        if (k == sizeof filler / sizeof filler[0]) {
            /* the report's subject (本项目, 我县, a piece of its name) or a role word (批复, 支出) */
            if (!(n = bl_subject_word(doc, t, i, to)) && !(n = bl_role_word(t, i, to))) {
                /* a role word the figure's label starts inside of (共完成|预算资金: 完成预算) */
                size_t ext = to + 24 < doc->text_len ? to + 24 : doc->text_len;
                size_t m = bl_role_word(t, i, ext);
                if (!m || i + m <= to)
                    return NULL;
                n = to - i;
            }
            w = true;
        }
        i += n;
    }
    if (wider)
        *wider = w;
    return scope;
}

/* A year the clause before a label names: 2022 年度全年预算数 -> 2022. */
int clause_year(const char *t, size_t from, size_t to)
{
    for (size_t i = from; i + 4 <= to; i++) {
        if ((i > from && t[i - 1] >= '0' && t[i - 1] <= '9') || t[i] < '1' || t[i] > '2')
            continue;
        bool digits = true;
        for (int k = 0; k < 4; k++)
            digits &= t[i + (size_t)k] >= '0' && t[i + (size_t)k] <= '9';
        if (!digits)
            continue;
        size_t j = i + 4;
        if (j < to && t[j] == ' ')
            j++;
        if (j + 3 <= to && memcmp(t + j, "年", 3) == 0) {
            int y = (t[i] - '0') * 1000 + (t[i + 1] - '0') * 100 + (t[i + 2] - '0') * 10 + (t[i + 3] - '0');
            if (y >= 1990 && y <= 2100)
                return y;
        }
    }
    return 0;
}
