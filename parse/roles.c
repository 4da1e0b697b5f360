/* roles.c - role words before a figure (the lexicon is parse/lexicon.def). */
#include "roles.h"

#include <string.h>

#include "../core/banned.h"

#define BUDGET BL_ROLE_BUDGET
#define EXECUTED BL_ROLE_EXECUTED
#define RATE BL_ROLE_RATE
#define BLOCK BL_ROLE_BLOCK
#define RATE_BLOCK BL_ROLE_RATE_BLOCK
#define WEAK BL_ROLE_WEAK
#define NORMAL BL_ROLE_NORMAL
#define STRONG BL_ROLE_STRONG
#define COND BL_ROLE_COND

static const struct entry {
    const char *word;
    bl_role role;
    bl_role_strength strength;
    const char *fires, *fires_facts, *quiet, *quiet_facts;
} lexicon[] = {
#define ROLE(w, r, s, f, ff, q, qf) {w, r, s, f, ff, q, qf},
#include "lexicon.def"
#undef ROLE
};
#define NLEX (sizeof lexicon / sizeof lexicon[0])

/* A role word sits within this many bytes (about 40 characters) before its figure. */
#define WINDOW 120

bool bl_role_entry(size_t i, const char **word, const char **fires, const char **fires_facts, const char **quiet,
                   const char **quiet_facts)
{
    if (i >= NLEX)
        return false;
    *word = lexicon[i].word;
    *fires = lexicon[i].fires;
    *fires_facts = lexicon[i].fires_facts;
    *quiet = lexicon[i].quiet;
    *quiet_facts = lexicon[i].quiet_facts;
    return true;
}

size_t bl_role_word(const char *t, size_t i, size_t to)
{
    size_t best = 0;
    for (size_t k = 0; k < NLEX; k++) {
        size_t n = strlen(lexicon[k].word);
        if (n > best && i + n <= to && (lexicon[k].role == BL_ROLE_BUDGET || lexicon[k].role == BL_ROLE_EXECUTED) &&
            memcmp(t + i, lexicon[k].word, n) == 0)
            best = n;
    }
    return best;
}

/* The longest lexicon word ending at t[end], not starting before from; -1 when none. */
static int word_ending(const char *t, size_t from, size_t end)
{
    int best = -1;
    size_t best_len = 0;
    unsigned char last = (unsigned char)t[end - 1];
    for (size_t k = 0; k < NLEX; k++) {
        size_t n = strlen(lexicon[k].word);
        if (n <= best_len || n > end - from || (unsigned char)lexicon[k].word[n - 1] != last)
            continue;
        if (memcmp(t + end - n, lexicon[k].word, n) == 0)
            best = (int)k, best_len = n;
    }
    return best;
}

/* Step back over one UTF-8 character. */
static size_t back(const char *t, size_t at)
{
    do
        at--;
    while (at > 0 && ((unsigned char)t[at] & 0xC0) == 0x80);
    return at;
}

static size_t window_start(const char *t, size_t from, size_t num)
{
    if (num - from <= WINDOW)
        return from;
    size_t s = num - WINDOW;
    while (((unsigned char)t[s] & 0xC0) == 0x80)
        s++;
    return s;
}

int bl_role_of_money(const char *t, size_t from, size_t num, bl_role_hit *out)
{
    from = window_start(t, from, num);
    bl_role_hit pick[3];
    bool have[3] = {false, false, false};
    size_t e = num;
    while (e > from) {
        int k = word_ending(t, from, e);
        if (k < 0) {
            e = back(t, e);
            continue;
        }
        const struct entry *w = &lexicon[k];
        size_t at = e - strlen(w->word);
        if (w->role == BL_ROLE_BLOCK)
            return -1;
        if ((w->role == BL_ROLE_BUDGET || w->role == BL_ROLE_EXECUTED) && w->strength <= BL_ROLE_STRONG &&
            !have[w->strength]) {
            have[w->strength] = true;
            pick[w->strength] = (bl_role_hit){w->role, w->strength, at, e};
        }
        e = at;
    }
    for (int s = BL_ROLE_STRONG; s >= BL_ROLE_WEAK; s--)
        if (have[s]) {
            *out = pick[s];
            return 1;
        }
    return 0;
}

/* Connectors between a rate word and its figure. */
static bool connector(const char *t, size_t a, size_t b)
{
    static const char *const words[] = {"达到", "为", "是", "达", "均", "已", "：", ":", " ", "了"};
    while (a < b) {
        size_t k;
        for (k = 0; k < sizeof words / sizeof words[0]; k++) {
            size_t n = strlen(words[k]);
            if (a + n <= b && memcmp(t + a, words[k], n) == 0) {
                a += n;
                break;
            }
        }
        if (k == sizeof words / sizeof words[0])
            return false;
    }
    return true;
}

bool bl_role_of_percent(const char *t, size_t from, size_t num, bl_role_hit *out)
{
    from = window_start(t, from, num);
    for (size_t e = num; e > from; e = back(t, e)) {
        int k = word_ending(t, from, e);
        if (k < 0)
            continue;
        const struct entry *w = &lexicon[k];
        if (w->role != BL_ROLE_RATE || !connector(t, e, num))
            return false;
        *out = (bl_role_hit){w->role, w->strength, e - strlen(w->word), e};
        return true;
    }
    return false;
}
