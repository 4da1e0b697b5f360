/*
 * check.h - validate/'s own interface between its files (not the stage's: that is
 * validate.h): the context every check runs in, the helpers the checks share
 * (check.c), and each family's checks, which bl_validate_with() (validate.c) runs in
 * order. A rule lives in its family's file: rates.c, sums.c, scores.c, conflicts.c,
 * report.c; its documentation in rules/<id>.txt; its row in the table in validate.c.
 */
#ifndef BL_VALIDATE_CHECK_H
#define BL_VALIDATE_CHECK_H

#include "validate.h"

/* The run over one document: its facts, the configuration, and what checks share. */
typedef struct {
    bl_doc *doc;
    const bl_config *cfg;
    int major_pow; /* the money unit most facts use (pow10 to 元), -1 when unclear */
    bool *unit_flagged; /* by fact index: unit-suspect already reported */
    size_t *money_ix;   /* budget and executed facts by (kind, scope, position), see collect() */
    size_t nmoney_ix, money_ix_for; /* its length, and doc->nfacts when it was built */
} ctx;

#define MAXC 8 /* at most this many candidates of one kind and scope are tried */

/* ---- check.c: the shared helpers ---- */
bool is_money(const bl_fact *f);
int readings(const ctx *c, const bl_fact *f, bl_range out[2]);
const char *fmt_money(bl_arena *a, const bl_fact *f);
const char *fmt_value(bl_arena *a, const bl_fact *f);
int index_of(const bl_doc *d, const bl_fact *f);
void span_of(const bl_doc *d, const bl_fact *f, bool row, size_t *lo, size_t *hi);
void add_finding(ctx *c, const char *rule, const bl_fact *at, const char *msg, const int *ids, int nids,
                 const char *stated, const char *expected, const char *lo, const char *hi, const char *basis);
void flag_unit(ctx *c, const bl_fact *f, const char *why);
void collect(ctx *c, bl_kind k, const char *scope, int basis_class, const bl_fact **out, int *n, int max,
             bool stated_only);
bool text_has(const bl_doc *d, const char *const *words);
/** Sort indices into base by (kind, scope), then by index. */
void sort_by_kind_scope(const bl_fact *base, size_t *ix, size_t n);

/* ---- each family's checks, in the order validate.c runs them ---- */
/* conflicts.c */
void check_conflicts(ctx *c);
void check_damaged(ctx *c);
void check_years(ctx *c);
void check_yoy(ctx *c);
/* rates.c */
void derive(ctx *c, bl_kind k, bool initial);
/** How a reviewer names a budget's basis: 年初预算数, 全年（调整后）预算数, 推算预算数. */
const char *basis_word(const bl_fact *budget);
void check_rate(ctx *c, const bl_fact *r);
/* sums.c */
void check_sums(ctx *c, bl_kind k, int basis_class);
void check_balances(ctx *c);
void check_source_sums(ctx *c);
void check_part_sums(ctx *c);
void check_counts(ctx *c);
void check_count_excess(ctx *c);
/* scores.c */
void check_scores(ctx *c);
void check_exec_scores(ctx *c);
void check_weights_scores(ctx *c);
void check_standard_weights(ctx *c);
void check_indicator_bands(ctx *c);
/* report.c */
void check_sections(ctx *c);
void check_reasons(ctx *c);

#endif
