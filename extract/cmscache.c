/*
 * cmscache.c - Poppler's colour management, paid once per document instead of per page.
 *
 * A PDF with an OutputIntents ICC profile (PDF/A from Word, WPS) makes Poppler build
 * that profile's colour transforms again for every page it reads or renders
 * (Gfx::initDisplayProfile, for each Gfx). Most of their cost is lcms2 inverting the
 * profile's tabulated tone curves (cmsReverseToneCurveEx: for each of 4096 outputs, a
 * search of the table), the same curves each time: half the time of such a document.
 *
 * liblcms2 calls cmsReverseToneCurveEx through its PLT, so the definition here (exported
 * from the executable: the Makefile's --export-dynamic-symbol) is the one it runs. A
 * tabulated curve's inverse depends only on its table and the samples asked for; those
 * are remembered and a copy of the inverse returned. Anything else (a parametric curve,
 * inverted analytically and cheaply) goes to lcms2's own function. When lcms2 is not
 * loaded nothing calls this.
 *
 * lcms2's API is declared here (its -dev package is not needed: Poppler links it); its
 * functions are found with dlsym.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"

#include "../core/banned.h"

typedef struct cms_curve cms_curve; /* cmsToneCurve */

typedef cms_curve *(*reverse_fn)(uint32_t, const cms_curve *);
typedef uint32_t (*entries_fn)(const cms_curve *);
typedef const uint16_t *(*table_fn)(const cms_curve *);
typedef int32_t (*ptype_fn)(const cms_curve *);
typedef cms_curve *(*dup_fn)(const cms_curve *);
typedef void (*free_fn)(cms_curve *);

cms_curve *cmsReverseToneCurveEx(uint32_t samples, const cms_curve *in);

static struct {
    reverse_fn reverse;
    entries_fn entries;
    table_fn table;
    ptype_fn ptype;
    dup_fn dup;
    free_fn free;
} lcms;

enum { SLOTS = 16 };
static struct {
    uint32_t samples, n;
    uint16_t *table; /* the input curve's table (n entries) */
    cms_curve *inverse;
} slot[SLOTS];
static int nslot, next_slot;
static unsigned long hits;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void find_lcms(void)
{
    /* (POSIX's way to store dlsym's object pointer into a function pointer) */
    /* RTLD_NEXT from the executable: lcms2's own definition, not this one */
    *(void **)&lcms.reverse = dlsym(RTLD_NEXT, "cmsReverseToneCurveEx");
    *(void **)&lcms.entries = dlsym(RTLD_DEFAULT, "cmsGetToneCurveEstimatedTableEntries");
    *(void **)&lcms.table = dlsym(RTLD_DEFAULT, "cmsGetToneCurveEstimatedTable");
    *(void **)&lcms.ptype = dlsym(RTLD_DEFAULT, "cmsGetToneCurveParametricType");
    *(void **)&lcms.dup = dlsym(RTLD_DEFAULT, "cmsDupToneCurve");
    *(void **)&lcms.free = dlsym(RTLD_DEFAULT, "cmsFreeToneCurve");
}

cms_curve *cmsReverseToneCurveEx(uint32_t samples, const cms_curve *in)
{
    pthread_once(&once, find_lcms);
    if (!lcms.reverse)
        return NULL; /* (cannot happen: only lcms2 calls this) */
    if (!in || !lcms.entries || !lcms.table || !lcms.ptype || !lcms.dup || !lcms.free || lcms.ptype(in) != 0)
        return lcms.reverse(samples, in);
    uint32_t n = lcms.entries(in);
    const uint16_t *t = lcms.table(in);
    if (!t || n == 0 || n > 65536)
        return lcms.reverse(samples, in);
    pthread_mutex_lock(&lock);
    for (int k = 0; k < nslot; k++)
        if (slot[k].samples == samples && slot[k].n == n && memcmp(slot[k].table, t, n * sizeof *t) == 0) {
            cms_curve *c = lcms.dup(slot[k].inverse);
            hits++;
            pthread_mutex_unlock(&lock);
            return c;
        }
    pthread_mutex_unlock(&lock);
    cms_curve *inv = lcms.reverse(samples, in);
    uint16_t *copy = inv ? malloc(n * sizeof *copy) : NULL;
    cms_curve *keep = copy ? lcms.dup(inv) : NULL;
    if (!keep) {
        free(copy);
        return inv;
    }
    memcpy(copy, t, n * sizeof *copy);
    pthread_mutex_lock(&lock);
    int k = nslot < SLOTS ? nslot++ : next_slot++ % SLOTS;
    if (slot[k].inverse) {
        lcms.free(slot[k].inverse);
        free(slot[k].table);
    }
    slot[k].samples = samples, slot[k].n = n, slot[k].table = copy, slot[k].inverse = keep;
    pthread_mutex_unlock(&lock);
    return inv;
}

unsigned long bl_cms_cache_hits(void)
{
    pthread_mutex_lock(&lock);
    unsigned long h = hits;
    pthread_mutex_unlock(&lock);
    return h;
}

void bl_cms_cache_clear(void)
{
    pthread_mutex_lock(&lock);
    for (int k = 0; k < nslot; k++) {
        lcms.free(slot[k].inverse);
        free(slot[k].table);
        memset(&slot[k], 0, sizeof slot[k]);
    }
    nslot = next_slot = 0;
    pthread_mutex_unlock(&lock);
}
