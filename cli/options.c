/*
 * options.c - the options of check, extract and numbers, and budgetlint.json.
 */
#include "cli.h"

#include "../core/banned.h"

static long number_arg(const char *opt, const char *val, long min, long max)
{
    char *end;
    long v = strtol(val, &end, 10);
    if (!*val || *end || v < min || v > max)
        die_usage("bad value for an option: '%s'", val);
    (void)opt;
    return v;
}

/* The options check, extract and numbers know (for "did you mean"). */
static const char *const known_options[] = {
    "--format", "--fail-on", "--password", "--password-file", "--encoding", "--ocr", "--jobs", "--color", "--stats",
    "--timeout", "--max-memory", "--db", "--profile", "--config", "--output", "--baseline", "--write-baseline",
    "--tables", "--annotate", "--files-from", "--shard", "--force", "--quiet", "--progress", "--help"};

/* Edit distance, capped (the options are short) */
static size_t distance(const char *a, size_t na, const char *b)
{
    size_t nb = strlen(b), row[64];
    if (na >= 63 || nb >= 63)
        return 99;
    for (size_t j = 0; j <= nb; j++)
        row[j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t prev = row[0];
        row[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t cur = row[j];
            size_t sub = prev + (a[i - 1] != b[j - 1]);
            size_t del = row[j] + 1, ins = row[j - 1] + 1;
            row[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
            prev = cur;
        }
    }
    return row[nb];
}

/* The known option nearest a mistyped one (within two edits, or one it begins), or NULL */
const char *nearest_option(const char *a, size_t n)
{
    const char *best = NULL;
    size_t bd = 3;
    for (size_t k = 0; k < sizeof known_options / sizeof *known_options; k++) {
        size_t d = distance(a, n, known_options[k]);
        if (n >= 4 && strncmp(known_options[k], a, n) == 0)
            d = 1; /* a prefix: --form for --format */
        if (d < bd)
            bd = d, best = known_options[k];
    }
    return best;
}

/* The first budgetlint.json from dir up to the root, into found; false when none. */
bool find_config(const char *start_dir, char *found, size_t size)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", start_dir);
    for (;;) {
        snprintf(found, size, "%s/budgetlint.json", strcmp(dir, "/") == 0 ? "" : dir);
        if (access(found, R_OK) == 0)
            return true;
        char *slash = strrchr(dir, '/');
        if (!slash || slash == dir) {
            if (strcmp(dir, "/") == 0 || !slash)
                return false;
            dir[1] = '\0';
            continue;
        }
        *slash = '\0';
    }
}

gchar *read_whole_or_exit(const char *path, gsize *len)
{
    gchar *text = NULL;
    GError *ge = NULL;
    if (!g_file_get_contents(path, &text, len, &ge)) {
        fprintf(stderr, _("budgetlint: error: cannot read '%s': %s\n"), path, ge ? ge->message : "?");
        exit(EXIT_TROUBLE);
    }
    return text;
}

/* Parse the budgetlint.json at path into cfg (initialised first); exits 2 with one line on a bad file. */
void read_config(const char *path, bl_config *cfg)
{
    bl_config_init(cfg);
    gsize len = 0;
    gchar *text = read_whole_or_exit(path, &len);
    int line = 1;
    char msg[300];
    if (bl_config_parse(cfg, text, len, &line, msg, sizeof msg)) {
        fprintf(stderr, _("budgetlint: error: '%s': line %d: %s\n"), path, line, msg);
        exit(EXIT_TROUBLE);
    }
    g_free(text);
}

