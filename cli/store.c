/*
 * store.c - budgetlint report (XLSX, CSV, HTML from a store) and budgetlint merge.
 */
#include "cli.h"

#include "../core/banned.h"

static int report_to(const char *db, const char *xlsx, const char *csv, const char *html);

int cmd_report(int argc, char **argv)
{
    gchar *db = NULL, *xlsx = NULL, *csv = NULL, *html = NULL;
    GOptionEntry entries[] = {
        {"db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("the results store (budgetlint check --db)"), "FILE.sqlite"},
        {"xlsx", 0, 0, G_OPTION_ARG_FILENAME, &xlsx, N_("the workbook: 报告, 问题 and 规则汇总 sheets"), N_("FILE")},
        {"csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, N_("the reports as CSV, the findings beside it (FILE-findings.csv)"),
         N_("FILE")},
        {"html", 0, 0, G_OPTION_ARG_FILENAME, &html, N_("one page: charts, a filter box, both tables"), N_("FILE")},
        G_OPTION_ENTRY_NULL};
    gchar **rest = parse_command(argc, argv, "", _("The bureau's workbook, CSV and HTML page from a results store."),
                                 entries);
    bool extra = rest[0] != NULL;
    g_strfreev(rest);
    if (extra)
        die_usage_text(_("report takes only options (see 'budgetlint report --help')"));
    if (!db || (!xlsx && !csv && !html))
        die_usage_text(_("report needs --db FILE and at least one of --xlsx, --csv, --html"));
    int rc = report_to(db, xlsx, csv, html);
    g_free(db);
    g_free(xlsx);
    g_free(csv);
    g_free(html);
    return rc;
}

/* report's work, its files named */
static int report_to(const char *db, const char *xlsx, const char *csv, const char *html)
{
    if (access(db, R_OK) != 0) {
        fprintf(stderr, _("budgetlint: error: cannot open '%s': %s\n"), db, bl_strerror(errno));
        return EXIT_TROUBLE;
    }
    char err[300];
    bl_store *s = bl_store_open_read(db, err, sizeof err);
    if (!s) {
        fprintf(stderr, _("budgetlint: error: '%s': %s\n"), db, err);
        return EXIT_TROUBLE;
    }
    /* no output over the store, over another output, or over a file it names */
    bl_fileid ids[1];
    size_t nids = bl_fileid_of(db, &ids[0]) ? 1 : 0;
    const char *outs[3] = {xlsx, csv, html};
    for (int k = 0; k < 3; k++) {
        if (outs[k] && bl_outfile_is_one_of(outs[k], ids, nids)) {
            fprintf(stderr, _("budgetlint: error: refusing to write '%s': it is the store '%s'\n"), outs[k], db);
            bl_store_close(s);
            return EXIT_TROUBLE;
        }
        for (int j = 0; j < k; j++)
            if (outs[j] && outs[k] && strcmp(outs[j], outs[k]) == 0)
                die_usage("two reports to one file '%s'", outs[k]);
    }
    int rc = EXIT_CLEAN;
    if ((xlsx && bl_report_xlsx(s, xlsx, err, sizeof err) < 0) || (csv && bl_report_csv(s, csv, err, sizeof err) < 0) ||
        (html && bl_report_html(s, html, err, sizeof err) < 0)) {
        fprintf(stderr, _("budgetlint: error: %s\n"), err);
        rc = EXIT_TROUBLE;
    }
    bl_store_close(s);
    return rc;
}

static int merge_into(const char *out_path, gchar **ins);

int cmd_merge(int argc, char **argv)
{
    GOptionEntry none[] = {G_OPTION_ENTRY_NULL};
    gchar **rest = parse_command(argc, argv, "OUT.sqlite IN.sqlite...",
                                 _("Merge result stores (shards) into OUT; OUT is created when missing."), none);
    int n = (int)g_strv_length(rest);
    int rc = n >= 2 ? merge_into(rest[0], rest + 1) : -1;
    g_strfreev(rest);
    if (rc < 0)
        die_usage_text(_("merge takes OUT.sqlite and at least one IN.sqlite"));
    return rc;
}

/* merge's work: each store of ins into out */
static int merge_into(const char *out_path, gchar **ins)
{
    char err[300];
    bl_store *out = bl_store_open(out_path, err, sizeof err);
    if (!out) {
        fprintf(stderr, _("budgetlint: error: '%s': %s\n"), out_path, err);
        return EXIT_TROUBLE;
    }
    int rc = EXIT_CLEAN;
    for (int i = 0; ins[i]; i++) {
        long added;
        if (bl_store_merge(out, ins[i], &added, err, sizeof err) < 0) {
            fprintf(stderr, _("budgetlint: error: %s\n"), err);
            rc = EXIT_TROUBLE;
        } else {
            fprintf(stderr, ngettext("budgetlint: merged %ld report from '%s'\n", "budgetlint: merged %ld reports from '%s'\n", (unsigned long)added), added, ins[i]);
        }
    }
    bl_store_close(out);
    return rc;
}
