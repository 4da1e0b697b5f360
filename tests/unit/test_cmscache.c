/* test_cmscache.c - a tone curve's inverse from the cache is lcms2's own (extract/cmscache.c). */
#include <dlfcn.h>
#include <stdint.h>
#include <string.h>

#include "../../extract/extract.h"
#include "harness.h"

typedef struct cms_curve cms_curve;
cms_curve *cmsReverseToneCurveEx(uint32_t samples, const cms_curve *in);

void test_cmscache(void)
{
    /* lcms2 as Poppler loads it: global, found by name */
    void *lib = dlopen("liblcms2.so.2", RTLD_NOW | RTLD_GLOBAL);
    CHECK(lib != NULL, "cmscache: liblcms2 (Poppler's) loads%s%s", lib ? "" : ": ", lib ? "" : dlerror());
    if (!lib)
        return;
    cms_curve *(*tabulated)(void *, uint32_t, const uint16_t *);
    cms_curve *(*gamma)(void *, double);
    cms_curve *(*reverse)(uint32_t, const cms_curve *);
    uint32_t (*entries)(const cms_curve *);
    const uint16_t *(*table)(const cms_curve *);
    void (*release)(cms_curve *);
    *(void **)&tabulated = dlsym(lib, "cmsBuildTabulatedToneCurve16");
    *(void **)&gamma = dlsym(lib, "cmsBuildGamma");
    *(void **)&reverse = dlsym(lib, "cmsReverseToneCurveEx"); /* lcms2's own */
    *(void **)&entries = dlsym(lib, "cmsGetToneCurveEstimatedTableEntries");
    *(void **)&table = dlsym(lib, "cmsGetToneCurveEstimatedTable");
    *(void **)&release = dlsym(lib, "cmsFreeToneCurve");
    CHECK(tabulated && gamma && reverse && entries && table && release, "cmscache: lcms2's curve functions are there");
    if (!(tabulated && gamma && reverse && entries && table && release))
        return;
    CHECK(reverse != cmsReverseToneCurveEx, "cmscache: the executable's cmsReverseToneCurveEx is its own");

    /* a tabulated curve (a profile's TRC): the first inverse is lcms2's, the second the cache's, equal */
    uint16_t v[256];
    for (int i = 0; i < 256; i++)
        v[i] = (uint16_t)(65535.0 * (i / 255.0) * (i / 255.0) + 0.5);
    cms_curve *c = tabulated(NULL, 256, v);
    unsigned long h0 = bl_cms_cache_hits();
    cms_curve *a = cmsReverseToneCurveEx(4096, c), *b = cmsReverseToneCurveEx(4096, c), *want = reverse(4096, c);
    CHECK(bl_cms_cache_hits() == h0 + 1, "cmscache: the second inverse of a curve comes from the cache");
    CHECK(a && b && want && entries(a) == entries(want) && entries(b) == entries(want) &&
              memcmp(table(a), table(want), entries(want) * sizeof(uint16_t)) == 0 &&
              memcmp(table(b), table(want), entries(want) * sizeof(uint16_t)) == 0,
          "cmscache: both inverses are lcms2's own, entry for entry");
    cms_curve *d = cmsReverseToneCurveEx(256, c);
    CHECK(bl_cms_cache_hits() == h0 + 1 && d && entries(d) == 256, "cmscache: other samples asked: not from the cache");
    v[100]++;
    cms_curve *e = tabulated(NULL, 256, v), *f = cmsReverseToneCurveEx(4096, e);
    CHECK(bl_cms_cache_hits() == h0 + 1 && f, "cmscache: a curve one entry apart: not from the cache");
    /* a parametric curve: lcms2 inverts it itself */
    cms_curve *g = gamma(NULL, 2.2), *gi = cmsReverseToneCurveEx(4096, g);
    CHECK(bl_cms_cache_hits() == h0 + 1 && gi, "cmscache: a parametric curve goes to lcms2");
    cms_curve *all[] = {c, a, b, want, d, e, f, g, gi};
    for (size_t k = 0; k < sizeof all / sizeof all[0]; k++)
        if (all[k])
            release(all[k]);
    bl_cms_cache_clear();
    dlclose(lib);
}
