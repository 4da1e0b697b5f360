/*
 * options.c - the options of check, extract and numbers, and budgetlint.json.
 */
#include "cli.h"

#include "../core/banned.h"

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

/* ---- the command line of check, extract and numbers: GLib's GOptionContext ----------- */

#define BL_USAGE_ERROR g_quark_from_static_string("budgetlint-usage")

static gboolean bad_value(GError **error, const char *fmt, const char *val)
{
    g_set_error(error, BL_USAGE_ERROR, 0, _(fmt), val);
    return FALSE;
}

static gboolean number_value(const char *val, long min, long max, long *out, GError **error)
{
    char *end;
    long v = strtol(val, &end, 10);
    if (!*val || *end || v < min || v > max)
        return bad_value(error, N_("bad value for an option: '%s'"), val);
    *out = v;
    return TRUE;
}

/* A value kept for the run (GOption frees the argument it came from) */
static const char *keep(options *o, const char *val)
{
    if (!o->owned)
        o->owned = g_ptr_array_new_with_free_func(g_free);
    char *v = g_strdup(val);
    g_ptr_array_add(o->owned, v);
    return v;
}

/* One option's value into o (GOption has split the argument: --format json, --format=json) */
static gboolean take(const gchar *name, const gchar *val, gpointer data, GError **error)
{
    options *o = data;
    const char *n = name + (name[1] == '-' ? 2 : 1); /* "--format" -> "format", "-j" -> "j" */
    long v;
#define IS(x) (strcmp(n, x) == 0)
    if (IS("format")) {
        static const char *const names[] = {"text", "json", "jsonl", "sarif", "github", "gitlab"};
        static const enum format fmts[] = {FMT_TEXT, FMT_JSON, FMT_JSONL, FMT_SARIF, FMT_GITHUB, FMT_GITLAB};
        for (size_t k = 0; k < sizeof names / sizeof *names; k++)
            if (strcmp(val, names[k]) == 0) {
                o->format = fmts[k];
                o->format_set = true;
                return TRUE;
            }
        return bad_value(error, N_("unknown format '%s' (use text, json, jsonl, sarif, github or gitlab)"), val);
    } else if (IS("fail-on")) {
        o->fail_on_set = true;
        o->fail_on = strcmp(val, "error") == 0     ? BL_SEV_ERROR
                     : strcmp(val, "warning") == 0 ? BL_SEV_WARNING
                     : strcmp(val, "info") == 0    ? BL_SEV_INFO
                     : strcmp(val, "none") == 0    ? 3
                                                   : -1;
        if (o->fail_on < 0)
            return bad_value(error, N_("unknown severity '%s' (use error, warning, info or none)"), val);
    } else if (IS("ocr")) {
        o->ex.ocr = strcmp(val, "auto") == 0     ? BL_OCR_AUTO
                    : strcmp(val, "always") == 0 ? BL_OCR_ALWAYS
                    : strcmp(val, "never") == 0  ? BL_OCR_NEVER
                                                 : -1;
        if ((int)o->ex.ocr < 0)
            return bad_value(error, N_("unknown --ocr '%s' (use auto, always or never)"), val);
    } else if (IS("color")) {
        if (strcmp(val, "auto") != 0 && strcmp(val, "always") != 0 && strcmp(val, "never") != 0)
            return bad_value(error, N_("unknown --color '%s' (use auto, always or never)"), val);
        o->color_opt = keep(o, val);
    } else if (IS("jobs") || IS("j")) {
        if (!number_value(val, 0, 256, &v, error))
            return FALSE;
        o->jobs = (int)v;
    } else if (IS("timeout")) {
        if (!number_value(val, 0, 86400, &v, error))
            return FALSE;
        o->timeout_s = (int)v;
    } else if (IS("max-memory")) {
        if (!number_value(val, 0, 1 << 20, &v, error))
            return FALSE;
        o->max_memory_mb = v;
    } else if (IS("shard")) {
        int k, m;
        char extra;
        if (sscanf(val, "%d/%d%c", &k, &m, &extra) != 2 || m < 1 || k < 1 || k > m)
            return bad_value(error, N_("bad --shard '%s' (use K/N with 1 <= K <= N)"), val);
        o->shard_k = k, o->shard_n = m;
    } else if (IS("password")) {
        o->ex.password = keep(o, val);
    } else if (IS("password-file")) {
        o->password_file = keep(o, val);
    } else if (IS("encoding")) {
        o->ex.encoding = keep(o, val);
    } else if (IS("db")) {
        o->db = keep(o, val);
    } else if (IS("profile")) {
        o->profile_name = keep(o, val);
    } else if (IS("config")) {
        o->config_path = keep(o, val);
    } else if (IS("output") || IS("o")) {
        o->output = keep(o, val);
    } else if (IS("baseline")) {
        o->baseline = keep(o, val);
    } else if (IS("write-baseline")) {
        o->write_baseline = keep(o, val);
    } else if (IS("annotate")) {
        o->annotate_dir = keep(o, val);
    } else if (IS("files-from")) {
        o->files_from = keep(o, val);
    } else if (IS("tables")) {
        o->tables = true;
    } else if (IS("stats")) {
        o->stats = true;
    } else if (IS("force")) {
        o->force = true;
    } else if (IS("quiet") || IS("q")) {
        o->quiet = true;
    } else if (IS("progress")) {
        o->progress = true;
    } else if (IS("help") || IS("h")) {
        o->help = true;
    }
#undef IS
    return TRUE;
}

