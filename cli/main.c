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
    "       budgetlint explain RULE              what a rule checks, its formula and examples\n"
    "       budgetlint --help | --version\n"
    "\n"
    "options:\n"
    "  --format text|json|jsonl|sarif|github|gitlab\n"
    "                            output format (default: text); json: one array of records;\n"
    "                            jsonl: a record a line; sarif: SARIF 2.1.0 (code scanning);\n"
    "                            github: workflow commands; gitlab: Code Quality JSON\n"
    "  -o, --output FILE         write the output to FILE (whole, or not at all), not stdout\n"
    "  --write-baseline FILE     record this run's findings (their fingerprints) in FILE\n"
    "  --baseline FILE           leave out the findings recorded in FILE: only new ones count\n"
    "  --color auto|always|never colour the text format (auto: on a terminal, unless NO_COLOR)\n"
    "  --fail-on error|warning|info|none\n"
    "                            exit 1 when a finding at or above this severity exists\n"
    "                            (default: error)\n"
    "  --profile NAME            regional rules: national (default), sichuan, guizhou,\n"
    "                            chongqing, guangzhou (grade bands, rate basis, thresholds)\n"
    "  --config FILE             settings (profile, rules on/off, severities, fail_on); default:\n"
    "                            budgetlint.json in this directory or a parent (docs/config.md)\n"
    "  --password PW             password for encrypted PDFs (visible in ps: prefer the next two)\n"
    "  --password-file FILE      the password is the file's first line\n"
    "                            (or the environment variable BUDGETLINT_PASSWORD)\n"
    "  --encoding ENC            encoding of text input (default: UTF-8, else GB18030)\n"
    "  --ocr auto|always|never   OCR PDF pages without a usable text layer (default auto)\n"
    "\n"
    "batches:\n"
    "  -j, --jobs N              worker processes (default: the number of cores); each file\n"
    "                            is checked in its own process, results come in input order;\n"
    "                            -j 0 checks in this process (no crash isolation)\n"
    "  --timeout SECONDS         per file (default 60); a file over it gets code timeout\n"
    "  --max-memory MB           per worker (default 2048); over it: code out-of-memory\n"
    "  --annotate DIR            each checked PDF (DOCX) again in DIR, findings highlighted\n"
    "                            (Word comments), a note on each: stated against recomputed\n"
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

void command_help(const char *cmd)
{
    if (strcmp(cmd, "check") == 0) {
        /* the usage's check line, then its options and batch options */
        const char *u = _(usage);
        const char *o = strstr(u, _("options:"));
        const char *x = strstr(u, _("exit status:"));
        fputs(_("usage: budgetlint check [options] FILE|DIR...  check reports (PDF, DOCX, OFD,\n"
                "                                             text; - stdin; folders: each .pdf .docx .ofd .txt)\n\n"),
              stdout);
        if (o)
            fwrite(o, 1, x && x > o ? (size_t)(x - o) : strlen(o), stdout);
        if (x)
            fputs(x, stdout);
        return;
    }
    printf(_("usage: budgetlint %s [options] FILE\n"
             "  %s\n\n"
             "options:\n"
             "  --password PW, --password-file FILE   the password of an encrypted PDF\n"
             "  --encoding ENC            encoding of text input (default: UTF-8, else GB18030)\n"
             "  --ocr auto|always|never   as for check\n"
             "  --profile NAME, --config FILE          as for check\n"
             "%s"
             "\n(the options of a batch and its outputs - --db, --format, -j, … - belong to 'budgetlint check')\n"),
           cmd,
           strcmp(cmd, "extract") == 0 ? _("print the normalized text with page:line (--tables: the tables' rows and cells)")
                                       : _("print every number read: page:line, kind, value, unit, tags"),
           strcmp(cmd, "extract") == 0 ? _("  --tables                  print the tables found: rows, cells, columns\n") : "");
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
    } else {
        die_usage("unknown command '%s'", cmd);
        rc = EXIT_TROUBLE;
    }
    bl_parse_cleanup();
    bl_normalize_cleanup();
    return rc;
}
