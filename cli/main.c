/*
 * main.c - the budgetlint command line. The only place that prints
 * diagnostics and decides the exit status; the stages below only return.
 */
#include <dirent.h>
#include <glib.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../annotate/annotate.h"
#include "../batch/batch.h"
#include "../report/report.h"
#include "../store/store.h"

#include "../core/doc.h"
#include "../emit/emit.h"
#include "../extract/extract.h"
#include "../normalize/normalize.h"
#include "../normalize/quantity.h"
#include "../parse/parse.h"
#include "../validate/validate.h"

#include <errno.h>

#include "../core/banned.h"

#define BL_VERSION "0.2.0"

/* Exit status (docs/output.md): one enum, documented and tested. */
enum {
    EXIT_CLEAN = 0,       /* no finding at or above --fail-on */
    EXIT_FINDINGS = 1,    /* findings at or above --fail-on */
    EXIT_TROUBLE = 2,     /* usage error, or an input that could not be checked */
    EXIT_INTERNAL = 4,    /* out of memory, or a bug */
    EXIT_INTERRUPTED = 130 /* Ctrl-C: what was done is written and summarized */
};

enum format { FMT_TEXT, FMT_JSON, FMT_JSONL, FMT_SARIF };

static const char usage[] =
    "usage: budgetlint check [options] FILE|DIR...  check reports (PDF or text; - is stdin;\n"
    "                                             directories: every .pdf and .txt below)\n"
    "       budgetlint extract [options] FILE    print the normalized text with page:line\n"
    "       budgetlint extract --tables FILE     print the tables found: rows, cells, columns\n"
    "       budgetlint numbers [options] FILE    every number read: page:line, kind, value, unit, tags\n"
    "       budgetlint merge OUT.sqlite IN.sqlite...  merge result stores (shards)\n"
    "       budgetlint report --db FILE.sqlite [--xlsx F] [--csv F] [--html F]\n"
    "                                            the bureau's workbook, CSV and HTML page\n"
    "       budgetlint rules                     list the rules\n"
    "       budgetlint explain RULE              what a rule checks, its formula and examples\n"
    "       budgetlint --help | --version\n"
    "\n"
    "options:\n"
    "  --format text|json|jsonl|sarif\n"
    "                            output format (default: text on a terminal, else json);\n"
    "                            json prints one object for one file, one per line for several;\n"
    "                            sarif: one SARIF 2.1.0 log for the batch (CI code scanning)\n"
    "  --color auto|always|never colour the text format (auto: on a terminal, unless NO_COLOR)\n"
    "  --fail-on error|warning|info|none\n"
    "                            exit 1 when a finding at or above this severity exists\n"
    "                            (default: error)\n"
    "  --profile NAME            regional rules: national (default), sichuan, guizhou,\n"
    "                            chongqing, guangzhou (grade bands, rate basis, thresholds)\n"
    "  --config FILE             settings (profile, rules on/off, severities, fail_on); default:\n"
    "                            budgetlint.json in this directory or a parent (docs/config.md)\n"
    "  --password PW             password for encrypted PDFs\n"
    "  --encoding ENC            encoding of text input (default: UTF-8, else GB18030)\n"
    "\n"
    "batches:\n"
    "  -j, --jobs N              worker processes (default: the number of cores); each file\n"
    "                            is checked in its own process, results come in input order;\n"
    "                            -j 0 checks in this process (no crash isolation)\n"
    "  --timeout SECONDS         per file (default 60); a file over it gets code timeout\n"
    "  --max-memory MB           per worker (default 2048); over it: code out-of-memory\n"
    "  --annotate DIR            write each checked PDF to DIR with its findings highlighted\n"
    "                            (a note on each: rule, stated against recomputed)\n"
    "  --files-from FILE|-       read more input paths, one a line\n"
    "  --db FILE.sqlite          store results (reports, facts, findings: docs/store.md);\n"
    "                            files already stored (same sha256 and version) are skipped\n"
    "  --force                   re-check files already in the store\n"
    "  --shard K/N               check only this share of the inputs (K in 1..N)\n"
    "  --progress, --quiet       force or silence progress on stderr (default: on a terminal)\n"
    "  --stats                   a closing line on stderr: files, pages, seconds, largest worker\n"
    "\n"
    "exit status: 0 no finding at or above --fail-on; 1 such findings;\n"
    "             2 usage error or an input that could not be checked; 4 internal error;\n"
    "             130 interrupted (Ctrl-C).\n"
    "JSON output: schema budgetlint/1, documented in docs/output.md.\n";

static void die_usage(const char *fmt, const char *arg)
{
    fputs("budgetlint: error: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\n(see 'budgetlint --help')\n", stderr);
    exit(EXIT_TROUBLE);
}

