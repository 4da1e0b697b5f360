/*
 * mutate.c FILE OUTDIR - the mutation harness's generator (make eval).
 *
 * Reads FILE (PDF or text) through the pipeline, then writes OUTDIR/base.txt
 * (the extracted text, clean) and one OUTDIR/NNNN.txt per variant with exactly
 * one injected error, listed in OUTDIR/manifest.tsv as "file<TAB>family<TAB>
 * step<TAB>description". Families: amount (a digit of an amount changed),
 * rate (a rate nudged by 1, 2, 5, 10 units of its last decimal, or by a
 * whole percent), grade (shifted one band), score (over 100), unit (万元
 * written as 元), repeat (a repeated figure altered), year (the figures' year
 * changed). Numbers are rewritten in plain digits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../extract/extract.h"
#include "../normalize/normalize.h"
#include "../parse/parse.h"
#include "../validate/validate.h"

static int nvar;
static FILE *manifest;
static const char *outdir;

static void emit(const bl_doc *d, size_t a, size_t b, const char *repl, const char *family, const char *step,
                 const char *desc)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%04d.txt", outdir, ++nvar);
    FILE *f = fopen(path, "wb");
    if (!f)
        return;
    fwrite(d->raw, 1, a, f);
    fputs(repl, f);
    fwrite(d->raw + b, 1, d->raw_len - b, f);
    fclose(f);
    fprintf(manifest, "%04d.txt\t%s\t%s\t%s\n", nvar, family, step, desc);
}

/* The raw span of the figure that starts at normalized offset num_at. */
static bool number_span(const bl_doc *d, size_t num_at, size_t *a, size_t *b)
{
    size_t e = num_at;
    const char *t = d->text;
    while (e < d->text_len && ((t[e] >= '0' && t[e] <= '9') || t[e] == '.' || t[e] == ',' || t[e] == '-' ||
                               (t[e] == ' ' && e + 1 < d->text_len && t[e + 1] >= '0' && t[e + 1] <= '9')))
        e++;
    if (e == num_at || e >= d->text_len)
        return false;
    *a = d->src[num_at];
    *b = d->src[e];
    /* digits written as numerals map to one raw point: those stay as they are */
    return *b > *a && *b - *a <= 4 * (e - num_at);
}

static void fmt(bl_dec v, char *buf, size_t n) { bl_dec_format(v, buf, n); }

