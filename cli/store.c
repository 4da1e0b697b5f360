/*
 * store.c - budgetlint report (XLSX, CSV, HTML from a store) and budgetlint merge.
 */
#include "cli.h"

#include "../core/banned.h"

int cmd_report(int argc, char **argv)
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
        die_usage_text(_("report needs --db FILE and at least one of --xlsx, --csv, --html"));
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

int cmd_merge(int argc, char **argv)
{
    if (argc < 4)
        die_usage_text(_("merge takes OUT.sqlite and at least one IN.sqlite"));
    char err[300];
    bl_store *out = bl_store_open(argv[2], err, sizeof err);
    if (!out) {
        fprintf(stderr, _("budgetlint: error: '%s': %s\n"), argv[2], err);
        return EXIT_TROUBLE;
    }
    int rc = EXIT_CLEAN;
    for (int i = 3; i < argc; i++) {
        long added;
        if (bl_store_merge(out, argv[i], &added, err, sizeof err) < 0) {
            fprintf(stderr, _("budgetlint: error: %s\n"), err);
            rc = EXIT_TROUBLE;
        } else {
            fprintf(stderr, ngettext("budgetlint: merged %ld report from '%s'\n", "budgetlint: merged %ld reports from '%s'\n", (unsigned long)added), added, argv[i]);
        }
    }
    bl_store_close(out);
    return rc;
}
