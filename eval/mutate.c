/*
 * mutate.c FILE OUTDIR - the mutation harness's generator (make eval).
 *
 * Reads FILE (PDF or text) through the pipeline and writes OUTDIR/base.txt, the
 * document as text (pages split by form feeds, table rows as "| a | b |" lines
 * with every cell in its column), which must read back as the same facts; then
 * one OUTDIR/NNNN.txt per variant with exactly one injected change, listed in
 * OUTDIR/manifest.tsv as "file<TAB>family<TAB>step<TAB>verdict<TAB>description".
 * Families: amount (a digit of an amount off by 1, 2 or 5), rate (nudged by 1,
 * 2, 3, 5, 10 units of its last decimal, or a whole percent), grade (shifted one
 * band; the score moved a band with the grade kept), score (over 100; a row's
 * score above its weight or one point less), weight (+1 point), indicator (a
 * met target's actual set below it), part (a table's source or indicator row
 * left out), unit (万元 written as 元), repeat (a restatement altered), year.
 * The verdict is the oracle's (below): "breaks", "consistent" or "constructed".
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
    /* digits written as numerals map to one raw point: those stay as they are */
    for (size_t k = num_at + 1; k < e; k++)
        if (d->src[k] <= d->src[k - 1])
            return false;
    *a = d->src[num_at];
    /* the end of the figure's last character (what follows it may map anywhere: a
     * row's closing line break maps back onto its last character) */
    size_t last = d->src[e - 1], len = 1;
    unsigned char c0 = (unsigned char)d->raw[last];
    if (c0 >= 0xF0)
        len = 4;
    else if (c0 >= 0xE0)
        len = 3;
    else if (c0 >= 0xC0)
        len = 2;
    *b = last + len;
    return *b > *a && *b - *a <= 4 * (e - num_at);
}

/* raw[from, to) into out, with what lies in raw[a, b) replaced by repl; a bar
 * inside a table cell becomes a full-width one (it would split the cell). */
static void put(bl_buf *out, const bl_doc *d, size_t from, size_t to, size_t a, size_t b, const char *repl,
                bool cell)
{
    for (size_t k = from; k < to; k++) {
        if (repl && k >= a && k < b) { /* the span may run over a line break */
            if (k == a)
                bl_buf_adds(out, repl);
            continue;
        }
        if (cell && d->raw[k] == '|')
            bl_buf_adds(out, "｜");
        else
            bl_buf_addc(out, d->raw[k]);
    }
}

/*
 * The document as text, with raw[a, b) replaced by repl (none when repl is NULL):
 * pages split by form feeds, table rows written as "| a | b |" lines with every
 * cell in its column (empty cells kept), so the text reader rebuilds the same
 * tables and a variant of a table stays a table.
 */
static size_t skip_line = (size_t)-1; /* a line render() leaves out (a dropped row) */

static void render(const bl_doc *d, bl_buf *out, size_t a, size_t b, const char *repl)
{
    for (size_t i = 0; i < d->nlines; i++) {
        const bl_line *l = &d->lines[i];
        if (i == skip_line)
            continue;
        if (i && l->page != d->lines[i - 1].page)
            bl_buf_addc(out, '\f');
        if (!l->table) {
            put(out, d, l->off, l->off + l->len, a, b, repl, false);
            bl_buf_addc(out, '\n');
            continue;
        }
        int ncols = 0;
        for (int c = 0; c < l->ncells; c++)
            ncols = l->cells[c].col + 1 > ncols ? l->cells[c].col + 1 : ncols;
        bl_buf_addc(out, '|');
        for (int col = 0; col < ncols; col++) {
            bool any = false;
            for (int c = 0; c < l->ncells; c++) {
                const bl_cell *cl = &l->cells[c];
                if (cl->col != col)
                    continue;
                bl_buf_addc(out, ' ');
                put(out, d, cl->off, cl->off + cl->len, a, b, repl, true);
                any = true;
            }
            bl_buf_adds(out, any ? " |" : "  |");
        }
        bl_buf_addc(out, '\n');
    }
}

static bool write_file(const char *path, const bl_buf *b)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    fwrite(b->data ? b->data : "", 1, b->len, f);
    return fclose(f) == 0;
}

