/*
 * validate.h - stage 4: recompute what the facts claim and record findings.
 *
 * Every rule has a stable id and a default severity (bl_rules()), and its
 * documentation - what it checks, the formula, the authority, an example that
 * fires and one that stays quiet - lives in validate/rules/<id>.txt, which is
 * compiled in for `budgetlint explain` and run by the rule tests.
 *
 * Arithmetic is exact: a figure printed with k decimals stands for the closed
 * interval [x - 0.5*10^-k, x + 0.5*10^-k]; a relation is reported only when
 * no values inside the stated intervals satisfy it (see core.h).
 *
 * bl_validate() may append derived facts (derived = true) to doc->facts and
 * appends findings to doc->findings, sorted by page and line. It never fails.
 */
#ifndef BL_VALIDATE_H
#define BL_VALIDATE_H

#include "../core/doc.h"

typedef struct {
    const char *id;
    bl_severity severity;
    const char *title; /* one line, Chinese */
    const char *file;  /* where its check lives (validate/rates.c …); its doc is validate/rules/<id>.txt */
    const char *fix;   /* what to fix (整改建议), Chinese, for the department */
} bl_rule;

/** The rule table (static, borrowed); *n receives its length. */
const bl_rule *bl_rules(size_t *n);
/** Lookup by id; NULL when unknown. */
const bl_rule *bl_rule_find(const char *id);
/** The rule's documentation text (static), NULL when there is none. */
const char *bl_rule_doc(const char *id);

/*
 * Profiles: what differs between regions lives in data (validate/profiles.c):
 * grade bands, which budget a rate is tried against first, the execution
 * rate below which a reason must be given, and the standard first-level
 * weights. shared/domain/rules.md §8.
 */
typedef struct {
    const char *name, *title;
    int excellent, good, fair; /* lowest score of 优, 良, 中 (points); below fair is 差 */
    bool initial_first;        /* try the 年初 budget before the 全年/调整后 one (贵州 部门整体) */
    int reason_below;          /* an execution rate below this (%) needs a stated reason; 0: none */
    int weights[4];            /* standard first-level weights: 预算执行率, 产出, 效益, 满意度 (R8);
                                  all 0: the profile sets none */
    const char *authority;
} bl_profile;

/** The profile table (static); *n receives its length. The first is the default (national). */
const bl_profile *bl_profiles(size_t *n);
/** Lookup by name; NULL when unknown. */
const bl_profile *bl_profile_find(const char *name);

#define BL_MAX_RULES 32
#define BL_RULE_OFF 3

/* A finding a department has explained: its fingerprint and the reason (说明). */
typedef struct {
    char fingerprint[17];
    char *reason;
} bl_accept;

/* What a CI job or a bureau commits as budgetlint.json (see docs/config.md). */
typedef struct {
    const bl_profile *profile;            /* never NULL after bl_config_init */
    signed char severity[BL_MAX_RULES];   /* by rule index: -1 default, 0..2 a severity, BL_RULE_OFF */
    int fail_on;                          /* -1: not set; 0..2 a severity; BL_RULE_OFF: none */
    bl_accept *accept;                    /* accepted findings (owned; bl_config_free) */
    size_t naccept;
} bl_config;

void bl_config_init(bl_config *c);
void bl_config_free(bl_config *c);
/** The reason given for accepting the finding with this fingerprint, or NULL. */
const char *bl_config_accepted(const bl_config *c, const char *fingerprint);
/**
 * Read a budgetlint.json text into c. NULL on success, else a message
 * (in buf) and *line, the 1-based line it is about.
 */
const char *bl_config_parse(bl_config *c, const char *text, size_t len, int *line, char *buf, size_t bufsz);

/** Run every rule over doc->facts, national profile, default severities. */
void bl_validate(bl_doc *doc);
/** The same under a configuration (profile, rules off, severities). */
void bl_validate_with(bl_doc *doc, const bl_config *cfg);

#endif
