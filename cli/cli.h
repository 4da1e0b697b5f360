/*
 * cli.h - cli/'s own interface between its files: the exit status, output formats,
 * the options of check/extract/numbers, and the subcommands main.c dispatches to.
 */
#ifndef BL_CLI_H
#define BL_CLI_H

#include <dirent.h>
#include <fcntl.h>
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
#include "../core/i18n.h"
#include "../core/outfile.h"
#include "../emit/emit.h"
#include "../extract/extract.h"
#include "../normalize/normalize.h"
#include "../normalize/quantity.h"
#include "../parse/parse.h"
#include "../validate/validate.h"

#include <errno.h>

#define BL_VERSION "0.2.0"

/* Exit status (docs/output.md): one enum, documented and tested. */
enum {
    EXIT_CLEAN = 0,       /* no finding at or above --fail-on */
    EXIT_FINDINGS = 1,    /* findings at or above --fail-on */
    EXIT_TROUBLE = 2,     /* usage error, or an input that could not be checked */
    EXIT_INTERNAL = 4,    /* out of memory, or a bug */
    EXIT_INTERRUPTED = 130 /* Ctrl-C: what was done is written and summarized */
};

enum format { FMT_TEXT, FMT_JSON, FMT_JSONL, FMT_SARIF, FMT_GITHUB, FMT_GITLAB };

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
    bool force, quiet, progress, stats, color, tables, help;
    GPtrArray *owned; /* the options' values (GOption frees the arguments they came from) */
    const char *color_opt;
    int shard_k, shard_n;
    bool fail_on_set;
    const char *config_path, *profile_name;
    const char *password_file;
    const char *baseline, *write_baseline; /* --baseline FILE, --write-baseline FILE */
    const char *output;                    /* --output FILE: stdout's output, written whole */
    bl_config cfg;
    char config_found[4200]; /* the budgetlint.json o->cfg came from ("" none) */
} options;

/** A usage error given as its whole message (translated by the caller): one line, exit 2. */
G_NORETURN void die_usage_text(const char *msg);
void die_usage(const char *fmt, const char *arg);
/** Read budgetlint.json (o->config_path, else the first found upward) into o->cfg; exits 2 on a bad file. */
void load_config(options *o);
/** The first budgetlint.json from start_dir up to the root, into found; false when none. */
bool find_config(const char *start_dir, char *found, size_t size);
/** A whole file (g_free it); exits 2 with one line naming it when it cannot be read. */
gchar *read_whole_or_exit(const char *path, gsize *len);
/** Parse the budgetlint.json at path into cfg; exits 2 with one line on a bad file. */
void read_config(const char *path, bl_config *cfg);
/** budgetlint CMD --help: the command's own usage and options, on stdout. */
void command_help(const char *cmd);
/** A small command's options (GOption entries pointing at the caller's variables) and its --help;
 *  returns its other arguments (g_strfreev). */
gchar **parse_command(int argc, char **argv, const char *params, const char *summary, GOptionEntry *entries);
bl_doc *check_one(const char *path, const options *o, bool validate);
/** The same under the configuration cfg (an input's own budgetlint.json). */
bl_doc *check_one_with(const char *path, const options *o, const bl_config *cfg);
void report_error(const bl_doc *d);
/** Why a file could not be checked, for people: its code's cause in the user's language (then the
 *  record's English message in brackets), or the message itself when there is no translation. */
const char *error_cause(const char *code, const char *message, char *buf, size_t size);
int finish_output(void);
void parse_options(int argc, char **argv, int start, options *o);
int cmd_check(options *o);
int cmd_report(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_extract(options *o);
int cmd_numbers(options *o);
int cmd_rules(int argc, char **argv);
int cmd_explain(int argc, char **argv);

#endif