/* What the oracle says of the next variant: "breaks" (a relation the report states no
 * longer holds), "consistent" (every figure still agrees with every other at its
 * printed precision: no checker can see it) or "constructed" (an error by design). */
static const char *verdict = "constructed";

static void emit(const bl_doc *d, size_t a, size_t b, const char *repl, const char *family, const char *step,
                 const char *desc)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%04d.txt", outdir, ++nvar);
    bl_buf out = BL_BUF_INIT;
    render(d, &out, a, b, repl);
    bool ok = write_file(path, &out);
    bl_buf_release(&out);
    if (!ok) {
        verdict = "constructed";
        return;
    }
    fprintf(manifest, "%04d.txt\t%s\t%s\t%s\t%s\n", nvar, family, step, verdict, desc);
    verdict = "constructed"; /* each verdict is for one variant */
}

/* The index of the line holding raw offset x. */
static size_t line_at(const bl_doc *d, size_t x)
{
    for (size_t i = 0; i < d->nlines; i++)
        if (x >= d->lines[i].off && x < d->lines[i].off + d->lines[i].len)
            return i;
    return (size_t)-1;
}


/* ---- the oracle: does a changed figure break a relation the report states? ----
 * A model of its own, deliberately simpler than validate/ and sharing only the
 * interval arithmetic of core/: restatements, rates of an executed amount over a
 * budget in the same scope (any basis the rate allows), totals against their
 * parts (基本支出 + 项目支出; a table's 其中 source rows), a table's total score
 * against its rows' scores, and block and total weights against their rows. A
 * relation counts only when it held in the clean document. */

static const bl_fact *mut_f; /* the changed fact and its new interval */
static int gone_table = -1, gone_row = -1; /* a row left out: its totals go with it */
static bl_range mut_r;

static bl_range R(const bl_fact *g) { return g == mut_f ? mut_r : g->range; }

static bool same_place(const bl_fact *a, const bl_fact *b) { return a->table == b->table; }

/* Does some executed/budget pair of r's scope meet rate r? */
static bool rate_fits(const bl_doc *d, const bl_fact *r, bool mutated)
{
    for (size_t i = 0; i < d->nfacts; i++) {
        const bl_fact *e = &d->facts[i];
        if (e->kind != BL_KIND_EXECUTED || e->derived || strcmp(e->scope, r->scope) != 0 || !same_place(e, r))
            continue;
        for (size_t j = 0; j < d->nfacts; j++) {
            const bl_fact *b = &d->facts[j];
            if (b->kind != BL_KIND_BUDGET || b->derived || strcmp(b->scope, r->scope) != 0 || !same_place(b, r) ||
                (r->basis != BL_BASIS_NONE && b->basis != BL_BASIS_NONE && b->basis != r->basis))
                continue;
            bl_range E = mutated ? R(e) : e->range, B = mutated ? R(b) : b->range, P = mutated ? R(r) : r->range;
            if (bl_ratio_meets(E, B, P) == 1)
                return true;
        }
        /* 基本支出 / 项目支出 without a budget of their own: the total's less the other part's */
        const char *other = strcmp(r->scope, "basic") == 0 ? "project" : strcmp(r->scope, "project") == 0 ? "basic" : NULL;
        for (size_t j = 0; other && j < d->nfacts; j++) {
            const bl_fact *t = &d->facts[j];
            if (t->kind != BL_KIND_BUDGET || t->derived || strcmp(t->scope, "total") != 0 || !same_place(t, r))
                continue;
            for (size_t k = 0; k < d->nfacts; k++) {
                const bl_fact *o = &d->facts[k];
                if (o->kind != BL_KIND_BUDGET || o->derived || strcmp(o->scope, other) != 0 || !same_place(o, r) ||
                    o->basis != t->basis)
                    continue;
                bl_range E = mutated ? R(e) : e->range, P = mutated ? R(r) : r->range;
                bl_range B = bl_range_sub(mutated ? R(t) : t->range, mutated ? R(o) : o->range);
                if (bl_ratio_meets(E, B, P) == 1)
                    return true;
            }
        }
    }
    return false;
}

static bool is_source(const bl_fact *g) { return strncmp(g->scope, "source:", 7) == 0; }
static bool is_row_score(const bl_fact *g)
{
    return g->kind == BL_KIND_SCORE && g->table && strcmp(g->scope, "total") != 0;
}