typedef struct {
    enum format format;
    bool format_set;
    int fail_on; /* severity threshold; 3 = none */
    bl_extract_opts ex;
    const char **files;
    int nfiles;
    int jobs, timeout_s;
    long max_memory_mb;
    const char *db, *files_from, *annotate_dir;
    bool force, quiet, progress, stats, color, tables;
    const char *color_opt;
    int shard_k, shard_n;
    bool fail_on_set;
    const char *config_path, *profile_name;
    bl_config cfg;
} options;

static long number_arg(const char *opt, const char *val, long min, long max)
{
    char *end;
    long v = strtol(val, &end, 10);
    if (!*val || *end || v < min || v > max)
        die_usage("bad value for an option: '%s'", val);
    (void)opt;
    return v;
}

/* budgetlint.json: --config FILE, else the first found from here up to the root */
static void load_config(options *o)
{
    bl_config_init(&o->cfg);
    char found[4200] = "";
    const char *path = o->config_path;
    if (!path) {
        char dir[4096];
        if (getcwd(dir, sizeof dir)) {
            for (;;) {
                snprintf(found, sizeof found, "%s/budgetlint.json", strcmp(dir, "/") == 0 ? "" : dir);
                if (access(found, R_OK) == 0) {
                    path = found;
                    break;
                }
                char *slash = strrchr(dir, '/');
                if (!slash || slash == dir) {
                    if (strcmp(dir, "/") == 0)
                        break;
                    dir[1] = '\0';
                    continue;
                }
                *slash = '\0';
            }
        }
    }
    if (path) {
        gchar *text = NULL;
        gsize len = 0;
        GError *ge = NULL;
        if (!g_file_get_contents(path, &text, &len, &ge)) {
            fprintf(stderr, "budgetlint: error: cannot read '%s': %s\n", path, ge ? ge->message : "?");
            exit(EXIT_TROUBLE);
        }
        int line = 1;
        char msg[300];
        if (bl_config_parse(&o->cfg, text, len, &line, msg, sizeof msg)) {
            fprintf(stderr, "budgetlint: error: '%s': line %d: %s\n", path, line, msg);
            exit(EXIT_TROUBLE);
        }
        g_free(text);
    }
    if (o->profile_name) { /* the command line wins over the file */
        const bl_profile *p = bl_profile_find(o->profile_name);
        if (!p)
            die_usage("unknown profile '%s' (national, sichuan, guizhou, chongqing, guangzhou)", o->profile_name);
        o->cfg.profile = p;
    }
    if (!o->fail_on_set && o->cfg.fail_on >= 0)
        o->fail_on = o->cfg.fail_on;
}

