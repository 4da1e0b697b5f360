/*
 * textpath.c FILE... - the text path's throughput: normalize + parse + validate
 * (and the text reader in front of them) on pre-extracted text already in
 * memory, one core. Prints MB/s as the median of 5 passes over all files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../extract/extract.h"
#include "../normalize/normalize.h"
#include "../parse/parse.h"
#include "../validate/validate.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    bl_keep_freed_memory(); /* as budgetlint's own main() does */
    int n = argc - 1;
    char **data = calloc((size_t)n + 1, sizeof *data);
    size_t *len = calloc((size_t)n + 1, sizeof *len), total = 0;
    for (int i = 0; i < n; i++) {
        FILE *f = fopen(argv[i + 1], "rb");
        if (!f)
            continue;
        fseek(f, 0, SEEK_END);
        long l = ftell(f);
        fseek(f, 0, SEEK_SET);
        data[i] = malloc((size_t)l + 1);
        len[i] = fread(data[i], 1, (size_t)l, f);
        fclose(f);
        total += len[i];
    }
    double t[5];
    size_t facts = 0, findings = 0;
    for (int pass = 0; pass < 5; pass++) {
        double s = now();
        facts = findings = 0;
        for (int i = 0; i < n; i++) {
            bl_doc *d = bl_doc_new(argv[i + 1]);
            if (bl_extract_bytes(d, data[i], len[i], false, NULL) == 0) {
                bl_normalize(d);
                if (bl_parse(d) == 0)
                    bl_validate(d);
            }
            facts += d->nfacts, findings += d->nfindings;
            bl_doc_free(d);
        }
        t[pass] = now() - s;
    }
    qsort(t, 5, sizeof *t, cmp);
    printf("%d files, %.1f MB, %zu facts, %zu findings: median %.3f s, %.1f MB/s\n", n, (double)total / 1048576.0,
           facts, findings, t[2], (double)total / 1048576.0 / t[2]);
    for (int i = 0; i < n; i++)
        free(data[i]);
    free(data);
    free(len);
    bl_parse_cleanup();
    bl_normalize_cleanup();
    return 0;
}
