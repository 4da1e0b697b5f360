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
} bl_rule;

/** The rule table (static, borrowed); *n receives its length. */
const bl_rule *bl_rules(size_t *n);
/** Lookup by id; NULL when unknown. */
const bl_rule *bl_rule_find(const char *id);
/** The rule's documentation text (static), NULL when there is none. */
const char *bl_rule_doc(const char *id);

/** Run every rule over doc->facts. */
void bl_validate(bl_doc *doc);

#endif