static void parse_options(int argc, char **argv, int start, options *o)
{
    o->fail_on = BL_SEV_ERROR;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    o->jobs = cores > 0 ? (int)cores : 1;
    o->timeout_s = 60;
    o->max_memory_mb = 2048;
    o->files = calloc((size_t)argc, sizeof *o->files);
    if (!o->files)
        exit(EXIT_TROUBLE);
    bool only_files = false;
    for (int i = start; i < argc; i++) {
        const char *a = argv[i];
        const char *val = NULL;
        if (!only_files && strcmp(a, "--") == 0) {
            only_files = true;
            continue;
        }
        if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
            o->files[o->nfiles++] = a;
            continue;
        }
        const char *eq = strchr(a, '=');
        size_t nl = eq ? (size_t)(eq - a) : strlen(a);
#define OPT(name) (nl == strlen(name) && strncmp(a, name, nl) == 0)
#define VALUE()                                                                  \
    do {                                                                         \
        if (eq)                                                                  \
            val = eq + 1;                                                        \
        else if (i + 1 < argc)                                                   \
            val = argv[++i];                                                     \
        else                                                                     \
            die_usage("option '%s' needs a value", a);                           \
    } while (0)
        if (OPT("--format")) {
            VALUE();
            o->format_set = true;
            if (strcmp(val, "text") == 0)
                o->format = FMT_TEXT;
            else if (strcmp(val, "json") == 0)
                o->format = FMT_JSON;
            else if (strcmp(val, "jsonl") == 0)
                o->format = FMT_JSONL;
            else if (strcmp(val, "sarif") == 0)
                o->format = FMT_SARIF;
            else
                die_usage("unknown format '%s' (use text, json, jsonl or sarif)", val);
        } else if (OPT("--fail-on")) {
            VALUE();
            o->fail_on_set = true;
            if (strcmp(val, "error") == 0)
                o->fail_on = BL_SEV_ERROR;
            else if (strcmp(val, "warning") == 0)
                o->fail_on = BL_SEV_WARNING;
            else if (strcmp(val, "info") == 0)
                o->fail_on = BL_SEV_INFO;
            else if (strcmp(val, "none") == 0)
                o->fail_on = 3;
            else
                die_usage("unknown severity '%s' (use error, warning, info or none)", val);
        } else if (OPT("--password")) {
            VALUE();
            o->ex.password = val;
        } else if (OPT("--encoding")) {
            VALUE();
            o->ex.encoding = val;
        } else if (OPT("--jobs") || OPT("-j")) {
            VALUE();
            o->jobs = (int)number_arg(a, val, 0, 256);
        } else if (strncmp(a, "-j", 2) == 0 && a[2] >= '0' && a[2] <= '9') {
            o->jobs = (int)number_arg(a, a + 2, 0, 256);
        } else if (OPT("--color")) {
            VALUE();
            if (strcmp(val, "auto") != 0 && strcmp(val, "always") != 0 && strcmp(val, "never") != 0)
                die_usage("unknown --color '%s' (use auto, always or never)", val);
            o->color_opt = val;
        } else if (OPT("--stats")) {
            o->stats = true;
        } else if (OPT("--timeout")) {
            VALUE();
            o->timeout_s = (int)number_arg(a, val, 0, 86400);
        } else if (OPT("--max-memory")) {
            VALUE();
            o->max_memory_mb = number_arg(a, val, 0, 1 << 20);
        } else if (OPT("--db")) {
            VALUE();
            o->db = val;
        } else if (OPT("--profile")) {
            VALUE();
            o->profile_name = val;
        } else if (OPT("--config")) {
            VALUE();
            o->config_path = val;
        } else if (OPT("--tables")) {
            o->tables = true;
        } else if (OPT("--annotate")) {
            VALUE();
            o->annotate_dir = val;
        } else if (OPT("--files-from")) {
            VALUE();
            o->files_from = val;
        } else if (OPT("--shard")) {
            VALUE();
            int k, n;
            char extra;
            if (sscanf(val, "%d/%d%c", &k, &n, &extra) != 2 || n < 1 || k < 1 || k > n)
                die_usage("bad --shard '%s' (use K/N with 1 <= K <= N)", val);
            o->shard_k = k, o->shard_n = n;
        } else if (OPT("--force")) {
            o->force = true;
        } else if (OPT("--quiet") || OPT("-q")) {
            o->quiet = true;
        } else if (OPT("--progress")) {
            o->progress = true;
        } else {
            die_usage("unknown option '%s'", a);
        }
#undef OPT
#undef VALUE
    }
    if (!o->format_set)
        o->format = isatty(STDOUT_FILENO) ? FMT_TEXT : FMT_JSON;
    load_config(o);
    /* colour: --color always/never, else on a terminal unless NO_COLOR is set (no-color.org) */
    const char *nc = getenv("NO_COLOR");
    o->color = o->color_opt && strcmp(o->color_opt, "always") == 0 ? true
               : o->color_opt && strcmp(o->color_opt, "never") == 0 ? false
                                                                     : isatty(STDOUT_FILENO) && !(nc && *nc);
}

/* Run the stages on one document; the document keeps what went wrong. */
static bl_doc *check_one(const char *path, const options *o, bool validate)
{
    bl_doc *d = bl_doc_new(path);
    if (bl_extract(d, &o->ex) == 0) {
        bl_normalize(d);
        if (bl_parse(d) == 0 && validate)
            bl_validate_with(d, &o->cfg);
    } else if (validate) {
        bl_validate_with(d, &o->cfg); /* records no-text-layer as a finding */
    }
    return d;
}

static void report_error(const bl_doc *d)
{
    fprintf(stderr, "budgetlint: error: '%s': %s\n", d->path, d->err.message);
}

static int finish_output(void)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fputs("budgetlint: error: writing output failed\n", stderr);
        return -1;
    }
    return 0;
}

/* ---- inputs: files, directories, --files-from, --shard ------------------------------ */

typedef struct {
    char **v;
    size_t n, cap;
} paths;

static void paths_add(paths *p, const char *s)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 64;
        p->v = bl_xrealloc(p->v, p->cap * sizeof *p->v);
    }
    size_t l = strlen(s);
    p->v[p->n] = bl_xmalloc(l + 1);
    memcpy(p->v[p->n], s, l + 1);
    p->n++;
}

static bool checkable_name(const char *name)
{
    size_t n = strlen(name);
    if (n < 5 || name[0] == '.')
        return false;
    const char *e = name + n - 4;
    return e[0] == '.' && (((e[1] | 32) == 'p' && (e[2] | 32) == 'd' && (e[3] | 32) == 'f') ||
                           ((e[1] | 32) == 't' && (e[2] | 32) == 'x' && (e[3] | 32) == 't'));
}

static int cmp_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name); /* byte order: the same on every machine */
}