/* every option goes to take(): its arg_data is set when a group is made (add_entries) */
#define ARG(long_name, short_name, desc, arg_desc)                                                           \
    {long_name, short_name, 0, G_OPTION_ARG_CALLBACK, NULL, desc, arg_desc}
#define FLAG(long_name, short_name, desc)                                                                    \
    {long_name, short_name, G_OPTION_FLAG_NO_ARG, G_OPTION_ARG_CALLBACK, NULL, desc, NULL}

/* Reading a document: check, extract and numbers */
static const GOptionEntry reading[] = {
    ARG("password", 0, N_("password for encrypted PDFs (visible in ps: prefer the next two)"), N_("PW")),
    ARG("password-file", 0, N_("the password is the file's first line (or BUDGETLINT_PASSWORD)"),
        N_("FILE")),
    ARG("encoding", 0, N_("encoding of text input (default: UTF-8, else GB18030)"), N_("ENC")),
    ARG("ocr", 0, N_("OCR PDF pages without a usable text layer (default auto)"), "auto|always|never"),
    ARG("profile", 0, N_("regional rules: national (default), sichuan, guizhou, chongqing, guangzhou"), N_("NAME")),
    ARG("config", 0, N_("settings (default: budgetlint.json in the input's folder or above; docs/config.md)"),
        N_("FILE")),
    FLAG("help", 'h', N_("show this help")),
    G_OPTION_ENTRY_NULL};

/* check's outputs */
static const GOptionEntry outputs[] = {
    ARG("format", 0, N_("text (default), json (an array of records), jsonl (a record a line), sarif, "
                        "github (workflow commands) or gitlab (Code Quality)"),
        N_("FORMAT")),
    ARG("output", 'o', N_("write the output to FILE (whole, or not at all), not stdout"), N_("FILE")),
    ARG("fail-on", 0, N_("exit 1 on a finding at or above error (default), warning or info; none: never"),
        N_("SEVERITY")),
    ARG("write-baseline", 0, N_("record this run's findings (their fingerprints) in FILE"), N_("FILE")),
    ARG("baseline", 0, N_("leave out the findings recorded in FILE: only new ones count"), N_("FILE")),
    ARG("color", 0, N_("colour the text format (auto: on a terminal, unless NO_COLOR)"), "auto|always|never"),
    G_OPTION_ENTRY_NULL};

