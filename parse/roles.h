/*
 * roles.h - parse/'s clause analyser: what role a word in a figure's clause gives
 * the figure (budget, executed, rate), from the lexicon in parse/lexicon.def.
 */
#ifndef BL_PARSE_ROLES_H
#define BL_PARSE_ROLES_H

#include <stdbool.h>
#include <stddef.h>

typedef enum { BL_ROLE_BUDGET, BL_ROLE_EXECUTED, BL_ROLE_RATE, BL_ROLE_BLOCK, BL_ROLE_RATE_BLOCK } bl_role;
typedef enum { BL_ROLE_WEAK, BL_ROLE_NORMAL, BL_ROLE_STRONG, BL_ROLE_COND } bl_role_strength;

typedef struct {
    bl_role role;
    bl_role_strength strength;
    size_t at, end; /* the role word in the text */
} bl_role_hit;

/**
 * The role of the money amount whose digits start at t[num] from the words of
 * t[from..num) (its clause): a BLOCK word anywhere takes every role away; else the
 * nearest STRONG word, else the nearest NORMAL one, else the nearest WEAK one.
 * Returns 1 with *out set, 0 when no word gives a role, -1 when a BLOCK word takes it away.
 */
int bl_role_of_money(const char *t, size_t from, size_t num, bl_role_hit *out);

/**
 * The role of the percentage at t[num]: the nearest lexicon word before it,
 * with only connectors (为 是 达 达到 均 已 ： and spaces) between, and a RATE word.
 */
bool bl_role_of_percent(const char *t, size_t from, size_t num, bl_role_hit *out);

/**
 * The length of the budget or spending word (批复, 实际执行, 支出 …) that t[i..to) starts
 * with, 0 when none: words that say what a figure is, not what it is about.
 */
size_t bl_role_word(const char *t, size_t i, size_t to);

/** One lexicon row, for the tests: returns false past the end. */
bool bl_role_entry(size_t i, const char **word, const char **fires, const char **fires_facts, const char **quiet,
                   const char **quiet_facts);

#endif