/* Every .pdf and .txt below dir, in byte order of names, depth first. */
static void walk(paths *p, const char *dir, int depth)
{
    struct dirent **list;
    int n = scandir(dir, &list, NULL, cmp_name);
    if (n < 0) {
        paths_add(p, dir); /* reported as unreadable by the check */
        return;
    }
    for (int i = 0; i < n; i++) {
        const char *nm = list[i]->d_name;
        if (strcmp(nm, ".") != 0 && strcmp(nm, "..") != 0) {
            size_t l = strlen(dir) + strlen(nm) + 2;
            char *full = bl_xmalloc(l);
            snprintf(full, l, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", nm);
            struct stat st;
            if (stat(full, &st) == 0 && S_ISDIR(st.st_mode)) {
                if (depth < 64)
                    walk(p, full, depth + 1);
            } else if (checkable_name(nm)) {
                paths_add(p, full);
            }
            free(full);
        }
        free(list[i]);
    }
    free(list);
}

static void add_input(paths *p, const char *arg)
{
    struct stat st;
    if (strcmp(arg, "-") != 0 && stat(arg, &st) == 0 && S_ISDIR(st.st_mode))
        walk(p, arg, 0);
    else
        paths_add(p, arg);
}

static uint32_t fnv1a(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* ---- the batch --------------------------------------------------------------------------- */

typedef struct {
    const options *o;
    paths in;
    char **sha;         /* per input: hex sha256 of its bytes, NULL when unreadable */
    size_t *dup_of;     /* per input: index of the first input with the same bytes, or SIZE_MAX */
    char **stored;      /* per input: its JSON record from the store (resume), or NULL */
    char **first_json;  /* per input: its compact record, kept while duplicates may follow */
    bool *has_dups;
    char *stdin_data;
    size_t stdin_len;
    bl_store *store;
    /* results */
    bool trouble, failing, wrote_error;
    int nerr;
    bl_counts total;
    long pages;
    size_t findings;
    double started;
    bool show_progress, progress_drawn;
    bl_sarif *sarif;
} batch_ctx;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static volatile sig_atomic_t interrupted;

static void on_sigint(int sig)
{
    (void)sig;
    interrupted = 1;
}

static bool contains(const char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(hay + i, needle, k) == 0)
            return true;
    return false;
}

/* Test hooks (BUDGETLINT_TEST_HOOKS=1): a file holding a marker makes its worker crash or hang. */
static void test_hooks(const char *path)
{
    if (!getenv("BUDGETLINT_TEST_HOOKS"))
        return;
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    char buf[4096];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    if (contains(buf, n, "BUDGETLINT-TEST-CRASH"))
        abort();
    if (contains(buf, n, "BUDGETLINT-TEST-HANG"))
        for (;;)
            pause();
    if (contains(buf, n, "BUDGETLINT-TEST-OOM"))
        for (size_t sz = 1 << 20;; sz *= 2) {
            char *p = bl_xmalloc(sz);
            memset(p, 1, sz);
        }
}

/* In the worker: check one file, write its compact JSON record. */
static void work(void *vctx, size_t i, bl_buf *out)
{
    batch_ctx *c = vctx;
    const char *path = c->in.v[i];
    bl_doc *d;
    if (strcmp(path, "-") == 0) {
        d = bl_doc_new("-");
        if (bl_extract_bytes(d, c->stdin_data, c->stdin_len, false, &c->o->ex) == 0) {
            bl_normalize(d);
            if (bl_parse(d) == 0)
                bl_validate_with(d, &c->o->cfg);
        } else {
            bl_validate_with(d, &c->o->cfg);
        }
    } else {
        test_hooks(path);
        d = check_one(path, c->o, true);
    }
    cJSON *rec = bl_record(d);
    if (c->o->annotate_dir && d->is_pdf && d->err.cls == BL_OK) {
        /* DIR/<name of the file>: the original is never touched */
        const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
        char copy[4096], err[300];
        snprintf(copy, sizeof copy, "%s/%s", c->o->annotate_dir, base);
        if (strcmp(copy, path) == 0)
            cJSON_AddStringToObject(rec, "annotate_error", "the annotated copy would overwrite the original");
        else if (bl_annotate(d, copy, err, sizeof err) < 0)
            cJSON_AddStringToObject(rec, "annotate_error", err);
        else
            cJSON_AddStringToObject(rec, "annotated", copy);
    }
    char *txt = cJSON_PrintUnformatted(rec);
    if (txt)
        bl_buf_adds(out, txt);
    cJSON_free(txt);
    cJSON_Delete(rec);
    bl_doc_free(d);
}

static bool skip(void *vctx, size_t i)
{
    batch_ctx *c = vctx;
    return c->dup_of[i] != SIZE_MAX || c->stored[i] != NULL;
}

static void clear_progress(batch_ctx *c)
{
    if (c->progress_drawn) {
        fputs("\r\033[K", stderr);
        c->progress_drawn = false;
    }
}

static void tick(void *vctx, size_t delivered, size_t running)
{
    batch_ctx *c = vctx;
    if (!c->show_progress)
        return;
    double el = now_s() - c->started;
    size_t total = c->in.n;
    char eta[32] = "--:--";
    if (delivered > 0 && delivered < total) {
        long s = (long)(el / (double)delivered * (double)(total - delivered));
        snprintf(eta, sizeof eta, "%ld:%02ld", s / 60, s % 60);
    } else if (delivered == total) {
        snprintf(eta, sizeof eta, "0:00");
    }
    fprintf(stderr, "\r\033[K%zu/%zu files  %.1f pages/s  %d unreadable  %zu findings  %zu running  ETA %s",
            delivered, total, el > 0 ? (double)c->pages / el : 0.0, c->nerr, c->findings, running, eta);
    c->progress_drawn = true;
}

/* Account for, store and print one record, in input order. compact: what to store (NULL: nothing). */
static void deliver(batch_ctx *c, size_t i, cJSON *rec, const char *compact)
{
    const options *o = c->o;
    const char *status = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(rec, "status"));
    const cJSON *pages = cJSON_GetObjectItemCaseSensitive(rec, "pages");
    if (cJSON_IsNumber(pages))
        c->pages += pages->valueint;
    if (!status || strcmp(status, "ok") != 0) {
        c->trouble = true;
        c->nerr++;
        const cJSON *e = cJSON_GetObjectItemCaseSensitive(rec, "error");
        clear_progress(c);
        fprintf(stderr, "budgetlint: error: '%s': %s\n", c->in.v[i],
                e ? cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "message")) : "cannot be checked");
    }
    const cJSON *f;
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(rec, "findings"))
    {
        const char *sev = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "severity"));
        int level = !sev ? 2 : strcmp(sev, "error") == 0 ? BL_SEV_ERROR : strcmp(sev, "warning") == 0 ? BL_SEV_WARNING : BL_SEV_INFO;
        if (level >= o->fail_on)
            c->failing = true;
        c->findings++;
        if (level == BL_SEV_ERROR)
            c->total.errors++;
        else if (level == BL_SEV_WARNING)
            c->total.warnings++;
        else
            c->total.infos++;
    }
    if (c->store && c->sha[i] && compact) {
        char err[300];
        if (bl_store_put(c->store, c->in.v[i], c->sha[i], BL_VERSION, compact, err, sizeof err) < 0) {
            clear_progress(c);
            fprintf(stderr, "budgetlint: error: '%s': %s\n", o->db, err);
            c->trouble = true;
        }
    }
    clear_progress(c);
    if (o->format == FMT_TEXT)
        bl_emit_text(rec, stdout, o->color);
    else if (o->format == FMT_SARIF)
        bl_sarif_add(c->sarif, rec); /* one log for the batch, written at the end */
    else
        bl_emit_record(rec, stdout, o->format == FMT_JSON && c->in.n == 1);
    fflush(stdout); /* streamed: written output is never lost to a later crash */
}