/* check's batches */
static const GOptionEntry batches[] = {
    ARG("jobs", 'j', N_("worker processes, a file each (default: the cores; 0: in this process)"),
        "N"),
    ARG("timeout", 0, N_("per file (default 60); a file over it gets code timeout"), N_("SECONDS")),
    ARG("max-memory", 0, N_("per worker (default 2048); over it: code out-of-memory"), "MB"),
    ARG("annotate", 0, N_("a copy of each PDF (DOCX) in DIR, its findings highlighted (Word comments)"),
        N_("DIR")),
    ARG("files-from", 0, N_("read more input paths, one a line (- for stdin)"), N_("FILE")),
    ARG("db", 0, N_("store results (docs/store.md); files stored before are not checked again"),
        "FILE.sqlite"),
    FLAG("force", 0, N_("check files already in the store again")),
    ARG("shard", 0, N_("check only this share of the inputs (K in 1..N)"), "K/N"),
    FLAG("progress", 0, N_("show progress on stderr (default: on a terminal)")),
    FLAG("quiet", 'q', N_("no progress")),
    FLAG("stats", 0, N_("a closing line on stderr: files, pages, seconds, largest worker")),
    G_OPTION_ENTRY_NULL};

static const GOptionEntry extract_only[] = {FLAG("tables", 0, N_("print the tables found: rows, cells, columns")),
                                            G_OPTION_ENTRY_NULL};

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

/* The long name of the option in lists nearest a mistyped one (within two edits, or one it begins), or NULL */
static const char *nearest_in(const GOptionEntry *const *lists, size_t nlists, const char *a, size_t n)
{
    const char *best = NULL;
    size_t bd = 3;
    for (size_t l = 0; l < nlists; l++)
        for (const GOptionEntry *e = lists[l]; e->long_name; e++) {
            char name[40];
            snprintf(name, sizeof name, "--%s", e->long_name);
            size_t d = n >= 4 && strncmp(name, a, n) == 0 ? 1 : distance(a, n, name); /* a prefix: --form */
            if (d < bd)
                bd = d, best = e->long_name;
        }
    return best;
}

/* A usage error for the unknown option a[0..n), naming the nearest of lists' */
G_NORETURN static void die_unknown(const GOptionEntry *const *lists, size_t nlists, const char *a, size_t n)
{
    char msg[240];
    const char *near = nearest_in(lists, nlists, a, n);
    if (near)
        snprintf(msg, sizeof msg, _("unknown option '%.*s' (did you mean --%s?)"), (int)n, a, near);
    else
        snprintf(msg, sizeof msg, _("unknown option '%.*s'"), (int)n, a);
    die_usage_text(msg);
}

static bool in_entries(const GOptionEntry *e, const char *a, size_t n)
{
    for (; e->long_name; e++)
        if ((a[1] == '-' && n - 2 == strlen(e->long_name) && strncmp(a + 2, e->long_name, n - 2) == 0) ||
            (a[1] != '-' && e->short_name && a[1] == e->short_name))
            return true;
    return false;
}

/* The first argument that names no option of this command (GOption says only "unknown") */
static void unknown_option(char **argv, int argc, int start, const char *cmd)
{
    bool check = strcmp(cmd, "check") == 0;
    for (int i = start; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0)
            break;
        if (a[0] != '-' || !a[1])
            continue;
        size_t n = strcspn(a, "=");
        bool here = in_entries(reading, a, n) || (check && (in_entries(outputs, a, n) || in_entries(batches, a, n))) ||
                    (strcmp(cmd, "extract") == 0 && in_entries(extract_only, a, n));
        if (here)
            continue;
        if (!check && (in_entries(outputs, a, n) || in_entries(batches, a, n))) {
            char msg[240];
            snprintf(msg, sizeof msg, _("'%.*s' applies to 'budgetlint check' only, not to '%s'"), (int)n, a, cmd);
            die_usage_text(msg);
        }
        const GOptionEntry *const lists[] = {reading, outputs, batches, extract_only};
        die_unknown(lists, sizeof lists / sizeof *lists, a, n);
    }
}

/* The entries into group, each calling take() (a function pointer in GOption's gpointer) */
static void add_entries(GOptionGroup *group, const GOptionEntry *tmpl)
{
    size_t n = 0;
    while (tmpl[n].long_name)
        n++;
    GOptionEntry *e = g_new0(GOptionEntry, n + 1);
    GOptionArgFunc fn = take;
    for (size_t k = 0; k < n; k++) {
        e[k] = tmpl[k];
        memcpy(&e[k].arg_data, &fn, sizeof fn); /* ISO C has no cast between the two */
    }
    g_option_group_add_entries(group, e); /* copied */
    g_free(e);
}