/* budgetlint.json: --config FILE, else the first found from here up to the root */
void load_config(options *o)
{
    bl_config_init(&o->cfg);
    char found[4200] = "", cwd[4096];
    const char *path = o->config_path;
    if (!path && getcwd(cwd, sizeof cwd) && find_config(cwd, found, sizeof found))
        path = found;
    if (path) {
        read_config(path, &o->cfg);
        snprintf(o->config_found, sizeof o->config_found, "%s", path);
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

void parse_options(int argc, char **argv, int start, options *o)
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
    const char *used[64]; /* the options given, to refuse those that do not apply */
    size_t nused = 0;
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
            else if (strcmp(val, "github") == 0)
                o->format = FMT_GITHUB;
            else if (strcmp(val, "gitlab") == 0)
                o->format = FMT_GITLAB;
            else
                die_usage("unknown format '%s' (use text, json, jsonl, sarif, github or gitlab)", val);
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
        } else if (OPT("--password-file")) {
            VALUE();
            o->password_file = val;
        } else if (OPT("--encoding")) {
            VALUE();
            o->ex.encoding = val;
        } else if (OPT("--ocr")) {
            VALUE();
            if (strcmp(val, "auto") == 0)
                o->ex.ocr = BL_OCR_AUTO;
            else if (strcmp(val, "always") == 0)
                o->ex.ocr = BL_OCR_ALWAYS;
            else if (strcmp(val, "never") == 0)
                o->ex.ocr = BL_OCR_NEVER;
            else
                die_usage("unknown --ocr '%s' (use auto, always or never)", val);
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
        } else if (OPT("--output") || OPT("-o")) {
            VALUE();
            o->output = val;
        } else if (OPT("--baseline")) {
            VALUE();
            o->baseline = val;
        } else if (OPT("--write-baseline")) {
            VALUE();
            o->write_baseline = val;
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
        } else if (OPT("--help") || OPT("-h")) {
            command_help(argv[start - 1]);
            exit(finish_output() < 0 ? EXIT_TROUBLE : EXIT_CLEAN);
        } else {
            char msg[200];
            const char *near = nearest_option(a, nl);
            if (near)
                snprintf(msg, sizeof msg, _("unknown option '%.*s' (did you mean %s?)"), (int)nl, a, near);
            else
                snprintf(msg, sizeof msg, _("unknown option '%.*s'"), (int)nl, a);
            die_usage_text(msg);
        }
#undef OPT
#undef VALUE
        used[nused < 64 ? nused++ : 63] = a;
    }
    /* options of a batch and its outputs mean nothing to extract and numbers: refused, not ignored */
    if (strcmp(argv[start - 1], "check") != 0) {
        static const char *const check_only[] = {"--db", "--annotate", "--files-from", "--shard", "--baseline",
                                                 "--write-baseline", "--output", "-o", "--format", "--fail-on",
                                                 "--jobs", "-j", "--timeout", "--max-memory", "--force",
                                                 "--progress", "--stats", "--color"};
        for (size_t u = 0; u < nused; u++)
            for (size_t k = 0; k < sizeof check_only / sizeof *check_only; k++) {
                size_t ln = strcspn(used[u], "=");
                if (ln == strlen(check_only[k]) && strncmp(used[u], check_only[k], ln) == 0) {
                    char msg[160];
                    snprintf(msg, sizeof msg, _("'%s' applies to 'budgetlint check' only, not to '%s'"), check_only[k],
                             argv[start - 1]);
                    die_usage_text(msg);
                }
            }
    }
    if (!o->format_set)
        o->format = FMT_TEXT; /* on a terminal and off it (as linters do); JSON by name */
    /* a password off the command line (ps shows every argument to every user): a file's
     * first line, or BUDGETLINT_PASSWORD; --password still wins */
    if (!o->ex.password && o->password_file) {
        gchar *pw = NULL;
        GError *ge = NULL;
        if (!g_file_get_contents(o->password_file, &pw, NULL, &ge)) {
            fprintf(stderr, _("budgetlint: error: cannot read '%s': %s\n"), o->password_file, ge ? ge->message : "?");
            exit(EXIT_TROUBLE);
        }
        pw[strcspn(pw, "\r\n")] = '\0';
        o->ex.password = pw; /* lives as long as the run */
    }
    if (!o->ex.password && getenv("BUDGETLINT_PASSWORD") && *getenv("BUDGETLINT_PASSWORD"))
        o->ex.password = getenv("BUDGETLINT_PASSWORD");
    load_config(o);
    /* colour: --color always/never, else on a terminal unless NO_COLOR is set (no-color.org) */
    const char *nc = getenv("NO_COLOR");
    o->color = o->color_opt && strcmp(o->color_opt, "always") == 0 ? true
               : o->color_opt && strcmp(o->color_opt, "never") == 0 ? false
                                                                     : isatty(STDOUT_FILENO) && !(nc && *nc);
}