static int64_t p10(int k)
{
    int64_t p = 1;
    while (k-- > 0)
        p *= 10;
    return p;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: mutate FILE OUTDIR\n", stderr);
        return 2;
    }
    outdir = argv[2];
    mkdir(outdir, 0777);
    bl_doc *d = bl_doc_new(argv[1]);
    if (bl_extract(d, NULL) < 0) {
        fprintf(stderr, "mutate: %s: %s\n", argv[1], d->err.message);
        return 2;
    }
    bl_normalize(d);
    bl_parse(d);
    char path[4096];
    snprintf(path, sizeof path, "%s/base.txt", outdir);
    FILE *base = fopen(path, "wb");
    if (!base)
        return 2;
    fwrite(d->raw, 1, d->raw_len, base);
    fclose(base);
    snprintf(path, sizeof path, "%s/manifest.tsv", outdir);
    manifest = fopen(path, "w");
    if (!manifest)
        return 2;
    char buf[96], desc[256];
    for (size_t i = 0; i < d->nfacts; i++) {
        const bl_fact *f = &d->facts[i];
        size_t a, b;
        if (f->derived || strncmp(f->scope, "item:", 5) == 0)
            continue;
        if (f->kind == BL_KIND_GRADE) {
            /* the grade word itself: shift one band */
            size_t ga = d->src[f->num_at], gb = ga + 3;
            const char *next = f->grade == BL_GRADE_EXCELLENT ? "良" : "优";
            snprintf(desc, sizeof desc, "F%d %s -> %s", f->id, bl_grade_name(f->grade), next);
            if (gb <= d->raw_len && strncmp(d->raw + ga, bl_grade_name(f->grade), 3) == 0)
                emit(d, ga, gb + (strncmp(d->raw + gb, "秀", 3) == 0 || strncmp(d->raw + gb, "好", 3) == 0 ? 3 : 0),
                     next, "grade", "band", desc);
            continue;
        }
        if (!number_span(d, f->num_at, &a, &b))
            continue;
        bl_dec v = f->value;
        if (f->kind == BL_KIND_BUDGET || f->kind == BL_KIND_EXECUTED) {
            int digits = 0;
            for (int64_t m = v.mant; m > 0; m /= 10)
                digits++;
            for (int p = 0; p < digits; p++)
                for (int by = 1; by <= 5; by += by == 1 ? 1 : 3) { /* the digit off by 1, 2 and 5 */
                    bl_dec w = v;
                    int dig = (int)((v.mant / p10(p)) % 10);
                    w.mant += (dig + by > 9 ? -by : by) * p10(p);
                    fmt(w, buf, sizeof buf);
                    snprintf(desc, sizeof desc, "F%d %s: digit %d %+d", f->id, f->text, p, dig + by > 9 ? -by : by);
                    emit(d, a, b, buf, "amount", p == 0 ? "last digit" : p < v.scale ? "decimals" : "integer part",
                         desc);
                }
            if (f->unit == BL_UNIT_WAN) { /* 万元 written as 元 */
                size_t u = b;
                while (u < d->raw_len && d->raw[u] == ' ')
                    u++;
                if (u + 6 <= d->raw_len && memcmp(d->raw + u, "万元", 6) == 0) {
                    fmt(v, buf, sizeof buf);
                    snprintf(desc, sizeof desc, "F%d %s: 万元 -> 元", f->id, f->text);
                    bl_buf r = BL_BUF_INIT;
                    bl_buf_add(&r, buf, strlen(buf));
                    bl_buf_add(&r, d->raw + b, u - b);
                    bl_buf_adds(&r, "元");
                    emit(d, a, u + 6, r.data, "unit", "万元->元", desc);
                    bl_buf_release(&r);
                }
            }
            /* a repeated figure altered: a later statement of the same kind and scope */
            for (size_t j = 0; j < i; j++) {
                const bl_fact *g = &d->facts[j];
                if (g->kind == f->kind && strcmp(g->scope, f->scope) == 0 && !g->derived &&
                    bl_range_overlap(g->range, f->range)) {
                    bl_dec w = v;
                    w.mant += p10(v.scale) * 10; /* 10 units more */
                    fmt(w, buf, sizeof buf);
                    snprintf(desc, sizeof desc, "F%d restates F%d; altered to %s", f->id, g->id, buf);
                    emit(d, a, b, buf, "repeat", "restatement", desc);
                    break;
                }
            }
        } else if (f->kind == BL_KIND_RATE) {
            static const int steps[] = {1, 2, 3, 5, 10};
            for (size_t k = 0; k < sizeof steps / sizeof steps[0]; k++)
                for (int sign = -1; sign <= 1; sign += 2) {
                    bl_dec w = v;
                    w.mant += sign * steps[k];
                    if (w.mant < 0)
                        continue;
                    fmt(w, buf, sizeof buf);
                    char step[32];
                    snprintf(step, sizeof step, "%d unit%s", steps[k], steps[k] > 1 ? "s" : "");
                    snprintf(desc, sizeof desc, "F%d %s -> %s%%", f->id, f->text, buf);
                    emit(d, a, b, buf, "rate", step, desc);
                }
            bl_dec w = v;
            w.mant += p10(v.scale); /* a whole percent */
            fmt(w, buf, sizeof buf);
            snprintf(desc, sizeof desc, "F%d %s -> %s%%", f->id, f->text, buf);
            emit(d, a, b, buf, "rate", "1 percent", desc);
        } else if (f->kind == BL_KIND_SCORE) {
            bl_dec w = v;
            w.mant += 10 * p10(v.scale); /* 91.44 -> 101.44 */
            fmt(w, buf, sizeof buf);
            snprintf(desc, sizeof desc, "F%d %s -> %s 分", f->id, f->text, buf);
            emit(d, a, b, buf, "score", "+10 points", desc);
            w = v;
            w.mant -= 5 * p10(v.scale); /* a band down: 91.44 -> 86.44 with the grade kept */
            fmt(w, buf, sizeof buf);
            snprintf(desc, sizeof desc, "F%d %s -> %s 分 (grade kept)", f->id, f->text, buf);
            emit(d, a, b, buf, "grade", "score moved a band", desc);
        }
        /* the year of the statement changed */
        if (f->year && f->year == d->year) {
            for (size_t y = (size_t)(f->start > 40 ? f->start - 40 : 0); y + 4 <= f->start; y++) {
                if (d->text[y] == '2' &&
                    strncmp(d->text + y, bl_strfmt(d->arena, "%d", f->year), 4) == 0) {
                    size_t ya = d->src[y];
                    char yr[16];
                    snprintf(yr, sizeof yr, "%d", f->year + 1);
                    snprintf(desc, sizeof desc, "F%d: year %d -> %s", f->id, f->year, yr);
                    emit(d, ya, ya + 4, yr, "year", "+1 year", desc);
                    break;
                }
            }
        }
    }
    fclose(manifest);
    bl_doc_free(d);
    bl_parse_cleanup();
    printf("%d variants\n", nvar);
    return 0;
}