static GOptionContext *command_context(const char *cmd, options *o)
{
    bool check = strcmp(cmd, "check") == 0;
    GOptionContext *ctx = g_option_context_new(check ? _("FILE|DIR...") : _("FILE"));
    g_option_context_set_translation_domain(ctx, "budgetlint");
    g_option_context_set_help_enabled(ctx, FALSE); /* our --help: every group, one exit path */
    g_option_context_set_summary(ctx, check ? _("Check reports (PDF, DOCX, OFD, text; - for stdin; in a folder each "
                                                ".pdf .docx .ofd .txt).")
                                      : strcmp(cmd, "extract") == 0
                                          ? _("Print the normalized text with page:line (--tables: the tables' rows "
                                              "and cells).")
                                          : _("Print every number read: page:line, kind, value, unit, tags."));
    GOptionGroup *main_group = g_option_group_new(cmd, "", "", o, NULL);
    add_entries(main_group, reading);
    if (strcmp(cmd, "extract") == 0)
        add_entries(main_group, extract_only);
    g_option_context_set_main_group(ctx, main_group);
    if (check) {
        GOptionGroup *out = g_option_group_new("outputs", _("Outputs:"), _("Show the output options"), o, NULL);
        add_entries(out, outputs);
        g_option_group_set_translation_domain(out, "budgetlint");
        g_option_context_add_group(ctx, out);
        GOptionGroup *bat = g_option_group_new("batch", _("Batches:"), _("Show the batch options"), o, NULL);
        add_entries(bat, batches);
        g_option_group_set_translation_domain(bat, "budgetlint");
        g_option_context_add_group(ctx, bat);
        g_option_context_set_description(ctx, _("Exit status: 0 no finding at or above --fail-on; 1 such findings; "
                                                "2 usage error or an input that could not be checked; 4 internal "
                                                "error; 130 interrupted (Ctrl-C).\n"
                                                "JSON output: schema budgetlint/1, documented in docs/output.md."));
    } else {
        g_option_context_set_description(ctx, _("The options of a batch and its outputs (--db, --format, -j, ...) "
                                                "belong to 'budgetlint check'."));
    }
    return ctx;
}

/*
 * The options of a small command (rules, explain, report, merge): entries whose
 * arg_data points at the caller's variables; --help prints the command's help and
 * exits 0; a mistyped option names the nearest of the command's own. The arguments
 * that are not options come back (g_strfreev them); strings GOption stored are the
 * caller's to g_free.
 */
gchar **parse_command(int argc, char **argv, const char *params, const char *summary, GOptionEntry *entries)
{
    gchar *prg = g_strdup_printf("budgetlint %s", argv[1]);
    g_set_prgname(prg);
    g_free(prg);
    gboolean help = FALSE;
    GOptionContext *ctx = g_option_context_new(params);
    g_option_context_set_translation_domain(ctx, "budgetlint");
    g_option_context_set_help_enabled(ctx, FALSE);
    g_option_context_set_summary(ctx, summary);
    g_option_context_add_main_entries(ctx, entries, "budgetlint");
    const GOptionEntry help_entry[] = {{"help", 'h', 0, G_OPTION_ARG_NONE, &help, N_("show this help"), NULL},
                                       G_OPTION_ENTRY_NULL};
    g_option_context_add_main_entries(ctx, help_entry, "budgetlint");
    gchar **args = g_new0(gchar *, (size_t)argc);
    for (int i = 1; i < argc; i++)
        args[i - 1] = g_strdup(argv[i]);
    GError *ge = NULL;
    if (!g_option_context_parse_strv(ctx, &args, &ge)) {
        for (int i = 2; g_error_matches(ge, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION) && i < argc; i++) {
            const char *a = argv[i];
            size_t n = strcspn(a, "=");
            if (strcmp(a, "--") == 0)
                break;
            if (a[0] != '-' || !a[1] || in_entries(entries, a, n) || in_entries(help_entry, a, n))
                continue;
            const GOptionEntry *const lists[] = {entries};
            die_unknown(lists, 1, a, n);
        }
        if (g_error_matches(ge, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE) && argv[argc - 1][0] == '-')
            die_usage("option '%s' needs a value", argv[argc - 1]);
        die_usage_text(ge ? ge->message : _("cannot read the options"));
    }
    if (help) {
        gchar *text = g_option_context_get_help(ctx, TRUE, NULL);
        fputs(text, stdout);
        g_free(text);
        exit(finish_output() < 0 ? EXIT_TROUBLE : EXIT_CLEAN);
    }
    g_option_context_free(ctx);
    /* args[0] is the command; the rest are the command's arguments ("--" dropped) */
    gchar **rest = g_new0(gchar *, (size_t)argc);
    size_t k = 0;
    for (gchar **a = args + 1; *a; a++)
        if (strcmp(*a, "--") != 0)
            rest[k++] = g_strdup(*a);
    g_strfreev(args);
    return rest;
}