static void done(void *vctx, size_t i, const char *data, size_t len, const bl_batch_fail *fail)
{
    batch_ctx *c = vctx;
    (void)len;
    cJSON *rec = NULL;
    char *owned = NULL;
    const char *compact = data;
    if (!data) { /* a duplicate of an earlier input, or already in the store */
        const char *src = c->dup_of[i] != SIZE_MAX ? c->first_json[c->dup_of[i]] : c->stored[i];
        rec = src ? cJSON_Parse(src) : NULL;
        if (rec) {
            const char *was = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(rec, "file"));
            bool same_path = was && strcmp(was, c->in.v[i]) == 0;
            cJSON_ReplaceItemInObjectCaseSensitive(rec, "file", cJSON_CreateString(c->in.v[i]));
            /* the store keeps each file's record as if checked alone: the same whatever the batch */
            owned = c->dup_of[i] == SIZE_MAX && same_path ? NULL : cJSON_PrintUnformatted(rec);
            if (c->dup_of[i] != SIZE_MAX)
                cJSON_AddStringToObject(rec, "duplicate_of", c->in.v[c->dup_of[i]]);
        } else {
            rec = bl_record_error(c->in.v[i], "crashed", "its duplicate could not be checked");
            owned = cJSON_PrintUnformatted(rec);
        }
        compact = owned; /* NULL: already stored under this path */
    } else if (fail) {
        rec = bl_record_error(c->in.v[i], fail->code, fail->message);
        owned = cJSON_PrintUnformatted(rec);
        compact = owned;
    } else {
        rec = cJSON_Parse(data);
        if (!rec) {
            rec = bl_record_error(c->in.v[i], "crashed", "the worker's record is not JSON");
            owned = cJSON_PrintUnformatted(rec);
            compact = owned;
        }
    }
    /* worker failures are not stored: a re-run tries them again */
    bl_store *keep = c->store;
    if (fail)
        c->store = NULL;
    deliver(c, i, rec, compact);
    c->store = keep;
    if (c->has_dups[i]) { /* later copies of these bytes reuse this record */
        char *j = cJSON_PrintUnformatted(rec);
        if (j) {
            size_t l = strlen(j);
            c->first_json[i] = bl_xmalloc(l + 1);
            memcpy(c->first_json[i], j, l + 1);
            cJSON_free(j);
        }
    }
    cJSON_free(owned);
    cJSON_Delete(rec);
}