/* Σ parts against total t (same kind, basis and place): does it hold? */
static bool sum_holds(const bl_doc *d, const bl_fact *t, bool mutated, int *nparts)
{
    bl_range sum = {0, 0};
    *nparts = 0;
    bool table_parts = t->table && strcmp(t->scope, "total") == 0;
    bool seen_basic = false, seen_project = false;
    for (size_t i = 0; i < d->nfacts; i++) {
        const bl_fact *g = &d->facts[i];
        if (g->derived || g == t || !same_place(g, t))
            continue;
        bool part;
        if (t->kind == BL_KIND_SCORE) /* a table's 总分 */
            part = is_row_score(g);
        else if (t->kind == BL_KIND_WEIGHT && strncmp(t->scope, "block:", 6) == 0)
            part = g->kind == BL_KIND_WEIGHT && strncmp(g->scope, "indicator:", 10) == 0 && g->group &&
                   strcmp(g->group, t->scope + 6) == 0;
        else if (t->kind == BL_KIND_WEIGHT) /* 总分值 */
            part = g->kind == BL_KIND_WEIGHT && (strncmp(g->scope, "indicator:", 10) == 0 || strcmp(g->scope, "exec") == 0);
        else {
            /* a table's parts are its 其中 source rows, or its 基本支出 / 项目支出 / 其他 rows */
            bool split = strcmp(g->scope, "basic") == 0 || strcmp(g->scope, "project") == 0;
            part = g->kind == t->kind && g->basis == t->basis &&
                   ((table_parts && (is_source(g) || split)) ||
                    (!t->table && ((strcmp(g->scope, "basic") == 0 && !seen_basic) ||
                                   (strcmp(g->scope, "project") == 0 && !seen_project))));
            seen_basic |= part && strcmp(g->scope, "basic") == 0;
            seen_project |= part && strcmp(g->scope, "project") == 0;
        }
        if (!part)
            continue;
        bl_range x = mutated ? R(g) : g->range;
        if (g->kind == BL_KIND_WEIGHT) /* weights are set, not measured */
            x.lo = x.hi = (x.lo + x.hi) / 2;
        sum = bl_range_add(sum, x);
        ++*nparts;
    }
    bl_range T = mutated ? R(t) : t->range;
    if (t->kind == BL_KIND_WEIGHT)
        T.lo = T.hi = (T.lo + T.hi) / 2;
    return bl_range_overlap(sum, T);
}

static bool is_total(const bl_fact *g)
{
    if (g->kind == BL_KIND_SCORE)
        return g->table && strcmp(g->scope, "total") == 0;
    if (g->kind == BL_KIND_WEIGHT)
        return strcmp(g->scope, "sum") == 0 || strncmp(g->scope, "block:", 6) == 0;
    return (g->kind == BL_KIND_BUDGET || g->kind == BL_KIND_EXECUTED) && strcmp(g->scope, "total") == 0;
}

/* An indicator row's score against its completion (正向 and 等于 targets): full weight
 * when the target is met, else weight x actual / target. */
static const bl_fact *in_row(const bl_doc *d, const bl_fact *f, bl_kind k)
{
    for (size_t i = 0; i < d->nfacts; i++) {
        const bl_fact *g = &d->facts[i];
        if (g->kind == k && g->table == f->table && g->row == f->row && !g->derived)
            return g;
    }
    return NULL;
}