void command_help(const char *cmd)
{
    options o;
    memset(&o, 0, sizeof o);
    GOptionContext *ctx = command_context(cmd, &o);
    gchar *prg = g_strdup_printf("budgetlint %s", cmd); /* the usage line's program */
    g_set_prgname(prg);
    g_free(prg);
    gchar *help = g_option_context_get_help(ctx, FALSE, NULL);
    fputs(help, stdout);
    g_free(help);
    g_option_context_free(ctx);
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
    const char *cmd = argv[start - 1];
    GOptionContext *ctx = command_context(cmd, o);
    /* GOption takes the arguments it reads out of its vector: a copy, argv[0] the command;
     * -j4 (a number joined to -j, as make takes it) split for GOption, which reads -j 4 */
    gchar **args = g_new0(gchar *, 2 * (size_t)(argc - start) + 2);
    size_t na = 0;
    args[na++] = g_strdup(cmd);
    bool options_end = false;
    for (int i = start; i < argc; i++) {
        options_end |= strcmp(argv[i], "--") == 0;
        if (!options_end && strncmp(argv[i], "-j", 2) == 0 && argv[i][2] >= '0' && argv[i][2] <= '9') {
            args[na++] = g_strdup("-j");
            args[na++] = g_strdup(argv[i] + 2);
        } else {
            args[na++] = g_strdup(argv[i]);
        }
    }
    GError *ge = NULL;
    gboolean ok = g_option_context_parse_strv(ctx, &args, &ge);
    if (!ok) {
        if (ge && ge->domain == BL_USAGE_ERROR)
            die_usage_text(ge->message);
        if (ge && g_error_matches(ge, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION))
            unknown_option(argv, argc, start, cmd);
        /* a missing value: the option was the last argument */
        const char *last = argv[argc - 1];
        if (ge && g_error_matches(ge, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE) && last[0] == '-')
            die_usage("option '%s' needs a value", last);
        die_usage_text(ge ? ge->message : _("cannot read the options"));
    }
    g_clear_error(&ge);
    if (o->help) {
        command_help(cmd);
        exit(finish_output() < 0 ? EXIT_TROUBLE : EXIT_CLEAN);
    }
    /* what is left are the inputs: "-" (stdin), and everything after "--" */
    for (gchar **a = args + 1; *a; a++) {
        if (strcmp(*a, "--") == 0)
            continue;
        int i = start; /* the same text in argv (outlives args) */
        while (i < argc && strcmp(argv[i], *a) != 0)
            i++;
        o->files[o->nfiles++] = i < argc ? argv[i] : *a;
    }
    g_strfreev(args);
    g_option_context_free(ctx);
    if (!o->format_set)
        o->format = FMT_TEXT; /* on a terminal and off it (as linters do); JSON by name */
    /* a password off the command line (ps shows every argument to every user): a file's
     * first line, or BUDGETLINT_PASSWORD; --password still wins */
    if (!o->ex.password && o->password_file) {
        gchar *pw = NULL;
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