static char *sha256_file(const char *path)
{
    gchar *data = NULL;
    gsize len = 0;
    if (!g_file_get_contents(path, &data, &len, NULL))
        return NULL;
    gchar *hex = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, len);
    g_free(data);
    char *out = NULL;
    if (hex) {
        out = bl_xmalloc(strlen(hex) + 1);
        memcpy(out, hex, strlen(hex) + 1);
        g_free(hex);
    }
    return out;
}

static void read_list(paths *p, const char *from, batch_ctx *c)
{
    FILE *f = strcmp(from, "-") == 0 ? stdin : fopen(from, "r");
    if (!f) {
        fprintf(stderr, "budgetlint: error: cannot open '%s': %s\n", from, strerror(errno));
        exit(EXIT_TROUBLE);
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) > 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n > 0)
            add_input(p, line);
    }
    free(line);
    if (f != stdin)
        fclose(f);
    (void)c;
}

static int cmd_check(options *o)
{
    batch_ctx c = {0};
    c.o = o;
    for (int i = 0; i < o->nfiles; i++)
        add_input(&c.in, o->files[i]);
    if (o->files_from)
        read_list(&c.in, o->files_from, &c);
    if (c.in.n == 0 && !o->files_from)
        die_usage("%s", "no input files (give FILE..., DIR..., or - for stdin)");
    size_t stdin_uses = 0;
    for (size_t i = 0; i < c.in.n; i++)
        stdin_uses += strcmp(c.in.v[i], "-") == 0;
    if (stdin_uses > 1 || (stdin_uses && o->files_from && strcmp(o->files_from, "-") == 0))
        die_usage("%s", "stdin ('-') can be read only once");
    if (o->shard_n > 1) { /* a deterministic share: by a hash of the path, so lists may grow */
        size_t w = 0;
        for (size_t i = 0; i < c.in.n; i++) {
            if (fnv1a(c.in.v[i]) % (uint32_t)o->shard_n == (uint32_t)(o->shard_k - 1))
                c.in.v[w++] = c.in.v[i];
            else
                free(c.in.v[i]);
        }
        c.in.n = w;
    }
    size_t n = c.in.n;
    c.sha = calloc(n + 1, sizeof *c.sha);
    c.dup_of = calloc(n + 1, sizeof *c.dup_of);
    c.stored = calloc(n + 1, sizeof *c.stored);
    c.first_json = calloc(n + 1, sizeof *c.first_json);
    c.has_dups = calloc(n + 1, sizeof *c.has_dups);
    if (!c.sha || !c.dup_of || !c.stored || !c.first_json || !c.has_dups) {
        fputs("budgetlint: error: out of memory\n", stderr);
        return EXIT_INTERNAL;
    }
    if (stdin_uses) {
        bl_buf b = BL_BUF_INIT;
        char chunk[65536];
        size_t r;
        while ((r = fread(chunk, 1, sizeof chunk, stdin)) > 0)
            bl_buf_add(&b, chunk, r);
        c.stdin_data = b.data ? b.data : bl_xmalloc(1);
        c.stdin_len = b.len;
    }
    if (o->annotate_dir && mkdir(o->annotate_dir, 0777) < 0 && errno != EEXIST) {
        fprintf(stderr, "budgetlint: error: cannot create '%s': %s\n", o->annotate_dir, strerror(errno));
        return EXIT_TROUBLE;
    }
    if (o->db) {
        char err[300];
        c.store = bl_store_open(o->db, err, sizeof err);
        if (!c.store) {
            fprintf(stderr, "budgetlint: error: '%s': %s\n", o->db, err);
            return EXIT_TROUBLE;
        }
    }
    /* same bytes under two names are checked once; with --db, stored files are not checked again */
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t i = 0; i < n; i++) {
        c.dup_of[i] = SIZE_MAX;
        if (n > 1 || c.store) {
            if (strcmp(c.in.v[i], "-") == 0) {
                gchar *hex = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)c.stdin_data, c.stdin_len);
                c.sha[i] = bl_xmalloc(strlen(hex) + 1);
                memcpy(c.sha[i], hex, strlen(hex) + 1);
                g_free(hex);
            } else {
                c.sha[i] = sha256_file(c.in.v[i]);
            }
        }
        if (!c.sha[i])
            continue;
        gpointer first;
        if (g_hash_table_lookup_extended(seen, c.sha[i], NULL, &first)) {
            c.dup_of[i] = (size_t)(uintptr_t)first;
            c.has_dups[c.dup_of[i]] = true;
            continue;
        }
        g_hash_table_insert(seen, c.sha[i], (gpointer)(uintptr_t)i);
        if (c.store && !o->force)
            c.stored[i] = bl_store_lookup(c.store, c.sha[i], BL_VERSION);
    }
    g_hash_table_destroy(seen);

    c.show_progress = !o->quiet && (o->progress || isatty(STDERR_FILENO));
    if (o->format == FMT_SARIF)
        c.sarif = bl_sarif_new(BL_VERSION);
    c.started = now_s();
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    size_t *cost = calloc(n + 1, sizeof *cost);
    for (size_t i = 0; cost && i < n; i++) {
        struct stat st;
        cost[i] = strcmp(c.in.v[i], "-") != 0 && stat(c.in.v[i], &st) == 0 ? (size_t)st.st_size : 0;
    }
    bl_batch b = {0};
    b.cost = cost;
    b.jobs = o->jobs;
    b.timeout_s = o->timeout_s;
    b.mem_limit_mb = (size_t)o->max_memory_mb;
    b.ctx = &c;
    b.work = work;
    b.done = done;
    b.tick = tick;
    b.skip = skip;
    b.stop = &interrupted;
    size_t delivered = bl_batch_run(&b, n);
    free(cost);
    clear_progress(&c);
    if (o->format == FMT_TEXT) {
        char sum[160];
        bl_counts_format(delivered, c.total, sum, sizeof sum);
        if (c.nerr)
            printf("%s; %d could not be checked\n", sum, c.nerr);
        else
            printf("%s\n", sum);
    }
    if (c.sarif)
        bl_sarif_finish(c.sarif, stdout);
    int out_rc = finish_output();
    if (c.show_progress || interrupted || o->stats)
        fprintf(stderr, "budgetlint: %zu of %zu files in %.3f s (%ld pages), %d unreadable; largest worker %ld KB\n",
                delivered, n, now_s() - c.started, c.pages, c.nerr, b.max_rss_kb);
    bl_store_close(c.store);
    for (size_t i = 0; i < n; i++) {
        free(c.in.v[i]);
        free(c.sha[i]);
        free(c.stored[i]);
        free(c.first_json[i]);
    }
    free(c.in.v);
    free(c.sha);
    free(c.dup_of);
    free(c.stored);
    free(c.first_json);
    free(c.has_dups);
    free(c.stdin_data);
    if (interrupted) {
        fprintf(stderr, "budgetlint: interrupted: %zu of %zu files checked; the rest were not\n", delivered, n);
        return EXIT_INTERRUPTED;
    }
    if (out_rc < 0)
        return EXIT_TROUBLE;
    return c.trouble ? EXIT_TROUBLE : c.failing ? EXIT_FINDINGS : EXIT_CLEAN;
}

