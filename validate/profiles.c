/* profiles.c - regional rules as data, and budgetlint.json. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "validate.h"

#include "../core/banned.h"

/* shared/domain/rules.md §2 and §8. Only the national bands are published for 自评;
 * the regional entries differ where the forms differ (basis, reason threshold). */
static const bl_profile profiles[] = {
    {"national", "全国（财预〔2020〕10号）", 90, 80, 60, false, 90, {10, 50, 30, 10},
     "财预〔2020〕10号: 90（含）-100 优、80（含）-90 良、60（含）-80 中、60 以下差; 执行率 = 全年执行数/全年预算数"},
    {"sichuan", "四川", 90, 80, 60, false, 90, {0, 0, 0, 0}, /* 10 + 90 together */
     "四川 部门预算项目支出绩效自评表: 预算执行率=预算执行数/调整后预算数, 未达到90%的需说明原因"},
    {"guizhou", "贵州", 90, 80, 60, true, 90, {0, 0, 0, 0},
     "贵州 部门整体支出绩效自评表: 年初预算数(A)、全年执行数(B), 执行率*该指标分值"},
    {"chongqing", "重庆", 90, 80, 60, false, 90, {0, 0, 0, 0}, "重庆 部门整体绩效自评表: 全年（调整）预算数, 执行率权重"},
    {"guangzhou", "广州", 90, 80, 60, false, 90, {0, 0, 0, 0},
     "广州/广东 practice (rule text not found): 全年预算数 in prose; national bands (seed 91.44 → 优)"},
};

const bl_profile *bl_profiles(size_t *n)
{
    *n = sizeof profiles / sizeof profiles[0];
    return profiles;
}

const bl_profile *bl_profile_find(const char *name)
{
    for (size_t i = 0; i < sizeof profiles / sizeof profiles[0]; i++)
        if (strcmp(profiles[i].name, name) == 0)
            return &profiles[i];
    return NULL;
}

void bl_config_init(bl_config *c)
{
    c->profile = &profiles[0];
    memset(c->severity, -1, sizeof c->severity);
    c->fail_on = -1;
    c->accept = NULL;
    c->naccept = 0;
}

void bl_config_free(bl_config *c)
{
    for (size_t i = 0; i < c->naccept; i++)
        free(c->accept[i].reason);
    free(c->accept);
    c->accept = NULL;
    c->naccept = 0;
}

const char *bl_config_accepted(const bl_config *c, const char *fingerprint)
{
    for (size_t i = 0; fingerprint && i < c->naccept; i++)
        if (strcmp(c->accept[i].fingerprint, fingerprint) == 0)
            return c->accept[i].reason;
    return NULL;
}

/* "accept": [{"fingerprint": "…16 hex…", "reason": "…"}]; NULL or a message in buf */
static const char *parse_accept(bl_config *c, const cJSON *it, char *buf, size_t bufsz)
{
    if (!cJSON_IsArray(it)) {
        snprintf(buf, bufsz, "accept must be a list of {\"fingerprint\": …, \"reason\": …}");
        return buf;
    }
    const cJSON *a;
    cJSON_ArrayForEach(a, it)
    {
        const char *fp = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(a, "fingerprint"));
        const char *why = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(a, "reason"));
        size_t n = fp ? strlen(fp) : 0;
        bool hex = n == 16;
        for (size_t i = 0; hex && i < n; i++)
            hex = (fp[i] >= '0' && fp[i] <= '9') || (fp[i] >= 'a' && fp[i] <= 'f');
        if (!hex) {
            snprintf(buf, bufsz, "accept: each entry needs the finding's \"fingerprint\" (16 hex digits, as the JSON gives it)");
            return buf;
        }
        if (!why || !*why) {
            snprintf(buf, bufsz, "accept: finding %s needs a \"reason\" (说明)", fp);
            return buf;
        }
        c->accept = bl_xrealloc(c->accept, (c->naccept + 1) * sizeof *c->accept);
        memcpy(c->accept[c->naccept].fingerprint, fp, 17);
        c->accept[c->naccept].reason = bl_strdup_plain(why);
        c->naccept++;
    }
    return NULL;
}

