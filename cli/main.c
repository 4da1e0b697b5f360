/*
 * main.c - the budgetlint command line. The only place that prints
 * diagnostics and decides the exit status; the stages below only return.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/doc.h"
#include "../emit/emit.h"
#include "../extract/extract.h"
#include "../normalize/normalize.h"
#include "../normalize/quantity.h"
#include "../parse/parse.h"
#include "../validate/validate.h"

#include "../core/banned.h"

#define BL_VERSION "0.1.0"

/* Exit status (docs/output.md): one enum, documented and tested. */
enum {
    EXIT_CLEAN = 0,    /* no finding at or above --fail-on */
    EXIT_FINDINGS = 1, /* findings at or above --fail-on */
    EXIT_TROUBLE = 2   /* usage error, or an input that could not be checked */
};

enum format { FMT_TEXT, FMT_JSON, FMT_JSONL };

static const char usage[] =
    "usage: budgetlint check [options] FILE...   check reports (PDF or text; - is stdin)\n"
    "       budgetlint extract [options] FILE    print the normalized text with page:line\n"
    "       budgetlint numbers [options] FILE    every number read: page:line, kind, value, unit, tags\n"
    "       budgetlint rules                     list the rules\n"
    "       budgetlint explain RULE              what a rule checks, its formula and examples\n"
    "       budgetlint --help | --version\n"
    "\n"
    "options:\n"
    "  --format text|json|jsonl  output format (default: text on a terminal, else json);\n"
    "                            json prints one object for one file, one per line for several\n"
    "  --fail-on error|warning|info|none\n"
    "                            exit 1 when a finding at or above this severity exists\n"
    "                            (default: error)\n"
    "  --password PW             password for encrypted PDFs\n"
    "  --encoding ENC            encoding of text input (default: UTF-8, else GB18030)\n"
    "\n"
    "exit status: 0 no finding at or above --fail-on; 1 such findings;\n"
    "             2 usage error or an input that could not be checked.\n"
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
} options;

static void parse_options(int argc, char **argv, int start, options *o)
{
    o->fail_on = BL_SEV_ERROR;
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
            else
                die_usage("unknown format '%s' (use text, json or jsonl)", val);
        } else if (OPT("--fail-on")) {
            VALUE();
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
        } else {
            die_usage("unknown option '%s'", a);
        }
#undef OPT
#undef VALUE
    }
    if (!o->format_set)
        o->format = isatty(STDOUT_FILENO) ? FMT_TEXT : FMT_JSON;
}

/* Run the stages on one document; the document keeps what went wrong. */
static bl_doc *check_one(const char *path, const options *o, bool validate)
{
    bl_doc *d = bl_doc_new(path);
    if (bl_extract(d, &o->ex) == 0) {
        bl_normalize(d);
        if (bl_parse(d) == 0 && validate)
            bl_validate(d);
    } else if (validate) {
        bl_validate(d); /* records no-text-layer as a finding */
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

static int cmd_check(options *o)
{
    if (o->nfiles == 0)
        die_usage("%s", "no input files (give FILE..., or - for stdin)");
    bool trouble = false, failing = false;
    int stdin_uses = 0;
    for (int i = 0; i < o->nfiles; i++)
        stdin_uses += strcmp(o->files[i], "-") == 0;
    if (stdin_uses > 1)
        die_usage("%s", "stdin ('-') can be read only once");
    bl_counts total = {0, 0, 0};
    int nerr = 0;
    for (int i = 0; i < o->nfiles; i++) {
        bl_doc *d = check_one(o->files[i], o, true);
        if (d->err.cls != BL_OK) {
            trouble = true;
            nerr++;
            report_error(d);
        }
        bl_counts c = bl_count_findings(d);
        total.errors += c.errors, total.warnings += c.warnings, total.infos += c.infos;
        for (size_t k = 0; k < d->nfindings; k++)
            if ((int)d->findings[k].severity >= o->fail_on)
                failing = true;
        int w;
        if (o->format == FMT_TEXT)
            w = bl_emit_text(d, stdout);
        else
            w = bl_emit_json(d, stdout, o->format == FMT_JSON && o->nfiles == 1);
        bl_doc_free(d);
        fflush(stdout); /* stream: what is written is not lost if a later file crashes */
        if (w < 0)
            break;
    }
    if (o->format == FMT_TEXT)
        printf("%d file%s checked: %d error%s, %d warning%s, %d info%s%s\n", o->nfiles,
               o->nfiles == 1 ? "" : "s", total.errors, total.errors == 1 ? "" : "s",
               total.warnings, total.warnings == 1 ? "" : "s", total.infos,
               total.infos == 1 ? "" : "s",
               nerr ? (nerr == 1 ? "; 1 file could not be checked" : "; some files could not be checked") : "");
    if (finish_output() < 0)
        return EXIT_TROUBLE;
    return trouble ? EXIT_TROUBLE : failing ? EXIT_FINDINGS : EXIT_CLEAN;
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
    for (size_t i = 0; i < n; i++)
        printf("%-20s %-8s %s\n", r[i].id, bl_severity_name(r[i].severity), r[i].title);
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
    return rc;
}