static int cmd_report(int argc, char **argv)
{
    const char *db = NULL, *xlsx = NULL, *csv = NULL, *html = NULL;
    for (int i = 2; i < argc; i++) {
        const char **dst = strcmp(argv[i], "--db") == 0     ? &db
                           : strcmp(argv[i], "--xlsx") == 0 ? &xlsx
                           : strcmp(argv[i], "--csv") == 0  ? &csv
                           : strcmp(argv[i], "--html") == 0 ? &html
                                                            : NULL;
        if (!dst)
            die_usage("unknown report option '%s'", argv[i]);
        if (i + 1 >= argc)
            die_usage("option '%s' needs a value", argv[i]);
        *dst = argv[++i];
    }
    if (!db || (!xlsx && !csv && !html))
        die_usage("%s", "report needs --db FILE and at least one of --xlsx, --csv, --html");
    if (access(db, R_OK) != 0) {
        fprintf(stderr, "budgetlint: error: cannot open '%s': %s\n", db, strerror(errno));
        return EXIT_TROUBLE;
    }
    char err[300];
    bl_store *s = bl_store_open(db, err, sizeof err);
    if (!s) {
        fprintf(stderr, "budgetlint: error: '%s': %s\n", db, err);
        return EXIT_TROUBLE;
    }
    int rc = EXIT_CLEAN;
    if ((xlsx && bl_report_xlsx(s, xlsx, err, sizeof err) < 0) || (csv && bl_report_csv(s, csv, err, sizeof err) < 0) ||
        (html && bl_report_html(s, html, err, sizeof err) < 0)) {
        fprintf(stderr, "budgetlint: error: %s\n", err);
        rc = EXIT_TROUBLE;
    }
    bl_store_close(s);
    return rc;
}

static int cmd_merge(int argc, char **argv)
{
    if (argc < 4)
        die_usage("%s", "merge takes OUT.sqlite and at least one IN.sqlite");
    char err[300];
    bl_store *out = bl_store_open(argv[2], err, sizeof err);
    if (!out) {
        fprintf(stderr, "budgetlint: error: '%s': %s\n", argv[2], err);
        return EXIT_TROUBLE;
    }
    int rc = EXIT_CLEAN;
    for (int i = 3; i < argc; i++) {
        long added;
        if (bl_store_merge(out, argv[i], &added, err, sizeof err) < 0) {
            fprintf(stderr, "budgetlint: error: %s\n", err);
            rc = EXIT_TROUBLE;
        } else {
            fprintf(stderr, "budgetlint: merged %ld report%s from '%s'\n", added, added == 1 ? "" : "s", argv[i]);
        }
    }
    bl_store_close(out);
    return rc;
}