/* The line of the first occurrence of "key" (quoted) in text, else 1. */
static int line_of(const char *text, size_t len, const char *key)
{
    char q[128];
    snprintf(q, sizeof q, "\"%s\"", key);
    size_t k = strlen(q);
    for (size_t i = 0; i + k <= len; i++)
        if (memcmp(text + i, q, k) == 0) {
            int line = 1;
            for (size_t j = 0; j < i; j++)
                line += text[j] == '\n';
            return line;
        }
    return 1;
}

static int severity_of(const char *s)
{
    if (!s)
        return -2;
    if (strcmp(s, "error") == 0)
        return BL_SEV_ERROR;
    if (strcmp(s, "warning") == 0)
        return BL_SEV_WARNING;
    if (strcmp(s, "info") == 0)
        return BL_SEV_INFO;
    if (strcmp(s, "off") == 0 || strcmp(s, "none") == 0)
        return BL_RULE_OFF;
    return -2;
}

const char *bl_config_parse(bl_config *c, const char *text, size_t len, int *line, char *buf, size_t bufsz)
{
    const char *end = NULL;
    cJSON *o = cJSON_ParseWithLengthOpts(text, len, &end, 0);
    if (!o || !cJSON_IsObject(o)) {
        const char *at = o ? text : cJSON_GetErrorPtr();
        *line = 1;
        for (const char *p = text; at && p < at && p < text + len; p++)
            *line += *p == '\n';
        snprintf(buf, bufsz, o ? "the configuration must be a JSON object" : "not valid JSON here");
        cJSON_Delete(o);
        return buf;
    }
    const cJSON *it;
    const char *err = NULL;
    cJSON_ArrayForEach(it, o)
    {
        *line = line_of(text, len, it->string);
        if (strcmp(it->string, "profile") == 0) {
            const bl_profile *p = cJSON_IsString(it) ? bl_profile_find(it->valuestring) : NULL;
            if (!p) {
                snprintf(buf, bufsz, "unknown profile (use national, sichuan, guizhou, chongqing or guangzhou)");
                err = buf;
                break;
            }
            c->profile = p;
        } else if (strcmp(it->string, "fail_on") == 0) {
            int s = severity_of(cJSON_GetStringValue(it));
            if (s < 0) {
                snprintf(buf, bufsz, "fail_on must be error, warning, info or none");
                err = buf;
                break;
            }
            c->fail_on = s;
        } else if (strcmp(it->string, "rules") == 0 && cJSON_IsObject(it)) {
            const cJSON *r;
            size_t n;
            const bl_rule *rules = bl_rules(&n);
            cJSON_ArrayForEach(r, it)
            {
                *line = line_of(text, len, r->string);
                size_t k;
                for (k = 0; k < n && strcmp(rules[k].id, r->string) != 0; k++)
                    ;
                int s = cJSON_IsBool(r) ? (cJSON_IsTrue(r) ? -1 : BL_RULE_OFF) : severity_of(cJSON_GetStringValue(r));
                if (k == n) {
                    snprintf(buf, bufsz, "unknown rule '%s' (see 'budgetlint rules')", r->string);
                    err = buf;
                    break;
                }
                if (s == -2) {
                    snprintf(buf, bufsz, "rule '%s': use true, false, \"off\", \"error\", \"warning\" or \"info\"",
                             r->string);
                    err = buf;
                    break;
                }
                if (k < BL_MAX_RULES)
                    c->severity[k] = (signed char)s;
            }
            if (err)
                break;
        } else if (strcmp(it->string, "accept") == 0) {
            if ((err = parse_accept(c, it, buf, bufsz)))
                break;
        } else {
            snprintf(buf, bufsz, "unknown setting '%s' (profile, rules, fail_on, accept)", it->string);
            err = buf;
            break;
        }
    }
    cJSON_Delete(o);
    return err;
}