static bool score_fits(const bl_doc *d, const bl_fact *s, bool mutated)
{
    const bl_fact *w = NULL, *t = in_row(d, s, BL_KIND_TARGET), *v = in_row(d, s, BL_KIND_ACTUAL);
    for (size_t i = 0; i < d->nfacts && !w; i++) /* the row's own weight, not its block label's */
        if (d->facts[i].kind == BL_KIND_WEIGHT && d->facts[i].table == s->table && d->facts[i].row == s->row &&
            strcmp(d->facts[i].scope, s->scope) == 0)
            w = &d->facts[i];
    if (w && s->has_coef) { /* the form's own formula: 得分 = 得分系数 × 分值 */
        bl_range S = mutated ? R(s) : s->range;
        bl_i128 e = bl_range_exact(s->coef, 0).lo * bl_range_exact(w->value, 0).lo / ((bl_i128)100 * 100000000);
        return S.lo <= e && e <= S.hi;
    }
    if (!w || !t || !v || t->op == '<' || !t->measure || !v->measure || strcmp(t->measure, v->measure) != 0 ||
        t->value.mant <= 0 || w->value.mant <= 0)
        return true; /* no relation */
    bl_range S = mutated ? R(s) : s->range, W = bl_range_exact(w->value, 0);
    bl_range T = bl_range_exact(t->value, 0), V = bl_range_exact(v->value, 0);
    bool survey = strstr(s->scope, "满意") || (s->group && strstr(s->group, "满意"));
    if (V.lo >= T.hi) /* met: full marks, unless far over (may lose points) or a survey */
        return survey || V.hi * 10 >= T.lo * 13 || (S.lo <= W.lo && W.hi <= S.hi);
    bl_i128 E8 = 100000000;
    bl_range P = {S.lo * 100 * E8 / W.hi, (S.hi * 100 * E8 + W.lo - 1) / W.lo};
    return bl_ratio_meets(V, T, P) != 0;
}

/* The 执行率 row's score against 分值 x min(执行数 / 预算数, 100%) (any budget of the row). */
static bool exec_fits(const bl_doc *d, const bl_fact *s, bool mutated)
{
    const bl_fact *w = in_row(d, s, BL_KIND_WEIGHT), *e = in_row(d, s, BL_KIND_EXECUTED);
    if (!w || !e || w->value.mant <= 0)
        return true;
    bl_range S = mutated ? R(s) : s->range, W = mutated ? R(w) : w->range, E = mutated ? R(e) : e->range;
    W.lo = W.hi = (W.lo + W.hi) / 2; /* set, not measured */
    bl_i128 E8 = 100000000;
    if (S.lo > W.hi)
        return false;
    bl_range P = {S.lo * 100 * E8 / W.hi, S.hi >= W.lo ? (bl_i128)1000000 * E8 : (S.hi * 100 * E8 + W.lo - 1) / W.lo};
    bool any = false;
    for (size_t i = 0; i < d->nfacts; i++) {
        const bl_fact *b = &d->facts[i];
        if (b->kind != BL_KIND_BUDGET || b->table != s->table || b->row != s->row || b->derived)
            continue;
        any = true;
        if (bl_ratio_meets(E, mutated ? R(b) : b->range, P) != 0)
            return true;
    }
    return !any;
}

/* Does giving f the interval fr break a relation that held? */
static bool oracle(const bl_doc *d, const bl_fact *f, bl_range fr)
{
    mut_f = f;
    mut_r = fr;
    bool broke = false;
    for (size_t i = 0; i < d->nfacts && !broke; i++) {
        const bl_fact *g = &d->facts[i];
        if (g->derived || (g->table == gone_table && g->row == gone_row)) /* left out with f's row */
            continue;
        /* a restatement of f */
        if (g != f && g->kind == f->kind && strcmp(g->scope, f->scope) == 0 && g->basis == f->basis &&
            bl_range_overlap(g->range, f->range) && !bl_range_overlap(g->range, fr))
            broke = true;
        /* a rate of f's scope */
        if (g->kind == BL_KIND_RATE && same_place(g, f) &&
            (g == f || f->kind == BL_KIND_EXECUTED || f->kind == BL_KIND_BUDGET) && rate_fits(d, g, false) &&
            !rate_fits(d, g, true))
            broke = true;
        /* a total f is, or is a part of */
        /* (a block's weight is a sum of one when the block has one indicator) */
        int n0, n1, least = g->kind == BL_KIND_WEIGHT ? 1 : 2;
        if (is_total(g) && same_place(g, f) && sum_holds(d, g, false, &n0) && n0 >= least &&
            !sum_holds(d, g, true, &n1))
            broke = true;
        /* a rate of the adjusted budget cannot pass 100% (R18) */
        bl_i128 hundred = (bl_i128)100 * 100000000;
        if (g == f && f->kind == BL_KIND_RATE && f->basis == BL_BASIS_ADJUSTED && f->range.lo <= hundred &&
            fr.lo > hundred)
            broke = true;
    }
    if (gone_table < 0 && is_row_score(f) && score_fits(d, f, false) && !score_fits(d, f, true))
        broke = true;
    for (size_t i = 0; i < d->nfacts && !broke && gone_table < 0; i++) { /* f in a 执行率 row */
        const bl_fact *g = &d->facts[i];
        size_t n = strlen(g->scope);
        if (g->kind == BL_KIND_SCORE && g->table == f->table && g->row == f->row && n >= 4 &&
            strcmp(g->scope + n - 4, "exec") == 0 && exec_fits(d, g, false) && !exec_fits(d, g, true))
            broke = true;
    }
    mut_f = NULL;
    return broke;
}