static int cmd_extract(options *o)
{
    if (o->nfiles != 1)
        die_usage("%s", "extract takes exactly one FILE");
    bl_doc *d = check_one(o->files[0], o, false);
    int rc = EXIT_CLEAN;
    if (d->err.cls != BL_OK) {
        report_error(d);
        rc = EXIT_TROUBLE;
    } else {
        if (o->tables)
            bl_emit_tables(d, stdout);
        else
            bl_emit_normalized(d, stdout);
    }
    bl_doc_free(d);
    if (finish_output() < 0)
        return EXIT_TROUBLE;
    return rc;
}

/* One line per number: page:line, kind, value, unit (measure), tags, text. */
static int cmd_numbers(options *o)
{
    if (o->nfiles != 1)
        die_usage("%s", "numbers takes exactly one FILE");
    bl_doc *d = check_one(o->files[0], o, false);
    int rc = EXIT_CLEAN;
    if (d->err.cls != BL_OK) {
        report_error(d);
        rc = EXIT_TROUBLE;
    } else {
        bl_quantity *q;
        size_t n = bl_quantities(d, &q);
        for (size_t i = 0; i < n; i++) {
            int page, line;
            char v[64], tags[160];
            bl_doc_locate(d, q[i].num_start, &page, &line);
            printf("%d:%d\t%s\t%s\t%s\t%s\t%.*s\n", page, line, bl_qkind_name(q[i].kind),
                   (q[i].tags & BL_QT_DAMAGED) ? "?" : bl_dec_format(q[i].value, v, sizeof v),
                   q[i].unit == BL_QU_MEASURE ? q[i].measure : bl_qunit_name(q[i].unit),
                   bl_qtags_format(q[i].tags, tags, sizeof tags), (int)(q[i].end - q[i].start),
                   d->text + q[i].start);
        }
    }
    bl_doc_free(d);
    if (finish_output() < 0)
        return EXIT_TROUBLE;
    return rc;
}

static int cmd_rules(void)
{
    size_t n;
    const bl_rule *r = bl_rules(&n);
    int w = 0; /* the id column as wide as the longest id */
    for (size_t i = 0; i < n; i++)
        w = (int)strlen(r[i].id) > w ? (int)strlen(r[i].id) : w;
    for (size_t i = 0; i < n; i++)
        printf("%-*s %-8s %s\n", w, r[i].id, bl_severity_name(r[i].severity), r[i].title);
    return finish_output() < 0 ? EXIT_TROUBLE : EXIT_CLEAN;
}

static int cmd_explain(int argc, char **argv)
{
    if (argc != 3)
        die_usage("%s", "explain takes exactly one RULE (see 'budgetlint rules')");
    const bl_rule *r = bl_rule_find(argv[2]);
    const char *doc = r ? bl_rule_doc(r->id) : NULL;
    if (!r || !doc)
        die_usage("unknown rule '%s' (see 'budgetlint rules')", argv[2]);
    fputs(doc, stdout);
    return finish_output() < 0 ? EXIT_TROUBLE : EXIT_CLEAN;
}

int main(int argc, char **argv)
{
    bl_keep_freed_memory();
    if (argc < 2) {
        fputs(usage, stderr);
        return EXIT_TROUBLE;
    }
    const char *cmd = argv[1];
    int rc;
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage, stdout);
        rc = finish_output() < 0 ? EXIT_TROUBLE : EXIT_CLEAN;
    } else if (strcmp(cmd, "--version") == 0) {
        printf("budgetlint %s\n", BL_VERSION);
        rc = finish_output() < 0 ? EXIT_TROUBLE : EXIT_CLEAN;
    } else if (strcmp(cmd, "rules") == 0) {
        rc = cmd_rules();
    } else if (strcmp(cmd, "report") == 0) {
        rc = cmd_report(argc, argv);
    } else if (strcmp(cmd, "merge") == 0) {
        rc = cmd_merge(argc, argv);
    } else if (strcmp(cmd, "explain") == 0) {
        rc = cmd_explain(argc, argv);
    } else if (strcmp(cmd, "check") == 0 || strcmp(cmd, "extract") == 0 || strcmp(cmd, "numbers") == 0) {
        options o = {0};
        parse_options(argc, argv, 2, &o);
        rc = cmd[1] == 'h' ? cmd_check(&o) : cmd[0] == 'e' ? cmd_extract(&o) : cmd_numbers(&o);
        free(o.files);
    } else {
        die_usage("unknown command '%s'", cmd);
        rc = EXIT_TROUBLE;
    }
    bl_parse_cleanup();
    bl_normalize_cleanup();
    return rc;
}
