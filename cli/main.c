/*
 * main.c - the budgetlint command line: usage, dispatch to a subcommand, running the stages on one document. The only place (with the other files of cli/) that prints diagnostics and decides the exit status; the stages below only return.
 */
#include "cli.h"

#include <unistd.h>

#include "../core/banned.h"

static const char usage[] = N_(
    "usage: budgetlint check [options] FILE|DIR...  check reports (PDF, DOCX, OFD,\n"
    "                                             text; - stdin; folders: each .pdf .docx .ofd .txt)\n"
    "       budgetlint extract [options] FILE    print the normalized text with page:line\n"
    "       budgetlint extract --tables FILE     print the tables found: rows, cells, columns\n"
    "       budgetlint numbers [options] FILE    every number read: page:line, kind, value, unit, tags\n"
    "       budgetlint merge OUT.sqlite IN.sqlite...  merge result stores (shards)\n"
    "       budgetlint report --db FILE.sqlite [--xlsx F] [--csv F] [--html F]\n"
    "                                            the bureau's workbook, CSV and HTML page\n"
    "       budgetlint rules [--long]            list the rules (--long: where each one's check and doc live)\n"
    "       budgetlint explain RULE              what a rule checks, what to fix, its formula and examples\n"
    "       budgetlint --help | --version\n"
    "\n"
    "'budgetlint COMMAND --help' lists a command's options (check: outputs, batches, the store).\n"
    "\n"
    "exit status: 0 no finding at or above --fail-on; 1 such findings;\n"
    "             2 usage error or an input that could not be checked; 4 internal error;\n"
    "             130 interrupted (Ctrl-C).\n"
    "Messages in Chinese when the locale is Chinese (LANG=zh_CN.UTF-8).\n"
    "JSON output: schema budgetlint/1, documented in docs/output.md.\n");

void die_usage_text(const char *msg)
{
    fputs(_("budgetlint: error: "), stderr);
    fputs(msg, stderr);
    fputs(_("\n(see 'budgetlint --help')\n"), stderr);
    exit(EXIT_TROUBLE);
}

void die_usage(const char *fmt, const char *arg)
{
    fputs(_("budgetlint: error: "), stderr);
    fprintf(stderr, _(fmt), arg); /* die_usage's formats are in the catalogue (xgettext --keyword=die_usage:1) */
    fputs(_("\n(see 'budgetlint --help')\n"), stderr);
    exit(EXIT_TROUBLE);
}

/* Run the stages on one document; the document keeps what went wrong. */
bl_doc *check_one(const char *path, const options *o, bool validate)
{
    return validate ? check_one_with(path, o, &o->cfg) : check_one_with(path, o, NULL);
}

bl_doc *check_one_with(const char *path, const options *o, const bl_config *cfg)
{
    bl_doc *d = bl_doc_new(path);
    if (bl_extract(d, &o->ex) == 0) {
        bl_normalize(d);
        if (bl_parse(d) == 0 && cfg)
            bl_validate_with(d, cfg);
    } else if (cfg) {
        bl_validate_with(d, cfg); /* records no-text-layer as a finding */
    }
    return d;
}

/* Each error code's cause (docs/output.md), for people */
static const char *const causes[][2] = {
    {"not-found", N_("the file does not exist")},
    {"not-a-file", N_("not a regular file")},
    {"unreadable", N_("the file cannot be read")},
    {"empty", N_("the file is empty")},
    {"not-pdf", N_("not a PDF file")},
    {"binary", N_("neither a PDF, a DOCX, an OFD nor a text file")},
    {"damaged", N_("the file is damaged")},
    {"encrypted", N_("the PDF is encrypted (give --password)")},
    {"bad-password", N_("the password does not open the PDF")},
    {"no-text-layer", N_("no text layer, and OCR found no text")},
    {"bad-encoding", N_("the text is not in a known encoding")},
    {"too-large", N_("over a size limit")},
    {"too-complex", N_("too complex to read")},
    {"crashed", N_("the check stopped (its process crashed)")},
    {"timeout", N_("the check ran over --timeout")},
    {"out-of-memory", N_("the check ran over --max-memory")},
    {"internal", N_("an internal error")},
};

const char *error_cause(const char *code, const char *message, char *buf, size_t size)
{
    message = message ? message : "";
    for (size_t k = 0; code && k < sizeof causes / sizeof *causes; k++) {
        if (strcmp(code, causes[k][0]) != 0)
            continue;
        const char *t = _(causes[k][1]);
        if (t == causes[k][1]) /* no translation: the record's message says it best */
            return message;
        snprintf(buf, size, _("%s (%s)"), t, message);
        return buf;
    }
    return message;
}

void report_error(const bl_doc *d)
{
    char *shown = bl_path_shown(d->path), buf[600];
    fprintf(stderr, _("budgetlint: error: '%s': %s\n"), shown, error_cause(d->err.code, d->err.message, buf, sizeof buf));
    free(shown);
}

int finish_output(void)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fputs(_("budgetlint: error: writing output failed\n"), stderr);
        return -1;
    }
    return 0;
}

/*
 * Tesseract's OpenMP threads (OCR) only contend in a batch that runs a worker per core
 * (a 35-page batch of scans: 160 s at -j 1, 35 s with one thread each). libgomp reads
 * OMP_THREAD_LIMIT when it loads, before main, and Tesseract asks for its threads by
 * number: so the limit is set and the program started again, once, with it set.
 */
static void one_ocr_thread(char **argv)
{
    if (getenv("OMP_THREAD_LIMIT"))
        return;
    /* only when this program is what runs (not under valgrind, whose tool /proc/self/exe is) */
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        return;
    self[n] = '\0';
    const char *a = strrchr(argv[0], '/'), *b = strrchr(self, '/');
    if (strcmp(a ? a + 1 : argv[0], b ? b + 1 : self) != 0)
        return;
    setenv("OMP_THREAD_LIMIT", "1", 1);
    execv(self, argv); /* on failure: go on with the threads */
}

int main(int argc, char **argv)
{
    one_ocr_thread(argv);
    bl_i18n_init(BL_LOCALEDIR);
    bl_keep_freed_memory();
    if (argc < 2) {
        fputs(_(usage), stderr);
        return EXIT_TROUBLE;
    }
    const char *cmd = argv[1];
    int rc;
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(_(usage), stdout);
        rc = finish_output() < 0 ? EXIT_TROUBLE : EXIT_CLEAN;
    } else if (strcmp(cmd, "--version") == 0) {
        printf("budgetlint %s\n", BL_VERSION);
        rc = finish_output() < 0 ? EXIT_TROUBLE : EXIT_CLEAN;
    } else if (strcmp(cmd, "rules") == 0) {
        rc = cmd_rules(argc, argv);
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
        if (o.owned)
            g_ptr_array_free(o.owned, TRUE);
    } else {
        die_usage("unknown command '%s'", cmd);
        rc = EXIT_TROUBLE;
    }
    bl_parse_cleanup();
    bl_normalize_cleanup();
    return rc;
}