/* f's interval if it had been printed as w */
static bl_range range_as(const bl_fact *f, bl_dec w)
{
    bool money = f->kind == BL_KIND_BUDGET || f->kind == BL_KIND_EXECUTED || f->kind == BL_KIND_BALANCE;
    return bl_range_of(w, money ? bl_unit_pow10(f->unit) : 0);
}

static const char *judge(const bl_doc *d, const bl_fact *f, bl_range fr)
{
    return oracle(d, f, fr) ? "breaks" : "consistent";
}

/* Leaving out a table row: does losing its amounts, weight or score break a sum? */
static const char *row_verdict(const bl_doc *d, int table, int row)
{
    bl_range zero = {0, 0};
    gone_table = table, gone_row = row;
    const char *v = "consistent";
    for (size_t i = 0; i < d->nfacts; i++) {
        const bl_fact *g = &d->facts[i];
        /* a total in the row goes with it (no relation left); a part leaves its sum short */
        if (g->table == table && g->row == row && !g->derived && g->kind != BL_KIND_RATE && !is_total(g) &&
            g->kind != BL_KIND_TARGET && g->kind != BL_KIND_ACTUAL && oracle(d, g, zero))
            v = "breaks";
    }
    gone_table = gone_row = -1;
    return v;
}

/* The facts of a and b agree in kind, scope, basis and value, in order (the harness's self-check). */
static bool same_facts(const bl_doc *a, const bl_doc *b)
{
    if (a->nfacts != b->nfacts)
        return false;
    for (size_t i = 0; i < a->nfacts; i++) {
        const bl_fact *f = &a->facts[i], *g = &b->facts[i];
        if (f->kind != g->kind || f->basis != g->basis || strcmp(f->scope, g->scope) != 0 ||
            f->value.mant != g->value.mant || f->value.scale != g->value.scale)
            return false;
    }
    return true;
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
    /* base.txt: the document as text (tables as "| a | b |" rows); the variants are
     * made from base.txt read back, and it must read as the same facts */
    static char base_path[4096];
    snprintf(base_path, sizeof base_path, "%s/base.txt", outdir);
    bl_buf bt = BL_BUF_INIT;
    render(d, &bt, 0, 0, NULL);
    bool ok = write_file(base_path, &bt);
    bl_buf_release(&bt);
    if (!ok)
        return 2;
    bl_doc *t = bl_doc_new(base_path);
    if (bl_extract(t, NULL) < 0)
        return 2;
    bl_normalize(t);
    bl_parse(t);
    if (!same_facts(d, t))
        fprintf(stderr, "mutate: %s: its text reads %zu facts, the original %zu (not the same)\n", argv[1],
                t->nfacts, d->nfacts);
    bl_doc_free(d);
    d = t;
    snprintf(path, sizeof path, "%s/manifest.tsv", outdir);
    manifest = fopen(path, "w");
    if (!manifest)
        return 2;
    char buf[96], desc[256];
    bool has_grade = false;
    for (size_t i = 0; i < d->nfacts; i++)
        has_grade |= d->facts[i].kind == BL_KIND_GRADE;
    /* a part dropped from a sum: a table's funding-source row or an indicator row left out */
    size_t dropped = (size_t)-1;
    for (size_t i = 0; i < d->nfacts; i++) {
        const bl_fact *f = &d->facts[i];
        bool part = f->table && !f->derived &&
                    (strncmp(f->scope, "source:", 7) == 0 ||
                     (f->kind == BL_KIND_WEIGHT && strncmp(f->scope, "indicator:", 10) == 0));
        size_t li = part ? line_at(d, d->src[f->num_at]) : (size_t)-1;
        if (li == (size_t)-1 || li == dropped)
            continue;
        dropped = skip_line = li;
        verdict = row_verdict(d, f->table, f->row);
        snprintf(desc, sizeof desc, "row %d of table %d left out (F%d %s)", f->row, f->table, f->id, f->text);
        emit(d, 0, 0, NULL, "part", "row dropped", desc);
        skip_line = (size_t)-1;
    }
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
                    verdict = judge(d, f, range_as(f, w));
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
                    verdict = judge(d, f, bl_range_of(v, 0));
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
                    verdict = judge(d, f, range_as(f, w));
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
                    verdict = judge(d, f, range_as(f, w));
                    emit(d, a, b, buf, "rate", step, desc);
                }
            bl_dec w = v;
            w.mant += p10(v.scale); /* a whole percent */
            fmt(w, buf, sizeof buf);
            snprintf(desc, sizeof desc, "F%d %s -> %s%%", f->id, f->text, buf);
            verdict = judge(d, f, range_as(f, w));
            emit(d, a, b, buf, "rate", "1 percent", desc);
        } else if (f->kind == BL_KIND_SCORE && f->table && strcmp(f->scope, "total") != 0) {
            /* a row's score: above its weight, and one point less */
            const bl_fact *wt = in_row(d, f, BL_KIND_WEIGHT);
            if (wt) {
                bl_dec w = wt->value;
                w.mant += p10(w.scale);
                fmt(w, buf, sizeof buf);
                snprintf(desc, sizeof desc, "F%d score %s -> %s, its weight %s", f->id, f->text, buf, wt->text);
                emit(d, a, b, buf, "score", "above its weight", desc);
            }
            if (v.mant >= p10(v.scale)) {
                bl_dec w = v;
                w.mant -= p10(v.scale);
                fmt(w, buf, sizeof buf);
                snprintf(desc, sizeof desc, "F%d score %s -> %s", f->id, f->text, buf);
                verdict = judge(d, f, range_as(f, w));
                emit(d, a, b, buf, "score", "1 point less", desc);
            }
        } else if (f->kind == BL_KIND_SCORE) {
            bl_dec w = v;
            w.mant += 10 * p10(v.scale); /* 91.44 -> 101.44 */
            fmt(w, buf, sizeof buf);
            snprintf(desc, sizeof desc, "F%d %s -> %s 分", f->id, f->text, buf);
            emit(d, a, b, buf, "score", "+10 points", desc);
            /* a band down with the grade kept: 91.44 -> 89.44, 98 -> 89 */
            int whole = (int)(v.mant / p10(v.scale)), low = whole >= 90 ? 90 : whole >= 80 ? 80 : whole >= 60 ? 60 : -1;
            if (has_grade && low > 0) {
                w = v;
                w.mant -= (int64_t)(whole - low + 1) * p10(v.scale);
                fmt(w, buf, sizeof buf);
                snprintf(desc, sizeof desc, "F%d %s -> %s 分 (grade kept)", f->id, f->text, buf);
                emit(d, a, b, buf, "grade", "score moved a band", desc);
            }
        } else if (f->kind == BL_KIND_WEIGHT && f->table) {
            bl_dec w = v;
            w.mant += p10(v.scale);
            fmt(w, buf, sizeof buf);
            snprintf(desc, sizeof desc, "F%d weight %s -> %s", f->id, f->text, buf);
            verdict = judge(d, f, range_as(f, w));
            emit(d, a, b, buf, "weight", "+1 point", desc);
        } else if (f->kind == BL_KIND_ACTUAL && f->table) {
            /* a met 正向 target missed: the actual set to 80% of the target, the score kept */
            const bl_fact *tg = in_row(d, f, BL_KIND_TARGET);
            if (tg && tg->op == '>' && tg->value.mant > 0 && bl_range_exact(f->value, 0).lo >= bl_range_exact(tg->value, 0).lo) {
                bl_dec w = tg->value;
                w.mant = w.mant * 8 / 10;
                if (w.mant * 10 != tg->value.mant * 8)
                    w.mant = tg->value.mant * 8, w.scale++;
                fmt(w, buf, sizeof buf);
                snprintf(desc, sizeof desc, "F%d actual %s -> %s, target %s", f->id, f->text, buf, tg->text);
                emit(d, a, b, buf, "indicator", "target missed", desc);
            }
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
    bl_normalize_cleanup();
    printf("%d variants\n", nvar);
    return 0;
}
